//! Pure layout arithmetic for the canvas charts: tick values, axis ranges, label wrapping and
//! fitting, and the heatmap's geometry.
//!
//! Kept free of any web type so it is compiled and tested natively; the wasm-only chart modules
//! feed it a text-measuring closure backed by the canvas. All lengths here are CSS pixels; the
//! drawing code multiplies by devicePixelRatio.
//!
//! A measuring closure `measure(text, bold)` returns the width of `text` at a font size of 1 px
//! (canvas text width scales linearly with the font size, so one measurement serves every size).

/// Line height as a multiple of the font size.
pub const LINE: f64 = 1.25;
/// No text is drawn smaller than this (CSS px); below it we shorten the text instead.
pub const MIN_FONT: f64 = 9.0;

/// Finite values only, as a Vec (NaN/inf would poison every min/max below).
fn finite(values: impl IntoIterator<Item = f64>) -> Vec<f64> {
    values.into_iter().filter(|v| v.is_finite()).collect()
}

/// The "nice" step (1, 2 or 5 × 10^k) nearest above `raw`. No 2.5: its multiples (1.25M)
/// would be rounded by the one-decimal compact money format into misleading labels ("1.3M").
fn nice_step(raw: f64) -> f64 {
    if !raw.is_finite() || raw <= 0.0 {
        return 1.0;
    }
    let mag = 10f64.powf(raw.log10().floor());
    for m in [1.0, 2.0, 5.0, 10.0] {
        if m * mag >= raw * (1.0 - 1e-9) {
            return m * mag;
        }
    }
    10.0 * mag
}

/// Evenly spaced round tick values inside [lo, hi], at most `max_n` of them (at least 2 when the
/// range allows). Used for money axes, where "MOP 250k" steps read better than arbitrary ones.
pub fn linear_ticks(lo: f64, hi: f64, max_n: usize) -> Vec<f64> {
    if !(lo.is_finite() && hi.is_finite()) || hi <= lo {
        return if lo.is_finite() { vec![lo] } else { vec![] };
    }
    let max_n = max_n.max(2);
    let mut step = nice_step((hi - lo) / (max_n - 1) as f64);
    // The nice step may still give one tick too many (e.g. lo not on the grid): widen until it fits.
    for _ in 0..8 {
        let ticks = ticks_with_step(lo, hi, step);
        if ticks.len() <= max_n {
            return ticks;
        }
        step = nice_step(step * 1.01);
    }
    vec![lo, hi]
}

/// Round ticks that cover [lo, hi]: the first at or below `lo`, the last at or above `hi`, at
/// most `max_n` of them. The axis then spans exactly first..last, so the top of the chart is a
/// labelled line and no space is wasted above the data.
pub fn covering_ticks(lo: f64, hi: f64, max_n: usize) -> Vec<f64> {
    if !(lo.is_finite() && hi.is_finite()) || hi <= lo {
        return vec![];
    }
    let max_n = max_n.max(2);
    let mut step = nice_step((hi - lo) / (max_n - 1) as f64);
    for _ in 0..16 {
        let t0 = (lo / step + 1e-9).floor() * step;
        let t1 = (hi / step - 1e-9).ceil() * step;
        let ticks = ticks_with_step(t0, t1, step);
        if ticks.len() <= max_n {
            return ticks;
        }
        step = nice_step(step * 1.01);
    }
    vec![lo, hi]
}

fn ticks_with_step(lo: f64, hi: f64, step: f64) -> Vec<f64> {
    let eps = step * 1e-9;
    let first = (lo / step - 1e-9).ceil();
    let mut out = Vec::new();
    // Bounded loop: never more than a few hundred ticks even for silly inputs.
    for i in 0..1000 {
        let v = (first + i as f64) * step;
        if v > hi + eps {
            break;
        }
        // Snap tiny float noise (0.30000000000000004) and negative zero.
        let v = if v.abs() < eps { 0.0 } else { v };
        out.push(v);
    }
    out
}

/// Whole-number ticks (years) inside [lo, hi], at most `max_n`, with a step of 1, 2, 5, 10, ….
pub fn integer_ticks(lo: f64, hi: f64, max_n: usize) -> Vec<f64> {
    if !(lo.is_finite() && hi.is_finite()) || hi < lo {
        return vec![];
    }
    let max_n = max_n.max(1);
    let (first, last) = (lo.ceil(), hi.floor());
    if last < first {
        return vec![];
    }
    let mut step = 1.0;
    while ((last - first) / step).floor() + 1.0 > max_n as f64 && step < 1e12 {
        step = nice_step(step * 1.5).max(step + 1.0).round();
    }
    let mut out = Vec::new();
    let mut v = first;
    while v <= last && out.len() < 1000 {
        out.push(v);
        v += step;
    }
    out
}

