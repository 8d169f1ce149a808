//! The first questions (issue 19): a first visit opens on them; Compare builds the reader's own
//! comparison ([`StartAnswers::scenario`]), Skip opens an example. index.html has the same
//! questions as plain HTML, answerable while the wasm arrives: [`StartDraft::read`] takes what was
//! typed there (and whether Compare or Skip was pressed) when the app mounts.
use super::invalid::InvalidInputs;
use super::number_field::NumberField;
use super::option_card::platform_name;
use super::preset_locale::localize_preset;
use super::{AppState, Tr};
use crate::model::catalog::Catalog;
use crate::model::presets;
use crate::model::scenario::Scenario;
use crate::model::start::{offered_platforms, suggested_platforms, StartAnswers, Today};
use leptos::prelude::*;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use wasm_bindgen::JsCast;

/// The example Skip opens.
const EXAMPLE_PRESET: &str = "bank-200";

/// What the static first questions held when the app mounted.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StartDraft {
    /// The static questions were on screen (a first visit, as public/boot.js saw it).
    pub shown: bool,
    pub users: Option<String>,
    pub sector: Option<String>,
    pub today: Option<String>,
    pub data: Option<String>,
    pub records: Option<String>,
    /// Checked platforms, when the questions were shown.
    pub consider: Option<Vec<String>>,
    /// `compare` or `skip`, when one was pressed before the app was ready.
    pub pressed: Option<String>,
}

impl StartDraft {
    /// Reads index.html's `#start-form` (before the first view is removed).
    pub fn read() -> StartDraft {
        let Some(form) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("start-form"))
        else {
            return StartDraft::default();
        };
        let shown = !form.has_attribute("hidden");
        let value = |selector: &str| -> Option<String> {
            let el = form.query_selector(selector).ok().flatten()?;
            if let Some(i) = el.dyn_ref::<web_sys::HtmlInputElement>() {
                return Some(i.value());
            }
            el.dyn_ref::<web_sys::HtmlSelectElement>()
                .map(|s| s.value())
        };
        let consider = form
            .query_selector_all("input[name=\"consider\"]")
            .ok()
            .map(|list| {
                (0..list.length())
                    .filter_map(|i| list.item(i))
                    .filter_map(|n| n.dyn_into::<web_sys::HtmlInputElement>().ok())
                    .filter(|i| i.checked())
                    .map(|i| i.value())
                    .collect()
            });
        StartDraft {
            shown,
            users: value("#start-users"),
            sector: value("#start-sector"),
            today: value("#start-today"),
            data: value("#start-data"),
            records: value("#start-records"),
            consider: shown.then_some(consider).flatten(),
            pressed: form.get_attribute("data-pressed"),
        }
    }
}

/// Whether the first questions are open (the rest of the page waits behind them).
#[derive(Clone, Copy)]
pub struct StartOpen(pub RwSignal<bool>);

impl StartOpen {
    pub fn use_context() -> Option<StartOpen> {
        use_context::<StartOpen>()
    }
}

/// The answers as the form holds them.
#[derive(Clone, Copy)]
struct Form {
    users: RwSignal<Decimal>,
    sector: RwSignal<String>,
    today: RwSignal<String>,
    clients: RwSignal<bool>,
    records: RwSignal<Decimal>,
    consider: RwSignal<Vec<String>>,
    /// The reader chose platforms: a sector change no longer replaces them.
    consider_touched: RwSignal<bool>,
}

impl Form {
    fn answers(&self, catalog: &Catalog) -> Option<StartAnswers> {
        let users = self.users.get_untracked().to_u32()?;
        let records = if self.clients.get_untracked() {
            self.records.get_untracked().to_u64()?
        } else {
            0
        };
        let today = Today::from_id(&self.today.get_untracked())?;
        let mut a = StartAnswers::new(users, &self.sector.get_untracked(), today, records, catalog);
        a.consider = self.consider.get_untracked();
        Some(a)
    }
}

/// Builds the reader's comparison from the answers (names in the reader's language).
fn build(tr: Tr, catalog: &Catalog, answers: &StartAnswers) -> Option<Scenario> {
    let mut s = answers
        .scenario(
            catalog,
            |p| platform_name(tr, p),
            &tr.t("start.option_today"),
            &tr.t("start.option_best"),
        )
        .ok()?;
    s.name = tr.f(
        "start.scenario_name",
        &[
            (
                "users",
                &crate::i18n::format_count(tr.locale(), u64::from(answers.users)),
            ),
            ("sector", &tr.t(&format!("sector.{}", answers.sector))),
        ],
    );
    Some(s)
}

