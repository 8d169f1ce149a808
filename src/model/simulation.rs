//! Seeded Monte Carlo of losses over the horizon (methodology §4).
//!
//! Per trial and dimension, one Xoshiro256++ stream is seeded from
//! `(seed, dimension, trial)`, so results do not depend on chunking, and every option
//! (and its no-measures baseline) uses the same random numbers (common random numbers):
//! the event count comes from one uniform by inverse transform, and the k-th event's
//! size and year from the k-th draws. All transcendental maths uses `libm`, so native
//! and wasm runs are bit-identical.
//!
//! ```
//! use collab_risk::model::{catalog::Catalog, presets, report, simulation::SimulationRun};
//! let catalog = Catalog::embedded().unwrap();
//! let mut scenario = presets::load("bank-200").unwrap();
//! scenario.simulation.trials = 500;
//! let quick = report::evaluate_deterministic(&scenario, catalog).unwrap();
//! let mut run = SimulationRun::new(&scenario, &quick);
//! while !run.step(128) {}
//! let summary = run.finish();
//! assert_eq!(summary.options.len(), scenario.options.len());
//! ```
use rand_xoshiro::rand_core::{Rng, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;
use serde::Serialize;

use super::decision::certainty::value_of_certainty;
use super::deterministic::DeterministicReport;
use super::risk::{decimal_to_f64, RiskProfile};
use super::scenario::Scenario;

/// Parameters of one dimension for one simulated variant.
#[derive(Debug, Clone, Copy, PartialEq)]
struct CellParams {
    /// λ × horizon: expected events over the horizon.
    events_mean: f64,
    /// e^(−λT), P(no event).
    p_zero: f64,
    /// Median loss per event e^μ (σ is common per dimension).
    median: f64,
    /// Inverse-transform loop bound (never reached in practice; guards float stalls).
    max_events: u32,
}

/// One simulated configuration: an option, or an option's no-measures baseline.
#[derive(Debug, Clone, PartialEq)]
struct Variant {
    cells: Vec<CellParams>,
}

impl Variant {
    fn new(profile: &RiskProfile, horizon: f64) -> Variant {
        let cells = profile
            .cells
            .iter()
            .map(|c| {
                let events_mean = c.annual_rate * horizon;
                // Bound: mean + 12 sd + 32, far beyond any probability the sampler can reach.
                let bound = events_mean + 12.0 * libm::sqrt(events_mean) + 32.0;
                CellParams {
                    events_mean,
                    p_zero: libm::exp(-events_mean),
                    median: libm::exp(c.ln_mu),
                    max_events: bound.min(f64::from(u32::MAX)) as u32,
                }
            })
            .collect();
        Variant { cells }
    }
}

/// Mean and percentiles of a distribution (MOP).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DistributionSummary {
    pub mean_mop: f64,
    pub p50_mop: f64,
    pub p90_mop: f64,
    pub p95_mop: f64,
}

/// One loss-exceedance curve point: P(loss over the horizon > threshold).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExceedancePoint {
    pub threshold_mop: f64,
    pub probability: f64,
}

/// The simulation result of one option.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OptionSimulation {
    pub trials: u32,
    pub seed: u32,
    /// Loss over the horizon (discounted like the costs).
    pub mean_mop: f64,
    pub p50_mop: f64,
    pub p90_mop: f64,
    pub p95_mop: f64,
    /// Thresholds are common to all options (log-spaced), so curves share an axis.
    pub exceedance: Vec<ExceedancePoint>,
    /// Cost total + loss, per trial.
    pub risk_adjusted: DistributionSummary,
    /// P(loss avoided vs the no-measures baseline > measures cost), i.e. P(ROSI > 0): the share
    /// of simulated futures in which the measures pay for themselves within the horizon.
    pub p_rosi_positive: f64,
    /// 5th and 95th percentiles of the net benefit of the measures (loss avoided vs the
    /// no-measures baseline − measures cost), MOP; 0 without measures.
    pub net_benefit_p5_mop: f64,
    pub net_benefit_p95_mop: f64,
    /// Share of trials in which this option has the lowest cost + loss (ties split).
    pub p_best: f64,
}

