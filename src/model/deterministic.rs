//! The deterministic evaluation (methodology §2–3, §5): costs, risk cells, exact expected
//! totals and ROI estimates of every option, without simulation. Fast: it runs on every
//! keystroke. Modules point one way: scenario (validate, resolve) → deterministic → simulation
//! → report.
//!
//! ```
//! use collab_risk::model::{catalog::Catalog, deterministic, presets};
//! let catalog = Catalog::embedded().unwrap();
//! let scenario = presets::load("article-50").unwrap();
//! let quick = deterministic::evaluate_deterministic(&scenario, catalog).unwrap();
//! assert_eq!(quick.claims[0].computed_mop.to_string(), "112881.125");
//! ```
use rust_decimal::Decimal;
use serde::Serialize;

use super::catalog::Catalog;
use super::catalog::PlanChoice;
use super::cost::{cost_ledger, CostLedger};
use super::error::ModelError;
use super::input::index;
use super::risk::{decimal_to_f64, risk_profile, RiskContext, RiskProfile};
use super::roi::{payback_year, rosi, score, MeasureContribution, RoiEstimate};
use super::scenario::{ClaimRelation, EffectivePlatform, ResolvedOption, Scenario};

/// Costs and risk of one option, without simulation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OptionDeterministic {
    pub id: String,
    pub name: String,
    pub platform: String,
    pub platform_name: String,
    /// The plan (edition) it is priced on, when the platform has plans.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan: Option<PlanUsed>,
    /// The platform already in use: no migration or one-off setup is charged.
    pub incumbent: bool,
    pub cost: CostLedger,
    pub risk: RiskProfile,
    /// The same platform and overrides without measures (`None` when no measures).
    pub baseline_risk: Option<RiskProfile>,
    /// Σ EAL × Σ_y discount factor (MOP).
    pub expected_loss_horizon_mop: f64,
    /// Cost total + expected loss over the horizon (MOP): exact, seed-independent; the figure
    /// that ranks the options.
    pub risk_adjusted_total_expected_mop: f64,
    pub roi: RoiEstimate,
    /// The steps from today to this configuration, costed as the ledger is.
    pub action_plan: super::action_plan::ActionPlan,
}

/// The plan an option is priced on, and why that one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanUsed {
    pub id: String,
    pub name: String,
    /// The most users it is sold for (`None`: no cap).
    pub max_users: Option<u32>,
    /// `true` when the scenario named the plan; `false` when the model took the first plan sold
    /// for the headcount.
    pub pinned: bool,
    /// The default plan the model moved from because the headcount is above its cap.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub moved_from: Option<String>,
    /// What the plan lacks, for the card: `no_vendor_support`, `no_retention_control`,
    /// `no_audit_log`, `no_sso`.
    pub lacks: Vec<&'static str>,
}

