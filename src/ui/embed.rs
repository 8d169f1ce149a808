//! Embedded in another page (`?embed=1`): the parent learns the content's height, so its iframe
//! fits without a scroll bar.
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

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
