//! The heatmap's geometry, in CSS pixels: where the title, row labels, cells and legend go for a
//! given width and text (row labels beside the grid on wide screens, above each row on narrow
//! ones). Pure arithmetic, tested natively; `charts/heatmap.rs` draws what it computes.
use super::{ellipsize, fit_size, wrap_two, LINE, MIN_FONT};

/// Outer padding.
pub const PAD: f64 = 8.0;
/// White gap between cells.
pub const GAP: f64 = 2.0;
/// Cell height: two text lines (value and rating) with breathing room.
pub const ROW_H: f64 = 46.0;
pub const ROW_FONT: f64 = 14.0;
pub const HEADER_FONT: f64 = 13.0;
pub const VALUE_FONT: f64 = 14.0;
pub const RATING_FONT: f64 = 12.0;
pub const LEGEND_FONT: f64 = 12.0;
pub const TITLE_FONT: f64 = 13.0;
/// Below this cell width the row labels move above their rows (phones).
pub const MIN_WIDE_CELL: f64 = 60.0;
/// Horizontal column labels are only used at or above this size; else they are rotated.
pub const MIN_HEADER_FONT: f64 = 11.0;
/// Longest rotated header.
pub const MAX_ROTATED_HEADER: f64 = 150.0;
pub const LEGEND_MAX_W: f64 = 420.0;
pub const LEGEND_BAR_H: f64 = 12.0;
const CELL_INSET: f64 = 10.0;

/// What to print in a cell, before fitting.
pub struct CellText<'a> {
    pub value: &'a str,
    pub rating: String,
}

/// Everything the drawing code needs, already fitted to the width.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    pub width: f64,
    pub height: f64,
    /// Row labels sit in a band above each row instead of in a left column.
    pub stacked: bool,
    pub label_w: f64,
    pub grid_x: f64,
    pub col_w: f64,
    pub cols: usize,
    pub header_top: f64,
    pub header_h: f64,
    pub header_rotated: bool,
    pub header_font: f64,
    /// Lines per column label (one or two), already shortened if needed.
    pub headers: Vec<Vec<String>>,
    pub row_font: f64,
    pub rows: Vec<Vec<String>>,
    /// Height of the label band above each row (stacked) or 0.
    pub band_h: f64,
    pub grid_top: f64,
    pub value_font: f64,
    pub rating_font: f64,
    /// Per row, per column: (value line, rating line), already shortened if needed.
    pub cells: Vec<Vec<(String, String)>>,
    pub legend_x: f64,
    pub legend_w: f64,
    pub legend_title_y: f64,
    pub legend_title: String,
    pub legend_bar_y: f64,
    pub legend_label_y: f64,
}

/// Height of one row including its label band and the gap below it.
pub fn row_pitch(band_h: f64) -> f64 {
    band_h + ROW_H + GAP
}

/// Total height for a header of `header_h` and `rows` rows.
pub fn total_height(header_h: f64, rows: usize, band_h: f64) -> f64 {
    let grid = if rows == 0 {
        0.0
    } else {
        rows as f64 * row_pitch(band_h) - GAP
    };
    PAD + header_h + 4.0 + grid + legend_height() + PAD
}

fn legend_height() -> f64 {
    // gap above, title line, gap, bar, tick mark + gap, tick label line.
    14.0 + TITLE_FONT * LINE + 4.0 + LEGEND_BAR_H + 6.0 + LEGEND_FONT * LINE
}

/// Typical height on a wide screen (two-line horizontal column labels); the exact height for
/// a given width comes from [`compute`].
pub fn typical_height(rows: usize) -> f64 {
    total_height(2.0 * HEADER_FONT * LINE + 6.0, rows, 0.0)
}

/// Lines that fit `max_w`: one line if it fits at `font`, else split at a space; returns the
/// lines and the unit width of the widest.
fn lines_for(label: &str, max_w: f64, font: f64, m: &dyn Fn(&str) -> f64) -> (Vec<String>, f64) {
    let one = label.trim().to_owned();
    let w1 = m(&one);
    if w1 * font <= max_w {
        return (vec![one], w1);
    }
    let two = wrap_two(label);
    let w2 = two.iter().map(|l| m(l)).fold(0.0, f64::max);
    if w2 < w1 {
        (two, w2)
    } else {
        (vec![one], w1)
    }
}

