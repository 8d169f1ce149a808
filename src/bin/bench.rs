//! Times the largest scenario (6 options × 6 dimensions, 50,000 trials, horizon 5).
//! Run: `cargo run --profile bench-native --bin bench`. Budget: < 50 ms.
//! Also the decision analysis on the same 6 options: best configurations of all options
//! (budget 100 ms in the browser; wasm is ≈ 2–3× slower, so ≤ 20 ms natively) and the
//! sensitivity of the leading pair.
use std::time::Instant;

use collab_risk::model::catalog::Catalog;
use collab_risk::model::decision;
use collab_risk::model::presets;
use collab_risk::model::report::evaluate;
use collab_risk::model::scenario::{MeasureSelection, OptionSpec, PlatformOverrides, Scenario};

const TRIALS: u32 = 50_000;
const REPETITIONS: usize = 9;

fn largest_scenario() -> Result<Scenario, String> {
    let mut scenario = presets::load("bank-200").map_err(|e| e.to_string())?;
    scenario.simulation.trials = TRIALS;
    scenario.horizon_years = 5;
    let extra = [
        (
            "wecom_measures",
            "wecom",
            vec![
                "dpa",
                "transfer_authorisation",
                "restricted_admins",
                "monthly_log_audit",
            ],
        ),
        (
            "signal_consent",
            "signal",
            vec!["transfer_consent_notification", "consent_records"],
        ),
    ];
    for (id, platform, measures) in extra {
        scenario.options.push(OptionSpec {
            id: id.to_string(),
            label: id.to_string(),
            platform: platform.to_string(),
            plan: None,
            overrides: PlatformOverrides::new(),
            measures: measures.into_iter().map(MeasureSelection::new).collect(),
            incumbent: false,
        });
    }
    Ok(scenario)
}

fn main() {
    let (catalog, scenario) = match (Catalog::embedded(), largest_scenario()) {
        (Ok(c), Ok(s)) => (c, s),
        (Err(e), _) => return eprintln!("catalog: {e}"),
        (_, Err(e)) => return eprintln!("scenario: {e}"),
    };
    let options = scenario.options.len();
    let mut times_ms = Vec::with_capacity(REPETITIONS);
    let mut checksum = 0.0;
    for _ in 0..REPETITIONS {
        let start = Instant::now();
        match evaluate(&scenario, catalog) {
            Ok(report) => {
                checksum += report
                    .options
                    .iter()
                    .map(|o| o.simulation.mean_mop)
                    .sum::<f64>()
            }
            Err(e) => return eprintln!("evaluate: {e}"),
        }
        times_ms.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    times_ms.sort_by(f64::total_cmp);
    let median = times_ms[REPETITIONS / 2];
    let trials = f64::from(TRIALS);
    println!(
        "scenario: {options} options x {} dimensions, {TRIALS} trials, horizon {} years",
        catalog.dimensions.len(),
        scenario.horizon_years
    );
    println!("repetitions: {REPETITIONS}");
    println!("min ms: {:.2}", times_ms[0]);
    println!("median ms: {median:.2}");
    println!("max ms: {:.2}", times_ms[REPETITIONS - 1]);
    println!("trials per second: {:.0}", trials / (median / 1000.0));
    println!(
        "option-trials per second: {:.0}",
        trials * options as f64 / (median / 1000.0)
    );
    println!(
        "budget: 50 ms -> {}",
        if median < 50.0 { "ok" } else { "OVER" }
    );
    println!("checksum: {checksum:.3}");
    decision_timings(&scenario, catalog);
}

/// Median of `REPETITIONS` runs of `f` in ms (`None` if it fails).
fn median_ms<T, E: std::fmt::Display>(mut f: impl FnMut() -> Result<T, E>) -> Option<f64> {
    let mut times = Vec::with_capacity(REPETITIONS);
    for _ in 0..REPETITIONS {
        let start = Instant::now();
        if let Err(e) = f() {
            eprintln!("decision: {e}");
            return None;
        }
        times.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    times.get(REPETITIONS / 2).copied()
}

fn decision_timings(scenario: &Scenario, catalog: &Catalog) {
    let options = scenario.options.len();
    if let Some(ms) = median_ms(|| decision::best_configurations(scenario, catalog)) {
        println!("best configurations ({options} options) median ms: {ms:.2}");
        println!(
            "best configurations budget: 20 ms native (100 ms in the browser) -> {}",
            if ms <= 20.0 { "ok" } else { "OVER" }
        );
    }
    if let Some(ms) = median_ms(|| decision::sensitivity_of_leading_pair(scenario, catalog)) {
        println!("sensitivity (leading pair) median ms: {ms:.2}");
    }
}
