//! The error banner (`data-testid="error-banner"`): problems that are not about one field —
//! a scenario the model refuses, a bad link or file — in the current language, dismissible.
use super::focus::{focus_when_shown, return_focus};
use super::Tr;
use crate::i18n::{format_count, format_decimal};
use crate::model::error::{InputError, ModelError};
use leptos::prelude::*;

/// What the banner says: a translation key and its arguments, the model's own error when the
/// scenario was refused (translated from its fields), and the technical detail in English.
#[derive(Clone, Debug, PartialEq)]
pub struct Banner {
    pub key: String,
    pub args: Vec<(String, String)>,
    pub model_error: Option<ModelError>,
    pub detail: Option<String>,
}

impl Banner {
    pub fn new(key: impl Into<String>) -> Banner {
        Banner {
            key: key.into(),
            args: Vec::new(),
            model_error: None,
            detail: None,
        }
    }

    pub fn with_detail(mut self, detail: impl Into<String>) -> Banner {
        self.detail = Some(detail.into());
        self
    }

    pub fn with_model_error(mut self, error: Option<ModelError>) -> Banner {
        self.model_error = error;
        self
    }
}

/// Banner for a refused link, file or stored value: the translated message for its code, and
/// the untranslated detail (field path and message) for those who need it.
pub fn error_banner(e: &impl InputError) -> Banner {
    Banner::new(format!("error.{}", e.code()))
        .with_model_error(e.model_error().cloned())
        .with_detail(e.to_string())
}

/// A platform id as the reader names it (the id itself if the catalog does not know it).
fn platform_display(tr: Tr, id: &str) -> String {
    crate::model::catalog::Catalog::embedded()
        .ok()
        .and_then(|c| c.platform(id))
        .map(|p| super::option_card::platform_name(tr, p))
        .unwrap_or_else(|| id.to_owned())
}

/// A model error in the reader's language: what is wrong, from the error's own fields, after the
/// field path it is about (`options[0].platform: unknown platform “x”`). Free-text details
/// (a JSON parser's message, a range) stay in the English technical detail.
pub fn model_error_text(tr: Tr, e: &ModelError) -> String {
    let l = tr.locale();
    let args: Vec<(&str, String)> = match e {
        ModelError::InvalidChoice { value, allowed, .. } => {
            vec![("value", value.clone()), ("allowed", allowed.clone())]
        }
        ModelError::UnknownPlatform { id, .. }
        | ModelError::UnknownMeasure { id, .. }
        | ModelError::UnknownPlatformField { id, .. }
        | ModelError::UnknownSector { id, .. }
        | ModelError::DuplicateId { id, .. } => vec![("id", id.clone())],
        ModelError::UnknownPlan {
            platform,
            id,
            allowed,
            ..
        } => vec![
            ("platform", platform_display(tr, platform)),
            ("id", id.clone()),
            ("allowed", allowed.clone()),
        ],
        ModelError::PlanOverCap {
            platform,
            plan,
            cap,
            users,
            ..
        } => vec![
            ("platform", platform_display(tr, platform)),
            ("plan", super::option_card::plan_name(tr, platform, plan)),
            ("cap", format_count(l, u64::from(*cap))),
            ("users", format_count(l, u64::from(*users))),
        ],
        ModelError::OptionCount {
            count, min, max, ..
        } => vec![
            ("count", format_count(l, *count as u64)),
            ("min", format_count(l, *min)),
            ("max", format_count(l, *max)),
        ],
        ModelError::UnsupportedFormat {
            found, expected, ..
        } => vec![("found", found.clone()), ("expected", expected.clone())],
        ModelError::UnsupportedVersion {
            found, supported, ..
        } => vec![
            ("found", found.clone()),
            ("supported", supported.to_string()),
        ],
        ModelError::UnknownPreset { name, .. } => vec![("name", name.clone())],
        ModelError::InputTooLarge { size, max, .. } => vec![
            ("size", format_count(l, *size as u64)),
            ("max", format_count(l, *max)),
        ],
        ModelError::NotBetween { min, max, .. } => {
            let number = |n: &String| match n.parse::<rust_decimal::Decimal>() {
                Ok(d) => format_decimal(l, d, d.scale()),
                Err(_) => n.clone(),
            };
            vec![("min", number(min)), ("max", number(max))]
        }
        ModelError::NotUtf8 { position, .. } => {
            vec![("position", format_count(l, *position as u64))]
        }
        _ => Vec::new(),
    };
    let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let key = match e {
        ModelError::NotBetween { .. } => "model_error.not_between".to_owned(),
        _ => format!("model_error.{}", e.code()),
    };
    let text = tr.f(&key, &args);
    match e.path() {
        "" => text,
        path => tr.f("model_error.at", &[("path", path), ("text", &text)]),
    }
}

/// The English technical detail, folded away under a translated summary.
fn technical_detail(tr: Tr, detail: String) -> impl IntoView {
    view! {
        <details class="technical">
            <summary>{move || tr.t("banner.technical")}</summary>
            <code class="detail">{detail}</code>
        </details>
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
    // Where focus was when the banner appeared: Dismiss returns it there.
    let return_to = focus_when_shown(move || banner.with(Option::is_some));
    let dismiss = move |_| {
        banner.set(None);
        return_focus(return_to.get_value());
    };
    move || {
        banner.get().map(|b| {
            let args: Vec<(&str, &str)> = b
                .args
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            let text = tr.f(&b.key, &args);
            let reason = b.model_error.as_ref().map(|e| model_error_text(tr, e));
            view! {
                <div class="error-banner" role="alert" data-testid="error-banner">
                    <p>
                        <strong>{text}</strong>
                        {reason.map(|r| view! { <br /><span class="reason">{r}</span> })}
                    </p>
                    {b.detail.map(|d| technical_detail(tr, d))}
                    <button type="button" class="dismiss" on:click=dismiss>
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
        state.model_error().map(|e| {
            view! {
                <div class="model-error" role="alert" data-testid="model-error">
                    <strong>{tr.t("error.model")}</strong>
                    <br />
                    <span class="reason">{model_error_text(tr, &e)}</span>
                    {technical_detail(tr, e.to_string())}
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
    // Where focus was when the notice appeared: Undo and Dismiss return it there.
    let return_to = focus_when_shown(move || state.replaced.with(Option::is_some));
    let undo = move |_| {
        state.undo_replace();
        return_focus(return_to.get_value());
    };
    let dismiss = move |_| {
        state.replaced.set(None);
        return_focus(return_to.get_value());
    };
    // A live region that is always on the page, so screen readers announce what appears in it.
    let notice = move || {
        state.replaced.with(Option::is_some).then(|| {
            view! {
                <div class="undo-notice" data-testid="undo-notice">
                    <span>{tr.t(state.replaced_note.get())}</span>
                    <button type="button" data-testid="undo-button" on:click=undo>
                        {tr.t("undo.button")}
                    </button>
                    <button type="button" class="link" on:click=dismiss>
                        {tr.t("banner.dismiss")}
                    </button>
                </div>
            }
        })
    };
    view! { <div class="undo-live" role="status" aria-live="polite">{notice}</div> }
}