impl PlanUsed {
    fn new(choice: PlanChoice<'_>, effective: &EffectivePlatform) -> Option<PlanUsed> {
        let plan = choice.plan()?;
        let mut lacks = Vec::new();
        if effective.choice("vendor_support") == "none" {
            lacks.push("no_vendor_support");
        }
        if !effective.flag("retention_control") {
            lacks.push("no_retention_control");
        }
        if effective.choice("audit_log") == "none" {
            lacks.push("no_audit_log");
        }
        if !effective.flag("sso") {
            lacks.push("no_sso");
        }
        Some(PlanUsed {
            id: plan.id.clone(),
            name: plan.name.clone(),
            max_users: plan.cap(),
            pinned: matches!(choice, PlanChoice::Pinned(_)),
            moved_from: match choice {
                PlanChoice::Fitted {
                    moved_from: Some(p),
                    ..
                } => Some(p.id.clone()),
                _ => None,
            },
            lacks,
        })
    }
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

impl DeterministicReport {
    /// Option ids from the lowest expected risk-adjusted total to the highest (ties keep the
    /// scenario's order).
    pub fn ranking(&self) -> Vec<&str> {
        let mut order: Vec<&OptionDeterministic> = self.options.iter().collect();
        order.sort_by(|a, b| {
            a.risk_adjusted_total_expected_mop
                .total_cmp(&b.risk_adjusted_total_expected_mop)
        });
        order.into_iter().map(|o| o.id.as_str()).collect()
    }
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
    let resolved = scenario.resolve(catalog)?;
    let context = RiskContext::new(scenario, catalog)?;
    let discount = discount_factors(scenario);
    let discount_sum: f64 = discount.iter().sum();
    let options = resolved
        .iter()
        .enumerate()
        .map(|(i, option)| {
            evaluate_option(
                scenario,
                catalog,
                &context,
                &discount,
                discount_sum,
                option,
                i,
            )
        })
        .collect::<Result<Vec<_>, _>>()?;
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

fn evaluate_option(
    scenario: &Scenario,
    catalog: &Catalog,
    context: &RiskContext,
    discount: &[f64],
    discount_sum: f64,
    option: &ResolvedOption<'_>,
    i: usize,
) -> Result<OptionDeterministic, ModelError> {
    let path = index("options", i);
    let spec = option.spec;
    let cost = cost_ledger(
        scenario,
        &option.effective,
        &option.measures,
        spec.incumbent,
        &path,
    )?;
    let risk = risk_profile(catalog, context, &option.effective, &spec.measures)?;
    let baseline_risk = if spec.measures.is_empty() {
        None
    } else {
        Some(risk_profile(catalog, context, &option.effective, &[])?)
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
    let rosi_value = rosi(loss_avoided, measures_cost);
    let has_measures = !spec.measures.is_empty();
    // Each measure's own contribution: the set with it against the set without it.
    let mut contributions = Vec::with_capacity(spec.measures.len());
    for (j, selection) in spec.measures.iter().enumerate() {
        let others: Vec<_> = spec
            .measures
            .iter()
            .enumerate()
            .filter(|(k, _)| *k != j)
            .map(|(_, m)| m.clone())
            .collect();
        let without = risk_profile(catalog, context, &option.effective, &others)?;
        let own: Vec<_> = option.measures.iter().skip(j).take(1).copied().collect();
        let own_cost = cost_ledger(scenario, &option.effective, &own, spec.incumbent, &path)?;
        let avoided = (without.expected_annual_loss_mop - eal).max(0.0) * discount_sum;
        let cost_mop = decimal_to_f64(own_cost.by_category.compliance_measures);
        contributions.push(MeasureContribution {
            measure: selection.id.clone(),
            loss_avoided_mop: avoided,
            cost_mop,
            net_benefit_mop: avoided - cost_mop,
        });
    }
    let roi = RoiEstimate {
        has_measures,
        expected_loss_avoided_mop: loss_avoided,
        measures_cost_mop: measures_cost,
        expected_net_benefit_mop: loss_avoided - measures_cost,
        rosi: rosi_value,
        rosi_capped: false,
        score: score(rosi_value, loss_avoided),
        payback_year: if has_measures {
            payback_year(&avoided_by_year, &cost_by_year)
        } else {
            None
        },
        contributions,
    };
    let expected_loss = eal * discount_sum;
    let platform = option.platform;
    let action_plan = super::action_plan::plan_for(
        scenario,
        catalog,
        &option.effective,
        &option.measures,
        spec,
        i,
    )?;
    Ok(OptionDeterministic {
        id: spec.id.clone(),
        // A blank label would leave a nameless row in every table and chart: the platform's
        // name stands in (never the internal id).
        name: if spec.label.trim().is_empty() {
            platform.name.clone()
        } else {
            spec.label.clone()
        },
        platform: platform.id.clone(),
        platform_name: platform.name.clone(),
        plan: PlanUsed::new(option.plan, &option.effective),
        incumbent: spec.incumbent,
        risk_adjusted_total_expected_mop: decimal_to_f64(cost.total_mop) + expected_loss,
        cost,
        risk,
        baseline_risk,
        expected_loss_horizon_mop: expected_loss,
        roi,
        action_plan,
    })
}
