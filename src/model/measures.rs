//! Compliance measures (the "DingTalk configurations"), usable on any platform where
//! their condition holds. Every factor is ≤ 1, so adding a measure never raises risk.
use std::collections::BTreeSet;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

pub use super::applicability::NotApplicable;
use super::error::ModelError;
use super::sourced::{non_empty, valid_date, Confidence, Limits, Sourced, Subjects, DIMENSION_IDS};

/// When a measure has any effect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeasureCondition {
    /// Always applies.
    Always,
    /// Only where a Data Processing Agreement can be signed: with the vendor, or with the
    /// hosting provider of a self-hosted platform (who processes the data for the firm).
    ProcessorAgreement,
    /// Only when the data rests outside Macau (a transfer exists).
    DataOutsideMacau,
    /// Only when the data rests in one of the nine mainland GBA cities.
    DataInMainlandGba,
    /// Only when the platform tracks clock-in locations.
    HasLocationTracking,
    /// Only when the platform records meetings.
    HasMeetingRecording,
    /// Only when the platform has an audit log to review.
    HasAuditLog,
    /// Only when an administrator can set how long content is kept (the plan has retention
    /// control).
    HasRetentionControl,
    /// Only when there is an admin console whose roles can be restricted.
    HasAdminConsole,
}

/// How a measure changes one dimension.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeasureEffect {
    pub dimension: String,
    /// Multiplies the annual event rate (≤ 1).
    pub rate_factor: f64,
    /// Multiplies the loss magnitude (≤ 1).
    pub magnitude_factor: f64,
    pub rationale: String,
}

/// A numeric parameter of a measure (retention days).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeasureParameter {
    pub id: String,
    pub min: u32,
    pub max: u32,
    pub default: u32,
}

/// One measure with its costs and effects.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Measure {
    pub id: String,
    pub name: String,
    /// Article's three-layer defence: `contract`, `transfer_clauses`, `internal_policy`.
    pub defence_layer: String,
    /// Article's five-step roadmap step (1–5), if the measure is one.
    pub roadmap_step: Option<u8>,
    /// Measures in the same group are alternatives: only the strongest factor counts.
    pub exclusive_group: Option<String>,
    pub condition: MeasureCondition,
    pub one_off_mop: Sourced<Decimal>,
    pub running_mop_per_year: Sourced<Decimal>,
    pub staff_hours_one_off: Sourced<Decimal>,
    pub staff_hours_per_year: Sourced<Decimal>,
    pub effects: Vec<MeasureEffect>,
    pub rationale: String,
    pub source: String,
    pub confidence: Confidence,
    #[serde(default)]
    pub parameter: Option<MeasureParameter>,
    /// Whose data the measure protects; staff-only measures act on the staff share.
    #[serde(default)]
    pub subjects: Subjects,
}

/// The facts of a platform that decide whether a measure can apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ApplicabilityFacts<'a> {
    /// `vendor`, `hosting_provider` or `none`.
    pub processor_agreement: &'a str,
    /// The effective `data_location`.
    pub data_location: &'a str,
    pub location_tracking: bool,
    pub meeting_recording: bool,
    /// The effective `audit_log`.
    pub audit_log: &'a str,
    /// The effective `retention_control`.
    pub retention_control: bool,
    /// The effective `admin_roles`.
    pub admin_roles: &'a str,
}

