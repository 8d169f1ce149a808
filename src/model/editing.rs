//! Edits a person makes to a scenario's options: add, duplicate, remove (with the claims that
//! compare the removed option), change one option, switch its platform, choose a measure. The option cards call these;
//! the rules live here so they are the same everywhere and tested natively.
//!
//! ```
//! use collab_risk::model::{catalog::Catalog, presets};
//! let catalog = Catalog::embedded().unwrap();
//! let mut scenario = presets::load("article-50").unwrap();
//! let first = scenario.options[0].id.clone();
//! let copy = scenario.duplicate_option(&first, "(copy)", &catalog.limits).unwrap();
//! assert_eq!(scenario.option(&copy).unwrap().platform, scenario.options[0].platform);
//! assert!(scenario.remove_option(&copy, &catalog.limits));
//! ```
use super::catalog::{Catalog, Limits, Measure, Platform};
use super::measures::NotApplicable;
use super::scenario::{
    Claim, EffectivePlatform, MeasureSelection, OptionSpec, PlatformOverrides, Scenario,
};

impl Scenario {
    /// Option `id`, if the scenario has it.
    pub fn option(&self, id: &str) -> Option<&OptionSpec> {
        self.options.iter().find(|o| o.id == id)
    }

    /// Applies `f` to option `id`, if the scenario has it; whether it did.
    pub fn edit_option(&mut self, id: &str, f: impl FnOnce(&mut OptionSpec)) -> bool {
        match self.options.iter_mut().find(|o| o.id == id) {
            Some(o) => {
                f(o);
                true
            }
            None => false,
        }
    }

    /// Whether another option fits within `limits.options`.
    pub fn can_add_option(&self, limits: &Limits) -> bool {
        (self.options.len() as u64) < limits.options.max
    }

    /// Whether an option may go without falling below `limits.options`.
    pub fn can_remove_option(&self, limits: &Limits) -> bool {
        (self.options.len() as u64) > limits.options.min
    }

    /// Appends a new option on the catalog's first platform, without overrides or measures,
    /// labelled `label(platform)` (the platform's name in the reader's language). Returns its id,
    /// or `None` when the scenario already has the most options allowed.
    pub fn add_option(
        &mut self,
        catalog: &Catalog,
        label: impl FnOnce(&Platform) -> String,
    ) -> Option<String> {
        if !self.can_add_option(&catalog.limits) {
            return None;
        }
        let id = self.unused_option_id();
        let platform = catalog.platforms.first();
        self.options.push(OptionSpec {
            id: id.clone(),
            label: platform.map(label).unwrap_or_default(),
            platform: platform.map(|p| p.id.clone()).unwrap_or_default(),
            plan: None,
            overrides: PlatformOverrides::default(),
            measures: Vec::new(),
            incumbent: false,
        });
        Some(id)
    }

    /// Inserts a copy of option `id` right after it, under a new id, its label followed by
    /// `suffix` (the original is shortened, not the suffix, to stay within the text limit).
    /// Returns the copy's id, or `None` when `id` is unknown or the scenario is full.
    pub fn duplicate_option(&mut self, id: &str, suffix: &str, limits: &Limits) -> Option<String> {
        if !self.can_add_option(limits) {
            return None;
        }
        let pos = self.options.iter().position(|o| o.id == id)?;
        let mut copy = self.options[pos].clone();
        copy.id = self.unused_option_id();
        // A distinguishable name in the heatmap, legends and matrices.
        let room = (limits.text_length.max as usize).saturating_sub(suffix.chars().count() + 1);
        let base: String = copy.label.chars().take(room).collect();
        copy.label = format!("{base} {suffix}");
        let copy_id = copy.id.clone();
        self.options.insert(pos + 1, copy);
        Some(copy_id)
    }

    /// The claims that compare option `id` with another.
    pub fn claims_comparing<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Claim> + 'a {
        self.claims.iter().filter(move |c| c.compares(id))
    }

    /// Whether removing option `id` would also remove a claim (the UI offers a way back then).
    pub fn removing_drops_claims(&self, id: &str, limits: &Limits) -> bool {
        self.can_remove_option(limits) && self.claims_comparing(id).next().is_some()
    }

    /// Removes option `id` and the claims that compare it (nothing is left to compare them
    /// with), unless that would leave fewer options than `limits.options` allows. Whether an
    /// option was removed.
    pub fn remove_option(&mut self, id: &str, limits: &Limits) -> bool {
        if !self.can_remove_option(limits) || self.option(id).is_none() {
            return false;
        }
        self.options.retain(|o| o.id != id);
        self.claims.retain(|c| !c.compares(id));
        true
    }
}

