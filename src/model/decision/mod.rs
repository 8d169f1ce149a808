//! The decision analysis (issue 10): the answer first.
//!
//! - [`best_configuration`] / [`best_configurations`]: per option, the measure set with the lowest
//!   expected risk-adjusted total (exhaustive search, proven against brute force in the tests).
//! - [`sensitivity`] / [`sensitivity_of_leading_pair`]: a tornado of the uncertain inputs for a
//!   pair of options, with break-even values.
//! - [`certainty`]: P(best) and the expected value of perfect information from the simulated
//!   trials (the simulation fills them in; [`report::assemble`] copies them with the ranking).
//! - [`evaluate`]: the full report with all of the above (what the `evaluate` command prints).
//!
//! Entry points are pure and take `(&Scenario, &Catalog, …)`; none runs the simulation except
//! [`evaluate`].
use super::catalog::Catalog;
use super::error::ModelError;
use super::report::{self, OptionDeterministic, Report};
use super::scenario::Scenario;

pub mod best_configuration;
pub mod certainty;
pub mod sensitivity;
pub mod spec;
pub mod types;

pub use best_configuration::{best_configuration, best_configurations};
pub use sensitivity::{difference_with, sensitivity, sensitivity_of_leading_pair};
pub use types::{
    BestConfiguration, Decision, Direction, InputKind, OptionProbability, SensitivityAnalysis,
    SensitivityEntry, SensitivityPair,
};

/// An option's exact expected risk-adjusted total: cost total + Σ EAL × Σ discount factors (MOP).
/// The one figure the ranking, the best configuration and the sensitivity use.
pub fn expected_total(option: &OptionDeterministic) -> f64 {
    option.risk_adjusted_total_expected_mop
}

/// The full report: [`report::evaluate`] (costs, risk, simulation, ROI, ranking, P(best), EVPI)
/// plus every option's best configuration and the sensitivity of the leading pair.
///
/// ```
/// use collab_risk::model::{catalog::Catalog, decision, presets};
/// let catalog = Catalog::embedded().unwrap();
/// let mut scenario = presets::load("article-50").unwrap();
/// scenario.simulation.trials = 500;
/// let report = decision::evaluate(&scenario, catalog).unwrap();
/// let p: f64 = report.decision.p_best.iter().map(|o| o.p).sum();
/// assert!((p - 1.0).abs() < 1e-12);
/// assert_eq!(report.decision.ranking.len(), 2);
/// assert!(report.options.iter().all(|o| o.best_configuration.is_some()));
/// assert!(report.decision.evpi_mop >= 0.0);
/// ```
pub fn evaluate(scenario: &Scenario, catalog: &Catalog) -> Result<Report, ModelError> {
    let mut full = report::evaluate(scenario, catalog)?;
    let best = best_configurations(scenario, catalog)?;
    for (option, b) in full.options.iter_mut().zip(best) {
        option.best_configuration = Some(b);
    }
    let analysis = sensitivity_of_leading_pair(scenario, catalog)?;
    full.decision.sensitivity_pair = Some(analysis.pair);
    full.decision.sensitivity = analysis.entries;
    Ok(full)
}
