//! What an option has cost so far, year by year: the running sum of its ledger (the cost chart).
use rust_decimal::Decimal;

use super::cost::CostLedger;

impl CostLedger {
    /// `(year, cost of years 1..=year)` for each year of the ledger, exact.
    ///
    /// ```
    /// use collab_risk::model::{catalog::Catalog, presets, report::evaluate_deterministic};
    /// let catalog = Catalog::embedded().unwrap();
    /// let report = evaluate_deterministic(&presets::load("article-50").unwrap(), catalog).unwrap();
    /// let ledger = &report.options[0].cost;
    /// let cumulative: Vec<_> = ledger.cumulative_by_year().collect();
    /// assert_eq!(cumulative.len(), ledger.by_year.len());
    /// assert_eq!(cumulative.last().unwrap().1, ledger.by_year.iter().map(|y| y.total_mop).sum());
    /// ```
    pub fn cumulative_by_year(&self) -> impl Iterator<Item = (u32, Decimal)> + '_ {
        // The years sum to the ledger's checked total: the sum cannot overflow (were it to, the
        // sequence would end there rather than panic).
        self.by_year.iter().scan(Decimal::ZERO, |sum, y| {
            *sum = checked_add(*sum, y.total_mop)?;
            Some((y.year, *sum))
        })
    }
}

/// Outlined, as in the cost ledger: rust_decimal inlines its whole add kernel at each call site.
/// Being the same code as the ledger's, the release build's optimiser merges the two.
#[inline(never)]
fn checked_add(a: Decimal, b: Decimal) -> Option<Decimal> {
    a.checked_add(b)
}
