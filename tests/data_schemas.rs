//! The data files have JSON Schemas (draft 2020-12): `data/catalog.schema.json`,
//! `locales/locale.schema.json` and `docs/scenario.schema.json`. The Rust types stay the source of
//! truth; these tests check that the schemas mirror them and that the data validates.
//!
//! No schema crate is a dependency, so a small validator lives here. It supports only the keywords
//! the three schemas use and panics on any other keyword, `$ref` or `pattern`, so a schema cannot
//! silently rely on something that is not checked. Like serde, `integer` means a JSON number
//! written without a fraction or exponent (`1.0` is not an integer here).
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

/// Decimal strings (`"9800"`, `"8.05"`, `"-50"`).
const DECIMAL_PATTERN: &str = r"^-?[0-9]+(\.[0-9]+)?$";
/// Dates (`"2026-11-01"`).
const DATE_PATTERN: &str = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$";

/// Keywords that only annotate (never make a document invalid).
const ANNOTATIONS: &[&str] = &[
    "$schema",
    "$id",
    "$comment",
    "$defs",
    "title",
    "description",
];

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// The patterns the schemas use, implemented by hand (no `regex` dependency), keyed by their text.
fn pattern_matches(pattern: &str, s: &str) -> bool {
    match pattern {
        DECIMAL_PATTERN => {
            let body = s.strip_prefix('-').unwrap_or(s);
            match body.split_once('.') {
                Some((int, frac)) => all_digits(int) && all_digits(frac),
                None => all_digits(body),
            }
        }
        DATE_PATTERN => {
            let b = s.as_bytes();
            b.len() == 10
                && b.iter().enumerate().all(|(i, c)| {
                    if i == 4 || i == 7 {
                        *c == b'-'
                    } else {
                        c.is_ascii_digit()
                    }
                })
        }
        other => panic!("unsupported pattern {other:?}: implement it in pattern_matches"),
    }
}

/// JSON equality with numbers compared by value (`1` equals `1.0`), as JSON Schema requires.
fn json_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| json_eq(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| json_eq(v, w)))
        }
        _ => a == b,
    }
}

fn type_matches(name: &str, v: &Value) -> bool {
    match name {
        "null" => v.is_null(),
        "boolean" => v.is_boolean(),
        "object" => v.is_object(),
        "array" => v.is_array(),
        "string" => v.is_string(),
        "number" => v.is_number(),
        "integer" => v.is_i64() || v.is_u64(),
        other => panic!("unknown type {other:?}"),
    }
}

fn number(schema_value: &Value, keyword: &str) -> f64 {
    schema_value
        .as_f64()
        .unwrap_or_else(|| panic!("{keyword} must be a number"))
}

fn count(schema_value: &Value, keyword: &str) -> usize {
    schema_value
        .as_u64()
        .and_then(|n| usize::try_from(n).ok())
        .unwrap_or_else(|| panic!("{keyword} must be a non-negative integer"))
}

/// A JSON Schema document; `validate` returns one message per problem, `/json/pointer: problem`.
struct Schema {
    root: Value,
}

impl Schema {
    fn load(relative: &str) -> Schema {
        Schema {
            root: read_json(&repo_path(relative)),
        }
    }

    fn validate(&self, instance: &Value) -> Vec<String> {
        let mut errors = Vec::new();
        self.check(&self.root, instance, "", &mut errors);
        errors
    }

    fn is_valid(&self, schema: &Value, instance: &Value) -> bool {
        let mut errors = Vec::new();
        self.check(schema, instance, "", &mut errors);
        errors.is_empty()
    }

    fn resolve(&self, reference: &str) -> &Value {
        let name = reference
            .strip_prefix("#/$defs/")
            .unwrap_or_else(|| panic!("unsupported $ref {reference:?} (only #/$defs/NAME)"));
        self.root
            .get("$defs")
            .and_then(|defs| defs.get(name))
            .unwrap_or_else(|| panic!("dangling $ref {reference:?}"))
    }

