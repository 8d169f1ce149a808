//! The decision analysis (issue 10): the best configuration is the true optimum (brute force
//! with the real evaluator), P(best) sums to 1 and splits ties, EVPI is 0 for identical options,
//! the sensitivity is sorted and its break-even values really flip the ranking.
use collab_risk::model::catalog::Catalog;
use collab_risk::model::decision::{self, expected_total};
use collab_risk::model::presets;
use collab_risk::model::report::evaluate_deterministic;
use collab_risk::model::scenario::{EffectivePlatform, MeasureSelection, Scenario};

fn catalog() -> &'static Catalog {
    Catalog::embedded().unwrap()
}

/// Every valid measure set of option `i`: applicable measures, at most one per exclusive group,
/// auto-delete periods from the catalog's list (plus the current one).
fn valid_sets(scenario: &Scenario, i: usize) -> Vec<Vec<MeasureSelection>> {
    let c = catalog();
    let option = &scenario.options[i];
    let platform = c.platform(&option.platform).unwrap();
    let plan = platform
        .choose_plan(option.plan.as_deref(), scenario.organisation.users, "")
        .unwrap()
        .plan();
    let effective =
        EffectivePlatform::new(platform, plan, &option.overrides, c, "options[0]").unwrap();
    let applicable: Vec<usize> = (0..c.measures.len())
        .filter(|m| effective.applicability(&c.measures[*m]).is_ok())
        .collect();
    let mut sets = Vec::new();
    for mask in 0u32..(1 << applicable.len()) {
        let chosen: Vec<usize> = applicable
            .iter()
            .enumerate()
            .filter(|(k, _)| mask & (1 << k) != 0)
            .map(|(_, m)| *m)
            .collect();
        let groups: Vec<&String> = chosen
            .iter()
            .filter_map(|m| c.measures[*m].exclusive_group.as_ref())
            .collect();
        if (1..groups.len()).any(|k| groups[..k].contains(&groups[k])) {
            continue;
        }
        let mut partial: Vec<Vec<MeasureSelection>> = vec![Vec::new()];
        for m in &chosen {
            let measure = &c.measures[*m];
            partial = match &measure.parameter {
                None => partial
                    .into_iter()
                    .map(|mut s| {
                        s.push(MeasureSelection::new(measure.id.clone()));
                        s
                    })
                    .collect(),
                Some(p) => {
                    let mut days = c.decision.retention_days_searched.clone();
                    if let Some(current) = option.measures.iter().find(|s| s.id == measure.id) {
                        days.push(current.days.unwrap_or(p.default));
                    }
                    days.retain(|d| (p.min..=p.max).contains(d));
                    days.sort_unstable();
                    days.dedup();
                    partial
                        .into_iter()
                        .flat_map(|s| {
                            days.iter().map(move |d| {
                                let mut s = s.clone();
                                s.push(MeasureSelection {
                                    id: measure.id.clone(),
                                    days: Some(*d),
                                });
                                s
                            })
                        })
                        .collect()
                }
            };
        }
        sets.extend(partial);
    }
    sets
}

/// The plans to try for option `i`: the plan in use first, then every other plan sold for the
/// headcount, in catalog order (`None` alone when there is no plan to choose).
fn plans_to_try(scenario: &Scenario, i: usize) -> Vec<Option<String>> {
    let c = catalog();
    let option = &scenario.options[i];
    let platform = c.platform(&option.platform).unwrap();
    let users = scenario.organisation.users;
    let fitting: Vec<String> = platform
        .plans
        .iter()
        .filter(|p| p.fits(users))
        .map(|p| p.id.clone())
        .collect();
    if fitting.len() < 2 {
        return vec![None];
    }
    let current = platform
        .choose_plan(option.plan.as_deref(), users, "")
        .unwrap()
        .plan()
        .map(|p| p.id.clone());
    let mut out = vec![current.clone()];
    out.extend(
        fitting
            .into_iter()
            .filter(|p| Some(p) != current.as_ref())
            .map(Some),
    );
    out
}