/// What the static questions asked for, done as soon as the app mounts: the reader's comparison
/// if Compare was pressed with valid answers, the example if Skip was. `None`: the questions stay
/// open (with what was typed, and its field messages).
pub fn answer_pressed_early(tr: Tr, catalog: &Catalog, draft: &StartDraft) -> Option<Scenario> {
    match draft.pressed.as_deref() {
        Some("skip") => presets::load(EXAMPLE_PRESET)
            .ok()
            .map(|s| localize_preset(EXAMPLE_PRESET, s, tr.locale())),
        Some("compare") => {
            let users = draft.users.as_deref()?;
            let limits = &catalog.limits;
            let count = |text: &str, min: u64, max: u64| {
                crate::input::validate(
                    tr.locale(),
                    text,
                    Decimal::from(min),
                    Decimal::from(max),
                    true,
                )
                .ok()
            };
            let users = count(users, limits.users.min, limits.users.max)?.to_u32()?;
            let clients = draft.data.as_deref() != Some("staff");
            let records = if clients {
                count(
                    draft.records.as_deref()?,
                    limits.data_subjects.min,
                    limits.data_subjects.max,
                )?
                .to_u64()?
            } else {
                0
            };
            let sector = draft
                .sector
                .clone()
                .filter(|s| catalog.sector(s).is_some())?;
            let today = Today::from_id(draft.today.as_deref()?)?;
            let mut a = StartAnswers::new(users, &sector, today, records, catalog);
            if let Some(c) = &draft.consider {
                a.consider = c.clone();
            }
            build(tr, catalog, &a)
        }
        _ => None,
    }
}

