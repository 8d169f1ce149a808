//! Translations are data files: every locale parses and has exactly English's keys, and every
//! `{placeholder}` of a text appears in each translation of it.
use collab_risk::i18n::{
    format_mop, format_mop_f64, format_number, format_percent, parse_decimal, BundleError, Locale,
    Translations,
};
use rust_decimal::Decimal;
use std::collections::BTreeSet;

fn placeholders(text: &str) -> BTreeSet<String> {
    text.split('{')
        .skip(1)
        .filter_map(|s| s.split_once('}').map(|(name, _)| name.to_owned()))
        .collect()
}

#[test]
fn every_locale_has_exactly_the_english_keys() {
    let parsed: Vec<_> = Translations::sources()
        .iter()
        .map(|(locale, text)| {
            (
                *locale,
                Translations::parse(text).unwrap_or_else(|e| panic!("{locale:?}: {e}")),
            )
        })
        .collect();
    let english = &parsed
        .iter()
        .find(|(l, _)| *l == Locale::En)
        .expect("English")
        .1;
    for (locale, map) in &parsed {
        let missing: Vec<_> = english.keys().filter(|k| !map.contains_key(*k)).collect();
        let extra: Vec<_> = map.keys().filter(|k| !english.contains_key(*k)).collect();
        assert!(missing.is_empty(), "{locale:?} is missing {missing:?}");
        assert!(
            extra.is_empty(),
            "{locale:?} has keys English lacks: {extra:?}"
        );
        for (key, text) in map {
            assert!(!text.trim().is_empty(), "{locale:?} {key} is empty");
            assert_eq!(
                placeholders(text),
                placeholders(&english[key]),
                "{locale:?} {key} placeholders"
            );
        }
    }
}

#[test]
fn money_and_percent_formats_follow_the_locale() {
    let v = Decimal::new(112_881_125, 3);
    assert_eq!(format_mop(Locale::En, v), "MOP 112,881");
    assert_eq!(format_mop(Locale::ZhHant, v), "MOP 112,881");
    assert_eq!(format_mop(Locale::Pt, v), "MOP 112.881");
    assert_eq!(format_mop(Locale::En, Decimal::new(5, 1)), "MOP 1");
    assert_eq!(
        format_mop(Locale::En, Decimal::from(-1_234_567)),
        "MOP −1,234,567"
    );
    assert_eq!(format_percent(Locale::En, 0.125), "12.5%");
    assert_eq!(format_percent(Locale::Pt, 0.125), "12,5 %");
    assert_eq!(
        parse_decimal(Locale::En, "MOP 1,234.5"),
        Some(Decimal::new(12345, 1))
    );
    assert_eq!(
        parse_decimal(Locale::Pt, "1.234,5"),
        Some(Decimal::new(12345, 1))
    );
    assert_eq!(parse_decimal(Locale::En, ""), None);
    // Full-width digits from a Chinese input method.
    assert_eq!(
        parse_decimal(Locale::ZhHant, "１，２３４．５"),
        Some(Decimal::new(12345, 1))
    );
    assert_eq!(
        parse_decimal(Locale::ZhHant, "１２３"),
        Some(Decimal::from(123))
    );
    assert_eq!(parse_decimal(Locale::ZhHant, "１２Ａ"), None);
    // Factors and facts keep their digits; amounts from the simulation lose binary noise.
    assert_eq!(format_number(Locale::Pt, 0.05), "0,05");
    assert_eq!(format_number(Locale::En, 560_000.0), "560,000");
    assert_eq!(format_number(Locale::Pt, 1.3), "1,3");
    assert_eq!(format_number(Locale::En, f64::NAN), "—");
    assert_eq!(
        format_mop_f64(Locale::En, 1.023e27 + 3.0e11),
        "MOP 1,023,000,000,000,000,000,000,000,000"
    );
    assert_eq!(parse_decimal(Locale::En, "1e400"), None);
    // The other language's decimal mark is refused, not read as a thousands separator.
    assert_eq!(parse_decimal(Locale::En, "8,05"), None);
    assert_eq!(parse_decimal(Locale::Pt, "8.05"), None);
    assert_eq!(parse_decimal(Locale::Pt, "12.5"), None);
    assert_eq!(
        parse_decimal(Locale::Pt, "8,05"),
        Some(Decimal::new(805, 2))
    );
    assert_eq!(
        parse_decimal(Locale::En, "1,234,567"),
        Some(Decimal::from(1_234_567))
    );
    assert_eq!(
        parse_decimal(Locale::En, "1234567"),
        Some(Decimal::from(1_234_567))
    );
    assert_eq!(parse_decimal(Locale::En, ".5"), Some(Decimal::new(5, 1)));
    assert_eq!(parse_decimal(Locale::En, "-3"), Some(Decimal::from(-3)));
    for bad in [
        "8 05", "1_000", "1e3", "+5", "1,23", "12,3456", ",123", "1.2.3", "-", ".", "5.", "--5",
        "MOP", "١٢",
    ] {
        assert_eq!(parse_decimal(Locale::En, bad), None, "{bad}");
    }
}

