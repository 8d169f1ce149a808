//! Shown only in print: the report's title, and every assumption changed from the catalog's
//! defaults with the default's source, then where the formulas are.
use super::field_editor::display_value;
use super::{AppState, Tr};
use crate::i18n::format_decimal;
use crate::model::catalog::Sourced;
use crate::model::catalog_text::{source_key, source_parts};
use crate::model::scenario::Scenario;
use leptos::prelude::*;
use rust_decimal::Decimal;

#[component]
pub fn PrintTitle() -> impl IntoView {
    let tr = Tr::use_context();
    view! { <p class="print-only print-title">{move || tr.t("print.title")}</p> }
}

/// `source, as of date`, or `—` for a default without a source; a source's words (`estimate`, a
/// remark after a link) in the reader's language, as on screen.
fn source_text(tr: Tr, source: &str, as_of: &str) -> String {
    if source.is_empty() {
        return "—".to_owned();
    }
    let (url, words) = source_parts(source);
    let words = words.zip(source_key(source)).map(|(w, key)| tr.c(&key, w));
    let shown = match (url, words) {
        (Some(u), Some(w)) => format!("{u} {w}"),
        (Some(u), None) => u.to_owned(),
        (None, Some(w)) => w,
        (None, None) => source.to_owned(),
    };
    format!("{shown}, {}", tr.f("source.as_of", &[("date", as_of)]))
}

/// Scenario-wide values that differ from the catalog's defaults: (label key, value, default, source).
fn scenario_changes(
    tr: Tr,
    s: &Scenario,
    state: AppState,
) -> Vec<(String, String, String, String)> {
    let d = &state.catalog.scenario_defaults;
    let l = tr.locale();
    let number = |v: Decimal| format_decimal(l, v.normalize(), v.normalize().scale());
    let sourced = |key: &str, v: Decimal, def: &Sourced<Decimal>| {
        (v != def.value).then(|| {
            (
                tr.t(key),
                number(v),
                number(def.value),
                source_text(tr, &def.source, &def.as_of),
            )
        })
    };
    let plain = |key: &str, v: Decimal, def: Decimal| {
        (v != def).then(|| (tr.t(key), number(v), number(def), "—".to_owned()))
    };
    [
        sourced("fx.usd", s.fx_to_mop.usd, &d.fx_to_mop.usd),
        sourced("fx.hkd", s.fx_to_mop.hkd, &d.fx_to_mop.hkd),
        sourced("fx.cny", s.fx_to_mop.cny, &d.fx_to_mop.cny),
        sourced(
            "scenario.appetite",
            s.risk_appetite_mop,
            &d.risk_appetite_mop,
        ),
        sourced(
            "scenario.hourly_rate",
            s.staff_hourly_rate_mop,
            &d.staff_hourly_rate_mop,
        ),
        plain("scenario.escalation", s.escalation_pct, d.escalation_pct),
        plain(
            "scenario.discount",
            s.discount_rate_pct,
            d.discount_rate_pct,
        ),
        plain(
            "scenario.horizon",
            Decimal::from(s.horizon_years),
            Decimal::from(d.horizon_years),
        ),
    ]
    .into_iter()
    .flatten()
    .collect()
}

#[component]
pub fn PrintAssumptions() -> impl IntoView {
    let state = AppState::use_context();
    let tr = Tr::use_context();
    let lines = move || {
        state.scenario.with(|s| {
            let mut lines: Vec<String> = Vec::new();
            for o in &s.options {
                let platform = state.catalog.platform(&o.platform);
                for (field, value) in o.overrides.iter() {
                    let default = platform.and_then(|p| p.field(field));
                    let (default_text, source) = match &default {
                        Some(d) => (
                            display_value(tr, field, &d.value),
                            source_text(tr, d.source, d.as_of),
                        ),
                        None => ("—".to_owned(), "—".to_owned()),
                    };
                    lines.push(tr.f(
                        "print.assumption",
                        &[
                            ("option", &o.label),
                            ("field", &tr.t(&format!("field.{field}"))),
                            ("value", &display_value(tr, field, value)),
                            ("default", &default_text),
                            ("source", &source),
                        ],
                    ));
                }
            }
            let whole = tr.t("print.scenario_wide");
            for (field, value, default, source) in scenario_changes(tr, s, state) {
                lines.push(tr.f(
                    "print.assumption",
                    &[
                        ("option", &whole),
                        ("field", &field),
                        ("value", &value),
                        ("default", &default),
                        ("source", &source),
                    ],
                ));
            }
            lines
        })
    };
    view! {
        <section class="print-only print-assumptions" data-testid="print-assumptions">
            <h2>{move || tr.t("print.assumptions")}</h2>
            {move || {
                let lines = lines();
                if lines.is_empty() {
                    view! { <p>{tr.t("print.no_assumptions")}</p> }.into_any()
                } else {
                    view! { <ul>{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul> }.into_any()
                }
            }}
            <p>{move || tr.t("print.methodology")}</p>
        </section>
    }
}