/// Plain brute force: every plan sold for the headcount and every valid set through
/// `evaluate_deterministic`; ties → the plan in use, then fewest measures, then catalog order,
/// then shorter auto-delete.
fn brute_force(
    scenario: &Scenario,
    i: usize,
) -> (Option<String>, Vec<MeasureSelection>, f64, usize) {
    let c = catalog();
    let key = |s: &Vec<MeasureSelection>| {
        let idx: Vec<usize> = s
            .iter()
            .map(|m| c.measures.iter().position(|x| x.id == m.id).unwrap())
            .collect();
        let days: Vec<u32> = s.iter().filter_map(|m| m.days).collect();
        (s.len(), idx, days)
    };
    let mut count = 0;
    let mut best: Option<(Option<String>, Vec<MeasureSelection>, f64)> = None;
    for plan in plans_to_try(scenario, i) {
        let mut priced = scenario.clone();
        if plan.is_some() {
            let users = priced.organisation.users;
            priced.options[i].set_plan(plan.clone(), c, users);
        }
        // The option and a copy without measures (a scenario needs two options; the evaluator
        // computes each option on its own, and a copy without measures costs the least).
        let mut small = priced.clone();
        small.claims.clear();
        let mut other = priced.options[i].clone();
        other.id = format!("{}-other", other.id);
        other.measures.clear();
        other.incumbent = false;
        small.options = vec![priced.options[i].clone(), other];
        let sets = valid_sets(&priced, i);
        count += sets.len();
        let mut in_plan: Option<(Vec<MeasureSelection>, f64)> = None;
        for set in sets {
            small.options[0].measures = set.clone();
            let total = expected_total(&evaluate_deterministic(&small, c).unwrap().options[0]);
            let better = match &in_plan {
                None => true,
                Some((b, t)) => total < *t || (total == *t && key(&set) < key(b)),
            };
            if better {
                in_plan = Some((set, total));
            }
        }
        let (set, total) = in_plan.unwrap();
        if best.as_ref().is_none_or(|(_, _, t)| total < *t) {
            best = Some((plan, set, total));
        }
    }
    let (plan, set, total) = best.unwrap();
    (plan, set, total, count)
}

fn assert_optimal(scenario: &Scenario, what: &str) {
    let all = decision::best_configurations(scenario, catalog()).unwrap();
    for (i, best) in all.iter().enumerate() {
        let (plan, set, total, count) = brute_force(scenario, i);
        assert_eq!(
            best.sets_searched as usize, count,
            "{what} option {i}: space"
        );
        assert_eq!(best.plan, plan, "{what} option {i}: plan");
        assert_eq!(
            best.risk_adjusted_total_expected_mop, total,
            "{what} option {i}: total"
        );
        assert_eq!(best.measures, set, "{what} option {i}: measures");
        // The single-option entry point agrees.
        let one = decision::best_configuration(scenario, catalog(), i).unwrap();
        assert_eq!(&one, best, "{what} option {i}: single");
        // Feeding the measures back reproduces the figure exactly.
        let mut fed = scenario.clone();
        if best.plan.is_some() {
            fed.options[i].plan = best.plan.clone();
        }
        fed.options[i].measures = best.measures.clone();
        let again = evaluate_deterministic(&fed, catalog()).unwrap();
        assert_eq!(
            expected_total(&again.options[i]),
            best.risk_adjusted_total_expected_mop,
            "{what} option {i}: fed back"
        );
        assert!(best.saving_mop >= 0.0, "{what} option {i}: saving");
    }
}

// One test per preset, so they run in parallel.
#[test]
fn best_configuration_is_the_brute_force_optimum_on_article_50() {
    assert_optimal(&presets::load("article-50").unwrap(), "article-50");
}

#[test]
fn best_configuration_is_the_brute_force_optimum_on_bank_200() {
    assert_optimal(&presets::load("bank-200").unwrap(), "bank-200");
}

#[test]
fn best_configuration_is_the_brute_force_optimum_on_clinic_30() {
    assert_optimal(&presets::load("clinic-30").unwrap(), "clinic-30");
}

#[test]
fn best_configuration_is_the_brute_force_optimum_on_school_80() {
    assert_optimal(&presets::load("school-80").unwrap(), "school-80");
}

#[test]
fn best_configuration_is_the_brute_force_optimum_on_trading_20() {
    assert_optimal(&presets::load("trading-20").unwrap(), "trading-20");
}

