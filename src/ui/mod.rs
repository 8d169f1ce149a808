//! The web UI: small Leptos components that only wire signals to model functions.
mod app;
mod context;
mod number_field;

pub use app::App;
pub use context::{LocaleContext, Tr};
pub use number_field::NumberField;

/// Mounts the app on `<body>`. Called by `main` in the browser.
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}