impl Claim {
    /// Whether the claim compares option `id` (on either side).
    pub fn compares(&self, id: &str) -> bool {
        self.higher_option == id || self.lower_option == id
    }
}

impl OptionSpec {
    /// Switches to platform `id`. The overrides go (they described the old platform's facts); a
    /// label that still names the old platform (`names(old, label)`, in any language) or is empty
    /// follows the new one as `name(new)`; a label the person typed stays. Measures that cannot
    /// apply to the new platform are dropped. "Already in use" is cleared: it said the old
    /// platform was in use, and kept it would waive the new one's migration cost.
    pub fn switch_platform(
        &mut self,
        id: &str,
        catalog: &Catalog,
        names: impl Fn(&Platform, &str) -> bool,
        name: impl FnOnce(&Platform) -> String,
        users: u32,
    ) {
        let names_old = catalog
            .platform(&self.platform)
            .is_some_and(|p| names(p, &self.label));
        if names_old || self.label.trim().is_empty() {
            if let Some(p) = catalog.platform(id) {
                self.label = name(p);
            }
        }
        self.platform = id.to_owned();
        // Plan ids belong to the old platform.
        self.plan = None;
        self.overrides = PlatformOverrides::default();
        self.incumbent = false;
        self.drop_inapplicable_measures(catalog, users);
    }

    /// Prices the option on plan `plan` (`None`: the first plan sold for the headcount) and drops
    /// the measures the plan cannot carry (e.g. auto-delete on a plan without retention
    /// control). Returns the dropped ids.
    ///
    /// ```
    /// use collab_risk::model::{catalog::Catalog, presets};
    /// let catalog = Catalog::embedded().unwrap();
    /// let mut o = presets::load("bank-200").unwrap().options[0].clone();
    /// o.switch_platform("google_workspace", catalog, |_, _| true, |p| p.name.clone(), 20);
    /// o.set_plan(Some("business_plus".into()), catalog, 20);
    /// let auto_delete = catalog.measure("retention_auto_delete").unwrap();
    /// o.choose_measure(auto_delete, true, catalog);
    /// assert!(o.has_measure("retention_auto_delete"));
    /// assert_eq!(o.set_plan(Some("business_starter".into()), catalog, 20), vec!["retention_auto_delete"]);
    /// ```
    pub fn set_plan(&mut self, plan: Option<String>, catalog: &Catalog, users: u32) -> Vec<String> {
        self.plan = plan;
        self.drop_inapplicable_measures(catalog, users)
    }

    /// The option's platform with its overrides applied; `None` while they are invalid.
    pub fn effective_platform(&self, catalog: &Catalog, users: u32) -> Option<EffectivePlatform> {
        let platform = catalog.platform(&self.platform)?;
        let plan = platform
            .choose_plan(self.plan.as_deref(), users, "")
            .ok()?
            .plan();
        EffectivePlatform::new(platform, plan, &self.overrides, catalog, "").ok()
    }

    /// Why `measure` cannot apply to this option's platform as it now is, if it cannot.
    pub fn measure_blocked(
        &self,
        measure: &Measure,
        catalog: &Catalog,
        users: u32,
    ) -> Option<NotApplicable> {
        self.effective_platform(catalog, users)?
            .applicability(measure)
            .err()
    }

    /// Drops the chosen measures that cannot apply to the platform as it now is (after a platform
    /// switch or a changed fact: the evaluation refuses them). Returns the dropped ids.
    ///
    /// ```
    /// use collab_risk::model::{catalog::Catalog, fields::FieldValue, presets};
    /// let catalog = Catalog::embedded().unwrap();
    /// let mut option = presets::load("bank-200").unwrap().options[1].clone();
    /// option.overrides.set("location_tracking", FieldValue::Bool(false)).unwrap();
    /// assert_eq!(option.drop_inapplicable_measures(catalog, 200), vec!["location_tracking_off"]);
    /// assert!(!option.has_measure("location_tracking_off"));
    /// ```
    pub fn drop_inapplicable_measures(&mut self, catalog: &Catalog, users: u32) -> Vec<String> {
        let Some(platform) = self.effective_platform(catalog, users) else {
            return Vec::new();
        };
        let mut dropped = Vec::new();
        self.measures.retain(|m| {
            let keep = catalog
                .measure(&m.id)
                .is_none_or(|measure| platform.applicability(measure).is_ok());
            if !keep {
                dropped.push(m.id.clone());
            }
            keep
        });
        dropped
    }

    /// Whether measure `id` is chosen.
    pub fn has_measure(&self, id: &str) -> bool {
        self.measures.iter().any(|m| m.id == id)
    }

