//! The action plan of one option: the ordered steps from today to that configuration, each with
//! its legal basis, its cost, when it is due and who does it (a role, never a person).
//!
//! The costs are the cost ledger's, not a second estimate: a chosen measure's step carries that
//! measure's [`measure_cost`] at the scenario's hourly rate (one-off and yearly, before
//! escalation and discounting), and the set-up steps carry the ledger's two one-off platform
//! lines, `hosting_one_off_mop` and the migration line (`migration_hours_per_user` × users ×
//! hourly rate + `migration_one_off_mop`), both zero for an incumbent, so they are left out. Hence
//! Σ `one_off_mop` = the year-1 one-off part of the ledger's `compliance_measures` +
//! `migration_and_training` + the hosting one-off inside `hosting_and_administration`, and
//! Σ `yearly_mop` = the year-1 running part of `compliance_measures` (methodology §3.5).
//!
//! Steps the law requires are in the plan even when no chosen measure covers them (`required`,
//! `covered_by_measure: None`, zero cost): the notification of the processing to DSPDP within 8
//! days (Art. 21) always; a transfer basis (Art. 20) when the data rests outside Macau and no
//! chosen basis covers where; a DPA (Art. 17) when someone processes for the firm and none is
//! chosen; incident-reporting readiness (Law 13/2019) in a critical-infrastructure sector.
//!
//! ```
//! use collab_risk::model::{action_plan::action_plan, catalog::Catalog, presets};
//! let catalog = Catalog::embedded().unwrap();
//! let scenario = presets::load("article-50").unwrap();
//! let plan = action_plan(&scenario, catalog, 0).unwrap();
//! assert!(plan.steps.iter().any(|s| s.id == "notify_dspdp" && s.required));
//! ```
use rust_decimal::Decimal;
use serde::Serialize;

use super::catalog::{Catalog, Measure};
use super::cost::measure_cost;
use super::error::ModelError;
use super::export::text_cell;
use super::residency::{assess, Coverage, TransferBasis};
use super::scenario::{EffectivePlatform, Scenario};

/// When a step is due, in the order the plan lists them: the transfer bases before any data
/// moves (migration moves data), set-up before staff use it, the DSPDP notification within 8
/// days of starting, then the recurring work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum When {
    BeforeFirstTransfer,
    BeforeGoLive,
    #[serde(rename = "within_8_days")]
    Within8Days,
    Ongoing,
    Monthly,
    Yearly,
}

impl When {
    /// Stable code (translation key suffix `plan.when.<code>`, CSV cell).
    pub fn code(self) -> &'static str {
        match self {
            When::BeforeFirstTransfer => "before_first_transfer",
            When::BeforeGoLive => "before_go_live",
            When::Within8Days => "within_8_days",
            When::Ongoing => "ongoing",
            When::Monthly => "monthly",
            When::Yearly => "yearly",
        }
    }
}

/// Who does a step: a role, so the plan fits any firm's staffing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    DpoOrPrivacyLead,
    ItAdmin,
    Legal,
    Management,
    AllStaff,
}

impl Role {
    /// Stable code (translation key suffix `plan.role.<code>`, CSV cell).
    pub fn code(self) -> &'static str {
        match self {
            Role::DpoOrPrivacyLead => "dpo_or_privacy_lead",
            Role::ItAdmin => "it_admin",
            Role::Legal => "legal",
            Role::Management => "management",
            Role::AllStaff => "all_staff",
        }
    }
}

/// A law a step rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Law {
    /// Personal Data Protection Act.
    Law8Of2005,
    /// Cybersecurity Law (critical-infrastructure operators).
    Law13Of2019,
    /// The Mainland–Macao (GBA) standard contract for personal-information flows (since 2024-09-10).
    GbaStandardContract,
}

/// One legal reference: a law and, where one applies, its article(s) as written in the law
/// ("17", "20(1)", "15–16").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LegalRef {
    pub law: Law,
    pub articles: Option<&'static str>,
}

