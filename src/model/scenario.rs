//! The scenario: the organisation, the horizon, FX, and 2–6 options (platform +
//! overrides + measures). The same JSON is imported and exported by the web app and
//! read by the evaluator (see docs/scenario-format.md).
//!
//! ```
//! use collab_risk::model::{catalog::Catalog, presets, scenario::Scenario};
//! let scenario = presets::load("article-50").unwrap();
//! let text = scenario.to_json_pretty().unwrap();
//! assert_eq!(Scenario::from_json(&text).unwrap(), scenario);
//! ```
use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};
use serde_json::Value;

use super::catalog::{check_field_value, Catalog, Plan, PlanChoice, Platform, PlatformKind};
use super::error::ModelError;
use super::fields::{field_meta, FieldKind, FieldValue, FIELDS};
use super::input::{
    array, boolean, decimal, index, join, object, only_keys, parse_json, required, string,
    unsigned, unsigned32,
};
use super::measures::{ApplicabilityFacts, Measure, NotApplicable};

/// Format tag of scenario files.
pub const SCENARIO_FORMAT: &str = "collab-risk/scenario";
/// Scenario version this build writes and reads.
pub const SCENARIO_VERSION: u32 = 1;

/// The organisation being advised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Organisation {
    /// Licensed users (1–100,000).
    pub users: u32,
    /// Personal-data records held (clients, patients, students, staff).
    pub data_subjects: u64,
    /// Sector id (`general`, `finance`, `healthcare`, `education`, `public`).
    pub sector: String,
}

/// MOP per unit of foreign currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct FxRates {
    pub usd: Decimal,
    pub hkd: Decimal,
    pub cny: Decimal,
}

impl FxRates {
    /// MOP per unit of `currency` (`MOP` = 1); `None` for an unknown code.
    pub fn to_mop(&self, currency: &str) -> Option<Decimal> {
        match currency {
            "USD" => Some(self.usd),
            "HKD" => Some(self.hkd),
            "CNY" => Some(self.cny),
            "MOP" => Some(Decimal::ONE),
            _ => None,
        }
    }
}

/// Monte Carlo settings. The seed is a `u32` so it survives JavaScript numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SimulationSettings {
    pub trials: u32,
    pub seed: u32,
}

/// A measure chosen for an option; `days` only for `retention_auto_delete`.
/// Serialized as a plain id string, or `{"id": "retention_auto_delete", "days": 30}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeasureSelection {
    pub id: String,
    pub days: Option<u32>,
}

impl MeasureSelection {
    /// A measure without parameters.
    pub fn new(id: impl Into<String>) -> Self {
        MeasureSelection {
            id: id.into(),
            days: None,
        }
    }
}

impl Serialize for MeasureSelection {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.days {
            None => serializer.serialize_str(&self.id),
            Some(days) => {
                let mut map = serializer.serialize_map(Some(2))?;
                map.serialize_entry("id", &self.id)?;
                map.serialize_entry("days", &days)?;
                map.end()
            }
        }
    }
}

/// Field overrides on a catalog platform: field id → value (a JSON object).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(transparent)]
pub struct PlatformOverrides(BTreeMap<String, FieldValue>);

impl PlatformOverrides {
    /// Empty overrides.
    pub fn new() -> Self {
        Self::default()
    }

    /// Set field `id`; refuses unknown fields and values of the wrong kind.
    pub fn set(&mut self, id: &str, value: FieldValue) -> Result<(), ModelError> {
        let meta = field_meta(id).ok_or_else(|| ModelError::UnknownPlatformField {
            path: format!("overrides.{id}"),
            id: id.to_string(),
        })?;
        let kind_ok = matches!(
            (meta.kind, &value),
            (FieldKind::Decimal, FieldValue::Decimal(_))
                | (FieldKind::Integer, FieldValue::Integer(_))
                | (FieldKind::Bool, FieldValue::Bool(_))
                | (
                    FieldKind::Choice(_) | FieldKind::Currency,
                    FieldValue::Choice(_)
                )
                | (FieldKind::Text, FieldValue::Text(_))
        );
        if !kind_ok {
            return Err(ModelError::WrongType {
                path: format!("overrides.{id}"),
                expected: kind_name(meta.kind).to_string(),
            });
        }
        self.0.insert(id.to_string(), value);
        Ok(())
    }

