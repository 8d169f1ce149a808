//! The platform facts of one option: every catalog field, editable, with its source, "as of" date
//! and confidence on hover and focus, an "edited" mark and a way back to the default.
use super::{AppState, NumberField, Tr};
use crate::model::catalog::Confidence;
use crate::model::catalog_text::{data_operator_key, note_key};
use crate::model::fields::{FieldKind, FieldMeta, FieldValue, CURRENCIES, FIELDS};
use crate::model::scenario::OptionSpec;
use leptos::prelude::*;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

pub fn confidence_key(c: Confidence) -> &'static str {
    match c {
        Confidence::Confirmed => "confidence.confirmed",
        Confidence::Secondary => "confidence.secondary",
        Confidence::Estimate => "confidence.estimate",
    }
}

#[component]
pub fn PlatformFacts(option_id: String) -> impl IntoView {
    // Rebuilt only when the platform changes (a memo: other edits do not rebuild the rows).
    let state = AppState::use_context();
    let platform = {
        let option_id = option_id.clone();
        Memo::new(move |_| state.with_option(&option_id, |o| o.platform.clone()))
    };
    // Keyed by platform and field: a new platform mounts new rows (with its defaults and sources)
    // instead of patching the old ones.
    let rows = move || {
        let platform = platform.get().unwrap_or_default();
        FIELDS
            .iter()
            .map(|meta| (platform.clone(), *meta))
            .collect::<Vec<_>>()
    };
    view! {
        <For each=rows key=|(platform, meta)| format!("{platform}/{}", meta.id) let:row>
            <FieldRow option_id=option_id.clone() meta=row.1 />
        </For>
    }
}

