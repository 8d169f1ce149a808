//! The action plan of the leading option, or of the one the reader picks: the model's steps
//! (`model::action_plan`) with their legal basis in the reader's language, the ledger's costs,
//! when and who; downloads as CSV and as an iCalendar file. Printed compactly with the report.
use super::share_panel::{download, file_stem};
use super::{AppState, Tr};
use crate::i18n::{format_mop, Locale};
use crate::model::action_plan::{plan_csv, plan_ics, CivilDate, Law, LegalRef, PlanStep};
use crate::model::export::UTF8_BOM;
use leptos::prelude::*;

/// Ids of the plan's own steps (the others are catalog measures, titled `measure.<id>`).
const DUTY_STEPS: [&str; 6] = [
    "notify_dspdp",
    "choose_transfer_basis",
    "sign_dpa",
    "cybersecurity_readiness",
    "set_up_platform",
    "migrate_and_train",
];

/// A step's title in the reader's language.
fn step_title(tr: Tr, step: &PlanStep) -> String {
    if DUTY_STEPS.contains(&step.id.as_str()) {
        tr.t(&format!("plan.step.{}", step.id))
    } else {
        tr.t(&format!("measure.{}", step.id))
    }
}

/// One article as each language writes it: "20(1)" is "第20條第1款" and "n.º 1 do artigo 20.º";
/// the plan's ranges are two articles ("15–16"), written as the glossary wants ("第15條及第16條").
fn article(locale: Locale, a: &str) -> String {
    let (main, sub) = match a.split_once('(') {
        Some((m, s)) => (m, Some(s.trim_end_matches(')'))),
        None => (a, None),
    };
    match (locale, main.split_once('–'), sub) {
        (Locale::En, _, _) => a.to_owned(),
        (Locale::ZhHant, Some((x, y)), _) => format!("第{x}條及第{y}條"),
        (Locale::ZhHant, None, Some(s)) => format!("第{main}條第{s}款"),
        (Locale::ZhHant, None, None) => format!("第{main}條"),
        (Locale::Pt, Some((x, y)), _) => format!("artigos {x}.º e {y}.º"),
        (Locale::Pt, None, Some(s)) => format!("n.º {s} do artigo {main}.º"),
        (Locale::Pt, None, None) => format!("artigo {main}.º"),
    }
}

/// A legal reference in the reader's language (the model's English form in English).
fn legal_text(tr: Tr, r: &LegalRef) -> String {
    let locale = tr.locale();
    if locale == Locale::En {
        return r.english();
    }
    let law = tr.t(match r.law {
        Law::Law8Of2005 => "plan.law.law_8_2005",
        Law::Law13Of2019 => "plan.law.law_13_2019",
        Law::GbaStandardContract => "plan.law.gba_contract",
    });
    match r.articles {
        None => law,
        Some(list) => {
            let parts: Vec<String> = list.split(", ").map(|a| article(locale, a)).collect();
            let sep = if locale == Locale::ZhHant {
                "、"
            } else {
                "; "
            };
            let joined = parts.join(sep);
            if locale == Locale::ZhHant {
                format!("{law}{joined}")
            } else {
                format!("{law}, {joined}")
            }
        }
    }
}