    /// Remove the override of `id` (back to the catalog default).
    pub fn clear(&mut self, id: &str) {
        self.0.remove(id);
    }

    /// The override of `id`, if any.
    pub fn get(&self, id: &str) -> Option<&FieldValue> {
        self.0.get(id)
    }

    /// All overrides in id order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &FieldValue)> {
        self.0.iter()
    }

    /// Number of overrides.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// No overrides.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

fn kind_name(kind: FieldKind) -> &'static str {
    match kind {
        FieldKind::Decimal => "a decimal number (number or string)",
        FieldKind::Integer => "a whole number",
        FieldKind::Bool => "true or false",
        FieldKind::Choice(_) => "one of the allowed choice strings",
        FieldKind::Currency => "a currency code (USD, HKD, CNY, MOP)",
        FieldKind::Text => "a string",
    }
}

/// One option compared: a catalog platform, field overrides and measures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OptionSpec {
    pub id: String,
    pub label: String,
    pub platform: String,
    /// The plan (edition) it is priced on, when the platform has plans; `None` = the first plan
    /// sold for the organisation's headcount. Written only when named.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan: Option<String>,
    pub overrides: PlatformOverrides,
    pub measures: Vec<MeasureSelection>,
    /// The platform the firm already runs: no migration (nor one-off setup) is charged.
    /// Written only when true.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub incumbent: bool,
}

/// A validated option with what it refers to resolved once: its catalog platform, the platform
/// with the overrides applied, and its measures (in the option's order).
#[derive(Debug, Clone)]
pub struct ResolvedOption<'a> {
    pub spec: &'a OptionSpec,
    pub platform: &'a Platform,
    /// The plan it is priced on, and whether the model moved it there from the default plan.
    pub plan: PlanChoice<'a>,
    pub effective: EffectivePlatform,
    pub measures: Vec<&'a Measure>,
}

/// How a claimed figure relates to the computed one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimRelation {
    /// "more than X".
    GreaterThan,
    /// "less than X".
    LessThan,
    /// "about X".
    About,
}

impl ClaimRelation {
    fn parse(s: &str) -> Option<Self> {
        match s {
            "greater_than" => Some(Self::GreaterThan),
            "less_than" => Some(Self::LessThan),
            "about" => Some(Self::About),
            _ => None,
        }
    }
}

/// A third-party claim checked against the model: claimed total-cost difference
/// between two options (`higher_option` − `lower_option`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Claim {
    pub text: String,
    pub source: String,
    pub claimed_mop: Decimal,
    pub relation: ClaimRelation,
    pub higher_option: String,
    pub lower_option: String,
}

/// A whole scenario.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Scenario {
    pub format: String,
    pub version: u32,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub organisation: Organisation,
    pub horizon_years: u32,
    pub fx_to_mop: FxRates,
    pub escalation_pct: Decimal,
    pub discount_rate_pct: Decimal,
    pub risk_appetite_mop: Decimal,
    pub staff_hourly_rate_mop: Decimal,
    pub simulation: SimulationSettings,
    pub options: Vec<OptionSpec>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub claims: Vec<Claim>,
}

/// A platform with the option's overrides applied (validated, every field present).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EffectivePlatform {
    pub platform_id: String,
    /// The plan its values come from, if the platform has plans.
    pub plan_id: Option<String>,
    pub kind: PlatformKind,
    /// Who can sign a DPA for it (`vendor`, `hosting_provider`, `none`); not overridable.
    pub processor_agreement: String,
    values: Vec<(&'static str, FieldValue)>,
}

