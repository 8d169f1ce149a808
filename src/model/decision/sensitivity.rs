//! What matters: for a pair of options (A ahead, B behind), swing each uncertain input across its
//! stated range (catalog `decision.sensitivity`) and report how the difference B − A of their
//! exact expected risk-adjusted totals changes, with the value where the ranking flips.
//! Every point is computed with the real [`evaluate_deterministic`] on the pair alone.
//!
//! ```
//! use collab_risk::model::{catalog::Catalog, decision, presets};
//! let catalog = Catalog::embedded().unwrap();
//! let scenario = presets::load("article-50").unwrap();
//! let analysis = decision::sensitivity_of_leading_pair(&scenario, catalog).unwrap();
//! assert!(analysis.pair.difference_mop >= 0.0);
//! // Sorted by swing, largest first.
//! assert!(analysis.entries.windows(2).all(|w| w[0].swing_mop >= w[1].swing_mop));
//! ```
use std::str::FromStr;

use rust_decimal::Decimal;

use super::super::catalog::Catalog;
use super::super::cost::cost_ledger;
use super::super::error::ModelError;
use super::super::fields::{FieldKind, FieldValue, FIELDS};
use super::super::report::{discount_factors, evaluate_deterministic};
use super::super::risk::{decimal_to_f64, risk_profile, RiskContext};
use super::super::scenario::{EffectivePlatform, ResolvedOption, Scenario};
use super::spec::SensitivityRange;
use super::types::{Direction, InputKind, SensitivityAnalysis, SensitivityEntry, SensitivityPair};

/// How an input is set to a value.
#[derive(Debug, Clone, PartialEq)]
enum Knob {
    FxUsd,
    FxCny,
    Users,
    DataSubjects,
    HourlyRate,
    Escalation,
    /// A platform decimal field, set as an override on these options of the pair (0 = A, 1 = B).
    PlatformField {
        field: &'static str,
        options: Vec<usize>,
    },
    PerRecordCost,
    /// × loss per event of a dimension (catalog index).
    LossMagnitude(usize),
    /// Exponent on every factor of a measure (catalog index).
    MeasureEffect(usize),
}

/// One uncertain input of the pair, before it is swung.
#[derive(Debug, Clone, PartialEq)]
struct Input {
    id: String,
    kind: InputKind,
    option: Option<String>,
    subject: Option<String>,
    unit: String,
    base: f64,
    low: f64,
    high: f64,
    /// Whole numbers only (users, records).
    integer: bool,
    knob: Knob,
    rationale: String,
}

/// f64 → Decimal through the shortest decimal text (8.09 stays 8.09).
fn to_decimal(x: f64) -> Option<Decimal> {
    Decimal::from_str(&format!("{x}"))
        .ok()
        .or_else(|| Decimal::from_f64_retain(x))
}

/// The pair as a two-option scenario (claims dropped: they may name other options).
fn pair_scenario(scenario: &Scenario, a: usize, b: usize) -> Result<Scenario, ModelError> {
    let pick = |i: usize| {
        scenario
            .options
            .get(i)
            .cloned()
            .ok_or_else(|| ModelError::out_of_range("options", format!("no option {i}")))
    };
    if a == b {
        return Err(ModelError::out_of_range(
            "options",
            "a sensitivity compares two different options",
        ));
    }
    let mut pair = scenario.clone();
    pair.options = vec![pick(a)?, pick(b)?];
    pair.claims.clear();
    Ok(pair)
}

/// The pair's expected risk-adjusted totals (A, B): cost total + Σ EAL × Σ discount factors, the
/// same operations as [`evaluate_deterministic`] (so the same bits; tested) without the ROI
/// breakdown the sensitivity does not need, which makes each point several times cheaper.
fn totals(pair: &Scenario, catalog: &Catalog) -> Result<(f64, f64), ModelError> {
    let resolved = pair.resolve(catalog)?;
    let context = RiskContext::new(pair, catalog)?;
    let discount_sum: f64 = discount_factors(pair).iter().sum();
    let total = |o: &ResolvedOption<'_>| -> Result<f64, ModelError> {
        let cost = cost_ledger(pair, &o.effective, &o.measures, o.spec.incumbent, "options")?;
        let risk = risk_profile(catalog, &context, &o.effective, &o.spec.measures)?;
        Ok(decimal_to_f64(cost.total_mop) + risk.expected_annual_loss_mop * discount_sum)
    };
    match resolved.as_slice() {
        [a, b] => Ok((total(a)?, total(b)?)),
        _ => Err(ModelError::out_of_range(
            "options",
            "a pair has two options",
        )),
    }
}

