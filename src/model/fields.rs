//! The generic list of overridable platform fields ([`FIELDS`]) and their values
//! ([`FieldValue`]). The UI builds its override editor from this list; the risk model
//! looks factors up by field id, so adding a field here and a factor in the catalog
//! needs no other code.
use std::fmt;

use rust_decimal::Decimal;
use serde::{Serialize, Serializer};

/// What kind of value a platform field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// Exact decimal (money or hours).
    Decimal,
    /// Whole number (days).
    Integer,
    /// Yes / no.
    Bool,
    /// One of a fixed list of ids.
    Choice(&'static [&'static str]),
    /// A currency code (one of [`CURRENCIES`]).
    Currency,
    /// Free text.
    Text,
}

/// Which limit from `catalog.limits` bounds a numeric field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldRange {
    /// Not numeric.
    None,
    /// `limits.money_amount`.
    Money,
    /// `limits.hours`.
    Hours,
    /// `limits.retention_days`.
    Days,
}

/// Description of one overridable platform field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldMeta {
    /// Stable id used in catalog, overrides and factor tables.
    pub id: &'static str,
    /// English label for the UI.
    pub label: &'static str,
    /// Value kind.
    pub kind: FieldKind,
    /// Which limit applies.
    pub range: FieldRange,
    /// Unit shown next to the value (may be empty).
    pub unit: &'static str,
}

/// Currency codes a licence price may be quoted in.
pub const CURRENCIES: &[&str] = &["USD", "HKD", "CNY", "MOP"];
/// Licence price bases.
pub const LICENCE_BASES: &[&str] = &["per_user_year", "per_organisation_year"];
/// Where the data rests.
pub const DATA_LOCATIONS: &[&str] = &[
    "macau",
    "hong_kong",
    "mainland_gba",
    "mainland_other",
    "singapore",
    "other",
];
/// End-to-end encryption coverage.
pub const E2E_COVERAGES: &[&str] = &["none", "one_to_one", "all"];
/// Who can read stored content server-side.
pub const CONTENT_ACCESS: &[&str] = &["none", "organisation_admins", "provider_and_admins"];
/// Audit-log capability.
pub const AUDIT_LOGS: &[&str] = &["none", "basic", "full"];
/// Administrator role granularity.
pub const ADMIN_ROLES: &[&str] = &["no_admin_console", "single_admin", "few_roles", "granular"];
/// Who supports the platform when something breaks: support `included` in the licence, a paid
/// support `contract` (priced in `support_mop_per_year`), or `none` (no vendor support: the
/// in-house or outside expertise is what `support_mop_per_year` prices).
pub const VENDOR_SUPPORTS: &[&str] = &["included", "contract", "none"];
/// Vendor incident-notification commitment.
pub const INCIDENT_NOTIFICATIONS: &[&str] = &["none", "best_effort", "contractual", "in_house"];

