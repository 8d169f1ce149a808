//! Scenario-wide inputs: the organisation, the economics, and (folded away) the simulation.
use super::lazy_details::LazyDetails;
use super::{AppState, NumberField, Tr};
use crate::model::catalog::{DecimalRange, IntRange};
use crate::model::scenario::Scenario;
use leptos::prelude::*;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

/// A whole-number input bound to one integer field of the scenario.
#[component]
fn CountField(
    label_key: &'static str,
    testid: &'static str,
    range: IntRange,
    get: fn(&Scenario) -> u64,
    set: fn(&mut Scenario, u64),
    #[prop(optional)] help_key: Option<&'static str>,
) -> impl IntoView {
    let state = AppState::use_context();
    let value = Signal::derive(move || Decimal::from(state.scenario.with(get)));
    let on_change = Callback::new(move |v: Decimal| {
        if let Some(n) = v.to_u64() {
            state.update(|s| set(s, n));
        }
    });
    view! {
        <NumberField label_key testid value on_change min=Decimal::from(range.min) max=Decimal::from(range.max)
            integer=true help_key=help_key />
    }
}

/// A decimal input bound to one decimal field of the scenario.
#[component]
fn AmountField(
    label_key: &'static str,
    testid: &'static str,
    range: DecimalRange,
    get: fn(&Scenario) -> Decimal,
    set: fn(&mut Scenario, Decimal),
    #[prop(optional, into)] unit: Option<String>,
    #[prop(optional)] help_key: Option<&'static str>,
) -> impl IntoView {
    let state = AppState::use_context();
    let value = Signal::derive(move || state.scenario.with(get));
    let on_change = Callback::new(move |v: Decimal| state.update(|s| set(s, v)));
    view! {
        <NumberField label_key testid value on_change min=range.min max=range.max
            unit=unit.map(|u| Signal::derive(move || u.clone())) help_key=help_key />
    }
}

#[component]
pub fn ScenarioInputs() -> impl IntoView {
    let state = AppState::use_context();
    let tr = Tr::use_context();
    let limits = &state.catalog.limits;
    let sectors = state.catalog.sectors.clone();
    view! {
        <section class="panel scenario-inputs" aria-labelledby="scenario-heading">
            <h2 id="scenario-heading">{move || tr.t("section.organisation")}</h2>
            <div class="field-row">
                <div class="field scenario-name">
                    <label for="scenario-name">{move || tr.t("org.name")}</label>
                    <input id="scenario-name" type="text" data-testid="scenario-name"
                        maxlength=state.catalog.limits.text_length.max.to_string()
                        prop:value=move || state.scenario.with(|s| s.name.clone())
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            state.update(|s| s.name = v);
                        } />
                </div>
                <CountField label_key="org.users" testid="users-input" range=limits.users
                    get=|s| u64::from(s.organisation.users)
                    set=|s, v| s.organisation.users = u32::try_from(v).unwrap_or(u32::MAX) />
                <CountField label_key="org.data_subjects" testid="data-subjects-input" range=limits.data_subjects
                    get=|s| s.organisation.data_subjects set=|s, v| s.organisation.data_subjects = v
                    help_key="org.data_subjects.help" />
                <div class="field">
                    <label for="sector-select">{move || tr.t("org.sector")}</label>
                    <select id="sector-select" data-testid="sector-select"
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            state.update(|s| s.organisation.sector = v);
                        }>
                        {sectors.into_iter().map(|sector| {
                            let id = sector.id.clone();
                            let key = format!("sector.{}", sector.id);
                            let selected = move || state.scenario.with(|s| s.organisation.sector == id);
                            view! { <option value=sector.id.clone() selected=selected>{move || tr.t(&key)}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <CountField label_key="scenario.horizon" testid="horizon-input" range=limits.horizon_years
                    get=|s| u64::from(s.horizon_years)
                    set=|s, v| s.horizon_years = u32::try_from(v).unwrap_or(u32::MAX) />
                <AmountField label_key="scenario.appetite" testid="appetite-input" range=limits.risk_appetite_mop
                    get=|s| s.risk_appetite_mop set=|s, v| s.risk_appetite_mop = v unit="MOP"
                    help_key="scenario.appetite.help" />
            </div>
            <LazyDetails class="economics" summary=move || tr.t("section.economics")>
                <div class="field-row">
                    <AmountField label_key="fx.usd" testid="fx-usd-input" range=limits.fx_to_mop
                        get=|s| s.fx_to_mop.usd set=|s, v| s.fx_to_mop.usd = v />
                    <AmountField label_key="fx.hkd" testid="fx-hkd-input" range=limits.fx_to_mop
                        get=|s| s.fx_to_mop.hkd set=|s, v| s.fx_to_mop.hkd = v />
                    <AmountField label_key="fx.cny" testid="fx-cny-input" range=limits.fx_to_mop
                        get=|s| s.fx_to_mop.cny set=|s, v| s.fx_to_mop.cny = v />
                    <AmountField label_key="scenario.escalation" testid="escalation-input" range=limits.escalation_pct
                        get=|s| s.escalation_pct set=|s, v| s.escalation_pct = v unit="%" />
                    <AmountField label_key="scenario.discount" testid="discount-input" range=limits.discount_rate_pct
                        get=|s| s.discount_rate_pct set=|s, v| s.discount_rate_pct = v unit="%" />
                    <AmountField label_key="scenario.hourly_rate" testid="hourly-rate-input" range=limits.staff_hourly_rate_mop
                        get=|s| s.staff_hourly_rate_mop set=|s, v| s.staff_hourly_rate_mop = v unit="MOP/h" />
                </div>
                <p class="help">{move || tr.t("section.economics.help")}</p>
            </LazyDetails>
            <LazyDetails class="advanced" summary=move || tr.t("section.simulation")>
                <div class="field-row">
                    <CountField label_key="sim.trials" testid="trials-input" range=limits.trials
                        get=|s| u64::from(s.simulation.trials)
                        set=|s, v| s.simulation.trials = u32::try_from(v).unwrap_or(u32::MAX) />
                    <CountField label_key="sim.seed" testid="seed-input"
                        range=IntRange { min: 0, max: u64::from(u32::MAX) }
                        get=|s| u64::from(s.simulation.seed)
                        set=|s, v| s.simulation.seed = u32::try_from(v).unwrap_or(u32::MAX) />
                </div>
                <p class="help">{move || tr.t("section.simulation.help")}</p>
            </LazyDetails>
        </section>
    }
}
