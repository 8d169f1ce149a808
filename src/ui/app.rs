//! The app shell: header, language, and the licence-cost comparison.
use super::{LocaleContext, NumberField, Tr};
use crate::i18n::{format_mop, Locale};
use crate::model::cost::licence_total_mop;
use leptos::prelude::*;
use rust_decimal::Decimal;

/// The browser's preferred language, if we ship it.
fn browser_locale() -> Option<Locale> {
    let nav = web_sys::window()?.navigator();
    nav.languages()
        .iter()
        .filter_map(|v| v.as_string())
        .chain(nav.language())
        .find_map(|tag| Locale::from_browser_tag(&tag))
}

#[component]
pub fn App() -> impl IntoView {
    let locale = RwSignal::new(browser_locale().unwrap_or(Locale::En));
    provide_context(LocaleContext(locale));
    let tr = Tr::use_context();

    Effect::new(move |_| {
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = el.set_attribute("lang", locale.get().tag());
        }
    });

    view! {
        <header class="app-header">
            <h1 data-testid="app-title">{move || tr.t("app.title")}</h1>
            <p class="tagline">{move || tr.t("app.tagline")}</p>
            <LanguageSelect />
        </header>
        <main>
            <LicenceComparison />
        </main>
    }
}

#[component]
fn LanguageSelect() -> impl IntoView {
    let LocaleContext(locale) = expect_context::<LocaleContext>();
    let tr = Tr::use_context();
    view! {
        <div class="field lang">
            <label for="lang-select">{move || tr.t("lang.label")}</label>
            <select
                id="lang-select"
                data-testid="lang-select"
                on:change=move |ev| {
                    if let Some(l) = Locale::from_tag(&event_target_value(&ev)) {
                        locale.set(l);
                    }
                }
            >
                {Locale::ALL
                    .into_iter()
                    .map(|l| {
                        view! {
                            <option value=l.tag() selected=move || locale.get() == l>
                                {l.native_name()}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// Two options' licence cost in MOP over N years.
#[component]
fn LicenceComparison() -> impl IntoView {
    let tr = Tr::use_context();
    let users = RwSignal::new(Decimal::from(50));
    let years = RwSignal::new(Decimal::from(5));
    let fx_usd = RwSignal::new(Decimal::new(805, 2));
    let price_a = RwSignal::new(Decimal::new(7191, 2));
    let price_b = RwSignal::new(Decimal::from(128));

    let total = move |price: RwSignal<Decimal>| {
        let users = u32::try_from(users.get().trunc().mantissa()).unwrap_or(0);
        let years = u32::try_from(years.get().trunc().mantissa()).unwrap_or(0);
        licence_total_mop(users, price.get(), fx_usd.get(), years)
    };
    let show = move |v: Option<Decimal>| match v {
        Some(v) => format_mop(tr.locale(), v),
        None => tr.t("error.overflow"),
    };

    view! {
        <section class="inputs">
            <NumberField label_key="org.users" testid="users-input" value=users min=Decimal::ONE max=Decimal::from(100_000) integer=true />
            <NumberField label_key="scenario.years" testid="years-input" value=years min=Decimal::ONE max=Decimal::from(10) integer=true />
            <NumberField label_key="fx.usd" testid="fx-usd-input" value=fx_usd min=Decimal::new(1, 2) max=Decimal::from(1000) />
        </section>
        <section class="options">
            <article class="option-card" data-testid="option-card">
                <h2>"DingTalk"</h2>
                <NumberField label_key="option.price" testid="price-a-input" value=price_a min=Decimal::ZERO max=Decimal::from(1_000_000) />
                <p>{move || tr.t("result.total_cost")}": "<strong data-testid="total-cost">{move || show(total(price_a))}</strong></p>
            </article>
            <article class="option-card" data-testid="option-card">
                <h2>"Alternative"</h2>
                <NumberField label_key="option.price" testid="price-b-input" value=price_b min=Decimal::ZERO max=Decimal::from(1_000_000) />
                <p>{move || tr.t("result.total_cost")}": "<strong data-testid="total-cost">{move || show(total(price_b))}</strong></p>
            </article>
        </section>
        <p class="difference">
            {move || tr.t("result.difference")}": "
            <strong data-testid="difference">
                {move || show(total(price_b).zip(total(price_a)).and_then(|(b, a)| b.checked_sub(a)))}
            </strong>
        </p>
    }
}