/// B − A of the pair's expected risk-adjusted totals.
fn difference(pair: &Scenario, catalog: &Catalog) -> Result<f64, ModelError> {
    totals(pair, catalog).map(|(a, b)| b - a)
}

/// `base × low` and `base × high`, exact in decimal (0.3 × 1.5 = 0.45, not 0.44999…).
fn multiplied(base: f64, range: &SensitivityRange) -> (f64, f64) {
    let times = |k: f64| {
        to_decimal(base)
            .zip(to_decimal(k))
            .and_then(|(b, k)| b.checked_mul(k))
            .map_or(base * k, decimal_to_f64)
    };
    (times(range.low), times(range.high))
}

/// The pair and the catalog, with a working copy of the catalog for catalog inputs: they are set
/// on the copy and put back afterwards, so the catalog is copied once per analysis.
struct Probe<'a> {
    pair: &'a Scenario,
    catalog: &'a Catalog,
    work: Catalog,
}

impl Probe<'_> {
    /// B − A with `input` set to `x`.
    fn difference_at(&mut self, input: &Input, x: f64) -> Result<f64, ModelError> {
        difference_at(input, x, self.pair, self.catalog, &mut self.work)
    }
}

/// B − A with `input` set to `x` (catalog inputs on `work`, restored from `catalog`).
fn difference_at(
    input: &Input,
    x: f64,
    pair: &Scenario,
    catalog: &Catalog,
    work: &mut Catalog,
) -> Result<f64, ModelError> {
    let bad = || ModelError::out_of_range(input.id.clone(), "value cannot be represented");
    let decimal = || to_decimal(x).ok_or_else(bad);
    let whole = || {
        if x.is_finite() && x >= 0.0 {
            Ok(libm::round(x) as u64)
        } else {
            Err(bad())
        }
    };
    let mut s = match &input.knob {
        Knob::PerRecordCost | Knob::LossMagnitude(_) | Knob::MeasureEffect(_) => None,
        _ => Some(pair.clone()),
    };
    match (&input.knob, s.as_mut()) {
        (Knob::FxUsd, Some(s)) => s.fx_to_mop.usd = decimal()?,
        (Knob::FxCny, Some(s)) => s.fx_to_mop.cny = decimal()?,
        (Knob::Users, Some(s)) => {
            s.organisation.users = u32::try_from(whole()?).map_err(|_| bad())?;
        }
        (Knob::DataSubjects, Some(s)) => s.organisation.data_subjects = whole()?,
        (Knob::HourlyRate, Some(s)) => s.staff_hourly_rate_mop = decimal()?,
        (Knob::Escalation, Some(s)) => s.escalation_pct = decimal()?,
        (Knob::PlatformField { field, options }, Some(s)) => {
            let value = decimal()?;
            for k in options {
                if let Some(option) = s.options.get_mut(*k) {
                    option.overrides.set(field, FieldValue::Decimal(value))?;
                }
            }
        }
        _ => {}
    }
    if let Some(s) = &s {
        return difference(s, catalog);
    }
    match &input.knob {
        Knob::PerRecordCost => work.loss_anchors.per_record_cost_usd.value = x,
        Knob::LossMagnitude(d) => {
            if let Some(dim) = work.dimensions.get_mut(*d) {
                let m = &mut dim.magnitude;
                m.fixed_low_mop.value *= x;
                m.fixed_high_mop.value *= x;
                m.exposed_fraction_low.value *= x;
                m.exposed_fraction_high.value *= x;
            }
        }
        Knob::MeasureEffect(m) => {
            if let Some(measure) = work.measures.get_mut(*m) {
                for e in &mut measure.effects {
                    e.rate_factor = libm::pow(e.rate_factor, x);
                    e.magnitude_factor = libm::pow(e.magnitude_factor, x);
                }
            }
        }
        _ => {}
    }
    let result = difference(pair, work);
    // Put the catalog value back.
    match &input.knob {
        Knob::PerRecordCost => {
            work.loss_anchors.per_record_cost_usd.value =
                catalog.loss_anchors.per_record_cost_usd.value;
        }
        Knob::LossMagnitude(d) => {
            if let (Some(w), Some(c)) = (work.dimensions.get_mut(*d), catalog.dimensions.get(*d)) {
                w.magnitude = c.magnitude.clone();
            }
        }
        Knob::MeasureEffect(m) => {
            if let (Some(w), Some(c)) = (work.measures.get_mut(*m), catalog.measures.get(*m)) {
                w.effects = c.effects.clone();
            }
        }
        _ => {}
    }
    result
}