#[test]
fn browser_languages_map_to_what_we_ship() {
    assert_eq!(Locale::from_browser_tag("zh-MO"), Some(Locale::ZhHant));
    assert_eq!(Locale::from_browser_tag("pt-PT"), Some(Locale::Pt));
    assert_eq!(Locale::from_browser_tag("en-GB"), Some(Locale::En));
    assert_eq!(Locale::from_browser_tag("fr"), None);
}

/// Every model error code has a translated sentence in every language (the UI shows refused
/// scenarios in the reader's language, from the error's own fields).
#[test]
fn every_model_error_is_translated() {
    use collab_risk::model::error::ModelError as E;
    let p = || "options[0].platform".to_owned();
    let errors = [
        E::InvalidJson {
            path: p(),
            message: "x".into(),
        },
        E::WrongType {
            path: p(),
            expected: "x".into(),
        },
        E::MissingField { path: p() },
        E::UnknownField { path: p() },
        E::OutOfRange {
            path: p(),
            message: "x".into(),
        },
        E::InvalidChoice {
            path: p(),
            value: "x".into(),
            allowed: "a, b".into(),
        },
        E::UnknownPlatform {
            path: p(),
            id: "x".into(),
        },
        E::UnknownMeasure {
            path: p(),
            id: "x".into(),
        },
        E::UnknownPlatformField {
            path: p(),
            id: "x".into(),
        },
        E::UnknownSector {
            path: p(),
            id: "x".into(),
        },
        E::DuplicateId {
            path: p(),
            id: "x".into(),
        },
        E::OptionCount {
            path: p(),
            count: 7,
            min: 2,
            max: 6,
        },
        E::UnsupportedFormat {
            path: p(),
            found: "x".into(),
            expected: "y".into(),
        },
        E::UnsupportedVersion {
            path: p(),
            found: "9".into(),
            supported: 1,
        },
        E::Overflow {
            path: p(),
            message: "x".into(),
        },
        E::InvalidCatalog {
            path: p(),
            message: "x".into(),
        },
        E::UnknownPreset {
            path: p(),
            name: "x".into(),
        },
        E::InputTooLarge {
            path: p(),
            size: 9,
            max: 8,
        },
        E::NotUtf8 {
            path: p(),
            position: 3,
        },
    ];
    let t = Translations::embedded();
    for locale in Locale::ALL {
        for e in &errors {
            let key = format!("model_error.{}", e.code());
            assert_ne!(t.text(locale, &key), key, "{key} missing in {locale:?}");
        }
        assert_ne!(t.text(locale, "model_error.at"), "model_error.at");
        assert_ne!(
            t.text(locale, "model_error.not_between"),
            "model_error.not_between"
        );
    }
}

/// The catalog's English, as the reader sees it: `(key, text)` for every visible text.
fn visible_catalog_texts() -> Vec<(String, String)> {
    let catalog = collab_risk::model::catalog::Catalog::embedded().expect("embedded catalog");
    collab_risk::model::catalog_text::visible_texts(catalog)
}

/// Every catalog text a reader sees has a translation in each language, made from the current
/// English (a changed English text is reported as stale), and no file keeps keys the catalog no
/// longer has.
#[test]
fn every_visible_catalog_text_is_translated() {
    let english = visible_catalog_texts();
    assert!(english.len() > 40, "only {} visible texts?", english.len());
    for (locale, text) in Translations::catalog_sources() {
        let map = Translations::parse_catalog(text).unwrap_or_else(|e| panic!("{locale:?}: {e}"));
        let mut problems = Vec::new();
        for (key, en) in &english {
            match map.get(key) {
                None => problems.push(format!("missing {key}: {en:?}")),
                Some(t) if t.en != *en => problems.push(format!(
                    "stale {key}: English is now {en:?}, the translation is of {:?}",
                    t.en
                )),
                Some(t) if t.text.trim().is_empty() => problems.push(format!("empty {key}")),
                Some(_) => {}
            }
        }
        for key in map.keys() {
            if !english.iter().any(|(k, _)| k == key) {
                problems.push(format!("no longer in the catalog: {key}"));
            }
        }
        assert!(
            problems.is_empty(),
            "{locale:?} catalog texts (locales/catalog/{}.json):\n  {}",
            locale.tag(),
            problems.join("\n  ")
        );
    }
}

