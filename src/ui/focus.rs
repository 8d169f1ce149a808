//! Keyboard focus across changes that remove the focused control (a dismissed message, an undone
//! edit): focus goes back where the reader was, never to `<body>`.
//!
//! ```ignore
//! let return_to = focus_when_shown(move || banner.with(Option::is_some)); // as it appears
//! // … later, on Dismiss:
//! return_focus(return_to.get_value());   // that control if it still exists, else <main>
//! ```
use super::keys::Key;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

/// Where focus was each time `shown()` turned true (a message appearing), for [`return_focus`].
pub fn focus_when_shown(
    shown: impl Fn() -> bool + 'static,
) -> StoredValue<Option<HtmlElement>, LocalStorage> {
    let return_to = StoredValue::new_local(None);
    Effect::new(move |was_shown: Option<bool>| {
        let now = shown();
        if now && was_shown != Some(true) {
            return_to.set_value(focused_element());
        }
        now
    });
    return_to
}

/// The element that has keyboard focus now (`None` for `<body>` or none).
pub fn focused_element() -> Option<HtmlElement> {
    let doc = web_sys::window()?.document()?;
    let active = doc.active_element()?;
    if doc
        .body()
        .is_some_and(|b| b.is_same_node(Some(active.as_ref())))
    {
        return None;
    }
    active.dyn_into::<HtmlElement>().ok()
}

/// Focuses `element` after the next frame (once the DOM has followed the change) if it is still
/// on the page, else the main region, so the next Tab continues from a sensible place.
pub fn return_focus(element: Option<HtmlElement>) {
    request_animation_frame(move || {
        let target = element.filter(|e| e.is_connected()).or_else(|| {
            web_sys::window()?
                .document()?
                .get_element_by_id(Key::MainAnchor.name())?
                .dyn_into::<HtmlElement>()
                .ok()
        });
        if let Some(t) = target {
            let _ = t.focus();
        }
    });
}
