//! Printing: what the page does around the browser's print.
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Whether the page is being printed (tracked): sections built on demand build themselves for it.
#[derive(Clone, Copy)]
pub struct Printing(RwSignal<bool>);

impl Printing {
    pub fn get(self) -> bool {
        self.0.get()
    }

    /// The Print button: builds what printing needs, then opens the browser's print. `print()`
    /// blocks the task that calls it while the page is laid out, so what `beforeprint` sets off
    /// would come too late from inside it; here the sections are built (and the link shown) a
    /// task before.
    pub async fn print_page(self) {
        self.0.set(true);
        next_task().await;
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    }
}

/// Resolves in a later task (after the reactive updates queued now have run).
async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let later = web_sys::window()
            .map(|w| w.set_timeout_with_callback(&resolve).is_ok())
            .unwrap_or(false);
        if !later {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Opens every `<details>` before printing (closed ones would print empty) and restores them after.
/// Provides [`Printing`] to the components below.
pub fn install_print_hooks() {
    let printing = RwSignal::new(false);
    provide_context(Printing(printing));
    let opened: std::rc::Rc<std::cell::RefCell<Vec<web_sys::Element>>> = Default::default();
    let opened_before = opened.clone();
    let before = window_event_listener_untyped("beforeprint", move |_| {
        // The bodies of unopened sections are built in the microtasks that follow this handler,
        // before the browser lays the page out for print.
        printing.set(true);
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
        printing.set(false);
        for el in opened.borrow_mut().drain(..) {
            let _ = el.remove_attribute("open");
        }
    });
    on_cleanup(move || {
        before.remove();
        after.remove();
    });
}
