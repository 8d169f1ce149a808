//! Charts drawn on `<canvas>` with plotters-canvas. Each chart is one file with a
//! `draw(canvas, data) -> Result<(), ChartError>` function; the data types here are plain values
//! the UI builds from the model's report, so the charts know nothing of the model.
//!
//! High-DPI: every chart sizes its backing store to CSS size × devicePixelRatio and scales every
//! pixel quantity (fonts, lines, paddings) by the same ratio, so it is crisp on any screen.
pub mod layout;
pub mod palette;

#[cfg(target_arch = "wasm32")]
mod canvas;
#[cfg(target_arch = "wasm32")]
pub mod cost_over_time;
#[cfg(target_arch = "wasm32")]
pub mod exceedance;
#[cfg(target_arch = "wasm32")]
mod frame;
#[cfg(target_arch = "wasm32")]
pub mod heatmap;

/// Why a chart could not be drawn (shown to the user in place of the chart, never a panic).
#[derive(Debug, thiserror::Error, Clone, PartialEq)]
pub enum ChartError {
    #[error("the canvas has no 2D context")]
    NoContext,
    #[error("the canvas has no size yet")]
    NoSize,
    #[error("drawing failed: {0}")]
    Draw(String),
}

/// One heatmap cell: an option × risk dimension.
#[derive(Clone, Debug, PartialEq)]
pub struct HeatCell {
    /// Expected annual loss in MOP: the colour comes from this, on a log scale.
    pub expected_annual_loss: f64,
    /// The value as printed in the cell, already formatted for the locale (e.g. "MOP 35k").
    pub value_label: String,
    /// Rating 1–5, printed under the value.
    pub rating: u8,
}

/// Options (rows) × the six risk dimensions (columns).
#[derive(Clone, Debug, PartialEq)]
pub struct HeatmapData {
    pub row_labels: Vec<String>,
    pub column_labels: Vec<String>,
    /// `cells[row][column]`.
    pub cells: Vec<Vec<HeatCell>>,
    /// Translated word for the rating line, e.g. "rating" → "rating 3".
    pub rating_word: String,
    /// Legend caption, e.g. "Expected annual loss (MOP, log scale)".
    pub legend_title: String,
    /// Language of tick labels and number formats.
    pub locale: crate::i18n::Locale,
}

/// One line of a chart: a series per option.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub label: String,
    pub points: Vec<(f64, f64)>,
}

/// Cumulative cost per option by year.
#[derive(Clone, Debug, PartialEq)]
pub struct CostOverTimeData {
    pub series: Vec<Series>,
    pub x_label: String,
    pub y_label: String,
    pub locale: crate::i18n::Locale,
}

/// Loss-exceedance curves: x = loss in MOP (log scale), y = P(loss > x).
#[derive(Clone, Debug, PartialEq)]
pub struct ExceedanceData {
    pub series: Vec<Series>,
    pub x_label: String,
    pub y_label: String,
    /// Optional risk-tolerance (appetite) line at this loss.
    pub tolerance: Option<(f64, String)>,
    pub locale: crate::i18n::Locale,
}

/// Line colours for series: Okabe–Ito, distinguishable with colour-vision deficiencies.
pub const SERIES_COLOURS: [(u8, u8, u8); 6] = [
    (0, 114, 178),
    (230, 159, 0),
    (0, 158, 115),
    (204, 121, 167),
    (86, 180, 233),
    (213, 94, 0),
];
