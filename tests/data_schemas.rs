//! The data files have JSON Schemas (draft 2020-12): `data/catalog.schema.json`,
//! `locales/locale.schema.json` and `docs/scenario.schema.json`. The Rust types stay the source of
//! truth; these tests check that the schemas mirror them, that the data validates and that invalid
//! documents are rejected where expected. The `jsonschema` crate validates (schemas included, against
//! the draft's meta-schema); no reference leaves the repository. Unlike serde, JSON Schema counts
//! `1.0` as an integer: the parser is the stricter of the two there.
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use collab_risk::model::catalog::{Catalog, DIMENSION_IDS, MEASURE_IDS, SECTOR_IDS};
use collab_risk::model::fields::{FieldKind, CURRENCIES, FIELDS};
use collab_risk::model::presets;
use collab_risk::model::scenario::Scenario;
use serde_json::{json, Value};

// ---------------------------------------------------------------------------------------------
// The validator
// ---------------------------------------------------------------------------------------------

/// A JSON Schema document and its compiled validator.
struct Schema {
    root: Value,
    validator: jsonschema::Validator,
}

/// One problem: where in the document (a JSON pointer), which keyword failed, and the message.
struct Problem {
    path: String,
    keyword: String,
    message: String,
}

impl Schema {
    fn load(relative: &str) -> Schema {
        Schema::new(read_json(&repo_path(relative)), relative)
    }

    /// Compiles `root` as a draft 2020-12 schema; a schema that does not match the draft's
    /// meta-schema fails here.
    fn new(root: Value, what: &str) -> Schema {
        let validator = jsonschema::draft202012::new(&root)
            .unwrap_or_else(|e| panic!("{what} is not a valid draft 2020-12 schema: {e}"));
        Schema { root, validator }
    }

    fn validate(&self, instance: &Value) -> Vec<Problem> {
        self.validator
            .iter_errors(instance)
            .map(|e| Problem {
                path: e.instance_path().to_string(),
                keyword: e.kind().keyword().to_string(),
                message: e.to_string(),
            })
            .collect()
    }
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

fn repo_path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

/// `*.json` files of a directory, schemas (`*.schema.json`) excluded, sorted.
fn data_files(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo_path(dir))
        .unwrap_or_else(|e| panic!("cannot list {dir}: {e}"))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name.ends_with(".json") && !name.ends_with(".schema.json")
        })
        .collect();
    files.sort();
    files
}

fn assert_valid(schema: &Schema, instance: &Value, what: &str) {
    let problems = schema.validate(instance);
    assert!(
        problems.is_empty(),
        "{what} does not match its schema:\n{}",
        describe(&problems)
    );
}

fn describe(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| format!("  {} ({}): {}\n", p.path, p.keyword, p.message))
        .collect()
}

fn catalog_value() -> Value {
    read_json(&repo_path("data/catalog.json"))
}

/// `doc` fails `schema` at `path` (a JSON pointer, `""` for the root) on `keyword`.
fn assert_rejected(schema: &Schema, doc: &Value, path: &str, keyword: &str) {
    let problems = schema.validate(doc);
    assert!(
        problems
            .iter()
            .any(|p| p.path == path && p.keyword == keyword),
        "expected a `{keyword}` error at {path:?}, got:\n{}",
        describe(&problems)
    );
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .expect("an array")
        .iter()
        .map(|s| s.as_str().expect("a string").to_string())
        .collect()
}

fn keys(v: &Value) -> BTreeSet<String> {
    v.as_object().expect("an object").keys().cloned().collect()
}

fn set<S: AsRef<str>>(items: impl IntoIterator<Item = S>) -> BTreeSet<String> {
    items.into_iter().map(|s| s.as_ref().to_string()).collect()
}

// ---------------------------------------------------------------------------------------------
// The data validates
// ---------------------------------------------------------------------------------------------