/// The raw y range for money: min(0, lowest)..highest, never empty (a small positive range when
/// there is nothing to show). [`covering_ticks`] then rounds it outwards to ticks.
pub fn money_range(values: impl IntoIterator<Item = f64>) -> (f64, f64) {
    let v = finite(values);
    let lo = v.iter().copied().fold(0.0_f64, f64::min);
    let hi = v.iter().copied().fold(0.0_f64, f64::max);
    if hi - lo <= 0.0 {
        (lo, lo + 1000.0)
    } else {
        (lo, hi)
    }
}

/// An x range for years (or any integer-valued axis): data min..max, widened by a quarter year
/// on each side so the first and last markers do not sit on the frame.
pub fn year_range(values: impl IntoIterator<Item = f64>) -> (f64, f64) {
    let v = finite(values);
    let lo = v.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if !(lo.is_finite() && hi.is_finite()) {
        return (0.0, 5.0);
    }
    (lo - 0.25, hi + 0.25)
}

/// Decade-aligned exponents (lo, hi) covering the positive finite values, at least one decade
/// apart; (3, 6) i.e. MOP 1k–1M when there is nothing positive to show.
pub fn log_decades(values: impl IntoIterator<Item = f64>) -> (i32, i32) {
    let v: Vec<f64> = finite(values).into_iter().filter(|x| *x > 0.0).collect();
    let lo = v.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = v.iter().copied().fold(0.0_f64, f64::max);
    if !(lo.is_finite() && hi > 0.0) {
        return (3, 6);
    }
    // Clamp to a sane window: amounts below MOP 1 or above 10^15 are not meaningful here and the
    // clamp keeps 10^e finite and exact.
    let lo_e = (lo.log10() + 1e-9).floor().clamp(0.0, 14.0) as i32;
    let hi_e = (hi.log10() - 1e-9).ceil().clamp(0.0, 15.0) as i32;
    (lo_e, hi_e.max(lo_e + 1))
}

/// Every k-th decade from `lo_e` to `hi_e` so that at most `max_n` labels are shown (the values
/// to label; grid lines go on every decade).
pub fn decade_ticks(lo_e: i32, hi_e: i32, max_n: usize) -> Vec<f64> {
    if hi_e < lo_e {
        return vec![];
    }
    let count = (hi_e - lo_e + 1) as usize;
    let k = count.div_ceil(max_n.max(1)).max(1);
    (lo_e..=hi_e).step_by(k).map(|e| 10f64.powi(e)).collect()
}

/// 3–5 round tick values (1, 2, 3, 5 × 10^k) between `low` and `high` for the log-scaled legend.
/// `LogScale` always spans at least one decade, which guarantees at least three 1-2-5 values.
pub fn log_legend_ticks(low: f64, high: f64) -> Vec<f64> {
    if !(low.is_finite() && high.is_finite()) || low <= 0.0 || high <= low {
        return vec![];
    }
    let lo_e = low.log10().floor() as i32;
    let hi_e = high.log10().ceil() as i32;
    let sets: [&[f64]; 3] = [&[1.0], &[1.0, 3.0], &[1.0, 2.0, 5.0]];
    let mut best = Vec::new();
    for mults in sets {
        let mut c = Vec::new();
        for e in lo_e..=hi_e {
            for m in mults {
                let v = m * 10f64.powi(e);
                if v >= low * (1.0 - 1e-9) && v <= high * (1.0 + 1e-9) {
                    c.push(v);
                }
            }
        }
        if c.len() >= 3 {
            return thin(c, 5);
        }
        if c.len() > best.len() {
            best = c;
        }
    }
    best
}

/// Keeps every k-th value (always the first) so that at most `max_n` remain.
pub fn thin(values: Vec<f64>, max_n: usize) -> Vec<f64> {
    let k = values.len().div_ceil(max_n.max(1)).max(1);
    values.into_iter().step_by(k).collect()
}

/// Splits a label onto at most two lines at the space nearest its middle. Labels without a
/// space (e.g. Chinese) stay on one line: the caller shrinks the font instead.
pub fn wrap_two(label: &str) -> Vec<String> {
    let label = label.trim();
    let chars: Vec<(usize, char)> = label.char_indices().collect();
    let mid = chars.len() / 2;
    let best = chars
        .iter()
        .enumerate()
        .filter(|(_, (_, c))| c.is_whitespace())
        .min_by_key(|(i, _)| i.abs_diff(mid))
        .map(|(_, (byte, _))| *byte);
    match best {
        Some(b) => {
            let (a, rest) = label.split_at(b);
            vec![a.trim_end().to_owned(), rest.trim_start().to_owned()]
        }
        None => vec![label.to_owned()],
    }
}

