//! Pure layout arithmetic for the canvas charts: tick values, axis ranges, label wrapping and
//! fitting; the heatmap's geometry is in [`heat`].
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

/// Heatmap geometry (its own file: `layout/heat.rs`).
pub mod heat;

#[cfg(test)]
mod tests {
    use super::*;

    /// A stand-in for canvas measurement: 0.55 em per Latin character, 1 em per CJK one.
    pub(super) fn fake(t: &str, bold: bool) -> f64 {
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
}
