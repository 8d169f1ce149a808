//! The catalog's reader-visible English texts, each with a stable translation key
//! (`locales/catalog/<language>.json` holds the translations; [`crate::i18n`] looks them up).
//!
//! Keys name the catalog item (`dimension.audit.description`, `sector.finance.rationale`,
//! `platform.signal.data_operator`). Source notes repeat the same English text across hundreds of
//! fields, so a note's key is made from its text (`note.estimate_enter_your_own_quote`): one key
//! per distinct text, readable, and stable while the text is. Titles of cited documents and URLs
//! are not here: they stay in their own language.
//!
//! ```
//! use collab_risk::model::catalog::Catalog;
//! use collab_risk::model::catalog_text::{note_key, visible_texts};
//! let catalog = Catalog::embedded().expect("valid");
//! assert_eq!(note_key("estimate — enter your own quote"), "note.estimate_enter_your_own_quote");
//! assert!(visible_texts(catalog).iter().any(|(k, _)| k == "dimension.audit.description"));
//! ```
use super::catalog::{Catalog, Sourced};

/// Words of a note's text that make its key: enough to tell the catalog's notes apart (the
/// native tests check they do), few enough to read.
const NOTE_KEY_WORDS: usize = 8;

/// `dimension.<id>.legal_basis`
pub fn dimension_legal_basis_key(dimension: &str) -> String {
    format!("dimension.{dimension}.legal_basis")
}

/// `dimension.<id>.description`
pub fn dimension_description_key(dimension: &str) -> String {
    format!("dimension.{dimension}.description")
}

/// `dimension.<id>.factor.<field>`: why a platform field changes the dimension.
pub fn factor_rationale_key(dimension: &str, field: &str) -> String {
    format!("dimension.{dimension}.factor.{field}")
}

/// `sector.<id>.rationale`
pub fn sector_rationale_key(sector: &str) -> String {
    format!("sector.{sector}.rationale")
}

/// `platform.<id>.data_operator`: the default operator shown on the residency badge.
pub fn data_operator_key(platform: &str) -> String {
    format!("platform.{platform}.data_operator")
}

/// `duty.<id>.<part>`: a sector law's legal basis or rationale.
pub fn duty_key(duty: &str, part: &str) -> String {
    format!("duty.{duty}.{part}")
}

/// `decision.retention_rationale`: why the decision view searches these auto-delete periods.
pub const DECISION_RETENTION_RATIONALE_KEY: &str = "decision.retention_rationale";

/// `decision.sensitivity.<input>` (`platform_costs.<confidence>` for prices): why an input of
/// the sensitivity analysis varies over its range.
pub fn sensitivity_rationale_key(input: &str) -> String {
    format!("decision.sensitivity.{input}")
}

/// `note.<first words of the text>`: lower-case ASCII letters and digits, other characters
/// separating words.
pub fn note_key(text: &str) -> String {
    format!("note.{}", first_words(text))
}

/// The first [`NOTE_KEY_WORDS`] words of a text, lower-case ASCII, joined by `_`.
fn first_words(text: &str) -> String {
    let words: Vec<String> = text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(NOTE_KEY_WORDS)
        .map(str::to_ascii_lowercase)
        .collect();
    words.join("_")
}

/// A source as the reader sees it: a link (kept as it is) and words about it. `estimate` is words
/// only; `https://… (reseller pages; …)` is a link and a remark.
pub fn source_parts(source: &str) -> (Option<&str>, Option<&str>) {
    let is_url = source.starts_with("https://") || source.starts_with("http://");
    if !is_url {
        return (None, Some(source).filter(|s| !s.trim().is_empty()));
    }
    match source.split_once(char::is_whitespace) {
        Some((url, remark)) => (Some(url), Some(remark.trim()).filter(|r| !r.is_empty())),
        None => (Some(source), None),
    }
}

/// The key of a source's words (see [`source_parts`]): `source.estimate` for a source that is a
/// word, `note.<first words>` for a remark after a link; `None` when the source is only a link.
pub fn source_key(source: &str) -> Option<String> {
    match source_parts(source) {
        (_, None) => None,
        (None, Some(words)) => Some(format!("source.{}", first_words(words))),
        (Some(_), Some(remark)) => Some(note_key(remark)),
    }
}

