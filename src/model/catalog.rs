//! The embedded catalog (`data/catalog.json`): platforms, measures, risk dimensions,
//! sectors, limits and every factor of the risk model, each with its source.
//!
//! ```
//! use collab_risk::model::catalog::Catalog;
//! let catalog = Catalog::embedded().expect("embedded catalog is validated by tests");
//! assert!(catalog.platform("signal").is_some());
//! ```
use std::collections::BTreeMap;
use std::sync::OnceLock;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::error::ModelError;
use super::fields::CURRENCIES;
pub use super::fields::{FieldKind, FieldMeta, FieldValue, FIELDS};
pub use super::measures::{Measure, MeasureCondition, MeasureEffect, MeasureParameter};
pub use super::sourced::{
    Confidence, DecimalRange, IntRange, Limits, Sourced, Subjects, DIMENSION_IDS,
};

/// The catalog file, embedded at compile time (no file system in wasm).
pub const CATALOG_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/data/catalog.json"));
/// The same catalog as postcard bytes (`data/catalog.postcard`), which the browser build reads: a
/// far smaller wasm than parsing JSON there. Generated from `data/catalog.json` by `make data`;
/// the native tests check the two agree byte for byte.
pub const CATALOG_POSTCARD: &[u8] = include_bytes!("../../data/catalog.postcard");
/// Format tag of the catalog file.
pub const CATALOG_FORMAT: &str = "collab-risk/catalog";
/// Catalog version this build reads.
pub const CATALOG_VERSION: u32 = 1;
/// The measure ids fixed by issue 3.
pub const MEASURE_IDS: &[&str] = &[
    "dpa",
    "transfer_consent_notification",
    "transfer_authorisation",
    "gba_standard_contract",
    "consent_records",
    "restricted_admins",
    "retention_auto_delete",
    "location_tracking_off",
    "recording_off",
    "monthly_log_audit",
    "pia",
    "data_flow_map",
    "annual_regulatory_review",
];
/// Sector ids fixed by issue 3.
pub const SECTOR_IDS: &[&str] = &[
    "general",
    "finance",
    "healthcare",
    "education",
    "public",
    "gaming",
    "telecoms",
];

/// Provenance of one platform field, borrowed from the catalog.
#[derive(Debug, Clone, PartialEq)]
pub struct SourcedFieldRef<'a> {
    /// The field value.
    pub value: FieldValue,
    /// URL or `"estimate"`.
    pub source: &'a str,
    /// Date.
    pub as_of: &'a str,
    /// Confidence.
    pub confidence: Confidence,
    /// Caveat.
    pub note: Option<&'a str>,
}

/// Hosted by a vendor or run by the organisation itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlatformKind {
    /// A vendor runs it.
    Hosted,
    /// The organisation runs it.
    SelfHosted,
}

/// One collaboration platform with sourced defaults.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Platform {
    pub id: String,
    pub name: String,
    pub vendor: String,
    pub kind: PlatformKind,
    pub notes: String,
    pub licence_amount: Sourced<Decimal>,
    pub licence_currency: Sourced<String>,
    pub licence_basis: Sourced<String>,
    pub data_location: Sourced<String>,
    pub data_operator: Sourced<String>,
    pub e2e_coverage: Sourced<String>,
    pub content_access: Sourced<String>,
    pub audit_log: Sourced<String>,
    pub audit_retention_days: Sourced<u32>,
    pub activity_retention_days: Sourced<u32>,
    pub admin_roles: Sourced<String>,
    pub incident_notification: Sourced<String>,
    pub consent_tooling: Sourced<bool>,
    pub location_tracking: Sourced<bool>,
    pub meeting_recording: Sourced<bool>,
    pub hosting_one_off_mop: Sourced<Decimal>,
    pub hosting_running_mop_per_year: Sourced<Decimal>,
    pub admin_hours_per_year: Sourced<Decimal>,
    pub admin_hours_per_user_year: Sourced<Decimal>,
    pub migration_one_off_mop: Sourced<Decimal>,
    pub migration_hours_per_user: Sourced<Decimal>,
    /// Who can sign a Data Processing Agreement (Art. 17) for this platform: `vendor`,
    /// `hosting_provider` (self-hosted: whoever runs the servers processes the data for the firm)
    /// or `none` (no business offering, e.g. Signal). Not overridable: it is what the vendor offers.
    pub processor_agreement: Sourced<String>,
    /// What still leaves Macau when the data itself rests there (ids of [`RESIDUAL_FLOWS`]),
    /// e.g. push-notification metadata through Apple/Google, federation, remote support.
    pub residual_flows: Sourced<Vec<String>>,
    /// Whether an administrator can set how long content is kept (auto-delete).
    pub retention_control: Sourced<bool>,
    /// Single sign-on with the firm's directory.
    pub sso: Sourced<bool>,
    /// Who supports it (one of [`super::fields::VENDOR_SUPPORTS`]).
    pub vendor_support: Sourced<String>,
    /// Vendor support contract or outside expertise per year (MOP): a free licence that needs
    /// support is not a certain zero, so this line carries its own range in the tornado.
    pub support_mop_per_year: Sourced<Decimal>,
    /// The editions it is sold in, the default first; empty = one edition, the fields above.
    /// A plan's fields replace the platform's.
    pub plans: Vec<Plan>,
}

