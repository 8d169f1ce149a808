//! Catalog validation: the consistency rules `data/catalog.json` must meet (ids, sources and
//! dates, factor ranges, coverage of every choice). Run natively on load and by the tests; the
//! browser reads the postcard twin the tests prove equal to the validated JSON, so none of this
//! reaches the wasm.
use std::collections::{BTreeMap, BTreeSet};

use super::catalog::*;
use super::error::ModelError;
use super::fields::{field_meta, CURRENCIES};
pub(crate) use super::sourced::{non_empty, valid_date};

impl Catalog {
    /// Check internal consistency: ids, sources, factor ranges, coverage of choices.
    pub fn validate(&self) -> Result<(), ModelError> {
        if self.format != CATALOG_FORMAT || self.version != CATALOG_VERSION {
            return Err(ModelError::catalog(
                "format",
                "unexpected catalog format or version",
            ));
        }
        unique(self.sources.iter().map(|s| s.id.as_str()), "sources")?;
        unique(self.platforms.iter().map(|s| s.id.as_str()), "platforms")?;
        unique(self.measures.iter().map(|s| s.id.as_str()), "measures")?;
        unique(self.sectors.iter().map(|s| s.id.as_str()), "sectors")?;
        unique(self.dimensions.iter().map(|s| s.id.as_str()), "dimensions")?;
        same_set(
            self.dimensions.iter().map(|d| d.id.as_str()),
            DIMENSION_IDS,
            "dimensions",
        )?;
        same_set(
            self.measures.iter().map(|d| d.id.as_str()),
            MEASURE_IDS,
            "measures",
        )?;
        same_set(
            self.sectors.iter().map(|d| d.id.as_str()),
            SECTOR_IDS,
            "sectors",
        )?;
        for (i, p) in self.platforms.iter().enumerate() {
            self.validate_platform(p, &format!("platforms[{i}]"))?;
        }
        for (i, d) in self.statutory_duties.iter().enumerate() {
            self.validate_duty(d, &format!("statutory_duties[{i}]"))?;
        }
        for (i, s) in self.sectors.iter().enumerate() {
            let path = format!("sectors[{i}]");
            positive_factor(s.rate_factor, &format!("{path}.rate_factor"))?;
            positive_factor(s.magnitude_factor, &format!("{path}.magnitude_factor"))?;
            non_empty(&s.source, &format!("{path}.source"))?;
        }
        for (i, d) in self.dimensions.iter().enumerate() {
            self.validate_dimension(d, &format!("dimensions[{i}]"))?;
        }
        let layers: BTreeSet<&str> = self.defence_layers.iter().map(|l| l.id.as_str()).collect();
        for (i, m) in self.measures.iter().enumerate() {
            m.validate(&format!("measures[{i}]"), &layers, &self.limits)?;
        }
        for (i, step) in self.roadmap.iter().enumerate() {
            if self.measure(&step.measure).is_none() {
                return Err(ModelError::catalog(
                    format!("roadmap[{i}].measure"),
                    "unknown measure",
                ));
            }
        }
        for (name, edges) in [
            (
                "rating.eal_band_edges_fraction_of_appetite",
                &self.rating.eal_band_edges_fraction_of_appetite,
            ),
            (
                "rating.likelihood_band_edges_probability",
                &self.rating.likelihood_band_edges_probability,
            ),
            (
                "rating.impact_band_edges_fraction_of_appetite",
                &self.rating.impact_band_edges_fraction_of_appetite,
            ),
        ] {
            let ascending = edges.windows(2).all(|w| matches!(w, [a, b] if a < b));
            if edges.len() != 4 || !ascending || edges.iter().any(|e| !e.is_finite() || *e <= 0.0) {
                return Err(ModelError::catalog(
                    name,
                    "need 4 ascending positive band edges",
                ));
            }
        }
        let sim = &self.simulation;
        if !(sim.max_annual_rate.is_finite()
            && sim.max_annual_rate > 0.0
            && sim.max_annual_rate <= 50.0)
        {
            return Err(ModelError::catalog(
                "simulation.max_annual_rate",
                "must be in (0, 50]",
            ));
        }
        if !(2..=200).contains(&sim.exceedance_points) {
            return Err(ModelError::catalog(
                "simulation.exceedance_points",
                "must be 2..=200",
            ));
        }
        if !(sim.z90.is_finite() && sim.z90 > 1.0 && sim.z90 < 2.0) {
            return Err(ModelError::catalog(
                "simulation.z90",
                "must be Φ⁻¹(0.95) ≈ 1.645",
            ));
        }
        let anchors = &self.loss_anchors;
        let per_record = anchors.per_record_cost_usd.value;
        if !(per_record.is_finite() && per_record > 0.0 && per_record < 1e6) {
            return Err(ModelError::catalog(
                "loss_anchors.per_record_cost_usd",
                "must be finite and > 0",
            ));
        }
        let defaults = &self.scenario_defaults;
        if self.sector(&defaults.sector).is_none() {
            return Err(ModelError::catalog(
                "scenario_defaults.sector",
                "unknown sector",
            ));
        }
        for (name, fx) in [
            ("usd", &defaults.fx_to_mop.usd),
            ("hkd", &defaults.fx_to_mop.hkd),
            ("cny", &defaults.fx_to_mop.cny),
        ] {
            if !self.limits.fx_to_mop.contains(fx.value) {
                return Err(ModelError::catalog(
                    format!("scenario_defaults.fx_to_mop.{name}"),
                    "out of limits",
                ));
            }
        }
        self.decision.validate()?;
        Ok(())
    }

