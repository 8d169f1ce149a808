//! Catalog validation: every default is sourced, factors in range, presets valid.
use collab_risk::model::catalog::{Catalog, Confidence, DIMENSION_IDS, MEASURE_IDS, SECTOR_IDS};
use collab_risk::model::fields::{FieldKind, FIELDS};
use collab_risk::model::presets;
use collab_risk::model::report::evaluate_deterministic;

#[test]
fn embedded_catalog_parses_and_validates() {
    let c = Catalog::embedded().unwrap();
    c.validate().unwrap();
    assert!(c.platforms.len() >= 11);
    for id in [
        "dingtalk_mainland",
        "dingtalk_international",
        "signal",
        "element_selfhosted_macau",
        "element_hosted",
        "m365_business_basic",
        "wecom",
        "lark",
        "slack_pro",
        "mattermost_selfhosted",
        "custom",
    ] {
        assert!(c.platform(id).is_some(), "missing platform {id}");
    }
    assert_eq!(
        c.dimensions
            .iter()
            .map(|d| d.id.as_str())
            .collect::<Vec<_>>(),
        DIMENSION_IDS
    );
    for id in MEASURE_IDS {
        assert!(c.measure(id).is_some());
    }
    for id in SECTOR_IDS {
        assert!(c.sector(id).is_some());
    }
}

#[test]
fn every_platform_field_is_sourced() {
    let c = Catalog::embedded().unwrap();
    for p in &c.platforms {
        for meta in FIELDS {
            let f = p
                .field(meta.id)
                .unwrap_or_else(|| panic!("{}.{}", p.id, meta.id));
            assert!(!f.source.is_empty(), "{}.{} source", p.id, meta.id);
            assert_eq!(f.as_of.len(), 10, "{}.{} as_of", p.id, meta.id);
            assert!(
                f.source == "estimate"
                    || f.source.starts_with("http")
                    || f.source.starts_with("/work/shared"),
                "{}.{}: {}",
                p.id,
                meta.id,
                f.source
            );
            if f.confidence == Confidence::Estimate {
                assert!(
                    f.note.unwrap_or("").contains("estimate"),
                    "{}.{} estimate note",
                    p.id,
                    meta.id
                );
            }
        }
    }
}

#[test]
fn unknown_prices_are_estimates() {
    let c = Catalog::embedded().unwrap();
    for id in [
        "dingtalk_mainland",
        "dingtalk_international",
        "element_hosted",
        "custom",
    ] {
        let p = c.platform(id).unwrap();
        assert_eq!(p.licence_amount.confidence, Confidence::Estimate, "{id}");
        assert!(
            p.licence_amount
                .note
                .as_deref()
                .unwrap()
                .contains("enter your own quote"),
            "{id}"
        );
    }
    // Confirmed facts from sources.md.
    let m365 = c.platform("m365_business_basic").unwrap();
    assert_eq!(m365.licence_amount.value.to_string(), "84");
    assert_eq!(m365.audit_retention_days.value, 180);
    assert_eq!(
        c.platform("element_selfhosted_macau")
            .unwrap()
            .data_location
            .value,
        "macau"
    );
    assert_eq!(
        c.platform("dingtalk_mainland").unwrap().data_location.value,
        "mainland_other"
    );
}

#[test]
fn measure_factors_never_exceed_one() {
    let c = Catalog::embedded().unwrap();
    for m in &c.measures {
        for e in &m.effects {
            assert!(e.rate_factor > 0.0 && e.rate_factor <= 1.0, "{}", m.id);
            assert!(
                e.magnitude_factor > 0.0 && e.magnitude_factor <= 1.0,
                "{}",
                m.id
            );
        }
        assert!(!m.one_off_mop.source.is_empty());
    }
    assert!(c
        .measure("retention_auto_delete")
        .unwrap()
        .parameter
        .is_some());
}

#[test]
fn every_numeric_field_has_bounds_and_only_numeric_fields_do() {
    // Limits::bounds is the one mapping from a field's range to its limits: the model's checks and
    // the UI's inputs both read it, so a numeric field without one would have no limit anywhere.
    let limits = &Catalog::embedded().unwrap().limits;
    for meta in FIELDS {
        let numeric = matches!(meta.kind, FieldKind::Decimal | FieldKind::Integer);
        let bounds = limits.bounds(meta.range);
        assert_eq!(bounds.is_some(), numeric, "{}", meta.id);
        if let Some(b) = bounds {
            assert!(b.min <= b.max, "{}", meta.id);
        }
    }
}

#[test]
fn factors_are_positive_and_sourced() {
    let c = Catalog::embedded().unwrap();
    for d in &c.dimensions {
        assert!(d.base_annual_rate.value >= 0.0);
        assert!(!d.base_annual_rate.source.is_empty());
        for f in &d.factors {
            assert!(!f.rationale.is_empty() && !f.source.is_empty());
        }
    }
    for s in &c.sectors {
        assert!(s.rate_factor > 0.0 && s.magnitude_factor > 0.0 && !s.rationale.is_empty());
    }
}

#[test]
fn catalog_does_not_repeat_the_articles_wrong_claims() {
    let text = collab_risk::model::catalog::CATALOG_JSON;
    assert!(!text.contains("Article 6 governs"));
    assert!(!text.contains("Signal Business"));
    assert!(text.contains("Arts 19–20"));
}