#[component]
fn FieldRow(option_id: String, meta: FieldMeta) -> impl IntoView {
    let state = AppState::use_context();
    let tr = Tr::use_context();
    let catalog = state.catalog;
    let field_id = meta.id;
    let dom_id = format!("{option_id}-{field_id}");
    let platform_id = state
        .with_option(&option_id, |o| o.platform.clone())
        .unwrap_or_default();
    let sourced = catalog
        .platform(&platform_id)
        .and_then(|p| p.field(field_id));
    let default_value = sourced.as_ref().map(|s| s.value.clone());

    let current = {
        let option_id = option_id.clone();
        let default_value = default_value.clone();
        move || {
            state
                .with_option(&option_id, |o| o.overrides.get(field_id).cloned())
                .flatten()
                .or_else(|| default_value.clone())
        }
    };
    let edited = {
        let option_id = option_id.clone();
        move || {
            state
                .with_option(&option_id, |o| o.overrides.get(field_id).is_some())
                .unwrap_or(false)
        }
    };
    let problem = RwSignal::new(None::<crate::model::error::ModelError>);
    super::InvalidInputs::track(move || problem.with(Option::is_some));
    let set_value = {
        let option_id = option_id.clone();
        Callback::new(move |v: FieldValue| {
            let mut result = Ok(());
            edit_fact(state, &option_id, |o| result = o.overrides.set(field_id, v));
            problem.set(result.err());
        })
    };
    let reset = {
        let option_id = option_id.clone();
        move |_| {
            edit_fact(state, &option_id, |o| o.overrides.clear(field_id));
            problem.set(None);
        }
    };

    let label_key = format!("field.{field_id}");
    let tip_id = format!("{dom_id}-source");
    let editor = match meta.kind {
        FieldKind::Decimal | FieldKind::Integer => {
            let integer = meta.kind == FieldKind::Integer;
            // Numeric fields always have bounds (tests/model_catalog.rs).
            let (min, max) = catalog
                .limits
                .bounds(meta.range)
                .map_or((Decimal::ZERO, Decimal::from(u32::MAX)), |b| (b.min, b.max));
            let value = Signal::derive({
                let current = current.clone();
                move || match current() {
                    Some(FieldValue::Decimal(d)) => d,
                    Some(FieldValue::Integer(i)) => Decimal::from(i),
                    _ => Decimal::ZERO,
                }
            });
            let on_change = Callback::new(move |d: Decimal| {
                let v = if integer {
                    FieldValue::Integer(d.to_i64().unwrap_or(0))
                } else {
                    FieldValue::Decimal(d)
                };
                set_value.run(v);
            });
            let unit_key = format!("unit.{field_id}");
            let unit = (!meta.unit.is_empty()).then(|| Signal::derive(move || tr.t(&unit_key)));
            // NumberField brings its own label; the label key is static per field.
            view! {
                <NumberField label_key=field_label_key(field_id) testid="override-input" id=Some(dom_id.clone())
                    value on_change min max integer unit />
            }
            .into_any()
        }
        FieldKind::Bool => {
            let checked = {
                let current = current.clone();
                move || matches!(current(), Some(FieldValue::Bool(true)))
            };
            view! {
                <label class="check">
                    <input type="checkbox" id=dom_id.clone() prop:checked=checked
                        on:change=move |ev| set_value.run(FieldValue::Bool(event_target_checked(&ev))) />
                    {move || tr.t(&label_key)}
                </label>
            }
            .into_any()
        }
        FieldKind::Choice(_) | FieldKind::Currency => {
            let choices: &'static [&'static str] = match meta.kind {
                FieldKind::Choice(c) => c,
                _ => CURRENCIES,
            };
            let is_currency = matches!(meta.kind, FieldKind::Currency);
            let selected_value = {
                let current = current.clone();
                move || current().map(|v| v.to_string()).unwrap_or_default()
            };
            view! {
                <label for=dom_id.clone()>{move || tr.t(&label_key)}</label>
                <select id=dom_id.clone()
                    on:change=move |ev| set_value.run(FieldValue::Choice(event_target_value(&ev)))>
                    {choices.iter().map(|c| {
                        let c = *c;
                        let text_key = format!("choice.{field_id}.{c}");
                        let selected = {
                            let selected_value = selected_value.clone();
                            move || selected_value() == c
                        };
                        view! {
                            <option value=c selected=selected>
                                {move || if is_currency { c.to_owned() } else { tr.t(&text_key) }}
                            </option>
                        }
                    }).collect_view()}
                </select>
            }
            .into_any()
        }
        _ => {
            // Until edited, the catalog's default shows in the reader's language.
            let text = {
                let option_id = option_id.clone();
                let default_value = default_value.clone();
                let platform_id = platform_id.clone();
                move || {
                    let entered = state
                        .with_option(&option_id, |o| o.overrides.get(field_id).cloned())
                        .flatten();
                    match (entered, &default_value) {
                        (Some(v), _) => v.to_string(),
                        (None, Some(v)) => default_text(tr, &platform_id, field_id, v),
                        (None, None) => String::new(),
                    }
                }
            };
            let max_len = catalog.limits.text_length.max.to_string();
            view! {
                <label for=dom_id.clone()>{move || tr.t(&label_key)}</label>
                <input type="text" id=dom_id.clone() maxlength=max_len prop:value=text
                    on:change=move |ev| set_value.run(FieldValue::Text(event_target_value(&ev))) />
            }
            .into_any()
        }
    };

    let tip = sourced.map(|s| {
        let source = s.source.to_owned();
        let as_of = s.as_of.to_owned();
        let confidence = s.confidence;
        let note = s.note.map(|n| {
            let (key, english) = (note_key(n), n.to_owned());
            move || tr.c(&key, &english)
        });
        let estimate = confidence == Confidence::Estimate;
        // Reactive: the default's wording follows a language switch.
        let default_value = default_value.clone();
        let platform_id = platform_id.clone();
        let default_text = move || {
            default_value
                .as_ref()
                .map(|v| default_text(tr, &platform_id, field_id, v))
                .unwrap_or_default()
        };
        view! {
            <div class="source-tip" id=tip_id.clone() role="note">
                <span class=format!("confidence {}", if estimate { "estimate" } else { "sourced" })>
                    {move || tr.t(confidence_key(confidence))}
                </span>
                " · " {move || tr.f("source.as_of", &[("date", &as_of)])}
                " · " {move || tr.f("source.default", &[("value", &default_text())])}
                <br />
                {move || tr.t("source.label")} ": "
                {super::methodology::source_view(tr, &source)}
                {note.map(|n| view! { <br /><em>{n}</em> })}
                {estimate.then(|| view! { <br /><strong>{move || tr.t("source.estimate_hint")}</strong> })}
            </div>
        }
    });

    let tip_dismissed = RwSignal::new(false);
    view! {
        <div class="fact-row" class:edited=edited.clone() class:tip-dismissed=move || tip_dismissed.get()
            data-field=field_id tabindex="-1"
            // Escape hides the source tip until focus and pointer leave the row (WCAG 1.4.13).
            on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                if ev.key() == "Escape" {
                    tip_dismissed.set(true);
                }
            }
            on:focusout=move |_| tip_dismissed.set(false)
            on:mouseleave=move |_| tip_dismissed.set(false)>
            <div class="fact-editor" aria-describedby=tip_id.clone()>{editor}</div>
            <div class="fact-meta">
                <Show when=edited.clone()>
                    <span class="edited-mark" data-testid="edited-mark">{move || tr.t("option.edited")}</span>
                    <button type="button" class="link" on:click=reset.clone()
                        aria-label=move || tr.f("option.reset_label", &[("field", &tr.t(&format!("field.{field_id}")))])>
                        {move || tr.t("option.reset")}
                    </button>
                </Show>
                <button type="button" class="info" aria-describedby=tip_id.clone()
                    aria-label=move || tr.f("source.show", &[("field", &tr.t(&format!("field.{field_id}")))])>"ⓘ"</button>
            </div>
            {tip}
            {move || problem.get().map(|p| view! { <small class="field-error" role="alert">{super::banner::model_error_text(tr, &p)}</small> })}
        </div>
    }
}

