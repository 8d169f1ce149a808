//! Share, save, export: copy a link, download/upload the scenario JSON, download the results as
//! CSV, print the page as a report, copy an iframe snippet.
use super::autosave::keep_previous_autosave;
use super::banner::error_banner;
use super::keys::Key;
use super::preset_locale::report_title;
use super::print::Printing;
use super::share_link::{show_link_in_address_bar, CurrentLink};
use super::{AppState, Banner, BannerContext, InvalidInputs, Tr};
use crate::i18n::format_count;
use crate::model::export::{report_csv, scenario_json, UTF8_BOM};
use crate::model::import::{scenario_from_file, MAX_IMPORT_BYTES};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

/// Offers `text` as a file download (a blob URL; nothing leaves the machine).
pub(super) fn download(filename: &str, mime: &str, text: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or(JsValue::NULL)?;
    let a: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    a.set_href(&url);
    a.set_download(filename);
    a.click();
    web_sys::Url::revoke_object_url(&url)?;
    Ok(())
}

/// How many characters of the scenario name a file name keeps.
const STEM_CHARS: usize = 60;

/// A file-name-safe stem from the scenario name: letters and digits (any script, lower case),
/// every run of anything else one `-`, at most [`STEM_CHARS`] characters.
pub(super) fn file_stem(name: &str) -> String {
    let stem: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-")
        .chars()
        .take(STEM_CHARS)
        .collect::<String>()
        .trim_end_matches('-')
        .to_owned();
    if stem.is_empty() {
        "collab-risk".to_owned()
    } else {
        format!("collab-risk-{stem}")
    }
}