#[test]
fn the_preset_tests_cover_every_preset() {
    assert_eq!(
        presets::names(),
        [
            "article-50",
            "bank-200",
            "clinic-30",
            "school-80",
            "trading-20"
        ]
    );
}

mod random {
    use super::*;
    use collab_risk::model::fields::FieldValue;
    use proptest::prelude::*;
    use rust_decimal::Decimal;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 10, ..ProptestConfig::default() })]

        /// Random organisations, platforms, overrides and current measures: still the optimum.
        #[test]
        fn best_configuration_is_the_brute_force_optimum_on_random_scenarios(
            users in 1u32..5_000,
            subjects in 0u64..300_000,
            sector in 0usize..5,
            hourly in prop_oneof![Just(0i64), 0i64..600],
            escalation in -5i64..10,
            discount in 0i64..12,
            horizon in 1u32..8,
            platform in 0usize..64,
            location in 0usize..6,
            retention in prop_oneof![Just(None), (0i64..800).prop_map(Some)],
            current in proptest::collection::vec(0usize..13, 0..6),
            days in 1u32..400,
        ) {
            let c = catalog();
            let mut s = presets::load("article-50").unwrap();
            s.claims.clear();
            s.organisation.users = users;
            s.organisation.data_subjects = subjects;
            s.organisation.sector = ["general", "finance", "healthcare", "education", "public"][sector].into();
            s.staff_hourly_rate_mop = Decimal::from(hourly);
            s.escalation_pct = Decimal::from(escalation);
            s.discount_rate_pct = Decimal::from(discount);
            s.horizon_years = horizon;
            let option = &mut s.options[0];
            option.platform = c.platforms[platform % c.platforms.len()].id.clone();
            option.overrides = Default::default();
            let locations = ["macau", "hong_kong", "mainland_gba", "mainland_other", "singapore", "other"];
            option.overrides.set("data_location", FieldValue::Choice(locations[location].into())).unwrap();
            if let Some(r) = retention {
                option.overrides.set("activity_retention_days", FieldValue::Integer(r)).unwrap();
            }
            option.measures.clear();
            let platform = c.platform(&option.platform).unwrap();
            // A platform whose plans are all too small for the headcount is refused, not priced.
            prop_assume!(platform.choose_plan(None, users, "").is_ok());
            let plan = platform.choose_plan(None, users, "").ok().and_then(|p| p.plan());
            let effective = EffectivePlatform::new(
                platform,
                plan,
                &option.overrides,
                c,
                "options[0]",
            )
            .unwrap();
            for m in current {
                let measure = &c.measures[m];
                // Measures that cannot apply are refused by the scenario; leave them out.
                if option.measures.iter().any(|x| x.id == measure.id)
                    || effective.applicability(measure).is_err()
                {
                    continue;
                }
                option.measures.push(MeasureSelection {
                    id: measure.id.clone(),
                    days: measure.parameter.as_ref().map(|_| days),
                });
            }
            s.validate(c).unwrap();
            let best = decision::best_configuration(&s, c, 0).unwrap();
            let (plan, set, total, count) = brute_force(&s, 0);
            prop_assert_eq!(best.sets_searched as usize, count);
            prop_assert_eq!(best.plan, plan);
            prop_assert_eq!(best.risk_adjusted_total_expected_mop, total);
            prop_assert_eq!(best.measures, set);
        }
    }
}

/// article-50 with the alternative's price lowered until the pair is close: break-evens exist.
fn close_pair() -> Scenario {
    use collab_risk::model::fields::FieldValue;
    let mut s = presets::load("article-50").unwrap();
    s.options[1]
        .overrides
        .set(
            "licence_amount",
            FieldValue::Decimal(rust_decimal::Decimal::from(80)),
        )
        .unwrap();
    s
}