/// One edition of a platform: its own price and seat cap, and what it has or lacks. Fields left
/// out are the platform's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    pub id: String,
    pub name: String,
    /// The most users the plan is sold for (`None`: no cap).
    #[serde(default)]
    pub max_users: Option<Sourced<u32>>,
    #[serde(default)]
    pub licence_amount: Option<Sourced<Decimal>>,
    #[serde(default)]
    pub licence_currency: Option<Sourced<String>>,
    #[serde(default)]
    pub licence_basis: Option<Sourced<String>>,
    #[serde(default)]
    pub audit_log: Option<Sourced<String>>,
    #[serde(default)]
    pub audit_retention_days: Option<Sourced<u32>>,
    #[serde(default)]
    pub admin_roles: Option<Sourced<String>>,
    #[serde(default)]
    pub retention_control: Option<Sourced<bool>>,
    #[serde(default)]
    pub sso: Option<Sourced<bool>>,
    #[serde(default)]
    pub vendor_support: Option<Sourced<String>>,
    #[serde(default)]
    pub support_mop_per_year: Option<Sourced<Decimal>>,
}

impl Plan {
    /// The seat cap, if any.
    pub fn cap(&self) -> Option<u32> {
        self.max_users.as_ref().map(|m| m.value)
    }

    /// Whether the plan is sold for `users` users.
    pub fn fits(&self, users: u32) -> bool {
        self.cap().is_none_or(|cap| users <= cap)
    }

    /// The plan's own value of field `id` with its source; `None` where the plan keeps the
    /// platform's.
    pub fn field(&self, id: &str) -> Option<SourcedFieldRef<'_>> {
        fn dec(s: &Sourced<Decimal>) -> SourcedFieldRef<'_> {
            sourced_ref(s, FieldValue::Decimal(s.value))
        }
        fn choice(s: &Sourced<String>) -> SourcedFieldRef<'_> {
            sourced_ref(s, FieldValue::Choice(s.value.clone()))
        }
        fn boolean(s: &Sourced<bool>) -> SourcedFieldRef<'_> {
            sourced_ref(s, FieldValue::Bool(s.value))
        }
        match id {
            "licence_amount" => self.licence_amount.as_ref().map(dec),
            "licence_currency" => self.licence_currency.as_ref().map(choice),
            "licence_basis" => self.licence_basis.as_ref().map(choice),
            "audit_log" => self.audit_log.as_ref().map(choice),
            "audit_retention_days" => self
                .audit_retention_days
                .as_ref()
                .map(|s| sourced_ref(s, FieldValue::Integer(i64::from(s.value)))),
            "admin_roles" => self.admin_roles.as_ref().map(choice),
            "retention_control" => self.retention_control.as_ref().map(boolean),
            "sso" => self.sso.as_ref().map(boolean),
            "vendor_support" => self.vendor_support.as_ref().map(choice),
            "support_mop_per_year" => self.support_mop_per_year.as_ref().map(dec),
            _ => None,
        }
    }
}

/// Which plan an option is priced on, and why.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PlanChoice<'a> {
    /// The platform has no plans.
    Single,
    /// The plan the scenario names.
    Pinned(&'a Plan),
    /// No plan named: the first plan sold for this many users. `moved_from` is the default plan
    /// when its cap was too small (the reader is told).
    Fitted {
        plan: &'a Plan,
        moved_from: Option<&'a Plan>,
    },
}

