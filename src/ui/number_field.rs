//! A labelled number input validated as you type.
//!
//! The text the person types is kept as typed; only a valid number within range reaches `value`,
//! so the last valid result stays on screen while the field shows what is wrong, in the current
//! language.
//!
//! ```ignore
//! let users = Signal::derive(move || Decimal::from(state.scenario.with(|s| s.organisation.users)));
//! let set_users = Callback::new(move |v: Decimal| state.update(|s| s.organisation.users = to_u32(v)));
//! view! { <NumberField label_key="org.users" testid="users-input" value=users on_change=set_users
//!                      min=Decimal::ONE max=Decimal::from(100_000) integer=true /> }
//! ```
use super::Tr;
use crate::i18n::{format_decimal, parse_decimal};
use crate::input::{validate, FieldProblem};
use leptos::prelude::*;
use rust_decimal::Decimal;

fn plain(locale: crate::i18n::Locale, value: Decimal) -> String {
    // Editing text: no thousands separators, the locale's decimal mark.
    let s = value.normalize().to_string();
    match locale {
        crate::i18n::Locale::Pt => s.replace('.', ","),
        _ => s,
    }
}

#[component]
pub fn NumberField(
    /// Translation key of the label.
    label_key: &'static str,
    /// `data-testid` and element id of the input.
    testid: &'static str,
    /// The current (last valid) value.
    #[prop(into)]
    value: Signal<Decimal>,
    /// Called with each new valid value.
    on_change: Callback<Decimal>,
    min: Decimal,
    max: Decimal,
    #[prop(optional)] integer: bool,
    /// Translation key of a help text shown under the field.
    #[prop(default = None)]
    help_key: Option<&'static str>,
    /// Unit shown after the field (e.g. "MOP", "%").
    #[prop(default = None)]
    unit: Option<Signal<String>>,
    /// Element id when `testid` is not unique on the page (option cards).
    #[prop(default = None)]
    id: Option<String>,
    /// Text typed before the field existed (the static first questions), kept and checked.
    #[prop(default = None)]
    initial_text: Option<String>,
) -> impl IntoView {
    let tr = Tr::use_context();
    // A memo, so edits elsewhere in the scenario do not wake this field.
    let value = Memo::new(move |_| value.get());
    let first_problem = initial_text
        .as_deref()
        .and_then(|t| validate(tr.locale(), t, min, max, integer).err());
    let typed_first = initial_text.is_some();
    let text =
        RwSignal::new(initial_text.unwrap_or_else(|| plain(tr.locale(), value.get_untracked())));
    let problem = RwSignal::new(first_problem);
    super::InvalidInputs::track(move || problem.with(Option::is_some));

    // When the value changes from elsewhere (a preset, an import), show it.
    Effect::new(move |ran: Option<()>| {
        let v = value.get();
        let locale = tr.locale();
        // Text typed before the field existed stays as typed on the first run.
        if ran.is_none() && typed_first {
            return;
        }
        let current = text.get_untracked();
        if parse_decimal(locale, &current) != Some(v) {
            text.set(plain(locale, v));
            problem.set(None);
        }
    });

    let on_input = move |ev: leptos::ev::Event| {
        let typed = event_target_value(&ev);
        text.set(typed.clone());
        match validate(tr.locale(), &typed, min, max, integer) {
            Ok(v) => {
                problem.set(None);
                if v != value.get_untracked() {
                    on_change.run(v);
                }
            }
            Err(p) => problem.set(Some(p)),
        }
    };

    let id = id.unwrap_or_else(|| testid.to_owned());
    let error_id = format!("{id}-error");
    let help_id = format!("{id}-help");
    let describedby = {
        let error_id = error_id.clone();
        let help_id = help_id.clone();
        move || {
            let mut ids = Vec::new();
            if help_key.is_some() {
                ids.push(help_id.clone());
            }
            if problem.get().is_some() {
                ids.push(error_id.clone());
            }
            ids.join(" ")
        }
    };
    let message = move || {
        problem.get().map(|p| match p {
            FieldProblem::NotANumber => tr.t("error.not_a_number"),
            FieldProblem::NotWhole => tr.t("error.not_whole"),
            FieldProblem::OutOfRange => {
                let l = tr.locale();
                tr.f(
                    "error.out_of_range",
                    &[
                        (
                            "min",
                            &format_decimal(l, min, if integer { 0 } else { min.scale().min(4) }),
                        ),
                        (
                            "max",
                            &format_decimal(l, max, if integer { 0 } else { max.scale().min(4) }),
                        ),
                    ],
                )
            }
        })
    };

    view! {
        <div class="field" class:invalid=move || problem.get().is_some()>
            <label for=id.clone()>{move || tr.t(label_key)}</label>
            <span class="input-unit">
            <input
                id=id.clone()
                data-testid=testid
                type="text"
                inputmode=if integer { "numeric" } else { "decimal" }
                autocomplete="off"
                prop:value=move || text.get()
                on:input=on_input
                aria-invalid=move || if problem.get().is_some() { "true" } else { "false" }
                aria-describedby=describedby
            />
            {unit.map(|u| view! { <span class="unit">{move || u.get()}</span> })}
            </span>
            {help_key.map(|k| view! { <small id=help_id.clone() class="help">{move || tr.t(k)}</small> })}
            <small id=error_id class="field-error" role="alert">{message}</small>
        </div>
    }
}