    fn validate_platform(&self, p: &Platform, path: &str) -> Result<(), ModelError> {
        non_empty(&p.id, &format!("{path}.id"))?;
        for meta in FIELDS {
            let field_path = format!("{path}.{}", meta.id);
            let Some(f) = p.field(meta.id) else {
                return Err(ModelError::catalog(field_path, "field missing"));
            };
            sourced_field(meta, &f, &self.limits, &field_path)?;
        }
        unique(
            p.plans.iter().map(|plan| plan.id.as_str()),
            &format!("{path}.plans"),
        )?;
        for (j, plan) in p.plans.iter().enumerate() {
            let plan_path = format!("{path}.plans[{j}]");
            non_empty(&plan.id, &format!("{plan_path}.id"))?;
            non_empty(&plan.name, &format!("{plan_path}.name"))?;
            if let Some(cap) = &plan.max_users {
                non_empty(&cap.source, &format!("{plan_path}.max_users.source"))?;
                valid_date(&cap.as_of, &format!("{plan_path}.max_users.as_of"))?;
                if !self.limits.users.contains(u64::from(cap.value)) {
                    return Err(ModelError::catalog(
                        format!("{plan_path}.max_users"),
                        "outside the users limits",
                    ));
                }
            }
            for meta in FIELDS {
                if let Some(f) = plan.field(meta.id) {
                    sourced_field(meta, &f, &self.limits, &format!("{plan_path}.{}", meta.id))?;
                }
            }
        }
        if !PROCESSOR_AGREEMENTS.contains(&p.processor_agreement.value.as_str()) {
            return Err(ModelError::catalog(
                format!("{path}.processor_agreement"),
                "must be vendor, hosting_provider or none",
            ));
        }
        if let Some(bad) = p
            .residual_flows
            .value
            .iter()
            .find(|f| !RESIDUAL_FLOWS.contains(&f.as_str()))
        {
            return Err(ModelError::catalog(
                format!("{path}.residual_flows"),
                format!("unknown flow `{bad}`"),
            ));
        }
        for (name, source, as_of) in [
            (
                "processor_agreement",
                &p.processor_agreement.source,
                &p.processor_agreement.as_of,
            ),
            (
                "residual_flows",
                &p.residual_flows.source,
                &p.residual_flows.as_of,
            ),
        ] {
            non_empty(source, &format!("{path}.{name}.source"))?;
            valid_date(as_of, &format!("{path}.{name}.as_of"))?;
        }
        Ok(())
    }

    fn validate_duty(&self, d: &StatutoryDuty, path: &str) -> Result<(), ModelError> {
        non_empty(&d.source, &format!("{path}.source"))?;
        if self.dimension(&d.dimension).is_none() {
            return Err(ModelError::catalog(
                format!("{path}.dimension"),
                "unknown dimension",
            ));
        }
        if let Some(bad) = d.sectors.iter().find(|s| self.sector(s).is_none()) {
            return Err(ModelError::catalog(
                format!("{path}.sectors"),
                format!("unknown sector `{bad}`"),
            ));
        }
        for (name, s) in [
            ("fine_low_mop", &d.fine_low_mop),
            ("fine_high_mop", &d.fine_high_mop),
            ("fined_share", &d.fined_share),
        ] {
            non_empty(&s.source, &format!("{path}.{name}.source"))?;
            valid_date(&s.as_of, &format!("{path}.{name}.as_of"))?;
        }
        let share = d.fined_share.value;
        if !(d.fine_low_mop.value > 0.0
            && d.fine_high_mop.value >= d.fine_low_mop.value
            && d.fine_high_mop.value.is_finite()
            && (0.0..=1.0).contains(&share))
        {
            return Err(ModelError::catalog(
                path,
                "need 0 < fine_low_mop ≤ fine_high_mop and fined_share in [0, 1]",
            ));
        }
        Ok(())
    }