impl<'a> PlanChoice<'a> {
    /// The plan in use, if the platform has plans.
    pub fn plan(&self) -> Option<&'a Plan> {
        match *self {
            PlanChoice::Single => None,
            PlanChoice::Pinned(p) | PlanChoice::Fitted { plan: p, .. } => Some(p),
        }
    }
}

/// Who can be the other party of a Data Processing Agreement.
pub const PROCESSOR_AGREEMENTS: &[&str] = &["vendor", "hosting_provider", "none"];
/// Flows that leave Macau even when the data rests there.
pub const RESIDUAL_FLOWS: &[&str] = &["push_notification_metadata", "federation", "remote_support"];

fn sourced_ref<T>(s: &Sourced<T>, value: FieldValue) -> SourcedFieldRef<'_> {
    SourcedFieldRef {
        value,
        source: &s.source,
        as_of: &s.as_of,
        confidence: s.confidence,
        note: s.note.as_deref(),
    }
}

impl Platform {
    /// The plan with id `id`.
    pub fn plan(&self, id: &str) -> Option<&Plan> {
        self.plans.iter().find(|p| p.id == id)
    }

    /// The plan an option for `users` users is priced on. A named plan must exist and allow that
    /// many users; with none named, the first plan that does is taken. Never a plan priced above
    /// its cap.
    ///
    /// ```
    /// use collab_risk::model::catalog::{Catalog, PlanChoice};
    /// let lark = Catalog::embedded().unwrap().platform("lark").unwrap();
    /// assert!(matches!(lark.choose_plan(None, 30, "o"), Ok(PlanChoice::Fitted { moved_from: None, .. })));
    /// let fitted = lark.choose_plan(None, 200, "o").unwrap();
    /// assert_ne!(fitted.plan().unwrap().id, "starter");
    /// assert!(lark.choose_plan(Some("starter"), 200, "o").is_err());
    /// ```
    pub fn choose_plan(
        &self,
        pinned: Option<&str>,
        users: u32,
        path: &str,
    ) -> Result<PlanChoice<'_>, ModelError> {
        if let Some(id) = pinned {
            let plan = self.plan(id).ok_or_else(|| ModelError::UnknownPlan {
                path: format!("{path}.plan"),
                platform: self.id.clone(),
                id: id.to_owned(),
                allowed: self
                    .plans
                    .iter()
                    .map(|p| p.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            })?;
            return match plan.cap() {
                Some(cap) if users > cap => Err(ModelError::PlanOverCap {
                    path: format!("{path}.plan"),
                    platform: self.id.clone(),
                    plan: plan.id.clone(),
                    cap,
                    users,
                }),
                _ => Ok(PlanChoice::Pinned(plan)),
            };
        }
        let Some(first) = self.plans.first() else {
            return Ok(PlanChoice::Single);
        };
        match self.plans.iter().find(|p| p.fits(users)) {
            Some(plan) => Ok(PlanChoice::Fitted {
                plan,
                moved_from: (plan.id != first.id).then_some(first),
            }),
            None => Err(ModelError::PlanOverCap {
                path: format!("{path}.plan"),
                platform: self.id.clone(),
                plan: self.plans.last().map(|p| p.id.clone()).unwrap_or_default(),
                cap: self.plans.iter().filter_map(Plan::cap).max().unwrap_or(0),
                users,
            }),
        }
    }

    /// Field `id` as `plan` sells it: the plan's value where it sets one, else the platform's.
    pub fn field_in<'a>(&'a self, plan: Option<&'a Plan>, id: &str) -> Option<SourcedFieldRef<'a>> {
        plan.and_then(|p| p.field(id)).or_else(|| self.field(id))
    }

    /// The default value of field `id` (see [`FIELDS`]); `None` for an unknown id.
    pub fn field_value(&self, id: &str) -> Option<FieldValue> {
        self.field(id).map(|f| f.value)
    }

