//! Evaluation entry points: [`evaluate_deterministic`] (costs + risk, fast, for every
//! keystroke) and [`evaluate`] (adds the Monte Carlo simulation, ROI and comparisons).
//!
//! ```
//! use collab_risk::model::{catalog::Catalog, presets, report};
//! let catalog = Catalog::embedded().unwrap();
//! let scenario = presets::load("article-50").unwrap();
//! let quick = report::evaluate_deterministic(&scenario, catalog).unwrap();
//! assert_eq!(quick.claims[0].computed_mop.to_string(), "112881.125");
//! ```
use rust_decimal::Decimal;
use serde::Serialize;

use super::catalog::Catalog;
use super::cost::{cost_ledger, CostLedger};
use super::error::ModelError;
use super::input::{index, join};
use super::risk::{decimal_to_f64, risk_profile, RiskContext, RiskProfile};
use super::roi::{payback_year, rosi, score, ComplianceRoi, RoiEstimate};
use super::scenario::{ClaimRelation, EffectivePlatform, Scenario};
use super::simulation::{Comparison, OptionSimulation, SimulationRun};

/// Format tag of report JSON.
pub const REPORT_FORMAT: &str = "collab-risk/report";
/// Report version.
pub const REPORT_VERSION: u32 = 1;

/// Costs and risk of one option, without simulation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OptionDeterministic {
    pub id: String,
    pub name: String,
    pub platform: String,
    pub platform_name: String,
    pub cost: CostLedger,
    pub risk: RiskProfile,
    /// The same platform and overrides without measures (`None` when no measures).
    pub baseline_risk: Option<RiskProfile>,
    /// Σ EAL × Σ_y discount factor (MOP).
    pub expected_loss_horizon_mop: f64,
    /// Cost total + expected loss over the horizon (MOP).
    pub expected_risk_adjusted_total_mop: f64,
    pub roi: RoiEstimate,
}

/// A third-party claim next to the computed figure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClaimCheck {
    pub text: String,
    pub source: String,
    pub relation: ClaimRelation,
    pub claimed_mop: Decimal,
    /// Total cost of `higher_option` − total cost of `lower_option`.
    pub computed_mop: Decimal,
    pub higher_option: String,
    pub lower_option: String,
    /// Whether the computed figure supports the claim.
    pub supported: bool,
    /// One human line, e.g. "claimed > MOP 140000; computed MOP 112881.125 — not supported".
    pub summary: String,
}

/// Everything except the simulation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DeterministicReport {
    pub scenario: String,
    pub horizon_years: u32,
    /// 1/(1+r)^(y−1) for y = 1..=horizon.
    pub discount_factors: Vec<f64>,
    pub risk_appetite_mop: f64,
    /// Number of loss-exceedance curve points the simulation reports (from the catalog).
    pub exceedance_points: u32,
    pub options: Vec<OptionDeterministic>,
    pub claims: Vec<ClaimCheck>,
}

/// Per-year discount factors `1/(1+r)^(y−1)` as f64 (libm::pow, identical on every target).
pub fn discount_factors(scenario: &Scenario) -> Vec<f64> {
    let base = 1.0 + decimal_to_f64(scenario.discount_rate_pct) / 100.0;
    (0..scenario.horizon_years)
        .map(|y| 1.0 / libm::pow(base, f64::from(y)))
        .collect()
}

