//! Option cards, 2 to 6: each a platform with its overrides and measures, and its key results.
use super::decision_words::option_name;
use super::field_editor::PlatformFacts;
use super::lazy_details::LazyDetails;
use super::measures::MeasureChecklist;
use super::preset_locale::is_preset_option_label;
use super::{AppState, Tr};
use crate::i18n::{
    format_decimal, format_mop, format_mop_f64, format_percent, Locale, Translations,
};
use crate::model::catalog::Platform;
use crate::model::catalog_text::data_operator_key;
use crate::model::report::OptionReport;
use crate::model::residency::{assess, Coverage, ResidencyAssessment, TransferBasis};
use crate::model::roi::RoiEstimate;
use crate::model::scenario::{OptionSpec, Scenario};
use leptos::prelude::*;
use rust_decimal::Decimal;

/// Moves focus to the first element with this `data-testid` (after the next render).
fn focus_testid(testid: &'static str) {
    request_animation_frame(move || {
        let element = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| {
                d.query_selector(&format!("[data-testid=\"{testid}\"]"))
                    .ok()
                    .flatten()
            })
            .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok());
        if let Some(e) = element {
            let _ = e.focus();
        }
    });
}

/// A platform's name in the reader's language (`platform_name.<id>`), else the catalog's.
pub fn platform_name(tr: Tr, platform: &Platform) -> String {
    Translations::embedded()
        .lookup(tr.locale(), &format!("platform_name.{}", platform.id))
        .unwrap_or(&platform.name)
        .to_owned()
}

/// A plan's name in the reader's language (`plan_name.<platform>.<plan>`), else the catalog's,
/// else its id.
pub fn plan_name(tr: Tr, platform: &str, plan: &str) -> String {
    Translations::embedded()
        .lookup(tr.locale(), &format!("plan_name.{platform}.{plan}"))
        .map(str::to_owned)
        .or_else(|| {
            crate::model::catalog::Catalog::embedded()
                .ok()
                .and_then(|c| c.platform(platform))
                .and_then(|p| p.plan(plan))
                .map(|p| p.name.clone())
        })
        .unwrap_or_else(|| plan.to_owned())
}

/// Every name a platform goes by: the catalog's and each language's.
fn all_platform_names(platform: &Platform) -> impl Iterator<Item = &str> {
    let key = format!("platform_name.{}", platform.id);
    std::iter::once(platform.name.as_str()).chain(
        Locale::ALL
            .into_iter()
            .filter_map(move |l| Translations::embedded().lookup(l, &key)),
    )
}

#[component]
pub fn OptionCards() -> impl IntoView {
    let state = AppState::use_context();
    let tr = Tr::use_context();
    let limits = &state.catalog.limits;
    let ids = move || {
        state
            .scenario
            .with(|s| s.options.iter().map(|o| o.id.clone()).collect::<Vec<_>>())
    };
    let full = move || state.scenario.with(|s| !s.can_add_option(limits));
    let add = move |_| {
        state.update(|s| {
            s.add_option(state.catalog, |p| platform_name(tr, p));
        })
    };
    let at_min = move || state.scenario.with(|s| !s.can_remove_option(limits));
    let (min, max) = (
        limits.options.min.to_string(),
        limits.options.max.to_string(),
    );
    // Why Add (and Duplicate) or Remove is off, in words under the heading.
    let limit_note = move || {
        if full() {
            Some(("option-limit-max", tr.f("option.limit_max", &[("max", &max)])))
        } else if at_min() {
            Some(("option-limit-min", tr.f("option.limit_min", &[("min", &min)])))
        } else {
            None
        }
        .map(|(testid, text)| view! { <p class="help" id="option-limit" data-testid=testid>{text}</p> })
    };
    view! {
        <section class="panel options-panel" aria-labelledby="options-heading">
            <div class="panel-head">
                <h2 id="options-heading">{move || tr.t("section.options")}</h2>
                <button type="button" data-testid="add-option" on:click=add disabled=full
                    aria-describedby=move || full().then_some("option-limit")>
                    {move || tr.t("option.add")}
                </button>
            </div>
            {limit_note}
            <super::StaleResultsNotice />
            <div class="option-cards">
                <For each=ids key=|id| id.clone() let:id>
                    <OptionCard id />
                </For>
            </div>
        </section>
    }
}

