//! Keyboard focus across changes that remove the focused control (a dismissed message, an undone
//! edit): focus goes back where the reader was, never to `<body>`.
//!
//! ```ignore
//! let before = focused_element();          // when the message appears
//! // … later, on Dismiss:
//! return_focus(before);                     // that control if it still exists, else <main>
//! ```
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

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
    leptos::prelude::request_animation_frame(move || {
        let target = element.filter(|e| e.is_connected()).or_else(|| {
            web_sys::window()?
                .document()?
                .get_element_by_id("main")?
                .dyn_into::<HtmlElement>()
                .ok()
        });
        if let Some(t) = target {
            let _ = t.focus();
        }
    });
}
