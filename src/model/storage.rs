//! The autosave envelope written to `localStorage`:
//!
//! ```json
//! {"format":"collab-risk/saved","version":1,"saved_at":"2026-11-01T10:00:00Z","scenario":{…}}
//! ```
//!
//! `localStorage` is shared by every page of the origin and editable by the user, so
//! [`decode_saved`] treats it as untrusted: size limit first, then the envelope (foreign data,
//! newer versions and damage each get their own error), then the scenario goes through the same
//! parser and validation as an imported file. Unknown envelope keys are ignored (the version
//! number is what signals an incompatible change); the scenario itself is parsed strictly.
//!
//! ```
//! use collab_risk::model::{catalog::Catalog, presets, storage};
//! use collab_risk::model::error::InputError;
//! let catalog = Catalog::embedded().unwrap();
//! let scenario = presets::load("article-50").unwrap();
//! let text = storage::encode_saved(&scenario, "2026-11-01T10:00:00Z").unwrap();
//! let saved = storage::decode_saved(&text, catalog).unwrap();
//! assert_eq!(saved.scenario, scenario);
//! assert_eq!(saved.saved_at, "2026-11-01T10:00:00Z");
//! assert_eq!(storage::decode_saved("{}", catalog).unwrap_err().code(), "storage_foreign");
//! ```
use serde::Serialize;
use serde_json::Value;
use thiserror::Error;

use super::catalog::Catalog;
use super::error::{InputError, ModelError};
use super::scenario::Scenario;

/// Format tag of the envelope.
pub const SAVED_FORMAT: &str = "collab-risk/saved";
/// Envelope version this build writes and reads.
pub const SAVED_VERSION: u32 = 1;
/// Hard cap on the stored text, whatever the catalog says: 1 MiB.
pub const MAX_SAVED_BYTES: usize = 1024 * 1024;
/// Longest `saved_at` accepted (an ISO 8601 timestamp is ~30 characters).
pub const MAX_SAVED_AT_CHARS: usize = 64;

/// A decoded autosave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedScenario {
    /// As written by the caller of [`encode_saved`] (an ISO 8601 timestamp); not interpreted.
    pub saved_at: String,
    /// Validated against the catalog.
    pub scenario: Scenario,
}

/// Why stored data was refused. [`StorageError::code`] is stable, for translation.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum StorageError {
    /// Not JSON, not an object, or a broken envelope (bad version or `saved_at`, no scenario).
    #[error("the saved scenario is damaged: {reason}")]
    Corrupt { reason: String },
    /// JSON that is not a collab-risk autosave (no or another `format`).
    #[error("the stored data is not a collab-risk saved scenario")]
    Foreign,
    /// Written by a newer build.
    #[error("the saved scenario is version {found}, newer than this build (reads version {SAVED_VERSION})")]
    NewerVersion { found: u64 },
    /// More than `limit` bytes.
    #[error("the saved scenario is {size} bytes, limit {limit}")]
    TooLarge { size: usize, limit: usize },
    /// The envelope is fine but the scenario is not valid (names the field); when encoding,
    /// the scenario could not be serialized.
    #[error("the saved scenario is invalid: {0}")]
    InvalidScenario(ModelError),
}

impl InputError for StorageError {
    /// Stable machine code, for translation in the UI.
    fn code(&self) -> &'static str {
        match self {
            StorageError::Corrupt { .. } => "storage_corrupt",
            StorageError::Foreign => "storage_foreign",
            StorageError::NewerVersion { .. } => "storage_newer_version",
            StorageError::TooLarge { .. } => "storage_too_large",
            StorageError::InvalidScenario(_) => "storage_invalid_scenario",
        }
    }

    /// The underlying model error (its own `code()` says what is wrong with the field).
    fn model_error(&self) -> Option<&ModelError> {
        match self {
            StorageError::InvalidScenario(e) => Some(e),
            _ => None,
        }
    }
}

#[derive(Serialize)]
struct Envelope<'a> {
    format: &'static str,
    version: u32,
    saved_at: &'a str,
    scenario: &'a Scenario,
}

