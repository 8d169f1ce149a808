//! The risk heatmap: options (rows) × the six risk dimensions (columns), each cell coloured by
//! its expected annual loss on a log scale, with a gradient legend below.
//!
//! The layout adapts to the width (see [`super::layout::heat`]): on wide screens row labels sit in
//! a left column and column labels are horizontal (wrapped onto two lines); when cells would get
//! too narrow the row labels move into a band above each row (phones) and the column labels are
//! rotated. Fonts shrink to fit, never below a readable minimum; text that still does not fit is
//! shortened with "…" rather than overflowing.
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};
use plotters_canvas::CanvasBackend;
use web_sys::HtmlCanvasElement;

use super::canvas::{self, draw_err, text_style, Measurer, Prepared, FG, MUTED};
use super::layout::{self, heat, LINE};
use super::palette::{text_colour_on, viridis, LogScale};
use super::{ChartError, HeatmapData};

/// Cells whose loss is not a number (NaN/∞) are grey: "no data", not "lowest risk".
const NO_DATA: (u8, u8, u8) = (215, 219, 224);

/// CSS height the heatmap needs for `rows` options on a typical wide screen.
///
/// Use it to reserve space before the first draw (e.g. a class per row count). [`draw`] sets the
/// exact height for the actual width itself (narrow screens need a taller header and a label band
/// per row), so the page does not have to keep it in sync.
pub fn css_height(rows: usize) -> f64 {
    heat::typical_height(rows)
}

/// Draws the heatmap on `canvas`, filling its CSS width.
///
/// The canvas's CSS height is set by this function through CSSOM (`canvas.style.height`, which
/// the page CSP allows, unlike an inline `style` attribute) to fit the rows at the current width;
/// give the canvas a CSS width (e.g. `width: 100%`) and redraw on resize and on
/// devicePixelRatio change. Returns [`ChartError::NoSize`] while the canvas has no width (e.g.
/// hidden).
///
/// ```ignore
/// use collab_risk::charts::{heatmap, HeatCell, HeatmapData};
/// use collab_risk::i18n::Locale;
///
/// let data = HeatmapData {
///     row_labels: vec!["Microsoft 365".into(), "Google Workspace".into()],
///     column_labels: vec!["Cross-border transfer".into(), /* … six in all */],
///     cells: vec![vec![HeatCell {
///         expected_annual_loss: 35_000.0,
///         value_label: "MOP 35k".into(),
///         rating: 3,
///     }], /* one Vec per row */],
///     rating_word: "rating".into(),
///     legend_title: "Expected annual loss (MOP, log scale)".into(),
///     locale: Locale::En,
/// };
/// // `canvas` is the HtmlCanvasElement from a NodeRef, after mount.
/// if let Err(e) = heatmap::draw(&canvas, &data) {
///     // show e.to_string() in place of the chart
/// }
/// ```
pub fn draw(canvas: &HtmlCanvasElement, data: &HeatmapData) -> Result<(), ChartError> {
    let (css_w, css_h) = canvas::css_size(canvas);
    if css_w < 1.0 {
        return Err(ChartError::NoSize);
    }
    let m = Measurer::new(canvas);
    let measure = |t: &str, bold: bool| m.unit(t, bold);

    let rating_word = data.rating_word.trim();
    let texts: Vec<Vec<heat::CellText<'_>>> = data
        .cells
        .iter()
        .map(|row| {
            row.iter()
                .map(|c| heat::CellText {
                    value: c.value_label.as_str(),
                    rating: if rating_word.is_empty() {
                        c.rating.to_string()
                    } else {
                        format!("{rating_word} {}", c.rating)
                    },
                })
                .collect()
        })
        .collect();
    let lay = heat::compute(
        css_w,
        &data.row_labels,
        &data.column_labels,
        &texts,
        &data.legend_title,
        &measure,
    );

    // Height follows the content: set it, then size the backing store from the new layout.
    if (css_h - lay.height).abs() >= 1.0 {
        canvas::set_css_height(canvas, lay.height);
    }
    let p = canvas::prepare(canvas)?;
    let root = canvas::root(canvas)?;
    root.fill(&WHITE).map_err(draw_err)?;

    // One colour scale for all cells, so colours compare across options.
    let scale = LogScale::spanning(data.cells.iter().flatten().map(|c| c.expected_annual_loss));

    draw_headers(&root, &p, &lay)?;
    draw_rows(&root, &p, &lay, data, &scale)?;
    draw_legend(&root, &p, &lay, data, &scale, &m)?;
    Ok(())
}

