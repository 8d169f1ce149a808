//! Where the working scenario comes from and goes to: a share link in the URL fragment, the
//! autosave in localStorage, the defaults. Every way in is hostile input: a bad link or stored
//! value ends in a banner and a working page, and nothing saved is overwritten by it.
use super::Banner;
use crate::model::catalog::Catalog;
use crate::model::error::InputError;
use crate::model::presets;
use crate::model::scenario::Scenario;
use crate::model::share::{decode_fragment, encode_fragment};
use crate::model::storage::{decode_saved, encode_saved};

const SAVED_KEY: &str = "collab-risk.scenario";
/// Where an unreadable autosave is moved, so starting fresh does not destroy it.
const UNREADABLE_KEY: &str = "collab-risk.scenario.unreadable";
/// The autosave a share link replaced, kept once.
const PREVIOUS_KEY: &str = "collab-risk.scenario.previous";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The URL fragment without `#`.
pub fn current_fragment() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .map(|h| h.trim_start_matches('#').to_owned())
        .unwrap_or_default()
}

/// Whether a fragment is meant as a share link (not empty, not an in-page anchor).
pub fn is_link_attempt(fragment: &str) -> bool {
    !fragment.is_empty() && fragment != "main"
}

/// Banner for a refused link, file or stored value: the translated message for its code, and
/// the untranslated detail (field path and message) for those who need it.
pub fn error_banner(e: &impl InputError) -> Banner {
    Banner::new(format!("error.{}", e.code()))
        .with_model_error(e.model_error().cloned())
        .with_detail(e.to_string())
}

/// The last autosaved scenario; an unreadable one is moved aside and reported.
fn saved_scenario(catalog: &Catalog) -> (Option<Scenario>, Option<Banner>) {
    let Some(store) = storage() else {
        return (None, None);
    };
    let Some(text) = store.get_item(SAVED_KEY).ok().flatten() else {
        return (None, None);
    };
    match decode_saved(&text, catalog) {
        Ok(saved) => (Some(saved.scenario), None),
        Err(e) => {
            let _ = store.set_item(UNREADABLE_KEY, &text);
            let _ = store.remove_item(SAVED_KEY);
            (None, Some(error_banner(&e)))
        }
    }
}

/// How the app starts: the scenario, the banner to show if something could not be read, and
/// whether the scenario is the autosave itself (then there is nothing new to save).
pub struct Start {
    pub scenario: Scenario,
    pub notice: Option<Banner>,
    pub from_autosave: bool,
}

/// The scenario the app starts with: a share link if the URL has one, else the autosave, else
/// the default preset.
pub fn initial_scenario(
    catalog: &Catalog,
    locale: crate::i18n::Locale,
) -> Result<Start, crate::model::error::ModelError> {
    let fragment = current_fragment();
    let (link_problem, link_scenario) = if is_link_attempt(&fragment) {
        match decode_fragment(&fragment, catalog) {
            Ok(s) => (None, Some(s)),
            Err(e) => {
                // Refused: shown in the banner; a reload should not refuse it again.
                clear_fragment();
                (Some(error_banner(&e)), None)
            }
        }
    } else {
        (None, None)
    };
    if let Some(scenario) = link_scenario {
        keep_previous_autosave();
        // The link has done its job: without it in the address bar, a reload shows the user's
        // later edits (the autosave) instead of the link's scenario again.
        clear_fragment();
        return Ok(Start {
            scenario,
            notice: None,
            from_autosave: false,
        });
    }
    let (saved, storage_problem) = saved_scenario(catalog);
    let notice = link_problem.or(storage_problem);
    Ok(match saved {
        Some(scenario) => Start {
            scenario,
            notice,
            from_autosave: true,
        },
        None => Start {
            scenario: super::state::localize_preset(
                presets::DEFAULT,
                presets::default_scenario()?,
                locale,
            ),
            notice,
            from_autosave: false,
        },
    })
}

/// Before a share link replaces the working scenario, keep the autosave it replaces.
pub fn keep_previous_autosave() {
    if let Some(store) = storage() {
        if let Ok(Some(text)) = store.get_item(SAVED_KEY) {
            let _ = store.set_item(PREVIOUS_KEY, &text);
        }
    }
}

/// Saves the working scenario (called on every valid change).
pub fn autosave(scenario: &Scenario) {
    let now = js_sys::Date::new_0()
        .to_iso_string()
        .as_string()
        .unwrap_or_default();
    if let (Some(store), Ok(text)) = (storage(), encode_saved(scenario, &now)) {
        let _ = store.set_item(SAVED_KEY, &text);
    }
}

/// The page's URL without fragment and without `embed`/`present` parameters.
pub fn base_url() -> String {
    let Some(location) = web_sys::window().map(|w| w.location()) else {
        return String::new();
    };
    let origin = location.origin().unwrap_or_default();
    let path = location.pathname().unwrap_or_default();
    format!("{origin}{path}")
}

/// A full share URL for `scenario`.
pub fn share_url(scenario: &Scenario) -> Result<String, Banner> {
    encode_fragment(scenario)
        .map(|f| format!("{}#{f}", base_url()))
        .map_err(|e| error_banner(&e))
}

/// Puts the share fragment in the address bar without reloading or adding history entries.
pub fn show_link_in_address_bar(url: &str) {
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(url));
    }
}

/// Removes the fragment from the address bar (no reload, no history entry).
pub fn clear_fragment() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    let url = format!("{}{}", base_url(), location.search().unwrap_or_default());
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}