/// P(A's risk-adjusted total < B's), over the same trials.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    pub a: String,
    pub b: String,
    pub p_a_cheaper: f64,
}

/// Everything the simulation produces.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SimulationSummary {
    pub trials: u32,
    pub seed: u32,
    pub options: Vec<OptionSimulation>,
    pub comparisons: Vec<Comparison>,
    /// Expected value of perfect information over these trials (MOP, see
    /// [`value_of_certainty`]).
    pub evpi_mop: f64,
}

/// A resumable simulation: call [`SimulationRun::step`] between animation frames,
/// then [`SimulationRun::finish`]. Chunked and one-shot runs give identical results.
#[derive(Debug, Clone)]
pub struct SimulationRun {
    trials: u32,
    seed: u32,
    done: u32,
    exceedance_points: u32,
    option_ids: Vec<String>,
    /// Options first, then baselines.
    variants: Vec<Variant>,
    /// For each option, the variant index of its baseline (itself when no measures).
    baseline_of: Vec<usize>,
    /// σ of ln(loss) per dimension (magnitude factors only shift μ).
    sigma: Vec<f64>,
    /// Discount factor per year of the horizon.
    discount: Vec<f64>,
    cost_total: Vec<f64>,
    measures_cost: Vec<f64>,
    /// losses[variant][trial].
    losses: Vec<Vec<f64>>,
    /// Scratch: prefix sums of event weights for one (trial, dimension).
    prefix: Vec<f64>,
    counts: Vec<u32>,
}

/// Stream key of one (seed, dimension, trial): unique while trials < 2^24 and dims < 256.
fn stream_key(seed: u32, dimension: usize, trial: u32) -> u64 {
    (u64::from(seed) << 32) ^ ((dimension as u64 & 0xff) << 24) ^ u64::from(trial & 0x00ff_ffff)
}

/// Uniform in [0, 1) with 53 random bits.
#[inline]
fn uniform(rng: &mut Xoshiro256PlusPlus) -> f64 {
    (rng.next_u64() >> 11) as f64 * (1.0 / 9_007_199_254_740_992.0)
}

/// Poisson count by inverse transform of `u` (monotone in the mean: common random numbers).
#[inline]
fn poisson_inverse(u: f64, cell: &CellParams) -> u32 {
    let mut n = 0u32;
    let mut p = cell.p_zero;
    let mut cdf = p;
    while u >= cdf && n < cell.max_events {
        n += 1;
        p *= cell.events_mean / f64::from(n);
        cdf += p;
    }
    n
}

/// Nearest-rank percentile of sorted data: element ⌈q·n⌉ − 1.
fn percentile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = libm::ceil(q * sorted.len() as f64) as usize;
    sorted
        .get(rank.saturating_sub(1).min(sorted.len() - 1))
        .copied()
        .unwrap_or(0.0)
}

fn mean(values: &[f64]) -> f64 {
    if values.is_empty() {
        0.0
    } else {
        values.iter().sum::<f64>() / values.len() as f64
    }
}

impl SimulationRun {
    /// Prepare a run from the scenario's settings and the deterministic report.
    pub fn new(scenario: &Scenario, report: &DeterministicReport) -> SimulationRun {
        let horizon = f64::from(scenario.horizon_years);
        let mut variants: Vec<Variant> = report
            .options
            .iter()
            .map(|o| Variant::new(&o.risk, horizon))
            .collect();
        let mut baseline_of = Vec::with_capacity(report.options.len());
        for (i, o) in report.options.iter().enumerate() {
            match &o.baseline_risk {
                Some(b) => {
                    baseline_of.push(variants.len());
                    variants.push(Variant::new(b, horizon));
                }
                None => baseline_of.push(i),
            }
        }
        let sigma = report
            .options
            .first()
            .map(|o| o.risk.cells.iter().map(|c| c.ln_sigma).collect())
            .unwrap_or_default();
        let trials = scenario.simulation.trials;
        SimulationRun {
            trials,
            seed: scenario.simulation.seed,
            done: 0,
            exceedance_points: report.exceedance_points,
            option_ids: report.options.iter().map(|o| o.id.clone()).collect(),
            losses: variants
                .iter()
                .map(|_| Vec::with_capacity(trials as usize))
                .collect(),
            counts: vec![0; variants.len()],
            variants,
            baseline_of,
            sigma,
            discount: report.discount_factors.clone(),
            cost_total: report
                .options
                .iter()
                .map(|o| decimal_to_f64(o.cost.total_mop))
                .collect(),
            measures_cost: report
                .options
                .iter()
                .map(|o| decimal_to_f64(o.cost.by_category.compliance_measures))
                .collect(),
            prefix: Vec::with_capacity(64),
        }
    }

