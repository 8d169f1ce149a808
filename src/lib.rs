//! collab-risk: five-year cost in MOP and personal-data compliance risk of collaboration platforms
//! for Macau businesses.
//!
//! - [`model`]: the pure decision model (no web dependency; tested natively).
//! - [`i18n`]: translations and number formats (pure; tested natively).
//! - `ui` and `charts` (wasm32 only): Leptos components that wire signals to the model, and the
//!   canvas charts.
pub mod charts;
pub mod i18n;
pub mod input;
pub mod model;

#[cfg(target_arch = "wasm32")]
pub mod ui;