/// The envelope JSON (compact) for `scenario`. Does not validate the scenario (the decoder
/// does); refuses text the decoder would refuse for its size.
pub fn encode_saved(scenario: &Scenario, saved_at_iso: &str) -> Result<String, StorageError> {
    if saved_at_iso.chars().count() > MAX_SAVED_AT_CHARS {
        return Err(corrupt("saved_at is too long"));
    }
    let text = serde_json::to_string(&Envelope {
        format: SAVED_FORMAT,
        version: SAVED_VERSION,
        saved_at: saved_at_iso,
        scenario,
    })
    .map_err(|e| {
        StorageError::InvalidScenario(ModelError::InvalidJson {
            path: String::new(),
            message: e.to_string(),
        })
    })?;
    if text.len() > MAX_SAVED_BYTES {
        return Err(StorageError::TooLarge {
            size: text.len(),
            limit: MAX_SAVED_BYTES,
        });
    }
    Ok(text)
}

/// Decode and validate an autosave read from `localStorage`.
pub fn decode_saved(text: &str, catalog: &Catalog) -> Result<SavedScenario, StorageError> {
    let catalog_max = usize::try_from(catalog.limits.input_bytes.max).unwrap_or(usize::MAX);
    let limit = catalog_max.min(MAX_SAVED_BYTES);
    if text.len() > limit {
        return Err(StorageError::TooLarge {
            size: text.len(),
            limit,
        });
    }
    let value: Value =
        serde_json::from_str(text).map_err(|e| corrupt(&format!("not JSON ({e})")))?;
    let Value::Object(root) = value else {
        return Err(corrupt("not a JSON object"));
    };
    match root.get("format") {
        Some(Value::String(f)) if f == SAVED_FORMAT => {}
        _ => return Err(StorageError::Foreign),
    }
    let version = root
        .get("version")
        .and_then(Value::as_u64)
        .ok_or_else(|| corrupt("the version is missing or not a whole number"))?;
    if version > u64::from(SAVED_VERSION) {
        return Err(StorageError::NewerVersion { found: version });
    }
    if version != u64::from(SAVED_VERSION) {
        return Err(corrupt("unknown version"));
    }
    let saved_at = match root.get("saved_at") {
        Some(Value::String(s)) if s.chars().count() <= MAX_SAVED_AT_CHARS => s.clone(),
        Some(Value::String(_)) => return Err(corrupt("saved_at is too long")),
        None => String::new(),
        Some(_) => return Err(corrupt("saved_at is not a string")),
    };
    let scenario_value = root.get("scenario").ok_or_else(|| corrupt("no scenario"))?;
    // Re-serialised (bounded: it came from at most `limit` bytes) so the scenario goes through
    // exactly the parser an imported file does, with field paths in its errors.
    let scenario_text = serde_json::to_string(scenario_value)
        .map_err(|e| corrupt(&format!("scenario not serialisable ({e})")))?;
    let scenario =
        Scenario::from_json_with(&scenario_text, catalog).map_err(StorageError::InvalidScenario)?;
    Ok(SavedScenario { saved_at, scenario })
}

