//! The autosave in localStorage: every valid change is saved; an unreadable save is moved aside
//! (and reported), never overwritten; the save a share link replaced is kept once.
use super::banner::error_banner;
use super::keys::Key;
use super::Banner;
use crate::model::catalog::Catalog;
use crate::model::scenario::Scenario;
use crate::model::storage::{decode_saved, encode_saved};

/// The last autosaved scenario; an unreadable one is moved aside and reported.
pub fn saved_scenario(catalog: &Catalog) -> (Option<Scenario>, Option<Banner>) {
    let Some(text) = Key::Scenario.load() else {
        return (None, None);
    };
    match decode_saved(&text, catalog) {
        Ok(saved) => (Some(saved.scenario), None),
        Err(e) => {
            Key::UnreadableScenario.store(&text);
            Key::Scenario.forget();
            (None, Some(error_banner(&e)))
        }
    }
}

/// The autosaved scenario if it can be read, leaving the store as it is (for an Undo offer).
pub fn readable_autosave(catalog: &Catalog) -> Option<Scenario> {
    let text = Key::Scenario.load()?;
    decode_saved(&text, catalog)
        .ok()
        .map(|saved| saved.scenario)
}

/// Before a share link replaces the working scenario, keep the autosave it replaces.
pub fn keep_previous_autosave() {
    if let Some(text) = Key::Scenario.load() {
        Key::PreviousScenario.store(&text);
    }
}

/// Saves the working scenario (called on every valid change).
pub fn autosave(scenario: &Scenario) {
    let now = js_sys::Date::new_0()
        .to_iso_string()
        .as_string()
        .unwrap_or_default();
    if let Ok(text) = encode_saved(scenario, &now) {
        Key::Scenario.store(&text);
    }
}
