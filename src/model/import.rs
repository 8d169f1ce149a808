//! Importing a scenario file chosen by the user (the evaluator's scenario format,
//! docs/scenario-format.md). The file is untrusted: at most [`MAX_IMPORT_BYTES`], UTF-8 (a
//! leading byte-order mark is skipped), then the scenario parser and validation, whose errors
//! name the field.
//!
//! ```
//! use collab_risk::model::{catalog::Catalog, import, presets};
//! use collab_risk::model::error::InputError;
//! let catalog = Catalog::embedded().unwrap();
//! let bytes = presets::json("clinic-30").unwrap().as_bytes();
//! assert_eq!(import::scenario_from_file(bytes, catalog).unwrap(), presets::load("clinic-30").unwrap());
//! let err = import::scenario_from_file(&vec![b' '; 1_000_001], catalog).unwrap_err();
//! assert_eq!(err.code(), "import_too_large");
//! assert_eq!(err.to_string(), "the file is 1000001 bytes, limit 1000000");
//! ```
use thiserror::Error;

use super::catalog::Catalog;
use super::error::{InputError, ModelError};
use super::scenario::Scenario;

/// Largest file accepted: 1 MB (10^6 bytes).
pub const MAX_IMPORT_BYTES: usize = 1_000_000;

/// Why an imported file was refused. [`ImportError::code`] is stable, for translation.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ImportError {
    /// Zero bytes (or only whitespace / a byte-order mark).
    #[error("the file is empty")]
    Empty,
    /// More than `limit` bytes.
    #[error("the file is {size} bytes, limit {limit}")]
    TooLarge { size: usize, limit: usize },
    /// Not UTF-8 text; `position` is the offset of the first bad byte.
    #[error("the file is not UTF-8 text (byte {position})")]
    NotUtf8 { position: usize },
    /// Not a valid scenario (names the field).
    #[error("the file is not a valid scenario: {0}")]
    InvalidScenario(ModelError),
}

impl InputError for ImportError {
    /// Stable machine code, for translation in the UI.
    fn code(&self) -> &'static str {
        match self {
            ImportError::Empty => "import_empty",
            ImportError::TooLarge { .. } => "import_too_large",
            ImportError::NotUtf8 { .. } => "import_not_utf8",
            ImportError::InvalidScenario(_) => "import_invalid_scenario",
        }
    }

    /// The underlying model error (its own `code()` says what is wrong).
    fn model_error(&self) -> Option<&ModelError> {
        match self {
            ImportError::InvalidScenario(e) => Some(e),
            _ => None,
        }
    }
}

/// Parse and validate a scenario file's bytes.
pub fn scenario_from_file(bytes: &[u8], catalog: &Catalog) -> Result<Scenario, ImportError> {
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge {
            size: bytes.len(),
            limit: MAX_IMPORT_BYTES,
        });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| ImportError::NotUtf8 {
        position: e.valid_up_to(),
    })?;
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    Scenario::from_json_with(text, catalog).map_err(ImportError::InvalidScenario)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::export::scenario_json;
    use crate::model::presets;

    fn catalog() -> &'static Catalog {
        Catalog::embedded().unwrap()
    }

    fn err(bytes: &[u8]) -> ImportError {
        scenario_from_file(bytes, catalog()).unwrap_err()
    }

    #[test]
    fn export_then_import_is_identity() {
        for name in presets::names() {
            let scenario = presets::load(name).unwrap();
            let text = scenario_json(&scenario).unwrap();
            assert_eq!(
                scenario_from_file(text.as_bytes(), catalog()).unwrap(),
                scenario
            );
            let bom = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
            assert_eq!(scenario_from_file(&bom, catalog()).unwrap(), scenario);
        }
    }

    #[test]
    fn limits_and_errors() {
        let text = presets::json("article-50").unwrap();
        let mut padded = text.as_bytes().to_vec();
        padded.resize(MAX_IMPORT_BYTES, b' ');
        assert!(scenario_from_file(&padded, catalog()).is_ok());
        padded.push(b' ');
        assert_eq!(
            err(&padded),
            ImportError::TooLarge {
                size: 1_000_001,
                limit: 1_000_000
            }
        );
        assert_eq!(err(b""), ImportError::Empty);
        assert_eq!(err(b" \n\t"), ImportError::Empty);
        assert_eq!(err(b"\xEF\xBB\xBF"), ImportError::Empty);
        assert_eq!(err(b"{\"a\xff\"}"), ImportError::NotUtf8 { position: 3 });
        let e = err(b"{not json");
        assert_eq!(e.code(), "import_invalid_scenario");
        assert_eq!(e.model_error().unwrap().code(), "invalid_json");
        assert_eq!(e.detail(), None);
        let bad = text.replace("\"users\": 50", "\"users\": \"many\"");
        let e = err(bad.as_bytes());
        assert_eq!(e.detail(), Some("organisation.users"));
        assert_eq!(e.model_error().unwrap().code(), "wrong_type");
        let newer = text.replace("\"version\": 1", "\"version\": 2");
        let e = err(newer.as_bytes());
        assert_eq!(e.model_error().unwrap().code(), "unsupported_version");
        assert_eq!(e.detail(), Some("version"));
        assert_eq!(
            err(&"[".repeat(200_000).into_bytes()).code(),
            "import_invalid_scenario"
        );
    }

    #[test]
    fn every_code_is_distinct() {
        let all = [
            ImportError::Empty,
            ImportError::TooLarge { size: 2, limit: 1 },
            ImportError::NotUtf8 { position: 0 },
            ImportError::InvalidScenario(ModelError::MissingField {
                path: "options".into(),
            }),
        ];
        let codes: std::collections::BTreeSet<_> = all.iter().map(ImportError::code).collect();
        assert_eq!(codes.len(), all.len());
        assert!(codes.iter().all(|c| c.starts_with("import_")));
    }
}