impl EffectivePlatform {
    /// Apply `overrides` to `platform` as `plan` sells it, checking kinds and limits.
    pub fn new(
        platform: &Platform,
        plan: Option<&Plan>,
        overrides: &PlatformOverrides,
        catalog: &Catalog,
        path: &str,
    ) -> Result<Self, ModelError> {
        for (id, _) in overrides.iter() {
            if field_meta(id).is_none() {
                return Err(ModelError::UnknownPlatformField {
                    path: join(&join(path, "overrides"), id),
                    id: id.clone(),
                });
            }
        }
        let mut values = Vec::with_capacity(FIELDS.len());
        for meta in FIELDS {
            let value = match overrides.get(meta.id) {
                Some(v) => {
                    let field_path = join(&join(path, "overrides"), meta.id);
                    check_field_value(meta, v, &catalog.limits, &field_path)?;
                    v.clone()
                }
                None => platform
                    .field_in(plan, meta.id)
                    .map(|f| f.value)
                    .ok_or_else(|| ModelError::catalog(meta.id, "field missing"))?,
            };
            values.push((meta.id, value));
        }
        Ok(EffectivePlatform {
            platform_id: platform.id.clone(),
            plan_id: plan.map(|p| p.id.clone()),
            kind: platform.kind,
            processor_agreement: platform.processor_agreement.value.clone(),
            values,
        })
    }

    /// Whether `measure` can apply here; `Err` says why not.
    pub fn applicability(&self, measure: &Measure) -> Result<(), NotApplicable> {
        measure.applicability(&ApplicabilityFacts {
            processor_agreement: &self.processor_agreement,
            data_location: self.choice("data_location"),
            location_tracking: self.flag("location_tracking"),
            meeting_recording: self.flag("meeting_recording"),
            audit_log: self.choice("audit_log"),
            retention_control: self.flag("retention_control"),
            admin_roles: self.choice("admin_roles"),
        })
    }

    /// The effective value of field `id`.
    pub fn value(&self, id: &str) -> Option<&FieldValue> {
        self.values.iter().find(|(k, _)| *k == id).map(|(_, v)| v)
    }

    /// A decimal field (zero if absent — cannot happen after validation).
    pub fn decimal(&self, id: &str) -> Decimal {
        match self.value(id) {
            Some(FieldValue::Decimal(d)) => *d,
            _ => Decimal::ZERO,
        }
    }

    /// A choice field (empty if absent).
    pub fn choice(&self, id: &str) -> &str {
        match self.value(id) {
            Some(FieldValue::Choice(s)) => s,
            _ => "",
        }
    }

    /// A boolean field (false if absent).
    pub fn flag(&self, id: &str) -> bool {
        matches!(self.value(id), Some(FieldValue::Bool(true)))
    }

    /// All effective values in [`FIELDS`] order.
    pub fn values(&self) -> &[(&'static str, FieldValue)] {
        &self.values
    }
}

impl Scenario {
    /// An option id no option uses yet (`option-1`, `option-2`, …), for a new or copied option.
    pub fn unused_option_id(&self) -> String {
        (1..=self.options.len() + 1)
            .map(|n| format!("option-{n}"))
            .find(|id| self.options.iter().all(|o| &o.id != id))
            .unwrap_or_else(|| format!("option-{}", self.options.len() + 2))
    }