fn rgb(c: (u8, u8, u8)) -> RGBColor {
    RGBColor(c.0, c.1, c.2)
}

fn draw_headers(
    root: &DrawingArea<CanvasBackend, Shift>,
    p: &Prepared,
    lay: &heat::Layout,
) -> Result<(), ChartError> {
    let line = lay.header_font * LINE;
    for (c, lines) in lay.headers.iter().enumerate() {
        let cx = lay.grid_x + (c as f64 + 0.5) * lay.col_w;
        let n = lines.len() as f64;
        for (i, text) in lines.iter().enumerate() {
            if lay.header_rotated {
                // Reads bottom-to-top; lines stack left to right across the column, the text
                // starts just above the grid.
                let x = cx + (i as f64 - (n - 1.0) / 2.0) * line;
                let y = lay.header_top + lay.header_h - 4.0;
                let style =
                    text_style(p.font(lay.header_font), false, FG, HPos::Left, VPos::Center)
                        .transform(FontTransform::Rotate270);
                root.draw(&Text::new(text.clone(), (p.px(x), p.px(y)), style))
                    .map_err(draw_err)?;
            } else {
                // Bottom-aligned so one-line labels sit on the grid like two-line ones.
                let y = lay.header_top + lay.header_h - 4.0 - (n - 1.0 - i as f64) * line;
                let style = text_style(
                    p.font(lay.header_font),
                    false,
                    FG,
                    HPos::Center,
                    VPos::Bottom,
                );
                root.draw(&Text::new(text.clone(), (p.px(cx), p.px(y)), style))
                    .map_err(draw_err)?;
            }
        }
    }
    Ok(())
}

fn draw_rows(
    root: &DrawingArea<CanvasBackend, Shift>,
    p: &Prepared,
    lay: &heat::Layout,
    data: &HeatmapData,
    scale: &LogScale,
) -> Result<(), ChartError> {
    let pitch = heat::row_pitch(lay.band_h);
    let half_gap = heat::GAP / 2.0;
    for (r, label_lines) in lay.rows.iter().enumerate() {
        let band_top = lay.grid_top + r as f64 * pitch;
        let top = band_top + lay.band_h;
        let bottom = top + heat::ROW_H;

        // Row label: in its band above the row (stacked) or centred in the left column.
        let line = lay.row_font * LINE;
        let n = label_lines.len() as f64;
        for (i, text) in label_lines.iter().enumerate() {
            let (x, y, v) = if lay.stacked {
                (heat::PAD, band_top + lay.band_h - 3.0, VPos::Bottom)
            } else {
                let y = (top + bottom) / 2.0 + (i as f64 - (n - 1.0) / 2.0) * line;
                (heat::PAD, y, VPos::Center)
            };
            let style = text_style(p.font(lay.row_font), true, FG, HPos::Left, v);
            root.draw(&Text::new(text.clone(), (p.px(x), p.px(y)), style))
                .map_err(draw_err)?;
        }

        for c in 0..lay.cols {
            let x0 = lay.grid_x + c as f64 * lay.col_w;
            let cell = data.cells.get(r).and_then(|row| row.get(c));
            let bg = match cell {
                Some(cell) if cell.expected_annual_loss.is_finite() => {
                    viridis(scale.position(cell.expected_annual_loss))
                }
                _ => NO_DATA,
            };
            // Gaps are left unpainted on the white background: thin white separators.
            let (cx0, cx1) = (p.px(x0 + half_gap), p.px(x0 + lay.col_w - half_gap));
            let (cy0, cy1) = (p.px(top), p.px(bottom));
            if cx1 > cx0 && cy1 > cy0 {
                root.draw(&Rectangle::new([(cx0, cy0), (cx1, cy1)], rgb(bg).filled()))
                    .map_err(draw_err)?;
            }
            let Some((value, rating)) = lay.cells.get(r).and_then(|row| row.get(c)) else {
                continue;
            };
            let fg = rgb(text_colour_on(bg));
            let cx = x0 + lay.col_w / 2.0;
            // Two lines centred as a block in the cell.
            let block = lay.value_font * LINE + lay.rating_font * LINE;
            let y0 = (top + bottom) / 2.0 - block / 2.0;
            let vy = y0 + lay.value_font * LINE / 2.0;
            let ry = y0 + lay.value_font * LINE + lay.rating_font * LINE / 2.0;
            let vstyle = text_style(p.font(lay.value_font), true, fg, HPos::Center, VPos::Center);
            root.draw(&Text::new(value.clone(), (p.px(cx), p.px(vy)), vstyle))
                .map_err(draw_err)?;
            let rstyle = text_style(
                p.font(lay.rating_font),
                false,
                fg,
                HPos::Center,
                VPos::Center,
            );
            root.draw(&Text::new(rating.clone(), (p.px(cx), p.px(ry)), rstyle))
                .map_err(draw_err)?;
        }
    }
    Ok(())
}

