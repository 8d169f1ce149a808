//! The layout shared by the two line charts: legend on top, y axis labels and title on the
//! left, x axis labels and title below, all sized from measured text so nothing is clipped at
//! 360 CSS px or crowded when projected.
use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use std::ops::Range;

use plotters::coord::types::RangedCoordf64;
use plotters::style::text_anchor::{HPos, VPos};

use super::canvas::{
    axes, draw_err, line_h, text_style, Legend, LegendItem, Measurer, Prepared, AXIS, FG, GRID,
    MUTED,
};
use super::layout::{self, ellipsize, fit_size, MIN_FONT};
use super::ChartError;

/// What a line chart plots, in plotted units: both axes are linear here; a log axis is plotted as
/// log10 of its values (ticks at whole exponents), so the two charts share one instance of
/// plotters' generic chart code instead of one per coordinate type (a smaller wasm).
pub(crate) struct LinePlot<'a> {
    pub x: Range<f64>,
    pub y: Range<f64>,
    pub series: &'a [(Vec<(f64, f64)>, RGBColor)],
    /// Series with at most this many points get a marker on every point (more would blur).
    pub max_marked_points: usize,
    /// A dashed vertical line at this x with its label (e.g. the risk tolerance).
    pub vertical: Option<(f64, &'a str)>,
}

/// Below this plot size (CSS px) a chart is not worth drawing.
const MIN_PLOT: f64 = 40.0;

/// Tick values with their labels, computed for an available length in CSS px.
pub(crate) type Ticks = Vec<(f64, String)>;

/// Geometry of a line chart, in CSS px.
pub(crate) struct Frame {
    pub legend: Legend,
    /// Top of the area given to plotters' ChartBuilder (below the legend).
    pub chart_top: f64,
    pub left_area: f64,
    pub bottom_area: f64,
    pub right_margin: f64,
    pub desc_font: f64,
    pub x_desc: String,
    pub y_desc: String,
    pub x_ticks: Ticks,
    pub y_ticks: Ticks,
}

impl Frame {
    /// Lays the chart out. `y_ticks(plot_h)` and `x_ticks(plot_w)` choose ticks for the room
    /// available, so their label widths decide the label areas.
    pub fn new(
        p: &Prepared,
        m: &Measurer,
        items: Vec<LegendItem>,
        x_desc: &str,
        y_desc: &str,
        y_ticks: impl Fn(f64) -> Ticks,
        x_ticks: impl Fn(f64) -> Ticks,
    ) -> Result<Frame, ChartError> {
        let (w, h) = (p.css_width, p.css_height);
        let unit = |t: &str| m.unit(t, false);
        let tick_w = |t: &Ticks| {
            t.iter()
                .map(|(_, s)| unit(s) * axes::TICK_FONT)
                .fold(0.0, f64::max)
        };
        let legend = Legend::layout(items, w - 2.0 * axes::PAD, m);
        let chart_top = axes::PAD + legend.height;
        let has_x_desc = !x_desc.trim().is_empty();
        let has_y_desc = !y_desc.trim().is_empty();
        let desc_line = line_h(axes::DESC_FONT);
        // Labels sit 2 × tick from the axis (plotters' rule), then the axis title.
        let bottom_area = 2.0 * axes::TICK
            + line_h(axes::TICK_FONT)
            + if has_x_desc { 6.0 + desc_line } else { 2.0 };
        // ChartBuilder gets margin_top PAD and margin_bottom PAD around the plot + label area.
        let plot_h = h - chart_top - axes::PAD - bottom_area - axes::PAD;
        if plot_h < MIN_PLOT {
            return Err(ChartError::NoSize);
        }
        let y = y_ticks(plot_h);
        let left_area =
            (if has_y_desc { desc_line + 6.0 } else { 0.0 }) + tick_w(&y) + 2.0 * axes::TICK + 2.0;
        // Right margin: room for half of the last x label, which is centred on the plot's edge.
        let mut right_margin = axes::PAD + 8.0;
        let mut plot_w = w - axes::PAD - left_area - right_margin;
        let mut x = x_ticks(plot_w);
        if let Some((_, last)) = x.last() {
            let need = unit(last) * axes::TICK_FONT / 2.0 + 4.0;
            if need > right_margin {
                right_margin = need;
                plot_w = w - axes::PAD - left_area - right_margin;
                x = x_ticks(plot_w);
            }
        }
        if plot_w < MIN_PLOT {
            return Err(ChartError::NoSize);
        }
        // One size for both axis titles; shortened rather than clipped.
        let xd = x_desc.trim();
        let yd = y_desc.trim();
        let desc_font = fit_size(unit(xd), plot_w, axes::DESC_FONT)
            .min(fit_size(unit(yd), plot_h, axes::DESC_FONT))
            .max(MIN_FONT.max(11.0));
        Ok(Frame {
            legend,
            chart_top,
            left_area,
            bottom_area,
            right_margin,
            desc_font,
            x_desc: ellipsize(xd, plot_w, desc_font, &unit),
            y_desc: ellipsize(yd, plot_h, desc_font, &unit),
            x_ticks: x,
            y_ticks: y,
        })
    }

