//! Exact cost arithmetic in MOP (rust_decimal; never floats).
use rust_decimal::Decimal;

/// Checked arithmetic, outlined. rust_decimal marks its add/mul/div kernels `#[inline(always)]`,
/// so every `checked_*` call site would get its own copy of the whole algorithm (about 1–2 KB of
/// wasm each; `cost_ledger` alone was ~40 KB). One shared copy each is just as exact.
trait CheckedOutlined: Sized {
    fn c_add(self, other: Self) -> Option<Self>;
    fn c_mul(self, other: Self) -> Option<Self>;
    fn c_div(self, other: Self) -> Option<Self>;
}

impl CheckedOutlined for Decimal {
    #[inline(never)]
    fn c_add(self, other: Decimal) -> Option<Decimal> {
        self.checked_add(other)
    }
    #[inline(never)]
    fn c_mul(self, other: Decimal) -> Option<Decimal> {
        self.checked_mul(other)
    }
    #[inline(never)]
    fn c_div(self, other: Decimal) -> Option<Decimal> {
        self.checked_div(other)
    }
}

/// Licence cost over `years` in MOP: users × price per user per year × FX to MOP × years.
/// `None` when the product does not fit in a `Decimal` (checked: never a panic).
///
/// ```
/// use rust_decimal::Decimal;
/// use collab_risk::model::cost::licence_total_mop;
/// let total = licence_total_mop(50, Decimal::new(128, 0), Decimal::new(805, 2), 5);
/// assert_eq!(total, Some(Decimal::new(257_600, 0)));
/// ```
pub fn licence_total_mop(
    users: u32,
    price_per_user_year: Decimal,
    fx_to_mop: Decimal,
    years: u32,
) -> Option<Decimal> {
    Decimal::from(users)
        .c_mul(price_per_user_year)?
        .c_mul(fx_to_mop)?
        .c_mul(Decimal::from(years))
}

use rust_decimal::RoundingStrategy;
use serde::Serialize;

use super::catalog::Measure;
use super::error::ModelError;
use super::scenario::{EffectivePlatform, Scenario};

/// Decimal places kept per year × category after escalation and discounting
/// (exact when escalation and discount are 0).
pub const MONEY_DP: u32 = 6;

/// Amounts by cost category (MOP, serialized as decimal strings).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct CategoryAmounts {
    pub licence: Decimal,
    pub hosting_and_administration: Decimal,
    /// Vendor support contract or outside expertise (a free licence that needs support).
    pub support: Decimal,
    pub migration_and_training: Decimal,
    pub compliance_measures: Decimal,
}

impl CategoryAmounts {
    /// Sum of the five categories.
    pub fn total(&self) -> Option<Decimal> {
        self.licence
            .c_add(self.hosting_and_administration)?
            .c_add(self.support)?
            .c_add(self.migration_and_training)?
            .c_add(self.compliance_measures)
    }

    fn checked_add(&self, other: &CategoryAmounts) -> Option<CategoryAmounts> {
        Some(CategoryAmounts {
            licence: self.licence.c_add(other.licence)?,
            hosting_and_administration: self
                .hosting_and_administration
                .c_add(other.hosting_and_administration)?,
            support: self.support.c_add(other.support)?,
            migration_and_training: self
                .migration_and_training
                .c_add(other.migration_and_training)?,
            compliance_measures: self.compliance_measures.c_add(other.compliance_measures)?,
        })
    }

    fn normalized(self) -> CategoryAmounts {
        CategoryAmounts {
            licence: self.licence.normalize(),
            hosting_and_administration: self.hosting_and_administration.normalize(),
            support: self.support.normalize(),
            migration_and_training: self.migration_and_training.normalize(),
            compliance_measures: self.compliance_measures.normalize(),
        }
    }
}

/// One year of the ledger (already escalated and discounted).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct YearCost {
    pub year: u32,
    #[serde(flatten)]
    pub amounts: CategoryAmounts,
    pub total_mop: Decimal,
}

/// The exact cost ledger of one option.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CostLedger {
    pub total_mop: Decimal,
    pub by_year: Vec<YearCost>,
    pub by_category: CategoryAmounts,
}

/// `(1 + pct/100)^exponent`, checked.
///
/// ```
/// use rust_decimal::Decimal;
/// use collab_risk::model::cost::growth_factor;
/// assert_eq!(growth_factor(Decimal::new(10, 0), 2), Some(Decimal::new(121, 2)));
/// ```
pub fn growth_factor(pct: Decimal, exponent: u32) -> Option<Decimal> {
    let base = Decimal::ONE.c_add(pct.c_div(Decimal::ONE_HUNDRED)?)?;
    let mut factor = Decimal::ONE;
    for _ in 0..exponent {
        factor = factor.c_mul(base)?;
    }
    Some(factor)
}

/// Licence cost of year 1 (before escalation) in MOP for the effective platform.
pub fn licence_year_one_mop(scenario: &Scenario, platform: &EffectivePlatform) -> Option<Decimal> {
    let fx = scenario
        .fx_to_mop
        .to_mop(platform.choice("licence_currency"))?;
    let per_year = platform.decimal("licence_amount").c_mul(fx)?;
    if platform.choice("licence_basis") == "per_organisation_year" {
        Some(per_year)
    } else {
        per_year.c_mul(Decimal::from(scenario.organisation.users))
    }
}

/// What one measure costs before escalation and discounting: one-off MOP plus one-off staff
/// hours, and yearly MOP plus yearly staff hours, hours priced at `hourly_rate_mop`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MeasureCost {
    pub one_off_mop: Decimal,
    pub per_year_mop: Decimal,
}

