//! Issue 19's action plan: its costs are the cost ledger's lines, and every step the law requires
//! is in it, for every preset and over platforms × measure sets; its CSV and calendar files.
use collab_risk::model::action_plan::{
    action_plan, plan_csv, plan_ics, ActionPlan, CivilDate, When,
};
use collab_risk::model::catalog::Catalog;
use collab_risk::model::cost::cost_ledger;
use collab_risk::model::presets;
use collab_risk::model::report::evaluate_deterministic;
use collab_risk::model::residency::{assess, Coverage};
use collab_risk::model::scenario::{MeasureSelection, Scenario};
use rust_decimal::Decimal;

fn catalog() -> &'static Catalog {
    Catalog::embedded().unwrap()
}

/// The ledger's lines the plan must equal, read from the ledger itself: with escalation and
/// discounting at 0, year 2's compliance line is the measures' yearly cost and year 1 minus year 2
/// their one-off cost; the incumbent and non-incumbent ledgers differ by exactly the migration
/// line and the hosting one-off.
fn ledger_lines(scenario: &Scenario, i: usize) -> (Decimal, Decimal) {
    let c = catalog();
    let mut flat = scenario.clone();
    flat.escalation_pct = Decimal::ZERO;
    flat.discount_rate_pct = Decimal::ZERO;
    flat.horizon_years = flat.horizon_years.max(2);
    let resolved = flat.resolve(c).unwrap();
    let o = &resolved[i];
    let ledger = cost_ledger(&flat, &o.effective, &o.measures, o.spec.incumbent, "o").unwrap();
    let as_incumbent = cost_ledger(&flat, &o.effective, &o.measures, true, "o").unwrap();
    let (y1, y2) = (&ledger.by_year[0].amounts, &ledger.by_year[1].amounts);
    let inc1 = &as_incumbent.by_year[0].amounts;
    let measures_yearly = y2.compliance_measures;
    let measures_one_off = y1.compliance_measures - y2.compliance_measures;
    let migration = y1.migration_and_training - inc1.migration_and_training;
    let hosting_one_off = y1.hosting_and_administration - inc1.hosting_and_administration;
    (
        (measures_one_off + migration + hosting_one_off).normalize(),
        measures_yearly.normalize(),
    )
}

fn sums(plan: &ActionPlan) -> (Decimal, Decimal) {
    let one_off: Decimal = plan.steps.iter().map(|s| s.one_off_mop).sum();
    let yearly: Decimal = plan.steps.iter().map(|s| s.yearly_mop).sum();
    assert_eq!(one_off.normalize(), plan.one_off_total_mop);
    assert_eq!(yearly.normalize(), plan.yearly_total_mop);
    (one_off.normalize(), yearly.normalize())
}

/// Every law-required step for option `i` is present, in its phase.
fn assert_required_steps(scenario: &Scenario, i: usize, plan: &ActionPlan) {
    let c = catalog();
    let option = &scenario.options[i];
    let has = |id: &str| plan.steps.iter().find(|s| s.id == id);
    let notify = has("notify_dspdp").expect("Art. 21 notification always");
    assert!(notify.required && notify.covered_by_measure.is_none());
    assert_eq!(notify.when, When::Within8Days);
    assert_eq!(notify.legal_basis, "Law 8/2005 Art. 21");

    let residency = assess(option, c).unwrap();
    let basis_step = has("choose_transfer_basis");
    match residency.coverage {
        Coverage::NoBasis | Coverage::BasisDoesNotCover => {
            let s = basis_step.expect("a transfer basis is required");
            assert!(s.required && s.covered_by_measure.is_none());
            assert_eq!(s.one_off_mop, Decimal::ZERO);
            assert!(!s.alternatives.is_empty(), "the bases offered, with costs");
            assert!(s.alternatives.iter().all(|a| a.measure != "dpa"));
        }
        Coverage::NoTransfer | Coverage::Covered => assert!(basis_step.is_none()),
    }
    let processor = c
        .platform(&option.platform)
        .unwrap()
        .processor_agreement
        .value
        != "none";
    let dpa_chosen = option.measures.iter().any(|m| m.id == "dpa");
    assert_eq!(has("sign_dpa").is_some(), processor && !dpa_chosen);
    if processor && dpa_chosen {
        assert!(has("dpa").unwrap().required);
    }
    let critical = ["finance", "healthcare", "gaming", "telecoms"]
        .contains(&scenario.organisation.sector.as_str());
    let cyber = has("cybersecurity_readiness");
    assert_eq!(cyber.is_some(), critical);
    if let Some(s) = cyber {
        assert!(s.required && s.legal_basis.contains("Law 13/2019"));
    }
    // Every chosen measure has its own step, covered by it.
    for m in &option.measures {
        let s = has(&m.id).expect("each chosen measure is a step");
        assert_eq!(s.covered_by_measure.as_deref(), Some(m.id.as_str()));
    }
    // Ordered: phases never go back.
    assert!(plan.steps.windows(2).all(|w| w[0].when <= w[1].when));
    assert_eq!(has("migrate_and_train").is_some(), !option.incumbent);
}

