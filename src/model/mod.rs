//! The decision model: pure Rust, no web dependency. Compiled and tested natively,
//! used by the web app, the `evaluate` command and every test.
//!
//! Entry points: [`presets::load`], [`scenario::Scenario::from_json`],
//! [`deterministic::evaluate_deterministic`] (fast, every keystroke),
//! [`simulation::SimulationRun`] (chunked Monte Carlo) and [`report::evaluate`] (all).
pub mod action_plan;
pub mod applicability;
pub mod catalog;
pub mod catalog_text;
pub mod catalog_validation;
pub mod cost;
mod cumulative_cost;
pub mod decision;
pub mod deterministic;
mod editing;
pub mod error;
pub mod export;
pub mod fields;
pub mod import;
mod input;
pub mod measures;
pub mod presets;
pub mod report;
pub mod residency;
pub mod risk;
pub mod roi;
pub mod scenario;
pub mod share;
pub mod simulation;
pub mod sourced;
pub mod start;
pub mod storage;