    /// The default value of field `id` with its source, date and confidence.
    pub fn field(&self, id: &str) -> Option<SourcedFieldRef<'_>> {
        let dec = |s: &Sourced<Decimal>| FieldValue::Decimal(s.value);
        let choice = |s: &Sourced<String>| FieldValue::Choice(s.value.clone());
        let int = |s: &Sourced<u32>| FieldValue::Integer(i64::from(s.value));
        let boolean = |s: &Sourced<bool>| FieldValue::Bool(s.value);
        Some(match id {
            "licence_amount" => sourced_ref(&self.licence_amount, dec(&self.licence_amount)),
            "licence_currency" => {
                sourced_ref(&self.licence_currency, choice(&self.licence_currency))
            }
            "licence_basis" => sourced_ref(&self.licence_basis, choice(&self.licence_basis)),
            "data_location" => sourced_ref(&self.data_location, choice(&self.data_location)),
            "data_operator" => sourced_ref(
                &self.data_operator,
                FieldValue::Text(self.data_operator.value.clone()),
            ),
            "e2e_coverage" => sourced_ref(&self.e2e_coverage, choice(&self.e2e_coverage)),
            "content_access" => sourced_ref(&self.content_access, choice(&self.content_access)),
            "audit_log" => sourced_ref(&self.audit_log, choice(&self.audit_log)),
            "audit_retention_days" => {
                sourced_ref(&self.audit_retention_days, int(&self.audit_retention_days))
            }
            "activity_retention_days" => sourced_ref(
                &self.activity_retention_days,
                int(&self.activity_retention_days),
            ),
            "admin_roles" => sourced_ref(&self.admin_roles, choice(&self.admin_roles)),
            "incident_notification" => sourced_ref(
                &self.incident_notification,
                choice(&self.incident_notification),
            ),
            "consent_tooling" => sourced_ref(&self.consent_tooling, boolean(&self.consent_tooling)),
            "location_tracking" => {
                sourced_ref(&self.location_tracking, boolean(&self.location_tracking))
            }
            "meeting_recording" => {
                sourced_ref(&self.meeting_recording, boolean(&self.meeting_recording))
            }
            "hosting_one_off_mop" => {
                sourced_ref(&self.hosting_one_off_mop, dec(&self.hosting_one_off_mop))
            }
            "hosting_running_mop_per_year" => sourced_ref(
                &self.hosting_running_mop_per_year,
                dec(&self.hosting_running_mop_per_year),
            ),
            "admin_hours_per_year" => {
                sourced_ref(&self.admin_hours_per_year, dec(&self.admin_hours_per_year))
            }
            "admin_hours_per_user_year" => sourced_ref(
                &self.admin_hours_per_user_year,
                dec(&self.admin_hours_per_user_year),
            ),
            "migration_one_off_mop" => sourced_ref(
                &self.migration_one_off_mop,
                dec(&self.migration_one_off_mop),
            ),
            "migration_hours_per_user" => sourced_ref(
                &self.migration_hours_per_user,
                dec(&self.migration_hours_per_user),
            ),
            "retention_control" => {
                sourced_ref(&self.retention_control, boolean(&self.retention_control))
            }
            "sso" => sourced_ref(&self.sso, boolean(&self.sso)),
            "vendor_support" => sourced_ref(&self.vendor_support, choice(&self.vendor_support)),
            "support_mop_per_year" => {
                sourced_ref(&self.support_mop_per_year, dec(&self.support_mop_per_year))
            }
            _ => return None,
        })
    }
}

/// A citation in the catalog's source list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceRef {
    pub id: String,
    pub title: String,
    pub url: String,
    pub confidence: Confidence,
}

/// Default FX rates to MOP.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FxDefaults {
    pub usd: Sourced<Decimal>,
    pub hkd: Sourced<Decimal>,
    pub cny: Sourced<Decimal>,
}

/// Defaults for a new scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioDefaults {
    pub fx_to_mop: FxDefaults,
    pub horizon_years: u32,
    pub escalation_pct: Decimal,
    pub discount_rate_pct: Decimal,
    pub risk_appetite_mop: Sourced<Decimal>,
    pub staff_hourly_rate_mop: Sourced<Decimal>,
    pub trials: u32,
    pub seed: u32,
    pub sector: String,
}

/// Fine band.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FineBand {
    pub low: Sourced<f64>,
    pub high: Sourced<f64>,
}

/// Loss anchors used by the magnitudes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LossAnchors {
    /// Cost per breached record (USD), converted with the scenario's USD rate.
    pub per_record_cost_usd: Sourced<f64>,
    pub largest_observed_fine_mop: Sourced<f64>,
    pub transfer_fine_band_mop: FineBand,
}

