//! Property tests of the model's laws.
use collab_risk::model::catalog::{Catalog, MEASURE_IDS};
use collab_risk::model::cost::licence_total_mop;
use collab_risk::model::presets;
use collab_risk::model::report::{evaluate, evaluate_deterministic};
use collab_risk::model::risk::rating_from_eal;
use collab_risk::model::scenario::{MeasureSelection, Scenario};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn catalog() -> &'static Catalog {
    Catalog::embedded().unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn licence_cost_is_linear_in_users(users in 1u32..50_000, k in 1u32..3, cents in 0i64..100_000) {
        let price = Decimal::new(cents, 2);
        let fx = Decimal::new(805, 2);
        let one = licence_total_mop(users, price, fx, 5).unwrap();
        let many = licence_total_mop(users * k, price, fx, 5).unwrap();
        prop_assert_eq!(many, one * Decimal::from(k));
        // Same law through the full ledger.
        let mut s = presets::load("article-50").unwrap();
        s.organisation.users = users;
        let a = evaluate_deterministic(&s, catalog()).unwrap();
        s.organisation.users = users * k;
        let b = evaluate_deterministic(&s, catalog()).unwrap();
        prop_assert_eq!(b.options[1].cost.by_category.licence, a.options[1].cost.by_category.licence * Decimal::from(k));
    }

    #[test]
    fn adding_a_measure_never_raises_any_cell(
        preset in 0usize..4,
        option in 0usize..3,
        base in proptest::collection::vec(0usize..13, 0..5),
        extra in 0usize..13,
        days in 1u32..3650,
        position in 0usize..6,
    ) {
        let name = presets::names()[preset];
        let mut s = presets::load(name).unwrap();
        let option = option % s.options.len();
        let selection = |i: usize| {
            let id = MEASURE_IDS[i];
            MeasureSelection { id: id.to_string(), days: (id == "retention_auto_delete").then_some(days) }
        };
        // Only measures that can apply to the option's platform (others are refused).
        let applies = |i: usize| {
            let mut t = s.clone();
            t.options[option].measures = vec![selection(i)];
            evaluate_deterministic(&t, catalog()).is_ok()
        };
        let mut measures: Vec<MeasureSelection> = Vec::new();
        for i in base {
            if applies(i) && !measures.iter().any(|m| m.id == MEASURE_IDS[i]) { measures.push(selection(i)); }
        }
        prop_assume!(applies(extra));
        prop_assume!(!measures.iter().any(|m| m.id == MEASURE_IDS[extra]));
        s.options[option].measures = measures.clone();
        let before = evaluate_deterministic(&s, catalog()).unwrap();
        measures.insert(position.min(measures.len()), selection(extra));
        s.options[option].measures = measures;
        let after = evaluate_deterministic(&s, catalog()).unwrap();
        for (b, a) in before.options[option].risk.cells.iter().zip(&after.options[option].risk.cells) {
            prop_assert!(a.probability <= b.probability, "{} p {} > {}", a.dimension, a.probability, b.probability);
            prop_assert!(a.low_mop <= b.low_mop && a.high_mop <= b.high_mop, "{} magnitude rose", a.dimension);
            prop_assert!(a.expected_annual_loss_mop <= b.expected_annual_loss_mop * (1.0 + 1e-12));
        }
    }

    #[test]
    fn eal_non_negative_and_ratings_monotone(a in 0.0f64..1e9, b in 0.0f64..1e9, appetite in 1.0f64..1e9,
                                             users in 1u32..5000, subjects in 0u64..1_000_000, preset in 0usize..4) {
        let edges = &catalog().rating.eal_band_edges_fraction_of_appetite;
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        prop_assert!(rating_from_eal(lo, appetite, edges) <= rating_from_eal(hi, appetite, edges));
        let mut s = presets::load(presets::names()[preset]).unwrap();
        s.organisation.users = users;
        s.organisation.data_subjects = subjects;
        let r = evaluate_deterministic(&s, catalog()).unwrap();
        for o in &r.options {
            for c in &o.risk.cells {
                prop_assert!(c.expected_annual_loss_mop >= 0.0 && c.expected_annual_loss_mop.is_finite());
                prop_assert!((0.0..=1.0).contains(&c.probability));
                prop_assert!((1..=5).contains(&c.rating));
            }
            prop_assert!(o.roi.rosi.is_none_or(f64::is_finite));
            prop_assert!((0.0..=100.0).contains(&o.roi.score));
        }
    }

    #[test]
    fn scenario_json_round_trips(users in 1u32..100_000, subjects in 0u64..10_000_000, horizon in 1u32..=10,
                                 esc in -500i64..1000, seed in any::<u32>(), trials in 100u32..200_000, preset in 0usize..4) {
        let mut s = presets::load(presets::names()[preset]).unwrap();
        s.organisation.users = users;
        s.organisation.data_subjects = subjects;
        s.horizon_years = horizon;
        s.escalation_pct = Decimal::new(esc, 1);
        s.simulation.seed = seed;
        s.simulation.trials = trials;
        let text = s.to_json_pretty().unwrap();
        let back = Scenario::from_json(&text).unwrap();
        prop_assert_eq!(&back, &s);
        prop_assert_eq!(back.to_json_pretty().unwrap(), text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 8, ..ProptestConfig::default() })]

    #[test]
    fn same_seed_gives_byte_identical_report(seed in any::<u32>(), preset in 0usize..4) {
        let mut s = presets::load(presets::names()[preset]).unwrap();
        s.simulation.seed = seed;
        s.simulation.trials = 300;
        let a = evaluate(&s, catalog()).unwrap().to_json_pretty().unwrap();
        let b = evaluate(&s, catalog()).unwrap().to_json_pretty().unwrap();
        prop_assert_eq!(a, b);
    }
}
