//! Typed model errors. Each error names the field path it is about (e.g.
//! `options[2].overrides.licence_amount`) and has a stable machine [`ModelError::code`]
//! the UI can translate.
use thiserror::Error;

use super::applicability::NotApplicable;

/// Every way the model can refuse input or fail. Never a panic.
///
/// ```
/// use collab_risk::model::error::ModelError;
/// let e = ModelError::OutOfRange { path: "organisation.users".into(), message: "must be between 1 and 100000".into() };
/// assert_eq!(e.code(), "out_of_range");
/// assert_eq!(e.to_string(), "organisation.users: must be between 1 and 100000");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ModelError {
    /// The bytes are not valid JSON.
    #[error("{}malformed JSON: {message}", at(.path))]
    InvalidJson { path: String, message: String },
    /// A value has the wrong JSON type.
    #[error("{}expected {expected}", at(.path))]
    WrongType { path: String, expected: String },
    /// A required field is absent.
    #[error("{}missing required field", at(.path))]
    MissingField { path: String },
    /// A field name the format does not know.
    #[error("{}unknown field", at(.path))]
    UnknownField { path: String },
    /// A number outside its allowed range.
    #[error("{}{message}", at(.path))]
    OutOfRange { path: String, message: String },
    /// A number outside `min`..=`max` (as written in the limits): the same code as
    /// [`ModelError::OutOfRange`], with the bounds kept so the UI can say them in any language.
    #[error("{}must be between {min} and {max}", at(.path))]
    NotBetween {
        path: String,
        min: String,
        max: String,
    },
    /// A choice value not in the allowed list.
    #[error("{}`{value}` is not one of {allowed}", at(.path))]
    InvalidChoice {
        path: String,
        value: String,
        allowed: String,
    },
    /// A platform id missing from the catalog.
    #[error("{}unknown platform `{id}`", at(.path))]
    UnknownPlatform { path: String, id: String },
    /// A plan the option's platform is not sold in.
    #[error("{}platform `{platform}` has no plan `{id}` (its plans: {allowed})", at(.path))]
    UnknownPlan {
        path: String,
        platform: String,
        id: String,
        allowed: String,
    },
    /// A plan priced for more users than it is sold for.
    #[error("{}plan `{plan}` of `{platform}` is sold for at most {cap} users, not {users}: choose a larger plan", at(.path))]
    PlanOverCap {
        path: String,
        platform: String,
        plan: String,
        cap: u32,
        users: u32,
    },
    /// A measure id missing from the catalog.
    #[error("{}unknown measure `{id}`", at(.path))]
    UnknownMeasure { path: String, id: String },
    /// A measure that cannot apply to the option's platform (e.g. a DPA with Signal).
    #[error("{}measure `{measure}` cannot apply to platform `{platform}`: {}", at(.path), .reason.reason())]
    MeasureNotApplicable {
        path: String,
        measure: String,
        platform: String,
        reason: NotApplicable,
    },
    /// An override names a platform field that does not exist.
    #[error("{}unknown platform field `{id}`", at(.path))]
    UnknownPlatformField { path: String, id: String },
    /// A sector id missing from the catalog.
    #[error("{}unknown sector `{id}`", at(.path))]
    UnknownSector { path: String, id: String },
    /// Two entries share an id that must be unique.
    #[error("{}duplicate id `{id}`", at(.path))]
    DuplicateId { path: String, id: String },
    /// Fewer or more options than allowed.
    #[error("{}{count} options given, allowed {min} to {max}", at(.path))]
    OptionCount {
        path: String,
        count: usize,
        min: u64,
        max: u64,
    },
    /// The `format` tag is not the scenario format.
    #[error("{}unsupported format `{found}`, expected `{expected}`", at(.path))]
    UnsupportedFormat {
        path: String,
        found: String,
        expected: String,
    },
    /// A version newer (or older) than this build understands.
    #[error("{}unsupported version {found}; this build reads version {supported}", at(.path))]
    UnsupportedVersion {
        path: String,
        found: String,
        supported: u32,
    },
    /// A result does not fit in the number type (checked arithmetic).
    #[error("{}arithmetic overflow ({message})", at(.path))]
    Overflow { path: String, message: String },
    /// The embedded catalog is inconsistent (caught by tests before shipping).
    #[error("{}invalid catalog: {message}", at(.path))]
    InvalidCatalog { path: String, message: String },
    /// No preset with that name.
    #[error("{}unknown preset `{name}`", at(.path))]
    UnknownPreset { path: String, name: String },
    /// The input exceeds the size limit.
    #[error("{}input is {size} bytes, limit {max}", at(.path))]
    InputTooLarge { path: String, size: usize, max: u64 },
    /// The input bytes are not UTF-8.
    #[error("{}input is not valid UTF-8 (byte {position})", at(.path))]
    NotUtf8 { path: String, position: usize },
}