#[test]
fn all_presets_validate_and_evaluate() {
    let c = Catalog::embedded().unwrap();
    assert_eq!(presets::names().len(), 5);
    for name in presets::names() {
        let s = presets::load(name).unwrap();
        s.validate(c).unwrap();
        let r = evaluate_deterministic(&s, c).unwrap();
        assert_eq!(r.options.len(), s.options.len());
    }
    assert_eq!(presets::load("nope").unwrap_err().code(), "unknown_preset");
    assert_eq!(
        presets::default_scenario().unwrap().name,
        presets::load("article-50").unwrap().name
    );
}

#[test]
fn broken_catalogs_are_refused() {
    let text = collab_risk::model::catalog::CATALOG_JSON;
    let raised = text.replacen("\"rate_factor\": 0.9", "\"rate_factor\": 1.5", 1);
    assert_ne!(raised, text);
    assert_eq!(
        Catalog::from_json(&raised).unwrap_err().code(),
        "invalid_catalog"
    );
    assert_eq!(
        Catalog::from_json("{").unwrap_err().code(),
        "invalid_catalog"
    );
}

/// The browser reads `data/catalog.postcard`; it must hold exactly the validated JSON catalog.
/// `make data` (COLLAB_RISK_UPDATE_DATA=1) rewrites it after the JSON is edited.
#[test]
fn postcard_catalog_matches_the_json() {
    use collab_risk::model::catalog::{Catalog, CATALOG_JSON, CATALOG_POSTCARD};
    let from_json = Catalog::from_json(CATALOG_JSON).expect("catalog.json validates");
    let bytes = from_json.to_postcard().expect("catalog serialises");
    if std::env::var_os("COLLAB_RISK_UPDATE_DATA").is_some() {
        std::fs::write(
            concat!(env!("CARGO_MANIFEST_DIR"), "/data/catalog.postcard"),
            &bytes,
        )
        .expect("write data/catalog.postcard");
        return;
    }
    assert!(
        bytes == CATALOG_POSTCARD,
        "data/catalog.postcard is out of date with data/catalog.json: run `make data`"
    );
    let decoded = Catalog::from_postcard(CATALOG_POSTCARD).expect("postcard catalog decodes");
    assert_eq!(decoded, from_json);
    // Truncated or foreign bytes are an error, not a panic.
    assert!(Catalog::from_postcard(&CATALOG_POSTCARD[..CATALOG_POSTCARD.len() / 2]).is_err());
    assert!(Catalog::from_postcard(b"{\"format\":1}").is_err());
}

/// The catalog's modules point one way (issue 17): no `use` path among them leads back to where
/// it started. Edges are read from the sources (`super::name` and `super::super::name`).
#[test]
fn catalog_modules_point_one_way() {
    use std::collections::{BTreeMap, BTreeSet};
    let files = [
        ("catalog", "src/model/catalog.rs"),
        ("catalog_validation", "src/model/catalog_validation.rs"),
        ("catalog_text", "src/model/catalog_text.rs"),
        ("measures", "src/model/measures.rs"),
        ("error", "src/model/error.rs"),
        ("fields", "src/model/fields.rs"),
        ("sourced", "src/model/sourced.rs"),
        ("applicability", "src/model/applicability.rs"),
        ("spec", "src/model/decision/spec.rs"),
        ("input", "src/model/input.rs"),
    ];
    let names: BTreeSet<&str> = files.iter().map(|(n, _)| *n).collect();
    let mut edges: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for (name, path) in files {
        let text = std::fs::read_to_string(path).unwrap();
        // Doc comments and doctests are not dependencies.
        let code: String = text
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        let mut to = BTreeSet::new();
        for part in code.split("super::").skip(1) {
            let target: String = part
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            let target = match target.as_str() {
                "decision" if part.starts_with("decision::spec") => "spec".to_owned(),
                t => t.to_owned(),
            };
            if names.contains(target.as_str()) && target != name {
                to.insert(target);
            }
        }
        edges.insert(name, to);
    }
    // Depth-first search for a cycle.
    fn visit<'a>(
        n: &'a str,
        edges: &'a BTreeMap<&'a str, BTreeSet<String>>,
        stack: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
    ) -> Option<Vec<String>> {
        if let Some(i) = stack.iter().position(|s| *s == n) {
            return Some(
                stack[i..]
                    .iter()
                    .map(|s| s.to_string())
                    .chain([n.to_string()])
                    .collect(),
            );
        }
        if done.contains(n) {
            return None;
        }
        stack.push(n);
        for m in edges.get(n).into_iter().flatten() {
            let key = edges.keys().find(|k| **k == m.as_str()).copied()?;
            if let Some(c) = visit(key, edges, stack, done) {
                return Some(c);
            }
        }
        stack.pop();
        done.insert(n);
        None
    }
    let mut done = BTreeSet::new();
    for n in edges.keys() {
        let cycle = visit(n, &edges, &mut Vec::new(), &mut done);
        assert!(
            cycle.is_none(),
            "modules in a circle: {}",
            cycle.unwrap().join(" → ")
        );
    }
}