impl LegalRef {
    const fn art(articles: &'static str) -> LegalRef {
        LegalRef {
            law: Law::Law8Of2005,
            articles: Some(articles),
        }
    }

    /// The English citation ("Law 8/2005 Art. 17"); the UI writes its own per language.
    pub fn english(&self) -> String {
        let law = match self.law {
            Law::Law8Of2005 => "Law 8/2005",
            Law::Law13Of2019 => "Law 13/2019",
            Law::GbaStandardContract => "GBA standard contract",
        };
        match self.articles {
            Some(a) if a.contains([',', '–']) => format!("{law} Arts {a}"),
            Some(a) => format!("{law} Art. {a}"),
            None => law.to_owned(),
        }
    }
}

/// A measure the reader could choose to cover a required step, with what it would cost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanAlternative {
    pub measure: String,
    pub one_off_mop: Decimal,
    pub yearly_mop: Decimal,
}

/// One step of the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanStep {
    /// Stable id: the measure's id for a chosen measure, else the duty's (`notify_dspdp`,
    /// `choose_transfer_basis`, `sign_dpa`, `cybersecurity_readiness`, `set_up_platform`,
    /// `migrate_and_train`).
    pub id: String,
    /// The English citation(s), "; "-separated (`legal` has them structured).
    pub legal_basis: String,
    #[serde(skip)]
    pub legal: Vec<LegalRef>,
    /// One-off MOP (before escalation and discounting: falls in year 1).
    pub one_off_mop: Decimal,
    /// MOP per year, year 1 prices.
    pub yearly_mop: Decimal,
    pub when: When,
    pub role: Role,
    /// The law requires it for this configuration (whether or not a measure covers it).
    pub required: bool,
    /// The chosen measure this step carries out; `None` for a duty no chosen measure covers and
    /// for the set-up steps.
    pub covered_by_measure: Option<String>,
    /// For a required step no measure covers: the measures that would, with their costs.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<PlanAlternative>,
}

/// The plan of one option: its steps in order, and their sums.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActionPlan {
    pub option: String,
    pub steps: Vec<PlanStep>,
    pub one_off_total_mop: Decimal,
    pub yearly_total_mop: Decimal,
}

/// When, who and which articles for a catalog measure's step. Ids the catalog may add later
/// fall back to an ongoing privacy-lead step on Arts 15–16 (security of processing).
fn measure_facts(id: &str) -> (When, Role, Vec<LegalRef>) {
    match id {
        "pia" => (
            When::BeforeFirstTransfer,
            Role::DpoOrPrivacyLead,
            vec![LegalRef::art("15–16")],
        ),
        "data_flow_map" => (
            When::BeforeFirstTransfer,
            Role::DpoOrPrivacyLead,
            vec![LegalRef::art("19–20")],
        ),
        "dpa" => (
            When::BeforeFirstTransfer,
            Role::Legal,
            vec![LegalRef::art("17")],
        ),
        "transfer_consent_notification" => (
            When::BeforeFirstTransfer,
            Role::DpoOrPrivacyLead,
            vec![LegalRef::art("20(1)")],
        ),
        "transfer_authorisation" => (
            When::BeforeFirstTransfer,
            Role::Legal,
            vec![LegalRef::art("20(2), 22")],
        ),
        "gba_standard_contract" => (
            When::BeforeFirstTransfer,
            Role::Legal,
            vec![
                LegalRef {
                    law: Law::GbaStandardContract,
                    articles: None,
                },
                LegalRef::art("20"),
            ],
        ),
        "consent_records" => (
            When::Ongoing,
            Role::DpoOrPrivacyLead,
            vec![LegalRef::art("6, 20(1)")],
        ),
        "restricted_admins" => (
            When::BeforeGoLive,
            Role::ItAdmin,
            vec![LegalRef::art("15–16")],
        ),
        "retention_auto_delete" => (When::BeforeGoLive, Role::ItAdmin, vec![LegalRef::art("5")]),
        "location_tracking_off" | "recording_off" => {
            (When::BeforeGoLive, Role::ItAdmin, vec![LegalRef::art("5")])
        }
        "monthly_log_audit" => (When::Monthly, Role::ItAdmin, vec![LegalRef::art("15–16")]),
        "annual_regulatory_review" => (
            When::Yearly,
            Role::DpoOrPrivacyLead,
            vec![LegalRef::art("15–16, 19–21")],
        ),
        _ => (
            When::Ongoing,
            Role::DpoOrPrivacyLead,
            vec![LegalRef::art("15–16")],
        ),
    }
}