/// The cost of `measure` at `hourly_rate_mop` (`None` on overflow).
///
/// ```
/// use collab_risk::model::{catalog::Catalog, cost::measure_cost};
/// use rust_decimal::Decimal;
/// let dpa = Catalog::embedded().unwrap().measure("dpa").unwrap();
/// let c = measure_cost(dpa, Decimal::from(200)).unwrap();
/// assert_eq!(c.one_off_mop, dpa.one_off_mop.value + dpa.staff_hours_one_off.value * Decimal::from(200));
/// ```
pub fn measure_cost(measure: &Measure, hourly_rate_mop: Decimal) -> Option<MeasureCost> {
    Some(MeasureCost {
        one_off_mop: measure
            .staff_hours_one_off
            .value
            .c_mul(hourly_rate_mop)?
            .c_add(measure.one_off_mop.value)?,
        per_year_mop: measure
            .staff_hours_per_year
            .value
            .c_mul(hourly_rate_mop)?
            .c_add(measure.running_mop_per_year.value)?,
    })
}

/// Build the ledger: licence and running costs escalate by `(1+e)^(y−1)`, one-off
/// costs fall in year 1, every year is discounted by `(1+r)^(y−1)` (methodology §2).
/// `measures` are the selected measures. An `incumbent` platform (already in use) is charged no
/// migration and no one-off setup: those are behind the firm.
pub fn cost_ledger(
    scenario: &Scenario,
    platform: &EffectivePlatform,
    measures: &[&Measure],
    incumbent: bool,
    path: &str,
) -> Result<CostLedger, ModelError> {
    let overflow = |what: &str| ModelError::overflow(path, format!("cost ledger: {what}"));
    let users = Decimal::from(scenario.organisation.users);
    let hourly = scenario.staff_hourly_rate_mop;
    let hours_cost = |hours: Decimal| hours.c_mul(hourly);

    let licence_base =
        licence_year_one_mop(scenario, platform).ok_or_else(|| overflow("licence"))?;
    let admin_hours = platform
        .decimal("admin_hours_per_user_year")
        .c_mul(users)
        .and_then(|h| h.c_add(platform.decimal("admin_hours_per_year")))
        .ok_or_else(|| overflow("admin hours"))?;
    let hosting_running_base = hours_cost(admin_hours)
        .and_then(|c| c.c_add(platform.decimal("hosting_running_mop_per_year")))
        .ok_or_else(|| overflow("hosting and administration"))?;
    let support_base = platform.decimal("support_mop_per_year");
    let (hosting_one_off, migration_one_off) = if incumbent {
        (Decimal::ZERO, Decimal::ZERO)
    } else {
        (
            platform.decimal("hosting_one_off_mop"),
            platform
                .decimal("migration_hours_per_user")
                .c_mul(users)
                .and_then(hours_cost)
                .and_then(|c| c.c_add(platform.decimal("migration_one_off_mop")))
                .ok_or_else(|| overflow("migration and training"))?,
        )
    };
    let mut measures_one_off = Decimal::ZERO;
    let mut measures_running_base = Decimal::ZERO;
    for m in measures {
        let cost = measure_cost(m, hourly).ok_or_else(|| overflow("measures"))?;
        measures_one_off = cost
            .one_off_mop
            .c_add(measures_one_off)
            .ok_or_else(|| overflow("measures one-off"))?;
        measures_running_base = cost
            .per_year_mop
            .c_add(measures_running_base)
            .ok_or_else(|| overflow("measures running"))?;
    }

    let mut by_year = Vec::with_capacity(scenario.horizon_years as usize);
    let mut by_category = CategoryAmounts::default();
    let mut total = Decimal::ZERO;
    for year in 1..=scenario.horizon_years {
        let escalation = growth_factor(scenario.escalation_pct, year - 1)
            .ok_or_else(|| overflow("escalation"))?;
        let discount = growth_factor(scenario.discount_rate_pct, year - 1)
            .ok_or_else(|| overflow("discount"))?;
        let one_off = |amount: Decimal| if year == 1 { amount } else { Decimal::ZERO };
        let nominal = (|| {
            Some(CategoryAmounts {
                licence: licence_base.c_mul(escalation)?,
                hosting_and_administration: hosting_running_base
                    .c_mul(escalation)?
                    .c_add(one_off(hosting_one_off))?,
                support: support_base.c_mul(escalation)?,
                migration_and_training: one_off(migration_one_off),
                compliance_measures: measures_running_base
                    .c_mul(escalation)?
                    .c_add(one_off(measures_one_off))?,
            })
        })()
        .ok_or_else(|| overflow("escalated amounts"))?;
        let present = |amount: Decimal| {
            amount
                .c_div(discount)
                .map(|v| v.round_dp_with_strategy(MONEY_DP, RoundingStrategy::MidpointAwayFromZero))
        };
        let amounts = (|| {
            Some(CategoryAmounts {
                licence: present(nominal.licence)?,
                hosting_and_administration: present(nominal.hosting_and_administration)?,
                support: present(nominal.support)?,
                migration_and_training: present(nominal.migration_and_training)?,
                compliance_measures: present(nominal.compliance_measures)?,
            })
        })()
        .ok_or_else(|| overflow("discounting"))?;
        let year_total = amounts.total().ok_or_else(|| overflow("year total"))?;
        by_category = by_category
            .checked_add(&amounts)
            .ok_or_else(|| overflow("category totals"))?;
        total = total.c_add(year_total).ok_or_else(|| overflow("total"))?;
        by_year.push(YearCost {
            year,
            amounts: amounts.normalized(),
            total_mop: year_total.normalize(),
        });
    }
    Ok(CostLedger {
        total_mop: total.normalize(),
        by_year,
        by_category: by_category.normalized(),
    })
}
