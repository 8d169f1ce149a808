//! Presenter mode (`?present=1`): one option in the spotlight, the `s` key switches it.
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The spotlighted option in presenter mode (index into the options), provided by `App`.
#[derive(Clone, Copy)]
pub struct Spotlight(pub RwSignal<usize>);

/// Presenter mode: the `s` key switches the spotlight between the first two options.
pub fn install_presenter_keys(spotlight: Spotlight) {
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        // Typing text keeps its "s"; anywhere else (a checkbox, a select, a button) S is the
        // shortcut, and a select must not take it as type-ahead (it would change the platform).
        let typing = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .map(|e| match e.tag_name().as_str() {
                "TEXTAREA" => true,
                "INPUT" => !matches!(
                    e.get_attribute("type").as_deref(),
                    Some("checkbox" | "radio" | "button" | "submit" | "reset" | "file")
                ),
                _ => e.has_attribute("contenteditable"),
            })
            .unwrap_or(false);
        if !typing
            && !ev.ctrl_key()
            && !ev.meta_key()
            && !ev.alt_key()
            && ev.key().eq_ignore_ascii_case("s")
        {
            ev.prevent_default();
            spotlight.0.update(|i| *i = if *i == 0 { 1 } else { 0 });
        }
    });
    on_cleanup(move || handle.remove());
}