    /// A scenario with catalog defaults and the given options (not yet validated).
    pub fn with_defaults(
        catalog: &Catalog,
        name: &str,
        organisation: Organisation,
        options: Vec<OptionSpec>,
    ) -> Scenario {
        let d = &catalog.scenario_defaults;
        Scenario {
            format: SCENARIO_FORMAT.to_string(),
            version: SCENARIO_VERSION,
            name: name.to_string(),
            note: None,
            organisation,
            horizon_years: d.horizon_years,
            fx_to_mop: FxRates {
                usd: d.fx_to_mop.usd.value,
                hkd: d.fx_to_mop.hkd.value,
                cny: d.fx_to_mop.cny.value,
            },
            escalation_pct: d.escalation_pct,
            discount_rate_pct: d.discount_rate_pct,
            risk_appetite_mop: d.risk_appetite_mop.value,
            staff_hourly_rate_mop: d.staff_hourly_rate_mop.value,
            simulation: SimulationSettings {
                trials: d.trials,
                seed: d.seed,
            },
            options,
            claims: Vec::new(),
        }
    }

    /// Parse and validate against the embedded catalog.
    pub fn from_json(text: &str) -> Result<Scenario, ModelError> {
        Scenario::from_json_with(text, Catalog::embedded()?)
    }

    /// Parse raw bytes (size limit, UTF-8 check) and validate; what the evaluator uses.
    pub fn from_json_bytes(bytes: &[u8], catalog: &Catalog) -> Result<Scenario, ModelError> {
        let max = catalog.limits.input_bytes.max;
        if bytes.len() as u64 > max {
            return Err(ModelError::InputTooLarge {
                path: String::new(),
                size: bytes.len(),
                max,
            });
        }
        let text = std::str::from_utf8(bytes).map_err(|e| ModelError::NotUtf8 {
            path: String::new(),
            position: e.valid_up_to(),
        })?;
        Scenario::from_json_with(text, catalog)
    }

    /// Parse and validate against `catalog`.
    pub fn from_json_with(text: &str, catalog: &Catalog) -> Result<Scenario, ModelError> {
        let max = catalog.limits.input_bytes.max;
        if text.len() as u64 > max {
            return Err(ModelError::InputTooLarge {
                path: String::new(),
                size: text.len(),
                max,
            });
        }
        let value = parse_json(text)?;
        let scenario = Scenario::from_value(&value, catalog)?;
        scenario.validate(catalog)?;
        Ok(scenario)
    }

    /// Pretty JSON in the documented format (decimals as strings).
    pub fn to_json_pretty(&self) -> Result<String, ModelError> {
        serde_json::to_string_pretty(self).map_err(|e| ModelError::InvalidJson {
            path: String::new(),
            message: e.to_string(),
        })
    }

