//! The configuration checklist of one option: the measures, grouped as the article's three-layer
//! defence or as its five-step roadmap, each with its cost and what it changes.
use super::lazy_details::LazyDetails;
use super::{AppState, NumberField, Tr};
use crate::i18n::{format_decimal, format_mop};
use crate::model::cost::measure_cost;
use crate::model::measures::{Measure, MeasureCondition};
use leptos::prelude::*;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

/// How the checklist is grouped.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Grouping {
    DefenceLayers,
    Roadmap,
}

fn condition_key(c: MeasureCondition) -> &'static str {
    match c {
        MeasureCondition::Always => "condition.always",
        MeasureCondition::ProcessorAgreement => "condition.processor_agreement",
        MeasureCondition::DataOutsideMacau => "condition.data_outside_macau",
        MeasureCondition::DataInMainlandGba => "condition.data_in_mainland_gba",
        MeasureCondition::HasLocationTracking => "condition.has_location_tracking",
        MeasureCondition::HasMeetingRecording => "condition.has_meeting_recording",
        MeasureCondition::HasAuditLog => "condition.has_audit_log",
        MeasureCondition::HasRetentionControl => "condition.has_retention_control",
        MeasureCondition::HasAdminConsole => "condition.has_admin_console",
    }
}

#[component]
pub fn MeasureChecklist(option_id: String) -> impl IntoView {
    let state = AppState::use_context();
    let tr = Tr::use_context();
    let grouping = RwSignal::new(Grouping::DefenceLayers);
    let catalog = state.catalog;
    let group_name = format!("{option_id}-grouping");
    let groups = {
        let option_id = option_id.clone();
        move || match grouping.get() {
            Grouping::DefenceLayers => catalog
                .defence_layers
                .iter()
                .map(|layer| {
                    let title_key = format!("layer.{}", layer.id);
                    let desc_key = format!("layer.{}.desc", layer.id);
                    let rows = catalog
                        .measures
                        .iter()
                        .filter(|m| m.defence_layer == layer.id)
                        .map(|m| view! { <MeasureRow option_id=option_id.clone() measure=m /> })
                        .collect_view();
                    view! {
                        <fieldset class="measure-group">
                            <legend>{move || tr.t(&title_key)}</legend>
                            <p class="help">{move || tr.t(&desc_key)}</p>
                            {rows}
                        </fieldset>
                    }
                })
                .collect_view()
                .into_any(),
            Grouping::Roadmap => {
                let steps = catalog
                    .roadmap
                    .iter()
                    .filter_map(|step| catalog.measure(&step.measure).map(|m| (step.step, m)))
                    .map(|(n, m)| {
                        let n = n.to_string();
                        view! {
                            <li>
                                <span class="step-no">{move || tr.f("roadmap.step", &[("n", &n)])}</span>
                                <MeasureRow option_id=option_id.clone() measure=m />
                            </li>
                        }
                    })
                    .collect_view();
                let others = catalog
                    .measures
                    .iter()
                    .filter(|m| m.roadmap_step.is_none())
                    .map(|m| view! { <MeasureRow option_id=option_id.clone() measure=m /> })
                    .collect_view();
                view! {
                    <fieldset class="measure-group">
                        <legend>{move || tr.t("roadmap.title")}</legend>
                        <ol class="roadmap">{steps}</ol>
                    </fieldset>
                    <fieldset class="measure-group">
                        <legend>{move || tr.t("roadmap.others")}</legend>
                        {others}
                    </fieldset>
                }
                .into_any()
            }
        }
    };
    view! {
        <div class="grouping" role="radiogroup" aria-label=move || tr.t("measures.group_by")>
            <span class="help">{move || tr.t("measures.group_by")}</span>
            <label class="check">
                <input type="radio" name=group_name.clone() checked=true
                    on:change=move |_| grouping.set(Grouping::DefenceLayers) />
                {move || tr.t("measures.by_layer")}
            </label>
            <label class="check">
                <input type="radio" name=group_name.clone() on:change=move |_| grouping.set(Grouping::Roadmap) />
                {move || tr.t("measures.by_roadmap")}
            </label>
        </div>
        {groups}
    }
}

