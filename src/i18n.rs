//! Translations and number formats for English, 繁體中文 and Português.
//!
//! Translations are data files: interface strings in `locales/<tag>.json` (flat `key → text` maps)
//! and the catalog's texts in `locales/catalog/<tag>.json`. English is compiled in; the browser
//! fetches another language's bundle when the reader picks it. `tests/i18n_keys.rs` checks every
//! locale has exactly the keys of English and every catalog text a reader sees is translated.
//! Pure Rust, no web dependency, so it is tested natively.
//!
//! ```
//! use collab_risk::i18n::{Locale, Translations};
//! let t = Translations::embedded();
//! assert_eq!(t.text(Locale::En, "app.title"), "collab-risk");
//! assert_eq!(collab_risk::i18n::format_mop(Locale::Pt, rust_decimal::Decimal::new(112_881_125, 3)), "MOP 112.881");
//! ```
use rust_decimal::{Decimal, RoundingStrategy};
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::OnceLock;

/// A language the app speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Locale {
    En,
    ZhHant,
    Pt,
}

impl Locale {
    pub const ALL: [Locale; 3] = [Locale::En, Locale::ZhHant, Locale::Pt];

    /// BCP 47 tag, used for `<html lang>`, storage and the language picker.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::ZhHant => "zh-Hant",
            Locale::Pt => "pt",
        }
    }

    /// The language's own name, shown in the picker.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::ZhHant => "繁體中文",
            Locale::Pt => "Português",
        }
    }

    /// Exact tag match (as stored by the app).
    pub fn from_tag(tag: &str) -> Option<Locale> {
        Locale::ALL
            .into_iter()
            .find(|l| l.tag().eq_ignore_ascii_case(tag))
    }

    /// Best match for a browser language such as `zh-MO`, `zh-TW`, `pt-PT` or `en-GB`.
    /// Simplified-Chinese tags also map to 繁體中文: it is the only Chinese we ship.
    pub fn from_browser_tag(tag: &str) -> Option<Locale> {
        let primary = tag
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Locale::En),
            "zh" => Some(Locale::ZhHant),
            "pt" => Some(Locale::Pt),
            _ => None,
        }
    }

    fn separators(self) -> (char, char) {
        // (thousands, decimal)
        match self {
            Locale::En | Locale::ZhHant => (',', '.'),
            Locale::Pt => ('.', ','),
        }
    }
}

/// The texts of one language: interface strings (`locales/<tag>.json`) and catalog texts
/// (`locales/catalog/<tag>.json`, see [`crate::model::catalog_text`]), each a flat `key → text` map.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LocaleTexts {
    pub ui: HashMap<String, String>,
    pub catalog: HashMap<String, String>,
}

/// One translated catalog text as the data file keeps it: the English it translates (so a changed
/// English text shows up as a stale translation) and the translation.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogTranslation {
    pub en: String,
    pub text: String,
}

/// A translation bundle that could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BundleError {
    /// English is built in; it never loads from a bundle.
    English,
    /// The bundle is not `{"ui": {…}, "catalog": {…}}` with text values.
    Invalid(String),
    /// The bundle has no interface strings at all.
    Empty,
}

impl std::fmt::Display for BundleError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BundleError::English => write!(f, "English is built in"),
            BundleError::Invalid(e) => write!(f, "invalid translation bundle: {e}"),
            BundleError::Empty => write!(f, "empty translation bundle"),
        }
    }
}

/// All translations. English is built into the app; the browser build loads 繁體中文 and
/// Português only when the reader picks one ([`Translations::install_bundle`]), so a page in one
/// language does not download the others. Native builds (tests, the evaluator) have every language
/// built in, read from the data files themselves.
pub struct Translations {
    english: HashMap<String, String>,
    zh_hant: OnceLock<LocaleTexts>,
    pt: OnceLock<LocaleTexts>,
}

const ENGLISH: &str = include_str!(concat!(env!("OUT_DIR"), "/locales/en.json"));