impl Measure {
    /// Whether this measure can apply to a platform with these facts; `Err` says why not.
    ///
    /// ```
    /// use collab_risk::model::{catalog::Catalog, measures::{ApplicabilityFacts, NotApplicable}};
    /// let catalog = Catalog::embedded().unwrap();
    /// let signal = ApplicabilityFacts { processor_agreement: "none", data_location: "other",
    ///     location_tracking: false, meeting_recording: false, audit_log: "none",
    ///     retention_control: false, admin_roles: "no_admin_console" };
    /// let dpa = catalog.measure("dpa").unwrap();
    /// assert_eq!(dpa.applicability(&signal), Err(NotApplicable::NoProcessorAgreement));
    /// assert!(catalog.measure("pia").unwrap().applicability(&signal).is_ok());
    /// ```
    pub fn applicability(&self, facts: &ApplicabilityFacts<'_>) -> Result<(), NotApplicable> {
        let (holds, why_not) = match self.condition {
            MeasureCondition::Always => return Ok(()),
            MeasureCondition::ProcessorAgreement => (
                facts.processor_agreement != "none",
                NotApplicable::NoProcessorAgreement,
            ),
            MeasureCondition::DataOutsideMacau => {
                (facts.data_location != "macau", NotApplicable::DataInMacau)
            }
            MeasureCondition::DataInMainlandGba => (
                facts.data_location == "mainland_gba",
                NotApplicable::NotInMainlandGba,
            ),
            MeasureCondition::HasLocationTracking => {
                (facts.location_tracking, NotApplicable::NoLocationTracking)
            }
            MeasureCondition::HasMeetingRecording => {
                (facts.meeting_recording, NotApplicable::NoMeetingRecording)
            }
            MeasureCondition::HasAuditLog => (facts.audit_log != "none", NotApplicable::NoAuditLog),
            MeasureCondition::HasRetentionControl => {
                (facts.retention_control, NotApplicable::NoRetentionControl)
            }
            MeasureCondition::HasAdminConsole => (
                facts.admin_roles != "no_admin_console",
                NotApplicable::NoAdminConsole,
            ),
        };
        if holds {
            Ok(())
        } else {
            Err(why_not)
        }
    }
}

impl Measure {
    pub(crate) fn validate(
        &self,
        path: &str,
        layers: &BTreeSet<&str>,
        limits: &Limits,
    ) -> Result<(), ModelError> {
        if !layers.contains(self.defence_layer.as_str()) {
            return Err(ModelError::catalog(
                format!("{path}.defence_layer"),
                "unknown defence layer",
            ));
        }
        for (name, s, range) in [
            ("one_off_mop", &self.one_off_mop, limits.money_amount),
            (
                "running_mop_per_year",
                &self.running_mop_per_year,
                limits.money_amount,
            ),
            (
                "staff_hours_one_off",
                &self.staff_hours_one_off,
                limits.hours,
            ),
            (
                "staff_hours_per_year",
                &self.staff_hours_per_year,
                limits.hours,
            ),
        ] {
            non_empty(&s.source, &format!("{path}.{name}.source"))?;
            valid_date(&s.as_of, &format!("{path}.{name}.as_of"))?;
            if !range.contains(s.value) {
                return Err(ModelError::catalog(
                    format!("{path}.{name}"),
                    "out of limits",
                ));
            }
        }
        for (i, e) in self.effects.iter().enumerate() {
            let epath = format!("{path}.effects[{i}]");
            if !DIMENSION_IDS.contains(&e.dimension.as_str()) {
                return Err(ModelError::catalog(
                    format!("{epath}.dimension"),
                    "unknown dimension",
                ));
            }
            for (name, f) in [
                ("rate_factor", e.rate_factor),
                ("magnitude_factor", e.magnitude_factor),
            ] {
                if !(f.is_finite() && f > 0.0 && f <= 1.0) {
                    return Err(ModelError::catalog(
                        format!("{epath}.{name}"),
                        "measure factors must be in (0, 1]",
                    ));
                }
            }
        }
        match (&self.parameter, self.id.as_str()) {
            (Some(p), "retention_auto_delete") => {
                if p.id != "days"
                    || p.min > p.default
                    || p.default > p.max
                    || u64::from(p.max) > limits.retention_days.max
                {
                    return Err(ModelError::catalog(
                        format!("{path}.parameter"),
                        "need days with min ≤ default ≤ max",
                    ));
                }
            }
            (None, "retention_auto_delete") => {
                return Err(ModelError::catalog(
                    format!("{path}.parameter"),
                    "retention_auto_delete needs a days parameter",
                ))
            }
            (Some(_), _) => {
                return Err(ModelError::catalog(
                    format!("{path}.parameter"),
                    "only retention_auto_delete has a parameter",
                ))
            }
            (None, _) => {}
        }
        Ok(())
    }
}