fn legal_basis(refs: &[LegalRef]) -> String {
    refs.iter()
        .map(LegalRef::english)
        .collect::<Vec<_>>()
        .join("; ")
}

/// A duty's step at zero cost (the cost is in the measure that covers it, if chosen).
fn duty(id: &str, when: When, role: Role, legal: Vec<LegalRef>) -> PlanStep {
    PlanStep {
        id: id.to_owned(),
        legal_basis: legal_basis(&legal),
        legal,
        one_off_mop: Decimal::ZERO,
        yearly_mop: Decimal::ZERO,
        when,
        role,
        required: true,
        covered_by_measure: None,
        alternatives: Vec::new(),
    }
}

/// The action plan of option `index` of `scenario`.
pub fn action_plan(
    scenario: &Scenario,
    catalog: &Catalog,
    index: usize,
) -> Result<ActionPlan, ModelError> {
    let resolved = scenario.resolve(catalog)?;
    let option = resolved
        .get(index)
        .ok_or_else(|| ModelError::out_of_range("options", format!("no option {index}")))?;
    plan_for(
        scenario,
        catalog,
        &option.effective,
        &option.measures,
        option.spec,
        index,
    )
}

/// The plan of one resolved option (what [`action_plan`] and the deterministic evaluation call).
pub fn plan_for(
    scenario: &Scenario,
    catalog: &Catalog,
    effective: &EffectivePlatform,
    measures: &[&Measure],
    spec: &super::scenario::OptionSpec,
    index: usize,
) -> Result<ActionPlan, ModelError> {
    let path = format!("options[{index}]");
    let overflow = |what: &str| ModelError::overflow(&path, format!("action plan: {what}"));
    let hourly = scenario.staff_hourly_rate_mop;
    let users = Decimal::from(scenario.organisation.users);
    let chosen = |id: &str| measures.iter().any(|m| m.id == id);
    let critical: Vec<_> = catalog
        .statutory_duties
        .iter()
        .filter(|d| d.sectors.contains(&scenario.organisation.sector))
        .collect();
    let mut steps = Vec::new();

    // The one-off platform lines of the ledger, exactly as cost_ledger computes them.
    if !spec.incumbent {
        let hosting = effective.decimal("hosting_one_off_mop");
        let migration = effective
            .decimal("migration_hours_per_user")
            .checked_mul(users)
            .and_then(|h| h.checked_mul(hourly))
            .and_then(|c| c.checked_add(effective.decimal("migration_one_off_mop")))
            .ok_or_else(|| overflow("migration"))?;
        for (id, amount, role) in [
            ("set_up_platform", hosting, Role::ItAdmin),
            ("migrate_and_train", migration, Role::AllStaff),
        ] {
            steps.push(PlanStep {
                id: id.to_owned(),
                // Migration moves personal data into the new platform: Art. 15's security duty.
                legal: vec![LegalRef::art("15")],
                legal_basis: legal_basis(&[LegalRef::art("15")]),
                one_off_mop: amount.normalize(),
                yearly_mop: Decimal::ZERO,
                when: When::BeforeGoLive,
                role,
                required: false,
                covered_by_measure: None,
                alternatives: Vec::new(),
            });
        }
    }

    let residency = assess(spec, catalog)?;
    let transfer_needed = residency.outside_macau;
    for m in measures {
        let cost = measure_cost(m, hourly).ok_or_else(|| overflow(&m.id))?;
        let (when, role, mut legal) = measure_facts(&m.id);
        // A critical-infrastructure firm's incident-response measures also serve Law 13/2019.
        if critical
            .iter()
            .any(|d| m.effects.iter().any(|e| e.dimension == d.dimension))
        {
            legal.push(LegalRef {
                law: Law::Law13Of2019,
                articles: None,
            });
        }
        let required = match m.id.as_str() {
            "dpa" => effective.processor_agreement != "none",
            id if TransferBasis::ALL.iter().any(|b| b.measure_id() == id) => transfer_needed,
            _ => false,
        };
        steps.push(PlanStep {
            id: m.id.clone(),
            legal_basis: legal_basis(&legal),
            legal,
            one_off_mop: cost.one_off_mop.normalize(),
            yearly_mop: cost.per_year_mop.normalize(),
            when,
            role,
            required,
            covered_by_measure: Some(m.id.clone()),
            alternatives: Vec::new(),
        });
    }

    // Art. 20: data resting outside Macau is a transfer; a chosen basis must cover where.
    if matches!(
        residency.coverage,
        Coverage::NoBasis | Coverage::BasisDoesNotCover
    ) {
        let mut step = duty(
            "choose_transfer_basis",
            When::BeforeFirstTransfer,
            Role::Legal,
            vec![LegalRef::art("20")],
        );
        for basis in TransferBasis::ALL {
            let Some(m) = catalog.measure(basis.measure_id()) else {
                continue;
            };
            if effective.applicability(m).is_err() {
                continue;
            }
            let cost = measure_cost(m, hourly).ok_or_else(|| overflow(&m.id))?;
            step.alternatives.push(PlanAlternative {
                measure: m.id.clone(),
                one_off_mop: cost.one_off_mop.normalize(),
                yearly_mop: cost.per_year_mop.normalize(),
            });
        }
        steps.push(step);
    }
    // Art. 17: whoever processes for the firm (vendor or hosting provider) needs a contract.
    if effective.processor_agreement != "none" && !chosen("dpa") {
        let mut step = duty(
            "sign_dpa",
            When::BeforeFirstTransfer,
            Role::Legal,
            vec![LegalRef::art("17")],
        );
        if let Some(m) = catalog.measure("dpa") {
            let cost = measure_cost(m, hourly).ok_or_else(|| overflow("dpa"))?;
            step.alternatives.push(PlanAlternative {
                measure: m.id.clone(),
                one_off_mop: cost.one_off_mop.normalize(),
                yearly_mop: cost.per_year_mop.normalize(),
            });
        }
        steps.push(step);
    }
    // Art. 21: every processing is notified to DSPDP within 8 days of its start; no measure of
    // the catalog stands for it (the Art. 20(1) notification is of the transfer, not this one).
    steps.push(duty(
        "notify_dspdp",
        When::Within8Days,
        Role::DpoOrPrivacyLead,
        vec![LegalRef::art("21")],
    ));
    if !critical.is_empty() {
        steps.push(duty(
            "cybersecurity_readiness",
            When::Ongoing,
            Role::Management,
            vec![LegalRef {
                law: Law::Law13Of2019,
                articles: None,
            }],
        ));
    }
    // Stable: within a phase, set-up first, then the option's own (catalog) order, then duties.
    steps.sort_by_key(|s| s.when);

    let mut one_off = Decimal::ZERO;
    let mut yearly = Decimal::ZERO;
    for s in &steps {
        one_off = one_off
            .checked_add(s.one_off_mop)
            .ok_or_else(|| overflow("one-off total"))?;
        yearly = yearly
            .checked_add(s.yearly_mop)
            .ok_or_else(|| overflow("yearly total"))?;
    }
    Ok(ActionPlan {
        option: spec.id.clone(),
        steps,
        one_off_total_mop: one_off.normalize(),
        yearly_total_mop: yearly.normalize(),
    })
}

