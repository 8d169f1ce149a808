//! Results: the article check, the risk heatmap and its table twin, cost over time, loss
//! exceedance, the classic 5×5 view and the matrix of P(A cheaper than B).
use super::canvas_chart::CanvasChart;
use super::state::now_ms;
use super::{AppState, StaleResultsNotice, Tr};
use crate::charts::{
    cost_over_time, exceedance, heatmap, CostOverTimeData, ExceedanceData, HeatCell, HeatmapData,
    Series,
};
use crate::i18n::{format_count, format_mop, format_mop_compact, format_mop_f64, format_percent};
use crate::model::report::DeterministicReport;
use crate::model::risk::decimal_to_f64;
use leptos::prelude::*;
use std::sync::Arc;

/// The `source` of the built-in claim from the origin article (preset `article-50`).
const ARTICLE_SOURCE: &str = "origin article (DingTalk reseller)";

fn report(state: AppState) -> Option<Arc<DeterministicReport>> {
    state.deterministic()
}

/// What the reseller article claimed, next to what its own figures give.
#[component]
pub fn ClaimsPanel() -> impl IntoView {
    let state = AppState::use_context();
    let tr = Tr::use_context();
    move || {
        let r = report(state)?;
        if r.claims.is_empty() {
            return None;
        }
        let name_of = |id: &str| {
            r.options
                .iter()
                .find(|o| o.id == id)
                .map(|o| o.name.clone())
                .unwrap_or_else(|| id.to_owned())
        };
        let items = r
            .claims
            .iter()
            .map(|c| {
                let l = tr.locale();
                let claimed = format_mop(l, c.claimed_mop);
                let computed = format_mop(l, c.computed_mop);
                let verdict = if c.supported { tr.t("claims.supported") } else { tr.t("claims.not_supported") };
                let explain = format!(
                    "{} {}",
                    tr.f(
                        "claims.explain",
                        &[
                            ("higher", &name_of(&c.higher_option)),
                            ("lower", &name_of(&c.lower_option)),
                            ("computed", &computed),
                        ],
                    ),
                    tr.t(if c.supported { "claims.explain_supported" } else { "claims.explain_not_supported" })
                );
                // The article's own arithmetic, independent of the current inputs; its quote and
                // source follow the language (a link or file may carry another language's text).
                let from_article = c.source == ARTICLE_SOURCE;
                let article_note = from_article.then(|| tr.t("claims.article_note"));
                let (quote, source) = if from_article {
                    (tr.t("preset.article-50.claim"), tr.t("claims.article_source"))
                } else {
                    (c.text.clone(), c.source.clone())
                };
                view! {
                    <div class=if c.supported { "claim supported" } else { "claim refuted" } data-testid="claim">
                        <blockquote>{quote}<cite>{source}</cite></blockquote>
                        <p class="claim-figures">
                            <span>{tr.t("claims.claimed")}" "<strong>"> "{claimed}</strong></span>
                            <span>{tr.t("claims.computed")}" "<strong data-testid="claim-computed">{computed}</strong></span>
                            <span class="verdict">{verdict}</span>
                        </p>
                        <p class="help">{explain}</p>
                        {article_note.map(|n| view! { <p class="help article-note">{n}</p> })}
                    </div>
                }
            })
            .collect_view();
        Some(view! {
            <section class="panel claims" aria-labelledby="claims-heading">
                <h2 id="claims-heading">{tr.t("claims.title")}</h2>
                {items}
            </section>
        })
    }
}

#[component]
pub fn ResultsSection() -> impl IntoView {
    let tr = Tr::use_context();
    view! {
        <section class="panel results" aria-labelledby="results-heading">
            <h2 id="results-heading">{move || tr.t("section.results")}</h2>
            <StaleResultsNotice />
            <SimulationStatus />
            <h3>{move || tr.t("heatmap.title")}</h3>
            <p class="help">{move || tr.t("heatmap.help")}</p>
            <Heatmap />
            <details class="table-twin" open=true>
                <summary>{move || tr.t("table.title")}</summary>
                <ResultsTable />
            </details>
            <div class="chart-grid">
                <div>
                    <h3>{move || tr.t("chart.cost_title")}</h3>
                    <CostChart />
                </div>
                <div>
                    <h3>{move || tr.t("chart.exceedance_title")}</h3>
                    <p class="help">{move || tr.t("chart.exceedance_help")}</p>
                    <ExceedanceChart />
                </div>
            </div>
            <div class="chart-grid">
                <div>
                    <h3>{move || tr.t("matrix.title")}</h3>
                    <p class="help">{move || tr.t("matrix.help")}</p>
                    <RiskMatrix />
                </div>
                <div>
                    <h3>{move || tr.t("compare.title")}</h3>
                    <p class="help">{move || tr.t("compare.help")}</p>
                    <ComparisonMatrix />
                </div>
            </div>
        </section>
        <super::action_plan::ActionPlanSection />
    }
}

