//! What certainty is worth, from simulated trials with common random numbers: the share of
//! trials in which each option is the cheapest (P(best)) and the expected value of perfect
//! information (EVPI). Pure arithmetic on the trial totals; the simulation calls it.

/// P(best) per option and EVPI (MOP) from per-trial totals.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueOfCertainty {
    /// Share of trials in which each option has the lowest total; ties split equally.
    /// Sums to 1 (within rounding) when there is at least one trial.
    pub p_best: Vec<f64>,
    /// min over options of mean(total) − mean(min over options of total), ≥ 0.
    pub evpi_mop: f64,
}

/// Units per trial: divisible by every tie size up to 6 options (lcm(1..=6) = 60), so shares of
/// tied trials are counted exactly.
const UNITS: u64 = 60;

/// From `cost[o]` (exact cost total as f64) and `losses[o][t]` (simulated loss of option `o` in
/// trial `t`, the same trials for every option): P(best) and EVPI.
///
/// Identical options tie in every trial, so they split P(best) and EVPI is exactly 0: the sum of
/// per-trial minima equals each identical option's sum term by term.
///
/// ```
/// use collab_risk::model::decision::certainty::value_of_certainty;
/// // Two options: A cheaper in trial 0, B in trial 1.
/// let v = value_of_certainty(&[0.0, 0.0], &[&[1.0, 5.0], &[3.0, 2.0]]);
/// assert_eq!(v.p_best, vec![0.5, 0.5]);
/// // E[A] = 3, E[B] = 2.5, E[min] = (1 + 2)/2 = 1.5 → EVPI = 2.5 − 1.5 = 1.
/// assert_eq!(v.evpi_mop, 1.0);
/// ```
pub fn value_of_certainty(cost: &[f64], losses: &[&[f64]]) -> ValueOfCertainty {
    let options = cost.len().min(losses.len());
    let trials = losses
        .iter()
        .take(options)
        .map(|l| l.len())
        .min()
        .unwrap_or(0);
    if options == 0 || trials == 0 {
        return ValueOfCertainty {
            p_best: vec![0.0; cost.len()],
            evpi_mop: 0.0,
        };
    }
    let mut units = vec![0u64; options];
    let mut sums = vec![0.0f64; options];
    let mut min_sum = 0.0f64;
    let mut totals = vec![0.0f64; options];
    for t in 0..trials {
        for (((total, sum), c), l) in totals.iter_mut().zip(&mut sums).zip(cost).zip(losses) {
            *total = c + l.get(t).copied().unwrap_or(0.0);
            *sum += *total;
        }
        let best = totals.iter().copied().fold(f64::INFINITY, f64::min);
        min_sum += best;
        let tied = totals.iter().filter(|v| **v == best).count().max(1) as u64;
        let share = UNITS / tied.min(UNITS);
        for (u, v) in units.iter_mut().zip(&totals) {
            if *v == best {
                *u += share;
            }
        }
    }
    let n = trials as f64;
    let denominator = (UNITS as f64) * n;
    let mut p_best: Vec<f64> = units.iter().map(|u| *u as f64 / denominator).collect();
    p_best.resize(cost.len(), 0.0);
    let best_expected = sums.iter().fold(f64::INFINITY, |a, b| a.min(*b));
    // Σ min ≤ Σ total_o term by term, and rounded addition is monotone: never negative.
    let evpi = ((best_expected - min_sum) / n).max(0.0);
    ValueOfCertainty {
        p_best,
        evpi_mop: evpi,
    }
}
