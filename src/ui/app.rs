//! The app shell: header (title, preset, language), banner, inputs, option cards, results.
use super::analyses::Analyses;
use super::autosave::{autosave, keep_previous_autosave};
use super::banner::error_banner;
use super::banner::{ErrorBanner, ModelErrorNotice, UndoReplaceNotice};
use super::browser_zlib::decode_fragment;
use super::embed::post_height_to_parent;
use super::inputs::ScenarioInputs;
use super::keys::{storage_works, Key};
use super::methodology::MethodologyPanel;
use super::modes::PageMode;
use super::option_card::OptionCards;
use super::presenter::{install_presenter_keys, Spotlight};
use super::preset_locale::localize_preset;
use super::print::install_print_hooks;
use super::print_inputs::PrintOrganisation;
use super::print_report::{PrintAssumptions, PrintTitle};
use super::results::{ClaimsPanel, ResultsSection};
use super::share_link::{clear_fragment, current_fragment, is_link_attempt, CurrentLink};
use super::share_panel::{PrintHeader, SharePanel};
use super::startup::{initial_scenario, link_in_language, OpeningLink};
use super::tornado::Tornado;
use super::verdict::Verdict;
use super::{AppState, Banner, BannerContext, CatalogContext, LocaleContext, Tr};
use crate::i18n::{Locale, Translations};
use crate::model::catalog::Catalog;
use crate::model::presets;
use leptos::prelude::*;

/// The remembered language, else the browser's, else English.
pub(super) fn initial_locale() -> Locale {
    let stored = Key::Language.load().and_then(|t| Locale::from_tag(&t));
    stored.or_else(browser_locale).unwrap_or(Locale::En)
}

fn browser_locale() -> Option<Locale> {
    let nav = web_sys::window()?.navigator();
    nav.languages()
        .iter()
        .filter_map(|v| v.as_string())
        .chain(nav.language())
        .find_map(|tag| Locale::from_browser_tag(&tag))
}

/// `link`: the share link the page opened with, read before mounting (see `ui::start`).
#[component]
pub fn App(link: OpeningLink, draft: super::start::StartDraft) -> impl IntoView {
    // `start` fetched the reader's language before mounting; if that failed, English it is.
    let wanted = initial_locale();
    let available = Translations::embedded().is_loaded(wanted);
    let locale = RwSignal::new(if available { wanted } else { Locale::En });
    provide_context(LocaleContext(locale));
    let banner = BannerContext(RwSignal::new(None));
    provide_context(banner);
    if !available {
        banner.show(language_banner(wanted, None));
    }
    provide_context(super::InvalidInputs(RwSignal::new(0)));

    Effect::new(move |_| {
        let l = locale.get();
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = el.set_attribute("lang", l.tag());
        }
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            doc.set_title(Translations::embedded().text(l, "app.document_title"));
        }
        Key::Language.store(l.tag());
    });

    let mode = PageMode::from_location();
    mode.apply_to_document();
    provide_context(mode);
    let spotlight = Spotlight(RwSignal::new(0));
    provide_context(spotlight);
    if mode.present {
        install_presenter_keys(spotlight);
    }
    if mode.embed {
        post_height_to_parent();
    }

    match Catalog::embedded()
        .and_then(|c| initial_scenario(c, locale.get_untracked(), link).map(|start| (c, start)))
    {
        Ok((catalog, start)) => {
            provide_context(CatalogContext(catalog));
            // A first visit opens on the questions, unless Compare (with valid answers) or Skip
            // was pressed on the static ones while the wasm arrived: then that is done at once.
            let tr0 = Tr::use_context();
            let early = start
                .first_visit
                .then(|| super::start::answer_pressed_early(tr0, catalog, &draft))
                .flatten();
            let questions_open = start.first_visit && early.is_none();
            let state = AppState::new(catalog, early.unwrap_or(start.scenario));
            provide_context(super::start::StartOpen(RwSignal::new(questions_open)));
            let draft = StoredValue::new(draft);
            provide_context(draft);
            // The revision the autosave holds, so an unchanged scenario is not written again.
            let saved_at_start = start.from_autosave.then(|| untrack(|| state.revision()));
            provide_context(state);
            if let Some(b) = start.notice {
                banner.show(b);
            }
            if let Some(previous) = start.replaced {
                state.offer_undo(previous, "undo.link_replaced");
            }
            // Autosave every valid change.
            Effect::new(move |last_saved: Option<Option<u64>>| {
                let last_saved = last_saved.unwrap_or(saved_at_start);
                let valid = state.evaluation.with(|e| e.error.is_none());
                let revision = state.revision();
                if valid && last_saved != Some(revision) {
                    state.scenario.with_untracked(autosave);
                    return Some(revision);
                }
                last_saved
            });
            // A share link pasted into the address bar of the open page.
            let hash = window_event_listener_untyped("hashchange", move |_| {
                let fragment = current_fragment();
                if is_link_attempt(&fragment) {
                    leptos::task::spawn_local(async move {
                        let mut decoded = decode_fragment(&fragment, catalog).await;
                        if let Ok(s) = &mut decoded {
                            link_in_language(s, locale.get_untracked()).await;
                        }
                        // Another link pasted meanwhile wins: only the address bar's current one applies.
                        if current_fragment() != fragment {
                            return;
                        }
                        match decoded {
                            Ok(s) => {
                                keep_previous_autosave();
                                state.replace(s);
                                banner.0.set(None);
                            }
                            Err(e) => banner.show(error_banner(&e)),
                        }
                        clear_fragment();
                    });
                }
            });
            on_cleanup(move || hash.remove());
            view! { <Shell /> }.into_any()
        }
        Err(e) => {
            // Cannot happen with the shipped data (tests load both); say so rather than panic.
            banner.show(Banner::new("error.catalog").with_detail(e.to_string()));
            view! { <Header /> <ErrorBanner /> }.into_any()
        }
    }
}

