//! What the decision analysis reports (serialised into the report JSON). Plain data, so the
//! report can hold it without depending on the analysis code.
use serde::Serialize;

use super::super::scenario::MeasureSelection;

/// The measure set that minimises an option's expected risk-adjusted total.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BestConfiguration {
    /// The option's id.
    pub option: String,
    /// In the scenario format (ids, or `{"id": "retention_auto_delete", "days": N}`), in catalog
    /// order: put them in the option's `measures` to reproduce the figure exactly.
    pub measures: Vec<MeasureSelection>,
    /// The plan to price it on, where the platform sells several that fit the headcount (put it
    /// in the option's `plan` with the measures); `None` when there is no plan to choose.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan: Option<String>,
    /// Cost total + Σ EAL × Σ discount factors with these measures (MOP, from the evaluator).
    pub risk_adjusted_total_expected_mop: f64,
    /// The same figure with the option's current measures.
    pub current_total_expected_mop: f64,
    /// current − best (MOP). ≥ 0 unless the current set lies outside the searched space (two
    /// measures of one exclusive group).
    pub saving_mop: f64,
    /// Whether the current set already is the best one (same measures, same plan).
    pub is_current: bool,
    /// How many valid measure sets were searched.
    pub sets_searched: u64,
}

/// One option's probability of being the cheapest.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OptionProbability {
    pub option: String,
    pub p: f64,
}

/// What kind of input a sensitivity entry swings (for wording in the UI).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InputKind {
    /// A platform money or hours field (`subject` = field id).
    PlatformCost,
    /// MOP per unit of a currency (`subject` = `usd` or `cny`).
    Fx,
    /// Licensed users.
    Users,
    /// Personal-data records held.
    DataSubjects,
    /// Staff cost per hour (MOP).
    StaffHourlyRate,
    /// Yearly escalation (%).
    Escalation,
    /// Cost per breached record (USD).
    PerRecordCost,
    /// × one dimension's loss per event, hence its EAL (`subject` = dimension id).
    LossMagnitude,
    /// Exponent on a measure's factors (`subject` = measure id).
    MeasureEffect,
}

/// Which side of the base value a break-even value lies on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// The input must fall below the break-even value for the ranking to flip.
    Below,
    /// The input must rise above the break-even value for the ranking to flip.
    Above,
}

/// One bar of the tornado: the input swung from `low` to `high` and what it does to the
/// difference between the pair's expected risk-adjusted totals.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SensitivityEntry {
    /// Stable machine id, e.g. `options.dingtalk_default.licence_amount`,
    /// `platforms.dingtalk_international.licence_amount` (both options share it), `fx_to_mop.usd`,
    /// `organisation.users`, `loss.retention.magnitude`,
    /// `measures.dpa.effect`.
    pub input: String,
    pub kind: InputKind,
    /// The option whose value this is (`None` when it is common to both or scenario-wide).
    pub option: Option<String>,
    /// Field id, currency, dimension id or measure id.
    pub subject: Option<String>,
    /// Unit of `base`, `low`, `high` and `break_even`: a currency basis such as
    /// `USD/user/year`, `MOP`, `MOP/year`, `hours/year`, `MOP per USD`, `users`, `records`,
    /// `MOP/hour`, `%`, `USD/record`, `multiplier` or `exponent`.
    pub unit: String,
    pub base: f64,
    pub low: f64,
    pub high: f64,
    /// (B − A at `low`) − (B − A at the base), MOP.
    pub delta_low_mop: f64,
    /// (B − A at `high`) − (B − A at the base), MOP.
    pub delta_high_mop: f64,
    /// Width of the bar: max(0, Δlow, Δhigh) − min(0, Δlow, Δhigh).
    pub swing_mop: f64,
    /// Where in [low, high] the ranking of the pair flips (B − A changes sign); `None` when it
    /// does not within the range. The value nearest the base when both sides flip.
    pub break_even: Option<f64>,
    /// Which way the input must move from `base` to reach `break_even`: `below` when it must
    /// fall to it, `above` when it must rise to it; `None` with no break-even value.
    pub direction: Option<Direction>,
    /// Why this range (from the catalog's `decision.sensitivity`).
    pub range_rationale: String,
}

/// The pair a sensitivity analysis compares.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SensitivityPair {
    /// The first option of the pair (for the leading pair: the one ahead, so B − A ≥ 0).
    pub a: String,
    pub b: String,
    /// B − A expected risk-adjusted totals at the base values (MOP).
    pub difference_mop: f64,
}

/// A sensitivity analysis of one pair: entries sorted by swing, largest first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SensitivityAnalysis {
    pub pair: SensitivityPair,
    pub entries: Vec<SensitivityEntry>,
}

/// The report's `decision` object.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Decision {
    /// Option ids by exact expected risk-adjusted total, lowest first (ties keep option order).
    pub ranking: Vec<String>,
    /// Per option, share of simulated trials in which it is the cheapest (ties split).
    pub p_best: Vec<OptionProbability>,
    /// min over options of E[total] − E[min over options of total] over the simulated trials:
    /// the most that resolving every uncertainty is worth to this decision (MOP).
    pub evpi_mop: f64,
    /// The pair the sensitivity compares (best vs runner-up); `None` until analysed.
    pub sensitivity_pair: Option<SensitivityPair>,
    /// Sorted by swing, largest first.
    pub sensitivity: Vec<SensitivityEntry>,
}
