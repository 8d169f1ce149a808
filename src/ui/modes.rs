//! Page modes from the query string: `?embed=1` (compact, no page chrome, posts its height to the
//! parent page: [`super::embed`]) and `?present=1` (large type, advanced inputs hidden, one key to
//! switch the spotlight between two options: [`super::presenter`]).
use super::keys::Key;

/// How the page is shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PageMode {
    pub embed: bool,
    pub present: bool,
}

fn flag(params: &web_sys::UrlSearchParams, key: Key) -> bool {
    matches!(
        params.get(key.name()).as_deref(),
        Some("1" | "true" | "yes" | "")
    )
}

impl PageMode {
    pub fn from_location() -> PageMode {
        let search = web_sys::window()
            .and_then(|w| w.location().search().ok())
            .unwrap_or_default();
        match web_sys::UrlSearchParams::new_with_str(&search) {
            Ok(p) => PageMode {
                embed: flag(&p, Key::Embed),
                present: flag(&p, Key::Present),
            },
            Err(_) => PageMode::default(),
        }
    }

    /// Classes on `<html>` that the stylesheet keys on.
    pub fn apply_to_document(self) {
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let list = el.class_list();
            if self.embed {
                let _ = list.add_1("embed");
            }
            if self.present {
                let _ = list.add_1("present");
            }
        }
    }
}