/// The largest font size ≤ `preferred` at which text of unit width `unit_w` fits `max_w`.
pub fn fit_size(unit_w: f64, max_w: f64, preferred: f64) -> f64 {
    if !(unit_w.is_finite() && unit_w > 0.0) {
        return preferred;
    }
    (max_w.max(0.0) / unit_w).min(preferred)
}

/// `text` shortened with "…" so that it fits `max_w` at font size `size`.
pub fn ellipsize(text: &str, max_w: f64, size: f64, measure: &dyn Fn(&str) -> f64) -> String {
    if measure(text) * size <= max_w {
        return text.to_owned();
    }
    let chars: Vec<char> = text.chars().collect();
    // Binary search the longest prefix that fits with the ellipsis.
    let (mut lo, mut hi) = (0usize, chars.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        let candidate: String = chars.iter().take(mid).collect::<String>() + "…";
        if measure(&candidate) * size <= max_w {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    if lo == 0 {
        // Not even one character fits: an ellipsis alone says "there is a label here".
        return "…".to_owned();
    }
    chars
        .iter()
        .take(lo)
        .collect::<String>()
        .trim_end()
        .to_owned()
        + "…"
}

/// Lays items of the given widths left to right, wrapping to new rows at `max_w`.
/// Returns (row, x) per item; an item wider than `max_w` gets a row of its own at x = 0.
pub fn flow(widths: &[f64], max_w: f64, gap: f64) -> Vec<(usize, f64)> {
    let mut out = Vec::with_capacity(widths.len());
    let (mut row, mut x) = (0usize, 0.0_f64);
    for &w in widths {
        if x > 0.0 && x + w > max_w {
            row += 1;
            x = 0.0;
        }
        out.push((row, x));
        x += w + gap;
    }
    out
}

/// A series' points ready to plot: finite, accepted by `keep` (e.g. x > 0 on a log axis),
/// sorted by x so the line never doubles back.
pub fn clean_points(points: &[(f64, f64)], keep: impl Fn(f64, f64) -> bool) -> Vec<(f64, f64)> {
    let mut out: Vec<(f64, f64)> = points
        .iter()
        .copied()
        .filter(|(x, y)| x.is_finite() && y.is_finite() && keep(*x, *y))
        .collect();
    out.sort_by(|a, b| a.0.total_cmp(&b.0));
    out
}

/// Heatmap geometry, in CSS pixels.
pub mod heat {
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
    fn lines_for(
        label: &str,
        max_w: f64,
        font: f64,
        m: &dyn Fn(&str) -> f64,
    ) -> (Vec<String>, f64) {
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
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stand-in for canvas measurement: 0.55 em per Latin character, 1 em per CJK one.
    fn fake(t: &str, bold: bool) -> f64 {
        let w: f64 = t
            .chars()
            .map(|c| if c.is_ascii() { 0.55 } else { 1.0 })
            .sum();
        if bold {
            w * 1.05
        } else {
            w
        }
    }

    #[test]
    fn linear_ticks_are_round_and_bounded() {
        assert_eq!(
            linear_ticks(0.0, 100.0, 6),
            vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0]
        );
        let t = linear_ticks(0.0, 1.0, 6);
        assert_eq!(t.len(), 6);
        assert!(t.iter().all(|v| (0.0..=1.0).contains(v)));
        assert!(linear_ticks(0.0, 350_000.0, 2).len() <= 2);
        assert_eq!(linear_ticks(f64::NAN, 1.0, 5), Vec::<f64>::new());
        assert_eq!(linear_ticks(5.0, 5.0, 5), vec![5.0]);
    }

    #[test]
    fn integer_ticks_skip_when_crowded() {
        assert_eq!(integer_ticks(1.0, 5.0, 10), vec![1.0, 2.0, 3.0, 4.0, 5.0]);
        let t = integer_ticks(0.0, 10.0, 4);
        assert!(t.len() <= 4 && t.len() >= 2, "{t:?}");
        assert!(t.iter().all(|v| v.fract() == 0.0));
        assert_eq!(integer_ticks(0.2, 0.8, 5), Vec::<f64>::new());
    }

    #[test]
    fn ranges_never_empty_or_nan() {
        assert_eq!(money_range([]), (0.0, 1000.0));
        assert_eq!(money_range([f64::NAN, f64::INFINITY]), (0.0, 1000.0));
        assert_eq!(money_range([120_000.0, 480_000.0]), (0.0, 480_000.0));
        let t = covering_ticks(0.0, 1_050_000.0, 3);
        assert!(
            t.len() <= 3 && t[0] == 0.0 && *t.last().unwrap() >= 1_050_000.0,
            "{t:?}"
        );
        let t = covering_ticks(-130.0, 1000.0, 6);
        assert!(
            t[0] <= -130.0 && *t.last().unwrap() >= 1000.0 && t.len() <= 6,
            "{t:?}"
        );
        assert!(covering_ticks(1.0, 1.0, 5).is_empty());
        let (lo, _) = money_range([-5.0, 10.0]);
        assert!(lo <= -5.0);
        assert_eq!(year_range([]), (0.0, 5.0));
        assert_eq!(year_range([3.0]), (2.75, 3.25));
        assert_eq!(year_range([1.0, 5.0]), (0.75, 5.25));
        assert_eq!(integer_ticks(2.75, 3.25, 5), vec![3.0]);
    }

    #[test]
    fn log_decades_cover_values() {
        assert_eq!(log_decades([]), (3, 6));
        assert_eq!(log_decades([0.0, -1.0, f64::NAN]), (3, 6));
        assert_eq!(log_decades([2_000.0, 800_000.0]), (3, 6));
        assert_eq!(log_decades([1_000.0, 1_000_000.0]), (3, 6));
        assert_eq!(log_decades([5_000.0]), (3, 4));
        assert_eq!(decade_ticks(3, 6, 10), vec![1e3, 1e4, 1e5, 1e6]);
        assert_eq!(decade_ticks(3, 7, 3), vec![1e3, 1e5, 1e7]);
    }

    #[test]
    fn legend_ticks_three_to_five() {
        for (lo, hi) in [
            (1.0, 10.0),
            (35_000.0, 350_000.0),
            (1.0, 1e9),
            (1200.0, 350_000.0),
        ] {
            let t = log_legend_ticks(lo, hi);
            assert!((3..=5).contains(&t.len()), "{lo}..{hi}: {t:?}");
            assert!(t.iter().all(|v| *v >= lo * 0.999 && *v <= hi * 1.001));
        }
    }

    #[test]
    fn wrapping_and_fitting() {
        assert_eq!(
            wrap_two("Provider and admin access to content"),
            vec!["Provider and admin", "access to content"]
        );
        assert_eq!(wrap_two("跨境傳輸"), vec!["跨境傳輸"]);
        assert_eq!(wrap_two(""), vec![""]);
        let m = |t: &str| fake(t, false);
        assert_eq!(ellipsize("short", 100.0, 10.0, &m), "short");
        let e = ellipsize("a very long label indeed", 60.0, 10.0, &m);
        assert!(e.ends_with('…') && m(&e) * 10.0 <= 60.0, "{e}");
        assert_eq!(ellipsize("abc", 0.0, 10.0, &m), "…");
        assert_eq!(fit_size(10.0, 100.0, 14.0), 10.0);
        assert_eq!(fit_size(0.0, 100.0, 14.0), 14.0);
        assert_eq!(
            flow(&[50.0, 50.0, 50.0], 120.0, 10.0),
            vec![(0, 0.0), (0, 60.0), (1, 0.0)]
        );
    }

    #[test]
    fn clean_points_drops_bad_values_and_sorts() {
        let pts = [
            (3.0, 1.0),
            (f64::NAN, 1.0),
            (1.0, f64::INFINITY),
            (0.0, 0.5),
            (2.0, 0.2),
        ];
        assert_eq!(
            clean_points(&pts, |x, _| x > 0.0),
            vec![(2.0, 0.2), (3.0, 1.0)]
        );
        assert!(clean_points(&[], |_, _| true).is_empty());
    }

    fn cells(rows: usize, cols: usize) -> Vec<Vec<heat::CellText<'static>>> {
        (0..rows)
            .map(|_| {
                (0..cols)
                    .map(|_| heat::CellText {
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
            let l = heat::compute(
                width,
                &rl,
                &cols,
                &cells(rows, 6),
                "Expected annual loss",
                &fake,
            );
            assert!(l.height.is_finite() && l.height > 0.0);
            assert!(l.grid_x + l.col_w * l.cols as f64 <= width.max(2.0 * heat::PAD) + 1e-6);
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
        assert!(heat::typical_height(6) > heat::typical_height(1));
    }

    #[test]
    fn heat_layout_handles_ragged_and_empty_input() {
        let l = heat::compute(500.0, &[], &[], &[], "", &fake);
        assert_eq!(l.cols, 0);
        assert!(l.height > 0.0);
        let ragged = vec![
            vec![],
            vec![heat::CellText {
                value: "",
                rating: String::new(),
            }],
        ];
        let l = heat::compute(500.0, &labels(1, "x"), &labels(6, "y"), &ragged, "t", &fake);
        assert_eq!(l.cols, 6);
        assert_eq!(l.rows.len(), 2);
    }
}