/// Every overridable platform field, in display order.
pub const FIELDS: &[FieldMeta] = &[
    FieldMeta {
        id: "licence_amount",
        label: "Licence price",
        kind: FieldKind::Decimal,
        range: FieldRange::Money,
        unit: "per year",
    },
    FieldMeta {
        id: "licence_currency",
        label: "Licence currency",
        kind: FieldKind::Currency,
        range: FieldRange::None,
        unit: "",
    },
    FieldMeta {
        id: "licence_basis",
        label: "Licence basis",
        kind: FieldKind::Choice(LICENCE_BASES),
        range: FieldRange::None,
        unit: "",
    },
    FieldMeta {
        id: "data_location",
        label: "Where the data rests",
        kind: FieldKind::Choice(DATA_LOCATIONS),
        range: FieldRange::None,
        unit: "",
    },
    FieldMeta {
        id: "data_operator",
        label: "Who operates the storage",
        kind: FieldKind::Text,
        range: FieldRange::None,
        unit: "",
    },
    FieldMeta {
        id: "e2e_coverage",
        label: "End-to-end encryption",
        kind: FieldKind::Choice(E2E_COVERAGES),
        range: FieldRange::None,
        unit: "",
    },
    FieldMeta {
        id: "content_access",
        label: "Who can read content",
        kind: FieldKind::Choice(CONTENT_ACCESS),
        range: FieldRange::None,
        unit: "",
    },
    FieldMeta {
        id: "audit_log",
        label: "Audit log",
        kind: FieldKind::Choice(AUDIT_LOGS),
        range: FieldRange::None,
        unit: "",
    },
    FieldMeta {
        id: "audit_retention_days",
        label: "Audit-log retention",
        kind: FieldKind::Integer,
        range: FieldRange::Days,
        unit: "days",
    },
    FieldMeta {
        id: "activity_retention_days",
        label: "Log / location / recording retention",
        kind: FieldKind::Integer,
        range: FieldRange::Days,
        unit: "days",
    },
    FieldMeta {
        id: "admin_roles",
        label: "Admin role granularity",
        kind: FieldKind::Choice(ADMIN_ROLES),
        range: FieldRange::None,
        unit: "",
    },
    FieldMeta {
        id: "incident_notification",
        label: "Vendor incident notification",
        kind: FieldKind::Choice(INCIDENT_NOTIFICATIONS),
        range: FieldRange::None,
        unit: "",
    },
    FieldMeta {
        id: "retention_control",
        label: "Retention control (auto-delete)",
        kind: FieldKind::Bool,
        range: FieldRange::None,
        unit: "",
    },
    FieldMeta {
        id: "sso",
        label: "Single sign-on (SSO)",
        kind: FieldKind::Bool,
        range: FieldRange::None,
        unit: "",
    },
    FieldMeta {
        id: "vendor_support",
        label: "Vendor support",
        kind: FieldKind::Choice(VENDOR_SUPPORTS),
        range: FieldRange::None,
        unit: "",
    },
    FieldMeta {
        id: "consent_tooling",
        label: "Built-in consent tooling",
        kind: FieldKind::Bool,
        range: FieldRange::None,
        unit: "",
    },
    FieldMeta {
        id: "location_tracking",
        label: "Clock-in location tracking",
        kind: FieldKind::Bool,
        range: FieldRange::None,
        unit: "",
    },
    FieldMeta {
        id: "meeting_recording",
        label: "Meeting recording",
        kind: FieldKind::Bool,
        range: FieldRange::None,
        unit: "",
    },
    FieldMeta {
        id: "hosting_one_off_mop",
        label: "Hosting set-up (one-off)",
        kind: FieldKind::Decimal,
        range: FieldRange::Money,
        unit: "MOP",
    },
    FieldMeta {
        id: "hosting_running_mop_per_year",
        label: "Hosting running cost",
        kind: FieldKind::Decimal,
        range: FieldRange::Money,
        unit: "MOP / year",
    },
    FieldMeta {
        id: "admin_hours_per_year",
        label: "Admin time (fixed)",
        kind: FieldKind::Decimal,
        range: FieldRange::Hours,
        unit: "hours / year",
    },
    FieldMeta {
        id: "admin_hours_per_user_year",
        label: "Admin time per user",
        kind: FieldKind::Decimal,
        range: FieldRange::Hours,
        unit: "hours / user / year",
    },
    FieldMeta {
        id: "migration_one_off_mop",
        label: "Migration (one-off)",
        kind: FieldKind::Decimal,
        range: FieldRange::Money,
        unit: "MOP",
    },
    FieldMeta {
        id: "migration_hours_per_user",
        label: "Migration and training time per user",
        kind: FieldKind::Decimal,
        range: FieldRange::Hours,
        unit: "hours / user",
    },
    FieldMeta {
        id: "support_mop_per_year",
        label: "Support or outside expertise",
        kind: FieldKind::Decimal,
        range: FieldRange::Money,
        unit: "MOP / year",
    },
];

/// Look a field up by id.
pub fn field_meta(id: &str) -> Option<&'static FieldMeta> {
    FIELDS.iter().find(|f| f.id == id)
}

/// The value of one platform field.
///
/// ```
/// use collab_risk::model::fields::FieldValue;
/// assert_eq!(FieldValue::Bool(true).to_string(), "true");
/// assert_eq!(FieldValue::Integer(30).factor_key(), "30");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldValue {
    /// Exact decimal.
    Decimal(Decimal),
    /// Whole number.
    Integer(i64),
    /// Yes / no.
    Bool(bool),
    /// A choice or currency id.
    Choice(String),
    /// Free text.
    Text(String),
}

impl FieldValue {
    /// The key used in catalog factor tables (`"true"`/`"false"` for booleans).
    pub fn factor_key(&self) -> String {
        self.to_string()
    }
}

impl fmt::Display for FieldValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FieldValue::Decimal(d) => write!(f, "{d}"),
            FieldValue::Integer(i) => write!(f, "{i}"),
            FieldValue::Bool(b) => write!(f, "{b}"),
            FieldValue::Choice(s) | FieldValue::Text(s) => f.write_str(s),
        }
    }
}

/// Decimals serialize as strings (exact), integers and booleans as JSON numbers and booleans.
impl Serialize for FieldValue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            FieldValue::Decimal(d) => serializer.serialize_str(&d.normalize().to_string()),
            FieldValue::Integer(i) => serializer.serialize_i64(*i),
            FieldValue::Bool(b) => serializer.serialize_bool(*b),
            FieldValue::Choice(s) | FieldValue::Text(s) => serializer.serialize_str(s),
        }
    }
}