/// Every catalog text a reader sees, as `(key, English text)` (a repeated note is listed once). The methodology panel shows dimensions, factors, sectors and the notes of base
/// rates, magnitudes and loss anchors; each option's facts show platform notes and sources; the
/// residency badge shows the default operator; the decision view, its search and sensitivity
/// rationales.
pub fn visible_texts(catalog: &Catalog) -> Vec<(String, String)> {
    let mut all: Vec<(String, &str)> = Vec::new();
    for d in &catalog.dimensions {
        all.push((dimension_legal_basis_key(&d.id), &d.legal_basis));
        all.push((dimension_description_key(&d.id), &d.description));
        for f in &d.factors {
            all.push((factor_rationale_key(&d.id, &f.field), &f.rationale));
        }
        let m = &d.magnitude;
        for s in [
            &d.base_annual_rate,
            &m.fixed_low_mop,
            &m.fixed_high_mop,
            &m.exposed_fraction_low,
            &m.exposed_fraction_high,
        ] {
            all.extend(sourced_texts(&s.source, s.note.as_deref()));
        }
    }
    for s in &catalog.sectors {
        all.push((sector_rationale_key(&s.id), &s.rationale));
    }
    let a = &catalog.loss_anchors;
    let anchors: [&Sourced<f64>; 4] = [
        &a.per_record_cost_usd,
        &a.largest_observed_fine_mop,
        &a.transfer_fine_band_mop.low,
        &a.transfer_fine_band_mop.high,
    ];
    for s in anchors {
        all.extend(sourced_texts(&s.source, s.note.as_deref()));
    }
    for p in &catalog.platforms {
        all.push((data_operator_key(&p.id), &p.data_operator.value));
        for meta in super::fields::FIELDS {
            if let Some(f) = p.field(meta.id) {
                all.extend(sourced_texts(f.source, f.note));
            }
            for plan in &p.plans {
                if let Some(f) = plan.field(meta.id) {
                    all.extend(sourced_texts(f.source, f.note));
                }
            }
        }
        for cap in p.plans.iter().filter_map(|plan| plan.max_users.as_ref()) {
            all.extend(sourced_texts(&cap.source, cap.note.as_deref()));
        }
    }
    // Sector laws: the methodology panel's "Sector laws" section.
    for d in &catalog.statutory_duties {
        all.push((duty_key(&d.id, "legal_basis"), &d.legal_basis));
        all.push((duty_key(&d.id, "rationale"), &d.rationale));
        for s in [&d.fine_low_mop, &d.fine_high_mop, &d.fined_share] {
            all.extend(sourced_texts(&s.source, s.note.as_deref()));
        }
    }
    // The decision view: why it searches these retention periods and varies each input so.
    let d = &catalog.decision;
    all.push((
        DECISION_RETENTION_RATIONALE_KEY.to_owned(),
        &d.retention_rationale,
    ));
    let s = &d.sensitivity;
    let p = &s.platform_costs;
    for (name, range) in [
        ("platform_costs.estimate", &p.estimate),
        ("platform_costs.secondary", &p.secondary),
        ("platform_costs.confirmed", &p.confirmed),
        ("platform_costs.overridden", &p.overridden),
        ("fx_to_mop_usd", &s.fx_to_mop_usd),
        ("fx_to_mop_cny", &s.fx_to_mop_cny),
        ("users", &s.users),
        ("data_subjects", &s.data_subjects),
        ("staff_hourly_rate", &s.staff_hourly_rate),
        ("escalation_points", &s.escalation_points),
        ("per_record_cost", &s.per_record_cost),
        ("loss_magnitude", &s.loss_magnitude),
        ("measure_effect_exponent", &s.measure_effect_exponent),
    ] {
        all.push((sensitivity_rationale_key(name), &range.rationale));
        all.extend(sourced_texts(&range.source, None));
    }
    let mut out: Vec<(String, String)> = Vec::with_capacity(all.len());
    for (key, text) in all {
        // The same text under the same key is listed once; a key naming two texts stays twice,
        // so the tests can report it.
        if !out.iter().any(|(k, t)| *k == key && t == text) {
            out.push((key, text.to_owned()));
        }
    }
    out
}

/// The texts of one sourced value: its source when that is a word, and its note.
fn sourced_texts<'a>(source: &'a str, note: Option<&'a str>) -> Vec<(String, &'a str)> {
    let mut out: Vec<(String, &'a str)> = Vec::new();
    if let (Some(key), (_, Some(words))) = (source_key(source), source_parts(source)) {
        out.push((key, words));
    }
    out.extend(note.map(|n| (note_key(n), n)));
    out
}