#[test]
fn plan_costs_equal_the_ledger_lines_for_every_preset_and_option() {
    let c = catalog();
    for name in presets::names() {
        let scenario = presets::load(name).unwrap();
        let report = evaluate_deterministic(&scenario, c).unwrap();
        for (i, o) in report.options.iter().enumerate() {
            let plan = action_plan(&scenario, c, i).unwrap();
            assert_eq!(plan, o.action_plan, "{name} {}", o.id);
            assert_eq!(sums(&plan), ledger_lines(&scenario, i), "{name} {}", o.id);
            assert_required_steps(&scenario, i, &plan);
        }
    }
}

/// Exhaustive over the catalog's platforms × a few measure sets × incumbent, in a finance and a
/// general firm: the costs match the ledger and the required steps are there.
#[test]
fn required_steps_over_platforms_and_measure_sets() {
    let c = catalog();
    let sets: [&[&str]; 5] = [
        &[],
        &["dpa"],
        &["transfer_consent_notification", "pia", "monthly_log_audit"],
        &["gba_standard_contract", "dpa", "annual_regulatory_review"],
        &["transfer_authorisation", "consent_records", "data_flow_map"],
    ];
    let mut checked = 0;
    for sector in ["general", "finance"] {
        for p in &c.platforms {
            for set in sets {
                for incumbent in [false, true] {
                    let mut s = presets::load("trading-20").unwrap();
                    s.organisation.sector = sector.into();
                    s.options.truncate(2);
                    let o = &mut s.options[0];
                    o.platform = p.id.clone();
                    o.plan = None;
                    o.overrides = Default::default();
                    o.incumbent = incumbent;
                    // Only the measures the platform can carry (others are refused by resolve).
                    let resolved = {
                        let mut probe = s.clone();
                        probe.options[0].measures.clear();
                        let r = probe.resolve(c).unwrap();
                        set.iter()
                            .filter(|id| {
                                c.measure(id)
                                    .is_some_and(|m| r[0].effective.applicability(m).is_ok())
                            })
                            .map(|id| MeasureSelection::new(*id))
                            .collect::<Vec<_>>()
                    };
                    s.options[0].measures = resolved;
                    if s.resolve(c).is_err() {
                        continue;
                    }
                    let plan = action_plan(&s, c, 0).unwrap();
                    assert_eq!(sums(&plan), ledger_lines(&s, 0), "{} {set:?}", p.id);
                    assert_required_steps(&s, 0, &plan);
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 100, "{checked}");
}

#[test]
fn plan_csv_guards_cells_and_uses_crlf() {
    let c = catalog();
    let scenario = presets::load("bank-200").unwrap();
    let plan = action_plan(&scenario, c, 0).unwrap();
    let csv = plan_csv(&plan, |s| format!("=HYPERLINK(\"x\") {}", s.id));
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert!(lines[0].starts_with("step,id,title,legal_basis"));
    assert_eq!(
        lines.len(),
        plan.steps.len() + 2,
        "header, steps, trailing empty"
    );
    assert_eq!(lines.last(), Some(&""));
    assert!(!csv.replace("\r\n", "").contains('\n'));
    // The formula-like title is neutralised and quoted.
    assert!(lines[1].contains(",\"'=HYPERLINK(\"\"x\"\") "));
    assert!(lines.iter().any(|l| l.contains("notify_dspdp")
        && l.contains("Law 8/2005 Art. 21")
        && l.contains("within_8_days")));
}

#[test]
fn plan_ics_is_rfc5545() {
    let c = catalog();
    let scenario = presets::load("bank-200").unwrap();
    let i = scenario
        .options
        .iter()
        .position(|o| !o.measures.is_empty())
        .unwrap();
    let plan = action_plan(&scenario, c, i).unwrap();
    let today = CivilDate {
        year: 2026,
        month: 12,
        day: 28,
    };
    let ics = plan_ics(&plan, today, |s| format!("Do, this; {}", s.id));
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    assert!(!ics.replace("\r\n", "").contains('\n'), "CRLF only");
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "folded: {line}");
    }
    let events = ics.matches("BEGIN:VEVENT").count();
    let dated = plan
        .steps
        .iter()
        .filter(|s| !matches!(s.when, When::BeforeGoLive | When::Ongoing))
        .count();
    assert_eq!(events, dated);
    assert_eq!(events, ics.matches("END:VEVENT").count());
    // today + 7 crosses the year.
    assert!(ics.contains("DTSTART;VALUE=DATE:20270104\r\n"));
    assert!(ics.contains("DTEND;VALUE=DATE:20270105\r\n"));
    assert!(ics.contains("RRULE:FREQ=MONTHLY\r\n"));
    assert!(ics.contains("RRULE:FREQ=YEARLY\r\n"));
    assert!(ics.contains("SUMMARY:Do\\, this\\; notify_dspdp\r\n"));
    let uid = format!("UID:{}-notify_dspdp@collab-risk\r\n", plan.option);
    assert!(ics.contains(&uid));
    // Stable: the same plan and day give the same file.
    assert_eq!(
        ics,
        plan_ics(&plan, today, |s| format!("Do, this; {}", s.id))
    );
}

#[test]
fn civil_dates_round_trip() {
    for days in (-800_000..800_000).step_by(997) {
        assert_eq!(CivilDate::from_days(days).to_days(), days);
    }
    let leap = CivilDate {
        year: 2028,
        month: 2,
        day: 28,
    };
    assert_eq!(
        leap.plus_days(1),
        CivilDate {
            year: 2028,
            month: 2,
            day: 29
        }
    );
    assert_eq!(
        CivilDate::from_days(0),
        CivilDate {
            year: 1970,
            month: 1,
            day: 1
        }
    );
}