#[component]
fn OptionCard(id: String) -> impl IntoView {
    let state = AppState::use_context();
    let tr = Tr::use_context();
    let limits = &state.catalog.limits;
    let full = move || state.scenario.with(|s| !s.can_add_option(limits));
    let at_min = move || state.scenario.with(|s| !s.can_remove_option(limits));
    let label = {
        let id = id.clone();
        move || {
            state
                .with_option(&id, |o| o.label.clone())
                .unwrap_or_default()
        }
    };
    // A blank name: the platform's, as everywhere else.
    let heading = {
        let id = id.clone();
        move || {
            state
                .with_option(&id, |o| option_name(tr, state, o))
                .unwrap_or_default()
        }
    };
    let platform = {
        let id = id.clone();
        move || {
            state
                .with_option(&id, |o| o.platform.clone())
                .unwrap_or_default()
        }
    };
    let remove = {
        let id = id.clone();
        move |_| {
            // The button disappears with its card: keep keyboard focus somewhere sensible.
            focus_testid("add-option");
            let remove = |s: &mut Scenario| {
                s.remove_option(&id, limits);
            };
            if state
                .scenario
                .with_untracked(|s| s.removing_drops_claims(&id, limits))
            {
                // The article check goes with it: say so, with a way back.
                state.update_noting("undo.claim_removed", remove);
            } else {
                state.update(remove);
            }
        }
    };
    let text_max = state.catalog.limits.text_length.max;
    let duplicate = {
        let id = id.clone();
        move |_| {
            let suffix = tr.t("option.copy_suffix");
            state.update(|s| {
                s.duplicate_option(&id, &suffix, limits);
            })
        }
    };
    let on_label = {
        let id = id.clone();
        move |ev| {
            let v = event_target_value(&ev);
            state.update_option(&id, |o| o.label = v);
        }
    };
    let on_platform = {
        let id = id.clone();
        move |ev| {
            let new_platform = event_target_value(&ev);
            let users = state.scenario.with_untracked(|s| s.organisation.users);
            let switch = |o: &mut OptionSpec| {
                // Platform and preset names in any language follow the platform; a typed label stays.
                let option_id = o.id.clone();
                let names = |p: &Platform, label: &str| {
                    all_platform_names(p).any(|n| n == label)
                        || is_preset_option_label(&option_id, label)
                };
                o.switch_platform(
                    &new_platform,
                    state.catalog,
                    names,
                    |p| platform_name(tr, p),
                    users,
                );
            };
            let had_edits = state.with_option(&id, |o| {
                let mut switched = o.clone();
                switch(&mut switched);
                // Edited facts, or measures that cannot apply to the new platform, are lost.
                !o.overrides.is_empty() || switched.measures.len() != o.measures.len()
            });
            // Every switch can be undone (it clears "already in use" and may rename); the
            // notice says more when edited facts are thrown away.
            let note = if had_edits == Some(true) {
                "undo.platform_reset"
            } else {
                "undo.platform_switched"
            };
            state.update_noting(note, |s| {
                s.edit_option(&id, switch);
            });
        }
    };
    let mode = use_context::<super::PageMode>().unwrap_or_default();
    let spotlight = use_context::<super::Spotlight>();
    // Presenter mode: one option in the spotlight, the others dimmed ("s" switches).
    let spotlit = {
        let id = id.clone();
        move || {
            let index = state
                .scenario
                .with(|s| s.options.iter().position(|o| o.id == id));
            mode.present && spotlight.map(|s| s.0.get()) == index
        }
    };
    let dimmed = {
        let spotlit = spotlit.clone();
        move || mode.present && !spotlit()
    };
    let label_id = format!("{id}-label");
    let platform_id = format!("{id}-platform");
    let heading_id = format!("{id}-heading");
    let labelledby = heading_id.clone();
    let platforms = state.catalog.platforms.clone();
    view! {
        <article class="option-card" data-testid="option-card" aria-labelledby=labelledby
            class:spotlight=spotlit class:dimmed=dimmed>
            <h3 id=heading_id class="option-title">{heading}</h3>
            <div class="field-row tight">
                <div class="field">
                    <label for=label_id.clone()>{move || tr.t("option.label")}</label>
                    <input id=label_id type="text" data-testid="option-label" maxlength=text_max.to_string()
                        prop:value=label on:input=on_label />
                </div>
                <div class="field">
                    <label for=platform_id.clone()>{move || tr.t("option.platform")}</label>
                    <select id=platform_id data-testid="platform-select" on:change=on_platform>
                        {platforms.into_iter().map(|p| {
                            let pid = p.id.clone();
                            let pid_value = p.id.clone();
                            let selected = {
                                let platform = platform.clone();
                                move || platform() == pid
                            };
                            let name = move || platform_name(tr, &p);
                            view! { <option value=pid_value selected=selected>{name}</option> }
                        }).collect_view()}
                    </select>
                </div>
            </div>
            <PlanPicker id=id.clone() />
            <label class="check incumbent">
                <input type="checkbox" data-testid="incumbent-checkbox"
                    prop:checked={
                        let id = id.clone();
                        move || state.with_option(&id, |o| o.incumbent).unwrap_or(false)
                    }
                    on:change={
                        let id = id.clone();
                        move |ev| {
                            let on = event_target_checked(&ev);
                            state.update_option(&id, |o| o.incumbent = on);
                        }
                    } />
                {move || tr.t("option.incumbent")}
            </label>
            <div class="card-actions">
                <button type="button" data-testid="duplicate-option" on:click=duplicate disabled=full
                    aria-describedby=move || full().then_some("option-limit")>
                    {move || tr.t("option.duplicate")}
                </button>
                <button type="button" data-testid="remove-option" on:click=remove disabled=at_min
                    aria-describedby=move || at_min().then_some("option-limit")>
                    {move || tr.t("option.remove")}
                </button>
            </div>
            <KeyResults id=id.clone() />
            <super::best_config::BestConfig id=id.clone() />
            <ResidencyBadge id=id.clone() />
            <details class="measures" open=true>
                <summary>{move || tr.t("option.measures")}</summary>
                <MeasureChecklist option_id=id.clone() />
            </details>
            <LazyDetails class="facts" summary=move || tr.t("option.facts")>
                <PlatformFacts option_id=id.clone() />
            </LazyDetails>
        </article>
    }
}

