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
        });
    }
    let (saved, storage_problem) = saved_scenario(catalog);
    let notice = link_problem.or(storage_problem);
    Ok(match saved {
        Some(scenario) => Start {
            scenario,
            notice,
            from_autosave: true,
            replaced: None,
        },
        None => Start {
            scenario: localize_preset(presets::DEFAULT, presets::default_scenario()?, locale),
            notice,
            from_autosave: false,
            replaced: None,
        },
    })
}