    fn from_value(v: &Value, catalog: &Catalog) -> Result<Scenario, ModelError> {
        let root = object(v, "")?;
        let format = string(required(root, "format", "")?, "format")?;
        if format != SCENARIO_FORMAT {
            return Err(ModelError::UnsupportedFormat {
                path: "format".into(),
                found: format,
                expected: SCENARIO_FORMAT.into(),
            });
        }
        let version_value = required(root, "version", "")?;
        let version =
            unsigned(version_value, "version").map_err(|_| ModelError::UnsupportedVersion {
                path: "version".into(),
                found: version_value.to_string(),
                supported: SCENARIO_VERSION,
            })?;
        if version != u64::from(SCENARIO_VERSION) {
            return Err(ModelError::UnsupportedVersion {
                path: "version".into(),
                found: version.to_string(),
                supported: SCENARIO_VERSION,
            });
        }
        only_keys(
            root,
            &[
                "format",
                "version",
                "name",
                "note",
                "organisation",
                "horizon_years",
                "fx_to_mop",
                "escalation_pct",
                "discount_rate_pct",
                "risk_appetite_mop",
                "staff_hourly_rate_mop",
                "simulation",
                "options",
                "claims",
            ],
            "",
        )?;
        let org_map = object(required(root, "organisation", "")?, "organisation")?;
        only_keys(
            org_map,
            &["users", "data_subjects", "sector"],
            "organisation",
        )?;
        let organisation = Organisation {
            users: unsigned32(
                required(org_map, "users", "organisation")?,
                "organisation.users",
            )?,
            data_subjects: match org_map.get("data_subjects") {
                Some(v) => unsigned(v, "organisation.data_subjects")?,
                None => 0,
            },
            sector: match org_map.get("sector") {
                Some(v) => string(v, "organisation.sector")?,
                None => catalog.scenario_defaults.sector.clone(),
            },
        };
        let options_value = array(required(root, "options", "")?, "options")?;
        let max_options = catalog.limits.options.max;
        if options_value.len() as u64 > max_options {
            return Err(ModelError::OptionCount {
                path: "options".into(),
                count: options_value.len(),
                min: catalog.limits.options.min,
                max: max_options,
            });
        }
        let options = options_value
            .iter()
            .enumerate()
            .map(|(i, o)| parse_option(o, &index("options", i), catalog))
            .collect::<Result<Vec<_>, _>>()?;
        let name = match root.get("name") {
            Some(v) => string(v, "name")?,
            None => "Untitled scenario".to_string(),
        };
        let mut s = Scenario::with_defaults(catalog, &name, organisation, options);
        if let Some(v) = root.get("note") {
            s.note = if v.is_null() {
                None
            } else {
                Some(string(v, "note")?)
            };
        }
        if let Some(v) = root.get("horizon_years") {
            s.horizon_years = unsigned32(v, "horizon_years")?;
        }
        if let Some(v) = root.get("fx_to_mop") {
            let fx = object(v, "fx_to_mop")?;
            only_keys(fx, &["usd", "hkd", "cny"], "fx_to_mop")?;
            if let Some(v) = fx.get("usd") {
                s.fx_to_mop.usd = decimal(v, "fx_to_mop.usd")?;
            }
            if let Some(v) = fx.get("hkd") {
                s.fx_to_mop.hkd = decimal(v, "fx_to_mop.hkd")?;
            }
            if let Some(v) = fx.get("cny") {
                s.fx_to_mop.cny = decimal(v, "fx_to_mop.cny")?;
            }
        }
        for (key, slot) in [
            ("escalation_pct", &mut s.escalation_pct),
            ("discount_rate_pct", &mut s.discount_rate_pct),
            ("risk_appetite_mop", &mut s.risk_appetite_mop),
            ("staff_hourly_rate_mop", &mut s.staff_hourly_rate_mop),
        ] {
            if let Some(v) = root.get(key) {
                *slot = decimal(v, key)?;
            }
        }
        if let Some(v) = root.get("simulation") {
            let sim = object(v, "simulation")?;
            only_keys(sim, &["trials", "seed"], "simulation")?;
            if let Some(v) = sim.get("trials") {
                s.simulation.trials = unsigned32(v, "simulation.trials")?;
            }
            if let Some(v) = sim.get("seed") {
                s.simulation.seed = unsigned32(v, "simulation.seed")?;
            }
        }
        if let Some(v) = root.get("claims") {
            let list = array(v, "claims")?;
            if list.len() as u64 > catalog.limits.claims.max {
                return Err(ModelError::out_of_range(
                    "claims",
                    format!("at most {} claims", catalog.limits.claims.max),
                ));
            }
            s.claims = list
                .iter()
                .enumerate()
                .map(|(i, c)| parse_claim(c, &index("claims", i)))
                .collect::<Result<Vec<_>, _>>()?;
        }
        Ok(s)
    }

    /// Check every value against the catalog limits and ids. Errors name the field.
    pub fn validate(&self, catalog: &Catalog) -> Result<(), ModelError> {
        self.resolve(catalog).map(|_| ())
    }

