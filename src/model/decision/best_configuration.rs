//! The best configuration of an option: among the measures that apply to its platform (at most
//! one per exclusive group; auto-delete periods from the catalog's stated set), the set with the
//! lowest expected risk-adjusted total (cost total + Σ EAL × Σ discount factors).
//!
//! The search is exhaustive but cheap, because of the model's structure (methodology §7):
//! a measure changes only the cells of the dimensions its effects name (auto-delete: the
//! dimensions with an `activity_retention_days` factor), every cell is computed from the
//! platform and those measures alone, and measure costs add up. So for a set `x`,
//! total(x) = fixed cost + Σ_axes cost(x_a) + S × Σ_d EAL_d(x restricted to d's measures),
//! where each `EAL_d` table is filled with the real [`risk_profile`] over the few combinations
//! of its own measures (at most 128), and every valid set (≤ 12,288) is scored by table look-ups.
//! Sets within a rounding tolerance of the lowest score are then evaluated with the real
//! [`evaluate_deterministic`], which decides; `tests/model_decision.rs` checks the result
//! against brute force over every set with the real evaluator.
//!
//! ```
//! use collab_risk::model::{catalog::Catalog, decision, presets, report};
//! let catalog = Catalog::embedded().unwrap();
//! let mut scenario = presets::load("bank-200").unwrap();
//! let best = decision::best_configuration(&scenario, catalog, 0).unwrap();
//! // Feeding the measures back reproduces the figure exactly.
//! scenario.options[0].measures = best.measures.clone();
//! let again = report::evaluate_deterministic(&scenario, catalog).unwrap();
//! assert_eq!(decision::expected_total(&again.options[0]), best.risk_adjusted_total_expected_mop);
//! assert!(best.saving_mop >= 0.0);
//! ```
use std::cmp::Ordering;

use super::super::catalog::Catalog;
use super::super::cost::cost_ledger;
use super::super::error::ModelError;
use super::super::input::index;
use super::super::report::{discount_factors, evaluate_deterministic};
use super::super::risk::{decimal_to_f64, risk_profile, RiskContext};
use super::super::scenario::{MeasureSelection, OptionSpec, ResolvedOption, Scenario};
use super::expected_total;
use super::types::BestConfiguration;

/// The field the auto-delete period caps.
const RETENTION_FIELD: &str = "activity_retention_days";

/// One value of an axis: off, or one measure (catalog index, days for auto-delete).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Choice {
    measure: Option<(usize, Option<u32>)>,
    /// Discounted cost over the horizon that this choice adds (MOP).
    cost: f64,
}

/// An independent decision: one measure on/off, one exclusive group, or the auto-delete period.
#[derive(Debug, Clone, PartialEq)]
struct Axis {
    choices: Vec<Choice>,
    /// Indices of the dimensions whose cells this axis can change.
    dimensions: Vec<usize>,
}

/// EAL of one dimension for every combination of the axes that touch it.
#[derive(Debug, Clone, PartialEq)]
struct Table {
    /// (axis index, stride) in mixed radix.
    axes: Vec<(usize, usize)>,
    eal: Vec<f64>,
}

/// A measure set (choice index per axis) with its key for deterministic ties.
#[derive(Debug, Clone, PartialEq, Eq)]
struct SetKey {
    count: usize,
    /// Catalog indices, ascending.
    measures: Vec<usize>,
    days: Vec<u32>,
}

impl SetKey {
    fn cmp_key(&self, other: &SetKey) -> Ordering {
        self.count
            .cmp(&other.count)
            .then_with(|| self.measures.cmp(&other.measures))
            .then_with(|| self.days.cmp(&other.days))
    }
}

/// The search space and tables of one option.
struct Search {
    axes: Vec<Axis>,
    tables: Vec<Table>,
    discount_sum: f64,
    /// Cost total without measures (MOP): the same for every set, it only sets the tolerance.
    fixed_cost: f64,
    /// Number of valid sets.
    size: usize,
}

/// The candidates of one option: measure sets whose table score lies within rounding of the
/// lowest, best key first.
struct Candidates {
    sets: Vec<(SetKey, Vec<MeasureSelection>)>,
    searched: u64,
}

fn option_path(i: usize) -> String {
    index("options", i)
}