    fn validate_dimension(&self, d: &DimensionSpec, path: &str) -> Result<(), ModelError> {
        let rate = d.base_annual_rate.value;
        if !(rate.is_finite() && rate >= 0.0 && rate <= self.simulation.max_annual_rate) {
            return Err(ModelError::catalog(
                format!("{path}.base_annual_rate"),
                "must be in [0, max_annual_rate]",
            ));
        }
        let m = &d.magnitude;
        for (name, s) in [
            ("fixed_low_mop", &m.fixed_low_mop),
            ("fixed_high_mop", &m.fixed_high_mop),
            ("exposed_fraction_low", &m.exposed_fraction_low),
            ("exposed_fraction_high", &m.exposed_fraction_high),
        ] {
            non_empty(&s.source, &format!("{path}.magnitude.{name}.source"))?;
            valid_date(&s.as_of, &format!("{path}.magnitude.{name}.as_of"))?;
            if !(s.value.is_finite() && s.value >= 0.0) {
                return Err(ModelError::catalog(
                    format!("{path}.magnitude.{name}"),
                    "must be finite and ≥ 0",
                ));
            }
        }
        // A lognormal needs 0 < low < high.
        if !(m.fixed_low_mop.value > 0.0 && m.fixed_high_mop.value > m.fixed_low_mop.value) {
            return Err(ModelError::catalog(
                format!("{path}.magnitude"),
                "need 0 < fixed_low_mop < fixed_high_mop",
            ));
        }
        if !(m.exposed_fraction_low.value <= m.exposed_fraction_high.value
            && m.exposed_fraction_high.value <= 1.0)
        {
            return Err(ModelError::catalog(
                format!("{path}.magnitude"),
                "need exposed_fraction_low ≤ exposed_fraction_high ≤ 1",
            ));
        }
        for (i, f) in d.factors.iter().enumerate() {
            let fpath = format!("{path}.factors[{i}]");
            let Some(meta) = field_meta(&f.field) else {
                return Err(ModelError::catalog(
                    format!("{fpath}.field"),
                    "unknown platform field",
                ));
            };
            non_empty(&f.source, &format!("{fpath}.source"))?;
            if let Some(cond) = &f.not_when {
                let known = field_meta(&cond.field).is_some_and(|m| match m.kind {
                    FieldKind::Choice(allowed) => allowed.contains(&cond.value.as_str()),
                    FieldKind::Bool => ["true", "false"].contains(&cond.value.as_str()),
                    _ => false,
                });
                if !known {
                    return Err(ModelError::catalog(
                        format!("{fpath}.not_when"),
                        "needs a choice or boolean field and one of its values",
                    ));
                }
            }
            if let Some(points) = &f.points {
                let ascending = points
                    .windows(2)
                    .all(|w| matches!(w, [a, b] if a.days < b.days));
                // Auto-delete lowers this field: its factors must strictly fall with the days, so
                // a shorter period always lowers the risk (methodology §3.2).
                let increasing = points
                    .windows(2)
                    .all(|w| matches!(w, [a, b] if a.rate < b.rate && a.magnitude < b.magnitude));
                if meta.kind != FieldKind::Integer
                    || f.choices.is_some()
                    || f.bands.is_some()
                    || points.len() < 2
                    || !ascending
                    || !increasing
                {
                    return Err(ModelError::catalog(
                        fpath,
                        "points: an integer field, ≥ 2 anchors, days ascending, factors strictly increasing",
                    ));
                }
                for p in points {
                    positive_factor(p.rate, &format!("{fpath}.points.rate"))?;
                    positive_factor(p.magnitude, &format!("{fpath}.points.magnitude"))?;
                }
                continue;
            }
            match (meta.kind, &f.choices, &f.bands) {
                (FieldKind::Integer, None, Some(bands)) => {
                    let last_open = bands.last().is_some_and(|b| b.up_to_days.is_none());
                    let ascending = bands
                        .windows(2)
                        .all(|w| matches!(w, [a, b] if match (a.up_to_days, b.up_to_days) { (Some(x), Some(y)) => x < y, (Some(_), None) => true, _ => false }));
                    if !last_open || !ascending {
                        return Err(ModelError::catalog(
                            fpath,
                            "bands must ascend and end with up_to_days null",
                        ));
                    }
                    for b in bands {
                        positive_factor(b.rate, &format!("{fpath}.bands.rate"))?;
                        positive_factor(b.magnitude, &format!("{fpath}.bands.magnitude"))?;
                    }
                    // Retention auto-delete lowers this field; the factors must not rise as it falls.
                    if f.field == "activity_retention_days" {
                        let monotone = bands.windows(2).all(|w| matches!(w, [a, b] if a.rate <= b.rate && a.magnitude <= b.magnitude));
                        if !monotone {
                            return Err(ModelError::catalog(
                                fpath,
                                "activity_retention_days factors must be non-decreasing in days",
                            ));
                        }
                    }
                }
                (FieldKind::Choice(allowed), Some(choices), None) => {
                    covers(choices, allowed.iter().copied(), &fpath)?
                }
                (FieldKind::Currency, Some(choices), None) => {
                    covers(choices, CURRENCIES.iter().copied(), &fpath)?
                }
                (FieldKind::Bool, Some(choices), None) => {
                    covers(choices, ["true", "false"].into_iter(), &fpath)?
                }
                _ => {
                    return Err(ModelError::catalog(
                        fpath,
                        "choices for choice/bool fields, bands for integer fields",
                    ))
                }
            }
        }
        Ok(())
    }
}

