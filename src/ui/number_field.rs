//! A labelled number input validated as you type.
//!
//! The text the person types is kept as typed; only a valid number within range reaches `value`,
//! so the last valid result stays on screen while the field shows what is wrong, in the current
//! language.
//!
//! ```ignore
//! let users = RwSignal::new(Decimal::from(50));
//! view! { <NumberField label_key="org.users" testid="users-input" value=users min=Decimal::ONE max=Decimal::from(100_000) integer=true /> }
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
    /// The last valid value.
    value: RwSignal<Decimal>,
    min: Decimal,
    max: Decimal,
    #[prop(optional)] integer: bool,
    /// Translation key of a help text shown under the field.
    #[prop(optional)]
    help_key: Option<&'static str>,
) -> impl IntoView {
    let tr = Tr::use_context();
    let text = RwSignal::new(plain(tr.locale(), value.get_untracked()));
    let problem = RwSignal::new(None::<FieldProblem>);

    // When the value changes from elsewhere (a preset, an import), show it.
    Effect::new(move |_| {
        let v = value.get();
        let locale = tr.locale();
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
                    value.set(v);
                }
            }
            Err(p) => problem.set(Some(p)),
        }
    };

    let error_id = format!("{testid}-error");
    let help_id = format!("{testid}-help");
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
            <label for=testid>{move || tr.t(label_key)}</label>
            <input
                id=testid
                data-testid=testid
                type="text"
                inputmode=if integer { "numeric" } else { "decimal" }
                autocomplete="off"
                prop:value=move || text.get()
                on:input=on_input
                aria-invalid=move || if problem.get().is_some() { "true" } else { "false" }
                aria-describedby=describedby
            />
            {help_key.map(|k| view! { <small id=help_id.clone() class="help">{move || tr.t(k)}</small> })}
            <small id=error_id class="field-error" role="alert">{message}</small>
        </div>
    }
}
