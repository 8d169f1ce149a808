//! The answer first: which option wins, by how much, how sure, and what would change it.
//! The headline is a compact sticky bar (in view while inputs and measures are edited); the
//! ranking table, the value of certainty and the break-even lines follow it.
use super::analyses::Analyses;
use super::decision_words::{flip_sentence, option_label};
use super::{AppState, InvalidInputs, Tr};
use crate::i18n::{format_mop, format_mop_f64, format_percent};
use crate::model::deterministic::OptionDeterministic;
use crate::model::report::{DeterministicReport, Report};
use leptos::prelude::*;
use std::sync::Arc;

/// How many "what would change the answer" lines the verdict lists.
const FLIP_LINES: usize = 3;

/// Options of the report from the lowest expected risk-adjusted total.
fn ranked(r: &DeterministicReport) -> Vec<&OptionDeterministic> {
    r.ranking()
        .into_iter()
        .filter_map(|id| r.options.iter().find(|o| o.id == id))
        .collect()
}

/// P(best) of option `id` in a finished simulation report.
fn p_best(report: &Report, id: &str) -> Option<f64> {
    report
        .decision
        .p_best
        .iter()
        .find(|p| p.option == id)
        .map(|p| p.p)
}

/// Scrolls the inputs and option details into view, their heading just below the sticky verdict
/// bar (not under it). No URL fragment: the fragment carries share links.
fn jump_to_details() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(document) = window.document() else {
        return;
    };
    let Some(target) = document.get_element_by_id("scenario-heading") else {
        return;
    };
    let bar = document
        .query_selector(".verdict-bar")
        .ok()
        .flatten()
        .map_or(0.0, |b| b.get_bounding_client_rect().height());
    let y = window.scroll_y().unwrap_or(0.0) + target.get_bounding_client_rect().top() - bar - 8.0;
    window.scroll_to_with_x_and_y(0.0, y.max(0.0));
}

#[component]
pub fn Verdict() -> impl IntoView {
    view! {
        <VerdictBar />
        <VerdictDetails />
    }
}

/// The headline sentence: the best option and its margin over the runner-up (tracked).
fn headline_text(state: AppState, tr: Tr) -> Option<String> {
    let r = state.deterministic()?;
    let years = r.horizon_years.to_string();
    let order = ranked(&r);
    let (best, runner) = (order.first()?, order.get(1)?);
    let margin = runner.risk_adjusted_total_expected_mop - best.risk_adjusted_total_expected_mop;
    let names = [
        ("best", best.name.as_str()),
        ("runner", runner.name.as_str()),
        ("years", &years),
    ];
    Some(if margin < 0.5 {
        tr.f("verdict.tie", &names)
    } else {
        let margin = format_mop_f64(tr.locale(), margin);
        tr.f(
            "verdict.best",
            &[names[0], names[1], names[2], ("margin", &margin)],
        )
    })
}

/// The headline for the sticky bar on a phone: the margin first, then the name (which may be cut
/// to fit two lines); the whole sentence is just below it.
fn compact_text(state: AppState, tr: Tr) -> Option<String> {
    let r = state.deterministic()?;
    let order = ranked(&r);
    let (best, runner) = (order.first()?, order.get(1)?);
    let margin = runner.risk_adjusted_total_expected_mop - best.risk_adjusted_total_expected_mop;
    Some(if margin < 0.5 {
        tr.f(
            "verdict.compact_tie",
            &[("best", &best.name), ("runner", &runner.name)],
        )
    } else {
        let margin = format_mop_f64(tr.locale(), margin);
        tr.f(
            "verdict.compact_best",
            &[("best", &best.name), ("margin", &margin)],
        )
    })
}

/// How sure: the best option's P(best), once simulated (tracked). When another option is best
/// in more simulated futures, the sentence says so instead (the two questions differ).
fn sure_text(state: AppState, tr: Tr) -> Option<String> {
    sure(state, tr).map(|(text, _)| text)
}

