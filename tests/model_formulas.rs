//! Unit checks of each formula against hand-computed values.
use collab_risk::model::catalog::Catalog;
use collab_risk::model::cost::{growth_factor, licence_total_mop};
use collab_risk::model::error::ModelError;
use collab_risk::model::presets;
use collab_risk::model::report::{evaluate, evaluate_deterministic};
use collab_risk::model::risk::{
    annual_probability, band, lognormal_from_interval, lognormal_mean, rating_from_eal,
};
use collab_risk::model::roi::{payback_year, rosi, score};
use collab_risk::model::scenario::{MeasureSelection, Scenario};
use collab_risk::model::simulation::SimulationRun;
use rust_decimal::Decimal;
use std::str::FromStr;

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn catalog() -> &'static Catalog {
    Catalog::embedded().unwrap()
}

#[test]
fn article_difference_is_112881_125() {
    let s = presets::load("article-50").unwrap();
    let r = evaluate_deterministic(&s, catalog()).unwrap();
    let dingtalk = &r.options[0].cost;
    let alternative = &r.options[1].cost;
    // 50 × 71.91 × 8.05 × 5 and 50 × 128 × 8.05 × 5.
    assert_eq!(dingtalk.total_mop, dec("144718.875"));
    assert_eq!(alternative.total_mop, dec("257600"));
    assert_eq!(
        alternative.total_mop - dingtalk.total_mop,
        dec("112881.125")
    );
    assert_eq!(r.claims[0].computed_mop.to_string(), "112881.125");
    assert!(
        !r.claims[0].supported,
        "the article's > MOP 140,000 is not supported"
    );
    // Licence only: every other category is zero.
    assert_eq!(dingtalk.by_category.licence, dingtalk.total_mop);
    assert_eq!(alternative.by_category.licence, alternative.total_mop);
    assert_eq!(
        licence_total_mop(50, dec("128"), dec("8.05"), 5),
        Some(dec("257600"))
    );
}

#[test]
fn a_claim_must_compare_two_different_options() {
    let mut s = presets::load("article-50").unwrap();
    s.claims[0].lower_option = s.claims[0].higher_option.clone();
    let e = s.validate(catalog()).unwrap_err();
    assert_eq!(e.code(), "out_of_range");
    assert_eq!(e.path(), "claims[0].lower_option");
}

#[test]
fn escalation_and_discount_hand_computed() {
    assert_eq!(growth_factor(dec("10"), 0), Some(Decimal::ONE));
    assert_eq!(growth_factor(dec("10"), 2), Some(dec("1.21")));
    let mut s = presets::load("article-50").unwrap();
    s.horizon_years = 3;
    s.escalation_pct = dec("10");
    let r = evaluate_deterministic(&s, catalog()).unwrap();
    // Alternative: 50 × 128 × 8.05 = 51,520 per year; × 1, 1.1, 1.21.
    let years: Vec<Decimal> = r.options[1]
        .cost
        .by_year
        .iter()
        .map(|y| y.amounts.licence)
        .collect();
    assert_eq!(years, vec![dec("51520"), dec("56672"), dec("62339.2")]);
    assert_eq!(r.options[1].cost.total_mop, dec("170531.2"));
    // Add a 10 % discount rate: escalation and discount cancel exactly.
    s.discount_rate_pct = dec("10");
    let r = evaluate_deterministic(&s, catalog()).unwrap();
    assert_eq!(r.options[1].cost.total_mop, dec("154560"));
    // Discount only: 51,520 × (1 + 1/1.1) = 98,356.363636…, rounded to 6 dp per year.
    s.escalation_pct = Decimal::ZERO;
    s.horizon_years = 2;
    let r = evaluate_deterministic(&s, catalog()).unwrap();
    assert_eq!(
        r.options[1].cost.by_year[1].amounts.licence,
        dec("46836.363636")
    );
}

#[test]
fn per_organisation_price_is_not_multiplied_by_users() {
    let s = presets::load("school-80").unwrap();
    let r = evaluate_deterministic(&s, catalog()).unwrap();
    // US$600 × 8.05 × 5 years = MOP 24,150 (staff hours zero on the custom platform).
    assert_eq!(r.options[0].cost.by_category.licence, dec("24150"));
    assert_eq!(r.options[2].cost.by_category.licence, dec("80500"));
}