/// The plan (edition) an option is priced on, where its platform sells several: "automatic" (the
/// first plan sold for the headcount) or one the reader names; plans too small for the
/// headcount cannot be named. Below, the plan in use, why (when the model moved it), and what it
/// lacks.
#[component]
fn PlanPicker(id: String) -> impl IntoView {
    let state = AppState::use_context();
    let tr = Tr::use_context();
    let platform = {
        let id = id.clone();
        move || {
            state
                .with_option(&id, |o| o.platform.clone())
                .unwrap_or_default()
        }
    };
    let pinned = {
        let id = id.clone();
        move || state.with_option(&id, |o| o.plan.clone()).flatten()
    };
    let users = move || state.scenario.with(|s| s.organisation.users);
    let on_change = {
        let id = id.clone();
        move |ev| {
            let value = event_target_value(&ev);
            let plan = (!value.is_empty()).then_some(value);
            let users = state.scenario.with_untracked(|s| s.organisation.users);
            let drops = state.with_option(&id, |o| {
                let mut changed = o.clone();
                !changed
                    .set_plan(plan.clone(), state.catalog, users)
                    .is_empty()
            });
            let set = |o: &mut OptionSpec| {
                o.set_plan(plan, state.catalog, users);
            };
            if drops == Some(true) {
                // A measure the new plan cannot carry went: say so, with a way back.
                state.update_noting("undo.plan_measures_dropped", |s| {
                    s.edit_option(&id, set);
                });
            } else {
                state.update_option(&id, set);
            }
        }
    };
    let select_id = format!("{id}-plan");
    let status = {
        let id = id.clone();
        move || {
            state
                .option_result(&id, |o| (o.platform.clone(), o.plan.clone()))
                .and_then(|(platform, plan)| plan.map(|p| (platform, p)))
                .map(|(platform, p)| {
                    let l = tr.locale();
                    let name = plan_name(tr, &platform, &p.id);
                    let used = match p.max_users {
                        Some(cap) => tr.f(
                            "plan.used_capped",
                            &[
                                ("plan", &name),
                                ("cap", &crate::i18n::format_count(l, u64::from(cap))),
                            ],
                        ),
                        None => tr.f("plan.used", &[("plan", &name)]),
                    };
                    let moved = p.moved_from.as_ref().map(|from| {
                        let cap = state
                            .catalog
                            .platform(&platform)
                            .and_then(|pl| pl.plan(from))
                            .and_then(|pl| pl.cap())
                            .unwrap_or(0);
                        tr.f(
                            "plan.moved",
                            &[
                                ("from", &plan_name(tr, &platform, from)),
                                ("cap", &crate::i18n::format_count(l, u64::from(cap))),
                                ("users", &crate::i18n::format_count(l, u64::from(users()))),
                                ("plan", &name),
                            ],
                        )
                    });
                    let lacks = p
                        .lacks
                        .iter()
                        .map(|k| tr.t(&format!("plan.lacks.{k}")))
                        .collect::<Vec<_>>();
                    view! {
                        <p class="help plan-status" data-testid="plan-status">
                            <span data-testid="plan-used">{used}</span>
                            {moved.map(|m| view! { " " <span data-testid="plan-moved">{m}</span> })}
                        </p>
                        {(!lacks.is_empty()).then(|| view! {
                            <ul class="plan-lacks" data-testid="plan-lacks">
                                {lacks.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}
                            </ul>
                        })}
                    }
                })
        }
    };
    move || {
        let platform_id = platform();
        let plans = state
            .catalog
            .platform(&platform_id)
            .map(|p| p.plans.clone())
            .unwrap_or_default();
        (!plans.is_empty()).then(|| {
            let pinned = pinned.clone();
            let auto_selected = {
                let pinned = pinned.clone();
                move || pinned().is_none()
            };
            let options = plans
                .into_iter()
                .map(|plan| {
                    let l = tr.locale();
                    let cap = plan.cap();
                    let name = plan_name(tr, &platform_id, &plan.id);
                    let text = match cap {
                        Some(cap) => tr.f(
                            "plan.option_capped",
                            &[("plan", &name), ("cap", &crate::i18n::format_count(l, u64::from(cap)))],
                        ),
                        None => name,
                    };
                    let too_small = move || cap.is_some_and(|c| users() > c);
                    let selected = {
                        let pinned = pinned.clone();
                        let pid = plan.id.clone();
                        move || pinned().as_deref() == Some(pid.as_str())
                    };
                    view! { <option value=plan.id.clone() selected=selected disabled=too_small>{text}</option> }
                })
                .collect_view();
            view! {
                <div class="field plan-field">
                    <label for=select_id.clone()>{move || tr.t("option.plan")}</label>
                    <select id=select_id.clone() data-testid="plan-select" on:change=on_change.clone()>
                        <option value="" selected=auto_selected>{move || tr.t("plan.automatic")}</option>
                        {options}
                    </select>
                    {status.clone()}
                </div>
            }
        })
    }
}

