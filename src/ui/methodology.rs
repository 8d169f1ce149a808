//! Methodology and sources, from the model's own data: formulas, each dimension's legal basis,
//! base rate and loss range with their sources, sector factors, and the citation list. Items that
//! are not confirmed are labelled as such.
use super::field_editor::confidence_key;
use super::lazy_details::LazyDetails;
use super::{AppState, Tr};
use crate::i18n::format_number;
use crate::model::catalog::{Confidence, Sourced};
use crate::model::catalog_text::{
    dimension_description_key, dimension_legal_basis_key, duty_key, factor_rationale_key, note_key,
    sector_rationale_key, source_key, source_parts,
};
use leptos::prelude::*;

/// A source: its link as it is, and its words (`estimate`, a remark after the link) in the
/// reader's language.
pub(super) fn source_view(tr: Tr, source: &str) -> impl IntoView {
    let (url, words) = source_parts(source);
    let link = url.map(|u| {
        let (href, text) = (u.to_owned(), u.to_owned());
        view! { <a href=href target="_blank" rel="noopener noreferrer">{text}</a> }
    });
    let words = words.zip(source_key(source)).map(|(w, key)| {
        let w = w.to_owned();
        let space = if link.is_some() { " " } else { "" };
        view! { {space}<span>{move || tr.c(&key, &w)}</span> }
    });
    view! { {link}{words} }
}

/// A catalog text in the reader's language.
fn catalog_text(tr: Tr, key: String, english: &str) -> impl Fn() -> String {
    let english = english.to_owned();
    move || tr.c(&key, &english)
}

fn confidence_badge(tr: Tr, c: Confidence) -> impl IntoView {
    let class = match c {
        Confidence::Confirmed => "confidence sourced",
        Confidence::Secondary => "confidence secondary",
        Confidence::Estimate => "confidence estimate",
    };
    view! { <span class=class>{move || tr.t(confidence_key(c))}</span> }
}

fn sourced_line(tr: Tr, label_key: &'static str, s: &Sourced<f64>) -> impl IntoView {
    let value = s.value;
    let note = s.note.as_deref().map(|n| catalog_text(tr, note_key(n), n));
    let as_of = s.as_of.clone();
    view! {
        <li>
            {move || tr.t(label_key)}": "<strong>{move || format_number(tr.locale(), value)}</strong>" "
            {confidence_badge(tr, s.confidence)}
            " · "{move || tr.f("source.as_of", &[("date", &as_of)])}" · "{source_view(tr, &s.source)}
            {note.map(|n| view! { <br /><small>{n}</small> })}
        </li>
    }
}

#[component]
pub fn MethodologyPanel() -> impl IntoView {
    let tr = Tr::use_context();
    view! {
        <section class="panel methodology" aria-labelledby="method-heading">
            <LazyDetails summary=move || view! { <h2 id="method-heading">{move || tr.t("method.title")}</h2> }>
                <MethodologyBody />
            </LazyDetails>
        </section>
    }
}