/// [`sure_text`], with whether it is the "another option is more often best" sentence.
fn sure(state: AppState, tr: Tr) -> Option<(String, bool)> {
    let r = state.deterministic();
    let best = r
        .as_ref()
        .and_then(|r| ranked(r).first().map(|o| (o.id.clone(), o.name.clone())));
    let Some(report) = state.current_report() else {
        return Some((tr.t("verdict.simulating"), false));
    };
    let (id, name) = best?;
    let p = p_best(&report, &id)?;
    let often = report
        .decision
        .p_best
        .iter()
        .filter(|x| x.p > p && x.option != id)
        .max_by(|a, b| a.p.total_cmp(&b.p));
    let l = tr.locale();
    Some(match often {
        Some(o) => {
            let often_name = r
                .as_ref()
                .and_then(|r| r.options.iter().find(|x| x.id == o.option))
                .map_or_else(|| o.option.clone(), |x| x.name.clone());
            (
                tr.f(
                    "verdict.disagree",
                    &[
                        ("best", &name),
                        ("often", &often_name),
                        ("p", &format_percent(l, o.p)),
                    ],
                ),
                true,
            )
        }
        None => (tr.f("verdict.sure", &[("p", &format_percent(l, p))]), false),
    })
}

/// The "how sure" sentence as shown: marked when it says another option is more often best.
fn sure_view(state: AppState, tr: Tr) -> impl IntoView {
    move || {
        sure(state, tr).map(|(text, disagree)| {
            if disagree {
                view! { <span data-testid="verdict-disagree">{text}</span> }.into_any()
            } else {
                text.into_any()
            }
        })
    }
}

/// One sentence: the best option, its margin over the runner-up, and how sure.
#[component]
fn VerdictBar() -> impl IntoView {
    let state = AppState::use_context();
    let tr = Tr::use_context();
    let headline = move || headline_text(state, tr);
    // While an input holds a refused entry (or the model refuses the scenario), the figures are
    // the last valid inputs': say so on the answer itself.
    let invalid = use_context::<InvalidInputs>().map(|c| c.0);
    let stale = move || {
        (invalid.is_some_and(|c| c.get() > 0) || state.model_error().is_some()).then(|| {
            view! { <span class="verdict-stale" data-testid="verdict-stale">{tr.t("verdict.stale")}</span> }
        })
    };
    view! {
        <section class="verdict-bar" data-testid="verdict" aria-labelledby="verdict-heading">
            <h2 id="verdict-heading" class="sr-only">{move || tr.t("verdict.title")}</h2>
            <p class="verdict-headline">
                {stale}
                <strong data-testid="verdict-headline">{headline}</strong>
                " "
                <span class="verdict-sure" data-testid="verdict-sure">{sure_view(state, tr)}</span>
            </p>
            <p class="verdict-compact" aria-hidden="true" data-testid="verdict-compact">
                <strong>{move || compact_text(state, tr)}</strong>
            </p>
            <button type="button" class="link verdict-jump" data-testid="verdict-jump" on:click=move |_| jump_to_details()>
                {move || tr.t("verdict.jump")}
            </button>
        </section>
    }
}

