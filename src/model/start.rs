//! The first questions a new reader answers (issue 19): how many staff, the sector, what they use
//! today, whose data goes through it, and which platforms to consider. [`StartAnswers::scenario`]
//! turns them into a scenario: today's platform as it is (already in use), the same platform with
//! its best configuration, and each alternative with its best configuration.
//!
//! ```
//! use collab_risk::model::{catalog::Catalog, start::{StartAnswers, Today}};
//! let catalog = Catalog::embedded().unwrap();
//! let answers = StartAnswers::new(30, "healthcare", Today::StaffChatGroups, 8_000, catalog);
//! let s = answers.scenario(catalog, |p| p.name.clone(), "Today", "best configuration").unwrap();
//! assert!(s.options[0].incumbent && s.options[0].platform == "staff_chat_groups");
//! assert!(s.options.len() >= 3);
//! ```
use super::catalog::{Catalog, Platform};
use super::decision::best_configuration;
use super::error::ModelError;
use super::scenario::{OptionSpec, PlatformOverrides, Scenario};

/// What the firm uses today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Today {
    DingTalkInternational,
    DingTalkMainland,
    StaffChatGroups,
    Teams,
    GoogleWorkspace,
    Slack,
    Nothing,
}

impl Today {
    /// Every answer, in the order the question lists them.
    pub const ALL: [Today; 7] = [
        Today::DingTalkInternational,
        Today::DingTalkMainland,
        Today::StaffChatGroups,
        Today::Teams,
        Today::GoogleWorkspace,
        Today::Slack,
        Today::Nothing,
    ];

    /// The answer's stable id (form value and translation key `start.today.<id>`).
    pub fn id(self) -> &'static str {
        match self {
            Today::DingTalkInternational => "dingtalk_international",
            Today::DingTalkMainland => "dingtalk_mainland",
            Today::StaffChatGroups => "staff_chat_groups",
            Today::Teams => "teams",
            Today::GoogleWorkspace => "google_workspace",
            Today::Slack => "slack",
            Today::Nothing => "nothing",
        }
    }

    /// The answer with id `id`.
    pub fn from_id(id: &str) -> Option<Today> {
        Today::ALL.into_iter().find(|t| t.id() == id)
    }

    /// The catalog platform it is (`None`: nothing yet).
    pub fn platform(self) -> Option<&'static str> {
        match self {
            Today::DingTalkInternational => Some("dingtalk_international"),
            Today::DingTalkMainland => Some("dingtalk_mainland"),
            Today::StaffChatGroups => Some("staff_chat_groups"),
            Today::Teams => Some("m365_business_basic"),
            Today::GoogleWorkspace => Some("google_workspace"),
            Today::Slack => Some("slack_pro"),
            Today::Nothing => None,
        }
    }
}

/// The alternatives preselected for a sector: what a firm of that kind would really look at.
/// Our choice, stated in docs/methodology.md §1.2; the reader changes it in the question.
pub fn suggested_platforms(sector: &str) -> &'static [&'static str] {
    match sector {
        "finance" | "gaming" | "telecoms" => &[
            "m365_business_basic",
            "element_selfhosted_macau",
            "dingtalk_dedicated",
        ],
        "healthcare" => &["m365_business_basic", "element_selfhosted_macau", "signal"],
        "education" => &["google_workspace", "m365_business_basic", "lark"],
        "public" => &[
            "element_selfhosted_macau",
            "mattermost_selfhosted",
            "m365_business_basic",
        ],
        _ => &["m365_business_basic", "google_workspace", "lark"],
    }
}

/// The platforms the question offers as alternatives (the catalog's, less the blank one).
pub fn offered_platforms(catalog: &Catalog) -> impl Iterator<Item = &Platform> {
    catalog.platforms.iter().filter(|p| p.id != "custom")
}

/// The reader's answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StartAnswers {
    pub users: u32,
    pub sector: String,
    pub today: Today,
    /// Client, patient or student records besides staff (0: staff data only).
    pub client_records: u64,
    /// Alternatives to compare (catalog platform ids).
    pub consider: Vec<String>,
}

impl StartAnswers {
    /// Answers with the sector's suggested alternatives.
    pub fn new(
        users: u32,
        sector: &str,
        today: Today,
        client_records: u64,
        catalog: &Catalog,
    ) -> StartAnswers {
        let consider = suggested_platforms(sector)
            .iter()
            .filter(|id| catalog.platform(id).is_some())
            .map(|id| (*id).to_owned())
            .collect();
        StartAnswers {
            users,
            sector: sector.to_owned(),
            today,
            client_records,
            consider,
        }
    }