#[test]
fn catalog_json_matches_catalog_schema() {
    let schema = Schema::load("data/catalog.schema.json");
    assert_valid(&schema, &catalog_value(), "data/catalog.json");
}

#[test]
fn serialized_catalog_matches_catalog_schema() {
    // What the Rust types write must also be valid (decimals as strings, notes omitted when absent).
    let schema = Schema::load("data/catalog.schema.json");
    let written = serde_json::to_value(Catalog::embedded().expect("embedded catalog")).unwrap();
    assert_valid(&schema, &written, "the serialized embedded catalog");
}

#[test]
fn every_locale_matches_locale_schema() {
    let schema = Schema::load("locales/locale.schema.json");
    let files = data_files("locales");
    let names: Vec<_> = files
        .iter()
        .filter_map(|p| p.file_name()?.to_str())
        .collect();
    assert!(names.contains(&"en.json"), "locales found: {names:?}");
    assert!(files.len() >= 3, "locales found: {names:?}");
    for file in &files {
        assert_valid(&schema, &read_json(file), &file.display().to_string());
    }
}

#[test]
fn every_catalog_text_file_matches_its_schema() {
    let schema = Schema::load("locales/catalog/catalog-texts.schema.json");
    let files = data_files("locales/catalog");
    assert_eq!(files.len(), 2, "catalog-text files: {files:?}");
    for file in &files {
        assert_valid(&schema, &read_json(file), &file.display().to_string());
    }
    assert_rejected(
        &schema,
        &json!({"note.x": {"en": "x"}}),
        "/note.x",
        "required",
    );
    assert_rejected(
        &schema,
        &json!({"note.x": {"en": "x", "text": ""}}),
        "/note.x/text",
        "minLength",
    );
}

#[test]
fn every_glossary_matches_its_schema() {
    let schema = Schema::load("locales/glossary/glossary.schema.json");
    let files = data_files("locales/glossary");
    assert_eq!(files.len(), 3, "glossaries: {files:?}");
    for file in &files {
        assert_valid(&schema, &read_json(file), &file.display().to_string());
    }
    assert_rejected(
        &schema,
        &json!({"preferred": {"x": []}, "proper_names": []}),
        "/preferred/x",
        "minItems",
    );
}

#[test]
fn every_preset_matches_scenario_schema() {
    let schema = Schema::load("docs/scenario.schema.json");
    let files = data_files("src/model/presets");
    assert_eq!(files.len(), presets::names().len(), "presets: {files:?}");
    for file in &files {
        assert_valid(&schema, &read_json(file), &file.display().to_string());
    }
    // What the app exports for each preset must also be valid.
    for name in presets::names() {
        let text = presets::load(name).unwrap().to_json_pretty().unwrap();
        let written: Value = serde_json::from_str(&text).unwrap();
        assert_valid(&schema, &written, &format!("exported preset {name}"));
    }
}

// ---------------------------------------------------------------------------------------------
// The schemas mirror the Rust types and constants
// ---------------------------------------------------------------------------------------------