/// The interface-string files, for the native tests.
#[cfg(not(target_arch = "wasm32"))]
const SOURCES: [(Locale, &str); 3] = [
    (Locale::En, ENGLISH),
    (
        Locale::ZhHant,
        include_str!(concat!(env!("OUT_DIR"), "/locales/zh-Hant.json")),
    ),
    (
        Locale::Pt,
        include_str!(concat!(env!("OUT_DIR"), "/locales/pt.json")),
    ),
];

/// The catalog-text files, for the native tests.
#[cfg(not(target_arch = "wasm32"))]
const CATALOG_SOURCES: [(Locale, &str); 2] = [
    (
        Locale::ZhHant,
        include_str!(concat!(env!("OUT_DIR"), "/locales/catalog/zh-Hant.json")),
    ),
    (
        Locale::Pt,
        include_str!(concat!(env!("OUT_DIR"), "/locales/catalog/pt.json")),
    ),
];

impl Translations {
    /// The translations of this build, parsed once. A file that fails to parse yields an empty
    /// map (keys then show as themselves, catalog texts in English); the native test suite makes
    /// sure that never ships.
    pub fn embedded() -> &'static Translations {
        static CELL: OnceLock<Translations> = OnceLock::new();
        CELL.get_or_init(|| {
            let t = Self::english_only();
            #[cfg(not(target_arch = "wasm32"))]
            for (locale, catalog) in CATALOG_SOURCES {
                let ui = SOURCES
                    .iter()
                    .find(|(l, _)| *l == locale)
                    .and_then(|(_, text)| Self::parse(text).ok())
                    .unwrap_or_default();
                let catalog = Self::parse_catalog(catalog)
                    .map(|m| m.into_iter().map(|(k, v)| (k, v.text)).collect())
                    .unwrap_or_default();
                if let Some(cell) = t.cell(locale) {
                    let _ = cell.set(LocaleTexts { ui, catalog });
                }
            }
            t
        })
    }

    /// English only, every other language still to be installed: what the browser starts with.
    pub fn english_only() -> Translations {
        Translations {
            english: Self::parse(ENGLISH).unwrap_or_default(),
            zh_hant: OnceLock::new(),
            pt: OnceLock::new(),
        }
    }

    fn cell(&self, locale: Locale) -> Option<&OnceLock<LocaleTexts>> {
        match locale {
            Locale::En => None,
            Locale::ZhHant => Some(&self.zh_hant),
            Locale::Pt => Some(&self.pt),
        }
    }

    fn texts(&self, locale: Locale) -> Option<&LocaleTexts> {
        self.cell(locale).and_then(OnceLock::get)
    }

    /// Parses one interface-string file: a flat JSON object of strings.
    pub fn parse(text: &str) -> Result<HashMap<String, String>, serde_json::Error> {
        serde_json::from_str(text)
    }

    /// Parses one catalog-text file: `key → {"en": English, "text": translation}`.
    pub fn parse_catalog(
        text: &str,
    ) -> Result<HashMap<String, CatalogTranslation>, serde_json::Error> {
        serde_json::from_str(text)
    }

    /// The raw interface-string files, for tests.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn sources() -> &'static [(Locale, &'static str)] {
        &SOURCES
    }

    /// The raw catalog-text files (every language but English), for tests.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn catalog_sources() -> &'static [(Locale, &'static str)] {
        &CATALOG_SOURCES
    }

    /// Whether `locale`'s texts are here (English always is).
    pub fn is_loaded(&self, locale: Locale) -> bool {
        locale == Locale::En || self.texts(locale).is_some()
    }

    /// Where the browser fetches `locale`'s bundle, relative to the page (`None` for English,
    /// which is built in). The query carries a hash of the translation files, so a new deploy
    /// is never served an old cached bundle.
    pub fn bundle_path(locale: Locale) -> Option<String> {
        (locale != Locale::En).then(|| {
            format!(
                "i18n/{}.json?v={}",
                locale.tag(),
                env!("COLLAB_RISK_I18N_VERSION")
            )
        })
    }

    /// Installs a fetched bundle (`{"ui": {…}, "catalog": {…}}`, as scripts/i18n-bundles.mjs
    /// writes it). A second install of the same language keeps the first.
    pub fn install_bundle(&self, locale: Locale, json: &str) -> Result<(), BundleError> {
        let cell = self.cell(locale).ok_or(BundleError::English)?;
        let texts: LocaleTexts =
            serde_json::from_str(json).map_err(|e| BundleError::Invalid(e.to_string()))?;
        if texts.ui.is_empty() {
            return Err(BundleError::Empty);
        }
        let _ = cell.set(texts);
        Ok(())
    }

    /// Whether `locale` itself (not the English fallback) has an interface string for `key`.
    pub fn texts_have(&self, locale: Locale, key: &str) -> bool {
        match locale {
            Locale::En => self.english.contains_key(key),
            _ => self.texts(locale).is_some_and(|t| t.ui.contains_key(key)),
        }
    }

    /// Text for `key`, falling back to English; `None` when no locale has the key.
    pub fn lookup(&self, locale: Locale, key: &str) -> Option<&str> {
        self.texts(locale)
            .and_then(|t| t.ui.get(key))
            .or_else(|| self.english.get(key))
            .map(String::as_str)
    }

    /// Text for `key`; falls back to English, then to the key itself (never panics).
    pub fn text<'a>(&'a self, locale: Locale, key: &'a str) -> &'a str {
        self.lookup(locale, key).unwrap_or(key)
    }

    /// Text with `{name}` placeholders replaced.
    pub fn format(&self, locale: Locale, key: &str, args: &[(&str, &str)]) -> String {
        let mut out = self.text(locale, key).to_owned();
        for (name, value) in args {
            out = out.replace(&format!("{{{name}}}"), value);
        }
        out
    }

    /// A catalog text in `locale`: the translation under `key`
    /// ([`crate::model::catalog_text`]), else the catalog's own `english`.
    pub fn catalog_text<'a>(&'a self, locale: Locale, key: &str, english: &'a str) -> &'a str {
        self.texts(locale)
            .and_then(|t| t.catalog.get(key))
            .map_or(english, String::as_str)
    }
}

