//! Colour-blind-safe sequential palette (viridis) and the log scale that maps money onto it.
//!
//! Viridis is perceptually uniform and readable with the common colour-vision deficiencies and in
//! greyscale print; cells also carry printed values, so colour is never the only cue.
//!
//! ```
//! use collab_risk::charts::palette::{viridis, LogScale};
//! let scale = LogScale::new(1_000.0, 1_000_000.0);
//! assert_eq!(scale.position(1_000.0), 0.0);
//! assert_eq!(viridis(0.0), (68, 1, 84));
//! ```

/// Viridis at eleven evenly spaced stops (from matplotlib's table), interpolated linearly between.
const VIRIDIS: [(u8, u8, u8); 11] = [
    (68, 1, 84),
    (72, 36, 117),
    (65, 68, 135),
    (53, 95, 141),
    (42, 120, 142),
    (33, 145, 140),
    (34, 168, 132),
    (68, 191, 112),
    (122, 209, 81),
    (189, 223, 38),
    (253, 231, 37),
];

/// The palette colour at `t` in [0, 1] (clamped; NaN counts as 0).
pub fn viridis(t: f64) -> (u8, u8, u8) {
    let t = if t.is_nan() { 0.0 } else { t.clamp(0.0, 1.0) };
    let x = t * (VIRIDIS.len() - 1) as f64;
    let i = (x.floor() as usize).min(VIRIDIS.len() - 2);
    let f = x - i as f64;
    let (a, b) = (VIRIDIS[i], VIRIDIS[i + 1]);
    let mix = |p: u8, q: u8| (p as f64 + (q as f64 - p as f64) * f).round() as u8;
    (mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

/// Black or white, whichever reads better on `bg` (WCAG relative luminance).
pub fn text_colour_on(bg: (u8, u8, u8)) -> (u8, u8, u8) {
    let lin = |c: u8| {
        let c = c as f64 / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let l = 0.2126 * lin(bg.0) + 0.7152 * lin(bg.1) + 0.0722 * lin(bg.2);
    // Contrast with white = 1.05 / (l + 0.05); with black = (l + 0.05) / 0.05.
    if 1.05 / (l + 0.05) >= (l + 0.05) / 0.05 {
        (255, 255, 255)
    } else {
        (0, 0, 0)
    }
}

/// Maps positive amounts to [0, 1] on a log10 scale between `low` and `high`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LogScale {
    log_low: f64,
    log_high: f64,
}

impl LogScale {
    /// A scale over [low, high]; bounds are clamped to at least 1 and kept at least a decade apart,
    /// so a scenario whose values are all equal still gets a usable scale.
    pub fn new(low: f64, high: f64) -> LogScale {
        let low = if low.is_finite() { low.max(1.0) } else { 1.0 };
        let high = if high.is_finite() { high.max(low) } else { low };
        let log_low = low.log10();
        let log_high = high.log10().max(log_low + 1.0);
        LogScale { log_low, log_high }
    }

    /// A scale spanning the positive finite values given (amounts ≤ 0 are ignored).
    pub fn spanning(values: impl IntoIterator<Item = f64>) -> LogScale {
        let (lo, hi) = values
            .into_iter()
            .filter(|v| v.is_finite() && *v > 0.0)
            .fold((f64::INFINITY, 0.0_f64), |(lo, hi), v| {
                (lo.min(v), hi.max(v))
            });
        if hi <= 0.0 {
            LogScale::new(1.0, 10.0)
        } else {
            LogScale::new(lo, hi)
        }
    }

    /// Position of `value` in [0, 1]; values at or below the low end (and ≤ 0) give 0.
    pub fn position(&self, value: f64) -> f64 {
        if !value.is_finite() || value <= 0.0 {
            return 0.0;
        }
        ((value.log10() - self.log_low) / (self.log_high - self.log_low)).clamp(0.0, 1.0)
    }

    pub fn low(&self) -> f64 {
        10f64.powf(self.log_low)
    }

    pub fn high(&self) -> f64 {
        10f64.powf(self.log_high)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn palette_ends_and_monotone_lightness() {
        assert_eq!(viridis(0.0), (68, 1, 84));
        assert_eq!(viridis(1.0), (253, 231, 37));
        assert_eq!(viridis(f64::NAN), viridis(0.0));
        assert_eq!(viridis(2.0), viridis(1.0));
        // Green channel (most of the lightness) rises along the palette.
        let mut last = 0;
        for i in 0..=100 {
            let g = viridis(i as f64 / 100.0).1;
            assert!(g >= last, "green falls at {i}");
            last = g;
        }
    }

    #[test]
    fn text_is_white_on_dark_and_black_on_light() {
        assert_eq!(text_colour_on(viridis(0.0)), (255, 255, 255));
        assert_eq!(text_colour_on(viridis(1.0)), (0, 0, 0));
    }

    #[test]
    fn log_scale_maps_decades_evenly() {
        let s = LogScale::new(100.0, 1_000_000.0);
        assert!((s.position(10_000.0) - 0.5).abs() < 1e-12);
        assert_eq!(s.position(0.0), 0.0);
        assert_eq!(s.position(f64::INFINITY), 0.0);
        assert_eq!(s.position(1e12), 1.0);
        let flat = LogScale::spanning([5_000.0, 5_000.0]);
        assert!(flat.high() > flat.low());
        let empty = LogScale::spanning([]);
        assert_eq!(empty.position(1.0), 0.0);
    }
}