/// Trials and seed of the shown simulation; a progress bar when a run takes more than a moment.
#[component]
fn SimulationStatus() -> impl IntoView {
    let state = AppState::use_context();
    let tr = Tr::use_context();
    // Re-check "more than a moment" as chunks report progress.
    let slow = move || {
        state
            .simulation
            .with(|s| s.running && now_ms() - s.started_ms > 150.0)
    };
    view! {
        <div class="sim-status" data-testid="sim-status" aria-live="polite">
            {move || {
                let (trials, seed) = state.scenario.with(|s| (s.simulation.trials, s.simulation.seed));
                tr.f("sim.summary", &[("trials", &format_count(tr.locale(), u64::from(trials))), ("seed", &seed.to_string())])
            }}
            <Show when=slow>
                <progress max="1" value=move || state.simulation.with(|s| s.progress)>
                    {move || format_percent(tr.locale(), state.simulation.with(|s| s.progress))}
                </progress>
                " " {move || tr.t("sim.running")}
            </Show>
        </div>
    }
}

#[component]
fn Heatmap() -> impl IntoView {
    let state = AppState::use_context();
    let tr = Tr::use_context();
    let data = move || {
        report(state).map(|r| {
            let l = tr.locale();
            HeatmapData {
                row_labels: r.options.iter().map(|o| o.name.clone()).collect(),
                column_labels: state
                    .catalog
                    .dimensions
                    .iter()
                    .map(|d| tr.t(&format!("dimension.{}", d.id)))
                    .collect(),
                cells: r
                    .options
                    .iter()
                    .map(|o| {
                        o.risk
                            .cells
                            .iter()
                            .map(|c| HeatCell {
                                expected_annual_loss: c.expected_annual_loss_mop,
                                value_label: format_mop_compact(l, c.expected_annual_loss_mop),
                                rating: c.rating,
                            })
                            .collect()
                    })
                    .collect(),
                rating_word: tr.t("heatmap.rating"),
                legend_title: tr.t("heatmap.legend"),
                locale: l,
            }
        })
    };
    view! {
        <CanvasChart testid="heatmap" class="heatmap" label=Signal::derive(move || {
                // For a screen reader: the worst cell; the table below has every cell.
                let title = tr.t("heatmap.title");
                let worst = report(state).and_then(|r| {
                    r.options
                        .iter()
                        .flat_map(|o| o.risk.cells.iter().map(move |c| (o, c)))
                        .filter(|(_, c)| c.expected_annual_loss_mop.is_finite())
                        .max_by(|a, b| a.1.expected_annual_loss_mop.total_cmp(&b.1.expected_annual_loss_mop))
                        .map(|(o, c)| tr.f("heatmap.aria_worst", &[
                            ("option", &o.name),
                            ("dimension", &tr.t(&format!("dimension.{}", c.dimension))),
                            ("value", &format_mop_compact(tr.locale(), c.expected_annual_loss_mop)),
                        ]))
                });
                match worst {
                    Some(w) => format!("{title}: {w}"),
                    None => title,
                }
            })
            data=Signal::derive(data) draw=heatmap::draw />
    }
}