#[component]
fn MeasureRow(option_id: String, measure: &'static Measure) -> impl IntoView {
    let state = AppState::use_context();
    let tr = Tr::use_context();
    let mid = measure.id.as_str();
    let dom_id = format!("{option_id}-m-{mid}");
    let checked = {
        let option_id = option_id.clone();
        move || {
            state
                .with_option(&option_id, |o| o.has_measure(mid))
                .unwrap_or(false)
        }
    };
    // The measure of the same exclusive group that ticking this one unticked (e.g. another
    // transfer basis): said next to it, not silently.
    let replaced = RwSignal::new(None::<&'static str>);
    let toggle = {
        let option_id = option_id.clone();
        move |ev| {
            let on = event_target_checked(&ev);
            let catalog = state.catalog;
            let displaced = measure
                .exclusive_group
                .as_ref()
                .filter(|_| on)
                .and_then(|group| {
                    state
                        .with_option(&option_id, |o| {
                            catalog.measures.iter().find(|m| {
                                m.id != measure.id
                                    && m.exclusive_group.as_ref() == Some(group)
                                    && o.has_measure(&m.id)
                            })
                        })
                        .flatten()
                });
            replaced.set(displaced.map(|m| m.id.as_str()));
            state.update_option(&option_id, |o| o.choose_measure(measure, on, catalog));
        }
    };
    let replaced_note = {
        let checked = checked.clone();
        move || {
            let other = replaced.get().filter(|_| checked())?;
            let name = tr.t(&format!("measure.{other}"));
            Some(view! {
                <p class="measure-replaced" role="status" data-testid="measure-replaced">
                    {tr.f("measure.replaced", &[("other", &name)])}
                </p>
            })
        }
    };
    let cost = move || {
        let hourly = state.scenario.with(|s| s.staff_hourly_rate_mop);
        match measure_cost(measure, hourly) {
            Some(c) => tr.f(
                "measure.cost",
                &[
                    ("once", &format_mop(tr.locale(), c.one_off_mop)),
                    ("yearly", &format_mop(tr.locale(), c.per_year_mop)),
                ],
            ),
            None => tr.t("error.overflow"),
        }
    };
    let effects = move || {
        measure
        .effects
        .iter()
        .map(|e| {
            let dim_key = format!("dimension.{}", e.dimension);
            let (rate, magnitude) = (e.rate_factor, e.magnitude_factor);
            let factor = move |f: f64| {
                let d = Decimal::from_f64_retain(f).unwrap_or_default();
                format!("×{}", format_decimal(tr.locale(), d, 2))
            };
            view! {
                <li>{move || tr.f("measure.effect", &[("dimension", &tr.t(&dim_key)), ("rate", &factor(rate)), ("magnitude", &factor(magnitude))])}</li>
            }
        })
        .collect_view()
    };
    // A measure that cannot apply to the platform as it now is: not offered, and why.
    let blocked = {
        let option_id = option_id.clone();
        move || {
            let users = state.scenario.with(|s| s.organisation.users);
            state
                .with_option(&option_id, |o| {
                    o.measure_blocked(measure, state.catalog, users)
                })
                .flatten()
        }
    };
    let not_offered = {
        let blocked = blocked.clone();
        move || {
            blocked().map(|_| {
                view! {
                    <p class="not-applied" data-testid="measure-not-offered">
                        {tr.t("measure.not_offered")}" "{tr.t(condition_key(measure.condition))}
                    </p>
                }
            })
        }
    };
    let days = measure.parameter.as_ref().map(|p| {
        let option_id = option_id.clone();
        let value = Signal::derive({
            let option_id = option_id.clone();
            move || {
                let d = state.with_option(&option_id, |o| o.measure_days(mid))
                    .flatten()
                    .unwrap_or(p.default);
                Decimal::from(d)
            }
        });
        let on_change = Callback::new({
            let option_id = option_id.clone();
            move |v: Decimal| {
                let d = v.to_u32();
                state.update_option(&option_id, |o| o.set_measure_days(mid, d))
            }
        });
        let checked = checked.clone();
        view! {
            <Show when=checked.clone()>
                <NumberField label_key="measure.days" testid="retention-days-input" id=Some(format!("{option_id}-days"))
                    value on_change min=Decimal::from(p.min) max=Decimal::from(p.max) integer=true />
            </Show>
        }
    });
    let name_key = format!("measure.{mid}");
    let why_key = format!("measure.{mid}.why");
    let is_on = checked.clone();
    view! {
        <div class="measure" class:on=is_on class:blocked=move || blocked().is_some() data-measure=mid>
            <label class="check" for=dom_id.clone()>
                <input type="checkbox" id=dom_id.clone() data-testid="measure-checkbox" prop:checked=checked
                    disabled={
                        let blocked = blocked.clone();
                        move || blocked().is_some()
                    }
                    on:change=toggle />
                <span class="measure-name">{move || tr.t(&name_key)}</span>
            </label>
            <p class="measure-cost">{cost}</p>
            <LazyDetails class="measure-why" summary=move || tr.t("measure.why")>
                <p>{
                    let why_key = why_key.clone();
                    move || tr.t(&why_key)
                }</p>
                <ul class="effects">{effects}</ul>
            </LazyDetails>
            {replaced_note}
            {not_offered}
            {days}
        </div>
    }
}