#[component]
pub fn SharePanel() -> impl IntoView {
    let state = AppState::use_context();
    let banner = expect_context::<BannerContext>();
    let tr = Tr::use_context();
    let link = RwSignal::new(None::<String>);
    let copied = RwSignal::new(false);
    let snippet = RwSignal::new(None::<String>);

    // While an input holds a refused entry (or the model refuses the scenario), a link or a file
    // would silently carry the last valid values: they wait for valid input, and say so.
    let invalid = use_context::<InvalidInputs>().map(|c| c.0);
    let waiting = move || invalid.is_some_and(|c| c.get() > 0) || state.model_error().is_some();

    let current_link = expect_context::<CurrentLink>();
    // Shows the link and copies it. Called in the click handler itself when the link is ready
    // (some browsers copy only while the click's gesture lasts), else once it is made.
    let deliver = move |url: String| {
        show_link_in_address_bar(&url);
        link.set(Some(url.clone()));
        // In an iframe the clipboard is usually not delegated (a console error, no copy): there
        // the link is shown selected for the person to copy.
        let framed = web_sys::window()
            .and_then(|w| w.parent().ok().flatten().map(|p| p != w))
            .unwrap_or(false);
        let clipboard = web_sys::window()
            .filter(|_| !framed)
            .map(|w| w.navigator().clipboard());
        if let Some(clipboard) = clipboard {
            let promise = clipboard.write_text(&url);
            leptos::task::spawn_local(async move {
                // Refused (e.g. an iframe without clipboard permission): the link stays
                // selectable in the field below.
                copied.set(wasm_bindgen_futures::JsFuture::from(promise).await.is_ok());
            });
        }
    };
    let copy_link = move |_| {
        copied.set(false);
        match current_link.ready(state) {
            Some(Ok(url)) => deliver(url),
            Some(Err(b)) => banner.show(b),
            None => leptos::task::spawn_local(async move {
                match current_link.now(state).await {
                    Ok(url) => deliver(url),
                    Err(b) => banner.show(b),
                }
            }),
        }
    };
    let export_json = move |_| {
        let (name, json) = state
            .scenario
            .with(|s| (report_title(s, tr.locale()), scenario_json(s)));
        match json {
            Ok(text) => {
                if download(
                    &format!("{}.json", file_stem(&name)),
                    "application/json",
                    &text,
                )
                .is_err()
                {
                    banner.show(Banner::new("error.download"));
                }
            }
            Err(e) => banner.show(Banner::new("error.export").with_detail(e.to_string())),
        }
    };
    let export_csv = move |_| {
        let name = state.scenario.with(|s| report_title(s, tr.locale()));
        match state.current_report() {
            Some(report) => {
                let text = format!("{UTF8_BOM}{}", report_csv(&report));
                if download(
                    &format!("{}.csv", file_stem(&name)),
                    "text/csv;charset=utf-8",
                    &text,
                )
                .is_err()
                {
                    banner.show(Banner::new("error.download"));
                }
            }
            None => banner.show(Banner::new("error.csv_not_ready")),
        }
    };
    let import = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        // Let the same file be chosen again later.
        input.set_value("");
        let size = file.size();
        if size > MAX_IMPORT_BYTES as f64 {
            let mut b = Banner::new("error.import_too_large");
            b.args = vec![
                ("size".into(), format_count(tr.locale(), size as u64)),
                (
                    "limit".into(),
                    format_count(tr.locale(), MAX_IMPORT_BYTES as u64),
                ),
            ];
            banner.show(b);
            return;
        }
        let promise = file.array_buffer();
        leptos::task::spawn_local(async move {
            match wasm_bindgen_futures::JsFuture::from(promise).await {
                Ok(buffer) => {
                    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
                    match scenario_from_file(&bytes, state.catalog) {
                        Ok(s) => {
                            keep_previous_autosave();
                            state.replace(s);
                            banner.0.set(None);
                        }
                        Err(e) => banner.show(error_banner(&e)),
                    }
                }
                Err(_) => banner.show(Banner::new("error.import_read")),
            }
        });
    };
    let embed = move |_| {
        leptos::task::spawn_local(async move {
            match current_link.now(state).await {
                Ok(url) => {
                    let with_embed = url.replacen('#', &format!("?{}=1#", Key::Embed.name()), 1);
                    let origin = web_sys::window()
                        .and_then(|w| w.location().origin().ok())
                        .unwrap_or_default();
                    // The frame fits its content: the app posts its height (a number, nothing else).
                    snippet.set(Some(format!(
                "<iframe id=\"collab-risk\" src=\"{with_embed}\" title=\"collab-risk\" width=\"100%\" height=\"900\" \
                 style=\"border:0\" loading=\"lazy\" referrerpolicy=\"no-referrer\" allow=\"clipboard-write\"></iframe>\n\
                 <script>\n\
                 addEventListener('message', (e) => {{\n\
                 \x20 if (e.origin !== '{origin}') return;\n\
                 \x20 const d = e.data;\n\
                 \x20 if (d && d.type === 'collab-risk:height' && Number.isFinite(d.height))\n\
                 \x20   document.getElementById('collab-risk').style.height = Math.ceil(d.height) + 'px';\n\
                 }});\n\
                 </script>"
            )))
                }
                Err(b) => banner.show(b),
            }
        });
    };
    // The printed report carries the scenario's link: made first if a change just happened.
    let printing = expect_context::<Printing>();
    let print = move |_| {
        leptos::task::spawn_local(async move {
            let _ = current_link.now(state).await;
            printing.print_page().await;
        });
    };
    view! {
        <section class="panel share-panel" aria-labelledby="share-heading">
            <h2 id="share-heading" class="sr-only">{move || tr.t("share.title")}</h2>
            {move || waiting().then(|| view! { <p class="stale-notice" id="share-wait" data-testid="share-wait">{tr.t("share.wait_valid")}</p> })}
            <div class="toolbar">
                <button type="button" data-testid="share-button" on:click=copy_link disabled=waiting
                    aria-describedby=move || waiting().then_some("share-wait")>{move || tr.t("share.copy_link")}</button>
                <button type="button" data-testid="export-json" on:click=export_json disabled=waiting
                    aria-describedby=move || waiting().then_some("share-wait")>{move || tr.t("share.export_json")}</button>
                <label class="button-like" for="import-file">{move || tr.t("share.import_json")}</label>
                <input id="import-file" class="visually-hidden-file" type="file" data-testid="import-file"
                    accept=".json,application/json" on:change=import />
                <button type="button" data-testid="export-csv" on:click=export_csv disabled=waiting
                    aria-describedby=move || waiting().then_some("share-wait")>{move || tr.t("share.export_csv")}</button>
                <button type="button" data-testid="print-button" on:click=print>{move || tr.t("share.print")}</button>
                <button type="button" data-testid="embed-button" on:click=embed disabled=waiting
                    aria-describedby=move || waiting().then_some("share-wait")>{move || tr.t("share.embed")}</button>
            </div>
            // Announced by screen readers: the copy happened (the label below changes silently).
            <p class="sr-only" role="status" aria-live="polite" data-testid="share-status">
                {move || copied.get().then(|| tr.t("share.copied"))}
            </p>
            {move || link.get().map(|url| view! {
                <div class="field">
                    <label for="share-link">{tr.t(if copied.get() { "share.copied" } else { "share.link" })}</label>
                    <input id="share-link" data-testid="share-link" type="text" readonly=true prop:value=url
                        on:focus=move |ev| {
                            if let Some(i) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                                i.select();
                            }
                        } />
                    <small class="help">{tr.t("share.link_help")}</small>
                </div>
            })}
            {move || snippet.get().map(|code| view! {
                <div class="field">
                    <label for="embed-snippet">{tr.t("share.embed_snippet")}</label>
                    <textarea id="embed-snippet" data-testid="embed-snippet" readonly=true rows="9" prop:value=code></textarea>
                    <small class="help">{tr.t("share.embed_help")}</small>
                </div>
            })}
        </section>
    }
}

/// Shown only when printing: what the report is, when it was made, and the link that reproduces it.
#[component]
pub fn PrintHeader() -> impl IntoView {
    let tr = Tr::use_context();
    let state = AppState::use_context();
    let current_link = expect_context::<CurrentLink>();
    let printing = expect_context::<Printing>();
    let link = move || current_link.current(state).unwrap_or_default();
    // The time of printing: read again when printing starts (and when the link changes).
    let date = move || {
        let _ = (link(), printing.get());
        js_sys::Date::new_0()
            .to_locale_string(tr.locale().tag(), &JsValue::UNDEFINED)
            .as_string()
            .unwrap_or_default()
    };
    view! {
        <div class="print-only print-header">
            <p><strong data-testid="print-report-title">{move || state.scenario.with(|s| report_title(s, tr.locale()))}</strong></p>
            <p>{move || tr.f("print.generated", &[("date", &date())])}</p>
            <p class="print-link">{move || tr.t("print.link")}" "<span>{link}</span></p>
        </div>
    }
}