/// The heatmap's numbers as a table, for screen readers and copy-paste.
#[component]
fn ResultsTable() -> impl IntoView {
    let state = AppState::use_context();
    let tr = Tr::use_context();
    let rows = move || {
        report(state).map(|r| {
            let l = tr.locale();
            r.options
                .iter()
                .flat_map(|o| {
                    o.risk.cells.iter().map(move |c| {
                        let dim = tr.t(&format!("dimension.{}", c.dimension));
                        view! {
                            <tr>
                                <th scope="row">{o.name.clone()}</th>
                                <td>{dim}</td>
                                <td class="num">{format_percent(l, c.probability)}</td>
                                <td class="num">{format_mop_f64(l, c.low_mop)}" – "{format_mop_f64(l, c.high_mop)}</td>
                                <td class="num">{format_mop_f64(l, c.expected_annual_loss_mop)}</td>
                                <td class="num">{c.rating}</td>
                                <td class="num">{c.likelihood}" × "{c.impact}</td>
                            </tr>
                        }
                    })
                })
                .collect_view()
        })
    };
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label=move || tr.t("table.caption")>
        <table class="results-table" data-testid="results-table">
            <caption>{move || tr.t("table.caption")}</caption>
            <thead>
                <tr>
                    <th scope="col">{move || tr.t("table.option")}</th>
                    <th scope="col">{move || tr.t("table.dimension")}</th>
                    <th scope="col">{move || tr.t("table.probability")}</th>
                    <th scope="col">{move || tr.t("table.range")}</th>
                    <th scope="col">{move || tr.t("table.eal")}</th>
                    <th scope="col">{move || tr.t("table.rating")}</th>
                    <th scope="col">{move || tr.t("table.matrix_cell")}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
        </div>
    }
}

#[component]
fn CostChart() -> impl IntoView {
    let state = AppState::use_context();
    let tr = Tr::use_context();
    let data = move || {
        report(state).map(|r| CostOverTimeData {
            series: r
                .options
                .iter()
                .map(|o| Series {
                    label: o.name.clone(),
                    points: o
                        .cost
                        .cumulative_by_year()
                        .map(|(year, mop)| (f64::from(year), decimal_to_f64(mop)))
                        .collect(),
                })
                .collect(),
            x_label: tr.t("chart.year"),
            y_label: tr.t("chart.cumulative_cost"),
            locale: tr.locale(),
        })
    };
    view! {
        <CanvasChart testid="cost-chart" class="line-chart" label=Signal::derive(move || {
                // The chart's point for a screen reader: where each option ends up.
                let title = tr.t("chart.cost_title");
                match report(state) {
                    Some(r) => format!("{title}: {}", r.options.iter()
                        .map(|o| format!("{} {}", o.name, format_mop(tr.locale(), o.cost.total_mop)))
                        .collect::<Vec<_>>().join("; ")),
                    None => title,
                }
            })
            data=Signal::derive(data) draw=cost_over_time::draw />
    }
}

#[component]
fn ExceedanceChart() -> impl IntoView {
    let state = AppState::use_context();
    let tr = Tr::use_context();
    let data = move || {
        // The curves are losses over the whole horizon; the appetite is per year.
        let (appetite, years) = state
            .scenario
            .with(|s| (decimal_to_f64(s.risk_appetite_mop), s.horizon_years));
        let tolerance = appetite * f64::from(years);
        state.simulation.with(|s| {
            s.report.as_ref().map(|r| ExceedanceData {
                series: r
                    .options
                    .iter()
                    .map(|o| Series {
                        label: o.name.clone(),
                        points: o
                            .simulation
                            .exceedance
                            .iter()
                            .map(|p| (p.threshold_mop, p.probability))
                            .collect(),
                    })
                    .collect(),
                x_label: tr.t("chart.loss"),
                y_label: tr.t("chart.p_exceed"),
                tolerance: Some((
                    tolerance,
                    tr.f("chart.appetite", &[("years", &years.to_string())]),
                )),
                locale: tr.locale(),
            })
        })
    };
    view! {
        <CanvasChart testid="exceedance-chart" class="line-chart" label=Signal::derive(move || {
                // For a screen reader: each option's chance of exceeding the appetite line.
                let title = tr.t("chart.exceedance_title");
                let (appetite, years) = state.scenario.with(|s| (decimal_to_f64(s.risk_appetite_mop), s.horizon_years));
                let line = appetite * f64::from(years);
                state.simulation.with(|s| match &s.report {
                    Some(r) => format!("{title} — {}: {}", tr.f("chart.appetite", &[("years", &years.to_string())]),
                        r.options.iter().map(|o| {
                            let p = o.simulation.exceedance.iter().find(|e| e.threshold_mop >= line).map(|e| e.probability).unwrap_or(0.0);
                            format!("{} {}", o.name, format_percent(tr.locale(), p))
                        }).collect::<Vec<_>>().join("; ")),
                    None => title.clone(),
                })
            })
            data=Signal::derive(data) draw=exceedance::draw />
    }
}

