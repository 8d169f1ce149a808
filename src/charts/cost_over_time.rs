//! Cumulative cost per option by year: one line (with a marker per year) per option.
use plotters::prelude::*;
use web_sys::HtmlCanvasElement;

use super::canvas::{self, axes, draw_err, LegendItem, Measurer};
use super::frame::{self, Frame, LinePlot};
use super::layout;
use super::{ChartError, CostOverTimeData, SERIES_COLOURS};
use crate::i18n::format_mop_compact;

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
    // The y axis spans the covering ticks exactly, so its top is a labelled line.
    let (y_lo, y_hi) = match (f.y_ticks.first(), f.y_ticks.last()) {
        (Some(a), Some(b)) if b.0 > a.0 => (a.0, b.0),
        _ => (y_lo, y_hi),
    };
    f.plot(
        &root,
        &p,
        &m,
        LinePlot {
            x: x_lo..x_hi,
            y: y_lo..y_hi,
            series: &series,
            // A marker per year: the data are yearly, and a single year still shows.
            max_marked_points: usize::MAX,
            vertical: None,
        },
    )
}

/// Series colour `i`, cycling through the colour-blind-safe palette.
pub(crate) fn colour(i: usize) -> RGBColor {
    let (r, g, b) = SERIES_COLOURS
        .get(i % SERIES_COLOURS.len())
        .copied()
        .unwrap_or((0, 0, 0));
    RGBColor(r, g, b)
}