#[test]
fn catalog_schema_mirrors_the_rust_types() {
    let schema = Schema::load("data/catalog.schema.json").root;
    let defs = &schema["$defs"];
    let enum_of = |def: &str| set(strings(&defs[def]["enum"]));
    assert_eq!(enum_of("dimensionId"), set(DIMENSION_IDS));
    assert_eq!(enum_of("measureId"), set(MEASURE_IDS));
    assert_eq!(enum_of("sectorId"), set(SECTOR_IDS));
    assert_eq!(enum_of("fieldId"), set(FIELDS.iter().map(|f| f.id)));

    // Every section of `Catalog` is required and described.
    let catalog = serde_json::to_value(Catalog::embedded().unwrap()).unwrap();
    assert_eq!(keys(&schema["properties"]), keys(&catalog));
    assert_eq!(set(strings(&schema["required"])), keys(&catalog));
    for (name, section) in schema["properties"].as_object().unwrap() {
        let described = section["description"]
            .as_str()
            .is_some_and(|d| !d.is_empty());
        assert!(described, "top-level section {name} has no description");
    }

    // A platform: five plain fields, two sourced facts that are not overridable, its plans, and
    // every FIELDS entry as a Sourced value of the right kind.
    let platform = &defs["platform"];
    let mut expected = set([
        "id",
        "name",
        "vendor",
        "kind",
        "notes",
        "processor_agreement",
        "residual_flows",
        "plans",
    ]);
    expected.extend(FIELDS.iter().map(|f| f.id.to_string()));
    assert_eq!(keys(&platform["properties"]), expected);
    assert_eq!(set(strings(&platform["required"])), expected);
    for meta in FIELDS {
        let field = &platform["properties"][meta.id];
        let by_ref = |def: &str| field["$ref"] == json!(format!("#/$defs/{def}"));
        let choices = |allowed: &[&str]| {
            field["$ref"] == json!("#/$defs/sourced")
                && strings(&field["properties"]["value"]["enum"]) == allowed
        };
        let ok = match meta.kind {
            FieldKind::Decimal => by_ref("sourcedDecimal"),
            FieldKind::Integer => by_ref("sourcedU32"),
            FieldKind::Bool => by_ref("sourcedBool"),
            FieldKind::Text => by_ref("sourcedString"),
            FieldKind::Currency => choices(CURRENCIES),
            FieldKind::Choice(allowed) => choices(allowed),
        };
        assert!(
            ok,
            "platform field {} does not match {:?}",
            meta.id, meta.kind
        );
    }
}

#[test]
fn scenario_schema_mirrors_the_parser_and_the_catalog() {
    let schema = Schema::load("docs/scenario.schema.json").root;
    let catalog = Catalog::embedded().unwrap();
    let defs = &schema["$defs"];
    let props = &schema["properties"];
    assert_eq!(
        set(strings(&defs["platformId"]["enum"])),
        set(catalog.platforms.iter().map(|p| p.id.as_str()))
    );
    assert_eq!(set(strings(&defs["measureId"]["enum"])), set(MEASURE_IDS));
    assert_eq!(
        set(strings(
            &props["organisation"]["properties"]["sector"]["enum"]
        )),
        set(SECTOR_IDS)
    );

    // Overrides: exactly the FIELDS ids, each of its kind.
    let overrides = &defs["overrides"]["properties"];
    assert_eq!(keys(overrides), set(FIELDS.iter().map(|f| f.id)));
    for meta in FIELDS {
        let o = &overrides[meta.id];
        let ok = match meta.kind {
            FieldKind::Decimal => o["$ref"] == json!("#/$defs/nonNegativeDecimal"),
            FieldKind::Integer => o["type"] == json!("integer"),
            FieldKind::Bool => o["type"] == json!("boolean"),
            FieldKind::Text => o["type"] == json!("string"),
            FieldKind::Currency => strings(&o["enum"]) == CURRENCIES,
            FieldKind::Choice(allowed) => strings(&o["enum"]) == allowed,
        };
        assert!(ok, "override {} does not match {:?}", meta.id, meta.kind);
    }

    // The documented limits are the catalog's.
    let l = &catalog.limits;
    let range = |v: &Value, lo: &str, hi: &str| (v[lo].as_u64(), v[hi].as_u64());
    let org = &props["organisation"]["properties"];
    assert_eq!(
        range(&org["users"], "minimum", "maximum"),
        (Some(l.users.min), Some(l.users.max))
    );
    assert_eq!(
        range(&org["data_subjects"], "minimum", "maximum"),
        (Some(l.data_subjects.min), Some(l.data_subjects.max))
    );
    assert_eq!(
        range(&props["horizon_years"], "minimum", "maximum"),
        (Some(l.horizon_years.min), Some(l.horizon_years.max))
    );
    assert_eq!(
        range(
            &props["simulation"]["properties"]["trials"],
            "minimum",
            "maximum"
        ),
        (Some(l.trials.min), Some(l.trials.max))
    );
    assert_eq!(
        range(&props["options"], "minItems", "maxItems"),
        (Some(l.options.min), Some(l.options.max))
    );
    assert_eq!(props["claims"]["maxItems"].as_u64(), Some(l.claims.max));
    assert_eq!(
        range(
            &defs["option"]["properties"]["id"],
            "minLength",
            "maxLength"
        ),
        (Some(l.id_length.min), Some(l.id_length.max))
    );
    assert_eq!(props["name"]["maxLength"].as_u64(), Some(l.text_length.max));
    for id in ["audit_retention_days", "activity_retention_days"] {
        assert_eq!(
            range(&overrides[id], "minimum", "maximum"),
            (Some(l.retention_days.min), Some(l.retention_days.max))
        );
    }
    let days = catalog
        .measure("retention_auto_delete")
        .and_then(|m| m.parameter.clone())
        .expect("retention_auto_delete has a days parameter");
    let selection = &defs["measureSelection"]["oneOf"][1]["properties"]["days"];
    assert_eq!(
        range(selection, "minimum", "maximum"),
        (Some(u64::from(days.min)), Some(u64::from(days.max)))
    );
}