/// A note's key is made from its first words: two different notes must not share one.
#[test]
fn catalog_text_keys_tell_texts_apart() {
    let texts = visible_catalog_texts();
    for (i, (key, text)) in texts.iter().enumerate() {
        for (other_key, other) in &texts[i + 1..] {
            assert!(
                key != other_key,
                "{key} names two texts: {text:?} and {other:?} (lengthen NOTE_KEY_WORDS)"
            );
        }
    }
}

/// The UI looks catalog texts up through the same keys: a translated language shows the
/// translation, English (and an unknown key) the catalog's own text.
#[test]
fn catalog_text_lookup_falls_back_to_the_catalog() {
    let t = Translations::embedded();
    let key = collab_risk::model::catalog_text::note_key("estimate — enter your own quote");
    let en = "estimate — enter your own quote";
    assert_eq!(t.catalog_text(Locale::En, &key, en), en);
    assert_eq!(
        t.catalog_text(Locale::ZhHant, &key, en),
        "估算——請輸入您自己取得的報價"
    );
    assert_eq!(
        t.catalog_text(Locale::Pt, &key, en),
        "estimativa — introduza o seu próprio orçamento"
    );
    assert_eq!(t.catalog_text(Locale::Pt, "note.nothing_here", "x"), "x");
}