fn covers<'a>(
    choices: &BTreeMap<String, FactorPair>,
    allowed: impl Iterator<Item = &'a str>,
    path: &str,
) -> Result<(), ModelError> {
    let allowed: BTreeSet<&str> = allowed.collect();
    let given: BTreeSet<&str> = choices.keys().map(String::as_str).collect();
    if allowed != given {
        return Err(ModelError::catalog(
            path,
            "choices must cover exactly the field's allowed values",
        ));
    }
    for (k, pair) in choices {
        positive_factor(pair.rate, &format!("{path}.choices.{k}.rate"))?;
        positive_factor(pair.magnitude, &format!("{path}.choices.{k}.magnitude"))?;
    }
    Ok(())
}

pub(crate) fn positive_factor(v: f64, path: &str) -> Result<(), ModelError> {
    if v.is_finite() && v > 0.0 && v <= 100.0 {
        Ok(())
    } else {
        Err(ModelError::catalog(
            path,
            "factor must be finite, > 0 and ≤ 100",
        ))
    }
}

fn unique<'a>(ids: impl Iterator<Item = &'a str>, path: &str) -> Result<(), ModelError> {
    let mut seen = BTreeSet::new();
    for id in ids {
        if id.is_empty() || !seen.insert(id) {
            return Err(ModelError::DuplicateId {
                path: path.to_string(),
                id: id.to_string(),
            });
        }
    }
    Ok(())
}

fn same_set<'a>(
    ids: impl Iterator<Item = &'a str>,
    expected: &[&str],
    path: &str,
) -> Result<(), ModelError> {
    let got: BTreeSet<&str> = ids.collect();
    let want: BTreeSet<&str> = expected.iter().copied().collect();
    if got == want {
        Ok(())
    } else {
        Err(ModelError::catalog(
            path,
            format!("ids must be exactly {}", expected.join(", ")),
        ))
    }
}

/// One sourced platform or plan value: a source, a date, a note on every estimate, a value of the
/// field's kind within its limits.
fn sourced_field(
    meta: &FieldMeta,
    f: &SourcedFieldRef<'_>,
    limits: &Limits,
    field_path: &str,
) -> Result<(), ModelError> {
    non_empty(f.source, &format!("{field_path}.source"))?;
    valid_date(f.as_of, &format!("{field_path}.as_of"))?;
    if f.confidence == Confidence::Estimate && f.note.is_none_or(|n| !n.contains("estimate")) {
        return Err(ModelError::catalog(
            field_path,
            "an estimate needs a note saying so",
        ));
    }
    check_field_value(meta, &f.value, limits, "")
        .map_err(|e| ModelError::catalog(field_path, e.to_string()))
}
