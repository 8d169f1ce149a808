//! Every name the page shares with the browser, in one place: its localStorage keys, its URL query
//! parameters and the fragment that is an in-page anchor rather than a share link. Tests and
//! embedding pages rely on these names: they never change.
//!
//! ```ignore
//! let saved = Key::Scenario.load();
//! Key::Language.store(locale.tag());
//! let embed = Key::Embed.name(); // "embed", as in `?embed=1`
//! ```

/// A name the page uses outside itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    /// localStorage: the autosaved working scenario.
    Scenario,
    /// localStorage: an autosave that could not be read, moved aside so starting fresh does not
    /// destroy it.
    UnreadableScenario,
    /// localStorage: the autosave a share link replaced, kept once.
    PreviousScenario,
    /// localStorage: the reader's language.
    Language,
    /// URL query parameter `?embed=1`: compact page for an iframe.
    Embed,
    /// URL query parameter `?present=1`: presenter mode.
    Present,
    /// URL query parameter `?preset=NAME`: open a built-in preset directly.
    Preset,
    /// URL fragment `#main`: the skip link's target (the id of `<main>`), not a share link.
    MainAnchor,
}

impl Key {
    /// The name as the browser sees it.
    pub const fn name(self) -> &'static str {
        match self {
            Key::Scenario => "collab-risk.scenario",
            Key::UnreadableScenario => "collab-risk.scenario.unreadable",
            Key::PreviousScenario => "collab-risk.scenario.previous",
            Key::Language => "collab-risk.lang",
            Key::Embed => "embed",
            Key::Present => "present",
            Key::Preset => "preset",
            Key::MainAnchor => "main",
        }
    }

    /// The value stored under this localStorage key, if any (and if storage is available).
    pub fn load(self) -> Option<String> {
        local_storage()?.get_item(self.name()).ok().flatten()
    }

    /// Stores `value` under this localStorage key (nothing if storage is unavailable or full).
    pub fn store(self, value: &str) {
        if let Some(s) = local_storage() {
            let _ = s.set_item(self.name(), value);
        }
    }

    /// Removes this localStorage key.
    pub fn forget(self) {
        if let Some(s) = local_storage() {
            let _ = s.remove_item(self.name());
        }
    }
}

/// Whether this page can keep anything in localStorage: it can be missing, throw on access (a
/// cross-site iframe with storage blocked) or refuse writes (some private modes).
pub fn storage_works() -> bool {
    const PROBE: &str = "collab-risk.probe";
    local_storage().is_some_and(|s| {
        let written = s.set_item(PROBE, "1").is_ok();
        let _ = s.remove_item(PROBE);
        written
    })
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}
