//! Page modes from the query string: `?embed=1` (compact, no page chrome, posts its height to the
//! parent page) and `?present=1` (large type, advanced inputs hidden, one key to switch the
//! spotlight between two options). Also the print hooks.
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// How the page is shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PageMode {
    pub embed: bool,
    pub present: bool,
}

/// The spotlighted option in presenter mode (index into the options), provided by `App`.
#[derive(Clone, Copy)]
pub struct Spotlight(pub RwSignal<usize>);

fn flag(params: &web_sys::UrlSearchParams, name: &str) -> bool {
    matches!(params.get(name).as_deref(), Some("1" | "true" | "yes" | ""))
}

impl PageMode {
    pub fn from_location() -> PageMode {
        let search = web_sys::window()
            .and_then(|w| w.location().search().ok())
            .unwrap_or_default();
        match web_sys::UrlSearchParams::new_with_str(&search) {
            Ok(p) => PageMode {
                embed: flag(&p, "embed"),
                present: flag(&p, "present"),
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

/// The content's height as the parent needs it for the iframe: the body's box (a block
/// formatting context in embed mode, so no margin escapes it). Not `documentElement.scrollHeight`, which never drops below the frame's own
/// height, so a parent that sizes the frame from it could grow it but never shrink it.
fn document_height() -> f64 {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
        .map(|b| b.get_bounding_client_rect().height().ceil())
        .unwrap_or(0.0)
}

/// In an iframe, tells the parent page the document height whenever it changes:
/// `{ type: "collab-risk:height", height }` (only a number: nothing about the scenario leaves).
pub fn post_height_to_parent() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(Some(parent)) = window.parent() else {
        return;
    };
    // Not framed: the parent is the window itself.
    if parent == window {
        return;
    }
    let last = std::cell::Cell::new(-1.0_f64);
    let send = move || {
        let height = document_height();
        if (height - last.get()).abs() >= 1.0 {
            last.set(height);
            let message = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&message, &"type".into(), &"collab-risk:height".into());
            let _ = js_sys::Reflect::set(&message, &"height".into(), &height.into());
            let _ = parent.post_message(&message, "*");
        }
    };
    send();
    let callback = Closure::<dyn FnMut()>::new(send);
    if let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
        if let Some(body) = window.document().and_then(|d| d.body()) {
            observer.observe(&body);
        }
    }
    // Lives as long as the page: one observer for the page's lifetime.
    callback.forget();
}

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

/// Opens every `<details>` before printing (closed ones would print empty) and restores them after.
pub fn install_print_hooks(on_before: impl Fn() + 'static) {
    let opened: std::rc::Rc<std::cell::RefCell<Vec<web_sys::Element>>> = Default::default();
    let opened_before = opened.clone();
    let before = window_event_listener_untyped("beforeprint", move |_| {
        on_before();
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        if let Ok(list) = doc.query_selector_all("details:not([open])") {
            let mut opened = opened_before.borrow_mut();
            for i in 0..list.length() {
                if let Some(el) = list
                    .item(i)
                    .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
                {
                    let _ = el.set_attribute("open", "");
                    opened.push(el);
                }
            }
        }
    });
    let after = window_event_listener_untyped("afterprint", move |_| {
        for el in opened.borrow_mut().drain(..) {
            let _ = el.remove_attribute("open");
        }
    });
    on_cleanup(move || {
        before.remove();
        after.remove();
    });
}
