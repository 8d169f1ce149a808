//! Sensitivity inputs and values in words, in the reader's language: "DingTalk's licence price",
//! "USD 6.40 per user per year". Shared by the verdict and the tornado.
use super::option_card::platform_name;
use super::{AppState, Tr};
use crate::i18n::{format_count, format_decimal, format_mop_f64, format_percent, Locale};
use crate::model::decision::{Direction, InputKind, SensitivityEntry};
use crate::model::scenario::OptionSpec;
use rust_decimal::Decimal;

/// `x` with `places` decimals in the locale's format.
fn fixed(locale: Locale, x: f64, places: u32) -> String {
    match Decimal::from_f64_retain(x) {
        Some(d) if x.is_finite() => format_decimal(locale, d, places),
        _ => "—".to_owned(),
    }
}

/// The name of an option by id: its label, else (blank) its platform's name in the reader's
/// language, else the id.
pub fn option_label(tr: Tr, state: AppState, id: &str) -> String {
    state
        .with_option(id, |o| option_name(tr, state, o))
        .unwrap_or_else(|| id.to_owned())
}

/// An option's name for a reader: its label, or its platform's name when the label is blank.
pub fn option_name(tr: Tr, state: AppState, option: &OptionSpec) -> String {
    if option.label.trim().is_empty() {
        if let Some(p) = state.catalog.platform(&option.platform) {
            return platform_name(tr, p);
        }
    }
    option.label.clone()
}

/// What an entry swings, named for a reader.
pub fn input_name(tr: Tr, state: AppState, e: &SensitivityEntry) -> String {
    let subject = e.subject.as_deref().unwrap_or_default();
    match e.kind {
        InputKind::PlatformCost => {
            let field = tr.t(&format!("field.{subject}"));
            // Shared by both options (same platform, catalog default): name the platform.
            let owner = match &e.option {
                Some(id) => option_label(tr, state, id),
                None => e
                    .input
                    .strip_prefix("platforms.")
                    .and_then(|rest| rest.split('.').next())
                    .and_then(|pid| state.catalog.platform(pid))
                    .map(|p| platform_name(tr, p))
                    .unwrap_or_default(),
            };
            tr.f("tornado.input.of", &[("field", &field), ("option", &owner)])
        }
        InputKind::Fx => tr.t(&format!("fx.{subject}")),
        InputKind::Users => tr.t("org.users"),
        InputKind::DataSubjects => tr.t("org.data_subjects"),
        InputKind::StaffHourlyRate => tr.t("scenario.hourly_rate"),
        InputKind::Escalation => tr.t("scenario.escalation"),
        InputKind::PerRecordCost => tr.t("method.per_record"),
        InputKind::LossMagnitude => tr.f(
            "tornado.input.loss",
            &[("dimension", &tr.t(&format!("dimension.{subject}")))],
        ),
        InputKind::MeasureEffect => tr.f(
            "tornado.input.effect",
            &[("measure", &tr.t(&format!("measure.{subject}")))],
        ),
    }
}

/// A value of an entry's input with its unit, e.g. `USD 6.40 per user per year`.
pub fn input_value(tr: Tr, e: &SensitivityEntry, x: f64) -> String {
    let l = tr.locale();
    let with = |key: &str, amount: String| tr.f(key, &[("value", &amount)]);
    let mut parts = e.unit.split('/');
    let head = parts.next().unwrap_or_default();
    let rest: Vec<&str> = parts.collect();
    match (head, rest.as_slice()) {
        ("MOP", []) => format_mop_f64(l, x),
        ("MOP", ["year"]) => with("tornado.value.per_year", format_mop_f64(l, x)),
        ("MOP", ["hour"]) => with("tornado.value.per_hour", format_mop_f64(l, x)),
        ("hours", ["year"]) => with("tornado.value.hours_year", fixed(l, x, 1)),
        ("hours", ["user", "year"]) => with("tornado.value.hours_user_year", fixed(l, x, 2)),
        ("hours", ["user"]) => with("tornado.value.hours_user", fixed(l, x, 1)),
        ("users", []) => with("tornado.value.users", format_count(l, x.max(0.0) as u64)),
        ("records", []) => with("tornado.value.records", format_count(l, x.max(0.0) as u64)),
        ("%", []) => format_percent(l, x / 100.0),
        ("multiplier", []) => with("tornado.value.multiplier", fixed(l, x, 2)),
        ("exponent", []) => with("tornado.value.exponent", format_percent(l, x)),
        (currency, ["record"]) => with(
            "tornado.value.per_record",
            format!("{currency} {}", fixed(l, x, 2)),
        ),
        (currency, ["user", "year"]) => with(
            "tornado.value.per_user_year",
            format!("{currency} {}", fixed(l, x, 2)),
        ),
        (currency, ["organisation", "year"]) => with(
            "tornado.value.per_year",
            format!("{currency} {}", fixed(l, x, 2)),
        ),
        _ => match e.unit.strip_prefix("MOP per ") {
            Some(currency) => tr.f(
                "tornado.value.fx",
                &[("value", &fixed(l, x, 4)), ("currency", currency)],
            ),
            None => format!("{} {}", fixed(l, x, 2), e.unit),
        },
    }
}

/// "A stays ahead of B unless <input> falls below / rises above <value>" for an entry with a
/// break-even value (the way the input must move to reach it); `leader`/`other` are the pair's
/// names with the one ahead first.
pub fn flip_sentence(
    tr: Tr,
    state: AppState,
    e: &SensitivityEntry,
    leader: &str,
    other: &str,
) -> Option<String> {
    let x = e.break_even?;
    let key = match e.direction {
        Some(Direction::Below) => "tornado.flips_below",
        _ => "tornado.flips_above",
    };
    Some(tr.f(
        key,
        &[
            ("a", leader),
            ("b", other),
            ("input", &input_name(tr, state, e)),
            ("value", &input_value(tr, e, x)),
        ],
    ))
}