/// Unit of a platform decimal field.
fn field_unit(field: &str, platform: &EffectivePlatform) -> String {
    match field {
        "licence_amount" => {
            let per = if platform.choice("licence_basis") == "per_organisation_year" {
                "organisation"
            } else {
                "user"
            };
            format!("{}/{per}/year", platform.choice("licence_currency"))
        }
        "hosting_running_mop_per_year" => "MOP/year".into(),
        "admin_hours_per_year" => "hours/year".into(),
        "admin_hours_per_user_year" => "hours/user/year".into(),
        "migration_hours_per_user" => "hours/user".into(),
        _ => "MOP".into(),
    }
}

/// Every uncertain input of the pair with its range.
fn inputs(pair: &Scenario, catalog: &Catalog) -> Result<Vec<Input>, ModelError> {
    let ranges = &catalog.decision.sensitivity;
    let limits = &catalog.limits;
    let mut list = Vec::new();
    let push = |list: &mut Vec<Input>,
                id: String,
                kind: InputKind,
                option: Option<String>,
                subject: Option<String>,
                unit: &str,
                base: f64,
                (low, high): (f64, f64),
                integer: bool,
                knob: Knob,
                range: &SensitivityRange| {
        if low < high && low.is_finite() && high.is_finite() {
            list.push(Input {
                id,
                kind,
                option,
                subject,
                unit: unit.to_string(),
                base,
                low,
                high,
                integer,
                knob,
                rationale: range.rationale.clone(),
            });
        }
    };

    // Platform money and hour fields: shared when both options take the same catalog default.
    let resolved = pair.resolve(catalog)?;
    let effective: Vec<_> = resolved
        .iter()
        .map(|r| (r.spec, r.platform, &r.effective))
        .collect();
    for meta in FIELDS.iter().filter(|m| m.kind == FieldKind::Decimal) {
        let uses_default = |k: usize| {
            effective
                .get(k)
                .is_some_and(|(o, _, _)| o.overrides.get(meta.id).is_none())
        };
        let shared = matches!(effective.as_slice(), [(a, _, _), (b, _, _)] if a.platform == b.platform)
            && uses_default(0)
            && uses_default(1);
        for (k, (option, platform, values)) in effective.iter().enumerate() {
            if shared && k == 1 {
                continue;
            }
            let base = decimal_to_f64(values.decimal(meta.id));
            let confidence = if option.overrides.get(meta.id).is_some() {
                None
            } else {
                platform.field(meta.id).map(|f| f.confidence)
            };
            let range = ranges.platform_costs.for_confidence(confidence);
            let max = decimal_to_f64(limits.money_amount.max);
            let (low, high) = multiplied(base, range);
            let (id, owner, options) = if shared {
                (
                    format!("platforms.{}.{}", platform.id, meta.id),
                    None,
                    vec![0, 1],
                )
            } else {
                (
                    format!("options.{}.{}", option.id, meta.id),
                    Some(option.id.clone()),
                    vec![k],
                )
            };
            push(
                &mut list,
                id,
                InputKind::PlatformCost,
                owner,
                Some(meta.id.to_string()),
                &field_unit(meta.id, values),
                base,
                (low, high.min(max)),
                false,
                Knob::PlatformField {
                    field: meta.id,
                    options,
                },
                range,
            );
        }
    }

    // Scenario-wide inputs.
    let fx_max = decimal_to_f64(limits.fx_to_mop.max);
    let usd = decimal_to_f64(pair.fx_to_mop.usd);
    let r = &ranges.fx_to_mop_usd;
    push(
        &mut list,
        "fx_to_mop.usd".into(),
        InputKind::Fx,
        None,
        Some("usd".into()),
        "MOP per USD",
        usd,
        (r.low.min(usd), r.high.max(usd).min(fx_max)),
        false,
        Knob::FxUsd,
        r,
    );
    let uses_cny = effective
        .iter()
        .any(|(_, _, v)| v.choice("licence_currency") == "CNY");
    if uses_cny {
        let cny = decimal_to_f64(pair.fx_to_mop.cny);
        let r = &ranges.fx_to_mop_cny;
        push(
            &mut list,
            "fx_to_mop.cny".into(),
            InputKind::Fx,
            None,
            Some("cny".into()),
            "MOP per CNY",
            cny,
            (r.low.min(cny), r.high.max(cny).min(fx_max)),
            false,
            Knob::FxCny,
            r,
        );
    }
    let users = f64::from(pair.organisation.users);
    let r = &ranges.users;
    push(
        &mut list,
        "organisation.users".into(),
        InputKind::Users,
        None,
        None,
        "users",
        users,
        (
            libm::round(users * r.low).max(limits.users.min as f64),
            libm::round(users * r.high).min(limits.users.max as f64),
        ),
        true,
        Knob::Users,
        r,
    );
    let subjects = pair.organisation.data_subjects as f64;
    let r = &ranges.data_subjects;
    push(
        &mut list,
        "organisation.data_subjects".into(),
        InputKind::DataSubjects,
        None,
        None,
        "records",
        subjects,
        (
            libm::round(subjects * r.low),
            libm::round(subjects * r.high).min(limits.data_subjects.max as f64),
        ),
        true,
        Knob::DataSubjects,
        r,
    );
    let hourly = decimal_to_f64(pair.staff_hourly_rate_mop);
    let r = &ranges.staff_hourly_rate;
    let (low, high) = multiplied(hourly, r);
    push(
        &mut list,
        "staff_hourly_rate_mop".into(),
        InputKind::StaffHourlyRate,
        None,
        None,
        "MOP/hour",
        hourly,
        (
            low,
            high.min(decimal_to_f64(limits.staff_hourly_rate_mop.max)),
        ),
        false,
        Knob::HourlyRate,
        r,
    );
    let escalation = decimal_to_f64(pair.escalation_pct);
    let r = &ranges.escalation_points;
    push(
        &mut list,
        "escalation_pct".into(),
        InputKind::Escalation,
        None,
        None,
        "%",
        escalation,
        (
            (escalation + r.low).max(decimal_to_f64(limits.escalation_pct.min)),
            (escalation + r.high).min(decimal_to_f64(limits.escalation_pct.max)),
        ),
        false,
        Knob::Escalation,
        r,
    );
    let per_record = catalog.loss_anchors.per_record_cost_usd.value;
    let r = &ranges.per_record_cost;
    push(
        &mut list,
        "loss_anchors.per_record_cost_usd".into(),
        InputKind::PerRecordCost,
        None,
        None,
        "USD/record",
        per_record,
        multiplied(per_record, r),
        false,
        Knob::PerRecordCost,
        r,
    );
    let r = &ranges.loss_magnitude;
    for (d, dimension) in catalog.dimensions.iter().enumerate() {
        push(
            &mut list,
            format!("loss.{}.magnitude", dimension.id),
            InputKind::LossMagnitude,
            None,
            Some(dimension.id.clone()),
            "multiplier",
            1.0,
            (r.low, r.high),
            false,
            Knob::LossMagnitude(d),
            r,
        );
    }
    // Measures selected in either option (a catalog value: it moves both when both use it).
    for (m, measure) in catalog.measures.iter().enumerate() {
        let users: Vec<&str> = pair
            .options
            .iter()
            .filter(|o| o.measures.iter().any(|s| s.id == measure.id))
            .map(|o| o.id.as_str())
            .collect();
        let owner = match users.as_slice() {
            [] => continue,
            [one] => Some(one.to_string()),
            _ => None,
        };
        let r = &ranges.measure_effect_exponent;
        push(
            &mut list,
            format!("measures.{}.effect", measure.id),
            InputKind::MeasureEffect,
            owner,
            Some(measure.id.clone()),
            "exponent",
            1.0,
            (r.low, r.high),
            false,
            Knob::MeasureEffect(m),
            r,
        );
    }
    Ok(list)
}