/// Sector impact factors.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sector {
    pub id: String,
    pub name: String,
    pub rate_factor: f64,
    pub magnitude_factor: f64,
    pub rationale: String,
    pub source: String,
    pub confidence: Confidence,
}

/// A sector law that adds a statutory duty, and its fines, to one risk dimension (e.g. the
/// Cybersecurity Law's incident reporting for critical infrastructure).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatutoryDuty {
    pub id: String,
    pub name: String,
    pub legal_basis: String,
    /// The dimension whose events carry the duty.
    pub dimension: String,
    /// The sectors the law binds.
    pub sectors: Vec<String>,
    pub fine_low_mop: Sourced<f64>,
    pub fine_high_mop: Sourced<f64>,
    /// The share of the dimension's events that end in a fine under this law.
    pub fined_share: Sourced<f64>,
    pub rationale: String,
    pub source: String,
    pub confidence: Confidence,
}

/// Loss magnitude of one event: `fixed + data_subjects × per_record × exposed_fraction`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MagnitudeSpec {
    pub fixed_low_mop: Sourced<f64>,
    pub fixed_high_mop: Sourced<f64>,
    pub exposed_fraction_low: Sourced<f64>,
    pub exposed_fraction_high: Sourced<f64>,
}

/// A rate and a magnitude multiplier.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactorPair {
    pub rate: f64,
    pub magnitude: f64,
}

/// A band of an integer field: applies when value ≤ `up_to_days` (None = no upper bound).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactorBand {
    pub up_to_days: Option<u32>,
    pub rate: f64,
    pub magnitude: f64,
}

/// An anchor of a continuous day curve: factors at exactly `days`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactorPoint {
    pub days: u32,
    pub rate: f64,
    pub magnitude: f64,
}

/// "Skip this factor when `field` equals `value`" (e.g. E2E coverage is not counted again when
/// content access is already `none`: the encryption is what makes it so).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldEquals {
    pub field: String,
    pub value: String,
}

/// How one platform field changes one dimension's rate and magnitude.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttributeFactor {
    pub field: String,
    pub rationale: String,
    pub source: String,
    pub confidence: Confidence,
    #[serde(default)]
    pub subjects: Subjects,
    #[serde(default)]
    pub not_when: Option<FieldEquals>,
    #[serde(default)]
    pub choices: Option<BTreeMap<String, FactorPair>>,
    #[serde(default)]
    pub bands: Option<Vec<FactorBand>>,
    /// A continuous curve for a day field: interpolated linearly in ln(1 + days) between
    /// anchors, extended beyond the last anchor with the last segment's slope.
    #[serde(default)]
    pub points: Option<Vec<FactorPoint>>,
}

impl AttributeFactor {
    /// The multipliers for a field value (`None` if the table does not cover it).
    pub fn lookup(&self, value: &FieldValue) -> Option<FactorPair> {
        if let Some(points) = &self.points {
            let FieldValue::Integer(days) = value else {
                return None;
            };
            return interpolate_days(points, *days);
        }
        if let Some(bands) = &self.bands {
            let v = match value {
                FieldValue::Integer(i) => *i,
                _ => return None,
            };
            return bands
                .iter()
                .find(|b| b.up_to_days.is_none_or(|up| v <= i64::from(up)))
                .map(|b| FactorPair {
                    rate: b.rate,
                    magnitude: b.magnitude,
                });
        }
        self.choices
            .as_ref()
            .and_then(|c| c.get(&value.factor_key()).copied())
    }
}

/// Factors at `days` on a curve of anchors (ascending days), linear in ln(1 + days); below the
/// first anchor its factors, beyond the last the last segment's slope continues.
///
/// ```
/// use collab_risk::model::catalog::{interpolate_days, FactorPoint};
/// let curve = [
///     FactorPoint { days: 0, rate: 0.3, magnitude: 0.4 },
///     FactorPoint { days: 30, rate: 0.4, magnitude: 0.5 },
/// ];
/// let at = |d| interpolate_days(&curve, d).unwrap().rate;
/// assert!(at(1) < at(7) && at(7) < at(30) && at(30) < at(60));
/// assert!((at(30) - 0.4).abs() < 1e-12);
/// ```
pub fn interpolate_days(points: &[FactorPoint], days: i64) -> Option<FactorPair> {
    let x = libm::log1p(days.max(0) as f64);
    let at = |p: &FactorPoint| libm::log1p(f64::from(p.days));
    let segment = points
        .windows(2)
        .find(|w| matches!(w, [_, b] if x <= at(b)))
        .or_else(|| points.windows(2).last())?;
    let [a, b] = segment else { return None };
    let (xa, xb) = (at(a), at(b));
    let t = if xb > xa {
        ((x - xa) / (xb - xa)).max(0.0)
    } else {
        0.0
    };
    Some(FactorPair {
        rate: a.rate + t * (b.rate - a.rate),
        magnitude: a.magnitude + t * (b.magnitude - a.magnitude),
    })
}

