//! Quantified risk per option × dimension, FAIR style (methodology §3):
//! annual event rate λ, loss per event lognormal fitted to a 90 % interval,
//! expected annual loss EAL = λ · E[loss], rating 1–5 and a 5×5 matrix cell.
use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Serialize;

use super::catalog::{Catalog, DimensionSpec, Measure};
use super::error::ModelError;
use super::fields::FieldValue;
use super::scenario::{EffectivePlatform, MeasureSelection, Scenario};

/// Exact decimal → f64 via correctly-rounded parsing (identical on every target).
pub fn decimal_to_f64(d: Decimal) -> f64 {
    d.to_string().parse::<f64>().unwrap_or(0.0)
}

/// Lognormal parameters (μ, σ of ln X) with P5 = `low`, P95 = `high`.
/// `z90` = Φ⁻¹(0.95) ≈ 1.6448536.
///
/// ```
/// use collab_risk::model::risk::lognormal_from_interval;
/// let (mu, sigma) = lognormal_from_interval(1000.0, 100_000.0, 1.6448536269514722);
/// assert!((mu - (1000.0f64 * 100_000.0).sqrt().ln()).abs() < 1e-12);
/// assert!((sigma - (100.0f64).ln() / (2.0 * 1.6448536269514722)).abs() < 1e-12);
/// ```
pub fn lognormal_from_interval(low: f64, high: f64, z90: f64) -> (f64, f64) {
    let ln_low = libm::log(low);
    let ln_high = libm::log(high);
    ((ln_low + ln_high) / 2.0, (ln_high - ln_low) / (2.0 * z90))
}

/// Mean of a lognormal: `exp(μ + σ²/2)`.
pub fn lognormal_mean(mu: f64, sigma: f64) -> f64 {
    libm::exp(mu + sigma * sigma / 2.0)
}

/// Probability of at least one event in a year: `1 − e^(−λ)`.
pub fn annual_probability(rate: f64) -> f64 {
    -libm::expm1(-rate)
}

/// Band 1–5: 1 + the number of `edges` that `value` reaches (monotone in `value`).
pub fn band(value: f64, edges: &[f64]) -> u8 {
    let reached = edges.iter().filter(|e| value >= **e).count();
    u8::try_from(1 + reached.min(4)).unwrap_or(5)
}

/// Rating 1–5 of an expected annual loss against the risk appetite (log-spaced edges
/// given as fractions of the appetite in the catalog).
pub fn rating_from_eal(eal: f64, appetite: f64, fraction_edges: &[f64]) -> u8 {
    let edges: Vec<f64> = fraction_edges.iter().map(|f| f * appetite).collect();
    band(eal, &edges)
}

/// One cell of the risk grid.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RiskCell {
    pub dimension: String,
    /// Annual event rate λ (Poisson).
    pub annual_rate: f64,
    /// Annual probability of ≥ 1 event, `1 − e^(−λ)`.
    pub probability: f64,
    /// P5 of the loss of one event (MOP).
    pub low_mop: f64,
    /// P95 of the loss of one event (MOP).
    pub high_mop: f64,
    /// Median loss of one event, `e^μ`.
    pub median_mop: f64,
    /// Mean loss of one event, `e^(μ+σ²/2)`.
    pub mean_event_mop: f64,
    /// λ × mean loss.
    pub expected_annual_loss_mop: f64,
    /// 1–5 from EAL vs appetite.
    pub rating: u8,
    /// 5×5 matrix: likelihood 1–5 from the annual probability.
    pub likelihood: u8,
    /// 5×5 matrix: impact 1–5 from the P95 loss vs appetite.
    pub impact: u8,
    /// μ of ln(loss).
    pub ln_mu: f64,
    /// σ of ln(loss).
    pub ln_sigma: f64,
    /// Measures that changed this cell.
    pub measures_applied: Vec<String>,
}

/// Whether a selected measure has any effect on this platform, and why not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MeasureStatus {
    pub id: String,
    pub applies: bool,
    pub reason: String,
}

/// All cells of one option.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RiskProfile {
    pub cells: Vec<RiskCell>,
    /// Sum of the cells' EAL.
    pub expected_annual_loss_mop: f64,
    /// Rating of the summed EAL.
    pub rating: u8,
    pub measures: Vec<MeasureStatus>,
}

/// The measure whose `days` parameter caps `activity_retention_days`.
const RETENTION_MEASURE: &str = "retention_auto_delete";

