//! The web UI: small Leptos components that only wire signals to model functions.
//! Charts live in [`crate::charts`]; all numbers come from [`crate::model`].
mod action_plan;
mod analyses;
mod app;
mod autosave;
mod banner;
mod best_config;
mod browser_zlib;
mod canvas_chart;
mod context;
mod decision_words;
mod embed;
mod field_editor;
mod focus;
mod inputs;
mod invalid;
mod keys;
mod language;
mod lazy_details;
mod measures;
mod methodology;
mod modes;
mod number_field;
mod option_card;
mod presenter;
mod preset_locale;
mod print;
mod print_inputs;
mod print_report;
mod results;
mod share_link;
mod share_panel;
mod start;
mod startup;
mod state;
mod tornado;
mod verdict;

pub use app::App;
pub use banner::{Banner, BannerContext};
pub use context::{LocaleContext, Tr};
pub use invalid::{InvalidInputs, StaleResultsNotice};
pub use modes::PageMode;
pub use number_field::NumberField;
pub use presenter::Spotlight;
pub use state::{AppState, CatalogContext};

/// Mounts the app on `<body>`, in place of the static first view. Called by `main` in the browser.
pub fn start() {
    // Development builds print a panic's message to the console. The release build aborts on
    // panic without a message (panic=immediate-abort, see the Makefile), so the hook is left out.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    // A reader whose language is not built in sees the page once its texts are here (or, if
    // they cannot be fetched, in English with a notice): never a page that changes language.
    // A share link is read (the browser inflates it asynchronously) before mounting too, so the
    // page opens on the link's scenario.
    let locale = app::initial_locale();
    let link_waiting = share_link::is_link_attempt(&share_link::current_fragment());
    if crate::i18n::Translations::embedded().is_loaded(locale) && !link_waiting {
        mount(startup::OpeningLink::default());
    } else {
        wasm_bindgen_futures::spawn_local(async move {
            // A failure is shown by `App`, which finds the language still missing.
            let _ = language::ensure_loaded(locale).await;
            let link = match crate::model::catalog::Catalog::embedded() {
                Ok(catalog) => startup::OpeningLink::read(catalog, locale).await,
                // `App` reports the catalog itself.
                Err(_) => startup::OpeningLink::default(),
            };
            mount(link);
        });
    }
}

/// Mounts the app in place of index.html's static first view (shown while the wasm and the reader's
/// language loaded), in the same task: no frame shows both or neither.
fn mount(link: startup::OpeningLink) {
    // What the static first questions hold, read before they go with the first view.
    let draft = start::StartDraft::read();
    if let Some(first_view) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("boot"))
    {
        first_view.remove();
    }
    use leptos::prelude::*;
    leptos::mount::mount_to_body(move || view! { <App link=link draft=draft /> });
    // For the benchmark: when the page's DOM is built (its phone figures split the load by it).
    #[cfg(feature = "bench")]
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark("app-mounted");
    }
}
