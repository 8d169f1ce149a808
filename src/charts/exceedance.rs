//! Loss-exceedance curves: x = loss in MOP on a log scale, y = P(annual loss > x), one curve per
//! option, with an optional vertical risk-tolerance line.
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};
use web_sys::HtmlCanvasElement;

use super::canvas::{
    self, axes, draw_err, text_style, LegendItem, Measurer, AXIS, FG, GRID, MUTED,
};
use super::cost_over_time::colour;
use super::frame::{self, Frame, Ticked};
use super::layout::{self, ellipsize};
use super::{ChartError, ExceedanceData};
use crate::i18n::{format_mop_compact, format_percent};
use plotters::coord::types::RangedCoordf64;

/// Curves with more points than this are drawn as plain lines (markers would merge into blobs).
const MAX_MARKED_POINTS: usize = 12;

/// Draws the loss-exceedance chart on `canvas`, filling its CSS size.
///
/// Give the canvas a CSS width and height and redraw on resize and devicePixelRatio change. The
/// x axis is logarithmic and spans whole decades around the data (and the tolerance); points
/// with a loss ≤ 0 or not finite cannot sit on a log axis and are skipped, probabilities are
/// clamped to 0..1. With no drawable point at all (no series, all-zero losses) an empty frame with
/// the axis titles is drawn (MOP 1k–1M). `tolerance` draws a dashed vertical line labelled with
/// its text. Returns [`ChartError::NoSize`] while the canvas has no size or is too small.
///
/// ```ignore
/// use collab_risk::charts::{exceedance, ExceedanceData, Series};
/// use collab_risk::i18n::Locale;
///
/// let data = ExceedanceData {
///     series: vec![Series {
///         label: "Microsoft 365".into(),
///         points: vec![(1_000.0, 0.9), (10_000.0, 0.4), (100_000.0, 0.05)],
///     }],
///     x_label: "Annual loss (MOP)".into(),
///     y_label: "Probability of exceeding".into(),
///     tolerance: Some((50_000.0, "Risk tolerance".into())),
///     locale: Locale::En,
/// };
/// exceedance::draw(&canvas, &data)?;
/// ```
pub fn draw(canvas: &HtmlCanvasElement, data: &ExceedanceData) -> Result<(), ChartError> {
    let p = canvas::prepare(canvas)?;
    let m = Measurer::new(canvas);
    let locale = data.locale;

    let series: Vec<(Vec<(f64, f64)>, RGBColor)> = data
        .series
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let pts = layout::clean_points(&s.points, |x, _| x > 0.0)
                .into_iter()
                .map(|(x, y)| (x, y.clamp(0.0, 1.0)))
                .collect();
            (pts, colour(i))
        })
        .collect();
    let tolerance = data
        .tolerance
        .as_ref()
        .filter(|(v, _)| v.is_finite() && *v > 0.0);
    let (lo_e, hi_e) = layout::log_decades(
        series
            .iter()
            .flat_map(|(pts, _)| pts.iter().map(|p| p.0))
            .chain(tolerance.map(|t| t.0)),
    );
    let (x_lo, x_hi) = (10f64.powi(lo_e), 10f64.powi(hi_e));
    // Points are inside by construction; clamp anyway so rounding never puts one off the frame.
    let series: Vec<(Vec<(f64, f64)>, RGBColor)> = series
        .into_iter()
        .map(|(pts, c)| {
            let pts = pts
                .into_iter()
                .map(|(x, y)| (x.clamp(x_lo, x_hi), y))
                .collect();
            (pts, c)
        })
        .collect();

    let items = data
        .series
        .iter()
        .enumerate()
        .map(|(i, s)| LegendItem {
            label: s.label.clone(),
            colour: colour(i),
            dashed: false,
        })
        .collect();
    let tick_line = canvas::line_h(axes::TICK_FONT);
    let y_ticks = |plot_h: f64| {
        let n = ((plot_h / (tick_line * 2.5)).floor() as usize).clamp(2, 6);
        frame::label(layout::linear_ticks(0.0, 1.0, n), |v| {
            format_percent(locale, v)
        })
    };
    let decade_w = (lo_e..=hi_e)
        .map(|e| m.unit(&format_mop_compact(locale, 10f64.powi(e)), false) * axes::TICK_FONT)
        .fold(0.0, f64::max);
    // A grid line on every decade; labels on every k-th so they never collide.
    let x_ticks = |plot_w: f64| {
        let shown = layout::decade_ticks(lo_e, hi_e, frame::fit_count(plot_w, decade_w));
        (lo_e..=hi_e)
            .map(|e| {
                let v = 10f64.powi(e);
                let label = if shown.iter().any(|s| (s - v).abs() <= 1e-9 * v) {
                    format_mop_compact(locale, v)
                } else {
                    String::new()
                };
                (v, label)
            })
            .collect()
    };
    let f = Frame::new(
        &p,
        &m,
        items,
        &data.x_label,
        &data.y_label,
        y_ticks,
        x_ticks,
    )?;

    let root = canvas::root(canvas)?;
    root.fill(&WHITE).map_err(draw_err)?;
    let area = f.chart_area(&root, &p)?;
    let xs: Vec<f64> = f.x_ticks.iter().map(|t| t.0).collect();
    let ys: Vec<f64> = f.y_ticks.iter().map(|t| t.0).collect();
    let mut chart = f
        .builder(&area, &p)
        .build_cartesian_2d(
            Ticked::new(LogCoord::from((x_lo..x_hi).log_scale()), xs),
            Ticked::new(RangedCoordf64::from(0.0..1.0), ys),
        )
        .map_err(draw_err)?;

    let x_fmt = |v: &f64| frame::label_of(&f.x_ticks, *v);
    let y_fmt = |v: &f64| frame::label_of(&f.y_ticks, *v);
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
            p.font(f.desc_font),
            false,
            FG,
            HPos::Center,
            VPos::Center,
        ))
        .x_desc(f.x_desc.clone())
        .y_desc(f.y_desc.clone())
        .x_label_formatter(&x_fmt)
        .y_label_formatter(&y_fmt)
        .draw()
        .map_err(draw_err)?;

    for (pts, c) in &series {
        if pts.len() > 1 {
            chart
                .draw_series(LineSeries::new(
                    pts.iter().copied(),
                    c.stroke_width(p.stroke(2.5)),
                ))
                .map_err(draw_err)?;
        }
        if pts.len() <= MAX_MARKED_POINTS {
            chart
                .draw_series(
                    pts.iter()
                        .map(|pt| Circle::new(*pt, p.stroke(3.5), c.filled())),
                )
                .map_err(draw_err)?;
        }
    }

    if let Some((value, label)) = tolerance {
        let value = value.clamp(x_lo, x_hi);
        chart
            .draw_series(DashedLineSeries::new(
                vec![(value, 0.0), (value, 1.0)],
                p.px(6.0),
                p.px(4.0),
                FG.stroke_width(p.stroke(1.5)),
            ))
            .map_err(draw_err)?;
        // The label sits at the top of the line, on the side with more room, on a white box so
        // it stays legible over the curves.
        let (lx, ly) = chart.backend_coord(&(value, 1.0));
        let plot_x0 = chart.backend_coord(&(x_lo, 1.0)).0;
        let plot_x1 = chart.backend_coord(&(x_hi, 1.0)).0;
        let right_side = (plot_x1 - lx) >= (lx - plot_x0);
        let room_px = if right_side {
            plot_x1 - lx
        } else {
            lx - plot_x0
        };
        let room = (room_px as f64 / p.dpr - 8.0).max(0.0);
        let font = axes::TICK_FONT;
        let unit = |t: &str| m.unit(t, true);
        let text = ellipsize(label.trim(), room, font, &unit);
        if !text.is_empty() {
            let w = p.px(unit(&text) * font + 6.0);
            let gap = p.px(4.0);
            let (x0, h) = if right_side {
                (lx + gap, HPos::Left)
            } else {
                (lx - gap, HPos::Right)
            };
            let top = ly + p.px(4.0);
            let box_h = p.px(canvas::line_h(font) + 2.0);
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
            root.draw(&Text::new(
                text,
                (x0, top + box_h / 2),
                text_style(p.font(font), true, FG, h, VPos::Center),
            ))
            .map_err(draw_err)?;
        }
    }
    Ok(())
}