fn draw_legend(
    root: &DrawingArea<CanvasBackend, Shift>,
    p: &Prepared,
    lay: &heat::Layout,
    data: &HeatmapData,
    scale: &LogScale,
    m: &Measurer,
) -> Result<(), ChartError> {
    // Without a single positive amount the scale is a placeholder (MOP 1–10): no legend then.
    let any_amount = data
        .cells
        .iter()
        .flatten()
        .any(|c| c.expected_annual_loss.is_finite() && c.expected_annual_loss > 0.0);
    if !any_amount {
        return Ok(());
    }
    let title_style = text_style(p.font(heat::TITLE_FONT), false, FG, HPos::Left, VPos::Top);
    root.draw(&Text::new(
        lay.legend_title.clone(),
        (p.px(lay.legend_x), p.px(lay.legend_title_y)),
        title_style,
    ))
    .map_err(draw_err)?;

    if lay.legend_w < 1.0 {
        return Ok(());
    }
    // The gradient as 2-device-pixel strips: indistinguishable from a true gradient, and
    // plotters has no gradient fill.
    let x0 = p.px(lay.legend_x);
    let x1 = p.px(lay.legend_x + lay.legend_w);
    let (y0, y1) = (
        p.px(lay.legend_bar_y),
        p.px(lay.legend_bar_y + heat::LEGEND_BAR_H),
    );
    let span = (x1 - x0).max(1) as f64;
    let mut x = x0;
    while x < x1 {
        let next = (x + 2).min(x1);
        let t = ((x - x0) as f64 + 1.0) / span;
        root.draw(&Rectangle::new(
            [(x, y0), (next, y1)],
            rgb(viridis(t)).filled(),
        ))
        .map_err(draw_err)?;
        x = next;
    }

    // Tick labels at round amounts; fewer if they would collide.
    let ticks = layout::log_legend_ticks(scale.low(), scale.high());
    let labels: Vec<(f64, String)> = ticks
        .iter()
        .map(|v| (*v, crate::i18n::format_mop_compact(data.locale, *v)))
        .collect();
    let label_w = |s: &str| m.unit(s, false) * heat::LEGEND_FONT;
    let widest = labels.iter().map(|(_, s)| label_w(s)).fold(0.0, f64::max);
    // Label every k-th tick, k the smallest that leaves room between neighbours.
    let room = lay.legend_w / (labels.len().max(2) - 1) as f64;
    let keep = (1..=labels.len().max(1))
        .find(|k| widest + 8.0 <= room * *k as f64)
        .unwrap_or(labels.len().max(1));
    let scale_span = (scale.high().log10() - scale.low().log10()).max(1e-9);
    let min_x = heat::PAD;
    let max_x = lay.width - heat::PAD;
    for (i, (v, label)) in labels.iter().enumerate() {
        let t = ((v.log10() - scale.low().log10()) / scale_span).clamp(0.0, 1.0);
        let tx = lay.legend_x + t * lay.legend_w;
        let tick = PathElement::new(
            vec![
                (p.px(tx), p.px(lay.legend_bar_y + heat::LEGEND_BAR_H)),
                (p.px(tx), p.px(lay.legend_bar_y + heat::LEGEND_BAR_H + 4.0)),
            ],
            MUTED.stroke_width(p.stroke(1.0)),
        );
        root.draw(&tick).map_err(draw_err)?;
        if i % keep != 0 {
            continue;
        }
        // Centred under the tick, but pushed inwards at the ends so it never leaves the canvas.
        let w = label_w(label);
        let lx = tx.clamp(min_x + w / 2.0, (max_x - w / 2.0).max(min_x + w / 2.0));
        let style = text_style(
            p.font(heat::LEGEND_FONT),
            false,
            MUTED,
            HPos::Center,
            VPos::Top,
        );
        root.draw(&Text::new(
            label.clone(),
            (p.px(lx), p.px(lay.legend_label_y)),
            style,
        ))
        .map_err(draw_err)?;
    }
    Ok(())
}