/// Groups the integer digits of a non-negative decimal string with `sep`.
fn group_digits(digits: &str, sep: char) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(ch);
    }
    out
}

/// A decimal rounded half away from zero to `places`, with the locale's separators.
pub fn format_decimal(locale: Locale, value: Decimal, places: u32) -> String {
    let (thousands, decimal) = locale.separators();
    let rounded = value.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero);
    let negative = rounded.is_sign_negative() && !rounded.is_zero();
    let text = rounded.abs().to_string();
    let (int_part, frac_part) = match text.split_once('.') {
        Some((i, f)) => (i.to_owned(), f.to_owned()),
        None => (text.clone(), String::new()),
    };
    let mut frac = frac_part;
    while (frac.len() as u32) < places {
        frac.push('0');
    }
    let mut out = String::new();
    if negative {
        out.push('−');
    }
    out.push_str(&group_digits(&int_part, thousands));
    if places > 0 {
        out.push(decimal);
        out.push_str(&frac);
    }
    out
}

/// A factor or fact as written in the data (`0.05`, `560000`, `1.3`), with the locale's separators
/// and every significant digit (at most 15): `560,000` / `560.000`, `0.05` / `0,05`.
pub fn format_number(locale: Locale, value: f64) -> String {
    if !value.is_finite() {
        return "—".to_owned();
    }
    match Decimal::from_f64_retain(value).and_then(|d| d.round_sf(15)) {
        Some(d) => {
            let d = d.normalize();
            format_decimal(locale, d, d.scale())
        }
        None => "—".to_owned(),
    }
}

/// Money in whole patacas: `MOP 112,881` (en, zh-Hant) or `MOP 112.881` (pt).
pub fn format_mop(locale: Locale, value: Decimal) -> String {
    format!("MOP {}", format_decimal(locale, value, 0))
}

