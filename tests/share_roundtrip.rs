//! Property tests of the share link, autosave and file codecs and of the CSV export:
//! exact round trips for arbitrary valid scenarios, CSV formula neutralisation of user text,
//! and no panic on arbitrary input.
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use collab_risk::model::catalog::Catalog;
use collab_risk::model::export::{
    is_plain_number, report_csv, scenario_json, CSV_HEADER, FORMULA_TRIGGERS,
};
use collab_risk::model::import::scenario_from_file;
use collab_risk::model::presets;
use collab_risk::model::report::{evaluate, Report};
use collab_risk::model::scenario::Scenario;
use collab_risk::model::share::{decode_fragment, encode_fragment};
use collab_risk::model::storage::{decode_saved, encode_saved};
use proptest::prelude::*;

fn catalog() -> &'static Catalog {
    Catalog::embedded().unwrap()
}

/// User text: plain, arbitrary unicode, or starting with a formula trigger; with quotes,
/// commas, newlines, CJK and emoji mixed in.
fn user_text(max: usize) -> impl Strategy<Value = String> {
    let body = format!("[a-zA-Z0-9 ,;\"'=+@\\-\t\r\n|!éç漢字澳門😀]{{0,{max}}}");
    prop_oneof![
        proptest::string::string_regex(&body).unwrap(),
        proptest::string::string_regex(&format!("[=+\\-@\t\r]{}", &body)).unwrap(),
        proptest::string::string_regex(&format!("\\PC{{0,{max}}}")).unwrap(),
    ]
}

#[derive(Debug, Clone)]
struct Variation {
    preset: usize,
    users: u32,
    seed: u32,
    trials: u32,
    name: String,
    note: Option<String>,
    labels: Vec<String>,
    ids: Vec<String>,
}

fn variation() -> impl Strategy<Value = Variation> {
    (
        0usize..4,
        1u32..=100_000,
        any::<u32>(),
        100u32..400,
        user_text(60),
        proptest::option::of(user_text(200)),
        proptest::collection::vec(user_text(40), 6),
        proptest::collection::vec(user_text(20), 6),
    )
        .prop_map(
            |(preset, users, seed, trials, name, note, labels, ids)| Variation {
                preset,
                users,
                seed,
                trials,
                name,
                note,
                labels,
                ids,
            },
        )
}

/// A valid scenario: a preset with the variation applied (ids made unique, claims
/// re-pointed at the new ids).
fn scenario(v: &Variation) -> Scenario {
    let mut s = presets::load(presets::names()[v.preset]).unwrap();
    s.organisation.users = v.users;
    s.simulation.seed = v.seed;
    s.simulation.trials = v.trials;
    s.name = v.name.clone();
    s.note = v.note.clone();
    let mut renamed = Vec::new();
    for (i, option) in s.options.iter_mut().enumerate() {
        let new_id = format!("{}{i}", v.ids[i]);
        renamed.push((option.id.clone(), new_id.clone()));
        option.id = new_id;
        option.label = v.labels[i].clone();
    }
    for claim in &mut s.claims {
        for (old, new) in &renamed {
            if claim.higher_option == *old {
                claim.higher_option = new.clone();
            }
            if claim.lower_option == *old {
                claim.lower_option = new.clone();
            }
        }
    }
    s.validate(catalog()).unwrap();
    s
}

/// Minimal RFC 4180 reader (CRLF records, strict: no bare CR or LF, a final CRLF).
fn parse_csv(csv: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut chars = csv.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {
                assert_eq!(chars.next(), Some('\n'), "bare CR");
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => {
                assert_ne!(c, '\n', "bare LF");
                field.push(c)
            }
        }
    }
    assert!(field.is_empty() && row.is_empty(), "no final CRLF");
    rows
}

