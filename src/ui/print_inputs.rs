//! Shown only in print: the organisation and the rates the report's figures rest on (the inputs
//! form itself is not printed).
use super::{AppState, Tr};
use crate::i18n::{format_count, format_decimal, format_mop};
use leptos::prelude::*;
use rust_decimal::Decimal;

#[component]
pub fn PrintOrganisation() -> impl IntoView {
    let state = AppState::use_context();
    let tr = Tr::use_context();
    let items = move || {
        let l = tr.locale();
        let number = |v: Decimal| format_decimal(l, v.normalize(), v.normalize().scale());
        let percent = |v: Decimal| format!("{} %", number(v));
        state.scenario.with(|s| {
            let o = &s.organisation;
            vec![
                ("org.users", format_count(l, u64::from(o.users))),
                ("org.data_subjects", format_count(l, o.data_subjects)),
                ("org.sector", tr.t(&format!("sector.{}", o.sector))),
                ("scenario.horizon", s.horizon_years.to_string()),
                ("scenario.appetite", format_mop(l, s.risk_appetite_mop)),
                ("scenario.escalation", percent(s.escalation_pct)),
                ("scenario.discount", percent(s.discount_rate_pct)),
                (
                    "scenario.hourly_rate",
                    format_mop(l, s.staff_hourly_rate_mop),
                ),
                ("fx.usd", number(s.fx_to_mop.usd)),
                ("fx.hkd", number(s.fx_to_mop.hkd)),
                ("fx.cny", number(s.fx_to_mop.cny)),
            ]
        })
    };
    view! {
        <section class="print-only print-organisation" data-testid="print-organisation">
            <h2>{move || tr.t("print.organisation")}</h2>
            <p>
                {move || items().into_iter().enumerate().map(|(i, (key, value))| view! {
                    {(i > 0).then_some(" · ")}
                    <span data-testid=format!("print-{}", key.replace('.', "-"))>{tr.t(key)}": "<strong>{value}</strong></span>
                }).collect_view()}
            </p>
        </section>
    }
}