fn selections(catalog: &Catalog, chosen: &[(usize, Option<u32>)]) -> Vec<MeasureSelection> {
    let mut sorted = chosen.to_vec();
    sorted.sort_by_key(|(m, _)| *m);
    sorted
        .into_iter()
        .filter_map(|(m, days)| {
            catalog.measures.get(m).map(|measure| MeasureSelection {
                id: measure.id.clone(),
                days,
            })
        })
        .collect()
}

impl Search {
    fn new(
        scenario: &Scenario,
        catalog: &Catalog,
        resolved: &ResolvedOption<'_>,
        i: usize,
    ) -> Result<Search, ModelError> {
        let path = option_path(i);
        let option = resolved.spec;
        let effective = &resolved.effective;
        let context = RiskContext::new(scenario, catalog)?;
        let discount_sum: f64 = discount_factors(scenario).iter().sum();
        let none = cost_ledger(scenario, effective, &[], option.incumbent, &path)?.total_mop;
        let dimension_of = |id: &str| catalog.dimensions.iter().position(|d| d.id == id);
        let retention_dimensions: Vec<usize> = catalog
            .dimensions
            .iter()
            .enumerate()
            .filter(|(_, d)| d.factors.iter().any(|f| f.field == RETENTION_FIELD))
            .map(|(k, _)| k)
            .collect();

        // Axes in catalog order of their first measure.
        let mut axes: Vec<Axis> = Vec::new();
        let mut group_axis: Vec<(String, usize)> = Vec::new();
        for (m, measure) in catalog.measures.iter().enumerate() {
            if effective.applicability(measure).is_err() {
                continue;
            }
            let added =
                cost_ledger(scenario, effective, &[measure], option.incumbent, &path)?.total_mop;
            let cost = decimal_to_f64(added - none);
            let mut dimensions: Vec<usize> = measure
                .effects
                .iter()
                .filter_map(|e| dimension_of(&e.dimension))
                .collect();
            let days: Vec<Option<u32>> = match &measure.parameter {
                Some(p) => {
                    dimensions.extend(retention_dimensions.iter().copied());
                    let current = option
                        .measures
                        .iter()
                        .find(|s| s.id == measure.id)
                        .map(|s| s.days.unwrap_or(p.default));
                    let mut days: Vec<u32> = catalog
                        .decision
                        .retention_days_searched
                        .iter()
                        .copied()
                        .chain(current)
                        .filter(|d| (p.min..=p.max).contains(d))
                        .collect();
                    days.sort_unstable();
                    days.dedup();
                    days.into_iter().map(Some).collect()
                }
                None => vec![None],
            };
            let choices: Vec<Choice> = days
                .into_iter()
                .map(|d| Choice {
                    measure: Some((m, d)),
                    cost,
                })
                .collect();
            let slot = measure.exclusive_group.as_ref().and_then(|g| {
                group_axis
                    .iter()
                    .find(|(name, _)| name == g)
                    .map(|(_, a)| *a)
            });
            match slot.and_then(|a| axes.get_mut(a)) {
                Some(axis) => {
                    axis.choices.extend(choices);
                    axis.dimensions.extend(dimensions);
                }
                None => {
                    if let Some(g) = &measure.exclusive_group {
                        group_axis.push((g.clone(), axes.len()));
                    }
                    let mut all = vec![Choice {
                        measure: None,
                        cost: 0.0,
                    }];
                    all.extend(choices);
                    axes.push(Axis {
                        choices: all,
                        dimensions,
                    });
                }
            }
        }
        for axis in &mut axes {
            axis.dimensions.sort_unstable();
            axis.dimensions.dedup();
        }

        let mut tables = Vec::with_capacity(catalog.dimensions.len());
        for d in 0..catalog.dimensions.len() {
            let mut touching = Vec::new();
            let mut stride = 1usize;
            for (a, axis) in axes.iter().enumerate() {
                if axis.dimensions.contains(&d) {
                    touching.push((a, stride));
                    stride = stride.saturating_mul(axis.choices.len());
                }
            }
            let mut eal = Vec::with_capacity(stride);
            for combination in 0..stride {
                let chosen: Vec<(usize, Option<u32>)> = touching
                    .iter()
                    .filter_map(|(a, s)| {
                        let axis = axes.get(*a)?;
                        let k = (combination / s) % axis.choices.len().max(1);
                        axis.choices.get(k)?.measure
                    })
                    .collect();
                let profile =
                    risk_profile(catalog, &context, effective, &selections(catalog, &chosen))?;
                eal.push(
                    profile
                        .cells
                        .get(d)
                        .map_or(0.0, |c| c.expected_annual_loss_mop),
                );
            }
            tables.push(Table {
                axes: touching,
                eal,
            });
        }
        let size = axes
            .iter()
            .fold(1usize, |n, a| n.saturating_mul(a.choices.len()));
        Ok(Search {
            axes,
            tables,
            discount_sum,
            fixed_cost: decimal_to_f64(none),
            size,
        })
    }

