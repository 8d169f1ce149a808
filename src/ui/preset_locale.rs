//! Built-in presets in the reader's language.
use crate::i18n::{Locale, Translations};
use crate::model::fields::FieldValue;
use crate::model::presets;
use crate::model::scenario::{Organisation, Scenario};

/// A preset in the reader's language: its name, option labels and claim texts come from the
/// locale files (`preset.<name>.<option id>`), falling back to the preset's own English text.
pub fn localize_preset(name: &str, mut scenario: Scenario, locale: Locale) -> Scenario {
    let t = Translations::embedded();
    let lookup = |key: String| t.lookup(locale, &key).map(str::to_owned);
    if let Some(n) = lookup(format!("preset.{name}.name")) {
        scenario.name = n;
    }
    for option in &mut scenario.options {
        if let Some(label) = lookup(format!("preset.{name}.{}", option.id)) {
            option.label = label;
        }
        // A described operator ("overseas provider") is words, not a name: in the reader's too.
        if let Some(operator) = lookup(format!("preset.{name}.{}.data_operator", option.id)) {
            if option.overrides.get("data_operator").is_some() {
                let _ = option
                    .overrides
                    .set("data_operator", FieldValue::Text(operator));
            }
        }
    }
    if let Some(claim) = lookup(format!("preset.{name}.claim")) {
        for c in &mut scenario.claims {
            c.text = claim.clone();
        }
    }
    scenario
}

/// Whether `label` is a built-in preset's name for option `option_id`, in English or any language
/// (not something the reader typed).
pub fn is_preset_option_label(option_id: &str, label: &str) -> bool {
    let t = Translations::embedded();
    presets::names().iter().any(|name| {
        presets::load(name).is_ok_and(|original| {
            original.options.iter().any(|o| {
                o.id == option_id
                    && (o.label == label
                        || Locale::ALL.into_iter().any(|l| {
                            t.lookup(l, &format!("preset.{name}.{option_id}")) == Some(label)
                        }))
            })
        })
    })
}

/// Puts the built-in presets' texts that are still in `from`'s words (never edited) into `to`'s
/// words, so a reader who switches language sees the preset's names in it; whatever the reader
/// typed stays as typed. Whether anything changed.
pub fn relocalize(scenario: &mut Scenario, from: Locale, to: Locale) -> bool {
    let t = Translations::embedded();
    let text = |l: Locale, key: &str, english: &str| t.lookup(l, key).unwrap_or(english).to_owned();
    let mut changed = false;
    let mut operator_changed = false;
    // Each text is put into the new language once, by the first preset it belongs to (another
    // preset's old words never match a text already swapped).
    let mut done = std::collections::HashSet::new();
    let mut swap = |field: usize, current: &mut String, key: String, english: &str| {
        if !done.contains(&field) && *current == text(from, &key, english) {
            done.insert(field);
            let wanted = text(to, &key, english);
            if wanted != *current {
                *current = wanted;
                changed = true;
            }
        }
    };
    for name in presets::names() {
        let Ok(original) = presets::load(name) else {
            continue;
        };
        // Fields: 0 the name, 1.. the options, then the claims.
        swap(
            0,
            &mut scenario.name,
            format!("preset.{name}.name"),
            &original.name,
        );
        let options = scenario.options.len();
        for (i, option) in scenario.options.iter_mut().enumerate() {
            if let Some(o) = original.options.iter().find(|o| o.id == option.id) {
                swap(
                    1 + i,
                    &mut option.label,
                    format!("preset.{name}.{}", o.id),
                    &o.label,
                );
            }
        }
        for option in scenario.options.iter_mut() {
            let Some(o) = original.options.iter().find(|o| o.id == option.id) else {
                continue;
            };
            let Some(FieldValue::Text(english)) = o.overrides.get("data_operator") else {
                continue;
            };
            let key = format!("preset.{name}.{}.data_operator", o.id);
            if let Some(FieldValue::Text(current)) = option.overrides.get("data_operator") {
                if *current == text(from, &key, english) {
                    let wanted = text(to, &key, english);
                    if wanted != *current {
                        let _ = option
                            .overrides
                            .set("data_operator", FieldValue::Text(wanted));
                        operator_changed = true;
                    }
                }
            }
        }
        if let Some(claim) = original.claims.first() {
            for (i, c) in scenario.claims.iter_mut().enumerate() {
                swap(
                    1 + options + i,
                    &mut c.text,
                    format!("preset.{name}.claim"),
                    &claim.text,
                );
            }
        }
    }
    changed || operator_changed
}

/// Each built-in preset's id, English name and organisation, read once (the report's title is
/// worked out on every change, off the parsing of every preset).
fn preset_organisations() -> &'static [(&'static str, String, Organisation)] {
    static CELL: std::sync::OnceLock<Vec<(&'static str, String, Organisation)>> =
        std::sync::OnceLock::new();
    CELL.get_or_init(|| {
        presets::names()
            .iter()
            .filter_map(|p| presets::load(p).ok().map(|s| (*p, s.name, s.organisation)))
            .collect()
    })
}

/// The organisation of the built-in preset whose name (in English or any loaded language) `name` is.
fn preset_named(name: &str) -> Option<&'static Organisation> {
    let t = Translations::embedded();
    preset_organisations()
        .iter()
        .find(|(p, english, _)| {
            english == name
                || Locale::ALL
                    .into_iter()
                    .any(|l| t.lookup(l, &format!("preset.{p}.name")) == Some(name))
        })
        .map(|(_, _, organisation)| organisation)
}

/// The report's title: the scenario's name, unless it is blank or a preset's name that no
/// longer describes the organisation (users, client records or sector changed); then the
/// organisation in words ("Finance — 120 staff, 20,000 client records"), in `locale`.
pub fn report_title(scenario: &Scenario, locale: Locale) -> String {
    let name = scenario.name.trim();
    let stale = name.is_empty() || preset_named(name).is_some_and(|o| *o != scenario.organisation);
    if !stale {
        return name.to_owned();
    }
    let t = Translations::embedded();
    let o = &scenario.organisation;
    let sector = t.text(locale, &format!("sector.{}", o.sector)).to_owned();
    t.format(
        locale,
        "print.title_inputs",
        &[
            ("sector", &sector),
            (
                "users",
                &crate::i18n::format_count(locale, u64::from(o.users)),
            ),
            (
                "records",
                &crate::i18n::format_count(locale, o.data_subjects),
            ),
        ],
    )
}
