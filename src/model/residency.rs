//! Where an option's data rests and whether its chosen transfer basis covers that place under
//! Law 8/2005: data resting outside Macau is a transfer (Arts 19–20); no jurisdiction has been
//! declared adequate, so a transfer needs an Art. 20 basis — explicit consent + DSPDP notification
//! (20(1)), DSPDP authorisation (20(2)) — or, only for the nine mainland GBA cities, the GBA
//! standard contract.
//!
//! ```
//! use collab_risk::model::{catalog::Catalog, presets, residency::{assess, Coverage}};
//! let catalog = Catalog::embedded().unwrap();
//! let scenario = presets::load("article-50").unwrap();
//! let a = assess(&scenario.options[0], catalog).unwrap();
//! assert!(a.outside_macau);
//! assert_eq!(a.coverage, Coverage::NoBasis);
//! ```
use super::catalog::{Catalog, Confidence};
use super::error::ModelError;
use super::scenario::{EffectivePlatform, OptionSpec};
use serde::Serialize;

/// A lawful basis for a transfer out of Macau that an option may have chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TransferBasis {
    /// Art. 20(1): explicit consent of the data subjects + notification to DSPDP.
    ConsentAndNotification,
    /// Art. 20(2): authorisation by DSPDP on adequate safeguards (e.g. contractual clauses).
    Authorisation,
    /// Mainland–Macao (GBA) standard contract, filed with DSPDP or Guangdong CAC.
    GbaStandardContract,
}

impl TransferBasis {
    /// The catalog measure that stands for this basis.
    pub fn measure_id(self) -> &'static str {
        match self {
            TransferBasis::ConsentAndNotification => "transfer_consent_notification",
            TransferBasis::Authorisation => "transfer_authorisation",
            TransferBasis::GbaStandardContract => "gba_standard_contract",
        }
    }

    /// Every basis, in the catalog's order.
    pub const ALL: [TransferBasis; 3] = [
        TransferBasis::ConsentAndNotification,
        TransferBasis::Authorisation,
        TransferBasis::GbaStandardContract,
    ];
}

/// Whether the transfer (if any) has a basis that covers where the data rests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Coverage {
    /// Data rests in Macau: no transfer, Arts 19–20 not engaged.
    NoTransfer,
    /// A chosen basis covers the destination.
    Covered,
    /// Only the GBA standard contract was chosen, and the data rests outside the nine GBA cities.
    BasisDoesNotCover,
    /// Data leaves Macau and no basis was chosen.
    NoBasis,
}

/// The data-residency badge of one option.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ResidencyAssessment {
    /// Catalog id of where the data rests (`macau`, `mainland_gba`, …).
    pub location: String,
    /// Who operates the storage, as the catalog or the user says; `None` while it is only the
    /// catalog's placeholder estimate (the blank custom platform), so it is not shown as a fact.
    pub operator: Option<String>,
    pub outside_macau: bool,
    /// Bases chosen that cover the destination.
    pub covering_bases: Vec<TransferBasis>,
    pub coverage: Coverage,
    /// When the data rests in Macau: what still leaves it (ids of the catalog's residual flows,
    /// e.g. push-notification metadata, federation, remote support). Empty when the data itself
    /// rests outside Macau (then everything leaves).
    pub still_leaves: Vec<String>,
}

/// Assesses one option (its overrides applied).
pub fn assess(option: &OptionSpec, catalog: &Catalog) -> Result<ResidencyAssessment, ModelError> {
    let platform =
        catalog
            .platform(&option.platform)
            .ok_or_else(|| ModelError::UnknownPlatform {
                path: "platform".into(),
                id: option.platform.clone(),
            })?;
    // Where the data rests does not change with the plan: the named plan, else the default.
    let plan = option
        .plan
        .as_deref()
        .and_then(|id| platform.plan(id))
        .or(platform.plans.first());
    let effective = EffectivePlatform::new(platform, plan, &option.overrides, catalog, "")?;
    let location = effective.choice("data_location").to_owned();
    let entered = option.overrides.get("data_operator").is_some();
    let sourced = platform
        .field("data_operator")
        .is_some_and(|f| f.confidence != Confidence::Estimate);
    let operator = effective
        .value("data_operator")
        .map(|v| v.to_string())
        .filter(|o| (entered || sourced) && !o.trim().is_empty());
    let outside_macau = location != "macau";
    let chosen: Vec<TransferBasis> = TransferBasis::ALL
        .into_iter()
        .filter(|b| option.measures.iter().any(|m| m.id == b.measure_id()))
        .collect();
    let covering_bases: Vec<TransferBasis> = chosen
        .iter()
        .copied()
        .filter(|b| *b != TransferBasis::GbaStandardContract || location == "mainland_gba")
        .collect();
    let coverage = if !outside_macau {
        Coverage::NoTransfer
    } else if !covering_bases.is_empty() {
        Coverage::Covered
    } else if chosen.is_empty() {
        Coverage::NoBasis
    } else {
        Coverage::BasisDoesNotCover
    };
    Ok(ResidencyAssessment {
        location,
        operator,
        outside_macau,
        covering_bases: if outside_macau {
            covering_bases
        } else {
            Vec::new()
        },
        coverage,
        still_leaves: if outside_macau {
            Vec::new()
        } else {
            platform.residual_flows.value.clone()
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fields::FieldValue;
    use crate::model::presets;
    use crate::model::scenario::MeasureSelection;

    fn option(platform: &str, location: Option<&str>, measures: &[&str]) -> OptionSpec {
        let mut o = presets::load("article-50").expect("preset").options[0].clone();
        o.platform = platform.into();
        o.overrides = Default::default();
        if let Some(l) = location {
            o.overrides
                .set("data_location", FieldValue::Choice(l.into()))
                .expect("valid choice");
        }
        o.measures = measures.iter().map(|m| MeasureSelection::new(*m)).collect();
        o
    }

    #[test]
    fn gba_contract_covers_only_gba_cities() {
        let c = Catalog::embedded().expect("catalog");
        let gba = assess(
            &option(
                "dingtalk_mainland",
                Some("mainland_gba"),
                &["gba_standard_contract"],
            ),
            c,
        )
        .expect("ok");
        assert_eq!(gba.coverage, Coverage::Covered);
        let hz = assess(
            &option(
                "dingtalk_mainland",
                Some("mainland_other"),
                &["gba_standard_contract"],
            ),
            c,
        )
        .expect("ok");
        assert_eq!(hz.coverage, Coverage::BasisDoesNotCover);
        let consent = assess(
            &option(
                "dingtalk_mainland",
                Some("mainland_other"),
                &["transfer_consent_notification"],
            ),
            c,
        )
        .expect("ok");
        assert_eq!(
            consent.covering_bases,
            vec![TransferBasis::ConsentAndNotification]
        );
    }

    #[test]
    fn macau_is_no_transfer_and_nothing_is_no_basis() {
        let c = Catalog::embedded().expect("catalog");
        let mo = assess(
            &option(
                "element_selfhosted_macau",
                None,
                &["transfer_authorisation"],
            ),
            c,
        )
        .expect("ok");
        assert_eq!(mo.coverage, Coverage::NoTransfer);
        assert!(mo.covering_bases.is_empty());
        let none = assess(&option("slack_pro", None, &[]), c).expect("ok");
        assert_eq!(none.coverage, Coverage::NoBasis);
    }
}
