//! Inputs that hold a refused entry: the results keep using their last valid value, and the page
//! says so next to the results instead of leaving old numbers unmarked.
//!
//! ```ignore
//! InvalidInputs::track(move || problem.with(Option::is_some)); // in an input component
//! view! { <StaleResultsNotice /> }                             // where results are shown
//! ```
use super::Tr;
use leptos::prelude::*;

/// How many inputs on the page hold a refused entry now. Provided once by `App`.
#[derive(Clone, Copy)]
pub struct InvalidInputs(pub RwSignal<u32>);

impl InvalidInputs {
    /// Counts the calling input while `is_invalid()` holds, for as long as the input lives.
    pub fn track(is_invalid: impl Fn() -> bool + 'static) {
        let Some(InvalidInputs(count)) = use_context::<InvalidInputs>() else {
            return;
        };
        let counted = StoredValue::new(false);
        Effect::new(move |_| {
            let now = is_invalid();
            if now != counted.get_value() {
                counted.set_value(now);
                count.update(|n| *n = if now { *n + 1 } else { n.saturating_sub(1) });
            }
        });
        on_cleanup(move || {
            if counted.try_get_value() == Some(true) {
                count.try_update(|n| *n = n.saturating_sub(1));
            }
        });
    }
}

/// "Some inputs are not valid: these results use their last valid values."
#[component]
pub fn StaleResultsNotice() -> impl IntoView {
    let tr = Tr::use_context();
    let count = use_context::<InvalidInputs>().map(|c| c.0);
    move || {
        count
            .is_some_and(|c| c.get() > 0)
            .then(|| view! { <p class="stale-notice" data-testid="stale-notice">{tr.t("notice.stale_results")}</p> })
    }
}
