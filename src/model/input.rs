//! Path-aware reading of JSON values, so every parse error names the field
//! (`options[1].overrides.licence_amount`) instead of a line and column.
use std::str::FromStr;

use rust_decimal::Decimal;
use serde_json::{Map, Value};

use super::error::ModelError;

/// `path.key` (or `key` at the root).
pub(crate) fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// `path[index]`.
pub(crate) fn index(path: &str, i: usize) -> String {
    format!("{path}[{i}]")
}

fn wrong(path: &str, expected: &str) -> ModelError {
    ModelError::WrongType {
        path: path.to_string(),
        expected: expected.to_string(),
    }
}

/// Parse JSON text; a syntax error names line and column.
pub(crate) fn parse_json(text: &str) -> Result<Value, ModelError> {
    serde_json::from_str(text).map_err(|e| ModelError::InvalidJson {
        path: String::new(),
        message: format!(
            "line {} column {}: {}",
            e.line(),
            e.column(),
            e.classify_message()
        ),
    })
}

trait ClassifyMessage {
    fn classify_message(&self) -> String;
}

impl ClassifyMessage for serde_json::Error {
    fn classify_message(&self) -> String {
        // The Display of serde_json errors repeats "at line L column C"; keep only the reason.
        let full = self.to_string();
        match full.find(" at line ") {
            Some(pos) => full.get(..pos).unwrap_or(&full).to_string(),
            None => full,
        }
    }
}

/// The value as an object.
pub(crate) fn object<'a>(v: &'a Value, path: &str) -> Result<&'a Map<String, Value>, ModelError> {
    v.as_object().ok_or_else(|| wrong(path, "an object"))
}

/// Refuse keys not in `allowed`.
pub(crate) fn only_keys(
    map: &Map<String, Value>,
    allowed: &[&str],
    path: &str,
) -> Result<(), ModelError> {
    match map.keys().find(|k| !allowed.contains(&k.as_str())) {
        Some(k) => Err(ModelError::UnknownField {
            path: join(path, k),
        }),
        None => Ok(()),
    }
}

/// A required member.
pub(crate) fn required<'a>(
    map: &'a Map<String, Value>,
    key: &str,
    path: &str,
) -> Result<&'a Value, ModelError> {
    map.get(key).ok_or_else(|| ModelError::MissingField {
        path: join(path, key),
    })
}

/// A string.
pub(crate) fn string(v: &Value, path: &str) -> Result<String, ModelError> {
    v.as_str()
        .map(str::to_string)
        .ok_or_else(|| wrong(path, "a string"))
}

/// A boolean.
pub(crate) fn boolean(v: &Value, path: &str) -> Result<bool, ModelError> {
    v.as_bool().ok_or_else(|| wrong(path, "true or false"))
}

/// An array.
pub(crate) fn array<'a>(v: &'a Value, path: &str) -> Result<&'a Vec<Value>, ModelError> {
    v.as_array().ok_or_else(|| wrong(path, "an array"))
}

/// A non-negative whole number (JSON number, or a string of digits).
pub(crate) fn unsigned(v: &Value, path: &str) -> Result<u64, ModelError> {
    match v {
        Value::Number(n) => {
            if let Some(u) = n.as_u64() {
                Ok(u)
            } else if n.as_i64().is_some() || n.as_f64().is_some_and(|f| f < 0.0) {
                Err(ModelError::out_of_range(path, "must be ≥ 0"))
            } else {
                Err(wrong(path, "a whole number"))
            }
        }
        Value::String(s) => s
            .trim()
            .parse::<u64>()
            .map_err(|_| wrong(path, "a whole number")),
        _ => Err(wrong(path, "a whole number")),
    }
}

/// A whole number that fits in `u32`.
pub(crate) fn unsigned32(v: &Value, path: &str) -> Result<u32, ModelError> {
    let u = unsigned(v, path)?;
    u32::try_from(u).map_err(|_| ModelError::out_of_range(path, format!("must be ≤ {}", u32::MAX)))
}

/// An exact decimal: a JSON number or a decimal string ("71.91"). Exponents allowed.
pub(crate) fn decimal(v: &Value, path: &str) -> Result<Decimal, ModelError> {
    let text = match v {
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.trim().to_string(),
        _ => return Err(wrong(path, "a decimal number (number or string)")),
    };
    if text.len() > 64 {
        return Err(ModelError::out_of_range(path, "number too long"));
    }
    let parsed = if text.contains(['e', 'E']) {
        Decimal::from_scientific(&text)
    } else {
        Decimal::from_str(&text)
    };
    parsed.map_err(|_| {
        if matches!(v, Value::Number(_)) {
            ModelError::out_of_range(path, "number outside the supported range")
        } else {
            wrong(path, "a decimal number (number or string)")
        }
    })
}