/// Whether `d` is on the other side of (or at) zero from the base difference `d0`.
fn flipped(d0: f64, d: f64) -> bool {
    (d0 > 0.0 && d <= 0.0) || (d0 < 0.0 && d >= 0.0)
}

/// Bisection between `keep` (ranking as at the base) and `flip` (ranking flipped): a value on
/// the flipped side within a hair of the crossing (whole numbers: the first one that flips).
fn bisect(
    input: &Input,
    d0: f64,
    mut keep: f64,
    mut flip: f64,
    probe: &mut Probe<'_>,
) -> Option<f64> {
    let resolution = 1e-9 * (input.high - input.low).abs();
    for _ in 0..200 {
        let mid = if input.integer {
            if (flip - keep).abs() <= 1.0 {
                break;
            }
            libm::trunc((keep + flip) / 2.0)
        } else {
            if (flip - keep).abs() <= resolution {
                break;
            }
            (keep + flip) / 2.0
        };
        if mid == keep || mid == flip {
            break;
        }
        let d = probe.difference_at(input, mid).ok()?;
        if flipped(d0, d) {
            flip = mid;
        } else {
            keep = mid;
        }
    }
    Some(flip)
}

fn analyse(input: Input, d0: f64, noise: f64, probe: &mut Probe<'_>) -> Option<SensitivityEntry> {
    let at_low = probe.difference_at(&input, input.low).ok()?;
    let at_high = probe.difference_at(&input, input.high).ok()?;
    let delta_low = at_low - d0;
    let delta_high = at_high - d0;
    let swing = 0.0f64.max(delta_low).max(delta_high) - 0.0f64.min(delta_low).min(delta_high);
    // Inputs that move both totals alike leave only float rounding in the difference.
    if swing <= noise || !swing.is_finite() {
        return None;
    }
    let mut crossings: Vec<(f64, f64)> = Vec::new();
    for (end, at_end) in [(input.low, at_low), (input.high, at_high)] {
        if flipped(d0, at_end) && end != input.base {
            if let Some(x) = bisect(&input, d0, input.base, end, probe) {
                // Distance from the base as a share of that side of the range.
                crossings.push((x, (x - input.base).abs() / (end - input.base).abs()));
            }
        }
    }
    let break_even = crossings
        .into_iter()
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(x, _)| x);
    let direction = break_even.map(|x| {
        if x < input.base {
            Direction::Below
        } else {
            Direction::Above
        }
    });
    Some(SensitivityEntry {
        input: input.id,
        kind: input.kind,
        option: input.option,
        subject: input.subject,
        unit: input.unit,
        base: input.base,
        low: input.low,
        high: input.high,
        delta_low_mop: delta_low,
        delta_high_mop: delta_high,
        swing_mop: swing,
        break_even,
        direction,
        range_rationale: input.rationale,
    })
}

