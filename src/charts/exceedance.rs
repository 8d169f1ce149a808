//! Loss-exceedance curves: x = loss in MOP on a log scale, y = P(annual loss > x), one curve per
//! option, with an optional vertical risk-tolerance line.
use plotters::prelude::*;
use web_sys::HtmlCanvasElement;

use super::canvas::{self, axes, draw_err, LegendItem, Measurer};
use super::cost_over_time::colour;
use super::frame::{self, Frame, LinePlot};
use super::layout;
use super::{ChartError, ExceedanceData};
use crate::i18n::{format_mop_compact, format_percent};

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
                // Plotted at the exponent (the x axis is log10 of the loss).
                (f64::from(e), label)
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
    // Plotted on log10 of the loss (see `frame::LinePlot`).
    let series: Vec<(Vec<(f64, f64)>, RGBColor)> = series
        .into_iter()
        .map(|(pts, c)| (pts.into_iter().map(|(x, y)| (x.log10(), y)).collect(), c))
        .collect();
    f.plot(
        &root,
        &p,
        &m,
        LinePlot {
            x: f64::from(lo_e)..f64::from(hi_e),
            y: 0.0..1.0,
            series: &series,
            max_marked_points: MAX_MARKED_POINTS,
            vertical: tolerance.map(|(v, label)| (v.log10(), label.as_str())),
        },
    )
}
