//! Built-in scenarios. `article-50` is the blank app's default.
//!
//! ```
//! use collab_risk::model::presets;
//! assert_eq!(presets::names(), &["article-50", "bank-200", "clinic-30", "school-80", "trading-20"]);
//! assert_eq!(presets::load("clinic-30").unwrap().organisation.sector, "healthcare");
//! ```
use super::error::ModelError;
use super::scenario::Scenario;

const PRESETS: &[(&str, &str)] = &[
    (
        "article-50",
        include_str!(concat!(
            env!("OUT_DIR"),
            "/src/model/presets/article-50.json"
        )),
    ),
    (
        "bank-200",
        include_str!(concat!(env!("OUT_DIR"), "/src/model/presets/bank-200.json")),
    ),
    (
        "clinic-30",
        include_str!(concat!(
            env!("OUT_DIR"),
            "/src/model/presets/clinic-30.json"
        )),
    ),
    (
        "school-80",
        include_str!(concat!(
            env!("OUT_DIR"),
            "/src/model/presets/school-80.json"
        )),
    ),
    (
        "trading-20",
        include_str!(concat!(
            env!("OUT_DIR"),
            "/src/model/presets/trading-20.json"
        )),
    ),
];

const NAMES: &[&str] = &[
    "article-50",
    "bank-200",
    "clinic-30",
    "school-80",
    "trading-20",
];

/// Names of the built-in presets.
pub fn names() -> &'static [&'static str] {
    NAMES
}

/// The JSON text of a preset.
pub fn json(name: &str) -> Result<&'static str, ModelError> {
    PRESETS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, text)| *text)
        .ok_or_else(|| ModelError::UnknownPreset {
            path: "preset".into(),
            name: name.to_string(),
        })
}

/// Parse and validate a preset.
pub fn load(name: &str) -> Result<Scenario, ModelError> {
    Scenario::from_json(json(name)?)
}

/// The preset a blank app starts with.
pub const DEFAULT: &str = "article-50";

/// The scenario a blank app starts with ([`DEFAULT`]).
pub fn default_scenario() -> Result<Scenario, ModelError> {
    load(DEFAULT)
}