// ---------------------------------------------------------------------------------------------
// The schemas can fail (and the Rust parser agrees)
// ---------------------------------------------------------------------------------------------

/// The catalog schema rejects `doc` at `path` on `keyword`, and so does `Catalog::from_json`.
fn assert_catalog_rejected(doc: &Value, path: &str, keyword: &str) {
    assert_rejected(
        &Schema::load("data/catalog.schema.json"),
        doc,
        path,
        keyword,
    );
    assert!(
        Catalog::from_json(&doc.to_string()).is_err(),
        "Catalog::from_json accepted a document the schema rejects ({path}: {keyword})"
    );
}

#[test]
fn catalog_schema_rejects_an_unknown_platform_key() {
    let mut doc = catalog_value();
    doc["platforms"][0]["colour"] = json!("blue");
    assert_catalog_rejected(&doc, "/platforms/0", "additionalProperties");
}

#[test]
fn catalog_schema_rejects_a_wrong_confidence() {
    let mut doc = catalog_value();
    doc["platforms"][0]["licence_amount"]["confidence"] = json!("certain");
    assert_catalog_rejected(&doc, "/platforms/0/licence_amount/confidence", "enum");
}

#[test]
fn catalog_schema_rejects_a_missing_as_of() {
    let mut doc = catalog_value();
    let removed = doc["platforms"][1]["data_location"]
        .as_object_mut()
        .unwrap()
        .remove("as_of");
    assert!(removed.is_some());
    assert_catalog_rejected(&doc, "/platforms/1/data_location", "required");
}

#[test]
fn catalog_schema_rejects_bad_dates_choices_and_sections() {
    let mut doc = catalog_value();
    doc["measures"][0]["one_off_mop"]["as_of"] = json!("2026-1-01");
    assert_catalog_rejected(&doc, "/measures/0/one_off_mop/as_of", "pattern");

    let mut doc = catalog_value();
    doc["platforms"][0]["data_location"]["value"] = json!("atlantis");
    assert_catalog_rejected(&doc, "/platforms/0/data_location/value", "enum");

    let mut doc = catalog_value();
    doc.as_object_mut().unwrap().remove("roi");
    assert_catalog_rejected(&doc, "", "required");

    // Decimals are strings in the catalog (Rust would read a number; the file format is strings).
    let mut doc = catalog_value();
    doc["platforms"][0]["licence_amount"]["value"] = json!(9800);
    assert_rejected(
        &Schema::load("data/catalog.schema.json"),
        &doc,
        "/platforms/0/licence_amount/value",
        "type",
    );
}