#[test]
fn sensitivity_is_sorted_and_its_figures_are_the_evaluator_s() {
    for s in [
        presets::load("bank-200").unwrap(),
        presets::load("article-50").unwrap(),
        close_pair(),
    ] {
        let analysis = decision::sensitivity_of_leading_pair(&s, catalog()).unwrap();
        let a = s
            .options
            .iter()
            .position(|o| o.id == analysis.pair.a)
            .unwrap();
        let b = s
            .options
            .iter()
            .position(|o| o.id == analysis.pair.b)
            .unwrap();
        assert!(analysis.pair.difference_mop >= 0.0, "A is ahead");
        assert!(!analysis.entries.is_empty());
        assert!(analysis
            .entries
            .windows(2)
            .all(|w| w[0].swing_mop >= w[1].swing_mop));
        let d0 = analysis.pair.difference_mop;
        // The sensitivity's own totals are the evaluator's, bit for bit.
        let full = evaluate_deterministic(&s, catalog()).unwrap();
        assert_eq!(
            d0,
            expected_total(&full.options[b]) - expected_total(&full.options[a])
        );
        for e in &analysis.entries {
            assert!(e.low <= e.base && e.base <= e.high, "{}: range", e.input);
            let at_base = decision::difference_with(&s, catalog(), a, b, &e.input, e.base).unwrap();
            assert_eq!(at_base, d0, "{}: at its base value", e.input);
            let at_low = decision::difference_with(&s, catalog(), a, b, &e.input, e.low).unwrap();
            let at_high = decision::difference_with(&s, catalog(), a, b, &e.input, e.high).unwrap();
            assert_eq!(at_low - d0, e.delta_low_mop, "{}", e.input);
            assert_eq!(at_high - d0, e.delta_high_mop, "{}", e.input);
            let widest = e.delta_low_mop.abs().max(e.delta_high_mop.abs());
            assert!(e.swing_mop >= widest && e.swing_mop > 0.0);
        }
    }
}

#[test]
fn break_even_values_really_flip_the_ranking() {
    let s = close_pair();
    let analysis = decision::sensitivity_of_leading_pair(&s, catalog()).unwrap();
    let index = |id: &str| s.options.iter().position(|o| o.id == id).unwrap();
    let (a, b) = (index(&analysis.pair.a), index(&analysis.pair.b));
    let d0 = analysis.pair.difference_mop;
    assert!(d0 > 0.0);
    let mut flips = 0;
    for e in &analysis.entries {
        let Some(x) = e.break_even else {
            // No flip in range: neither end flips.
            assert!(
                d0 + e.delta_low_mop > 0.0 && d0 + e.delta_high_mop > 0.0,
                "{}",
                e.input
            );
            continue;
        };
        flips += 1;
        assert!(e.low <= x && x <= e.high, "{}: in range", e.input);
        let toward_base = if x < e.base { 1.0 } else { -1.0 };
        let epsilon = if e.unit == "users" || e.unit == "records" {
            1.0
        } else {
            1e-6 * (e.high - e.low)
        };
        let at = decision::difference_with(&s, catalog(), a, b, &e.input, x).unwrap();
        let before =
            decision::difference_with(&s, catalog(), a, b, &e.input, x + toward_base * epsilon)
                .unwrap();
        assert!(at <= 0.0, "{}: flipped at {x} ({at})", e.input);
        assert!(before > 0.0, "{}: not flipped just before {x}", e.input);
    }
    assert!(flips >= 2, "the close pair has break-even values");
}

/// The direction says which way the input must move from its base to flip the ranking (issue 18:
/// the words said "goes past" even when the value had to fall). school-80 has break-even values
/// below the base (a licence, a measure at full effect).
#[test]
fn break_even_direction_is_the_side_of_the_base_it_lies_on() {
    use collab_risk::model::decision::Direction;
    let mut below = 0;
    let mut above = 0;
    for s in [
        presets::load("school-80").unwrap(),
        presets::load("bank-200").unwrap(),
        close_pair(),
    ] {
        let analysis = decision::sensitivity_of_leading_pair(&s, catalog()).unwrap();
        for e in &analysis.entries {
            match (e.break_even, e.direction) {
                (None, None) => {}
                (Some(x), Some(Direction::Below)) => {
                    assert!(x < e.base, "{}: {x} below {}", e.input, e.base);
                    below += 1;
                }
                (Some(x), Some(Direction::Above)) => {
                    assert!(x > e.base, "{}: {x} above {}", e.input, e.base);
                    above += 1;
                }
                other => panic!("{}: break-even and direction disagree: {other:?}", e.input),
            }
        }
    }
    assert!(
        below > 0 && above > 0,
        "both directions occur ({below} below, {above} above)"
    );
    let analysis =
        decision::sensitivity_of_leading_pair(&presets::load("school-80").unwrap(), catalog())
            .unwrap();
    let json = serde_json::to_value(&analysis.entries).unwrap();
    for entry in json.as_array().unwrap() {
        let direction = &entry["direction"];
        match entry["break_even"].is_null() {
            true => assert!(direction.is_null()),
            false => assert!(direction == "below" || direction == "above", "{direction}"),
        }
    }
}

