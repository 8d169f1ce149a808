//! The catalog's `decision` section: which retention periods the best-configuration search
//! tries, and the ranges the sensitivity analysis swings each uncertain input across. These are
//! our assumptions (confidence "estimate"), each with its rationale; the FX band cites AMCM.
use serde::{Deserialize, Serialize};

use super::super::error::ModelError;
use super::super::sourced::Confidence;

/// A low–high range with why it was chosen. Multipliers apply to the scenario's (or catalog's)
/// current value; the FX ranges and the escalation shift are stated in their own unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SensitivityRange {
    pub low: f64,
    pub high: f64,
    pub rationale: String,
    /// URL, or `"estimate"`.
    pub source: String,
}

/// Price and cost ranges by the confidence of the value (× the value).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PriceRanges {
    pub estimate: SensitivityRange,
    pub secondary: SensitivityRange,
    pub confirmed: SensitivityRange,
    /// A value the reader entered (an override): their own quote, still uncertain.
    pub overridden: SensitivityRange,
}

impl PriceRanges {
    /// The range for a value of this confidence (`None` = overridden by the reader).
    pub fn for_confidence(&self, confidence: Option<Confidence>) -> &SensitivityRange {
        match confidence {
            Some(Confidence::Estimate) => &self.estimate,
            Some(Confidence::Secondary) => &self.secondary,
            Some(Confidence::Confirmed) => &self.confirmed,
            None => &self.overridden,
        }
    }
}

/// Every range the sensitivity analysis uses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SensitivitySpec {
    /// Platform money and hour fields (licence, hosting, administration, migration), × value.
    pub platform_costs: PriceRanges,
    /// MOP per USD (absolute).
    pub fx_to_mop_usd: SensitivityRange,
    /// MOP per CNY (absolute).
    pub fx_to_mop_cny: SensitivityRange,
    /// × licensed users (rounded to whole users).
    pub users: SensitivityRange,
    /// × data subjects (rounded to whole records).
    pub data_subjects: SensitivityRange,
    /// × staff hourly rate.
    pub staff_hourly_rate: SensitivityRange,
    /// Escalation: percentage points added to the scenario's rate.
    pub escalation_points: SensitivityRange,
    /// × cost per breached record.
    pub per_record_cost: SensitivityRange,
    /// × expected loss of one dimension (its loss per event; the event rate multiplies the same
    /// EAL, so one range stands for both).
    pub loss_magnitude: SensitivityRange,
    /// Exponent on a selected measure's factors (factor^k: k < 1 weaker, k > 1 stronger).
    pub measure_effect_exponent: SensitivityRange,
}

/// The catalog's `decision` section.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionSpec {
    /// Auto-delete periods (days) the best-configuration search tries, within the measure's
    /// parameter limits; an option's current period is tried as well.
    pub retention_days_searched: Vec<u32>,
    pub retention_rationale: String,
    pub sensitivity: SensitivitySpec,
    pub source: String,
    pub as_of: String,
    pub confidence: Confidence,
}

impl DecisionSpec {
    /// Ranges ordered (`0 < low ≤ 1 ≤ high` for multipliers, `low ≤ 0 ≤ high` for the
    /// escalation shift, FX within limits), days ascending and non-empty.
    pub(crate) fn validate(&self) -> Result<(), ModelError> {
        let days_ok = !self.retention_days_searched.is_empty()
            && self
                .retention_days_searched
                .windows(2)
                .all(|w| matches!(w, [a, b] if a < b));
        if !days_ok {
            return Err(ModelError::catalog(
                "decision.retention_days_searched",
                "need ascending days",
            ));
        }
        super::super::sourced::valid_date(&self.as_of, "decision.as_of")?;
        let s = &self.sensitivity;
        let multipliers = [
            ("platform_costs.estimate", &s.platform_costs.estimate),
            ("platform_costs.secondary", &s.platform_costs.secondary),
            ("platform_costs.confirmed", &s.platform_costs.confirmed),
            ("platform_costs.overridden", &s.platform_costs.overridden),
            ("users", &s.users),
            ("data_subjects", &s.data_subjects),
            ("staff_hourly_rate", &s.staff_hourly_rate),
            ("per_record_cost", &s.per_record_cost),
            ("loss_magnitude", &s.loss_magnitude),
            ("measure_effect_exponent", &s.measure_effect_exponent),
        ];
        for (name, r) in multipliers {
            let ordered = r.low.is_finite() && 0.0 < r.low && r.low <= 1.0;
            if !(ordered && (1.0..=100.0).contains(&r.high)) {
                return Err(ModelError::catalog(
                    format!("decision.sensitivity.{name}"),
                    "a multiplier range needs 0 < low ≤ 1 ≤ high ≤ 100",
                ));
            }
        }
        let e = &s.escalation_points;
        if !(e.low <= 0.0 && e.high >= 0.0 && e.low >= -50.0 && e.high <= 50.0) {
            return Err(ModelError::catalog(
                "decision.sensitivity.escalation_points",
                "need −50 ≤ low ≤ 0 ≤ high ≤ 50",
            ));
        }
        for (name, r) in [
            ("fx_to_mop_usd", &s.fx_to_mop_usd),
            ("fx_to_mop_cny", &s.fx_to_mop_cny),
        ] {
            if !(r.low.is_finite() && r.low > 0.0 && r.low < r.high && r.high < 10_000.0) {
                return Err(ModelError::catalog(
                    format!("decision.sensitivity.{name}"),
                    "need 0 < low < high",
                ));
            }
        }
        Ok(())
    }
}