    /// Draws the legend and returns the area for ChartBuilder (below the legend).
    pub fn chart_area(
        &self,
        root: &DrawingArea<CanvasBackend, Shift>,
        p: &Prepared,
    ) -> Result<DrawingArea<CanvasBackend, Shift>, ChartError> {
        self.legend.draw(root, p, axes::PAD, axes::PAD)?;
        let (_, below) = root.split_vertically(p.px(self.chart_top));
        Ok(below)
    }

    /// A ChartBuilder with the margins and label areas of this frame.
    pub fn builder<'a, 'b>(
        &self,
        area: &'a DrawingArea<CanvasBackend, Shift>,
        p: &Prepared,
    ) -> ChartBuilder<'a, 'b, CanvasBackend> {
        let mut b = ChartBuilder::on(area);
        b.margin_top(p.px(axes::PAD))
            .margin_bottom(p.px(axes::PAD))
            .margin_left(p.px(axes::PAD))
            .margin_right(p.px(self.right_margin))
            .x_label_area_size(p.px(self.bottom_area))
            .y_label_area_size(p.px(self.left_area));
        b
    }
}

impl Frame {
    /// Draws the whole chart below the legend: grid, axes with this frame's ticks and titles, the
    /// series, and the optional vertical line.
    pub fn plot(
        &self,
        root: &DrawingArea<CanvasBackend, Shift>,
        p: &Prepared,
        m: &Measurer,
        plot: LinePlot<'_>,
    ) -> Result<(), ChartError> {
        let area = self.chart_area(root, p)?;
        let xs: Vec<f64> = self.x_ticks.iter().map(|t| t.0).collect();
        let ys: Vec<f64> = self.y_ticks.iter().map(|t| t.0).collect();
        let (x_lo, x_hi) = (plot.x.start, plot.x.end);
        let mut chart = self
            .builder(&area, p)
            .build_cartesian_2d(
                Ticked::new(RangedCoordf64::from(plot.x), xs),
                Ticked::new(RangedCoordf64::from(plot.y.clone()), ys),
            )
            .map_err(draw_err)?;
        let x_fmt = |v: &f64| label_of(&self.x_ticks, *v);
        let y_fmt = |v: &f64| label_of(&self.y_ticks, *v);
        chart
            .configure_mesh()
            .bold_line_style(GRID.stroke_width(p.stroke(1.0)))
            .light_line_style(TRANSPARENT)
            .axis_style(AXIS.stroke_width(p.stroke(1.0)))
            .set_all_tick_mark_size(p.px(axes::TICK))
            .label_style(text_style(
                p.font(axes::TICK_FONT),
                false,
                MUTED,
                HPos::Center,
                VPos::Center,
            ))
            .axis_desc_style(text_style(
                p.font(self.desc_font),
                false,
                FG,
                HPos::Center,
                VPos::Center,
            ))
            .x_desc(self.x_desc.clone())
            .y_desc(self.y_desc.clone())
            .x_label_formatter(&x_fmt)
            .y_label_formatter(&y_fmt)
            .draw()
            .map_err(draw_err)?;

        for (pts, c) in plot.series {
            if pts.len() > 1 {
                chart
                    .draw_series(LineSeries::new(
                        pts.iter().copied(),
                        c.stroke_width(p.stroke(2.5)),
                    ))
                    .map_err(draw_err)?;
            }
            if pts.len() <= plot.max_marked_points {
                chart
                    .draw_series(
                        pts.iter()
                            .map(|pt| Circle::new(*pt, p.stroke(3.5), c.filled())),
                    )
                    .map_err(draw_err)?;
            }
        }

        let Some((value, label)) = plot.vertical else {
            return Ok(());
        };
        let value = value.clamp(x_lo, x_hi);
        let y_top = plot.y.end;
        chart
            .draw_series(DashedLineSeries::new(
                vec![(value, plot.y.start), (value, y_top)],
                p.px(6.0),
                p.px(4.0),
                FG.stroke_width(p.stroke(1.5)),
            ))
            .map_err(draw_err)?;
        // The label sits at the top of the line, on the side with more room, on a white box so
        // it stays legible over the curves.
        let (lx, ly) = chart.backend_coord(&(value, y_top));
        let plot_x0 = chart.backend_coord(&(x_lo, y_top)).0;
        let plot_x1 = chart.backend_coord(&(x_hi, y_top)).0;
        let right_side = (plot_x1 - lx) >= (lx - plot_x0);
        let room_px = if right_side {
            plot_x1 - lx
        } else {
            lx - plot_x0
        };
        let room = (room_px as f64 / p.dpr - 8.0).max(0.0);
        let font = axes::TICK_FONT;
        let unit = |t: &str| m.unit(t, true);
        // One line if it fits, else two (split at a space), each shortened only if it must be.
        let label = label.trim();
        let lines: Vec<String> = if unit(label) * font <= room {
            vec![label.to_owned()]
        } else {
            layout::wrap_two(label)
                .iter()
                .map(|l| ellipsize(l, room, font, &unit))
                .collect()
        };
        let lines: Vec<String> = lines.into_iter().filter(|l| !l.is_empty()).collect();
        if lines.is_empty() {
            return Ok(());
        }
        let widest = lines.iter().map(|l| unit(l)).fold(0.0, f64::max);
        let w = p.px(widest * font + 6.0);
        let gap = p.px(4.0);
        let (x0, h) = if right_side {
            (lx + gap, HPos::Left)
        } else {
            (lx - gap, HPos::Right)
        };
        let top = ly + p.px(4.0);
        let line = p.px(line_h(font));
        let box_h = line * lines.len() as i32 + p.px(2.0);
        let (bx0, bx1) = if right_side {
            (x0 - p.px(3.0), x0 - p.px(3.0) + w)
        } else {
            (x0 + p.px(3.0) - w, x0 + p.px(3.0))
        };
        root.draw(&Rectangle::new(
            [(bx0, top), (bx1, top + box_h)],
            WHITE.mix(0.85).filled(),
        ))
        .map_err(draw_err)?;
        for (i, text) in lines.into_iter().enumerate() {
            let y = top + p.px(1.0) + line * i as i32 + line / 2;
            root.draw(&Text::new(
                text,
                (x0, y),
                text_style(p.font(font), true, FG, h, VPos::Center),
            ))
            .map_err(draw_err)?;
        }
        Ok(())
    }
}