    /// Validate, and return each option resolved against the catalog (what the evaluation
    /// needs, looked up once).
    pub fn resolve<'a>(
        &'a self,
        catalog: &'a Catalog,
    ) -> Result<Vec<ResolvedOption<'a>>, ModelError> {
        let limits = &catalog.limits;
        if self.format != SCENARIO_FORMAT {
            return Err(ModelError::UnsupportedFormat {
                path: "format".into(),
                found: self.format.clone(),
                expected: SCENARIO_FORMAT.into(),
            });
        }
        if self.version != SCENARIO_VERSION {
            return Err(ModelError::UnsupportedVersion {
                path: "version".into(),
                found: self.version.to_string(),
                supported: SCENARIO_VERSION,
            });
        }
        text_len(&self.name, "name", limits.text_length.max)?;
        if let Some(note) = &self.note {
            text_len(note, "note", limits.text_length.max.saturating_mul(4))?;
        }
        int_in(
            "organisation.users",
            u64::from(self.organisation.users),
            limits.users,
        )?;
        int_in(
            "organisation.data_subjects",
            self.organisation.data_subjects,
            limits.data_subjects,
        )?;
        if catalog.sector(&self.organisation.sector).is_none() {
            return Err(ModelError::UnknownSector {
                path: "organisation.sector".into(),
                id: self.organisation.sector.clone(),
            });
        }
        int_in(
            "horizon_years",
            u64::from(self.horizon_years),
            limits.horizon_years,
        )?;
        dec_in("fx_to_mop.usd", self.fx_to_mop.usd, limits.fx_to_mop)?;
        dec_in("fx_to_mop.hkd", self.fx_to_mop.hkd, limits.fx_to_mop)?;
        dec_in("fx_to_mop.cny", self.fx_to_mop.cny, limits.fx_to_mop)?;
        dec_in("escalation_pct", self.escalation_pct, limits.escalation_pct)?;
        dec_in(
            "discount_rate_pct",
            self.discount_rate_pct,
            limits.discount_rate_pct,
        )?;
        dec_in(
            "risk_appetite_mop",
            self.risk_appetite_mop,
            limits.risk_appetite_mop,
        )?;
        dec_in(
            "staff_hourly_rate_mop",
            self.staff_hourly_rate_mop,
            limits.staff_hourly_rate_mop,
        )?;
        int_in(
            "simulation.trials",
            u64::from(self.simulation.trials),
            limits.trials,
        )?;
        if !limits.options.contains(self.options.len() as u64) {
            return Err(ModelError::OptionCount {
                path: "options".into(),
                count: self.options.len(),
                min: limits.options.min,
                max: limits.options.max,
            });
        }
        let mut ids = BTreeSet::new();
        let mut resolved = Vec::with_capacity(self.options.len());
        for (i, option) in self.options.iter().enumerate() {
            let path = index("options", i);
            let id_len = option.id.chars().count() as u64;
            if !limits.id_length.contains(id_len) {
                return Err(ModelError::out_of_range(
                    join(&path, "id"),
                    format!(
                        "must be {} to {} characters",
                        limits.id_length.min, limits.id_length.max
                    ),
                ));
            }
            if !ids.insert(option.id.as_str()) {
                return Err(ModelError::DuplicateId {
                    path: join(&path, "id"),
                    id: option.id.clone(),
                });
            }
            text_len(&option.label, &join(&path, "label"), limits.text_length.max)?;
            let platform =
                catalog
                    .platform(&option.platform)
                    .ok_or_else(|| ModelError::UnknownPlatform {
                        path: join(&path, "platform"),
                        id: option.platform.clone(),
                    })?;
            let plan =
                platform.choose_plan(option.plan.as_deref(), self.organisation.users, &path)?;
            let effective =
                EffectivePlatform::new(platform, plan.plan(), &option.overrides, catalog, &path)?;
            let mut measure_ids = BTreeSet::new();
            let mut measures = Vec::with_capacity(option.measures.len());
            for (j, m) in option.measures.iter().enumerate() {
                let mpath = index(&join(&path, "measures"), j);
                let measure = catalog
                    .measure(&m.id)
                    .ok_or_else(|| ModelError::UnknownMeasure {
                        path: mpath.clone(),
                        id: m.id.clone(),
                    })?;
                if !measure_ids.insert(m.id.as_str()) {
                    return Err(ModelError::DuplicateId {
                        path: mpath,
                        id: m.id.clone(),
                    });
                }
                if let Err(why) = effective.applicability(measure) {
                    return Err(ModelError::MeasureNotApplicable {
                        path: mpath,
                        measure: m.id.clone(),
                        platform: option.platform.clone(),
                        reason: why,
                    });
                }
                match (&measure.parameter, m.days) {
                    (Some(p), Some(days)) if days < p.min || days > p.max => {
                        return Err(ModelError::not_between(join(&mpath, "days"), p.min, p.max));
                    }
                    (None, Some(_)) => {
                        return Err(ModelError::UnknownField {
                            path: join(&mpath, "days"),
                        })
                    }
                    _ => {}
                }
                measures.push(measure);
            }
            resolved.push(ResolvedOption {
                spec: option,
                platform,
                plan,
                effective,
                measures,
            });
        }
        for (i, claim) in self.claims.iter().enumerate() {
            let path = index("claims", i);
            text_len(
                &claim.text,
                &join(&path, "text"),
                limits.text_length.max.saturating_mul(2),
            )?;
            text_len(
                &claim.source,
                &join(&path, "source"),
                limits.text_length.max,
            )?;
            dec_in(
                &join(&path, "claimed_mop"),
                claim.claimed_mop,
                limits.money_amount,
            )?;
            for (key, id) in [
                ("higher_option", &claim.higher_option),
                ("lower_option", &claim.lower_option),
            ] {
                if !ids.contains(id.as_str()) {
                    return Err(ModelError::out_of_range(
                        join(&path, key),
                        format!("no option with id `{id}`"),
                    ));
                }
            }
            // A claim compares two options; one option against itself is always MOP 0.
            if claim.higher_option == claim.lower_option {
                return Err(ModelError::out_of_range(
                    join(&path, "lower_option"),
                    "must name another option than higher_option",
                ));
            }
        }
        Ok(resolved)
    }
}