/// A float amount (simulation outputs) in whole patacas; non-finite values show as "—".
pub fn format_mop_f64(locale: Locale, value: f64) -> String {
    // 15 significant digits: a float carries no more, and more would print binary noise.
    match Decimal::from_f64_retain(value).and_then(|d| d.round_sf(15)) {
        Some(d) if value.is_finite() => format_mop(locale, d),
        _ => "—".to_owned(),
    }
}

/// Compact money for chart labels and heatmap cells: `MOP 1.2M`, `MOP 35k`, `MOP 950`.
pub fn format_mop_compact(locale: Locale, value: f64) -> String {
    if !value.is_finite() {
        return "—".to_owned();
    }
    let (scaled, suffix) = if value.abs() >= 1e6 {
        (value / 1e6, "M")
    } else if value.abs() >= 1e3 {
        (value / 1e3, "k")
    } else {
        (value, "")
    };
    let places = if suffix.is_empty() || scaled.abs() >= 100.0 {
        0
    } else {
        1
    };
    let d = Decimal::from_f64_retain(scaled).unwrap_or_default();
    format!("MOP {}{}", format_decimal(locale, d, places), suffix)
}

/// A probability as a percentage with one decimal: `12.5%` / `12,5 %`.
pub fn format_percent(locale: Locale, fraction: f64) -> String {
    if !fraction.is_finite() {
        return "—".to_owned();
    }
    let d = Decimal::from_f64_retain(fraction * 100.0).unwrap_or_default();
    let n = format_decimal(locale, d, 1);
    match locale {
        Locale::Pt => format!("{n} %"),
        _ => format!("{n}%"),
    }
}

/// Parses a number the way people type it in `locale`: `1,234.5` (en, zh-Hant) or `1.234,5`
/// (pt), an optional leading `-`, an optional `MOP` prefix. Thousands separators must fall
/// between groups of three digits, so `8,05` in English or `8.05` in Portuguese — the other
/// language's decimal mark — is refused rather than read as 805. Exponents, `+`, `_` and inner
/// spaces are refused too. Full-width digits and marks (`１２３．５`) read as ASCII.
pub fn parse_decimal(locale: Locale, input: &str) -> Option<Decimal> {
    let (thousands, decimal) = locale.separators();
    if input.len() > 160 {
        return None;
    }
    // A Chinese input method types full-width digits and marks: read them as their ASCII forms.
    let ascii: String = input
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_digit(c as u32 - '０' as u32, 10).unwrap_or(c),
            '，' => ',',
            '．' => '.',
            '－' => '-',
            '\u{3000}' => ' ',
            _ => c,
        })
        .collect();
    let text = ascii.trim();
    let text = text
        .strip_prefix("MOP")
        .map(str::trim_start)
        .unwrap_or(text);
    if text.is_empty() || text.len() > 40 {
        return None;
    }
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (int_part, frac_part) = match unsigned.split_once(decimal) {
        Some((i, f)) => (i, Some(f)),
        None => (unsigned, None),
    };
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let groups: Vec<&str> = int_part.split(thousands).collect();
    let grouped_ok = match groups.as_slice() {
        [single] => all_digits(single),
        [first, rest @ ..] => {
            (1..=3).contains(&first.len())
                && all_digits(first)
                && rest.iter().all(|g| g.len() == 3 && all_digits(g))
        }
        [] => false,
    };
    let frac_ok = frac_part.is_none_or(|f| !f.is_empty() && all_digits(f));
    let has_digits = !int_part.is_empty() || frac_part.is_some_and(|f| !f.is_empty());
    if !grouped_ok || !frac_ok || !has_digits {
        return None;
    }
    let mut normal = String::with_capacity(text.len());
    if negative {
        normal.push('-');
    }
    normal.push_str(if int_part.is_empty() { "0" } else { "" });
    normal.extend(groups.iter().copied());
    if let Some(f) = frac_part {
        normal.push('.');
        normal.push_str(f);
    }
    normal.parse::<Decimal>().ok()
}

/// Whole-number helper for counts (users, trials) with the locale's grouping.
pub fn format_count(locale: Locale, value: u64) -> String {
    group_digits(&value.to_string(), locale.separators().0)
}