/// Cost, risk-adjusted total, ROI of one option.
#[component]
fn KeyResults(id: String) -> impl IntoView {
    let state = AppState::use_context();
    let tr = Tr::use_context();
    let years = move || state.scenario.with(|s| s.horizon_years).to_string();
    let total = {
        let id = id.clone();
        move || {
            state
                .option_result(&id, |o| format_mop(tr.locale(), o.cost.total_mop))
                .unwrap_or_else(|| "—".into())
        }
    };
    let categories = {
        let id = id.clone();
        move || {
            state.option_result(&id, |o| {
                let c = o.cost.by_category;
                [
                    ("cat.licence", c.licence),
                    ("cat.hosting_and_administration", c.hosting_and_administration),
                    ("cat.support", c.support),
                    ("cat.migration_and_training", c.migration_and_training),
                    ("cat.compliance_measures", c.compliance_measures),
                ]
                .into_iter()
                // A zero line (no support contract, no migration for the platform in use) is left
                // out of the printed report, which has a page budget.
                .map(|(k, v)| view! { <tr class:zero=v.is_zero()><th scope="row">{tr.t(k)}</th><td class="num">{format_mop(tr.locale(), v)}</td></tr> })
                .collect_view()
            })
        }
    };
    let by_year = {
        let id = id.clone();
        move || {
            state.option_result(&id, |o| {
                o.cost
                    .by_year
                    .iter()
                    .map(|y| {
                        let label = tr.f("result.year", &[("n", &y.year.to_string())]);
                        view! { <tr><th scope="row">{label}</th><td class="num">{format_mop(tr.locale(), y.total_mop)}</td></tr> }
                    })
                    .collect_view()
            })
        }
    };
    // Simulation figures: from the last finished run (shown while a new one runs).
    let sim = {
        let id = id.clone();
        move || {
            state.simulation.with(|s| {
                s.report
                    .as_ref()
                    .and_then(|r| r.options.iter().find(|o| o.id == id).cloned())
            })
        }
    };
    let eal = {
        let id = id.clone();
        move || {
            state.option_result(&id, |o| {
                format_mop_f64(tr.locale(), o.risk.expected_annual_loss_mop)
            })
        }
    };
    let risk_adjusted = {
        let sim = sim.clone();
        move || sim().map(|o| format_mop_f64(tr.locale(), o.simulation.risk_adjusted.mean_mop))
    };
    let p90 = {
        let sim = sim.clone();
        move || sim().map(|o| format_mop_f64(tr.locale(), o.simulation.risk_adjusted.p90_mop))
    };
    // P90 below the mean is right for rare, heavy losses, but looks like a mistake: say why.
    let p90_below_mean = {
        let sim = sim.clone();
        move || {
            sim().is_some_and(|o| {
                let r = &o.simulation.risk_adjusted;
                r.p90_mop < r.mean_mop
            })
        }
    };
    let expected_total = {
        let id = id.clone();
        move || {
            state
                .option_result(&id, |o| {
                    format_mop_f64(tr.locale(), o.risk_adjusted_total_expected_mop)
                })
                .unwrap_or_else(|| "—".into())
        }
    };
    let contributions_open = RwSignal::new(false);
    let roi = {
        let id = id.clone();
        move || {
            let estimate = state.option_result(&id, |o| o.roi.clone())?;
            let sim = Signal::derive(sim.clone());
            Some(view! { <RoiFigures estimate sim contributions_open /> })
        }
    };
    view! {
        <div class="key-results">
            <p class="total expected">
                <span class="total-label">{move || tr.t("result.risk_adjusted_expected")}</span>
                <strong class="total-value" data-testid="risk-adjusted-total">{expected_total}</strong>
            </p>
            <p class="total">
                <span class="total-label">{move || tr.f("result.total_cost", &[("years", &years())])}</span>
                <strong class="total-value" data-testid="total-cost">{total}</strong>
            </p>
            <dl class="risk-figures">
                <dt>{move || tr.t("result.eal")}</dt>
                <dd data-testid="option-eal">{eal}</dd>
                <dt>{move || tr.t("result.risk_adjusted")}</dt>
                <dd data-testid="risk-adjusted">{move || risk_adjusted().unwrap_or_else(|| "…".into())}</dd>
                <dt>{move || tr.t("result.p90")}</dt>
                <dd data-testid="risk-adjusted-p90">{move || p90().unwrap_or_else(|| "…".into())}</dd>
            </dl>
            <p class="help sim-mean-help" data-testid="sim-mean-help">{move || tr.t("result.risk_adjusted.help")}</p>
            {move || p90_below_mean().then(|| view! { <p class="help p90-note">{tr.t("result.p90_below_mean")}</p> })}
            {roi}
            <LazyDetails class="cost-breakdown" summary=move || tr.t("result.breakdown")>
                <table class="mini">
                    <caption class="sr-only">{move || tr.t("result.by_category")}</caption>
                    <tbody>{categories.clone()}</tbody>
                </table>
                <table class="mini by-year">
                    <caption class="sr-only">{move || tr.t("result.by_year")}</caption>
                    <tbody>{by_year.clone()}</tbody>
                </table>
            </LazyDetails>
        </div>
    }
}