fn parse_option(v: &Value, path: &str, catalog: &Catalog) -> Result<OptionSpec, ModelError> {
    let map = object(v, path)?;
    only_keys(
        map,
        &[
            "id",
            "label",
            "platform",
            "overrides",
            "measures",
            "incumbent",
            "plan",
        ],
        path,
    )?;
    let id = string(required(map, "id", path)?, &join(path, "id"))?;
    let platform_id = string(required(map, "platform", path)?, &join(path, "platform"))?;
    let platform = catalog
        .platform(&platform_id)
        .ok_or_else(|| ModelError::UnknownPlatform {
            path: join(path, "platform"),
            id: platform_id.clone(),
        })?;
    let label = match map.get("label") {
        Some(v) => string(v, &join(path, "label"))?,
        None => platform.name.clone(),
    };
    let mut overrides = PlatformOverrides::new();
    if let Some(v) = map.get("overrides") {
        let opath = join(path, "overrides");
        for (key, value) in object(v, &opath)? {
            let fpath = join(&opath, key);
            let meta = field_meta(key).ok_or_else(|| ModelError::UnknownPlatformField {
                path: fpath.clone(),
                id: key.clone(),
            })?;
            let parsed = match meta.kind {
                FieldKind::Decimal => FieldValue::Decimal(decimal(value, &fpath)?),
                FieldKind::Integer => {
                    let u = unsigned(value, &fpath)?;
                    FieldValue::Integer(
                        i64::try_from(u)
                            .map_err(|_| ModelError::out_of_range(fpath.clone(), "too large"))?,
                    )
                }
                FieldKind::Bool => FieldValue::Bool(boolean(value, &fpath)?),
                FieldKind::Choice(_) | FieldKind::Currency => {
                    FieldValue::Choice(string(value, &fpath)?)
                }
                FieldKind::Text => FieldValue::Text(string(value, &fpath)?),
            };
            overrides.set(key, parsed).map_err(|e| match e {
                ModelError::WrongType { expected, .. } => ModelError::WrongType {
                    path: fpath.clone(),
                    expected,
                },
                other => other,
            })?;
        }
    }
    let mut measures = Vec::new();
    if let Some(v) = map.get("measures") {
        let mpath = join(path, "measures");
        for (j, m) in array(v, &mpath)?.iter().enumerate() {
            let ipath = index(&mpath, j);
            let selection = match m {
                Value::String(s) => MeasureSelection::new(s.clone()),
                Value::Object(obj) => {
                    only_keys(obj, &["id", "days"], &ipath)?;
                    let id = string(required(obj, "id", &ipath)?, &join(&ipath, "id"))?;
                    let days = match obj.get("days") {
                        Some(d) => Some(unsigned32(d, &join(&ipath, "days"))?),
                        None => None,
                    };
                    MeasureSelection { id, days }
                }
                _ => {
                    return Err(ModelError::WrongType {
                        path: ipath,
                        expected: "a measure id or {\"id\", \"days\"}".into(),
                    })
                }
            };
            if catalog.measure(&selection.id).is_none() {
                return Err(ModelError::UnknownMeasure {
                    path: ipath,
                    id: selection.id,
                });
            }
            measures.push(selection);
        }
    }
    let incumbent = match map.get("incumbent") {
        Some(v) => boolean(v, &join(path, "incumbent"))?,
        None => false,
    };
    let plan = match map.get("plan") {
        Some(v) => Some(string(v, &join(path, "plan"))?),
        None => None,
    };
    Ok(OptionSpec {
        id,
        label,
        platform: platform_id,
        plan,
        overrides,
        measures,
        incumbent,
    })
}

