//! Languages on demand: English is built into the wasm; 繁體中文 and Português are same-origin
//! files (`i18n/<tag>.json`, relative to the page) fetched the first time a reader needs one, so
//! a page in one language does not download the others.
use crate::i18n::{Locale, Translations};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Why a language's texts could not be loaded (the banner's technical detail, in English).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadError {
    /// No window to fetch from (not a browser page).
    NoWindow,
    /// The request failed: offline, blocked, or the file is missing from the deploy.
    Network,
    /// The server answered with an error status.
    Status(u16),
    /// The file is not a translation bundle.
    Bundle(String),
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::NoWindow => write!(f, "no browser window"),
            LoadError::Network => write!(f, "network error"),
            LoadError::Status(s) => write!(f, "HTTP {s}"),
            LoadError::Bundle(e) => write!(f, "{e}"),
        }
    }
}

/// Makes `locale`'s texts available: at once if built in or already fetched, else by fetching
/// its bundle. On failure nothing changes (the page keeps its language).
pub async fn ensure_loaded(locale: Locale) -> Result<(), LoadError> {
    let translations = Translations::embedded();
    let Some(path) = Translations::bundle_path(locale) else {
        return Ok(());
    };
    if translations.is_loaded(locale) {
        return Ok(());
    }
    let window = web_sys::window().ok_or(LoadError::NoWindow)?;
    let response = JsFuture::from(window.fetch_with_str(&path))
        .await
        .map_err(|_| LoadError::Network)?
        .dyn_into::<web_sys::Response>()
        .map_err(|_| LoadError::Network)?;
    if !response.ok() {
        return Err(LoadError::Status(response.status()));
    }
    let body = response.text().map_err(|_| LoadError::Network)?;
    let text = JsFuture::from(body)
        .await
        .map_err(|_| LoadError::Network)?
        .as_string()
        .ok_or(LoadError::Network)?;
    translations
        .install_bundle(locale, &text)
        .map_err(|e| LoadError::Bundle(e.to_string()))
}