    /// Total trials.
    pub fn trials(&self) -> u32 {
        self.trials
    }

    /// Fraction of trials done, 0..=1.
    pub fn progress(&self) -> f64 {
        if self.trials == 0 {
            1.0
        } else {
            f64::from(self.done) / f64::from(self.trials)
        }
    }

    /// Whether all trials are done.
    pub fn is_done(&self) -> bool {
        self.done >= self.trials
    }

    /// Run up to `max_trials` more trials; true when all are done.
    pub fn step(&mut self, max_trials: u32) -> bool {
        let end = self.done.saturating_add(max_trials).min(self.trials);
        let horizon = self.discount.len().max(1);
        let dims = self.sigma.len();
        for trial in self.done..end {
            for losses in &mut self.losses {
                losses.push(0.0);
            }
            for dim in 0..dims {
                let mut rng = Xoshiro256PlusPlus::seed_from_u64(stream_key(self.seed, dim, trial));
                let u = uniform(&mut rng);
                let mut most = 0u32;
                for (count, variant) in self.counts.iter_mut().zip(&self.variants) {
                    *count = variant
                        .cells
                        .get(dim)
                        .map_or(0, |cell| poisson_inverse(u, cell));
                    most = most.max(*count);
                }
                if most == 0 {
                    continue;
                }
                // Event k: a standard normal (Box–Muller) for its size, a uniform for its year.
                let sigma = self.sigma.get(dim).copied().unwrap_or(0.0);
                self.prefix.clear();
                self.prefix.push(0.0);
                let mut running = 0.0;
                for _ in 0..most {
                    let u1 = 1.0 - uniform(&mut rng);
                    let u2 = uniform(&mut rng);
                    let z =
                        libm::sqrt(-2.0 * libm::log(u1)) * libm::cos(std::f64::consts::TAU * u2);
                    let year = ((uniform(&mut rng) * horizon as f64) as usize).min(horizon - 1);
                    let factor = self.discount.get(year).copied().unwrap_or(1.0);
                    running += libm::exp(sigma * z) * factor;
                    self.prefix.push(running);
                }
                for ((losses, count), variant) in
                    self.losses.iter_mut().zip(&self.counts).zip(&self.variants)
                {
                    if *count == 0 {
                        continue;
                    }
                    let weight = self.prefix.get(*count as usize).copied().unwrap_or(0.0);
                    let median = variant.cells.get(dim).map_or(0.0, |c| c.median);
                    if let Some(last) = losses.last_mut() {
                        *last += median * weight;
                    }
                }
            }
        }
        self.done = end;
        self.is_done()
    }

