//! Why a measure cannot apply to a platform ([`NotApplicable`]): a leaf, so the error type can
//! name the reason without depending on the measures (and the measures on the error type).
//!
//! ```
//! use collab_risk::model::applicability::NotApplicable;
//! assert_eq!(NotApplicable::NoRetentionControl.code(), "no_retention_control");
//! ```
use serde::Serialize;

/// Why a measure cannot apply to a platform: its stable code is the translation key
/// `measure.not_applicable.<code>` and the evaluator's message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NotApplicable {
    /// No DPA can be signed: the vendor has no business offering.
    NoProcessorAgreement,
    /// The data rests in Macau: no transfer to legitimise.
    DataInMacau,
    /// The GBA standard contract covers only the nine mainland GBA cities.
    NotInMainlandGba,
    /// The platform does not track clock-in locations.
    NoLocationTracking,
    /// The platform does not record meetings.
    NoMeetingRecording,
    /// The platform has no audit log to review.
    NoAuditLog,
    /// The platform (or its plan) has no retention control: nothing can auto-delete.
    NoRetentionControl,
    /// There is no admin console: no administrator roles to restrict.
    NoAdminConsole,
}

impl NotApplicable {
    /// Stable code (translation key suffix).
    pub fn code(self) -> &'static str {
        match self {
            NotApplicable::NoProcessorAgreement => "no_processor_agreement",
            NotApplicable::DataInMacau => "data_in_macau",
            NotApplicable::NotInMainlandGba => "not_in_mainland_gba",
            NotApplicable::NoLocationTracking => "no_location_tracking",
            NotApplicable::NoMeetingRecording => "no_meeting_recording",
            NotApplicable::NoAuditLog => "no_audit_log",
            NotApplicable::NoRetentionControl => "no_retention_control",
            NotApplicable::NoAdminConsole => "no_admin_console",
        }
    }

    /// One English sentence (the evaluator's message; the UI translates [`NotApplicable::code`]).
    pub fn reason(self) -> &'static str {
        match self {
            NotApplicable::NoProcessorAgreement => {
                "no Data Processing Agreement can be signed: the vendor has no business offering"
            }
            NotApplicable::DataInMacau => "the data rests in Macau: no transfer to legitimise",
            NotApplicable::NotInMainlandGba => {
                "the GBA standard contract only covers data resting in the nine mainland GBA cities"
            }
            NotApplicable::NoLocationTracking => "the platform does not track clock-in locations",
            NotApplicable::NoMeetingRecording => "the platform does not record meetings",
            NotApplicable::NoAuditLog => "the platform has no audit log to review",
            NotApplicable::NoRetentionControl => {
                "the platform (in this plan) has no retention control: nothing can auto-delete"
            }
            NotApplicable::NoAdminConsole => {
                "the platform has no admin console: there are no administrator roles to restrict"
            }
        }
    }
}