#[test]
fn one_off_costs_fall_in_year_one_and_measures_cost_hours() {
    let mut s = presets::load("article-50").unwrap();
    s.options[1].measures = vec![MeasureSelection::new("pia")];
    let r = evaluate_deterministic(&s, catalog()).unwrap();
    let ledger = &r.options[1].cost;
    // PIA: MOP 15,000 + 40 h × 200 one-off; 8 h × 200 = 1,600 per year.
    assert_eq!(ledger.by_year[0].amounts.compliance_measures, dec("24600"));
    assert_eq!(ledger.by_year[1].amounts.compliance_measures, dec("1600"));
    assert_eq!(ledger.by_category.compliance_measures, dec("31000"));
}

#[test]
fn lognormal_fit_and_eal() {
    let z = 1.6448536269514722;
    let (mu, sigma) = lognormal_from_interval(10_000.0, 1_000_000.0, z);
    assert!((mu - (100_000.0f64).ln()).abs() < 1e-9);
    assert!((sigma - (100.0f64).ln() / (2.0 * z)).abs() < 1e-12);
    // P5 and P95 recovered.
    assert!(((mu - z * sigma).exp() - 10_000.0).abs() < 1e-6);
    assert!(((mu + z * sigma).exp() - 1_000_000.0).abs() < 1e-3);
    let mean = lognormal_mean(mu, sigma);
    assert!((mean - (mu + sigma * sigma / 2.0).exp()).abs() < 1e-6);
    assert!((annual_probability(0.1) - (1.0 - (-0.1f64).exp())).abs() < 1e-15);
    // Each cell: EAL = λ · exp(μ + σ²/2).
    let r = evaluate_deterministic(&presets::load("bank-200").unwrap(), catalog()).unwrap();
    for cell in &r.options[0].risk.cells {
        let expected = cell.annual_rate * (cell.ln_mu + cell.ln_sigma * cell.ln_sigma / 2.0).exp();
        assert!((cell.expected_annual_loss_mop - expected).abs() <= 1e-9 * expected.max(1.0));
        assert!((cell.low_mop.ln() - (cell.ln_mu - z * cell.ln_sigma)).abs() < 1e-9);
    }
}

#[test]
fn ratings_and_bands() {
    let edges = [0.01, 0.03, 0.1, 0.3];
    assert_eq!(rating_from_eal(0.0, 100_000.0, &edges), 1);
    assert_eq!(rating_from_eal(999.0, 100_000.0, &edges), 1);
    assert_eq!(rating_from_eal(1_000.0, 100_000.0, &edges), 2);
    assert_eq!(rating_from_eal(10_000.0, 100_000.0, &edges), 4);
    assert_eq!(rating_from_eal(1e12, 100_000.0, &edges), 5);
    assert_eq!(band(0.5, &[0.01, 0.03, 0.1, 0.3]), 5);
}

#[test]
fn rosi_score_payback() {
    assert_eq!(rosi(300.0, 100.0), Some(2.0));
    // Uncapped: a cheap measure against a large loss shows its real ratio.
    assert_eq!(rosi(1e9, 1.0), Some(1e9 - 1.0));
    assert_eq!(rosi(5.0, 0.0), None);
    assert_eq!(rosi(0.0, 0.0), None);
    assert_eq!(score(Some(0.0), 100.0), 50.0);
    assert_eq!(score(Some(f64::NAN), 0.0), 50.0);
    assert!(score(Some(1e9), 1.0) < 100.0);
    assert_eq!(payback_year(&[10.0, 10.0], &[15.0, 0.0]), Some(2));
    assert_eq!(payback_year(&[0.0, 0.0], &[0.0, 0.0]), None);
}

#[test]
fn measures_that_cannot_apply_are_refused() {
    let mut s = presets::load("bank-200").unwrap();
    // Element self-hosted in Macau: no transfer to legitimise.
    s.options[3].measures = vec![MeasureSelection::new("transfer_consent_notification")];
    let e = evaluate_deterministic(&s, catalog()).unwrap_err();
    assert_eq!(e.code(), "measure_not_applicable");
    assert_eq!(e.path(), "options[3].measures[0]");
    // The GBA contract is refused for data in Singapore and works for the mainland GBA cities.
    let mut s = presets::load("article-50").unwrap();
    s.options[0].measures = vec![MeasureSelection::new("gba_standard_contract")];
    assert!(evaluate_deterministic(&s, catalog()).is_err());
    s.options[0]
        .overrides
        .set(
            "data_location",
            collab_risk::model::fields::FieldValue::Choice("mainland_gba".into()),
        )
        .unwrap();
    let r = evaluate_deterministic(&s, catalog()).unwrap();
    assert!(r.options[0].risk.measures[0].applies);
    let with = r.options[0].risk.cells[0].annual_rate;
    let without = r.options[0].baseline_risk.as_ref().unwrap().cells[0].annual_rate;
    assert!(with < without);
}