fn corrupt(reason: &str) -> StorageError {
    StorageError::Corrupt {
        reason: reason.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::presets;
    use serde_json::json;

    fn catalog() -> &'static Catalog {
        Catalog::embedded().unwrap()
    }

    fn code(text: &str) -> &'static str {
        decode_saved(text, catalog()).unwrap_err().code()
    }

    fn envelope() -> Value {
        let scenario = presets::load("bank-200").unwrap();
        serde_json::from_str(&encode_saved(&scenario, "2026-11-01T10:00:00+08:00").unwrap())
            .unwrap()
    }

    #[test]
    fn round_trip_every_preset() {
        for name in presets::names() {
            let scenario = presets::load(name).unwrap();
            let text = encode_saved(&scenario, "2026-11-01T10:00:00Z").unwrap();
            assert!(text.starts_with(
                r#"{"format":"collab-risk/saved","version":1,"saved_at":"2026-11-01T10:00:00Z","scenario":{"#
            ));
            let saved = decode_saved(&text, catalog()).unwrap();
            assert_eq!(saved.scenario, scenario);
            assert_eq!(saved.saved_at, "2026-11-01T10:00:00Z");
        }
    }

    #[test]
    fn refuses_bad_data_with_codes() {
        assert_eq!(code(""), "storage_corrupt");
        assert_eq!(code("   "), "storage_corrupt");
        assert_eq!(code("null"), "storage_corrupt");
        assert_eq!(code("[1,2]"), "storage_corrupt");
        assert_eq!(code("\"collab-risk/saved\""), "storage_corrupt");
        assert_eq!(code("{\"format\":"), "storage_corrupt");
        assert_eq!(code(&"[".repeat(100_000)), "storage_corrupt");
        assert_eq!(code("{}"), "storage_foreign");
        assert_eq!(code(r#"{"theme":"dark"}"#), "storage_foreign");
        assert_eq!(code(r#"{"format":1}"#), "storage_foreign");
        // A bare scenario file is not an autosave.
        let bare = presets::json("article-50").unwrap();
        assert_eq!(code(bare), "storage_foreign");

        let mut v = envelope();
        v["version"] = json!(2);
        assert_eq!(
            decode_saved(&v.to_string(), catalog()).unwrap_err(),
            StorageError::NewerVersion { found: 2 }
        );
        for bad in [json!(0), json!(-1), json!("1"), json!(1.5), Value::Null] {
            v["version"] = bad;
            assert_eq!(code(&v.to_string()), "storage_corrupt");
        }
        v["version"] = json!(1);
        v["saved_at"] = json!(12);
        assert_eq!(code(&v.to_string()), "storage_corrupt");
        v["saved_at"] = json!("x".repeat(65));
        assert_eq!(code(&v.to_string()), "storage_corrupt");
        v["saved_at"] = json!("2026");
        v.as_object_mut().unwrap().remove("scenario");
        assert_eq!(code(&v.to_string()), "storage_corrupt");
        v["scenario"] = json!([]);
        assert_eq!(code(&v.to_string()), "storage_invalid_scenario");
        // Unknown envelope keys are ignored.
        let mut v = envelope();
        v["future"] = json!({"x": 1});
        assert!(decode_saved(&v.to_string(), catalog()).is_ok());
        // Truncated.
        let text = envelope().to_string();
        assert_eq!(code(&text[..text.len() / 2]), "storage_corrupt");
    }

    #[test]
    fn invalid_scenario_names_the_field() {
        let mut v = envelope();
        v["scenario"]["options"][1]["overrides"]["licence_amount"] = json!("-5");
        let e = decode_saved(&v.to_string(), catalog()).unwrap_err();
        assert_eq!(e.code(), "storage_invalid_scenario");
        assert_eq!(e.detail(), Some("options[1].overrides.licence_amount"));
        let mut v = envelope();
        v["scenario"]["version"] = json!(7);
        let e = decode_saved(&v.to_string(), catalog()).unwrap_err();
        assert_eq!(e.model_error().unwrap().code(), "unsupported_version");
    }

    #[test]
    fn size_limits() {
        let big = format!(
            r#"{{"format":"collab-risk/saved","version":1,"pad":"{}"}}"#,
            " ".repeat(MAX_SAVED_BYTES)
        );
        assert_eq!(code(&big), "storage_too_large");
        let mut scenario = presets::load("article-50").unwrap();
        scenario.note = Some("é".repeat(MAX_SAVED_BYTES / 2));
        assert_eq!(
            encode_saved(&scenario, "now").unwrap_err().code(),
            "storage_too_large"
        );
        assert_eq!(
            encode_saved(&scenario, &"x".repeat(100))
                .unwrap_err()
                .code(),
            "storage_corrupt"
        );
    }

    #[test]
    fn every_code_is_distinct() {
        let all = [
            corrupt("x"),
            StorageError::Foreign,
            StorageError::NewerVersion { found: 2 },
            StorageError::TooLarge { size: 2, limit: 1 },
            StorageError::InvalidScenario(ModelError::MissingField {
                path: "options".into(),
            }),
        ];
        let codes: std::collections::BTreeSet<_> = all.iter().map(StorageError::code).collect();
        assert_eq!(codes.len(), all.len());
        assert!(codes.iter().all(|c| c.starts_with("storage_")));
    }
}
