//! One option's best configuration: the measure set with the lowest expected risk-adjusted total
//! for its platform, the saving against the current set, and one click to apply it (undoable).
//! Computed off the typing path ([`Analyses`]); "searching…" until it belongs to the current inputs.
use super::analyses::Analyses;
use super::{AppState, Tr};
use crate::i18n::format_mop_f64;
use crate::model::decision::BestConfiguration;
use crate::model::scenario::MeasureSelection;
use leptos::prelude::*;

/// A measure as a reader names it, with its retention days if it has them.
fn measure_text(tr: Tr, m: &MeasureSelection) -> String {
    let name = tr.t(&format!("measure.{}", m.id));
    match m.days {
        Some(days) => tr.f(
            "best.measure_days",
            &[("measure", &name), ("days", &days.to_string())],
        ),
        None => name,
    }
}

#[component]
pub fn BestConfig(id: String) -> impl IntoView {
    let state = AppState::use_context();
    let analyses = Analyses::use_context();
    let tr = Tr::use_context();
    let best = {
        let id = id.clone();
        move || {
            analyses
                .current_best(state)
                .map(|all| all.iter().find(|b| b.option == id).cloned())
        }
    };
    let apply = move |b: &BestConfiguration| {
        let (option, measures, plan) = (b.option.clone(), b.measures.clone(), b.plan.clone());
        move |_| {
            let (measures, plan) = (measures.clone(), plan.clone());
            state.update_noting("best.applied", |s| {
                s.edit_option(&option, |o| {
                    if plan.is_some() {
                        o.plan = plan;
                    }
                    o.measures = measures;
                });
            });
        }
    };
    let body = move || match best() {
        None => {
            view! { <p class="help" data-testid="best-config-pending">{tr.t("best.computing")}</p> }
                .into_any()
        }
        Some(None) => ().into_any(),
        Some(Some(b)) if b.is_current => {
            view! { <p data-testid="best-config-current">{tr.t("best.already")}</p> }.into_any()
        }
        Some(Some(b)) => {
            let l = tr.locale();
            let measures = if b.measures.is_empty() {
                view! { <li>{tr.t("best.none")}</li> }.into_any()
            } else {
                b.measures
                    .iter()
                    .map(|m| view! { <li>{measure_text(tr, m)}</li> })
                    .collect_view()
                    .into_any()
            };
            let saving = tr.f(
                "best.saving",
                &[
                    (
                        "total",
                        &format_mop_f64(l, b.risk_adjusted_total_expected_mop),
                    ),
                    ("saving", &format_mop_f64(l, b.saving_mop)),
                ],
            );
            let plan = b.plan.clone().map(|plan| {
                let name = state
                    .with_option(&b.option, |o| o.platform.clone())
                    .map(|platform| crate::ui::option_card::plan_name(tr, &platform, &plan));
                view! { <p data-testid="best-config-plan">{tr.f("best.plan", &[("plan", &name.unwrap_or_default())])}</p> }
            });
            view! {
                <p data-testid="best-config-saving">{saving}</p>
                {plan}
                <ul class="best-measures">{measures}</ul>
                <button type="button" data-testid="apply-best-config" on:click=apply(&b)>{tr.t("best.apply")}</button>
            }
            .into_any()
        }
    };
    view! {
        <div class="best-config" data-testid="best-config">
            <h4>{move || tr.t("best.title")}</h4>
            {body}
        </div>
    }
}