/// Scenario-level inputs of the risk model, converted once.
/// A sector law's fine added to one dimension's loss per event (methodology §3.4).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StatutoryLoss {
    /// Index of the dimension in `catalog.dimensions`.
    pub dimension: usize,
    /// Fine × fined share at the low and high ends of the 90 % interval (MOP).
    pub low_mop: f64,
    pub high_mop: f64,
}

#[derive(Debug, Clone, Copy)]
pub struct RiskContext {
    /// Everyone whose personal data the platform holds: staff (the users) + client records.
    pub data_subjects: f64,
    /// Staff share of the data subjects, `users / (users + client records)`: staff-only factors
    /// and measures act on this share (methodology §3.2).
    pub staff_share: f64,
    pub per_record_mop: f64,
    pub sector_rate: f64,
    pub sector_magnitude: f64,
    pub appetite_mop: f64,
    /// The sector law that binds this organisation, if any (one duty per sector today).
    pub statutory: Option<StatutoryLoss>,
}

impl RiskContext {
    /// Convert the scenario's inputs.
    pub fn new(scenario: &Scenario, catalog: &Catalog) -> Result<RiskContext, ModelError> {
        let sector = catalog
            .sector(&scenario.organisation.sector)
            .ok_or_else(|| ModelError::UnknownSector {
                path: "organisation.sector".into(),
                id: scenario.organisation.sector.clone(),
            })?;
        let staff = f64::from(scenario.organisation.users);
        let subjects = staff + scenario.organisation.data_subjects as f64;
        Ok(RiskContext {
            data_subjects: subjects,
            staff_share: if subjects > 0.0 {
                staff / subjects
            } else {
                0.0
            },
            per_record_mop: catalog.loss_anchors.per_record_cost_usd.value
                * decimal_to_f64(scenario.fx_to_mop.usd),
            sector_rate: sector.rate_factor,
            sector_magnitude: sector.magnitude_factor,
            appetite_mop: decimal_to_f64(scenario.risk_appetite_mop),
            statutory: catalog.duties_for(&sector.id).find_map(|d| {
                let dimension = catalog
                    .dimensions
                    .iter()
                    .position(|x| x.id == d.dimension)?;
                Some(StatutoryLoss {
                    dimension,
                    low_mop: d.fine_low_mop.value * d.fined_share.value,
                    high_mop: d.fine_high_mop.value * d.fined_share.value,
                })
            }),
        })
    }
}

/// Risk profile of a platform with the selected measures (pass `&[]` for the
/// no-measures baseline).
pub fn risk_profile(
    catalog: &Catalog,
    context: &RiskContext,
    platform: &EffectivePlatform,
    selections: &[MeasureSelection],
) -> Result<RiskProfile, ModelError> {
    // Resolve measures and their applicability.
    let mut active: Vec<&Measure> = Vec::with_capacity(selections.len());
    let mut statuses = Vec::with_capacity(selections.len());
    let mut retention_cap: Option<i64> = None;
    for s in selections {
        let measure = catalog
            .measure(&s.id)
            .ok_or_else(|| ModelError::UnknownMeasure {
                path: "measures".into(),
                id: s.id.clone(),
            })?;
        let applicability = platform.applicability(measure);
        let applies = applicability.is_ok();
        statuses.push(MeasureStatus {
            id: s.id.clone(),
            applies,
            reason: match applicability {
                Ok(()) => "applies".into(),
                Err(why) => why.reason().into(),
            },
        });
        if applies {
            active.push(measure);
            if let Some(p) = &measure.parameter {
                let days = i64::from(s.days.unwrap_or(p.default));
                retention_cap = Some(retention_cap.map_or(days, |c| c.min(days)));
            }
        }
    }

    let mut cells = Vec::with_capacity(catalog.dimensions.len());
    let mut total_eal = 0.0;
    for (index, dimension) in catalog.dimensions.iter().enumerate() {
        let statutory = context.statutory.filter(|s| s.dimension == index);
        let cell = risk_cell(
            catalog,
            context,
            platform,
            dimension,
            &active,
            retention_cap,
            statutory,
        );
        total_eal += cell.expected_annual_loss_mop;
        cells.push(cell);
    }
    let rating = rating_from_eal(
        total_eal,
        context.appetite_mop,
        &catalog.rating.eal_band_edges_fraction_of_appetite,
    );
    Ok(RiskProfile {
        cells,
        expected_annual_loss_mop: total_eal,
        rating,
        measures: statuses,
    })
}

