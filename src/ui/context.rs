//! Typed contexts shared by the components.
use crate::i18n::{Locale, Translations};
use leptos::prelude::*;

/// The current language. Provided once by `App`; read with `use_context::<LocaleContext>()`.
#[derive(Clone, Copy)]
pub struct LocaleContext(pub RwSignal<Locale>);

/// A translation function bound to the current language: `tr.t("org.users")` is reactive.
#[derive(Clone, Copy)]
pub struct Tr {
    locale: RwSignal<Locale>,
}

impl Tr {
    /// The translator for the current context. Falls back to English outside `App`.
    pub fn use_context() -> Tr {
        let locale = use_context::<LocaleContext>()
            .map(|c| c.0)
            .unwrap_or_else(|| RwSignal::new(Locale::En));
        Tr { locale }
    }

    pub fn locale(&self) -> Locale {
        self.locale.get()
    }

    /// Reactive text for `key` in the current language.
    pub fn t(&self, key: &str) -> String {
        Translations::embedded()
            .text(self.locale.get(), key)
            .to_owned()
    }

    /// Reactive catalog text (`english` as the catalog has it) in the current language; `key`
    /// from [`crate::model::catalog_text`].
    pub fn c(&self, key: &str, english: &str) -> String {
        Translations::embedded()
            .catalog_text(self.locale.get(), key, english)
            .to_owned()
    }

    /// Reactive text with `{name}` placeholders filled in.
    pub fn f(&self, key: &str, args: &[(&str, &str)]) -> String {
        Translations::embedded().format(self.locale.get(), key, args)
    }
}