    /// Digits (choice per axis) of set number `n`.
    fn digits(&self, mut n: usize, out: &mut [usize]) {
        for (digit, axis) in out.iter_mut().zip(&self.axes) {
            let len = axis.choices.len().max(1);
            *digit = n % len;
            n /= len;
        }
    }

    /// Score of a set from the tables: Σ measure costs + S × Σ_d EAL_d (the fixed costs are the
    /// same for every set and left out).
    fn score(&self, digits: &[usize]) -> f64 {
        let cost: f64 = digits
            .iter()
            .zip(&self.axes)
            .map(|(k, a)| a.choices.get(*k).map_or(0.0, |c| c.cost))
            .sum();
        let eal: f64 = self
            .tables
            .iter()
            .map(|t| {
                let at: usize = t
                    .axes
                    .iter()
                    .map(|(a, stride)| digits.get(*a).copied().unwrap_or(0) * stride)
                    .sum();
                t.eal.get(at).copied().unwrap_or(0.0)
            })
            .sum();
        cost + self.discount_sum * eal
    }

    fn chosen(&self, digits: &[usize]) -> Vec<(usize, Option<u32>)> {
        digits
            .iter()
            .zip(&self.axes)
            .filter_map(|(k, a)| a.choices.get(*k).and_then(|c| c.measure))
            .collect()
    }

    fn candidates(&self, catalog: &Catalog) -> Candidates {
        let mut digits = vec![0usize; self.axes.len()];
        let mut scores = Vec::with_capacity(self.size);
        for n in 0..self.size {
            self.digits(n, &mut digits);
            scores.push(self.score(&digits));
        }
        let lowest = scores.iter().copied().fold(f64::INFINITY, f64::min);
        // Table scores and the evaluator differ only by rounding (6-decimal cost rounding per
        // year and category, float association): far below this tolerance. Any set the
        // evaluator could rank first lies within twice the tolerance of the lowest score.
        let tolerance = 1e-3 + 1e-9 * (lowest.abs() + self.fixed_cost.abs());
        let mut sets: Vec<(SetKey, Vec<MeasureSelection>)> = Vec::new();
        for (n, s) in scores.iter().enumerate() {
            if *s <= lowest + 2.0 * tolerance {
                self.digits(n, &mut digits);
                let mut chosen = self.chosen(&digits);
                chosen.sort_by_key(|(m, _)| *m);
                let key = SetKey {
                    count: chosen.len(),
                    measures: chosen.iter().map(|(m, _)| *m).collect(),
                    days: chosen.iter().filter_map(|(_, d)| *d).collect(),
                };
                sets.push((key, selections(catalog, &chosen)));
            }
        }
        sets.sort_by(|a, b| a.0.cmp_key(&b.0));
        // Bound the work in degenerate cases (many sets equal to the last cent): the first
        // sets by key are the ones a tie would pick anyway.
        sets.truncate(MAX_CANDIDATES);
        Candidates {
            sets,
            searched: self.size as u64,
        }
    }
}

/// At most this many near-equal sets are re-evaluated with the evaluator.
const MAX_CANDIDATES: usize = 64;

fn same_set(a: &[MeasureSelection], b: &[MeasureSelection], catalog: &Catalog) -> bool {
    let normal = |list: &[MeasureSelection]| {
        let mut v: Vec<(String, Option<u32>)> = list
            .iter()
            .map(|s| {
                let days = catalog
                    .measure(&s.id)
                    .and_then(|m| m.parameter.as_ref())
                    .map(|p| s.days.unwrap_or(p.default));
                (s.id.clone(), days)
            })
            .collect();
        v.sort();
        v
    };
    normal(a) == normal(b)
}