/// Everything the panel explains (built when the panel is first opened).
#[component]
fn MethodologyBody() -> impl IntoView {
    let state = AppState::use_context();
    let tr = Tr::use_context();
    let c = state.catalog;
    let formulas = [
        "method.cost",
        "method.plans",
        "method.rate",
        "method.magnitude",
        "method.eal",
        "method.rating",
        "method.simulation",
        "method.expected",
        "method.rosi",
        "method.transfer",
        "method.operator",
    ]
    .into_iter()
    .map(|k| view! { <li>{move || tr.t(k)}</li> })
    .collect_view();
    let dimensions = c
        .dimensions
        .iter()
        .map(|d| {
            let name_key = format!("dimension.{}", d.id);
            view! {
                <li>
                    <strong>{move || tr.t(&name_key)}</strong>" — "
                    {catalog_text(tr, dimension_legal_basis_key(&d.id), &d.legal_basis)}
                    <p class="help">{catalog_text(tr, dimension_description_key(&d.id), &d.description)}</p>
                    <ul>
                        {sourced_line(tr, "method.base_rate", &d.base_annual_rate)}
                        {sourced_line(tr, "method.fixed_low", &d.magnitude.fixed_low_mop)}
                        {sourced_line(tr, "method.fixed_high", &d.magnitude.fixed_high_mop)}
                        {sourced_line(tr, "method.exposed_low", &d.magnitude.exposed_fraction_low)}
                        {sourced_line(tr, "method.exposed_high", &d.magnitude.exposed_fraction_high)}
                        {d.factors.iter().map(|f| {
                            let field_key = format!("field.{}", f.field);
                            view! {
                                <li>
                                    {move || tr.f("method.factor", &[("field", &tr.t(&field_key))])}" "
                                    {confidence_badge(tr, f.confidence)}
                                    <br /><small>{catalog_text(tr, factor_rationale_key(&d.id, &f.field), &f.rationale)}</small>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </li>
            }
        })
        .collect_view();
    let sectors = c
        .sectors
        .iter()
        .map(|s| {
            let key = format!("sector.{}", s.id);
            let (rate, magnitude) = (s.rate_factor, s.magnitude_factor);
            view! {
                <tr>
                    <th scope="row">{move || tr.t(&key)}</th>
                    <td class="num">"×"{move || format_number(tr.locale(), rate)}</td>
                    <td class="num">"×"{move || format_number(tr.locale(), magnitude)}</td>
                    <td>{confidence_badge(tr, s.confidence)}" "<small>{catalog_text(tr, sector_rationale_key(&s.id), &s.rationale)}</small></td>
                </tr>
            }
        })
        .collect_view();
    // Sector laws beyond Law 8/2005: which sectors they bind, the dimension, the fines.
    let duties = c
        .statutory_duties
        .iter()
        .map(|d| {
            let sectors = d
                .sectors
                .iter()
                .map(|s| tr.t(&format!("sector.{s}")))
                .collect::<Vec<_>>()
                .join(", ");
            let dimension = tr.t(&format!("dimension.{}", d.dimension));
            let binds = tr.f(
                "method.duty_binds",
                &[("sectors", &sectors), ("dimension", &dimension)],
            );
            view! {
                <li data-testid="sector-law">
                    <strong>{catalog_text(tr, duty_key(&d.id, "legal_basis"), &d.legal_basis)}</strong>
                    " "{confidence_badge(tr, d.confidence)}
                    <br /><small>{binds}</small>
                    <br /><small>{catalog_text(tr, duty_key(&d.id, "rationale"), &d.rationale)}</small>
                    <ul>
                        {sourced_line(tr, "method.duty_fine_low", &d.fine_low_mop)}
                        {sourced_line(tr, "method.duty_fine_high", &d.fine_high_mop)}
                        {sourced_line(tr, "method.duty_fined_share", &d.fined_share)}
                    </ul>
                </li>
            }
        })
        .collect_view();
    let anchors = &c.loss_anchors;
    let sources = c
        .sources
        .iter()
        .map(|s| {
            view! {
                // The cited document's title in the reader's language where one exists
                // (`source_title.<id>`; Law 8/2005 has official Chinese and Portuguese titles).
                <li>{move || crate::i18n::Translations::embedded().lookup(tr.locale(), &format!("source_title.{}", s.id)).unwrap_or(&s.title).to_owned()}" "{confidence_badge(tr, s.confidence)}<br />{source_view(tr, &s.url)}</li>
            }
        })
        .collect_view();
    view! {
                <p>{move || tr.t("method.intro")}</p>
                <p class="help">{move || tr.t("method.data_language")}</p>
                <h3>{move || tr.t("method.formulas")}</h3>
                <ul class="formulas">{formulas}</ul>
                <h3>{move || tr.t("method.anchors")}</h3>
                <ul>
                    {sourced_line(tr, "method.per_record", &anchors.per_record_cost_usd)}
                    {sourced_line(tr, "method.largest_fine", &anchors.largest_observed_fine_mop)}
                    {sourced_line(tr, "method.fine_low", &anchors.transfer_fine_band_mop.low)}
                    {sourced_line(tr, "method.fine_high", &anchors.transfer_fine_band_mop.high)}
                </ul>
                <h3>{move || tr.t("method.dimensions")}</h3>
                <ul class="dimensions">{dimensions}</ul>
                <h3>{move || tr.t("method.sectors")}</h3>
                <div class="table-scroll">
                <table class="mini">
                    <thead><tr>
                        <th scope="col">{move || tr.t("org.sector")}</th>
                        <th scope="col">{move || tr.t("method.rate_factor")}</th>
                        <th scope="col">{move || tr.t("method.magnitude_factor")}</th>
                        <th scope="col">{move || tr.t("method.rationale")}</th>
                    </tr></thead>
                    <tbody>{sectors}</tbody>
                </table>
                </div>
                <h3>{move || tr.t("method.sector_laws")}</h3>
                <ul class="sector-laws">{duties}</ul>
                <h3>{move || tr.t("method.sources")}</h3>
                <p class="help">{move || tr.t("method.unverified")}</p>
                <ul class="sources">{sources}</ul>
                <p class="help">{move || tr.t("method.article")}</p>
    }
}