/// One risk dimension.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DimensionSpec {
    pub id: String,
    pub name: String,
    pub legal_basis: String,
    pub description: String,
    pub base_annual_rate: Sourced<f64>,
    pub magnitude: MagnitudeSpec,
    pub factors: Vec<AttributeFactor>,
}

/// Band edges for ratings and the 5×5 matrix.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RatingSpec {
    pub eal_band_edges_fraction_of_appetite: Vec<f64>,
    pub eal_rationale: String,
    pub likelihood_band_edges_probability: Vec<f64>,
    pub likelihood_rationale: String,
    pub impact_band_edges_fraction_of_appetite: Vec<f64>,
    pub impact_rationale: String,
    pub source: String,
    pub confidence: Confidence,
}

/// How the compliance ROI is reported: ROSI's formula is ENISA's (`source`); the 0–100 score
/// is our presentation (`score_rationale`, confidence `estimate`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoiSpec {
    pub rationale: String,
    pub source: String,
    pub confidence: Confidence,
    pub score_rationale: String,
    pub score_confidence: Confidence,
}

/// Simulation settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SimulationSpec {
    pub max_annual_rate: f64,
    pub exceedance_points: u32,
    pub z90: f64,
    pub rationale: String,
}

/// A defence layer of the article's three-layer model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DefenceLayer {
    pub id: String,
    pub name: String,
    pub description: String,
}

/// A step of the article's five-step roadmap.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoadmapStep {
    pub step: u8,
    pub name: String,
    pub measure: String,
}

/// The whole catalog.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    pub format: String,
    pub version: u32,
    pub as_of: String,
    pub defence_layers: Vec<DefenceLayer>,
    pub roadmap: Vec<RoadmapStep>,
    pub sources: Vec<SourceRef>,
    pub limits: Limits,
    pub scenario_defaults: ScenarioDefaults,
    pub loss_anchors: LossAnchors,
    pub sectors: Vec<Sector>,
    /// Sector laws with duties and fines beyond Law 8/2005.
    pub statutory_duties: Vec<StatutoryDuty>,
    pub dimensions: Vec<DimensionSpec>,
    pub measures: Vec<Measure>,
    pub platforms: Vec<Platform>,
    pub rating: RatingSpec,
    pub roi: RoiSpec,
    pub simulation: SimulationSpec,
    /// Best-configuration search and sensitivity ranges (our assumptions).
    pub decision: super::decision::spec::DecisionSpec,
}

static EMBEDDED: OnceLock<Result<Catalog, ModelError>> = OnceLock::new();

/// Parses the embedded catalog. Natively it is read from the JSON and validated
/// (`Catalog::from_json`); the browser build reads the postcard twin of the same data, which the
/// native tests prove equal to the validated JSON, so neither a JSON parser for the catalog nor
/// `validate` and its messages are in the wasm.
#[cfg(not(target_arch = "wasm32"))]
fn parse_embedded() -> Result<Catalog, ModelError> {
    Catalog::from_json(CATALOG_JSON)
}

#[cfg(target_arch = "wasm32")]
fn parse_embedded() -> Result<Catalog, ModelError> {
    Catalog::from_postcard(CATALOG_POSTCARD)
}

impl Catalog {
    /// The embedded catalog, parsed and validated once.
    pub fn embedded() -> Result<&'static Catalog, ModelError> {
        EMBEDDED
            .get_or_init(parse_embedded)
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Parse and validate a catalog document.
    pub fn from_json(text: &str) -> Result<Catalog, ModelError> {
        let catalog: Catalog =
            serde_json::from_str(text).map_err(|e| ModelError::InvalidCatalog {
                path: String::new(),
                message: e.to_string(),
            })?;
        catalog.validate()?;
        Ok(catalog)
    }