fn report(name: &str) -> Report {
    evaluate(&presets::load(name).unwrap(), catalog()).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn share_link_round_trip_is_exact(v in variation()) {
        let s = scenario(&v);
        let fragment = encode_fragment(&s).unwrap();
        let back = decode_fragment(&format!("https://example.org/app/#{fragment}"), catalog()).unwrap();
        prop_assert_eq!(&back, &s);
        let a = evaluate(&s, catalog()).unwrap().to_json_pretty().unwrap();
        let b = evaluate(&back, catalog()).unwrap().to_json_pretty().unwrap();
        prop_assert_eq!(a, b);
    }

    #[test]
    fn storage_and_file_round_trips_are_exact(v in variation()) {
        let s = scenario(&v);
        let saved = decode_saved(&encode_saved(&s, "2026-11-01T10:00:00Z").unwrap(), catalog()).unwrap();
        prop_assert_eq!(&saved.scenario, &s);
        let file = scenario_from_file(scenario_json(&s).unwrap().as_bytes(), catalog()).unwrap();
        prop_assert_eq!(&file, &s);
    }

    #[test]
    fn csv_never_starts_a_text_cell_with_a_formula_trigger(v in variation()) {
        let s = scenario(&v);
        let report = evaluate(&s, catalog()).unwrap();
        let rows = parse_csv(&report_csv(&report));
        prop_assert_eq!(rows[0].join(","), CSV_HEADER);
        for row in &rows[1..] {
            prop_assert_eq!(row.len(), 5);
            for (i, cell) in row.iter().enumerate() {
                if i == 3 {
                    // Numbers only (negative allowed), or empty.
                    prop_assert!(cell.is_empty() || cell.parse::<f64>().is_ok(), "{:?}", row);
                } else {
                    prop_assert!(!cell.starts_with(FORMULA_TRIGGERS), "{:?}", row);
                }
            }
        }
        // Every option's user text appears (neutralised if needed).
        for o in &report.options {
            let shown = if o.name.starts_with(FORMULA_TRIGGERS) { format!("'{}", o.name) } else { o.name.clone() };
            prop_assert!(rows.iter().any(|r| r[1] == shown));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    #[test]
    fn decoders_never_panic_on_arbitrary_strings(text in "\\PC{0,300}|#s=1\\.[A-Za-z0-9_=-]{0,300}|#s=[0-9]{0,12}\\.[ -~]{0,50}") {
        let _ = decode_fragment(&text, catalog());
        let _ = decode_saved(&text, catalog());
        let _ = scenario_from_file(text.as_bytes(), catalog());
    }

    #[test]
    fn decoders_never_panic_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let _ = scenario_from_file(&bytes, catalog());
        let lossy = String::from_utf8_lossy(&bytes);
        let _ = decode_saved(&lossy, catalog());
        let _ = decode_fragment(&lossy, catalog());
        // Random bytes as the (base64url) payload: exercises the inflater.
        let _ = decode_fragment(&format!("#s=1.{}", URL_SAFE_NO_PAD.encode(&bytes)), catalog());
        // Random bytes deflated: exercises the JSON parser behind the inflater.
        let deflated = miniz_oxide::deflate::compress_to_vec_zlib(&bytes, 1);
        let _ = decode_fragment(&format!("#s=1.{}", URL_SAFE_NO_PAD.encode(deflated)), catalog());
    }

    #[test]
    fn mutated_links_never_panic(v in 0usize..4, cuts in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..4)) {
        let s = presets::load(presets::names()[v]).unwrap();
        let mut json = serde_json::to_vec(&s).unwrap();
        for (at, byte) in cuts {
            let at = at % json.len();
            json[at] = byte;
        }
        let link = format!("s=1.{}", URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec_zlib(&json, 1)));
        if let Ok(decoded) = decode_fragment(&link, catalog()) {
            prop_assert!(decoded.validate(catalog()).is_ok());
        }
    }
}

#[test]
fn every_preset_report_is_well_formed() {
    for name in presets::names() {
        let report = report(name);
        let csv = report_csv(&report);
        let rows = parse_csv(&csv);
        assert_eq!(rows[0].join(","), CSV_HEADER);
        let figures_per_option = (rows.len() - 1 - report.comparisons.len()) / report.options.len();
        assert_eq!(
            rows.len(),
            1 + figures_per_option * report.options.len() + report.comparisons.len()
        );
        for row in &rows[1..] {
            assert_eq!(row.len(), 5, "{row:?}");
            assert!(row[3].is_empty() || is_plain_number(&row[3]), "{row:?}");
        }
        for o in &report.options {
            let total = rows
                .iter()
                .find(|r| r[0] == o.id && r[2] == "total_cost")
                .unwrap();
            assert_eq!(total[3], o.cost.total_mop.to_string());
            assert_eq!(total[4], "MOP");
            for fig in [
                "sim_p95",
                "rosi",
                "roi_score",
                "payback_year",
                "rating_overall",
            ] {
                assert!(rows.iter().any(|r| r[0] == o.id && r[2] == fig), "{fig}");
            }
        }
        for c in &report.comparisons {
            let fig = format!("p_cheaper_than:{}", c.b);
            assert!(rows.iter().any(|r| r[0] == c.a && r[2] == fig));
        }
    }
}

#[test]
fn user_text_is_neutralised_and_negative_numbers_are_not() {
    let mut scenario = presets::load("bank-200").unwrap();
    scenario.options[0].id = "=cmd|' /C calc'!A0".into();
    scenario.options[0].label = "+SUM(1,2)".into();
    scenario.options[1].id = "@x".into();
    scenario.options[1].label = "-2, \"quoted\"\r\nnext".into();
    scenario.options[2].label = "\tTab".into();
    // Few records: the measures avoid less loss than they cost, so ROSI < 0.
    scenario.organisation.data_subjects = 0;
    for claim in &mut scenario.claims {
        claim.higher_option = scenario.options[0].id.clone();
        claim.lower_option = scenario.options[1].id.clone();
    }
    let report = evaluate(&scenario, catalog()).unwrap();
    let csv = report_csv(&report);
    let rows = parse_csv(&csv);
    for row in &rows[1..] {
        for (i, cell) in row.iter().enumerate() {
            if i != 3 {
                assert!(!cell.starts_with(FORMULA_TRIGGERS), "{row:?}");
            }
        }
    }
    assert!(rows
        .iter()
        .any(|r| r[0] == "'=cmd|' /C calc'!A0" && r[1] == "'+SUM(1,2)"));
    assert!(rows
        .iter()
        .any(|r| r[0] == "'@x" && r[1] == "'-2, \"quoted\"\r\nnext"));
    assert!(rows.iter().any(|r| r[1] == "'\tTab"));
    assert!(rows.iter().any(|r| r[2] == "p_cheaper_than:@x"));
    // A negative ROSI (measures cost more than the loss they avoid) stays a number.
    let negative: Vec<_> = rows.iter().filter(|r| r[3].starts_with('-')).collect();
    assert!(!negative.is_empty(), "a negative ROSI is expected");
    for r in negative {
        assert!(
            is_plain_number(&r[3]) && r[3].parse::<f64>().unwrap() < 0.0,
            "{r:?}"
        );
    }
}

#[test]
fn payback_year_empty_when_none() {
    let report = report("article-50");
    let csv = report_csv(&report);
    let rows = parse_csv(&csv);
    let payback = rows.iter().find(|r| r[2] == "payback_year").unwrap();
    assert_eq!(payback[3], "");
    assert_eq!(payback[4], "year");
}