#[test]
fn identical_options_split_p_best_and_give_zero_evpi() {
    let mut s = presets::load("bank-200").unwrap();
    s.simulation.trials = 2_000;
    s.claims.clear();
    let first = s.options[0].clone();
    for (k, option) in s.options.iter_mut().enumerate() {
        *option = first.clone();
        option.id = format!("same-{k}");
    }
    let report = collab_risk::model::report::evaluate(&s, catalog()).unwrap();
    assert_eq!(report.decision.evpi_mop, 0.0);
    for p in &report.decision.p_best {
        assert_eq!(p.p, 0.25);
    }
    // Three identical, one different: the three split their trials equally.
    let mut s3 = presets::load("bank-200").unwrap();
    s3.simulation.trials = 2_000;
    for k in 1..3 {
        s3.options[k] = s3.options[0].clone();
        s3.options[k].id = format!("copy-{k}");
    }
    let r = collab_risk::model::report::evaluate(&s3, catalog()).unwrap();
    let p: Vec<f64> = r.decision.p_best.iter().map(|o| o.p).collect();
    assert_eq!(p[0], p[1]);
    assert_eq!(p[1], p[2]);
    assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-12);
}

#[test]
fn p_best_sums_to_one_and_ranking_is_exact_and_seed_independent() {
    for name in presets::names() {
        let mut s = presets::load(name).unwrap();
        s.simulation.trials = 3_000;
        let r = collab_risk::model::report::evaluate(&s, catalog()).unwrap();
        let sum: f64 = r.decision.p_best.iter().map(|o| o.p).sum();
        assert!((sum - 1.0).abs() < 1e-12, "{name}: {sum}");
        assert!(r.decision.evpi_mop >= 0.0);
        // Per-option copies agree with the list.
        for (o, p) in r.options.iter().zip(&r.decision.p_best) {
            assert_eq!(o.id, p.option);
            assert_eq!(o.simulation.p_best, p.p);
        }
        let det = evaluate_deterministic(&s, catalog()).unwrap();
        let mut expected: Vec<(f64, usize)> = det
            .options
            .iter()
            .enumerate()
            .map(|(i, o)| (expected_total(o), i))
            .collect();
        expected.sort_by(|x, y| x.0.total_cmp(&y.0).then(x.1.cmp(&y.1)));
        let ids: Vec<String> = expected
            .iter()
            .map(|(_, i)| det.options[*i].id.clone())
            .collect();
        assert_eq!(r.decision.ranking, ids, "{name}");
        s.simulation.seed ^= 0x5a5a;
        let other = collab_risk::model::report::evaluate(&s, catalog()).unwrap();
        assert_eq!(other.decision.ranking, r.decision.ranking, "{name}: seed");
    }
}

#[test]
fn evpi_matches_its_definition_on_the_trials() {
    use collab_risk::model::decision::certainty::value_of_certainty;
    // Three options, four trials; a three-way tie in the last trial.
    let cost = [10.0, 12.0, 11.0];
    let losses: [&[f64]; 3] = [
        &[0.0, 9.0, 1.0, 2.0],
        &[5.0, 0.0, 0.0, 0.0],
        &[3.0, 3.0, 3.0, 1.0],
    ];
    let v = value_of_certainty(&cost, &losses);
    // Totals: A 10 19 11 12 | B 17 12 12 12 | C 14 14 14 12.
    // Best per trial: A, B, A, tie(A, B, C).
    assert_eq!(
        v.p_best,
        vec![0.25 + 0.25 + 0.25 / 3.0, 0.25 + 0.25 / 3.0, 0.25 / 3.0]
    );
    assert!((v.p_best.iter().sum::<f64>() - 1.0).abs() < 1e-15);
    // E[A] = 13, E[B] = 13.25, E[C] = 13.5; E[min] = (10 + 12 + 11 + 12)/4 = 11.25.
    assert_eq!(v.evpi_mop, 13.0 - 11.25);
}
