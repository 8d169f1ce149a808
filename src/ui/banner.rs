//! The error banner (`data-testid="error-banner"`): problems that are not about one field —
//! a scenario the model refuses, a bad link or file — in the current language, dismissible.
use super::Tr;
use leptos::prelude::*;

/// What the banner says: a translation key, its arguments, and an untranslated detail (a field path).
#[derive(Clone, Debug, PartialEq)]
pub struct Banner {
    pub key: String,
    pub args: Vec<(String, String)>,
    pub detail: Option<String>,
}

impl Banner {
    pub fn new(key: impl Into<String>) -> Banner {
        Banner {
            key: key.into(),
            args: Vec::new(),
            detail: None,
        }
    }

    pub fn with_detail(mut self, detail: impl Into<String>) -> Banner {
        self.detail = Some(detail.into());
        self
    }
}

/// The banner's signal, provided by `App`.
#[derive(Clone, Copy)]
pub struct BannerContext(pub RwSignal<Option<Banner>>);

impl BannerContext {
    pub fn show(&self, banner: Banner) {
        self.0.set(Some(banner));
    }
}

#[component]
pub fn ErrorBanner() -> impl IntoView {
    let BannerContext(banner) = expect_context::<BannerContext>();
    let tr = Tr::use_context();
    move || {
        banner.get().map(|b| {
            let args: Vec<(&str, &str)> = b
                .args
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            let text = tr.f(&b.key, &args);
            view! {
                <div class="error-banner" role="alert" data-testid="error-banner">
                    <p>
                        <strong>{text}</strong>
                        {b.detail.map(|d| view! { <br /><code class="detail">{d}</code> })}
                    </p>
                    <button type="button" class="dismiss" on:click=move |_| banner.set(None)>
                        {move || tr.t("banner.dismiss")}
                    </button>
                </div>
            }
        })
    }
}

/// Why the current inputs cannot be evaluated (the last valid results stay on screen).
#[component]
pub fn ModelErrorNotice() -> impl IntoView {
    let state = super::AppState::use_context();
    let tr = Tr::use_context();
    move || {
        state.model_error.get().map(|e| {
            view! {
                <div class="model-error" role="alert" data-testid="model-error">
                    <strong>{tr.t("error.model")}</strong>
                    <br />
                    <code class="detail">{e.to_string()}</code>
                </div>
            }
        })
    }
}

/// After a preset, link or file replaced the working scenario: one click puts it back.
#[component]
pub fn UndoReplaceNotice() -> impl IntoView {
    let state = super::AppState::use_context();
    let tr = Tr::use_context();
    move || {
        state.replaced.with(Option::is_some).then(|| {
            view! {
                <div class="undo-notice" role="status" data-testid="undo-notice">
                    <span>{tr.t("undo.replaced")}</span>
                    <button type="button" data-testid="undo-button" on:click=move |_| state.undo_replace()>
                        {tr.t("undo.button")}
                    </button>
                    <button type="button" class="link" on:click=move |_| state.replaced.set(None)>
                        {tr.t("banner.dismiss")}
                    </button>
                </div>
            }
        })
    }
}
