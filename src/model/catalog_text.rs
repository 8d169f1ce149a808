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

/// `note.<first words of the text>`: lower-case ASCII letters and digits, other characters
/// separating words.
pub fn note_key(text: &str) -> String {
    let words: Vec<String> = text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(NOTE_KEY_WORDS)
        .map(str::to_ascii_lowercase)
        .collect();
    format!("note.{}", words.join("_"))
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
        (None, Some(words)) => Some(format!(
            "source.{}",
            note_key(words).trim_start_matches("note.")
        )),
        (Some(_), Some(remark)) => Some(note_key(remark)),
    }
}

/// Every catalog text a reader sees, as `(key, English text)` (a repeated note is listed once). The methodology panel shows dimensions, factors, sectors and the notes of base
/// rates, magnitudes and loss anchors; each option's facts show platform notes and sources; the
/// residency badge shows the default operator.
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
        }
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