/// The questions, prefilled from the static form (first visit) or the current scenario (a
/// returning reader's "New comparison").
#[component]
pub fn StartQuestions(draft: StoredValue<StartDraft>) -> impl IntoView {
    let state = AppState::use_context();
    let tr = Tr::use_context();
    let Some(StartOpen(open)) = StartOpen::use_context() else {
        return ().into_any();
    };
    let catalog = state.catalog;
    // The questions count their own invalid fields (Compare waits for them), in a context of
    // their own: the page's inputs, built after, must not count into it.
    let invalid = InvalidInputs(RwSignal::new(0));
    let d = draft.get_value();
    let (users0, subjects0, sector0) = state.scenario.with_untracked(|s| {
        (
            s.organisation.users,
            s.organisation.data_subjects,
            s.organisation.sector.clone(),
        )
    });
    let sector = d
        .sector
        .clone()
        .filter(|s| catalog.sector(s).is_some())
        .unwrap_or(if d.shown { "general".into() } else { sector0 });
    let form = Form {
        users: RwSignal::new(Decimal::from(if d.shown { 20 } else { users0 })),
        sector: RwSignal::new(sector.clone()),
        today: RwSignal::new(
            d.today
                .clone()
                .filter(|t| Today::from_id(t).is_some())
                .unwrap_or_else(|| Today::StaffChatGroups.id().to_owned()),
        ),
        clients: RwSignal::new(d.data.as_deref() != Some("staff")),
        records: RwSignal::new(Decimal::from(if d.shown { 1000 } else { subjects0.max(1) })),
        consider: RwSignal::new(d.consider.clone().unwrap_or_else(|| {
            suggested_platforms(&sector)
                .iter()
                .map(|s| (*s).to_owned())
                .collect()
        })),
        consider_touched: RwSignal::new(d.consider.is_some()),
    };
    let limits = &catalog.limits;
    let compare = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if invalid.0.get_untracked() > 0 {
            return;
        }
        if let Some(s) = form.answers(catalog).and_then(|a| build(tr, catalog, &a)) {
            state.replace_noting(s, "undo.replaced");
            open.set(false);
            focus_verdict();
        }
    };
    let skip = move |_| {
        if let Ok(s) = presets::load(EXAMPLE_PRESET) {
            state.replace(localize_preset(EXAMPLE_PRESET, s, tr.locale()));
        }
        open.set(false);
        focus_verdict();
    };
    let too_few = move || {
        let today = Today::from_id(&form.today.get()).and_then(Today::platform);
        let others = form
            .consider
            .with(|c| c.iter().filter(|p| Some(p.as_str()) != today).count());
        // Today's platform gives two options (as it is, and at its best); with nothing today, at
        // least one platform must be chosen.
        today.is_none() && others == 0
    };
    let sectors = catalog.sectors.clone();
    let boxes = offered_platforms(catalog)
        .map(|p| {
            let id = p.id.clone();
            let checked = {
                let id = id.clone();
                move || form.consider.with(|c| c.contains(&id))
            };
            let toggle = {
                let id = id.clone();
                move |ev| {
                    let on = event_target_checked(&ev);
                    form.consider_touched.set(true);
                    form.consider.update(|c| {
                        c.retain(|x| *x != id);
                        if on {
                            c.push(id.clone());
                        }
                    });
                }
            };
            view! {
                <label class="check">
                    <input type="checkbox" data-testid="start-consider" value=id.clone()
                        prop:checked=checked on:change=toggle />
                    {move || platform_name(tr, p)}
                </label>
            }
        })
        .collect_view();
    view! {
        <leptos::context::Provider value=invalid>
        <form class="start-form" data-testid="start" on:submit=compare novalidate=true>
            <h2>{move || tr.t("start.title")}</h2>
            <p class="help">{move || tr.t("start.intro_ready")}</p>
            <NumberField label_key="start.users" testid="start-users" integer=true
                value=Signal::derive(move || form.users.get())
                on_change=Callback::new(move |v| form.users.set(v))
                min=Decimal::from(limits.users.min) max=Decimal::from(limits.users.max)
                initial_text=d.users.clone() />
            <div class="field">
                <label for="start-sector">{move || tr.t("start.sector")}</label>
                <select id="start-sector" data-testid="start-sector" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    if !form.consider_touched.get_untracked() {
                        form.consider.set(suggested_platforms(&v).iter().map(|s| (*s).to_owned()).collect());
                    }
                    form.sector.set(v);
                }>
                    {sectors.into_iter().map(|s| {
                        let id = s.id.clone();
                        let selected = { let id = id.clone(); move || form.sector.get() == id };
                        let key = format!("sector.{id}");
                        view! { <option value=id selected=selected>{move || tr.t(&key)}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="start-today">{move || tr.t("start.today")}</label>
                <select id="start-today" data-testid="start-today"
                    on:change=move |ev| form.today.set(event_target_value(&ev))>
                    {Today::ALL.into_iter().map(|t| {
                        let selected = move || form.today.get() == t.id();
                        view! { <option value=t.id() selected=selected>{move || tr.t(&format!("start.today.{}", t.id()))}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="start-data">{move || tr.t("start.data")}</label>
                <select id="start-data" data-testid="start-data"
                    on:change=move |ev| form.clients.set(event_target_value(&ev) != "staff")>
                    <option value="clients" selected=move || form.clients.get()>{move || tr.t("start.data.clients")}</option>
                    <option value="staff" selected=move || !form.clients.get()>{move || tr.t("start.data.staff")}</option>
                </select>
            </div>
            {move || form.clients.get().then(|| view! {
                <NumberField label_key="start.records" testid="start-records" integer=true
                    value=Signal::derive(move || form.records.get())
                    on_change=Callback::new(move |v| form.records.set(v))
                    min=Decimal::from(limits.data_subjects.min) max=Decimal::from(limits.data_subjects.max)
                    initial_text=draft.with_value(|d| d.records.clone()) />
            })}
            <fieldset class="start-consider">
                <legend>{move || tr.t("start.consider")}</legend>
                {boxes}
            </fieldset>
            {move || too_few().then(|| view! { <p class="start-field-error" data-testid="start-need-two">{tr.t("start.need_two")}</p> })}
            <div class="start-actions">
                <button type="submit" data-testid="start-compare"
                    disabled={move || invalid.0.get() > 0 || too_few()}>{move || tr.t("start.compare")}</button>
                <button type="button" data-testid="start-skip" on:click=skip>{move || tr.t("start.skip")}</button>
            </div>
        </form>
        </leptos::context::Provider>
    }
    .into_any()
}

/// After Compare: the answer is the verdict, so focus goes there.
fn focus_verdict() {
    request_animation_frame(|| {
        if let Some(e) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector("[data-testid=\"verdict\"]").ok().flatten())
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = e.set_attribute("tabindex", "-1");
            let _ = e.focus();
        }
    });
}

/// "New comparison": the questions again, one click away for a returning reader.
#[component]
pub fn NewComparisonButton() -> impl IntoView {
    let tr = Tr::use_context();
    StartOpen::use_context().map(|StartOpen(open)| {
        view! {
            <button type="button" class="new-comparison" data-testid="new-comparison"
                on:click=move |_| open.set(true) disabled=move || open.get()>
                {move || tr.t("start.new")}
            </button>
        }
    })
}
