//! Cumulative cost per option by year: one line (with a marker per year) per option.
use plotters::prelude::*;
use web_sys::HtmlCanvasElement;

use super::canvas::{self, axes, draw_err, text_style, LegendItem, Measurer, AXIS, GRID, MUTED};
use super::frame::{self, Frame, Ticked};
use super::layout;
use super::{ChartError, CostOverTimeData, SERIES_COLOURS};
use crate::i18n::format_mop_compact;
use plotters::coord::types::RangedCoordf64;

/// Draws the cost-over-time line chart on `canvas`, filling its CSS size.
///
/// Give the canvas a CSS width and height (e.g. `width: 100%; height: 20rem`) and redraw on
/// resize and devicePixelRatio change. x is the year (whole-number ticks), y is MOP (compact
/// ticks such as "MOP 250k", starting at 0 unless costs are negative). Points that are not
/// finite are skipped. Returns [`ChartError::NoSize`] while the canvas has no size or is too
/// small to hold a plot.
///
/// ```ignore
/// use collab_risk::charts::{cost_over_time, CostOverTimeData, Series};
/// use collab_risk::i18n::Locale;
///
/// let data = CostOverTimeData {
///     series: vec![Series {
///         label: "Microsoft 365".into(),
///         points: vec![(1.0, 90_000.0), (2.0, 180_000.0), (3.0, 270_000.0)],
///     }],
///     x_label: "Year".into(),
///     y_label: "Cumulative cost (MOP)".into(),
///     locale: Locale::En,
/// };
/// cost_over_time::draw(&canvas, &data)?;
/// ```
pub fn draw(canvas: &HtmlCanvasElement, data: &CostOverTimeData) -> Result<(), ChartError> {
    let p = canvas::prepare(canvas)?;
    let m = Measurer::new(canvas);
    let locale = data.locale;

    let series: Vec<(Vec<(f64, f64)>, RGBColor)> = data
        .series
        .iter()
        .enumerate()
        .map(|(i, s)| (layout::clean_points(&s.points, |_, _| true), colour(i)))
        .collect();
    let (x_lo, x_hi) =
        layout::year_range(series.iter().flat_map(|(pts, _)| pts.iter().map(|p| p.0)));
    let (y_lo, y_hi) =
        layout::money_range(series.iter().flat_map(|(pts, _)| pts.iter().map(|p| p.1)));

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
    let tick_font_line = canvas::line_h(axes::TICK_FONT);
    let y_ticks = |plot_h: f64| {
        let n = ((plot_h / (tick_font_line * 2.5)).floor() as usize).clamp(2, 8);
        frame::label(layout::covering_ticks(y_lo, y_hi, n), |v| {
            format_mop_compact(locale, v)
        })
    };
    // Year labels are at most ~4 digits: measure a typical one for the spacing.
    let year_w = m.unit("2030", false) * axes::TICK_FONT;
    let x_ticks = |plot_w: f64| {
        let n = frame::fit_count(plot_w, year_w);
        frame::label(layout::integer_ticks(x_lo, x_hi, n), |v| {
            format!("{}", v.round() as i64)
        })
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
    // The y axis spans the covering ticks exactly, so its top is a labelled line.
    let (y_lo, y_hi) = match (ys.first(), ys.last()) {
        (Some(a), Some(b)) if b > a => (*a, *b),
        _ => (y_lo, y_hi),
    };
    let mut chart = f
        .builder(&area, &p)
        .build_cartesian_2d(
            Ticked::new(RangedCoordf64::from(x_lo..x_hi), xs),
            Ticked::new(RangedCoordf64::from(y_lo..y_hi), ys),
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
            plotters::style::text_anchor::HPos::Center,
            plotters::style::text_anchor::VPos::Center,
        ))
        .axis_desc_style(text_style(
            p.font(f.desc_font),
            false,
            canvas::FG,
            plotters::style::text_anchor::HPos::Center,
            plotters::style::text_anchor::VPos::Center,
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
        // A marker per year: the data are yearly, and a single year still shows.
        chart
            .draw_series(
                pts.iter()
                    .map(|pt| Circle::new(*pt, p.stroke(3.5), c.filled())),
            )
            .map_err(draw_err)?;
    }
    Ok(())
}

/// Series colour `i`, cycling through the colour-blind-safe palette.
pub(crate) fn colour(i: usize) -> RGBColor {
    let (r, g, b) = SERIES_COLOURS
        .get(i % SERIES_COLOURS.len())
        .copied()
        .unwrap_or((0, 0, 0));
    RGBColor(r, g, b)
}