/// The compliance ROI of one option: exact expected figures at once, the simulated spread
/// (90 % interval of the net benefit, P(pays off)) when the simulation has run.
#[component]
fn RoiFigures(
    estimate: RoiEstimate,
    sim: Signal<Option<OptionReport>>,
    /// Whether the contribution list is open: kept by the card, since these figures are rebuilt
    /// on every change (the list would otherwise fold shut under the reader).
    contributions_open: RwSignal<bool>,
) -> impl IntoView {
    let tr = Tr::use_context();
    if !estimate.has_measures {
        return view! { <p class="roi muted">{move || tr.t("result.no_measures")}</p> }.into_any();
    }
    let l = tr.locale();
    let score = format_decimal(
        l,
        Decimal::from_f64_retain(estimate.score).unwrap_or_default(),
        1,
    );
    let rosi = match estimate.rosi {
        Some(r) => format_percent(l, r),
        None => tr.t("result.rosi_free"),
    };
    let payback = match estimate.payback_year {
        Some(y) => tr.f("result.payback_year", &[("n", &y.to_string())]),
        None => tr.t("result.no_payback"),
    };
    let spread = move || {
        sim.get().map(|o| {
            let r = o.compliance_roi;
            (
                tr.f(
                    "result.net_benefit_interval",
                    &[
                        ("low", &format_mop_f64(l, r.net_benefit_p5_mop)),
                        ("high", &format_mop_f64(l, r.net_benefit_p95_mop)),
                    ],
                ),
                format_percent(l, r.p_positive),
            )
        })
    };
    let interval = move || spread().map(|s| s.0).unwrap_or_else(|| "…".into());
    let p_positive = move || spread().map(|s| s.1).unwrap_or_else(|| "…".into());
    let contributions = estimate
        .contributions
        .iter()
        .map(|c| {
            let name = tr.t(&format!("measure.{}", c.measure));
            let detail = tr.f(
                "result.contribution_avoided",
                &[
                    ("avoided", &format_mop_f64(l, c.loss_avoided_mop)),
                    ("cost", &format_mop_f64(l, c.cost_mop)),
                ],
            );
            let tone = if c.net_benefit_mop >= 0.0 { "gain" } else { "loss" };
            view! {
                <li data-testid="measure-contribution" data-measure=c.measure.clone()>
                    <span class="contribution-name">{name}</span>
                    <strong class=format!("num {tone}")>{format_mop_f64(l, c.net_benefit_mop)}</strong>
                    <span class="help">{detail}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <dl class="roi">
            <dt>{tr.t("result.net_benefit")}</dt>
            <dd>
                <strong data-testid="net-benefit">{format_mop_f64(l, estimate.expected_net_benefit_mop)}</strong>
                <span class="help" data-testid="net-benefit-interval">" ("{interval}")"</span>
            </dd>
            <dt>{tr.t("result.rosi")}</dt>
            <dd data-testid="rosi">{rosi}</dd>
            <dt>{tr.t("result.roi_score")}</dt>
            <dd><strong data-testid="roi-score">{score}</strong>" / 100"</dd>
            <dt>{tr.t("result.p_pays_off")}</dt>
            <dd data-testid="p-pays-off">{p_positive}</dd>
            <dt>{tr.t("result.payback")}</dt>
            <dd>{payback}</dd>
            <dt>{tr.t("result.loss_avoided")}</dt>
            <dd>{format_mop_f64(l, estimate.expected_loss_avoided_mop)}</dd>
        </dl>
        <p class="help roi-help">{tr.t("result.p_pays_off_help")}</p>
        <details class="contributions" open=contributions_open.get_untracked()
            on:toggle=move |ev| contributions_open.set(event_target::<web_sys::Element>(&ev).has_attribute("open"))>
            <summary>{tr.t("result.contributions")}</summary>
            <ul class="contribution-list">{contributions}</ul>
        </details>
    }
    .into_any()
}

fn residency_text(tr: Tr, a: &ResidencyAssessment) -> (String, &'static str) {
    let location = tr.t(&format!("choice.data_location.{}", a.location));
    let bases = a
        .covering_bases
        .iter()
        .map(|b| {
            tr.t(match b {
                TransferBasis::ConsentAndNotification => "basis.consent_and_notification",
                TransferBasis::Authorisation => "basis.authorisation",
                TransferBasis::GbaStandardContract => "basis.gba_standard_contract",
            })
        })
        .collect::<Vec<_>>()
        .join("; ");
    match a.coverage {
        Coverage::NoTransfer => (tr.t("residency.no_transfer"), "ok"),
        Coverage::Covered => (tr.f("residency.covered", &[("bases", &bases)]), "ok"),
        Coverage::BasisDoesNotCover => (
            tr.f("residency.not_cover", &[("location", &location)]),
            "bad",
        ),
        Coverage::NoBasis => (tr.t("residency.no_basis"), "bad"),
    }
}

/// Where the data rests, which article applies, whether the chosen basis covers it.
#[component]
fn ResidencyBadge(id: String) -> impl IntoView {
    let state = AppState::use_context();
    let tr = Tr::use_context();
    move || {
        let assessment = state
            .with_option(&id, |o| assess(o, state.catalog))
            .and_then(Result::ok);
        assessment.map(|a| {
            let location = tr.t(&format!("choice.data_location.{}", a.location));
            let (text, tone) = residency_text(tr, &a);
            let still_leaves = (!a.still_leaves.is_empty()).then(|| {
                let flows = a
                    .still_leaves
                    .iter()
                    .map(|f| tr.t(&format!("residual.{f}")))
                    .collect::<Vec<_>>()
                    .join("; ");
                view! { <p data-testid="residency-still-leaves">{tr.f("residency.still_leaves", &[("flows", &flows)])}</p> }
            });
            // The catalog's operator is a catalog text; one the user typed shows as typed.
            let operator = a.operator.as_ref().map(|o| {
                state.with_option(&id, |opt| (opt.overrides.get("data_operator").is_none(), opt.platform.clone()))
                    .and_then(|(default, platform)| default.then(|| tr.c(&data_operator_key(&platform), o)))
                    .unwrap_or_else(|| o.clone())
            });
            let rests = match &operator {
                Some(operator) => tr.f("residency.rests", &[("location", &location), ("operator", operator)]),
                None => tr.f("residency.rests_unknown_operator", &[("location", &location)]),
            };
            view! {
                <div class=format!("residency-badge {tone}") data-testid="residency-badge">
                    <span class="badge-icon" aria-hidden="true">{if tone == "ok" { "✓" } else { "!" }}</span>
                    <div>
                        <strong>{rests}</strong>
                        <p>{text}</p>
                        {still_leaves}
                    </div>
                </div>
            }
        })
    }
}
