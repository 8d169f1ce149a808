//! Property tests of the share link, autosave and file codecs and of the CSV export:
//! exact round trips for arbitrary valid scenarios, CSV formula neutralisation of user text,
//! and no panic on arbitrary input.
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use collab_risk::model::catalog::Catalog;
use collab_risk::model::export::{report_csv, scenario_json, CSV_HEADER, FORMULA_TRIGGERS};
use collab_risk::model::import::scenario_from_file;
use collab_risk::model::presets;
use collab_risk::model::report::evaluate;
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

/// Minimal RFC 4180 reader (CRLF records).
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
                assert_eq!(chars.next(), Some('\n'));
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    assert!(field.is_empty() && row.is_empty());
    rows
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