/// `field.<id>` as a `'static` key (the NumberField label takes one).
fn field_label_key(id: &'static str) -> &'static str {
    FIELD_LABEL_KEYS
        .iter()
        .find(|(f, _)| *f == id)
        .map(|(_, k)| *k)
        .unwrap_or("field.unknown")
}

const FIELD_LABEL_KEYS: &[(&str, &str)] = &[
    ("licence_amount", "field.licence_amount"),
    ("audit_retention_days", "field.audit_retention_days"),
    ("activity_retention_days", "field.activity_retention_days"),
    ("hosting_one_off_mop", "field.hosting_one_off_mop"),
    (
        "hosting_running_mop_per_year",
        "field.hosting_running_mop_per_year",
    ),
    ("admin_hours_per_year", "field.admin_hours_per_year"),
    (
        "admin_hours_per_user_year",
        "field.admin_hours_per_user_year",
    ),
    ("migration_one_off_mop", "field.migration_one_off_mop"),
    ("migration_hours_per_user", "field.migration_hours_per_user"),
];

/// A platform's default for a field, in the current language: the catalog's operator name is a
/// catalog text with its own translation.
fn default_text(tr: Tr, platform_id: &str, field_id: &str, v: &FieldValue) -> String {
    match v {
        FieldValue::Text(t) if field_id == "data_operator" => {
            tr.c(&data_operator_key(platform_id), t)
        }
        other => display_value(tr, field_id, other),
    }
}

/// A field value as a person reads it, in the current language.
pub fn display_value(tr: Tr, field_id: &str, v: &FieldValue) -> String {
    match v {
        FieldValue::Bool(b) => tr.t(if *b { "value.yes" } else { "value.no" }),
        FieldValue::Choice(c) if field_id != "licence_currency" => {
            tr.t(&format!("choice.{field_id}.{c}"))
        }
        other => other.to_string(),
    }
}

/// Changes a platform fact of one option. Measures that can no longer apply (e.g. location
/// tracking off once the platform does not track) are dropped, with a way back.
fn edit_fact(state: AppState, option_id: &str, edit: impl FnOnce(&mut OptionSpec)) {
    let catalog = state.catalog;
    let mut next = None;
    let users = state.scenario.with_untracked(|s| s.organisation.users);
    state.with_option(option_id, |o| {
        let mut o = o.clone();
        edit(&mut o);
        let dropped = o.drop_inapplicable_measures(catalog, users);
        next = Some((o, !dropped.is_empty()));
    });
    let Some((next, dropped)) = next else {
        return;
    };
    if dropped {
        state.update_noting("undo.measures_dropped", |s| {
            s.edit_option(option_id, |o| *o = next);
        });
    } else {
        state.update_option(option_id, |o| *o = next);
    }
}