/// The CSV header of [`plan_csv`].
pub const PLAN_CSV_HEADER: &str =
    "step,id,title,legal_basis,one_off_mop,yearly_mop,when,role,required,covered_by_measure";

/// The plan as CSV (CRLF, RFC 4180), every text cell through the export's spreadsheet guard.
/// `title` gives each step's title in the reader's language (the model has no translations).
pub fn plan_csv(plan: &ActionPlan, title: impl Fn(&PlanStep) -> String) -> String {
    use super::export::number_cell;
    let mut out = format!("{PLAN_CSV_HEADER}\r\n");
    for (i, s) in plan.steps.iter().enumerate() {
        let cells = [
            (i + 1).to_string(),
            text_cell(&s.id),
            text_cell(&title(s)),
            text_cell(&s.legal_basis),
            number_cell(&s.one_off_mop.to_string()),
            number_cell(&s.yearly_mop.to_string()),
            text_cell(s.when.code()),
            text_cell(s.role.code()),
            s.required.to_string(),
            text_cell(s.covered_by_measure.as_deref().unwrap_or("")),
        ];
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

/// A civil date (proleptic Gregorian), for the calendar file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct CivilDate {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl CivilDate {
    /// Days since 1970-01-01 (H. Hinnant's algorithm; exact for every date).
    pub fn to_days(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let mp = if m > 2 { m - 3 } else { m + 9 };
        let doy = (153 * mp + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01.
    pub fn from_days(days: i64) -> CivilDate {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        CivilDate { year, month, day }
    }

    /// `days` later.
    pub fn plus_days(self, days: i64) -> CivilDate {
        CivilDate::from_days(self.to_days() + days)
    }

    /// `YYYYMMDD`, the iCalendar DATE form.
    pub fn ical(self) -> String {
        format!("{:04}{:02}{:02}", self.year, self.month, self.day)
    }
}

/// RFC 5545 TEXT escaping: backslash, semicolon, comma and newlines.
fn ical_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets (RFC 5545 §3.1), never inside a UTF-8 character.
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

/// The plan's dated steps as an iCalendar file (RFC 5545, CRLF). All-day events relative to
/// `today`: steps due before the first transfer or within 8 days on today + 7 (inside the
/// 8 days of Art. 21), monthly and yearly steps from today + 7 with an RRULE. Steps due "before
/// go-live" or "ongoing" have no date of their own and are left out. The UID is the option's and
/// the step's id, so re-importing updates the same events; DTSTAMP is `today` (a pure function:
/// the model has no clock). `summary` gives the title in the reader's language.
pub fn plan_ics(
    plan: &ActionPlan,
    today: CivilDate,
    summary: impl Fn(&PlanStep) -> String,
) -> String {
    let start = today.plus_days(7);
    let end = start.plus_days(1);
    let mut out = String::new();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//collab-risk//action plan//EN",
        "CALSCALE:GREGORIAN",
    ] {
        fold(line, &mut out);
    }
    for s in &plan.steps {
        let rrule = match s.when {
            When::BeforeFirstTransfer | When::Within8Days => None,
            When::Monthly => Some("RRULE:FREQ=MONTHLY"),
            When::Yearly => Some("RRULE:FREQ=YEARLY"),
            When::BeforeGoLive | When::Ongoing => continue,
        };
        fold("BEGIN:VEVENT", &mut out);
        fold(
            &format!(
                "UID:{}-{}@collab-risk",
                ical_text(&plan.option),
                ical_text(&s.id)
            ),
            &mut out,
        );
        fold(&format!("DTSTAMP:{}T000000Z", today.ical()), &mut out);
        fold(&format!("DTSTART;VALUE=DATE:{}", start.ical()), &mut out);
        fold(&format!("DTEND;VALUE=DATE:{}", end.ical()), &mut out);
        if let Some(rule) = rrule {
            fold(rule, &mut out);
        }
        fold(&format!("SUMMARY:{}", ical_text(&summary(s))), &mut out);
        fold(
            &format!(
                "DESCRIPTION:{}",
                ical_text(&format!(
                    "{} · {} · one-off MOP {} · MOP {} a year",
                    s.legal_basis,
                    s.role.code(),
                    s.one_off_mop,
                    s.yearly_mop
                ))
            ),
            &mut out,
        );
        fold("END:VEVENT", &mut out);
    }
    fold("END:VCALENDAR", &mut out);
    out
}