/// The classic 5×5 likelihood × impact grid, with each option × dimension placed in its cell.
/// Shown to compare with the heatmap: the grid compresses very different losses into one cell.
#[component]
fn RiskMatrix() -> impl IntoView {
    let state = AppState::use_context();
    let tr = Tr::use_context();
    let body = move || {
        report(state).map(|r| {
            (1..=5u8)
                .rev()
                .map(|impact| {
                    let cells = (1..=5u8)
                        .map(|likelihood| {
                            let items: Vec<String> = r
                                .options
                                .iter()
                                .enumerate()
                                .flat_map(|(n, o)| {
                                    // "#n" keys the option (legend under the grid): full names would
                                    // make the grid unreadable.
                                    o.risk
                                        .cells
                                        .iter()
                                        .filter(|c| c.likelihood == likelihood && c.impact == impact)
                                        .map(|c| format!("#{} {}", n + 1, tr.t(&format!("dimension.{}", c.dimension))))
                                        .collect::<Vec<_>>()
                                })
                                .collect();
                            let score = u16::from(likelihood) * u16::from(impact);
                            let band = match score {
                                0..=4 => 1,
                                5..=9 => 2,
                                10..=14 => 3,
                                15..=19 => 4,
                                _ => 5,
                            };
                            let count = items.len();
                            let title = items.join("\n");
                            view! {
                                <td class=format!("mx band-{band}") title=title>
                                    <span class="mx-count">{if count > 0 { count.to_string() } else { String::new() }}</span>
                                    <ul class="mx-items">{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul>
                                </td>
                            }
                        })
                        .collect_view();
                    view! { <tr><th scope="row">{impact}</th>{cells}</tr> }
                })
                .collect_view()
        })
    };
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label=move || tr.t("matrix.title")>
        <table class="risk-matrix" data-testid="risk-matrix">
            <caption class="sr-only">{move || tr.t("matrix.title")}</caption>
            <thead>
                <tr>
                    <th scope="col">{move || tr.t("matrix.impact")}" ↓ / "{move || tr.t("matrix.likelihood")}" →"</th>
                    {(1..=5).map(|n| view! { <th scope="col">{n}</th> }).collect_view()}
                </tr>
            </thead>
            <tbody>{body}</tbody>
        </table>
        </div>
        <ol class="mx-legend">
            {move || report(state).map(|r| r.options.iter().map(|o| view! { <li>{o.name.clone()}</li> }).collect_view())}
        </ol>
    }
}

/// P(row's risk-adjusted total < column's), from the simulation.
#[component]
fn ComparisonMatrix() -> impl IntoView {
    let state = AppState::use_context();
    let tr = Tr::use_context();
    move || {
        state.simulation.with(|s| {
            s.report.as_ref().map(|r| {
                let l = tr.locale();
                let names: Vec<(String, String)> = r.options.iter().map(|o| (o.id.clone(), o.name.clone())).collect();
                let p = |a: &str, b: &str| {
                    r.comparisons.iter().find(|c| c.a == a && c.b == b).map(|c| c.p_a_cheaper)
                };
                let head = names.iter().map(|(_, n)| view! { <th scope="col">{n.clone()}</th> }).collect_view();
                let rows = names
                    .iter()
                    .map(|(a, an)| {
                        let cells = names
                            .iter()
                            .map(|(b, _)| {
                                if a == b {
                                    view! { <td class="num diag">"—"</td> }.into_any()
                                } else {
                                    let v = p(a, b);
                                    let cls = match v {
                                        Some(x) if x >= 0.9 => "num strong-yes",
                                        Some(x) if x <= 0.1 => "num strong-no",
                                        _ => "num",
                                    };
                                    view! { <td class=cls>{v.map(|x| format_percent(l, x)).unwrap_or_else(|| "…".into())}</td> }.into_any()
                                }
                            })
                            .collect_view();
                        view! { <tr><th scope="row">{an.clone()}</th>{cells}</tr> }
                    })
                    .collect_view();
                view! {
                    <div class="table-scroll" tabindex="0" role="region" aria-label=tr.t("compare.title")>
                    <table class="compare-matrix" data-testid="compare-matrix">
                        <caption class="sr-only">{tr.t("compare.title")}</caption>
                        <thead><tr><th scope="col">{tr.t("compare.corner")}</th>{head}</tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                    </div>
                }
            })
        })
    }
}
