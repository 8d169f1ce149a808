//! What matters: a tornado of the uncertain inputs for the leading pair (or the reader's pair),
//! in HTML and CSS (bars from a centre line; every number also as text), with break-even values
//! in words. Computed off the typing path ([`Analyses`]).
use super::analyses::Analyses;
use super::decision_words::{flip_sentence, input_name, input_value, option_label, option_name};
use super::{AppState, Tr};
use crate::i18n::{format_mop_f64, Locale};
use crate::model::decision::SensitivityEntry;
use leptos::prelude::*;

/// A change in MOP with its sign: `MOP +1,234`, `MOP −1,234`.
fn signed_mop(l: Locale, v: f64) -> String {
    let text = format_mop_f64(l, v);
    if v > 0.0 {
        text.replacen("MOP ", "MOP +", 1)
    } else {
        text
    }
}

/// Left edge and width (% of the track) of a segment from the centre to `v` (scale: `max`).
fn segment(v: f64, max: f64) -> (String, String) {
    let half = if max > 0.0 {
        (v / max).clamp(-1.0, 1.0) * 50.0
    } else {
        0.0
    };
    let left = if half < 0.0 { 50.0 + half } else { 50.0 };
    (format!("{left:.2}%"), format!("{:.2}%", half.abs()))
}

#[component]
pub fn Tornado() -> impl IntoView {
    let state = AppState::use_context();
    let analyses = Analyses::use_context();
    let tr = Tr::use_context();
    let options = move || {
        state.scenario.with(|s| {
            s.options
                .iter()
                .map(|o| (o.id.clone(), option_name(tr, state, o)))
                .collect::<Vec<_>>()
        })
    };
    // The pair shown in the selects: the reader's while both options still exist, else the
    // leading one once known, else the first two: always two different options, and the pair
    // the bars are for.
    let shown = move || {
        let exists = |id: &str| state.scenario.with(|s| s.option(id).is_some());
        analyses
            .picked_pair
            .get()
            .filter(|(a, b)| a != b && exists(a) && exists(b))
            .or_else(|| {
                analyses.leading.with(|t| {
                    t.value
                        .as_ref()
                        .map(|a| (a.pair.a.clone(), a.pair.b.clone()))
                })
            })
            .filter(|(a, b)| a != b && exists(a) && exists(b))
            .or_else(|| match options().as_slice() {
                [(a, _), (b, _), ..] => Some((a.clone(), b.clone())),
                _ => None,
            })
            .unwrap_or_default()
    };
    let pick = move |first: bool| {
        move |ev| {
            let v = event_target_value(&ev);
            let (a, b) = shown();
            analyses
                .picked_pair
                .set(Some(if first { (v, b) } else { (a, v) }));
        }
    };
    let select = move |first: bool, testid: &'static str, label: &'static str| {
        let id = format!("tornado-{testid}");
        view! {
            <div class="field compact">
                <label for=id.clone()>{move || tr.t(label)}</label>
                <select id=id data-testid=testid on:change=pick(first)>
                    {move || {
                        let (a, b) = shown();
                        let (current, other) = if first { (a, b) } else { (b, a) };
                        // Never an option against itself: the other select's option is not offered.
                        options()
                            .into_iter()
                            .filter(|(id, _)| *id != other)
                            .map(|(id, label)| {
                                let selected = id == current;
                                view! { <option value=id selected=selected>{label}</option> }
                            })
                            .collect_view()
                    }}
                </select>
            </div>
        }
    };
    let body = move || {
        let Some(analysis) = analyses.current_sensitivity(state) else {
            return view! { <p class="help" data-testid="tornado-pending">{tr.t("tornado.computing")}</p> }.into_any();
        };
        let l = tr.locale();
        let d = analysis.pair.difference_mop;
        let (mut leader, mut other) = (
            option_label(tr, state, &analysis.pair.a),
            option_label(tr, state, &analysis.pair.b),
        );
        if d < 0.0 {
            std::mem::swap(&mut leader, &mut other);
        }
        let difference = tr.f(
            "tornado.difference",
            &[
                ("a", &leader),
                ("b", &other),
                ("diff", &format_mop_f64(l, d.abs())),
            ],
        );
        let max = analysis
            .entries
            .iter()
            .map(|e| e.delta_low_mop.abs().max(e.delta_high_mop.abs()))
            .fold(0.0, f64::max);
        let any_flip = analysis.entries.iter().any(|e| e.break_even.is_some());
        let bars = analysis
            .entries
            .iter()
            .map(|e| bar(tr, state, e, max, &leader, &other))
            .collect_view();
        view! {
            <p data-testid="tornado-difference">{difference}</p>
            {(!any_flip).then(|| view! { <p data-testid="tornado-no-flip"><strong>{tr.t("tornado.no_flip")}</strong></p> })}
            <ol class="tornado-bars">{bars}</ol>
        }
        .into_any()
    };
    view! {
        <section class="panel tornado" data-testid="tornado" aria-labelledby="tornado-heading">
            <h2 id="tornado-heading">{move || tr.t("tornado.title")}</h2>
            <p class="help">{move || tr.t("tornado.help")}</p>
            <div class="field-row tight tornado-pair">
                {select(true, "tornado-a", "tornado.pair")}
                {select(false, "tornado-b", "tornado.versus")}
            </div>
            {body}
        </section>
    }
}

/// One input: its name and range, the bar, the changes as text, the break-even sentence.
fn bar(
    tr: Tr,
    state: AppState,
    e: &SensitivityEntry,
    max: f64,
    leader: &str,
    other: &str,
) -> impl IntoView {
    let l = tr.locale();
    let (low_left, low_width) = segment(e.delta_low_mop, max);
    let (high_left, high_width) = segment(e.delta_high_mop, max);
    let low = input_value(tr, e, e.low);
    let high = input_value(tr, e, e.high);
    let range = tr.f("tornado.range", &[("low", &low), ("high", &high)]);
    let changes = format!(
        "{low}: {} · {high}: {}",
        signed_mop(l, e.delta_low_mop),
        signed_mop(l, e.delta_high_mop)
    );
    let flip = flip_sentence(tr, state, e, leader, other);
    let flips = flip.is_some();
    view! {
        <li class="tornado-bar" data-testid="tornado-bar" data-swing=format!("{:.3}", e.swing_mop) class:flips=flips>
            <div class="tornado-label">
                <strong>{input_name(tr, state, e)}</strong>
                <span class="help">" — "{range}</span>
            </div>
            <div class="tornado-track" aria-hidden="true">
                <span class="seg low" style:left=low_left style:width=low_width></span>
                <span class="seg high" style:left=high_left style:width=high_width></span>
            </div>
            <p class="tornado-numbers">{changes}</p>
            {flip.map(|f| view! { <p class="tornado-flip" data-testid="tornado-flip">{f}</p> })}
        </li>
    }
}
