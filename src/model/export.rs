//! Exports: the scenario file ([`scenario_json`], the evaluator's scenario format) and a CSV
//! of the full report ([`report_csv`]).
//!
//! # CSV format
//!
//! RFC 4180: a header line `option_id,option_name,figure,value,unit`, then one record per
//! option × figure, then one per pairwise comparison (`option_id` = A,
//! `figure` = `p_cheaper_than:<B's id>`, `value` = P(A's risk-adjusted total < B's)). Records
//! end with CRLF (the last one too). A field is quoted when it contains a comma, a double quote,
//! CR or LF; quotes inside are doubled. No byte-order mark: prepend [`UTF8_BOM`] when saving a
//! file meant for Excel, which otherwise misreads non-ASCII names.
//!
//! # Formula injection
//!
//! Spreadsheets run a cell starting with `=`, `+`, `-` or `@` (and some treat a leading TAB or
//! CR the same way) as a formula, and option names and ids are typed by whoever made the
//! scenario — possibly the sender of a share link. Following OWASP's CSV-injection guidance,
//! every **text** cell (`option_id`, `option_name`, `figure`, `unit`) starting with one of
//! `= + - @ TAB CR` gets a single quote `'` prefixed, which spreadsheets show as text.
//!
//! **Number** cells (`value`) are not neutralised, so a negative figure such as a ROSI of
//! `-0.85` stays a number the spreadsheet can compute with. This is safe because they are never
//! user text: they are formatted here from numbers and checked to match
//! `-?[0-9]+(\.[0-9]+)?` (anything else — impossible by construction — is treated as text and
//! neutralised). Money from the cost ledger is the ledger's exact decimal string; other MOP
//! figures are floats with 2 decimals, probabilities and ratios 6 decimals, ratings whole numbers,
//! scores one decimal. An absent value (a payback year that never comes, a non-finite float) is an
//! empty cell.
//!
//! Figures per option, in order (unit in brackets): `total_cost` (MOP), `cost_year_<y>` (MOP),
//! `cost_licence`, `cost_hosting_and_administration`, `cost_support`, `cost_migration_and_training`,
//! `cost_compliance_measures` (MOP), `risk_eal_total` (MOP/year), `rating_overall` (1-5), per
//! risk dimension `risk_eal_<dim>` (MOP/year), `risk_probability_<dim>` (probability),
//! `rating_<dim>` (1-5), then `sim_mean`, `sim_p50`, `sim_p90`, `sim_p95` (MOP),
//! `risk_adjusted_total` (simulated mean, MOP), `risk_adjusted_total_expected` (exact, MOP),
//! `rosi` (ratio, empty when the measures cost nothing), `roi_score` (0-100, one decimal),
//! `net_benefit`, `net_benefit_p5`, `net_benefit_p95` (MOP), `p_rosi_positive` (probability),
//! `payback_year` (year).
//!
//! ```
//! use collab_risk::model::{catalog::Catalog, export, presets, report};
//! let scenario = presets::load("article-50").unwrap();
//! let report = report::evaluate(&scenario, Catalog::embedded().unwrap()).unwrap();
//! let csv = export::report_csv(&report);
//! assert!(csv.starts_with("option_id,option_name,figure,value,unit\r\n"));
//! assert!(csv.contains("\r\nalternative,Alternative at USD 128 (article's figure),total_cost,257600,MOP\r\n"));
//! ```
use std::fmt::Write as _;

use rust_decimal::Decimal;

use super::error::ModelError;
use super::report::{OptionReport, Report};
use super::scenario::Scenario;

/// The CSV header line (without its CRLF).
pub const CSV_HEADER: &str = "option_id,option_name,figure,value,unit";
/// UTF-8 byte-order mark, to prepend when the CSV is saved for Excel.
pub const UTF8_BOM: &str = "\u{FEFF}";
/// First characters that make a spreadsheet treat a cell as a formula (OWASP).
pub const FORMULA_TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The scenario as the pretty JSON file the app exports and imports (and `evaluate` reads).
pub fn scenario_json(scenario: &Scenario) -> Result<String, ModelError> {
    scenario.to_json_pretty()
}

/// A text cell: neutralised (leading `'`) if it starts with a formula trigger, then quoted
/// per RFC 4180 if needed.
pub fn text_cell(text: &str) -> String {
    let neutral = if text.starts_with(FORMULA_TRIGGERS) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    quote(&neutral)
}

/// A number cell: written as is when it is a plain decimal number (`-?[0-9]+(\.[0-9]+)?`),
/// otherwise handled as text (neutralised).
pub fn number_cell(number: &str) -> String {
    if is_plain_number(number) {
        number.to_string()
    } else {
        text_cell(number)
    }
}

pub fn is_plain_number(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let (int, frac) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    let all_digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    all_digits(int) && frac.is_none_or(all_digits)
}

