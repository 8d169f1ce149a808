//! Compliance return on security investment (ENISA 2012), methodology §5.
//! ROSI is reported uncapped; the 0–100 score is a strictly increasing map of it, so it ranks
//! measure sets exactly as ROSI does and never saturates. Every output is finite.
use serde::Serialize;

/// ROSI = (expected loss avoided − measures cost) / measures cost, uncapped.
/// `None` when the measures cost nothing (any avoided loss is then pure gain: ROSI is undefined).
///
/// ```
/// use collab_risk::model::roi::rosi;
/// assert_eq!(rosi(300.0, 100.0), Some(2.0));
/// assert_eq!(rosi(50_000.0, 100.0), Some(499.0));
/// assert_eq!(rosi(50.0, 0.0), None);
/// ```
pub fn rosi(loss_avoided: f64, measures_cost: f64) -> Option<f64> {
    if !(loss_avoided.is_finite() && measures_cost.is_finite()) || measures_cost <= 0.0 {
        return None;
    }
    let raw = (loss_avoided - measures_cost) / measures_cost;
    raw.is_finite().then_some(raw)
}

/// Score 0–100: `100 · √(1+ROSI) / (1 + √(1+ROSI))` — ROSI −1 → 0, break-even → 50,
/// ROSI 3 → 66.7, ROSI 99 → 90.9. Strictly increasing in ROSI, so it ranks exactly as ROSI
/// does, and it only approaches 100 (no cap, no saturation). Free measures: 100 when they avoid
/// any loss, 50 when they avoid none.
///
/// ```
/// use collab_risk::model::roi::score;
/// assert_eq!(score(Some(0.0), 1.0), 50.0);
/// assert_eq!(score(Some(-1.0), 0.0), 0.0);
/// assert!((score(Some(3.0), 1.0) - 200.0 / 3.0).abs() < 1e-9);
/// assert!(score(Some(10_000.0), 1.0) < score(Some(20_000.0), 1.0));
/// assert!(score(Some(20_000.0), 1.0) < 100.0);
/// assert_eq!(score(None, 5.0), 100.0);
/// ```
pub fn score(rosi: Option<f64>, loss_avoided: f64) -> f64 {
    match rosi {
        Some(r) if r.is_finite() => {
            let root = libm::sqrt((1.0 + r).max(0.0));
            100.0 * root / (1.0 + root)
        }
        _ if loss_avoided > 0.0 => 100.0,
        _ => 50.0,
    }
}

/// First year (1-based) in which cumulative avoided loss ≥ cumulative measures cost;
/// `None` if never within the horizon or if nothing is spent and nothing avoided.
///
/// ```
/// use collab_risk::model::roi::payback_year;
/// assert_eq!(payback_year(&[40.0, 40.0, 40.0], &[100.0, 10.0, 10.0]), Some(3));
/// assert_eq!(payback_year(&[1.0], &[100.0]), None);
/// ```
pub fn payback_year(avoided_by_year: &[f64], cost_by_year: &[f64]) -> Option<u32> {
    let mut avoided = 0.0;
    let mut cost = 0.0;
    for (i, (a, c)) in avoided_by_year.iter().zip(cost_by_year).enumerate() {
        avoided += a;
        cost += c;
        if avoided >= cost && (avoided > 0.0 || cost > 0.0) {
            return u32::try_from(i + 1).ok();
        }
    }
    None
}

/// What one measure adds within its set: the set with it against the set without it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MeasureContribution {
    /// Measure id.
    pub measure: String,
    /// Expected loss over the horizon that the measure avoids on top of the others (MOP).
    pub loss_avoided_mop: f64,
    /// Its own cost over the horizon (MOP, discounted).
    pub cost_mop: f64,
    /// `loss_avoided_mop − cost_mop`: what the measure carries of the set's net benefit.
    pub net_benefit_mop: f64,
}

/// Deterministic part of the compliance ROI of one option.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoiEstimate {
    /// Whether the option has any measures selected.
    pub has_measures: bool,
    /// Expected loss avoided over the horizon vs the same platform without measures (MOP, discounted).
    pub expected_loss_avoided_mop: f64,
    /// Cost of the measures over the horizon (MOP, discounted).
    pub measures_cost_mop: f64,
    /// `expected_loss_avoided_mop − measures_cost_mop` (MOP).
    pub expected_net_benefit_mop: f64,
    /// Expected ROSI, uncapped; `None` when the measures cost nothing.
    pub rosi: Option<f64>,
    /// Kept for compatibility: ROSI is no longer capped, so always false.
    pub rosi_capped: bool,
    /// 0–100, strictly increasing in ROSI ([`score`]).
    pub score: f64,
    pub payback_year: Option<u32>,
    /// Each measure's own contribution within the set.
    pub contributions: Vec<MeasureContribution>,
}

/// The report's `compliance_roi`: the estimate plus the simulated spread.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ComplianceRoi {
    pub rosi: Option<f64>,
    pub score: f64,
    /// P(the measures pay for themselves within the horizon) = P(loss avoided > measures cost)
    /// over the simulated futures, i.e. P(ROSI > 0).
    pub p_positive: f64,
    pub payback_year: Option<u32>,
    pub rosi_capped: bool,
    pub has_measures: bool,
    pub expected_loss_avoided_mop: f64,
    pub measures_cost_mop: f64,
    pub expected_net_benefit_mop: f64,
    /// 5th and 95th percentiles of the simulated net benefit (MOP).
    pub net_benefit_p5_mop: f64,
    pub net_benefit_p95_mop: f64,
    pub contributions: Vec<MeasureContribution>,
}

impl ComplianceRoi {
    /// Combine the estimate with the simulated probability and 90 % interval of the net benefit.
    pub fn new(estimate: &RoiEstimate, p_positive: f64, net_benefit_interval: (f64, f64)) -> Self {
        ComplianceRoi {
            rosi: estimate.rosi,
            score: estimate.score,
            p_positive,
            payback_year: estimate.payback_year,
            rosi_capped: estimate.rosi_capped,
            has_measures: estimate.has_measures,
            expected_loss_avoided_mop: estimate.expected_loss_avoided_mop,
            measures_cost_mop: estimate.measures_cost_mop,
            expected_net_benefit_mop: estimate.expected_net_benefit_mop,
            net_benefit_p5_mop: net_benefit_interval.0,
            net_benefit_p95_mop: net_benefit_interval.1,
            contributions: estimate.contributions.clone(),
        }
    }
}