/// Costs, risk cells and ROI estimates of every option; no simulation. Validates first.
pub fn evaluate_deterministic(
    scenario: &Scenario,
    catalog: &Catalog,
) -> Result<DeterministicReport, ModelError> {
    scenario.validate(catalog)?;
    let context = RiskContext::new(scenario, catalog)?;
    let discount = discount_factors(scenario);
    let discount_sum: f64 = discount.iter().sum();
    let mut options = Vec::with_capacity(scenario.options.len());
    for (i, option) in scenario.options.iter().enumerate() {
        let path = index("options", i);
        let platform =
            catalog
                .platform(&option.platform)
                .ok_or_else(|| ModelError::UnknownPlatform {
                    path: join(&path, "platform"),
                    id: option.platform.clone(),
                })?;
        let effective = EffectivePlatform::new(platform, &option.overrides, catalog, &path)?;
        let measures = option
            .measures
            .iter()
            .map(|m| {
                catalog
                    .measure(&m.id)
                    .ok_or_else(|| ModelError::UnknownMeasure {
                        path: join(&path, "measures"),
                        id: m.id.clone(),
                    })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let cost = cost_ledger(scenario, &effective, &measures, &path)?;
        let risk = risk_profile(catalog, &context, &effective, &option.measures)?;
        let baseline_risk = if option.measures.is_empty() {
            None
        } else {
            Some(risk_profile(catalog, &context, &effective, &[])?)
        };
        let eal = risk.expected_annual_loss_mop;
        let baseline_eal = baseline_risk
            .as_ref()
            .map_or(eal, |b| b.expected_annual_loss_mop);
        let avoided_per_year = (baseline_eal - eal).max(0.0);
        let avoided_by_year: Vec<f64> = discount.iter().map(|d| avoided_per_year * d).collect();
        let cost_by_year: Vec<f64> = cost
            .by_year
            .iter()
            .map(|y| decimal_to_f64(y.amounts.compliance_measures))
            .collect();
        let measures_cost = decimal_to_f64(cost.by_category.compliance_measures);
        let loss_avoided = avoided_per_year * discount_sum;
        let (rosi_value, capped) = rosi(loss_avoided, measures_cost, catalog.roi.rosi_cap);
        let has_measures = !option.measures.is_empty();
        let roi = RoiEstimate {
            has_measures,
            expected_loss_avoided_mop: loss_avoided,
            measures_cost_mop: measures_cost,
            rosi: rosi_value,
            rosi_capped: capped,
            score: score(rosi_value, catalog.roi.rosi_cap),
            payback_year: if has_measures {
                payback_year(&avoided_by_year, &cost_by_year)
            } else {
                None
            },
        };
        let expected_loss = eal * discount_sum;
        options.push(OptionDeterministic {
            id: option.id.clone(),
            // A blank label would leave a nameless row in every table and chart.
            name: if option.label.trim().is_empty() {
                format!("{} ({})", platform.name, option.id)
            } else {
                option.label.clone()
            },
            platform: platform.id.clone(),
            platform_name: platform.name.clone(),
            expected_risk_adjusted_total_mop: decimal_to_f64(cost.total_mop) + expected_loss,
            cost,
            risk,
            baseline_risk,
            expected_loss_horizon_mop: expected_loss,
            roi,
        });
    }
    let claims = scenario
        .claims
        .iter()
        .enumerate()
        .map(|(i, claim)| {
            let total = |id: &str| {
                options
                    .iter()
                    .find(|o| o.id == id)
                    .map(|o| o.cost.total_mop)
            };
            let path = index("claims", i);
            let (Some(high), Some(low)) = (total(&claim.higher_option), total(&claim.lower_option))
            else {
                return Err(ModelError::out_of_range(
                    path,
                    "claim refers to an unknown option",
                ));
            };
            let computed = high
                .checked_sub(low)
                .ok_or_else(|| ModelError::overflow(path, "claim difference"))?
                .normalize();
            let supported = match claim.relation {
                ClaimRelation::GreaterThan => computed > claim.claimed_mop,
                ClaimRelation::LessThan => computed < claim.claimed_mop,
                // "about": within 5 % of the claim.
                ClaimRelation::About => {
                    let tolerance = claim.claimed_mop.abs() * Decimal::new(5, 2);
                    (computed - claim.claimed_mop).abs() <= tolerance
                }
            };
            let relation = match claim.relation {
                ClaimRelation::GreaterThan => ">",
                ClaimRelation::LessThan => "<",
                ClaimRelation::About => "≈",
            };
            Ok(ClaimCheck {
                text: claim.text.clone(),
                source: claim.source.clone(),
                relation: claim.relation,
                claimed_mop: claim.claimed_mop.normalize(),
                computed_mop: computed,
                higher_option: claim.higher_option.clone(),
                lower_option: claim.lower_option.clone(),
                supported,
                summary: format!(
                    "claimed {relation} MOP {}; computed MOP {computed} ({} − {}) — {}",
                    claim.claimed_mop.normalize(),
                    claim.higher_option,
                    claim.lower_option,
                    if supported {
                        "supported"
                    } else {
                        "not supported"
                    }
                ),
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(DeterministicReport {
        scenario: scenario.name.clone(),
        horizon_years: scenario.horizon_years,
        discount_factors: discount,
        risk_appetite_mop: decimal_to_f64(scenario.risk_appetite_mop),
        exceedance_points: catalog.simulation.exceedance_points,
        options,
        claims,
    })
}

/// The issue's per-option `risk` object: cells + summed EAL (+ rating, measures).
pub type OptionRisk = RiskProfile;

/// One option in the full report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OptionReport {
    pub id: String,
    pub name: String,
    pub platform: String,
    pub platform_name: String,
    pub cost: CostLedger,
    pub risk: OptionRisk,
    pub baseline_risk: Option<RiskProfile>,
    pub simulation: OptionSimulation,
    /// Mean of cost + simulated loss over the horizon (MOP).
    pub risk_adjusted_total_mop: f64,
    pub compliance_roi: ComplianceRoi,
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
    let options = deterministic
        .options
        .into_iter()
        .zip(summary.options)
        .map(|(o, sim)| OptionReport {
            risk_adjusted_total_mop: sim.risk_adjusted.mean_mop,
            compliance_roi: ComplianceRoi::new(&o.roi, sim.p_rosi_positive),
            id: o.id,
            name: o.name,
            platform: o.platform,
            platform_name: o.platform_name,
            cost: o.cost,
            risk: o.risk,
            baseline_risk: o.baseline_risk,
            simulation: sim,
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