fn risk_cell(
    catalog: &Catalog,
    context: &RiskContext,
    platform: &EffectivePlatform,
    dimension: &DimensionSpec,
    active: &[&Measure],
    retention_cap: Option<i64>,
    statutory: Option<StatutoryLoss>,
) -> RiskCell {
    let mut rate = dimension.base_annual_rate.value * context.sector_rate;
    let mut magnitude = context.sector_magnitude;
    let mut measures_applied = Vec::new();
    for factor in &dimension.factors {
        if let Some(skip) = &factor.not_when {
            if platform
                .value(&skip.field)
                .is_some_and(|v| v.factor_key() == skip.value)
            {
                continue;
            }
        }
        let value = match (
            platform.value(&factor.field),
            factor.field.as_str(),
            retention_cap,
        ) {
            (Some(FieldValue::Integer(days)), "activity_retention_days", Some(cap))
                if cap < *days =>
            {
                // Auto-delete shortens what the platform keeps: it changes this cell.
                measures_applied.push(RETENTION_MEASURE.to_string());
                FieldValue::Integer(cap)
            }
            (Some(v), _, _) => v.clone(),
            (None, _, _) => continue,
        };
        if let Some(pair) = factor.lookup(&value) {
            rate *= factor.subjects.blend(pair.rate, context.staff_share);
            magnitude *= factor.subjects.blend(pair.magnitude, context.staff_share);
        }
    }
    // Alternatives in one exclusive group (transfer bases) do not stack: keep the strongest.
    let mut grouped: BTreeMap<&str, (f64, f64)> = BTreeMap::new();
    for measure in active {
        for effect in measure
            .effects
            .iter()
            .filter(|e| e.dimension == dimension.id)
        {
            measures_applied.push(measure.id.clone());
            let rate_factor = measure
                .subjects
                .blend(effect.rate_factor, context.staff_share);
            let magnitude_factor = measure
                .subjects
                .blend(effect.magnitude_factor, context.staff_share);
            match &measure.exclusive_group {
                Some(group) => {
                    let entry = grouped.entry(group.as_str()).or_insert((1.0, 1.0));
                    entry.0 = entry.0.min(rate_factor);
                    entry.1 = entry.1.min(magnitude_factor);
                }
                None => {
                    rate *= rate_factor;
                    magnitude *= magnitude_factor;
                }
            }
        }
    }
    for (r, m) in grouped.values() {
        rate *= r;
        magnitude *= m;
    }
    let rate = rate.clamp(0.0, catalog.simulation.max_annual_rate);

    let spec = &dimension.magnitude;
    let records = context.data_subjects * context.per_record_mop;
    let mut low =
        (spec.fixed_low_mop.value + records * spec.exposed_fraction_low.value) * magnitude;
    let mut high =
        (spec.fixed_high_mop.value + records * spec.exposed_fraction_high.value) * magnitude;
    if let Some(law) = statutory {
        // The law's fine scales with the platform's and the measures' factors, not the sector's
        // (the sector factor stands for the firm's other costs; the fine is the law's own).
        let platform_magnitude = if context.sector_magnitude > 0.0 {
            magnitude / context.sector_magnitude
        } else {
            magnitude
        };
        low += law.low_mop * platform_magnitude;
        high += law.high_mop * platform_magnitude;
    }
    let (ln_mu, ln_sigma) = lognormal_from_interval(low, high, catalog.simulation.z90);
    let mean_event = lognormal_mean(ln_mu, ln_sigma);
    let eal = rate * mean_event;
    let probability = annual_probability(rate);
    let rating_spec = &catalog.rating;
    RiskCell {
        dimension: dimension.id.clone(),
        annual_rate: rate,
        probability,
        low_mop: low,
        high_mop: high,
        median_mop: libm::exp(ln_mu),
        mean_event_mop: mean_event,
        expected_annual_loss_mop: eal,
        rating: rating_from_eal(
            eal,
            context.appetite_mop,
            &rating_spec.eal_band_edges_fraction_of_appetite,
        ),
        likelihood: band(probability, &rating_spec.likelihood_band_edges_probability),
        impact: rating_from_eal(
            high,
            context.appetite_mop,
            &rating_spec.impact_band_edges_fraction_of_appetite,
        ),
        ln_mu,
        ln_sigma,
        measures_applied,
    }
}
