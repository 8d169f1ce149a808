//! The share link in the URL fragment: reading it from the address bar, writing a link for a
//! scenario, and clearing it once read.
use super::banner::error_banner;
use super::keys::Key;
use super::Banner;
use crate::model::scenario::Scenario;
use crate::model::share::encode_fragment;

/// The URL fragment without `#`.
pub fn current_fragment() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .map(|h| h.trim_start_matches('#').to_owned())
        .unwrap_or_default()
}

/// Whether a fragment is meant as a share link (not empty, not an in-page anchor).
pub fn is_link_attempt(fragment: &str) -> bool {
    !fragment.is_empty() && fragment != Key::MainAnchor.name()
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