#[test]
fn free_measures_have_no_rosi_but_a_full_score() {
    let mut s = presets::load("article-50").unwrap();
    s.staff_hourly_rate_mop = Decimal::ZERO;
    s.options[0].measures = vec![MeasureSelection::new("restricted_admins")];
    s.simulation.trials = 500;
    let r = evaluate(&s, catalog()).unwrap();
    let roi = &r.options[0].compliance_roi;
    // Nothing spent: ROSI is undefined (not a capped number); the score is 100.
    assert_eq!(roi.rosi, None);
    assert!(!roi.rosi_capped);
    assert_eq!(roi.score, 100.0);
    assert_eq!(roi.measures_cost_mop, 0.0);
    assert!(roi.p_positive > 0.0 && roi.p_positive <= 1.0);
    assert_eq!(roi.payback_year, Some(1));
}

#[test]
fn chunked_equals_one_shot() {
    let mut s = presets::load("bank-200").unwrap();
    s.simulation.trials = 3_001;
    let d = evaluate_deterministic(&s, catalog()).unwrap();
    let mut one = SimulationRun::new(&s, &d);
    let a = one.finish();
    let mut chunked = SimulationRun::new(&s, &d);
    let mut steps = 0;
    while !chunked.step(97) {
        steps += 1;
        assert!(chunked.progress() > 0.0 && chunked.progress() < 1.0);
    }
    assert!(steps > 10);
    assert_eq!(chunked.progress(), 1.0);
    let b = chunked.finish();
    assert_eq!(a, b);
    assert_eq!(
        serde_json::to_string(&a).unwrap(),
        serde_json::to_string(&b).unwrap()
    );
}

#[test]
fn simulation_mean_matches_expected_loss() {
    let mut s = presets::load("clinic-30").unwrap();
    s.simulation.trials = 100_000;
    let d = evaluate_deterministic(&s, catalog()).unwrap();
    let sim = SimulationRun::new(&s, &d).finish();
    for (o, sim) in d.options.iter().zip(&sim.options) {
        let rel = (sim.mean_mop - o.expected_loss_horizon_mop).abs() / o.expected_loss_horizon_mop;
        // Heavy-tailed lognormal sums converge slowly; 10 % at 100k trials is generous.
        assert!(
            rel < 0.1,
            "{}: sim {} vs expected {}",
            o.id,
            sim.mean_mop,
            o.expected_loss_horizon_mop
        );
        assert!(sim.p50_mop <= sim.p90_mop && sim.p90_mop <= sim.p95_mop);
        assert!(sim
            .exceedance
            .windows(2)
            .all(|w| w[0].probability >= w[1].probability));
    }
}

#[test]
fn common_random_numbers_make_measures_dominate_per_trial() {
    let mut s = presets::load("bank-200").unwrap();
    s.simulation.trials = 2_000;
    let r = evaluate(&s, catalog()).unwrap();
    // Same platform, with measures vs without: the measured option loses less on average
    // and the comparison is coherent.
    let with = &r.options[1];
    let without = &r.options[0];
    assert!(with.simulation.mean_mop < without.simulation.mean_mop);
    assert!(with.compliance_roi.p_positive > 0.0);
}