#[component]
fn Shell() -> impl IntoView {
    let state = AppState::use_context();
    provide_context(Analyses::install(state));
    provide_context(CurrentLink::install(state));
    install_print_hooks();
    let mode = use_context::<PageMode>().unwrap_or_default();
    let tr = Tr::use_context();
    // The first questions, while open, stand in for the rest of the page.
    let questions = super::start::StartOpen::use_context().map(|o| o.0);
    let draft = use_context::<StoredValue<super::start::StartDraft>>()
        .unwrap_or_else(|| StoredValue::new(Default::default()));
    view! {
        <Header />
        <main id=Key::MainAnchor.name() tabindex="-1">
            {mode.present.then(|| view! { <p class="presenter-hint" data-testid="presenter-hint">{move || tr.t("presenter.hint")}</p> })}
            <PrintTitle />
            <PrintHeader />
            <PrintOrganisation />
            // What just happened (a refused link or file, an undo offer): kept in view at the
            // bottom of the screen, never over the verdict bar at the top.
            <div class="notices">
                <ErrorBanner />
                <UndoReplaceNotice />
            </div>
            <Show
                when=move || questions.is_some_and(|q| q.get())
                fallback=|| view! {
                    <ModelErrorNotice />
                    <Verdict />
                    <StorageNotice />
                    <ClaimsPanel />
                    <ScenarioInputs />
                    <OptionCards />
                    <ResultsSection />
                    <Tornado />
                    <PrintAssumptions />
                    <SharePanel />
                    <MethodologyPanel />
                }
            >
                <super::start::StartQuestions draft />
            </Show>
        </main>
        <Footer />
    }
}

/// Without storage (a cross-site iframe, some private modes) nothing is autosaved: say so once,
/// with what keeps the work instead.
#[component]
fn StorageNotice() -> impl IntoView {
    let tr = Tr::use_context();
    (!storage_works()).then(|| {
        view! { <p class="stale-notice" data-testid="storage-notice">{move || tr.t("notice.no_storage")}</p> }
    })
}

#[component]
fn Header() -> impl IntoView {
    let tr = Tr::use_context();
    let has_state = use_context::<AppState>().is_some();
    view! {
        <a class="skip-link" href=format!("#{}", Key::MainAnchor.name())>{move || tr.t("app.skip")}</a>
        <header class="app-header">
            <div class="brand">
                <h1 data-testid="app-title">{move || tr.t("app.title")}</h1>
                <p class="tagline">{move || tr.t("app.tagline")}</p>
            </div>
            <div class="header-controls">
                {has_state.then(|| view! { <PresetSelect /> <super::start::NewComparisonButton /> })}
                <LanguageSelect />
            </div>
        </header>
    }
}

#[component]
fn Footer() -> impl IntoView {
    let tr = Tr::use_context();
    view! { <footer class="app-footer"><p>{move || tr.t("app.footer")}</p></footer> }
}

