//! Issue 17's laws: plans and their caps, measures a platform cannot carry, the support line,
//! and the Cybersecurity Law on critical-infrastructure sectors.
use collab_risk::model::catalog::{Catalog, PlanChoice};
use collab_risk::model::error::ModelError;
use collab_risk::model::fields::FieldValue;
use collab_risk::model::presets;
use collab_risk::model::report::evaluate_deterministic;
use collab_risk::model::risk::{risk_profile, RiskContext};
use collab_risk::model::scenario::{EffectivePlatform, MeasureSelection, Scenario};
use rust_decimal::Decimal;

fn catalog() -> &'static Catalog {
    Catalog::embedded().unwrap()
}

/// `trading-20` with its first option on `platform` (unpinned, no measures) and `users` staff.
fn on(platform: &str, plan: Option<&str>, users: u32) -> Scenario {
    let mut s = presets::load("trading-20").unwrap();
    s.organisation.users = users;
    s.options.truncate(2);
    let o = &mut s.options[0];
    o.platform = platform.into();
    o.plan = plan.map(str::to_owned);
    o.overrides = Default::default();
    o.measures.clear();
    o.incumbent = false;
    s
}

/// A capped free plan is never free above its cap: unpinned, the model moves to a plan sold for
/// that many users (and says it moved); pinned, it refuses.
#[test]
fn a_capped_free_plan_is_never_free_above_its_cap() {
    let c = catalog();
    let mut checked = 0;
    for p in &c.platforms {
        for plan in &p.plans {
            let (Some(cap), true) = (
                plan.cap(),
                plan.licence_amount
                    .as_ref()
                    .is_some_and(|l| l.value.is_zero())
                    || (plan.licence_amount.is_none() && p.licence_amount.value.is_zero()),
            ) else {
                continue;
            };
            checked += 1;
            // At the cap: the plan itself can be used, pinned.
            let at = on(&p.id, Some(&plan.id), cap);
            at.validate(c).unwrap();
            // Above it: pinned is refused …
            let over = on(&p.id, Some(&plan.id), cap + 1);
            match over.validate(c) {
                Err(ModelError::PlanOverCap { cap: e, users, .. }) => {
                    assert_eq!((e, users), (cap, cap + 1), "{}.{}", p.id, plan.id)
                }
                other => panic!("{}.{} pinned over its cap: {other:?}", p.id, plan.id),
            }
            // … and unpinned, another plan is priced, never this one.
            let auto = on(&p.id, None, cap + 1);
            let choice = p.choose_plan(None, cap + 1, "").unwrap();
            let used = choice.plan().unwrap();
            assert_ne!(used.id, plan.id, "{}.{}", p.id, plan.id);
            assert!(used.fits(cap + 1));
            if p.plans.first().map(|f| &f.id) == Some(&plan.id) {
                assert!(matches!(
                    choice,
                    PlanChoice::Fitted {
                        moved_from: Some(_),
                        ..
                    }
                ));
            }
            let report = evaluate_deterministic(&auto, c).unwrap();
            let priced = report.options[0].plan.as_ref().unwrap();
            assert_eq!(priced.id, used.id);
            assert_ne!(priced.id, plan.id);
        }
    }
    assert!(
        checked >= 4,
        "Lark, Mattermost (2) and Rocket.Chat have capped free plans"
    );
}

#[test]
fn lark_is_free_for_30_users_and_not_for_200() {
    let c = catalog();
    let small = evaluate_deterministic(&on("lark", None, 30), c).unwrap();
    assert_eq!(small.options[0].plan.as_ref().unwrap().id, "starter");
    assert!(small.options[0].cost.by_category.licence.is_zero());
    let large = evaluate_deterministic(&on("lark", None, 200), c).unwrap();
    let plan = large.options[0].plan.as_ref().unwrap();
    assert_eq!(plan.id, "pro");
    assert_eq!(plan.moved_from.as_deref(), Some("starter"));
    assert!(large.options[0].cost.by_category.licence > Decimal::ZERO);
}

#[test]
fn an_unknown_plan_is_refused_with_its_code() {
    let err = on("lark", Some("gold"), 20)
        .validate(catalog())
        .unwrap_err();
    assert_eq!(err.code(), "unknown_plan");
    assert_eq!(err.path(), "options[0].plan");
}

/// No inapplicable measure changes a figure: the scenario refuses it, and the risk model ignores
/// it (every cell equal to the option without it), on every platform and plan.
#[test]
fn no_inapplicable_measure_changes_a_figure() {
    let c = catalog();
    let s = on("signal", None, 20);
    let context = RiskContext::new(&s, c).unwrap();
    let mut blocked = 0;
    for p in &c.platforms {
        let plans: Vec<Option<&collab_risk::model::catalog::Plan>> = if p.plans.is_empty() {
            vec![None]
        } else {
            p.plans.iter().map(Some).collect()
        };
        for plan in plans {
            let effective =
                EffectivePlatform::new(p, plan, &Default::default(), c, "options[0]").unwrap();
            let without = risk_profile(c, &context, &effective, &[]).unwrap();
            for m in &c.measures {
                if effective.applicability(m).is_ok() {
                    continue;
                }
                blocked += 1;
                let with = risk_profile(
                    c,
                    &context,
                    &effective,
                    &[MeasureSelection::new(m.id.clone())],
                )
                .unwrap();
                assert_eq!(
                    with.cells,
                    without.cells,
                    "{} {:?} {}",
                    p.id,
                    plan.map(|x| &x.id),
                    m.id
                );
                let mut refused = on(&p.id, plan.map(|x| x.id.as_str()), 20);
                if plan.is_some_and(|x| !x.fits(20)) {
                    continue;
                }
                refused.options[0].measures = vec![MeasureSelection::new(m.id.clone())];
                assert_eq!(
                    refused.validate(c).unwrap_err().code(),
                    "measure_not_applicable",
                    "{} {}",
                    p.id,
                    m.id
                );
            }
        }
    }
    assert!(blocked > 20);
}

