//! The full report: the deterministic evaluation ([`evaluate_deterministic`], re-exported from
//! [`super::deterministic`]) plus the Monte Carlo simulation, ROI spreads and comparisons
//! ([`evaluate`]).
//!
//! ```
//! use collab_risk::model::{catalog::Catalog, presets, report};
//! let catalog = Catalog::embedded().unwrap();
//! let scenario = presets::load("article-50").unwrap();
//! let quick = report::evaluate_deterministic(&scenario, catalog).unwrap();
//! assert_eq!(quick.claims[0].computed_mop.to_string(), "112881.125");
//! ```
use serde::Serialize;

use super::catalog::Catalog;
use super::cost::CostLedger;
use super::decision::types::{BestConfiguration, Decision, OptionProbability};
pub use super::deterministic::{
    discount_factors, evaluate_deterministic, ClaimCheck, DeterministicReport, OptionDeterministic,
};
use super::error::ModelError;
use super::risk::RiskProfile;
use super::roi::ComplianceRoi;
use super::scenario::Scenario;
use super::simulation::{Comparison, OptionSimulation, SimulationRun};

/// Format tag of report JSON.
pub const REPORT_FORMAT: &str = "collab-risk/report";
/// Report version.
pub const REPORT_VERSION: u32 = 1;

/// The issue's per-option `risk` object: cells + summed EAL (+ rating, measures).
pub type OptionRisk = RiskProfile;

/// One option in the full report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OptionReport {
    pub id: String,
    pub name: String,
    pub platform: String,
    pub platform_name: String,
    /// The plan (edition) it is priced on, when the platform has plans.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan: Option<super::deterministic::PlanUsed>,
    /// The platform already in use (no migration or one-off setup charged).
    pub incumbent: bool,
    pub cost: CostLedger,
    pub risk: OptionRisk,
    pub baseline_risk: Option<RiskProfile>,
    pub simulation: OptionSimulation,
    /// Mean of cost + simulated loss over the horizon (MOP); moves with the seed.
    pub risk_adjusted_total_mop: f64,
    /// Cost total + the discounted sum of expected annual losses (MOP): exact and
    /// seed-independent. Headlines and the ranking use this one.
    pub risk_adjusted_total_expected_mop: f64,
    pub compliance_roi: ComplianceRoi,
    /// The measure set minimising this option's expected risk-adjusted total
    /// (`decision::evaluate` fills it; `None` from [`assemble`] alone).
    pub best_configuration: Option<BestConfiguration>,
    /// The steps from today to this configuration (`model::action_plan`).
    pub action_plan: super::action_plan::ActionPlan,
}

/// The full report (`evaluate` CLI output).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub format: &'static str,
    pub version: u32,
    pub scenario: String,
    pub horizon_years: u32,
    pub risk_appetite_mop: f64,
    pub options: Vec<OptionReport>,
    pub comparisons: Vec<Comparison>,
    pub claims: Vec<ClaimCheck>,
    /// Human-readable lines (claims checked, caveats).
    pub notes: Vec<String>,
    /// Ranking, P(best), EVPI and (from `decision::evaluate`) the sensitivity of the leading pair.
    pub decision: Decision,
}

/// Full evaluation: deterministic part + simulation + ROI + pairwise comparisons.
pub fn evaluate(scenario: &Scenario, catalog: &Catalog) -> Result<Report, ModelError> {
    let deterministic = evaluate_deterministic(scenario, catalog)?;
    let mut run = SimulationRun::new(scenario, &deterministic);
    let summary = run.finish();
    Ok(assemble(deterministic, summary))
}

/// Combine a deterministic report with a finished simulation (the UI does this after
/// running the simulation in chunks).
pub fn assemble(
    deterministic: DeterministicReport,
    summary: super::simulation::SimulationSummary,
) -> Report {
    let mut notes: Vec<String> = deterministic
        .claims
        .iter()
        .map(|c| format!("{}: {}", c.text, c.summary))
        .collect();
    notes.push(
        "Estimates (confidence \"estimate\" in data/catalog.json) are placeholders: enter your own quotes and check the sources."
            .to_string(),
    );
    let decision = Decision {
        ranking: deterministic
            .ranking()
            .into_iter()
            .map(str::to_string)
            .collect(),
        p_best: deterministic
            .options
            .iter()
            .zip(&summary.options)
            .map(|(o, sim)| OptionProbability {
                option: o.id.clone(),
                p: sim.p_best,
            })
            .collect(),
        evpi_mop: summary.evpi_mop,
        sensitivity_pair: None,
        sensitivity: Vec::new(),
    };
    let options = deterministic
        .options
        .into_iter()
        .zip(summary.options)
        .map(|(o, sim)| OptionReport {
            risk_adjusted_total_mop: sim.risk_adjusted.mean_mop,
            risk_adjusted_total_expected_mop: o.risk_adjusted_total_expected_mop,
            incumbent: o.incumbent,
            compliance_roi: ComplianceRoi::new(
                &o.roi,
                sim.p_rosi_positive,
                (sim.net_benefit_p5_mop, sim.net_benefit_p95_mop),
            ),
            id: o.id,
            name: o.name,
            platform: o.platform,
            platform_name: o.platform_name,
            plan: o.plan,
            cost: o.cost,
            risk: o.risk,
            baseline_risk: o.baseline_risk,
            simulation: sim,
            best_configuration: None,
            action_plan: o.action_plan,
        })
        .collect();
    Report {
        format: REPORT_FORMAT,
        version: REPORT_VERSION,
        scenario: deterministic.scenario,
        horizon_years: deterministic.horizon_years,
        risk_appetite_mop: deterministic.risk_appetite_mop,
        options,
        comparisons: summary.comparisons,
        claims: deterministic.claims,
        notes,
        decision,
    }
}

impl Report {
    /// Pretty JSON (decimals as strings, floats via the shortest round-trip form).
    pub fn to_json_pretty(&self) -> Result<String, ModelError> {
        serde_json::to_string_pretty(self).map_err(|e| ModelError::InvalidJson {
            path: String::new(),
            message: e.to_string(),
        })
    }
}