/// `"path: "`, or nothing for the whole document.
fn at(path: &str) -> String {
    if path.is_empty() {
        String::new()
    } else {
        format!("{path}: ")
    }
}

impl ModelError {
    /// Stable machine code, for translation in the UI and for scripts.
    pub fn code(&self) -> &'static str {
        match self {
            ModelError::InvalidJson { .. } => "invalid_json",
            ModelError::WrongType { .. } => "wrong_type",
            ModelError::MissingField { .. } => "missing_field",
            ModelError::UnknownField { .. } => "unknown_field",
            ModelError::OutOfRange { .. } | ModelError::NotBetween { .. } => "out_of_range",
            ModelError::InvalidChoice { .. } => "invalid_choice",
            ModelError::UnknownPlatform { .. } => "unknown_platform",
            ModelError::UnknownPlan { .. } => "unknown_plan",
            ModelError::PlanOverCap { .. } => "plan_over_cap",
            ModelError::UnknownMeasure { .. } => "unknown_measure",
            ModelError::MeasureNotApplicable { .. } => "measure_not_applicable",
            ModelError::UnknownPlatformField { .. } => "unknown_platform_field",
            ModelError::UnknownSector { .. } => "unknown_sector",
            ModelError::DuplicateId { .. } => "duplicate_id",
            ModelError::OptionCount { .. } => "option_count",
            ModelError::UnsupportedFormat { .. } => "unsupported_format",
            ModelError::UnsupportedVersion { .. } => "unsupported_version",
            ModelError::Overflow { .. } => "arithmetic_overflow",
            ModelError::InvalidCatalog { .. } => "invalid_catalog",
            ModelError::UnknownPreset { .. } => "unknown_preset",
            ModelError::InputTooLarge { .. } => "input_too_large",
            ModelError::NotUtf8 { .. } => "not_utf8",
        }
    }

    /// The field path the error is about (`""` = the whole document).
    pub fn path(&self) -> &str {
        match self {
            ModelError::InvalidJson { path, .. }
            | ModelError::WrongType { path, .. }
            | ModelError::MissingField { path }
            | ModelError::UnknownField { path }
            | ModelError::OutOfRange { path, .. }
            | ModelError::NotBetween { path, .. }
            | ModelError::InvalidChoice { path, .. }
            | ModelError::UnknownPlatform { path, .. }
            | ModelError::UnknownPlan { path, .. }
            | ModelError::PlanOverCap { path, .. }
            | ModelError::UnknownMeasure { path, .. }
            | ModelError::MeasureNotApplicable { path, .. }
            | ModelError::UnknownPlatformField { path, .. }
            | ModelError::UnknownSector { path, .. }
            | ModelError::DuplicateId { path, .. }
            | ModelError::OptionCount { path, .. }
            | ModelError::UnsupportedFormat { path, .. }
            | ModelError::UnsupportedVersion { path, .. }
            | ModelError::Overflow { path, .. }
            | ModelError::InvalidCatalog { path, .. }
            | ModelError::UnknownPreset { path, .. }
            | ModelError::InputTooLarge { path, .. }
            | ModelError::NotUtf8 { path, .. } => path,
        }
    }

    /// Shorthand for an out-of-range error.
    pub fn out_of_range(path: impl Into<String>, message: impl Into<String>) -> Self {
        ModelError::OutOfRange {
            path: path.into(),
            message: message.into(),
        }
    }

    /// Shorthand for a value outside `min`..=`max`.
    pub fn not_between(
        path: impl Into<String>,
        min: impl std::fmt::Display,
        max: impl std::fmt::Display,
    ) -> Self {
        ModelError::NotBetween {
            path: path.into(),
            min: min.to_string(),
            max: max.to_string(),
        }
    }

    /// Shorthand for an overflow error.
    pub fn overflow(path: impl Into<String>, message: impl Into<String>) -> Self {
        ModelError::Overflow {
            path: path.into(),
            message: message.into(),
        }
    }

    /// Shorthand for a catalog consistency error.
    pub fn catalog(path: impl Into<String>, message: impl Into<String>) -> Self {
        ModelError::InvalidCatalog {
            path: path.into(),
            message: message.into(),
        }
    }
}

/// An error about input from outside — a share link, an imported file, stored data: a stable
/// [`code`](InputError::code) for the UI to translate, and the model error underneath when the
/// scenario itself was refused.
pub trait InputError: std::fmt::Display {
    /// Stable machine code, e.g. `share_corrupt`.
    fn code(&self) -> &'static str;
    /// The model's own error, when the scenario was parsed but refused.
    fn model_error(&self) -> Option<&ModelError>;
    /// The scenario field path, when a field was refused.
    fn detail(&self) -> Option<&str> {
        self.model_error()
            .map(ModelError::path)
            .filter(|p| !p.is_empty())
    }
}