    /// Read the postcard form written by [`Catalog::to_postcard`] (not validated: the bytes are
    /// produced from a validated catalog, and the tests check they still match the JSON).
    pub fn from_postcard(bytes: &[u8]) -> Result<Catalog, ModelError> {
        postcard::from_bytes(bytes).map_err(|e| ModelError::InvalidCatalog {
            path: String::new(),
            message: e.to_string(),
        })
    }

    /// The catalog as postcard bytes (what `data/catalog.postcard` holds).
    pub fn to_postcard(&self) -> Result<Vec<u8>, ModelError> {
        postcard::to_allocvec(self).map_err(|e| ModelError::InvalidCatalog {
            path: String::new(),
            message: e.to_string(),
        })
    }

    /// Platform by id.
    pub fn platform(&self, id: &str) -> Option<&Platform> {
        self.platforms.iter().find(|p| p.id == id)
    }

    /// Measure by id.
    pub fn measure(&self, id: &str) -> Option<&Measure> {
        self.measures.iter().find(|m| m.id == id)
    }

    /// Sector by id.
    pub fn sector(&self, id: &str) -> Option<&Sector> {
        self.sectors.iter().find(|s| s.id == id)
    }

    /// Dimension by id.
    /// The sector laws that bind `sector`.
    pub fn duties_for<'a>(&'a self, sector: &'a str) -> impl Iterator<Item = &'a StatutoryDuty> {
        self.statutory_duties
            .iter()
            .filter(move |d| d.sectors.iter().any(|s| s == sector))
    }

    pub fn dimension(&self, id: &str) -> Option<&DimensionSpec> {
        self.dimensions.iter().find(|d| d.id == id)
    }
}

/// Check one field value against its kind and limits, as an error about `path` (`""` gives the
/// bare message, for callers that wrap it): numbers out of range keep their bounds
/// ([`ModelError::NotBetween`]), a choice outside its list is [`ModelError::InvalidChoice`].
pub(crate) fn check_field_value(
    meta: &FieldMeta,
    value: &FieldValue,
    limits: &Limits,
    path: &str,
) -> Result<(), ModelError> {
    match (meta.kind, value) {
        (FieldKind::Decimal, FieldValue::Decimal(d)) => within_bounds(meta, *d, limits, path),
        (FieldKind::Integer, FieldValue::Integer(i)) => {
            within_bounds(meta, Decimal::from(*i), limits, path)
        }
        (FieldKind::Bool, FieldValue::Bool(_)) => Ok(()),
        (FieldKind::Choice(allowed), FieldValue::Choice(c)) => {
            if allowed.contains(&c.as_str()) {
                Ok(())
            } else {
                Err(ModelError::InvalidChoice {
                    path: path.to_owned(),
                    value: c.clone(),
                    allowed: allowed.join(", "),
                })
            }
        }
        (FieldKind::Currency, FieldValue::Choice(c)) => {
            one_of(c, CURRENCIES).map_err(|m| ModelError::out_of_range(path, m))
        }
        (FieldKind::Text, FieldValue::Text(t)) => {
            if t.chars().count() as u64 <= limits.text_length.max {
                Ok(())
            } else {
                Err(ModelError::out_of_range(
                    path,
                    format!("must be at most {} characters", limits.text_length.max),
                ))
            }
        }
        _ => Err(ModelError::out_of_range(path, "wrong value kind")),
    }
}

/// A numeric field's value within its [`Limits::bounds`] (every numeric field has a range: a test
/// in tests/model_catalog.rs keeps it so).
fn within_bounds(
    meta: &FieldMeta,
    value: Decimal,
    limits: &Limits,
    path: &str,
) -> Result<(), ModelError> {
    let range = limits
        .bounds(meta.range)
        .ok_or_else(|| ModelError::catalog(meta.id, "numeric field without a range"))?;
    if range.contains(value) {
        Ok(())
    } else {
        Err(ModelError::not_between(path, range.min, range.max))
    }
}

fn one_of(value: &str, allowed: &[&str]) -> Result<(), String> {
    if allowed.contains(&value) {
        Ok(())
    } else {
        Err(format!("`{value}` is not one of {}", allowed.join(", ")))
    }
}