/// Evaluate the scenario with some options' measures replaced: the real evaluator decides.
fn evaluate_with(
    scenario: &Scenario,
    catalog: &Catalog,
    replaced: &[(usize, &[MeasureSelection])],
) -> Result<Vec<f64>, ModelError> {
    let mut changed = scenario.clone();
    for (i, measures) in replaced {
        if let Some(option) = changed.options.get_mut(*i) {
            option.measures = measures.to_vec();
        }
    }
    let report = evaluate_deterministic(&changed, catalog)?;
    Ok(report.options.iter().map(expected_total).collect())
}

fn pick(
    option: &OptionSpec,
    catalog: &Catalog,
    candidates: &Candidates,
    totals: &[f64],
    current: f64,
) -> Option<BestConfiguration> {
    let mut best: Option<(usize, f64)> = None;
    for (k, total) in totals.iter().enumerate() {
        // Candidates are sorted by key, so a strict `<` keeps the first of equal totals.
        if best.is_none_or(|(_, b)| *total < b) {
            best = Some((k, *total));
        }
    }
    let (k, total) = best?;
    let (_, measures) = candidates.sets.get(k)?;
    Some(BestConfiguration {
        option: option.id.clone(),
        measures: measures.clone(),
        plan: None,
        risk_adjusted_total_expected_mop: total,
        current_total_expected_mop: current,
        saving_mop: current - total,
        is_current: same_set(measures, &option.measures, catalog),
        sets_searched: candidates.searched,
    })
}

/// The scenario with option `option` priced on each plan its platform sells for the headcount
/// (the measures a plan cannot carry dropped); empty when there is no plan to choose.
fn plan_variants(scenario: &Scenario, catalog: &Catalog, option: usize) -> Vec<(String, Scenario)> {
    let users = scenario.organisation.users;
    let Some(platform) = scenario
        .options
        .get(option)
        .and_then(|o| catalog.platform(&o.platform))
    else {
        return Vec::new();
    };
    let fitting: Vec<&str> = platform
        .plans
        .iter()
        .filter(|p| p.fits(users))
        .map(|p| p.id.as_str())
        .collect();
    if fitting.len() < 2 {
        return Vec::new();
    }
    fitting
        .into_iter()
        .filter_map(|id| {
            let mut variant = scenario.clone();
            let o = variant.options.get_mut(option)?;
            o.set_plan(Some(id.to_owned()), catalog, users);
            Some((id.to_owned(), variant))
        })
        .collect()
}

/// The plan option `option` is priced on now (its named plan, or the first that fits).
fn current_plan(scenario: &Scenario, catalog: &Catalog, option: usize) -> Option<String> {
    let o = scenario.options.get(option)?;
    let platform = catalog.platform(&o.platform)?;
    platform
        .choose_plan(o.plan.as_deref(), scenario.organisation.users, "")
        .ok()?
        .plan()
        .map(|p| p.id.clone())
}

/// The best configuration of option `option` (index into `scenario.options`): the measure set
/// and, where the platform sells several plans that fit the headcount, the plan. Validates the
/// scenario; exhaustive over the valid measure sets of each plan; a few milliseconds natively
/// (run it off the typing path in the browser).
pub fn best_configuration(
    scenario: &Scenario,
    catalog: &Catalog,
    option: usize,
) -> Result<BestConfiguration, ModelError> {
    let variants = plan_variants(scenario, catalog, option);
    let mut best = best_measures(scenario, catalog, option)?;
    if variants.is_empty() {
        return Ok(best);
    }
    let current = current_plan(scenario, catalog, option);
    let current_measures = scenario
        .options
        .get(option)
        .map(|o| o.measures.clone())
        .unwrap_or_default();
    best.plan = current.clone();
    for (plan, variant) in &variants {
        if current.as_deref() == Some(plan.as_str()) {
            continue;
        }
        let mut candidate = best_measures(variant, catalog, option)?;
        // Strictly lower only: on a tie the plan in use stays.
        if candidate.risk_adjusted_total_expected_mop < best.risk_adjusted_total_expected_mop {
            candidate.plan = Some(plan.clone());
            candidate.current_total_expected_mop = best.current_total_expected_mop;
            candidate.saving_mop =
                candidate.current_total_expected_mop - candidate.risk_adjusted_total_expected_mop;
            candidate.is_current = false;
            candidate.sets_searched += best.sets_searched;
            best = candidate;
        } else {
            best.sets_searched += candidate.sets_searched;
        }
    }
    if best.plan == current {
        best.is_current = same_set(&best.measures, &current_measures, catalog);
    }
    Ok(best)
}