    /// Complete any remaining trials and summarise.
    pub fn finish(&mut self) -> SimulationSummary {
        while !self.step(u32::MAX) {}
        let option_count = self.option_ids.len();
        let mut sorted_all: Vec<Vec<f64>> = Vec::with_capacity(option_count);
        for losses in self.losses.iter().take(option_count) {
            let mut sorted = losses.clone();
            sorted.sort_unstable_by(f64::total_cmp);
            sorted_all.push(sorted);
        }
        let thresholds = self.exceedance_thresholds(&sorted_all);
        let n = f64::from(self.trials.max(1));
        let option_losses: Vec<&[f64]> = self
            .losses
            .iter()
            .take(option_count)
            .map(Vec::as_slice)
            .collect();
        let certainty = value_of_certainty(&self.cost_total, &option_losses);
        let mut options = Vec::with_capacity(option_count);
        for (i, sorted) in sorted_all.iter().enumerate() {
            let losses = self.losses.get(i).map(Vec::as_slice).unwrap_or(&[]);
            let cost = self.cost_total.get(i).copied().unwrap_or(0.0);
            let loss_mean = mean(losses);
            let exceedance = thresholds
                .iter()
                .map(|&x| {
                    let above = sorted.len() - sorted.partition_point(|v| *v <= x);
                    ExceedancePoint {
                        threshold_mop: x,
                        probability: above as f64 / n,
                    }
                })
                .collect();
            let baseline = self.baseline_of.get(i).copied().unwrap_or(i);
            let measures_cost = self.measures_cost.get(i).copied().unwrap_or(0.0);
            let (p_rosi_positive, net_p5, net_p95) = if baseline == i {
                (0.0, 0.0, 0.0)
            } else {
                let base = self.losses.get(baseline).map(Vec::as_slice).unwrap_or(&[]);
                let mut net: Vec<f64> = base
                    .iter()
                    .zip(losses)
                    .map(|(b, o)| (*b - *o) - measures_cost)
                    .collect();
                let positive = net.iter().filter(|v| **v > 0.0).count();
                net.sort_unstable_by(f64::total_cmp);
                (
                    positive as f64 / n,
                    percentile(&net, 0.05),
                    percentile(&net, 0.95),
                )
            };
            options.push(OptionSimulation {
                trials: self.trials,
                seed: self.seed,
                mean_mop: loss_mean,
                p50_mop: percentile(sorted, 0.50),
                p90_mop: percentile(sorted, 0.90),
                p95_mop: percentile(sorted, 0.95),
                exceedance,
                risk_adjusted: DistributionSummary {
                    mean_mop: cost + loss_mean,
                    p50_mop: cost + percentile(sorted, 0.50),
                    p90_mop: cost + percentile(sorted, 0.90),
                    p95_mop: cost + percentile(sorted, 0.95),
                },
                p_rosi_positive,
                net_benefit_p5_mop: net_p5,
                net_benefit_p95_mop: net_p95,
                p_best: certainty.p_best.get(i).copied().unwrap_or(0.0),
            });
        }
        // Both directions of every pair: with ties (identical options) P(A < B) and P(B < A) are
        // both 0, so one cannot be derived from the other.
        let mut comparisons = Vec::new();
        for a in 0..option_count {
            for b in (0..option_count).filter(|&b| b != a) {
                let (Some(la), Some(lb)) = (self.losses.get(a), self.losses.get(b)) else {
                    continue;
                };
                let ca = self.cost_total.get(a).copied().unwrap_or(0.0);
                let cb = self.cost_total.get(b).copied().unwrap_or(0.0);
                let cheaper = la.iter().zip(lb).filter(|(x, y)| ca + *x < cb + *y).count();
                comparisons.push(Comparison {
                    a: self.option_ids.get(a).cloned().unwrap_or_default(),
                    b: self.option_ids.get(b).cloned().unwrap_or_default(),
                    p_a_cheaper: cheaper as f64 / n,
                });
            }
        }
        SimulationSummary {
            trials: self.trials,
            seed: self.seed,
            options,
            comparisons,
            evpi_mop: certainty.evpi_mop,
        }
    }

    /// Log-spaced thresholds from the smallest positive loss (floored at max/10⁶) to the
    /// largest loss over all options; empty when no option lost anything.
    fn exceedance_thresholds(&self, sorted_all: &[Vec<f64>]) -> Vec<f64> {
        let high = sorted_all
            .iter()
            .filter_map(|s| s.last().copied())
            .fold(0.0, f64::max);
        if high <= 0.0 {
            return Vec::new();
        }
        let low = sorted_all
            .iter()
            .filter_map(|s| s.iter().find(|v| **v > 0.0).copied())
            .fold(high, f64::min)
            .max(high * 1e-6);
        let points = self.exceedance_points.max(2);
        let ratio = high / low;
        (0..points)
            .map(|i| low * libm::pow(ratio, f64::from(i) / f64::from(points - 1)))
            .collect()
    }
}