/// "The 繁體中文 texts could not be loaded", in the page's current language.
fn language_banner(wanted: Locale, error: Option<super::language::LoadError>) -> Banner {
    let mut b = Banner::new("error.language");
    b.args = vec![("language".to_owned(), wanted.native_name().to_owned())];
    if let Some(e) = error {
        b = b.with_detail(e.to_string());
    }
    b
}

#[component]
fn LanguageSelect() -> impl IntoView {
    let LocaleContext(locale) = expect_context::<LocaleContext>();
    let banner = expect_context::<BannerContext>();
    let tr = Tr::use_context();
    // Absent when the catalog failed to load (the header alone is shown).
    let state = use_context::<AppState>();
    let switch_to = move |l: Locale| {
        let from = locale.get_untracked();
        locale.set(l);
        if let Some(state) = state {
            state.update_texts(|s| super::preset_locale::relocalize(s, from, l));
        }
    };
    // The language last asked for: a slow fetch for an earlier choice must not win.
    let requested = RwSignal::new(None::<Locale>);
    let select = NodeRef::<leptos::html::Select>::new();
    view! {
        <div class="field compact">
            <label for="lang-select">{move || tr.t("lang.label")}</label>
            <select
                id="lang-select"
                data-testid="lang-select"
                node_ref=select
                aria-busy=move || requested.get().is_some().then_some("true")
                on:change=move |ev| {
                    let Some(l) = Locale::from_tag(&event_target_value(&ev)) else { return };
                    if Translations::embedded().is_loaded(l) {
                        requested.set(None);
                        switch_to(l);
                        return;
                    }
                    requested.set(Some(l));
                    wasm_bindgen_futures::spawn_local(async move {
                        let result = super::language::ensure_loaded(l).await;
                        if requested.get_untracked() != Some(l) {
                            return;
                        }
                        requested.set(None);
                        match result {
                            Ok(()) => switch_to(l),
                            Err(e) => {
                                // The picker shows the language the page is still in.
                                if let Some(s) = select.get_untracked() {
                                    s.set_value(locale.get_untracked().tag());
                                }
                                banner.show(language_banner(l, Some(e)));
                            }
                        }
                    });
                }
            >
                {Locale::ALL
                    .into_iter()
                    .map(|l| {
                        view! {
                            <option value=l.tag() lang=l.tag() selected=move || locale.get() == l>
                                {l.native_name()}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// Loads a built-in scenario (replacing the working one).
#[component]
fn PresetSelect() -> impl IntoView {
    let state = AppState::use_context();
    let banner = expect_context::<BannerContext>();
    let tr = Tr::use_context();
    let selected = RwSignal::new(String::new());
    let questions = super::start::StartOpen::use_context();
    // The picker names a preset only while the scenario is that preset: the first edit clears it.
    let loaded_at = StoredValue::new(0u64);
    Effect::new(move |_| {
        let revision = state.revision();
        // The preset's names put into another language: still the preset.
        if revision == state.relabelled_at() && loaded_at.get_value().wrapping_add(1) == revision {
            loaded_at.set_value(revision);
            return;
        }
        let edited = revision != loaded_at.get_value();
        if edited && selected.with_untracked(|s| !s.is_empty()) {
            selected.set(String::new());
        }
    });
    view! {
        <div class="field compact">
            <label for="preset-select">{move || tr.t("preset.label")}</label>
            <select
                id="preset-select"
                data-testid="preset-select"
                prop:value=move || selected.get()
                on:change=move |ev| {
                    let name = event_target_value(&ev);
                    match presets::load(&name) {
                        Ok(s) => {
                            let s = localize_preset(&name, s, tr.locale());
                            keep_previous_autosave();
                            state.replace(s);
                            // A notice about the scenario that was there (e.g. a refused link,
                            // "showing your last saved scenario") no longer describes the page.
                            banner.0.set(None);
                            loaded_at.set_value(untrack(|| state.revision()));
                            selected.set(name);
                            // A preset answers instead of the first questions.
                            if let Some(q) = questions {
                                q.0.set(false);
                            }
                        }
                        Err(e) => banner.show(Banner::new("error.preset").with_detail(e.to_string())),
                    }
                }
            >
                <option value="" disabled=true>{move || tr.t("preset.choose")}</option>
                {presets::names()
                    .iter()
                    .map(|name| {
                        let key = format!("preset.{name}");
                        view! { <option value=*name>{move || tr.t(&key)}</option> }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}