fn parse_claim(v: &Value, path: &str) -> Result<Claim, ModelError> {
    let map = object(v, path)?;
    only_keys(
        map,
        &[
            "text",
            "source",
            "claimed_mop",
            "relation",
            "higher_option",
            "lower_option",
        ],
        path,
    )?;
    let relation_text = string(required(map, "relation", path)?, &join(path, "relation"))?;
    let relation =
        ClaimRelation::parse(&relation_text).ok_or_else(|| ModelError::InvalidChoice {
            path: join(path, "relation"),
            value: relation_text.clone(),
            allowed: "greater_than, less_than, about".into(),
        })?;
    Ok(Claim {
        text: string(required(map, "text", path)?, &join(path, "text"))?,
        source: match map.get("source") {
            Some(v) => string(v, &join(path, "source"))?,
            None => String::new(),
        },
        claimed_mop: decimal(
            required(map, "claimed_mop", path)?,
            &join(path, "claimed_mop"),
        )?,
        relation,
        higher_option: string(
            required(map, "higher_option", path)?,
            &join(path, "higher_option"),
        )?,
        lower_option: string(
            required(map, "lower_option", path)?,
            &join(path, "lower_option"),
        )?,
    })
}

fn text_len(text: &str, path: &str, max: u64) -> Result<(), ModelError> {
    if text.chars().count() as u64 > max {
        Err(ModelError::out_of_range(
            path,
            format!("must be at most {max} characters"),
        ))
    } else {
        Ok(())
    }
}

fn int_in(path: &str, v: u64, range: super::catalog::IntRange) -> Result<(), ModelError> {
    if range.contains(v) {
        Ok(())
    } else {
        Err(ModelError::not_between(path, range.min, range.max))
    }
}

fn dec_in(path: &str, v: Decimal, range: super::catalog::DecimalRange) -> Result<(), ModelError> {
    if range.contains(v) {
        Ok(())
    } else {
        Err(ModelError::not_between(path, range.min, range.max))
    }
}