    /// Chooses (`on`) or drops `measure`. Choosing one of a group of alternatives (the transfer
    /// bases) replaces the others: only the strongest would count, yet each would be paid for.
    /// A measure with a parameter starts at its default.
    pub fn choose_measure(&mut self, measure: &Measure, on: bool, catalog: &Catalog) {
        self.measures.retain(|m| m.id != measure.id);
        if !on {
            return;
        }
        if let Some(group) = &measure.exclusive_group {
            self.measures.retain(|m| {
                catalog
                    .measure(&m.id)
                    .and_then(|c| c.exclusive_group.as_ref())
                    != Some(group)
            });
        }
        let mut selection = MeasureSelection::new(measure.id.clone());
        selection.days = measure.parameter.as_ref().map(|p| p.default);
        self.measures.push(selection);
    }

    /// Sets the days of chosen measure `id` (retention); nothing if it is not chosen.
    pub fn set_measure_days(&mut self, id: &str, days: Option<u32>) {
        if let Some(m) = self.measures.iter_mut().find(|m| m.id == id) {
            m.days = days;
        }
    }

    /// The days of chosen measure `id`, if it is chosen and has them.
    pub fn measure_days(&self, id: &str) -> Option<u32> {
        self.measures
            .iter()
            .find(|m| m.id == id)
            .and_then(|m| m.days)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::presets;

    fn catalog() -> &'static Catalog {
        Catalog::embedded().unwrap()
    }

    /// A preset with a claim comparing its first two options.
    fn with_claim() -> Scenario {
        let s = presets::load("article-50").unwrap();
        assert!(
            !s.claims.is_empty(),
            "article-50 carries the article's claim"
        );
        s
    }

    #[test]
    fn add_option_uses_the_first_platform_and_a_fresh_id_up_to_the_limit() {
        let c = catalog();
        let mut s = with_claim();
        let max = c.limits.options.max as usize;
        while s.options.len() < max {
            let before = s.options.len();
            let id = s.add_option(c, |p| format!("name of {}", p.id)).unwrap();
            assert_eq!(s.options.len(), before + 1);
            let added = s.option(&id).unwrap();
            assert_eq!(added.platform, c.platforms[0].id);
            assert_eq!(added.label, format!("name of {}", c.platforms[0].id));
            assert!(added.overrides.is_empty() && added.measures.is_empty());
            assert_eq!(s.options.iter().filter(|o| o.id == id).count(), 1);
        }
        assert_eq!(s.add_option(c, |_| String::new()), None);
        assert_eq!(s.options.len(), max);
        s.validate(c).unwrap();
    }

    #[test]
    fn duplicate_option_inserts_a_suffixed_copy_after_the_original() {
        let c = catalog();
        let mut s = with_claim();
        let first = s.options[0].clone();
        let id = s.duplicate_option(&first.id, "(copy)", &c.limits).unwrap();
        assert_eq!(s.options[1].id, id);
        assert_ne!(id, first.id);
        assert_eq!(s.options[1].label, format!("{} (copy)", first.label));
        assert_eq!(s.options[1].platform, first.platform);
        assert_eq!(s.options[1].overrides, first.overrides);
        assert_eq!(s.options[1].measures, first.measures);
        assert_eq!(
            s.duplicate_option("no-such-option", "(copy)", &c.limits),
            None
        );
        s.validate(c).unwrap();
    }

    #[test]
    fn a_duplicated_long_label_stays_within_the_text_limit_and_keeps_the_suffix() {
        let c = catalog();
        let mut s = with_claim();
        let max = c.limits.text_length.max as usize;
        s.options[0].label = "名".repeat(max);
        let id = s.options[0].id.clone();
        let copy = s.duplicate_option(&id, "（副本）", &c.limits).unwrap();
        let label = &s.option(&copy).unwrap().label;
        assert_eq!(label.chars().count(), max);
        assert!(label.ends_with(" （副本）"));
        s.validate(c).unwrap();
    }

    #[test]
    fn duplicate_stops_at_the_limit() {
        let c = catalog();
        let mut s = with_claim();
        let id = s.options[0].id.clone();
        while s.duplicate_option(&id, "x", &c.limits).is_some() {}
        assert_eq!(s.options.len() as u64, c.limits.options.max);
    }