fn legal_line(tr: Tr, step: &PlanStep) -> String {
    step.legal
        .iter()
        .map(|r| legal_text(tr, r))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// Today in the reader's time zone (the calendar's dates are relative to it).
fn today() -> CivilDate {
    let d = js_sys::Date::new_0();
    CivilDate {
        year: d.get_full_year() as i32,
        month: d.get_month() + 1,
        day: d.get_date(),
    }
}

#[component]
pub fn ActionPlanSection() -> impl IntoView {
    let state = AppState::use_context();
    let tr = Tr::use_context();
    // The option the reader picked; `None` follows the leading option as the ranking moves.
    let picked = RwSignal::new(None::<String>);
    let chosen = move || {
        let report = state.deterministic()?;
        let leading = report.ranking().first().map(|s| (*s).to_owned());
        let id = picked
            .get()
            .filter(|p| report.options.iter().any(|o| &o.id == p))
            .or(leading)?;
        let option = report.options.iter().find(|o| o.id == id)?;
        Some((option.name.clone(), option.action_plan.clone()))
    };
    let options = move || {
        state.deterministic().map(|r| {
            let leading = r.ranking().first().map(|s| (*s).to_owned());
            r.options
                .iter()
                .map(|o| {
                    let label = if Some(&o.id) == leading.as_ref() {
                        tr.f("plan.leading_option", &[("option", &o.name)])
                    } else {
                        o.name.clone()
                    };
                    let id = o.id.clone();
                    let selected = {
                        let id = id.clone();
                        move || chosen().is_some_and(|(_, p)| p.option == id)
                    };
                    view! { <option value=id selected=selected>{label}</option> }
                })
                .collect_view()
        })
    };
    let steps = move || {
        chosen().map(|(_, plan)| {
            let l = tr.locale();
            plan.steps
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    let alternatives = (!s.alternatives.is_empty()).then(|| {
                        let list = s
                            .alternatives
                            .iter()
                            .map(|a| {
                                tr.f(
                                    "plan.alternative",
                                    &[
                                        ("measure", &tr.t(&format!("measure.{}", a.measure))),
                                        ("one_off", &format_mop(l, a.one_off_mop)),
                                        ("yearly", &format_mop(l, a.yearly_mop)),
                                    ],
                                )
                            })
                            .collect::<Vec<_>>()
                            .join("; ");
                        view! { <div class="plan-alternatives help">{tr.f("plan.alternatives", &[("list", &list)])}</div> }
                    });
                    view! {
                        <tr data-testid="plan-step" data-step=s.id.clone()
                            data-one-off=s.one_off_mop.to_string() data-yearly=s.yearly_mop.to_string()
                            class=if s.required { "plan-step required" } else { "plan-step" }>
                            <td class="num">{i + 1}</td>
                            <th scope="row">
                                {step_title(tr, s)}
                                {s.required.then(|| view! { " " <span class="plan-required">{tr.t("plan.required")}</span> })}
                                {alternatives}
                            </th>
                            <td>{legal_line(tr, s)}</td>
                            <td class="num">{format_mop(l, s.one_off_mop)}</td>
                            <td class="num">{format_mop(l, s.yearly_mop)}</td>
                            <td>{tr.t(&format!("plan.when.{}", s.when.code()))}</td>
                            <td>{tr.t(&format!("plan.role.{}", s.role.code()))}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    let totals = move || {
        chosen().map(|(_, plan)| {
            let l = tr.locale();
            view! {
                <tr class="plan-total">
                    <td></td>
                    <th scope="row">{tr.t("plan.total")}</th>
                    <td></td>
                    <td class="num" data-testid="plan-one-off-total">{format_mop(l, plan.one_off_total_mop)}</td>
                    <td class="num" data-testid="plan-yearly-total">{format_mop(l, plan.yearly_total_mop)}</td>
                    <td></td>
                    <td></td>
                </tr>
            }
        })
    };
    let stem = move || file_stem(&state.scenario.with(|s| s.name.clone()));
    let export_csv = move |_| {
        if let Some((_, plan)) = chosen() {
            let csv = plan_csv(&plan, |s| step_title(tr, s));
            let name = format!("{}-plan-{}.csv", stem(), plan.option);
            if download(&name, "text/csv;charset=utf-8", &format!("{UTF8_BOM}{csv}")).is_err() {
                web_sys::console::warn_1(&"action plan CSV download failed".into());
            }
        }
    };
    let export_ics = move |_| {
        if let Some((_, plan)) = chosen() {
            let ics = plan_ics(&plan, today(), |s| step_title(tr, s));
            let name = format!("{}-plan-{}.ics", stem(), plan.option);
            if download(&name, "text/calendar;charset=utf-8", &ics).is_err() {
                web_sys::console::warn_1(&"action plan calendar download failed".into());
            }
        }
    };
    view! {
        <section class="panel action-plan" data-testid="action-plan" aria-labelledby="action-plan-heading">
            <h2 id="action-plan-heading">
                {move || tr.t("plan.title")}
                <span class="print-only">{move || chosen().map(|(name, _)| format!(" — {name}"))}</span>
            </h2>
            <p class="help">{move || tr.t("plan.help")}</p>
            <div class="plan-controls no-print">
                <label>
                    {move || tr.t("plan.option_label")}" "
                    <select data-testid="action-plan-option"
                        on:change=move |ev| picked.set(Some(event_target_value(&ev)))>
                        {options}
                    </select>
                </label>
                " "
                <button type="button" data-testid="action-plan-csv" on:click=export_csv>{move || tr.t("plan.export_csv")}</button>
                " "
                <button type="button" data-testid="action-plan-ics" on:click=export_ics>{move || tr.t("plan.export_ics")}</button>
            </div>
            <div class="table-scroll" tabindex="0" role="region" aria-label=move || tr.t("plan.title")>
                <table class="plan-table">
                    <thead>
                        <tr>
                            <th scope="col">"#"</th>
                            <th scope="col">{move || tr.t("plan.col.step")}</th>
                            <th scope="col">{move || tr.t("plan.col.legal_basis")}</th>
                            <th scope="col">{move || tr.t("plan.col.one_off")}</th>
                            <th scope="col">{move || tr.t("plan.col.yearly")}</th>
                            <th scope="col">{move || tr.t("plan.col.when")}</th>
                            <th scope="col">{move || tr.t("plan.col.role")}</th>
                        </tr>
                    </thead>
                    <tbody>{steps}{totals}</tbody>
                </table>
            </div>
        </section>
    }
}