/// Fits the heatmap into `width` CSS px. `measure(text, bold)` is the unit width of `text`.
#[allow(clippy::too_many_arguments)]
pub fn compute(
    width: f64,
    row_labels: &[String],
    col_labels: &[String],
    cells: &[Vec<CellText<'_>>],
    legend_title: &str,
    measure: &dyn Fn(&str, bool) -> f64,
) -> Layout {
    let m = |t: &str| measure(t, false);
    let mb = |t: &str| measure(t, true);
    let width = if width.is_finite() {
        width.max(0.0)
    } else {
        0.0
    };
    let rows_n = row_labels.len().max(cells.len());
    let cols = col_labels
        .len()
        .max(cells.iter().map(Vec::len).max().unwrap_or(0));
    let inner = (width - 2.0 * PAD).max(0.0);

    // Left label column: as wide as the widest label needs (on one or two lines), within
    // 60 px .. a third of the width.
    let natural = (0..rows_n)
        .map(|r| {
            let label = row_labels.get(r).map(String::as_str).unwrap_or("");
            let one = mb(label.trim());
            let two = wrap_two(label).iter().map(|l| mb(l)).fold(0.0, f64::max);
            one.min(two) * ROW_FONT + 10.0
        })
        .fold(0.0, f64::max);
    let wide_label_w = natural.clamp(60.0, (inner * 0.32).max(60.0));
    let wide_col_w = if cols == 0 {
        0.0
    } else {
        (inner - wide_label_w) / cols as f64
    };
    let stacked = cols > 0 && wide_col_w < MIN_WIDE_CELL;
    let (label_w, col_w, band_h) = if stacked {
        (0.0, inner / cols as f64, ROW_FONT * LINE + 4.0)
    } else {
        (wide_label_w, wide_col_w.max(0.0), 0.0)
    };
    let grid_x = PAD + label_w;
    let text_w = (col_w - CELL_INSET).max(0.0);

    // Column labels: horizontal on up to two lines if that stays readable, else rotated.
    let col_label = |c: usize| col_labels.get(c).map(String::as_str).unwrap_or("");
    let horiz: Vec<(Vec<String>, f64)> = (0..cols)
        .map(|c| lines_for(col_label(c), text_w, HEADER_FONT, &m))
        .collect();
    let h_font = horiz
        .iter()
        .map(|(_, u)| fit_size(*u, text_w, HEADER_FONT))
        .fold(HEADER_FONT, f64::min);
    let (header_rotated, header_font, headers, header_h) = if h_font >= MIN_HEADER_FONT {
        let lines = horiz.iter().map(|(l, _)| l.len()).max().unwrap_or(1).max(1);
        let hs = horiz.into_iter().map(|(l, _)| l).collect();
        (false, h_font, hs, lines as f64 * h_font * LINE + 6.0)
    } else {
        // Rotated: the label's length runs up the header, its lines stack across the column.
        let two: Vec<Vec<String>> = (0..cols).map(|c| wrap_two(col_label(c))).collect();
        let max_lines = two.iter().map(Vec::len).max().unwrap_or(1).max(1) as f64;
        let across = fit_size(max_lines * LINE, (col_w - 4.0).max(0.0), 12.0);
        let longest = two
            .iter()
            .flat_map(|ls| ls.iter().map(|l| m(l)))
            .fold(0.0, f64::max);
        let along = fit_size(longest, MAX_ROTATED_HEADER, across);
        let font = along.max(MIN_FONT);
        let max_len = MAX_ROTATED_HEADER;
        let hs: Vec<Vec<String>> = two
            .into_iter()
            .map(|ls| ls.iter().map(|l| ellipsize(l, max_len, font, &m)).collect())
            .collect();
        let len = hs
            .iter()
            .flat_map(|ls| ls.iter().map(|l| m(l) * font))
            .fold(0.0, f64::max);
        (true, font, hs, len.min(max_len) + 8.0)
    };

    // Row labels (drawn bold, so measured bold): one uniform size (mixed sizes look accidental), at least 11 px; lines that
    // still do not fit are shortened.
    let row_text_w = if stacked {
        inner
    } else {
        (label_w - 10.0).max(0.0)
    };
    let row_lines: Vec<(Vec<String>, f64)> = (0..rows_n)
        .map(|r| {
            let label = row_labels.get(r).map(String::as_str).unwrap_or("");
            if stacked {
                let one = label.trim().to_owned();
                let u = mb(&one);
                (vec![one], u)
            } else {
                lines_for(label, row_text_w, ROW_FONT, &mb)
            }
        })
        .collect();
    let row_font = row_lines
        .iter()
        .map(|(_, u)| fit_size(*u, row_text_w, ROW_FONT))
        .fold(ROW_FONT, f64::min)
        .max(11.0_f64.min(ROW_FONT));
    let rows: Vec<Vec<String>> = row_lines
        .into_iter()
        .map(|(ls, _)| {
            ls.iter()
                .map(|l| ellipsize(l, row_text_w, row_font, &mb))
                .collect()
        })
        .collect();

    // Cell text: one size for all cells. If the values do not fit at a readable size, drop
    // the "MOP" prefix (the legend says MOP); if the rating line does not fit, keep the number.
    let value_of = |c: &CellText<'_>, strip: bool| -> String {
        if strip {
            c.value.trim_start_matches("MOP").trim().to_owned()
        } else {
            c.value.trim().to_owned()
        }
    };
    let value_font_for = |strip: bool| {
        cells
            .iter()
            .flatten()
            .map(|c| fit_size(mb(&value_of(c, strip)), text_w, VALUE_FONT))
            .fold(VALUE_FONT, f64::min)
    };
    let mut strip = false;
    let mut value_font = value_font_for(false);
    if value_font < 11.0 {
        strip = true;
        value_font = value_font_for(true);
    }
    let value_font = value_font.max(MIN_FONT);
    let rating_font_for = |numbers_only: bool| {
        cells
            .iter()
            .flatten()
            .map(|c| {
                let t = if numbers_only {
                    c.rating.rsplit(' ').next().unwrap_or("").to_owned()
                } else {
                    c.rating.clone()
                };
                fit_size(m(&t), text_w, RATING_FONT)
            })
            .fold(RATING_FONT, f64::min)
    };
    let mut numbers_only = false;
    let mut rating_font = rating_font_for(false);
    if rating_font < 10.0 {
        numbers_only = true;
        rating_font = rating_font_for(true);
    }
    let rating_font = rating_font.max(MIN_FONT);
    let cells_out: Vec<Vec<(String, String)>> = cells
        .iter()
        .map(|row| {
            row.iter()
                .map(|c| {
                    let v = ellipsize(&value_of(c, strip), text_w, value_font, &mb);
                    let r = if numbers_only {
                        c.rating.rsplit(' ').next().unwrap_or("").to_owned()
                    } else {
                        c.rating.clone()
                    };
                    (v, ellipsize(&r, text_w, rating_font, &m))
                })
                .collect()
        })
        .collect();

    let header_top = PAD;
    let grid_top = header_top + header_h + 4.0;
    let height = total_height(header_h, rows_n, band_h);
    let grid_bottom = if rows_n == 0 {
        grid_top
    } else {
        grid_top + rows_n as f64 * row_pitch(band_h) - GAP
    };
    let legend_x = if stacked || cols == 0 { PAD } else { grid_x };
    let legend_w = (width - PAD - legend_x).clamp(0.0, LEGEND_MAX_W);
    let legend_title_y = grid_bottom + 14.0;
    let legend_bar_y = legend_title_y + TITLE_FONT * LINE + 4.0;
    let legend_label_y = legend_bar_y + LEGEND_BAR_H + 6.0;
    let legend_title = ellipsize(legend_title.trim(), inner, TITLE_FONT, &m);

    Layout {
        width,
        height,
        stacked,
        label_w,
        grid_x,
        col_w,
        cols,
        header_top,
        header_h,
        header_rotated,
        header_font,
        headers,
        row_font,
        rows,
        band_h,
        grid_top,
        value_font,
        rating_font,
        cells: cells_out,
        legend_x,
        legend_w,
        legend_title_y,
        legend_title,
        legend_bar_y,
        legend_label_y,
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::fake;
    use super::*;

    fn cells(rows: usize, cols: usize) -> Vec<Vec<CellText<'static>>> {
        (0..rows)
            .map(|_| {
                (0..cols)
                    .map(|_| CellText {
                        value: "MOP 35.0k",
                        rating: "rating 3".into(),
                    })
                    .collect()
            })
            .collect()
    }

    fn labels(n: usize, s: &str) -> Vec<String> {
        (0..n).map(|i| format!("{s} {i}")).collect()
    }

    #[test]
    fn heat_layout_fits_phone_and_desktop() {
        let cols = vec![
            "Cross-border transfer".to_owned(),
            "Provider and admin access to content".to_owned(),
            "Retention and minimisation".to_owned(),
            "Audit and evidence".to_owned(),
            "Access control".to_owned(),
            "Incident response".to_owned(),
        ];
        for (width, rows) in [(300.0, 6), (360.0, 1), (1200.0, 6), (700.0, 0), (0.0, 3)] {
            let rl = labels(rows, "Microsoft 365 Business Standard");
            let l = compute(
                width,
                &rl,
                &cols,
                &cells(rows, 6),
                "Expected annual loss",
                &fake,
            );
            assert!(l.height.is_finite() && l.height > 0.0);
            assert!(l.grid_x + l.col_w * l.cols as f64 <= width.max(2.0 * PAD) + 1e-6);
            // Every cell line fits its cell.
            for row in &l.cells {
                for (v, r) in row {
                    assert!(
                        fake(v, true) * l.value_font <= (l.col_w - 10.0).max(0.0) + 1e-6
                            || v == "…"
                    );
                    assert!(
                        fake(r, false) * l.rating_font <= (l.col_w - 10.0).max(0.0) + 1e-6
                            || r == "…"
                    );
                }
            }
            assert!(
                l.value_font >= MIN_FONT && l.row_font >= MIN_FONT && l.header_font >= MIN_FONT
            );
            if width == 300.0 {
                assert!(l.stacked);
            }
            if width == 1200.0 {
                assert!(!l.stacked && !l.header_rotated);
            }
        }
        assert!(typical_height(6) > typical_height(1));
    }

    #[test]
    fn heat_layout_handles_ragged_and_empty_input() {
        let l = compute(500.0, &[], &[], &[], "", &fake);
        assert_eq!(l.cols, 0);
        assert!(l.height > 0.0);
        let ragged = vec![
            vec![],
            vec![CellText {
                value: "",
                rating: String::new(),
            }],
        ];
        let l = compute(500.0, &labels(1, "x"), &labels(6, "y"), &ragged, "t", &fake);
        assert_eq!(l.cols, 6);
        assert_eq!(l.rows.len(), 2);
    }
}
