//! Translations are data files: every locale parses and has exactly English's keys, and every
//! `{placeholder}` of a text appears in each translation of it.
use collab_risk::i18n::{
    format_mop, format_mop_f64, format_number, format_percent, parse_decimal, Locale, Translations,
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