/// Sensitivity of the pair (`a`, `b`) (indices into `scenario.options`): every uncertain input
/// swung across its range, sorted by swing (largest first, then by id); inputs that do not move
/// the difference are left out. `difference_mop` = B − A at the base values. Validates the
/// scenario. Tens of evaluations of the pair: run it off the typing path.
pub fn sensitivity(
    scenario: &Scenario,
    catalog: &Catalog,
    a: usize,
    b: usize,
) -> Result<SensitivityAnalysis, ModelError> {
    scenario.validate(catalog)?;
    let pair = pair_scenario(scenario, a, b)?;
    let (total_a, total_b) = totals(&pair, catalog)?;
    let d0 = total_b - total_a;
    let noise = 1e-6 + 1e-9 * (total_a.abs() + total_b.abs());
    let mut probe = Probe {
        pair: &pair,
        catalog,
        work: catalog.clone(),
    };
    let mut entries: Vec<SensitivityEntry> = inputs(&pair, catalog)?
        .into_iter()
        .filter_map(|input| analyse(input, d0, noise, &mut probe))
        .collect();
    entries.sort_by(|x, y| {
        y.swing_mop
            .total_cmp(&x.swing_mop)
            .then_with(|| x.input.cmp(&y.input))
    });
    let id = |k: usize| {
        pair.options
            .get(k)
            .map(|o| o.id.clone())
            .unwrap_or_default()
    };
    Ok(SensitivityAnalysis {
        pair: SensitivityPair {
            a: id(0),
            b: id(1),
            difference_mop: d0,
        },
        entries,
    })
}

/// Sensitivity of the best option against the runner-up by exact expected risk-adjusted total.
pub fn sensitivity_of_leading_pair(
    scenario: &Scenario,
    catalog: &Catalog,
) -> Result<SensitivityAnalysis, ModelError> {
    let report = evaluate_deterministic(scenario, catalog)?;
    let index = |id: &str| scenario.options.iter().position(|o| o.id == id);
    match report.ranking().as_slice() {
        [a, b, ..] => match (index(a), index(b)) {
            (Some(a), Some(b)) => sensitivity(scenario, catalog, a, b),
            _ => Err(ModelError::out_of_range("options", "unknown option id")),
        },
        _ => Err(ModelError::out_of_range(
            "options",
            "a sensitivity needs two options",
        )),
    }
}

/// B − A for the pair (`a`, `b`) with one input (an `input` id from [`sensitivity`]) set to
/// `value`: what the tornado's ends and break-even values are computed from ("what if").
pub fn difference_with(
    scenario: &Scenario,
    catalog: &Catalog,
    a: usize,
    b: usize,
    input: &str,
    value: f64,
) -> Result<f64, ModelError> {
    let pair = pair_scenario(scenario, a, b)?;
    let found = inputs(&pair, catalog)?
        .into_iter()
        .find(|i| i.id == input)
        .ok_or_else(|| ModelError::out_of_range(input, "not an input of this pair"))?;
    difference_at(&found, value, &pair, catalog, &mut catalog.clone())
}
