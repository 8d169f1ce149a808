//! Built-in presets in the reader's language.
use crate::i18n::{Locale, Translations};
use crate::model::scenario::Scenario;

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
    }
    if let Some(claim) = lookup(format!("preset.{name}.claim")) {
        for c in &mut scenario.claims {
            c.text = claim.clone();
        }
    }
    scenario
}