fn quote(field: &str) -> String {
    if field.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

/// `value` with `dp` decimals; empty when not finite; no `-0.00`.
fn fixed(value: f64, dp: usize) -> String {
    if !value.is_finite() {
        return String::new();
    }
    let text = format!("{value:.dp$}");
    match text.strip_prefix('-') {
        Some(rest) if rest.bytes().all(|b| b == b'0' || b == b'.') => rest.to_string(),
        _ => text,
    }
}

fn money(value: f64) -> String {
    fixed(value, 2)
}

fn probability(value: f64) -> String {
    fixed(value, 6)
}

fn exact(value: Decimal) -> String {
    value.normalize().to_string()
}

struct Writer {
    out: String,
}

impl Writer {
    fn row(&mut self, id: &str, name: &str, figure: &str, value: &str, unit: &str) {
        // Writing to a String cannot fail.
        let _ = write!(
            self.out,
            "{},{},{},{},{}\r\n",
            text_cell(id),
            text_cell(name),
            text_cell(figure),
            if value.is_empty() {
                String::new()
            } else {
                number_cell(value)
            },
            text_cell(unit)
        );
    }
}

fn option_rows(w: &mut Writer, o: &OptionReport) {
    let mut row = |figure: &str, value: String, unit: &str| {
        w.row(&o.id, &o.name, figure, &value, unit);
    };
    row("total_cost", exact(o.cost.total_mop), "MOP");
    for year in &o.cost.by_year {
        row(
            &format!("cost_year_{}", year.year),
            exact(year.total_mop),
            "MOP",
        );
    }
    let c = &o.cost.by_category;
    row("cost_licence", exact(c.licence), "MOP");
    row(
        "cost_hosting_and_administration",
        exact(c.hosting_and_administration),
        "MOP",
    );
    row("cost_support", exact(c.support), "MOP");
    row(
        "cost_migration_and_training",
        exact(c.migration_and_training),
        "MOP",
    );
    row(
        "cost_compliance_measures",
        exact(c.compliance_measures),
        "MOP",
    );
    row(
        "risk_eal_total",
        money(o.risk.expected_annual_loss_mop),
        "MOP/year",
    );
    row("rating_overall", o.risk.rating.to_string(), "1-5");
    for cell in &o.risk.cells {
        let d = &cell.dimension;
        row(
            &format!("risk_eal_{d}"),
            money(cell.expected_annual_loss_mop),
            "MOP/year",
        );
        row(
            &format!("risk_probability_{d}"),
            probability(cell.probability),
            "probability",
        );
        row(&format!("rating_{d}"), cell.rating.to_string(), "1-5");
    }
    let s = &o.simulation;
    row("sim_mean", money(s.mean_mop), "MOP");
    row("sim_p50", money(s.p50_mop), "MOP");
    row("sim_p90", money(s.p90_mop), "MOP");
    row("sim_p95", money(s.p95_mop), "MOP");
    row(
        "risk_adjusted_total",
        money(o.risk_adjusted_total_mop),
        "MOP",
    );
    row(
        "risk_adjusted_total_expected",
        money(o.risk_adjusted_total_expected_mop),
        "MOP",
    );
    let r = &o.compliance_roi;
    row(
        "rosi",
        r.rosi.map(|v| fixed(v, 6)).unwrap_or_default(),
        "ratio",
    );
    row("roi_score", fixed(r.score, 1), "0-100");
    row("net_benefit", money(r.expected_net_benefit_mop), "MOP");
    row("net_benefit_p5", money(r.net_benefit_p5_mop), "MOP");
    row("net_benefit_p95", money(r.net_benefit_p95_mop), "MOP");
    row("p_rosi_positive", probability(r.p_positive), "probability");
    row(
        "payback_year",
        r.payback_year.map(|y| y.to_string()).unwrap_or_default(),
        "year",
    );
}

/// The full report (costs, risk, simulation, ROI, comparisons) as CSV; see the module docs.
pub fn report_csv(report: &Report) -> String {
    let mut w = Writer {
        out: format!("{CSV_HEADER}\r\n"),
    };
    for option in &report.options {
        option_rows(&mut w, option);
    }
    for c in &report.comparisons {
        let name = report
            .options
            .iter()
            .find(|o| o.id == c.a)
            .map_or("", |o| o.name.as_str());
        w.row(
            &c.a,
            name,
            &format!("p_cheaper_than:{}", c.b),
            &probability(c.p_a_cheaper),
            "probability",
        );
    }
    w.out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::presets;

    #[test]
    fn cells() {
        assert_eq!(text_cell("plain"), "plain");
        assert_eq!(text_cell("a,b"), "\"a,b\"");
        assert_eq!(text_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(text_cell("two\nlines"), "\"two\nlines\"");
        assert_eq!(text_cell("=1+1"), "'=1+1");
        assert_eq!(text_cell("+1"), "'+1");
        assert_eq!(text_cell("-1"), "'-1");
        assert_eq!(text_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(text_cell("\tx"), "'\tx");
        assert_eq!(text_cell("\rx"), "\"'\rx\"");
        assert_eq!(
            text_cell("=HYPERLINK(\"http://x\",\"a\")"),
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"a\"\")\""
        );
        assert_eq!(text_cell("a=1"), "a=1");
        assert_eq!(text_cell(""), "");
        // Numbers: negative numbers stay numbers; anything else is text.
        assert_eq!(number_cell("-123.45"), "-123.45");
        assert_eq!(number_cell("0"), "0");
        assert_eq!(number_cell("-1+1"), "'-1+1");
        assert_eq!(number_cell("=1"), "'=1");
        assert_eq!(number_cell("1e5"), "1e5");
        assert_eq!(number_cell("-1e5"), "'-1e5");
        assert_eq!(number_cell("-"), "'-");
        assert_eq!(number_cell("1."), "1.");
        assert_eq!(number_cell("-.5"), "'-.5");
        assert_eq!(fixed(-0.001, 2), "0.00");
        assert_eq!(fixed(-0.85, 6), "-0.850000");
        assert_eq!(fixed(f64::NAN, 2), "");
        assert_eq!(fixed(f64::INFINITY, 2), "");
    }

    #[test]
    fn scenario_json_is_the_pretty_format() {
        let scenario = presets::load("clinic-30").unwrap();
        let text = scenario_json(&scenario).unwrap();
        assert_eq!(text, scenario.to_json_pretty().unwrap());
        assert_eq!(Scenario::from_json(&text).unwrap(), scenario);
    }
}
