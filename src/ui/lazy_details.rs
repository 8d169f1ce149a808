//! A `<details>` whose body is built the first time it is opened (or printed). Collapsed
//! checklists, fact editors and breakdowns are most of the page's DOM; on a phone, building them
//! before anyone looks delays the first results (issue 11, docs/size.md).
//!
//! ```ignore
//! view! {
//!     <LazyDetails class="facts" summary=move || tr.t("option.facts")>
//!         <PlatformFacts option_id=id.clone() />
//!     </LazyDetails>
//! }
//! ```
use super::print::Printing;
use leptos::prelude::*;

#[component]
pub fn LazyDetails(
    /// The `<details>` element's classes.
    #[prop(optional)]
    class: &'static str,
    /// The summary's content, always built, re-run when the signals it reads change.
    #[prop(into)]
    summary: ViewFn,
    /// The body: built when first opened, then kept (typed text is never lost by closing).
    children: ChildrenFn,
) -> impl IntoView {
    let opened = RwSignal::new(false);
    // Printing opens every section (src/ui/print.rs): the body must be there before the browser
    // lays the page out, which the toggle event (a later task) would be too late for.
    let printing = use_context::<Printing>();
    let built = move || opened.get() || printing.is_some_and(|p| p.get());
    view! {
        <details class=class on:toggle=move |ev| {
            let open = event_target::<web_sys::Element>(&ev).has_attribute("open");
            if open && !opened.get_untracked() {
                opened.set(true);
            }
        }>
            // Re-run when what it reads changes (the reader's language).
            <summary>{move || summary.run()}</summary>
            {move || built().then(|| children())}
        </details>
    }
}
