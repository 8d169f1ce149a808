//! Validation of typed numbers (pure; the UI's `NumberField` uses it on every keystroke).
use crate::i18n::{parse_decimal, Locale};
use rust_decimal::Decimal;

/// Why typed text was not accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldProblem {
    NotANumber,
    NotWhole,
    OutOfRange,
}

/// Validates typed text against a range (pure, so it is easy to reason about).
pub fn validate(
    locale: Locale,
    text: &str,
    min: Decimal,
    max: Decimal,
    integer: bool,
) -> Result<Decimal, FieldProblem> {
    let value = parse_decimal(locale, text).ok_or(FieldProblem::NotANumber)?;
    if integer && !value.fract().is_zero() {
        return Err(FieldProblem::NotWhole);
    }
    if value < min || value > max {
        return Err(FieldProblem::OutOfRange);
    }
    Ok(value.normalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validates_range_and_wholeness() {
        let (min, max) = (Decimal::ONE, Decimal::from(100_000));
        assert_eq!(
            validate(Locale::En, "1,200", min, max, true),
            Ok(Decimal::from(1200))
        );
        assert_eq!(
            validate(Locale::En, "abc", min, max, true),
            Err(FieldProblem::NotANumber)
        );
        assert_eq!(
            validate(Locale::En, "1.5", min, max, true),
            Err(FieldProblem::NotWhole)
        );
        assert_eq!(
            validate(Locale::En, "0", min, max, true),
            Err(FieldProblem::OutOfRange)
        );
        assert_eq!(
            validate(Locale::En, "", min, max, true),
            Err(FieldProblem::NotANumber)
        );
        assert_eq!(
            validate(Locale::Pt, "8,05", min, max, false),
            Ok(Decimal::new(805, 2))
        );
        assert_eq!(
            validate(Locale::Pt, "1.200", min, max, true),
            Ok(Decimal::from(1200))
        );
    }
}