#[test]
fn decimal_and_date_patterns_accept_and_refuse_what_the_parser_does() {
    let schema = Schema::load("data/catalog.schema.json");
    let with = |pointer: &str, value: Value| {
        let mut doc = catalog_value();
        *doc.pointer_mut(pointer).expect("the pointer exists") = value;
        schema.validate(&doc)
    };
    let amount = "/platforms/0/licence_amount/value";
    for ok in ["0", "9800", "8.05", "-50", "0.0001", "1000000000000"] {
        assert!(with(amount, json!(ok)).is_empty(), "{ok}");
    }
    for bad in [
        "", "-", ".5", "5.", "1e3", "+1", " 1", "1,5", "1.2.3", "--1", "١",
    ] {
        assert!(!with(amount, json!(bad)).is_empty(), "{bad:?}");
    }
    let as_of = "/platforms/0/licence_amount/as_of";
    assert!(with(as_of, json!("2026-11-01")).is_empty());
    for bad in [
        "2026-1-01",
        "2026/11/01",
        "2026-11-01T00",
        "20261101",
        "２０２６-11-01",
    ] {
        assert!(!with(as_of, json!(bad)).is_empty(), "{bad:?}");
    }
}

/// An edit that makes a valid document invalid.
type Mutation = fn(&mut Value);

#[test]
fn scenario_schema_rejects_what_the_parser_rejects() {
    let schema = Schema::load("docs/scenario.schema.json");
    let preset: Value = serde_json::from_str(presets::json("bank-200").unwrap()).unwrap();
    let cases: [(&str, &str, Mutation); 7] = [
        ("/options/1/measures/0", "oneOf", |d| {
            d["options"][1]["measures"][0] = json!("prayer")
        }),
        ("/options/1/measures/4", "oneOf", |d| {
            d["options"][1]["measures"][4]["hours"] = json!(3)
        }),
        ("/options/0/overrides", "additionalProperties", |d| {
            d["options"][0]["overrides"]["colour"] = json!("blue")
        }),
        ("/options/0/overrides/licence_amount", "type", |d| {
            d["options"][0]["overrides"]["licence_amount"] = json!(true)
        }),
        ("/fx_to_mop/usd", "pattern", |d| {
            d["fx_to_mop"]["usd"] = json!("8,05")
        }),
        ("/options", "minItems", |d| {
            d["options"].as_array_mut().unwrap().truncate(1)
        }),
        ("/version", "const", |d| d["version"] = json!(2)),
    ];
    for (path, keyword, mutate) in cases {
        let mut doc = preset.clone();
        mutate(&mut doc);
        assert_rejected(&schema, &doc, path, keyword);
        assert!(
            Scenario::from_json(&doc.to_string()).is_err(),
            "Scenario::from_json accepted a document the schema rejects ({path}: {keyword})"
        );
    }
    // Numbers are accepted for decimals, as by the parser.
    let mut doc = preset.clone();
    doc["fx_to_mop"]["usd"] = json!(8.05);
    doc["options"][0]["overrides"]["licence_amount"] = json!(96);
    assert_valid(&schema, &doc, "bank-200 with numeric decimals");
    Scenario::from_json(&doc.to_string()).expect("the parser accepts numeric decimals");
}

#[test]
fn locale_schema_rejects_empty_and_nested_texts() {
    let schema = Schema::load("locales/locale.schema.json");
    assert_rejected(
        &schema,
        &json!({"app.title": ""}),
        "/app.title",
        "minLength",
    );
    assert_rejected(&schema, &json!({"app": {"title": "x"}}), "/app", "type");
    assert_rejected(&schema, &json!(["app.title"]), "", "type");
}

#[test]
fn a_schema_that_breaks_its_meta_schema_is_refused() {
    let broken =
        json!({"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "integr"});
    let refused = std::panic::catch_unwind(|| Schema::new(broken, "a broken schema"));
    assert!(refused.is_err(), "a schema with an unknown type compiled");
}