/// The browser loads a language on demand: until its bundle is installed, its texts fall back to
/// English; a bad bundle is refused with a reason, and never replaces English.
#[test]
fn language_bundles_install_on_demand() {
    let t = Translations::english_only();
    assert!(t.is_loaded(Locale::En));
    assert!(!t.is_loaded(Locale::Pt));
    assert_eq!(t.text(Locale::Pt, "app.title"), "collab-risk");
    assert_eq!(
        t.text(Locale::Pt, "org.users"),
        t.text(Locale::En, "org.users")
    );
    assert!(matches!(
        t.install_bundle(Locale::Pt, "not json"),
        Err(BundleError::Invalid(_))
    ));
    assert_eq!(
        t.install_bundle(Locale::Pt, r#"{"ui": {}, "catalog": {}}"#),
        Err(BundleError::Empty)
    );
    assert_eq!(
        t.install_bundle(Locale::En, r#"{"ui": {"a": "b"}, "catalog": {}}"#),
        Err(BundleError::English)
    );
    assert!(!t.is_loaded(Locale::Pt));
    let bundle =
        r#"{"ui": {"org.users": "Utilizadores"}, "catalog": {"source.estimate": "estimativa"}}"#;
    assert_eq!(t.install_bundle(Locale::Pt, bundle), Ok(()));
    assert!(t.is_loaded(Locale::Pt));
    assert_eq!(t.text(Locale::Pt, "org.users"), "Utilizadores");
    assert_eq!(t.text(Locale::Pt, "app.title"), "collab-risk");
    assert_eq!(
        t.catalog_text(Locale::Pt, "source.estimate", "estimate"),
        "estimativa"
    );
    let path = Translations::bundle_path(Locale::ZhHant).expect("zh-Hant is fetched");
    assert!(path.starts_with("i18n/zh-Hant.json?v="), "{path}");
    assert_eq!(Translations::bundle_path(Locale::En), None);
}

/// A language's glossary (`locales/glossary/<tag>.json`): preferred term → rejected variants.
fn glossary(locale: Locale) -> (Vec<(String, Vec<String>)>, Vec<String>) {
    let path = format!(
        "{}/locales/glossary/{}.json",
        env!("CARGO_MANIFEST_DIR"),
        locale.tag()
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
    let preferred = doc["preferred"]
        .as_object()
        .expect("preferred")
        .iter()
        .map(|(term, rejected)| {
            let rejected = rejected
                .as_array()
                .expect("an array")
                .iter()
                .map(|v| v.as_str().expect("a string").to_owned())
                .collect();
            (term.clone(), rejected)
        })
        .collect();
    let proper_names = doc["proper_names"]
        .as_array()
        .expect("proper_names")
        .iter()
        .map(|v| v.as_str().expect("a string").to_owned())
        .collect();
    (preferred, proper_names)
}

/// Every text a reader of `locale` sees from the data files: `(where, text)`.
fn texts_of(locale: Locale) -> Vec<(String, String)> {
    let (_, ui) = Translations::sources()
        .iter()
        .find(|(l, _)| *l == locale)
        .expect("a source");
    let mut out: Vec<(String, String)> = Translations::parse(ui)
        .expect("parses")
        .into_iter()
        .map(|(k, v)| (format!("locales/{}.json {k}", locale.tag()), v))
        .collect();
    match Translations::catalog_sources()
        .iter()
        .find(|(l, _)| *l == locale)
    {
        Some((_, text)) => out.extend(
            Translations::parse_catalog(text)
                .expect("parses")
                .into_iter()
                .map(|(k, v)| (format!("locales/catalog/{}.json {k}", locale.tag()), v.text)),
        ),
        None => out.extend(
            visible_catalog_texts()
                .into_iter()
                .map(|(k, v)| (format!("data/catalog.json {k}"), v)),
        ),
    }
    out
}

/// One term per concept: no rejected variant of a glossary entry in that language's texts.
#[test]
fn glossary_terms_are_used_consistently() {
    for locale in Locale::ALL {
        let (preferred, proper_names) = glossary(locale);
        assert!(!preferred.is_empty(), "{locale:?} glossary is empty");
        let mut problems = Vec::new();
        for (place, text) in texts_of(locale) {
            let mut text = text;
            for name in &proper_names {
                text = text.replace(name.as_str(), "");
            }
            for (term, rejected) in &preferred {
                for variant in rejected {
                    if text.contains(variant.as_str()) {
                        problems.push(format!("{place}: {variant:?} → use {term:?}"));
                    }
                }
            }
        }
        assert!(
            problems.is_empty(),
            "{locale:?} glossary (locales/glossary/{}.json):\n  {}",
            locale.tag(),
            problems.join("\n  ")
        );
    }
}

/// Amounts are written as the app formats them: the currency code first (`MOP 140.000`,
/// `USD 128`), never after the number or as a word (`140.000 MOP`, `112,881 澳門元`, `128 美元`),
/// and Chinese percentages without a space (`90%`).
#[test]
fn amounts_and_percentages_take_the_apps_own_form() {
    let after_number = [" MOP", " USD", " HKD", " CNY", "澳門元", "美元", "港元"];
    let mut problems = Vec::new();
    for locale in [Locale::ZhHant, Locale::Pt] {
        for (place, text) in texts_of(locale) {
            let chars: Vec<char> = text.chars().collect();
            for (i, c) in chars.iter().enumerate() {
                if !c.is_ascii_digit() {
                    continue;
                }
                let rest: String = chars[i + 1..].iter().take(6).collect();
                for unit in after_number {
                    let hit = if unit.starts_with(' ') {
                        rest.starts_with(unit)
                    } else {
                        rest.trim_start().starts_with(unit)
                    };
                    if hit {
                        problems.push(format!("{place}: amount before {unit:?} in {text:?}"));
                    }
                }
                if locale == Locale::ZhHant
                    && (rest.starts_with(" %") || rest.starts_with("\u{a0}%"))
                {
                    problems.push(format!("{place}: space before % in {text:?}"));
                }
            }
            for unit in ["MOP$", "US$"] {
                if text.contains(unit) {
                    problems.push(format!("{place}: {unit:?} → MOP / USD in {text:?}"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "\n  {}", problems.join("\n  "));
}

/// Every platform of the catalog has its name in each language (`platform_name.<id>`; the
/// locales share English's keys), so a new platform cannot slip in untranslated.
#[test]
fn every_platform_has_a_name_in_each_language() {
    let catalog = collab_risk::model::catalog::Catalog::embedded().expect("embedded catalog");
    let t = Translations::embedded();
    for p in &catalog.platforms {
        let key = format!("platform_name.{}", p.id);
        for locale in Locale::ALL {
            assert!(
                t.texts_have(locale, &key),
                "{key} missing in {locale:?} (locales/{}.json)",
                locale.tag()
            );
        }
    }
}