    #[test]
    fn removing_a_compared_option_takes_its_claims_with_it() {
        let c = catalog();
        let mut s = with_claim();
        let compared = s.claims[0].higher_option.clone();
        // At the minimum nothing goes, claims included.
        assert_eq!(s.options.len() as u64, c.limits.options.min);
        assert!(!s.removing_drops_claims(&compared, &c.limits));
        assert!(!s.remove_option(&compared, &c.limits));
        assert!(!s.claims.is_empty());
        // Above it, the option goes and so does every claim comparing it.
        s.add_option(c, |p| p.name.clone()).unwrap();
        assert!(s.removing_drops_claims(&compared, &c.limits));
        assert!(s.remove_option(&compared, &c.limits));
        assert!(s.option(&compared).is_none());
        assert_eq!(s.claims_comparing(&compared).count(), 0);
        assert!(s.claims.is_empty());
        s.validate(c).unwrap();
    }

    #[test]
    fn removing_an_uncompared_option_keeps_the_claims() {
        let c = catalog();
        let mut s = with_claim();
        let extra = s.add_option(c, |p| p.name.clone()).unwrap();
        assert!(!s.removing_drops_claims(&extra, &c.limits));
        let claims = s.claims.clone();
        assert!(s.remove_option(&extra, &c.limits));
        assert_eq!(s.claims, claims);
        assert!(!s.remove_option("no-such-option", &c.limits));
    }

    #[test]
    fn edit_option_changes_only_the_named_option() {
        let mut s = with_claim();
        let before = s.clone();
        let id = s.options[1].id.clone();
        assert!(s.edit_option(&id, |o| o.label = "changed".into()));
        assert_eq!(s.options[1].label, "changed");
        assert_eq!(s.options[0], before.options[0]);
        assert!(!s.edit_option("no-such-option", |o| o.label = "x".into()));
    }

    #[test]
    fn switching_platform_drops_the_overrides_and_renames_only_a_platform_label() {
        use crate::model::fields::FieldValue;
        let c = catalog();
        let (a, b) = (&c.platforms[0], &c.platforms[1]);
        let names =
            |p: &Platform, label: &str| label == p.name || label == format!("{} (zh)", p.name);
        let mut o = with_claim().options[0].clone();
        for (label, follows) in [
            (a.name.clone(), true),
            (format!("{} (zh)", a.name), true),
            ("   ".to_owned(), true),
            ("Our own name".to_owned(), false),
        ] {
            o.platform = a.id.clone();
            o.label = label.clone();
            o.incumbent = true;
            o.overrides
                .set("licence_amount", FieldValue::Decimal(1.into()))
                .unwrap();
            o.switch_platform(&b.id, c, names, |p| format!("new {}", p.id), 200);
            assert_eq!(o.platform, b.id);
            assert!(o.overrides.is_empty(), "the old platform's facts go");
            assert!(!o.incumbent, "the new platform is not in use yet");
            let expected = if follows {
                format!("new {}", b.id)
            } else {
                label
            };
            assert_eq!(o.label, expected);
        }
    }

    #[test]
    fn choosing_an_alternative_replaces_the_others_of_its_group() {
        let c = catalog();
        let grouped: Vec<&Measure> = c
            .measures
            .iter()
            .filter(|m| m.exclusive_group.is_some())
            .collect();
        let (a, b) = grouped
            .iter()
            .flat_map(|a| grouped.iter().map(move |b| (*a, *b)))
            .find(|(a, b)| a.id != b.id && a.exclusive_group == b.exclusive_group)
            .expect("the catalog has a group of alternatives");
        let other = c
            .measures
            .iter()
            .find(|m| m.exclusive_group.is_none())
            .unwrap();
        let mut o = with_claim().options[0].clone();
        o.measures.clear();
        o.choose_measure(other, true, c);
        o.choose_measure(a, true, c);
        o.choose_measure(b, true, c);
        assert!(o.has_measure(&b.id) && !o.has_measure(&a.id) && o.has_measure(&other.id));
        // Choosing twice keeps one selection; dropping removes it.
        o.choose_measure(b, true, c);
        assert_eq!(o.measures.iter().filter(|m| m.id == b.id).count(), 1);
        o.choose_measure(b, false, c);
        assert!(!o.has_measure(&b.id) && o.has_measure(&other.id));
    }

    #[test]
    fn a_parameterised_measure_starts_at_its_default_days() {
        let c = catalog();
        let m = c
            .measures
            .iter()
            .find(|m| m.parameter.is_some())
            .expect("retention has a parameter");
        let p = m.parameter.as_ref().unwrap();
        let mut o = with_claim().options[0].clone();
        o.measures.clear();
        o.set_measure_days(&m.id, Some(p.max));
        assert_eq!(o.measure_days(&m.id), None, "not chosen: nothing to set");
        o.choose_measure(m, true, c);
        assert_eq!(o.measure_days(&m.id), Some(p.default));
        o.set_measure_days(&m.id, Some(p.max));
        assert_eq!(o.measure_days(&m.id), Some(p.max));
    }
}
