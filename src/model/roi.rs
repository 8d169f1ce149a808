//! Compliance return on security investment (ENISA 2012), methodology §5.
//! Every output is finite, also when the measures cost nothing.
use serde::Serialize;

/// ROSI = (expected loss avoided − measures cost) / measures cost, clamped to
/// `[−1, cap]`. Returns `(rosi, capped)`.
///
/// When the measures cost nothing: `cap` if they avoid any loss, else 0.
///
/// ```
/// use collab_risk::model::roi::rosi;
/// assert_eq!(rosi(300.0, 100.0, 100.0), (2.0, false));
/// assert_eq!(rosi(50.0, 0.0, 100.0), (100.0, true));
/// assert_eq!(rosi(0.0, 0.0, 100.0), (0.0, false));
/// ```
pub fn rosi(loss_avoided: f64, measures_cost: f64, cap: f64) -> (f64, bool) {
    if !(loss_avoided.is_finite() && measures_cost.is_finite()) {
        return (0.0, true);
    }
    if measures_cost <= 0.0 {
        return if loss_avoided > 0.0 {
            (cap, true)
        } else {
            (0.0, false)
        };
    }
    let raw = (loss_avoided - measures_cost) / measures_cost;
    if raw > cap {
        (cap, true)
    } else if raw < -1.0 {
        (-1.0, true)
    } else {
        (raw, false)
    }
}

/// Score 0–100 on a log scale: `100 · (clamp(ln(1+ROSI), −L, L) + L) / (2L)`,
/// `L = ln(1+cap)`. ROSI −1 → 0, break-even → 50, cap → 100.
///
/// ```
/// use collab_risk::model::roi::score;
/// assert_eq!(score(0.0, 100.0), 50);
/// assert_eq!(score(-1.0, 100.0), 0);
/// assert_eq!(score(100.0, 100.0), 100);
/// ```
pub fn score(rosi: f64, cap: f64) -> u8 {
    let limit = libm::log1p(cap.max(f64::MIN_POSITIVE));
    // NaN cannot come from `rosi()`, but a caller's NaN maps to neutral, not to 0.
    let rosi = if rosi.is_nan() { 0.0 } else { rosi };
    let x = if rosi <= -1.0 {
        -limit
    } else {
        libm::log1p(rosi).clamp(-limit, limit)
    };
    let s = 100.0 * (x + limit) / (2.0 * limit);
    // s is within [0, 100] by construction; the cast saturates anyway.
    libm::round(s).clamp(0.0, 100.0) as u8
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

/// Deterministic part of the compliance ROI of one option.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoiEstimate {
    /// Whether the option has any measures selected.
    pub has_measures: bool,
    /// Expected loss avoided over the horizon vs the same platform without measures (MOP, discounted).
    pub expected_loss_avoided_mop: f64,
    /// Cost of the measures over the horizon (MOP, discounted).
    pub measures_cost_mop: f64,
    pub rosi: f64,
    /// True when ROSI hit the clamp (e.g. free measures that avoid loss).
    pub rosi_capped: bool,
    pub score: u8,
    pub payback_year: Option<u32>,
}

/// The report's `compliance_roi`: the estimate plus P(ROSI > 0) from the simulation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ComplianceRoi {
    pub rosi: f64,
    pub score: u8,
    pub p_positive: f64,
    pub payback_year: Option<u32>,
    pub rosi_capped: bool,
    pub has_measures: bool,
    pub expected_loss_avoided_mop: f64,
    pub measures_cost_mop: f64,
}

impl ComplianceRoi {
    /// Combine the estimate with the simulated probability.
    pub fn new(estimate: &RoiEstimate, p_positive: f64) -> Self {
        ComplianceRoi {
            rosi: estimate.rosi,
            score: estimate.score,
            p_positive,
            payback_year: estimate.payback_year,
            rosi_capped: estimate.rosi_capped,
            has_measures: estimate.has_measures,
            expected_loss_avoided_mop: estimate.expected_loss_avoided_mop,
            measures_cost_mop: estimate.measures_cost_mop,
        }
    }
}