    /// Every keyword of a schema object applies (2020-12: `$ref` combines with its siblings).
    fn check(&self, schema: &Value, inst: &Value, path: &str, errors: &mut Vec<String>) {
        let map = match schema {
            Value::Bool(true) => return,
            Value::Bool(false) => {
                errors.push(format!("{path}: not allowed"));
                return;
            }
            Value::Object(map) => map,
            other => panic!("a schema must be an object or a boolean, got {other}"),
        };
        let mut fail = |message: String| errors.push(format!("{path}: {message}"));
        let mut nested: Vec<(&Value, &Value, String)> = Vec::new();
        for (keyword, arg) in map {
            match keyword.as_str() {
                k if ANNOTATIONS.contains(&k) => {}
                "$ref" => {
                    let reference = arg.as_str().expect("$ref must be a string");
                    nested.push((self.resolve(reference), inst, path.to_string()));
                }
                "type" => {
                    let names: Vec<&str> = match arg {
                        Value::String(s) => vec![s.as_str()],
                        Value::Array(list) => list
                            .iter()
                            .map(|t| t.as_str().expect("type names are strings"))
                            .collect(),
                        other => panic!("bad type {other}"),
                    };
                    if !names.iter().any(|t| type_matches(t, inst)) {
                        fail(format!("expected type {}, got {inst}", names.join(" or ")));
                    }
                }
                "properties" => {
                    let props = arg.as_object().expect("properties must be an object");
                    if let Some(obj) = inst.as_object() {
                        for (name, sub) in props {
                            if let Some(v) = obj.get(name) {
                                nested.push((sub, v, format!("{path}/{name}")));
                            }
                        }
                    }
                }
                "required" => {
                    if let Some(obj) = inst.as_object() {
                        for name in arg.as_array().expect("required must be an array") {
                            let name = name.as_str().expect("required names are strings");
                            if !obj.contains_key(name) {
                                fail(format!("missing required key `{name}`"));
                            }
                        }
                    }
                }
                "additionalProperties" => {
                    if let Some(obj) = inst.as_object() {
                        let declared = map.get("properties").and_then(Value::as_object);
                        for (name, v) in obj {
                            if declared.is_some_and(|d| d.contains_key(name)) {
                                continue;
                            }
                            if arg == &Value::Bool(false) {
                                fail(format!("unknown key `{name}`"));
                            } else {
                                nested.push((arg, v, format!("{path}/{name}")));
                            }
                        }
                    }
                }
                "items" => {
                    if let Some(list) = inst.as_array() {
                        for (i, v) in list.iter().enumerate() {
                            nested.push((arg, v, format!("{path}/{i}")));
                        }
                    }
                }
                "enum" => {
                    let allowed = arg.as_array().expect("enum must be an array");
                    if !allowed.iter().any(|a| json_eq(a, inst)) {
                        fail(format!("{inst} is not one of {arg}"));
                    }
                }
                "const" => {
                    if !json_eq(arg, inst) {
                        fail(format!("expected {arg}, got {inst}"));
                    }
                }
                "pattern" => {
                    let pattern = arg.as_str().expect("pattern must be a string");
                    if let Some(s) = inst.as_str() {
                        if !pattern_matches(pattern, s) {
                            fail(format!("{s:?} does not match {pattern}"));
                        }
                    }
                }
                "minimum" | "maximum" | "exclusiveMinimum" | "exclusiveMaximum" => {
                    let bound = number(arg, keyword);
                    if let Some(x) = inst.as_f64() {
                        let ok = match keyword.as_str() {
                            "minimum" => x >= bound,
                            "maximum" => x <= bound,
                            "exclusiveMinimum" => x > bound,
                            _ => x < bound,
                        };
                        if !ok {
                            fail(format!("{inst} violates {keyword} {arg}"));
                        }
                    }
                }
                "minLength" | "maxLength" => {
                    let n = count(arg, keyword);
                    if let Some(s) = inst.as_str() {
                        let len = s.chars().count();
                        if (keyword == "minLength" && len < n)
                            || (keyword == "maxLength" && len > n)
                        {
                            fail(format!("length {len} violates {keyword} {n}"));
                        }
                    }
                }
                "minItems" | "maxItems" => {
                    let n = count(arg, keyword);
                    if let Some(list) = inst.as_array() {
                        let len = list.len();
                        if (keyword == "minItems" && len < n) || (keyword == "maxItems" && len > n)
                        {
                            fail(format!("{len} items violates {keyword} {n}"));
                        }
                    }
                }
                "oneOf" | "anyOf" => {
                    let subs = arg.as_array().expect("oneOf/anyOf must be an array");
                    let matching = subs.iter().filter(|s| self.is_valid(s, inst)).count();
                    let ok = if keyword == "oneOf" {
                        matching == 1
                    } else {
                        matching >= 1
                    };
                    if !ok {
                        fail(format!(
                            "{inst} matches {matching} of the {} {keyword} alternatives",
                            subs.len()
                        ));
                    }
                }
                other => panic!(
                    "unsupported keyword {other:?}: extend the validator in tests/data_schemas.rs"
                ),
            }
        }
        for (sub, v, p) in nested {
            self.check(sub, v, &p, errors);
        }
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
    let errors = schema.validate(instance);
    assert!(
        errors.is_empty(),
        "{what} does not match its schema:\n  {}",
        errors.join("\n  ")
    );
}

fn catalog_value() -> Value {
    read_json(&repo_path("data/catalog.json"))
}

/// Errors of `doc` against `schema`; asserts there is at least one naming `needle`.
fn assert_rejected(schema: &Schema, doc: &Value, needle: &str) {
    let errors = schema.validate(doc);
    assert!(
        errors.iter().any(|e| e.contains(needle)),
        "expected an error mentioning {needle:?}, got {errors:?}"
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

    // A platform: five plain fields, two sourced facts that are not overridable, and every FIELDS
    // entry as a Sourced value of the right kind.
    let platform = &defs["platform"];
    let mut expected = set([
        "id",
        "name",
        "vendor",
        "kind",
        "notes",
        "processor_agreement",
        "residual_flows",
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

/// The schema rejects `doc` with an error mentioning `needle`, and so does `Catalog::from_json`.
fn assert_catalog_rejected(doc: &Value, needle: &str) {
    assert_rejected(&Schema::load("data/catalog.schema.json"), doc, needle);
    assert!(
        Catalog::from_json(&doc.to_string()).is_err(),
        "Catalog::from_json accepted a document the schema rejects ({needle})"
    );
}

#[test]
fn catalog_schema_rejects_an_unknown_platform_key() {
    let mut doc = catalog_value();
    doc["platforms"][0]["colour"] = json!("blue");
    assert_catalog_rejected(&doc, "/platforms/0: unknown key `colour`");
}

#[test]
fn catalog_schema_rejects_a_wrong_confidence() {
    let mut doc = catalog_value();
    doc["platforms"][0]["licence_amount"]["confidence"] = json!("certain");
    assert_catalog_rejected(&doc, "/platforms/0/licence_amount/confidence");
}

#[test]
fn catalog_schema_rejects_a_missing_as_of() {
    let mut doc = catalog_value();
    let removed = doc["platforms"][1]["data_location"]
        .as_object_mut()
        .unwrap()
        .remove("as_of");
    assert!(removed.is_some());
    assert_catalog_rejected(
        &doc,
        "/platforms/1/data_location: missing required key `as_of`",
    );
}

#[test]
fn catalog_schema_rejects_bad_dates_choices_and_sections() {
    let mut doc = catalog_value();
    doc["measures"][0]["one_off_mop"]["as_of"] = json!("2026-1-01");
    assert_catalog_rejected(&doc, "/measures/0/one_off_mop/as_of");

    let mut doc = catalog_value();
    doc["platforms"][0]["data_location"]["value"] = json!("atlantis");
    assert_catalog_rejected(&doc, "/platforms/0/data_location/value");

    let mut doc = catalog_value();
    doc.as_object_mut().unwrap().remove("roi");
    assert_catalog_rejected(&doc, "missing required key `roi`");

    // Decimals are strings in the catalog (Rust would read a number; the file format is strings).
    let mut doc = catalog_value();
    doc["platforms"][0]["licence_amount"]["value"] = json!(9800);
    assert_rejected(
        &Schema::load("data/catalog.schema.json"),
        &doc,
        "/platforms/0/licence_amount/value",
    );
}

/// An edit that makes a valid document invalid.
type Mutation = fn(&mut Value);

#[test]
fn scenario_schema_rejects_what_the_parser_rejects() {
    let schema = Schema::load("docs/scenario.schema.json");
    let preset: Value = serde_json::from_str(presets::json("bank-200").unwrap()).unwrap();
    let cases: [(&str, Mutation); 7] = [
        ("/options/1/measures/0", |d| {
            d["options"][1]["measures"][0] = json!("prayer")
        }),
        ("/options/1/measures/4: ", |d| {
            d["options"][1]["measures"][4]["hours"] = json!(3)
        }),
        ("/options/0/overrides: unknown key `colour`", |d| {
            d["options"][0]["overrides"]["colour"] = json!("blue")
        }),
        ("/options/0/overrides/licence_amount", |d| {
            d["options"][0]["overrides"]["licence_amount"] = json!(true)
        }),
        ("/fx_to_mop/usd", |d| d["fx_to_mop"]["usd"] = json!("8,05")),
        ("/options: 1 items violates minItems 2", |d| {
            d["options"].as_array_mut().unwrap().truncate(1)
        }),
        ("/version", |d| d["version"] = json!(2)),
    ];
    for (needle, mutate) in cases {
        let mut doc = preset.clone();
        mutate(&mut doc);
        assert_rejected(&schema, &doc, needle);
        assert!(
            Scenario::from_json(&doc.to_string()).is_err(),
            "Scenario::from_json accepted a document the schema rejects ({needle})"
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
    assert_rejected(&schema, &json!({"app.title": ""}), "/app.title: length 0");
    assert_rejected(
        &schema,
        &json!({"app": {"title": "x"}}),
        "/app: expected type string",
    );
    assert_rejected(&schema, &json!(["app.title"]), "expected type object");
}

// ---------------------------------------------------------------------------------------------
// The validator itself
// ---------------------------------------------------------------------------------------------

#[test]
fn hand_written_patterns_match_like_the_regexes() {
    for ok in ["0", "9800", "8.05", "-50", "0.0001", "1000000000000"] {
        assert!(pattern_matches(DECIMAL_PATTERN, ok), "{ok}");
    }
    for bad in [
        "", "-", ".5", "5.", "1e3", "+1", " 1", "1,5", "1.2.3", "--1", "١",
    ] {
        assert!(!pattern_matches(DECIMAL_PATTERN, bad), "{bad}");
    }
    assert!(pattern_matches(DATE_PATTERN, "2026-11-01"));
    for bad in [
        "2026-1-01",
        "2026/11/01",
        "2026-11-01T00",
        "20261101",
        "２０２６-11-01",
    ] {
        assert!(!pattern_matches(DATE_PATTERN, bad), "{bad}");
    }
}

#[test]
fn validator_keywords_behave_as_specified() {
    let schema = Schema {
        root: json!({
            "$defs": { "small": { "type": "integer", "minimum": 0, "exclusiveMinimum": -1, "maximum": 9 } },
            "type": "object",
            "required": ["a"],
            "properties": {
                "a": { "$ref": "#/$defs/small" },
                "b": { "type": ["string", "null"], "minLength": 2 },
                "c": { "oneOf": [ { "type": "number" }, { "type": "integer" } ] },
                "d": { "anyOf": [ { "const": "x" }, { "enum": [1, 2] } ] },
                "e": { "type": "array", "items": { "type": "boolean" }, "minItems": 1, "maxItems": 2 }
            },
            "additionalProperties": { "type": "string" }
        }),
    };
    assert!(schema
        .validate(&json!({"a": 3, "b": null, "c": 1.5, "d": 2.0, "e": [true], "z": "ok"}))
        .is_empty());
    for (doc, needle) in [
        (json!({}), "missing required key `a`"),
        (json!({"a": 10}), "/a: 10 violates maximum"),
        (json!({"a": 1.0}), "/a: expected type integer"),
        (json!({"a": 1, "b": "x"}), "/b: length 1"),
        (json!({"a": 1, "c": 2}), "/c: 2 matches 2 of the 2 oneOf"),
        (
            json!({"a": 1, "d": "y"}),
            "/d: \"y\" matches 0 of the 2 anyOf",
        ),
        (json!({"a": 1, "e": []}), "/e: 0 items violates minItems 1"),
        (
            json!({"a": 1, "e": [true, 1]}),
            "/e/1: expected type boolean",
        ),
        (json!({"a": 1, "z": 5}), "/z: expected type string"),
    ] {
        assert_rejected(&schema, &doc, needle);
    }
}

#[test]
#[should_panic(expected = "unsupported keyword")]
fn validator_refuses_keywords_it_does_not_implement() {
    let schema = Schema {
        root: json!({ "uniqueItems": true }),
    };
    let _ = schema.validate(&json!([1, 1]));
}