/// The best measure set of option `option` on the plan it is priced on now.
fn best_measures(
    scenario: &Scenario,
    catalog: &Catalog,
    option: usize,
) -> Result<BestConfiguration, ModelError> {
    let current = evaluate_deterministic(scenario, catalog)?;
    let resolved = scenario.resolve(catalog)?;
    let chosen = resolved
        .get(option)
        .ok_or_else(|| ModelError::out_of_range("options", format!("no option {option}")))?;
    let spec = chosen.spec;
    let current_total = current.options.get(option).map_or(0.0, expected_total);
    let candidates = Search::new(scenario, catalog, chosen, option)?.candidates(catalog);
    let mut totals = Vec::with_capacity(candidates.sets.len());
    for (_, set) in &candidates.sets {
        let all = evaluate_with(scenario, catalog, &[(option, set.as_slice())])?;
        totals.push(all.get(option).copied().unwrap_or(f64::INFINITY));
    }
    pick(spec, catalog, &candidates, &totals, current_total)
        .ok_or_else(|| ModelError::out_of_range(option_path(option), "no measure set to search"))
}

/// The best configuration of every option, in option order. Near-ties are settled with one
/// evaluation per round for all options together (usually a single round).
pub fn best_configurations(
    scenario: &Scenario,
    catalog: &Catalog,
) -> Result<Vec<BestConfiguration>, ModelError> {
    let current = evaluate_deterministic(scenario, catalog)?;
    let all: Vec<Candidates> = scenario
        .resolve(catalog)?
        .iter()
        .enumerate()
        .map(|(i, r)| Search::new(scenario, catalog, r, i).map(|s| s.candidates(catalog)))
        .collect::<Result<_, _>>()?;
    // Options whose platform sells several plans for this headcount are searched plan by plan.
    let by_plan: Vec<Option<BestConfiguration>> = (0..scenario.options.len())
        .map(|i| {
            if plan_variants(scenario, catalog, i).is_empty() {
                Ok(None)
            } else {
                best_configuration(scenario, catalog, i).map(Some)
            }
        })
        .collect::<Result<_, _>>()?;
    let rounds = all.iter().map(|c| c.sets.len()).max().unwrap_or(0);
    let mut totals: Vec<Vec<f64>> = all
        .iter()
        .map(|c| Vec::with_capacity(c.sets.len()))
        .collect();
    for round in 0..rounds {
        let replaced: Vec<(usize, &[MeasureSelection])> = all
            .iter()
            .enumerate()
            .filter_map(|(i, c)| {
                let k = round.min(c.sets.len().checked_sub(1)?);
                c.sets.get(k).map(|(_, set)| (i, set.as_slice()))
            })
            .collect();
        let evaluated = evaluate_with(scenario, catalog, &replaced)?;
        for (i, list) in totals.iter_mut().enumerate() {
            if round < all.get(i).map_or(0, |c| c.sets.len()) {
                list.push(evaluated.get(i).copied().unwrap_or(f64::INFINITY));
            }
        }
    }
    scenario
        .options
        .iter()
        .enumerate()
        .map(|(i, spec)| {
            if let Some(Some(best)) = by_plan.get(i) {
                return Ok(best.clone());
            }
            let current_total = current.options.get(i).map_or(0.0, expected_total);
            let candidates = all.get(i);
            let list = totals.get(i);
            candidates
                .zip(list)
                .and_then(|(c, t)| pick(spec, catalog, c, t, current_total))
                .ok_or_else(|| ModelError::out_of_range(option_path(i), "no measure set to search"))
        })
        .collect()
}