/// The ranking table, what certainty is worth, and what would change the answer.
#[component]
fn VerdictDetails() -> impl IntoView {
    let state = AppState::use_context();
    let tr = Tr::use_context();
    let analyses = Analyses::use_context();
    let years = move || state.scenario.with(|s| s.horizon_years).to_string();
    // The last finished simulation: shown (muted) while a newer one runs.
    let simulated = move || {
        state
            .simulation
            .with(|s| s.report.clone().map(|r| (r, s.running)))
    };
    let rows = move || {
        let r = state.deterministic()?;
        let l = tr.locale();
        let sim: Option<(Arc<Report>, bool)> = simulated();
        Some(
            ranked(&r)
                .into_iter()
                .map(|o| {
                    let simulated_option = sim.as_ref().and_then(|(rep, _)| rep.options.iter().find(|x| x.id == o.id));
                    let p90 = simulated_option
                        .map(|x| format_mop_f64(l, x.simulation.risk_adjusted.p90_mop))
                        .unwrap_or_else(|| "…".into());
                    let p = sim
                        .as_ref()
                        .and_then(|(rep, _)| p_best(rep, &o.id))
                        .map(|p| format_percent(l, p))
                        .unwrap_or_else(|| "…".into());
                    let pending = sim.as_ref().is_none_or(|(_, running)| *running);
                    // Each cell carries its column's name: on a phone the rows are cards and
                    // the header row is hidden (style.css).
                    view! {
                        <tr data-testid="verdict-row">
                            <th scope="row">{o.name.clone()}</th>
                            <td class="num total" data-label=tr.t("verdict.total")><strong>{format_mop_f64(l, o.risk_adjusted_total_expected_mop)}</strong></td>
                            <td class="num" data-label=tr.f("verdict.cost", &[("years", &years())])>{format_mop(l, o.cost.total_mop)}</td>
                            <td class="num" data-label=tr.t("verdict.loss")>{format_mop_f64(l, o.expected_loss_horizon_mop)}</td>
                            <td class="num" class:pending=pending data-label=tr.t("verdict.p90")>{p90}</td>
                            <td class="num p-best" class:pending=pending data-label=tr.t("verdict.p_best") data-testid="verdict-p-best">{p}</td>
                        </tr>
                    }
                })
                .collect_view(),
        )
    };
    let evpi = move || {
        state.current_report().map(|r| {
            let evpi = format_mop_f64(tr.locale(), r.decision.evpi_mop);
            view! { <p class="verdict-evpi" data-testid="verdict-evpi">{tr.f("verdict.evpi", &[("evpi", &evpi)])}</p> }
        })
    };
    let flips = move || {
        let Some(analysis) = analyses.current_leading(state) else {
            return view! { <p class="help" data-testid="verdict-flips-pending">{tr.t("tornado.computing")}</p> }.into_any();
        };
        let leader = option_label(tr, state, &analysis.pair.a);
        let other = option_label(tr, state, &analysis.pair.b);
        let lines: Vec<String> = analysis
            .entries
            .iter()
            .filter_map(|e| flip_sentence(tr, state, e, &leader, &other))
            .take(FLIP_LINES)
            .collect();
        if lines.is_empty() {
            return view! { <p data-testid="verdict-no-flip">{tr.t("tornado.no_flip")}</p> }
                .into_any();
        }
        view! {
            <ul class="verdict-flips" data-testid="verdict-flips">
                {lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <section class="panel verdict-details" data-testid="verdict-details" aria-labelledby="verdict-heading">
            // On a phone the sticky bar shows the headline cut to two lines: here it is whole
            // (hidden elsewhere; screen readers have it from the bar).
            <p class="verdict-full" aria-hidden="true">
                <strong>{move || headline_text(state, tr)}</strong>" "{move || sure_text(state, tr)}
            </p>
            <div class="table-scroll" tabindex="0" role="region" aria-label=move || tr.t("verdict.caption")>
                <table class="verdict-table" data-testid="verdict-table">
                    <caption class="sr-only">{move || tr.t("verdict.caption")}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{move || tr.t("verdict.option")}</th>
                            <th scope="col">{move || tr.t("verdict.total")}</th>
                            <th scope="col">{move || tr.f("verdict.cost", &[("years", &years())])}</th>
                            <th scope="col">{move || tr.t("verdict.loss")}</th>
                            <th scope="col">{move || tr.t("verdict.p90")}</th>
                            <th scope="col" class="p-best">{move || tr.t("verdict.p_best")}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {evpi}
            <div class="verdict-flip">
                <h3>{move || tr.t("verdict.flip")}</h3>
                {flips}
            </div>
        </section>
    }
}
