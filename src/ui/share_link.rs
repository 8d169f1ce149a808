//! The share link in the URL fragment: reading it from the address bar, writing a link for a
//! scenario, and clearing it once read.
use super::banner::error_banner;
use super::browser_zlib::encode_fragment;
use super::keys::Key;
use super::{AppState, Banner};
use crate::model::scenario::Scenario;
use leptos::prelude::*;
use std::time::Duration;

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
pub async fn share_url(scenario: &Scenario) -> Result<String, Banner> {
    encode_fragment(scenario)
        .await
        .map(|f| format!("{}#{f}", base_url()))
        .map_err(|e| error_banner(&e))
}

/// How long after the last change the link is made: off the typing path.
const SETTLE_MS: u64 = 250;

/// The working scenario's share link. The browser compresses asynchronously, so the link is made
/// a moment after each change and kept: the printed report shows it (the Print button makes it
/// first if need be), and "Copy link" uses it (or, clicked first, makes it).
#[derive(Clone, Copy)]
pub struct CurrentLink {
    /// The last link made, with the revision of the scenario it encodes.
    made: RwSignal<Option<(u64, Result<String, Banner>)>>,
}

impl CurrentLink {
    pub fn install(state: AppState) -> CurrentLink {
        let link = CurrentLink {
            made: RwSignal::new(None),
        };
        Effect::new(move |_| {
            let revision = state.revision();
            // Off the typing path: made once the reader pauses (a newer change has its own timer).
            set_timeout(
                move || {
                    if state.revision_untracked() == revision {
                        leptos::task::spawn_local(async move {
                            let _ = link.now(state).await;
                        });
                    }
                },
                Duration::from_millis(SETTLE_MS),
            );
        });
        link
    }

    /// The link for the scenario as it is now: the one already made if it is current, else
    /// made now.
    pub async fn now(self, state: AppState) -> Result<String, Banner> {
        let revision = state.revision_untracked();
        if let Some(made) = self.made_for(revision) {
            return made;
        }
        let scenario = state.scenario.get_untracked();
        let result = share_url(&scenario).await;
        if state.revision_untracked() == revision {
            self.made.set(Some((revision, result.clone())));
        }
        result
    }

    /// The link if it has been made for the scenario as it is now (untracked): what a click
    /// handler can use at once, while it still holds the reader's gesture.
    pub fn ready(self, state: AppState) -> Option<Result<String, Banner>> {
        self.made_for(state.revision_untracked())
    }

    fn made_for(self, revision: u64) -> Option<Result<String, Banner>> {
        self.made.with_untracked(|m| {
            m.as_ref()
                .filter(|(r, _)| *r == revision)
                .map(|(_, link)| link.clone())
        })
    }

    /// The link if it encodes the scenario as it is now (tracked), else nothing: a printed
    /// report never carries an older scenario's link.
    pub fn current(self, state: AppState) -> Option<String> {
        let revision = state.revision();
        self.made.with(|m| match m {
            Some((r, Ok(url))) if *r == revision => Some(url.clone()),
            _ => None,
        })
    }
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