#[test]
fn report_has_the_issue_shape() {
    let mut s = presets::load("article-50").unwrap();
    s.simulation.trials = 200;
    let r = evaluate(&s, catalog()).unwrap();
    let v: serde_json::Value = serde_json::from_str(&r.to_json_pretty().unwrap()).unwrap();
    let o = &v["options"][0];
    for key in [
        "id",
        "name",
        "cost",
        "risk",
        "simulation",
        "risk_adjusted_total_mop",
        "compliance_roi",
    ] {
        assert!(o.get(key).is_some(), "missing {key}");
    }
    assert!(o["cost"]["total_mop"].is_string());
    assert!(o["cost"]["by_year"].is_array());
    assert!(o["cost"]["by_category"]["licence"].is_string());
    let cell = &o["risk"]["cells"][0];
    for key in [
        "dimension",
        "probability",
        "low_mop",
        "high_mop",
        "expected_annual_loss_mop",
        "rating",
    ] {
        assert!(cell.get(key).is_some(), "missing cell {key}");
    }
    assert!(o["risk"]["expected_annual_loss_mop"].is_number());
    for key in [
        "trials",
        "seed",
        "mean_mop",
        "p50_mop",
        "p90_mop",
        "p95_mop",
        "exceedance",
    ] {
        assert!(
            o["simulation"].get(key).is_some(),
            "missing simulation {key}"
        );
    }
    for key in ["rosi", "score", "p_positive", "payback_year"] {
        assert!(o["compliance_roi"].get(key).is_some(), "missing roi {key}");
    }
    let c = &v["comparisons"][0];
    assert!(c["a"].is_string() && c["b"].is_string() && c["p_a_cheaper"].is_number());
    assert!(v["notes"][0].as_str().unwrap().contains("112881.125"));
}

#[test]
fn deterministic_is_fast() {
    let s = presets::load("bank-200").unwrap();
    let c = catalog();
    let start = std::time::Instant::now();
    let runs = 50;
    for _ in 0..runs {
        evaluate_deterministic(&s, c).unwrap();
    }
    let per_run = start.elapsed() / runs;
    // Debug build budget; release is far below 1 ms.
    assert!(per_run.as_millis() < 20, "{per_run:?}");
}

#[test]
fn scenario_errors_name_the_field() {
    let c = catalog();
    let base = presets::json("article-50").unwrap();
    let cases = [
        (base.replace("\"users\": 50", "\"users\": -5"), "organisation.users", "out_of_range"),
        (base.replace("\"users\": 50", "\"users\": \"many\""), "organisation.users", "wrong_type"),
        (base.replace("\"users\": 50", "\"users\": 0"), "organisation.users", "out_of_range"),
        (base.replace("\"platform\": \"custom\"", "\"platform\": \"zoom\""), "options[1].platform", "unknown_platform"),
        (base.replace("\"licence_amount\": \"128\"", "\"licence_amount\": \"-1\""), "options[1].overrides.licence_amount", "out_of_range"),
        (base.replace("\"trials\": 10000", "\"trials\": 200001"), "simulation.trials", "out_of_range"),
        (base.replace("\"version\": 1", "\"version\": 2"), "version", "unsupported_version"),
        (base.replace("\"measures\": []", "\"measures\": [\"magic\"]"), "options[0].measures[0]", "unknown_measure"),
        (base.replace("\"horizon_years\": 5", "\"horizon_years\": 11"), "horizon_years", "out_of_range"),
        (base.replace("\"sector\": \"general\"", "\"sector\": \"casino\""), "organisation.sector", "unknown_sector"),
        (base.replace("\"licence_currency\": \"USD\",\n        \"licence_basis\": \"per_user_year\"\n      },\n      \"measures\": []\n    }\n  ]", "X"), "", "invalid_json"),
    ];
    for (text, path, code) in cases {
        let e = Scenario::from_json_with(&text, c).unwrap_err();
        assert_eq!((e.path(), e.code()), (path, code), "{e}");
    }
    let e = Scenario::from_json_bytes(&[0xff, 0xfe], c).unwrap_err();
    assert_eq!(e.code(), "not_utf8");
    // Range errors keep their bounds (the UI says them in the reader's language).
    let e =
        Scenario::from_json_with(&base.replace("\"users\": 50", "\"users\": 0"), c).unwrap_err();
    assert_eq!(
        e,
        ModelError::NotBetween {
            path: "organisation.users".into(),
            min: "1".into(),
            max: "100000".into()
        }
    );
    assert_eq!(
        e.to_string(),
        "organisation.users: must be between 1 and 100000"
    );
}

#[test]
fn too_many_options_refused() {
    let mut s = presets::load("bank-200").unwrap();
    let extra = s.options[0].clone();
    for i in 0..3 {
        let mut o = extra.clone();
        o.id = format!("extra{i}");
        s.options.push(o);
    }
    let e = s.validate(catalog()).unwrap_err();
    assert_eq!((e.path(), e.code()), ("options", "option_count"));
    let text = s.to_json_pretty().unwrap();
    assert_eq!(
        Scenario::from_json(&text).unwrap_err().code(),
        "option_count"
    );
}
