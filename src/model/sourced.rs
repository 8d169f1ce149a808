//! The catalog's building blocks that every other catalog module uses: a value with its source
//! and confidence ([`Sourced`]), the input [`Limits`], whose data a factor concerns
//! ([`Subjects`]), the dimension ids, and the two checks of a source (non-empty, dated). A leaf:
//! it depends on no catalog module, so `catalog`, `measures` and `decision::spec` all point here.
//!
//! ```
//! use collab_risk::model::sourced::{Confidence, Subjects};
//! assert_eq!(Subjects::Staff.blend(0.5, 0.2), 0.9);
//! assert_ne!(Confidence::Confirmed, Confidence::Estimate);
//! ```
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::error::ModelError;
use super::fields::FieldRange;

/// The six risk dimensions, ids fixed by issue 3, in display order.
pub const DIMENSION_IDS: &[&str] = &[
    "cross_border_transfer",
    "provider_access",
    "retention",
    "audit",
    "access_control",
    "incident_response",
];

/// How sure we are of a default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// Confirmed by the cited source.
    Confirmed,
    /// Partly confirmed or from a secondary source.
    Secondary,
    /// Our estimate: the user should enter their own figure.
    Estimate,
}

/// A value with its provenance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sourced<T> {
    /// The value.
    pub value: T,
    /// URL, or `"estimate"`.
    pub source: String,
    /// Date the source states (YYYY-MM-DD).
    pub as_of: String,
    /// Confidence mark.
    pub confidence: Confidence,
    /// Caveat shown next to the value (e.g. "estimate — enter your own quote").
    #[serde(default)]
    pub note: Option<String>,
}

/// Inclusive integer range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IntRange {
    pub min: u64,
    pub max: u64,
}

/// Inclusive decimal range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecimalRange {
    pub min: Decimal,
    pub max: Decimal,
}

impl DecimalRange {
    /// Whether `v` lies in the range.
    pub fn contains(&self, v: Decimal) -> bool {
        v >= self.min && v <= self.max
    }
}

impl IntRange {
    /// Whether `v` lies in the range.
    pub fn contains(&self, v: u64) -> bool {
        v >= self.min && v <= self.max
    }
}

/// Input limits (validation of scenarios and overrides).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Limits {
    pub users: IntRange,
    pub data_subjects: IntRange,
    pub horizon_years: IntRange,
    pub options: IntRange,
    pub trials: IntRange,
    pub fx_to_mop: DecimalRange,
    pub escalation_pct: DecimalRange,
    pub discount_rate_pct: DecimalRange,
    pub risk_appetite_mop: DecimalRange,
    pub staff_hourly_rate_mop: DecimalRange,
    pub money_amount: DecimalRange,
    pub hours: DecimalRange,
    pub retention_days: IntRange,
    pub text_length: IntRange,
    pub id_length: IntRange,
    pub claims: IntRange,
    pub input_bytes: IntRange,
}

impl Limits {
    /// The bounds of a numeric platform field with this range; `None` for a field that is not
    /// numeric. One mapping for the model's checks and the UI's inputs.
    ///
    /// ```
    /// use collab_risk::model::{catalog::Catalog, fields::FieldRange};
    /// let limits = &Catalog::embedded().unwrap().limits;
    /// assert_eq!(limits.bounds(FieldRange::Hours), Some(limits.hours));
    /// assert_eq!(limits.bounds(FieldRange::None), None);
    /// ```
    pub fn bounds(&self, range: FieldRange) -> Option<DecimalRange> {
        match range {
            FieldRange::Money => Some(self.money_amount),
            FieldRange::Hours => Some(self.hours),
            FieldRange::Days => Some(DecimalRange {
                min: Decimal::from(self.retention_days.min),
                max: Decimal::from(self.retention_days.max),
            }),
            FieldRange::None => None,
        }
    }
}

/// Whose personal data a factor or a measure concerns (methodology §3.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Subjects {
    /// Every data subject on the platform (staff and clients).
    #[default]
    All,
    /// Staff only (clock-in locations, meeting recordings of staff): the factor acts on the staff
    /// share `s` of the data subjects, `f_eff = 1 + s·(f − 1)`.
    Staff,
}

impl Subjects {
    /// The factor as it acts on the whole population, given the staff share `s` ∈ [0, 1].
    ///
    /// ```
    /// use collab_risk::model::catalog::Subjects;
    /// assert_eq!(Subjects::All.blend(0.5, 0.2), 0.5);
    /// assert_eq!(Subjects::Staff.blend(0.5, 1.0), 0.5);
    /// assert_eq!(Subjects::Staff.blend(0.5, 0.0), 1.0);
    /// assert_eq!(Subjects::Staff.blend(0.5, 0.5), 0.75);
    /// ```
    pub fn blend(self, factor: f64, staff_share: f64) -> f64 {
        match self {
            Subjects::All => factor,
            Subjects::Staff => 1.0 + staff_share * (factor - 1.0),
        }
    }
}

/// A source, note or id that must say something.
pub(crate) fn non_empty(s: &str, path: &str) -> Result<(), ModelError> {
    if s.trim().is_empty() {
        Err(ModelError::catalog(path, "must not be empty"))
    } else {
        Ok(())
    }
}

/// An "as of" date in the form YYYY-MM-DD.
pub(crate) fn valid_date(s: &str, path: &str) -> Result<(), ModelError> {
    let b = s.as_bytes();
    let ok = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        });
    if ok {
        Ok(())
    } else {
        Err(ModelError::catalog(path, "as_of must be YYYY-MM-DD"))
    }
}