#[test]
fn staff_chat_groups_offer_no_dpa_admin_roles_auto_delete_or_log_audit() {
    let c = catalog();
    let p = c.platform("staff_chat_groups").unwrap();
    let effective = EffectivePlatform::new(p, None, &Default::default(), c, "").unwrap();
    for id in [
        "dpa",
        "restricted_admins",
        "retention_auto_delete",
        "monthly_log_audit",
    ] {
        assert!(
            effective.applicability(c.measure(id).unwrap()).is_err(),
            "{id}"
        );
    }
    assert!(effective
        .applicability(c.measure("transfer_consent_notification").unwrap())
        .is_ok());
    assert_ne!(effective.choice("data_location"), "macau");
}

#[test]
fn auto_delete_needs_a_plan_with_retention_control() {
    let c = catalog();
    let g = c.platform("google_workspace").unwrap();
    let auto_delete = c.measure("retention_auto_delete").unwrap();
    let starter =
        EffectivePlatform::new(g, g.plan("business_starter"), &Default::default(), c, "").unwrap();
    let plus =
        EffectivePlatform::new(g, g.plan("business_plus"), &Default::default(), c, "").unwrap();
    assert!(starter.applicability(auto_delete).is_err());
    assert!(plus.applicability(auto_delete).is_ok());
}

/// A self-hosted option's support line moves its total, by exactly the support over the horizon
/// (no escalation, no discount), and the sensitivity analysis varies it.
#[test]
fn a_self_hosted_options_support_line_moves_its_total() {
    let c = catalog();
    let mut s = on("element_selfhosted_macau", Some("agpl_self_supported"), 50);
    s.escalation_pct = Decimal::ZERO;
    s.discount_rate_pct = Decimal::ZERO;
    let base = evaluate_deterministic(&s, c).unwrap().options[0]
        .cost
        .clone();
    assert!(
        base.by_category.support > Decimal::ZERO,
        "no vendor support: outside expertise costs"
    );
    s.options[0]
        .overrides
        .set(
            "support_mop_per_year",
            FieldValue::Decimal(Decimal::from(100_000)),
        )
        .unwrap();
    let more = evaluate_deterministic(&s, c).unwrap().options[0]
        .cost
        .clone();
    let years = Decimal::from(s.horizon_years);
    assert_eq!(more.by_category.support, Decimal::from(100_000) * years);
    assert_eq!(
        more.total_mop - base.total_mop,
        more.by_category.support - base.by_category.support
    );
    assert!(more.total_mop > base.total_mop);
}

#[test]
fn the_support_line_is_in_the_sensitivity_analysis() {
    let c = catalog();
    let s = presets::load("clinic-30").unwrap();
    let entries = collab_risk::model::decision::sensitivity(&s, c, 0, 3)
        .unwrap()
        .entries;
    assert!(
        entries
            .iter()
            .any(|e| e.input.ends_with("support_mop_per_year") && e.swing_mop > 0.0),
        "{:?}",
        entries.iter().map(|e| &e.input).collect::<Vec<_>>()
    );
}

/// The finance incident-response loss rises beyond the sector factor alone: the Cybersecurity
/// Law's fine is added on top.
#[test]
fn the_finance_incident_response_loss_rises_beyond_the_sector_factor() {
    let c = catalog();
    let cell = |sector: &str| {
        let mut s = presets::load("bank-200").unwrap();
        s.organisation.sector = sector.into();
        let r = evaluate_deterministic(&s, c).unwrap();
        r.options[0]
            .risk
            .cells
            .iter()
            .find(|x| x.dimension == "incident_response")
            .unwrap()
            .clone()
    };
    let general = cell("general");
    let finance = cell("finance");
    let factor = c.sector("finance").unwrap().magnitude_factor;
    assert!(finance.low_mop > general.low_mop * factor * 1.0001);
    assert!(finance.high_mop > general.high_mop * factor * 1.0001);
    // Education is not critical infrastructure: the sector factor alone.
    let education = cell("education");
    let ef = c.sector("education").unwrap().magnitude_factor;
    assert!((education.high_mop - general.high_mop * ef).abs() < 1e-6 * education.high_mop);
    for s in ["finance", "healthcare", "gaming", "telecoms"] {
        assert!(c.duties_for(s).next().is_some(), "{s}");
    }
}