/// Labelled tick values from plain values.
pub(crate) fn label(values: Vec<f64>, fmt: impl Fn(f64) -> String) -> Ticks {
    values.into_iter().map(|v| (v, fmt(v))).collect()
}

/// The label for `v` among `ticks` (exact match within rounding), else "".
pub(crate) fn label_of(ticks: &Ticks, v: f64) -> String {
    ticks
        .iter()
        .find(|(t, _)| (t - v).abs() <= 1e-9 * t.abs().max(1.0))
        .map(|(_, s)| s.clone())
        .unwrap_or_default()
}

/// How many tick labels of `widest` CSS px fit along `length` with a gap.
pub(crate) fn fit_count(length: f64, widest: f64) -> usize {
    let per = widest + 14.0;
    if !(length.is_finite() && per > 0.0) {
        return 2;
    }
    ((length / per).floor() as usize).clamp(2, 12)
}

/// An axis with exactly the given tick values (ours, from [`super::layout`]).
///
/// plotters' own `with_key_points` keeps the f64 axis' "no default formatting" marker, which makes
/// `configure_mesh` refuse it even with a label formatter; this wrapper declares default
/// formatting (never used: every chart sets its formatters) and returns our ticks as the bold
/// key points, with no light lines.
pub(crate) struct Ticked<R> {
    inner: R,
    ticks: Vec<f64>,
}

impl<R: Ranged<ValueType = f64>> Ticked<R> {
    pub fn new(inner: R, ticks: Vec<f64>) -> Self {
        Ticked { inner, ticks }
    }
}

impl<R: Ranged<ValueType = f64>> Ranged for Ticked<R> {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        self.inner.map(value, limit)
    }

    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        if hint.weight().allow_light_points() {
            Vec::new()
        } else {
            self.ticks.clone()
        }
    }

    fn range(&self) -> Range<f64> {
        self.inner.range()
    }

    fn axis_pixel_range(&self, limit: (i32, i32)) -> Range<i32> {
        self.inner.axis_pixel_range(limit)
    }
}
