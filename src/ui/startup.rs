//! Where the working scenario comes from when the page opens: a share link, else the autosave,
//! else the default preset. Every way in is hostile input: a bad link or stored value ends in a
//! banner and a working page, and nothing saved is overwritten by it.
use super::autosave::{keep_previous_autosave, readable_autosave, saved_scenario};
use super::banner::error_banner;
use super::browser_zlib::decode_fragment;
use super::preset_locale::{localize_preset, relocalize};
use super::share_link::{clear_fragment, current_fragment, is_link_attempt};
use super::Banner;
use crate::model::catalog::Catalog;
use crate::model::presets;
use crate::model::scenario::Scenario;
use crate::model::share::ShareError;

/// The share link in the address bar when the page opened, already read (the browser's
/// decompression is asynchronous, so it is read before the app mounts: the page never shows
/// another scenario first). `None`: no link.
#[derive(Default)]
pub struct OpeningLink(pub Option<Result<Scenario, ShareError>>);

impl OpeningLink {
    /// Reads the address bar's share link, if any, its preset names in the reader's language
    /// (`locale`), whichever language the link was made in.
    pub async fn read(catalog: &Catalog, locale: crate::i18n::Locale) -> Self {
        let fragment = current_fragment();
        if !is_link_attempt(&fragment) {
            return Self(None);
        }
        let mut decoded = decode_fragment(&fragment, catalog).await;
        if let Ok(s) = &mut decoded {
            link_in_language(s, locale).await;
        }
        Self(Some(decoded))
    }
}

/// Puts a link's preset names (made in any language) into `locale`'s words. The words of a
/// language the page has not loaded are fetched first, only when the scenario has a preset's
/// options; if they cannot be fetched, those names stay as the link has them.
pub async fn link_in_language(scenario: &mut Scenario, locale: crate::i18n::Locale) {
    if !has_preset_options(scenario) {
        return;
    }
    for from in crate::i18n::Locale::ALL {
        if from == locale || super::language::ensure_loaded(from).await.is_err() {
            continue;
        }
        relocalize(scenario, from, locale);
    }
}

/// Whether any option of `scenario` has the id of a built-in preset's option.
fn has_preset_options(scenario: &Scenario) -> bool {
    scenario.options.iter().any(|o| {
        presets::names()
            .iter()
            .any(|name| presets::load(name).is_ok_and(|p| p.options.iter().any(|po| po.id == o.id)))
    })
}

/// How the app starts: the scenario, the banner to show if something could not be read, and
/// whether the scenario is the autosave itself (then there is nothing new to save).
pub struct Start {
    pub scenario: Scenario,
    pub notice: Option<Banner>,
    pub from_autosave: bool,
    /// The reader's own saved work a share link replaced (for an Undo offer, as a preset gives).
    pub replaced: Option<Scenario>,
    /// No link, no `?preset=`, no saved work: the first questions open (issue 19).
    pub first_visit: bool,
}

/// Whether the first questions may open here: a top-level page, not an embed (a site that embeds
/// the app chose what it shows: `?preset=NAME`, or the example; "New comparison" is one click).
fn questions_may_open() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let top_level = window.top().ok().flatten().is_some_and(|top| top == window);
    let embed = window
        .location()
        .search()
        .ok()
        .and_then(|q| web_sys::UrlSearchParams::new_with_str(&q).ok())
        .is_some_and(|p| p.has(super::keys::Key::Embed.name()));
    top_level && !embed
}

/// Takes `?preset=` out of the address once it has done its job: a reload then shows the
/// reader's later edits (the autosave), as after a share link.
fn clear_preset_param() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    let Some(params) = location
        .search()
        .ok()
        .and_then(|q| web_sys::UrlSearchParams::new_with_str(&q).ok())
    else {
        return;
    };
    params.delete(super::keys::Key::Preset.name());
    let query = String::from(params.to_string());
    let url = format!(
        "{}{}{}",
        super::share_link::base_url(),
        if query.is_empty() { "" } else { "?" },
        query
    );
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// `?preset=NAME` in the address: a preset opened directly (consultants' links, embeds).
fn preset_in_address() -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search)
        .ok()?
        .get(super::keys::Key::Preset.name())
}

/// The scenario the app starts with: a share link if the URL has one, else the autosave, else
/// the default preset.
pub fn initial_scenario(
    catalog: &Catalog,
    locale: crate::i18n::Locale,
    link: OpeningLink,
) -> Result<Start, crate::model::error::ModelError> {
    let (link_problem, link_scenario) = match link.0 {
        Some(Ok(s)) => (None, Some(s)),
        Some(Err(e)) => {
            // Refused: shown in the banner; a reload should not refuse it again.
            clear_fragment();
            (Some(error_banner(&e)), None)
        }
        None => (None, None),
    };
    if let Some(scenario) = link_scenario {
        let replaced = readable_autosave(catalog).filter(|saved| *saved != scenario);
        keep_previous_autosave();
        // The link has done its job: without it in the address bar, a reload shows the user's
        // later edits (the autosave) instead of the link's scenario again.
        clear_fragment();
        return Ok(Start {
            scenario,
            notice: None,
            from_autosave: false,
            replaced,
            first_visit: false,
        });
    }
    // Read (and, if unreadable, set aside with a notice) the autosave first: a `?preset=` link
    // replaces it with an Undo, as a share link does.
    let (saved, storage_problem) = saved_scenario(catalog);
    let mut preset_problem = None;
    if let Some(name) = preset_in_address() {
        clear_preset_param();
        match presets::load(&name) {
            Ok(s) => {
                let scenario = localize_preset(&name, s, locale);
                let replaced = saved.filter(|saved| *saved != scenario);
                keep_previous_autosave();
                return Ok(Start {
                    scenario,
                    notice: link_problem.or(storage_problem),
                    from_autosave: false,
                    replaced,
                    first_visit: false,
                });
            }
            Err(e) => {
                preset_problem = Some(
                    super::Banner::new("error.preset")
                        .with_model_error(Some(e.clone()))
                        .with_detail(e.to_string()),
                )
            }
        }
    }
    let first_visit = preset_problem.is_none()
        && link_problem.is_none()
        && saved.is_none()
        && questions_may_open();
    let notice = link_problem.or(preset_problem).or(storage_problem);
    Ok(match saved {
        Some(scenario) => Start {
            scenario,
            notice,
            from_autosave: true,
            replaced: None,
            first_visit: false,
        },
        None => Start {
            scenario: localize_preset(presets::DEFAULT, presets::default_scenario()?, locale),
            notice,
            from_autosave: false,
            replaced: None,
            first_visit,
        },
    })
}