    /// The comparison the answers ask for: today's platform as it is (already in use, no
    /// migration), the same platform with its best configuration, then each alternative (not
    /// today's platform again) with its best configuration, up to the catalog's option limit.
    /// `name` names a platform in the reader's language; `as_today` and `best` label the first
    /// two options ("{platform} — today", "{platform} — best configuration").
    pub fn scenario(
        &self,
        catalog: &Catalog,
        name: impl Fn(&Platform) -> String,
        as_today: &str,
        best: &str,
    ) -> Result<Scenario, ModelError> {
        let max = usize::try_from(catalog.limits.options.max).unwrap_or(6);
        let option = |id: String, platform: &Platform, label: String, incumbent: bool| OptionSpec {
            id,
            label,
            platform: platform.id.clone(),
            plan: None,
            overrides: PlatformOverrides::new(),
            measures: Vec::new(),
            incumbent,
        };
        let mut options = Vec::new();
        let today = self.today.platform().and_then(|id| catalog.platform(id));
        if let Some(p) = today {
            options.push(option(
                "today".into(),
                p,
                format!("{} — {as_today}", name(p)),
                true,
            ));
            options.push(option(
                "today-best".into(),
                p,
                format!("{} — {best}", name(p)),
                true,
            ));
        }
        for id in &self.consider {
            if options.len() >= max {
                break;
            }
            let Some(p) = catalog.platform(id) else {
                return Err(ModelError::UnknownPlatform {
                    path: "start.consider".into(),
                    id: id.clone(),
                });
            };
            if today.is_some_and(|t| t.id == p.id) || options.iter().any(|o| o.id == p.id) {
                continue;
            }
            options.push(option(p.id.clone(), p, name(p), false));
        }
        // A comparison needs two options: with nothing today and one alternative, add the first
        // suggested platform that is not there yet.
        for id in suggested_platforms(&self.sector) {
            if options.len() >= 2 {
                break;
            }
            if let Some(p) = catalog.platform(id) {
                if options.iter().all(|o| o.platform != p.id) {
                    options.push(option(p.id.clone(), p, name(p), false));
                }
            }
        }
        let organisation = super::scenario::Organisation {
            users: self.users,
            data_subjects: self.client_records,
            sector: self.sector.clone(),
        };
        let mut scenario = Scenario::with_defaults(catalog, "", organisation, options);
        scenario.validate(catalog)?;
        // Every option but today's as it is gets its best configuration (plan and measures).
        for i in 0..scenario.options.len() {
            if scenario.options[i].id == "today" {
                continue;
            }
            let found = best_configuration(&scenario, catalog, i)?;
            let o = &mut scenario.options[i];
            if found.plan.is_some() {
                o.plan = found.plan;
            }
            o.measures = found.measures;
        }
        scenario.validate(catalog)?;
        Ok(scenario)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> &'static Catalog {
        Catalog::embedded().expect("catalog")
    }

    #[test]
    fn todays_platform_comes_first_in_use_then_its_best_configuration() {
        let c = catalog();
        let a = StartAnswers::new(200, "finance", Today::DingTalkInternational, 20_000, c);
        let s = a
            .scenario(c, |p| p.name.clone(), "today", "best")
            .expect("valid");
        assert_eq!(s.options[0].platform, "dingtalk_international");
        assert!(s.options[0].incumbent && s.options[0].measures.is_empty());
        assert_eq!(s.options[1].platform, "dingtalk_international");
        assert!(s.options[1].incumbent);
        assert!(s.options.len() <= 6 && s.options.len() >= 4);
        assert_eq!(s.organisation.data_subjects, 20_000);
        // The best configuration of today's platform is never worse than today as it is.
        let r = crate::model::report::evaluate_deterministic(&s, c).expect("evaluates");
        assert!(
            crate::model::decision::expected_total(&r.options[1])
                <= crate::model::decision::expected_total(&r.options[0])
        );
    }

    #[test]
    fn nothing_today_still_compares_two_options() {
        let c = catalog();
        let mut a = StartAnswers::new(10, "general", Today::Nothing, 0, c);
        a.consider = vec!["signal".into()];
        let s = a
            .scenario(c, |p| p.name.clone(), "today", "best")
            .expect("valid");
        assert_eq!(s.options.len(), 2);
        assert!(s.options.iter().all(|o| !o.incumbent));
    }

    #[test]
    fn an_unknown_platform_is_refused() {
        let c = catalog();
        let mut a = StartAnswers::new(10, "general", Today::Nothing, 0, c);
        a.consider = vec!["nope".into()];
        let e = a
            .scenario(c, |p| p.name.clone(), "today", "best")
            .unwrap_err();
        assert_eq!(e.code(), "unknown_platform");
    }

    #[test]
    fn every_answer_round_trips_and_names_a_catalog_platform() {
        for t in Today::ALL {
            assert_eq!(Today::from_id(t.id()), Some(t));
            if let Some(p) = t.platform() {
                assert!(catalog().platform(p).is_some(), "{p}");
            }
        }
        for sector in crate::model::catalog::SECTOR_IDS {
            for id in suggested_platforms(sector) {
                assert!(catalog().platform(id).is_some(), "{sector}: {id}");
            }
        }
    }
}
