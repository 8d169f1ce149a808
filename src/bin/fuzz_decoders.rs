//! Pushes arbitrary inputs through every decoder of untrusted data — the share link
//! (`share::decode_fragment`), the scenario file (`import::scenario_from_file`) and the
//! autosave (`storage::decode_saved`) — and counts panics, which must be zero.
//!
//! ```sh
//! cargo run --profile bench-native --bin fuzz_decoders -- 1000000        # inputs [seed] [threads]
//! ```
//!
//! Inputs are generated deterministically (xoshiro256++, one stream per input index, so the
//! result does not depend on the thread count) from a mix of: random bytes, random printable
//! text, byte-level mutations (bit flips, truncations, insertions of JSON/URL tokens,
//! duplications, deletions) of valid share links / autosaves / scenario files made from the
//! presets, structural JSON mutations (values replaced by boundary and wrong-typed values,
//! keys removed or added, array items duplicated) re-wrapped in a valid link, envelope or file,
//! base64 of random bytes (the inflater) and of deflated random bytes (the JSON parser), so
//! every layer is reached, and valid variations that must round-trip exactly.
//!
//! Prints inputs per category, decoder calls, results per decoder (ok, errors by code; for
//! invalid scenarios also the model error code), panics and round-trip mismatches (both must be
//! 0; exit status 1 otherwise) and the elapsed time.
use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Instant;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use collab_risk::model::catalog::Catalog;
use collab_risk::model::error::InputError;
use collab_risk::model::import::scenario_from_file;
use collab_risk::model::presets;
use collab_risk::model::scenario::Scenario;
use collab_risk::model::share::{decode_fragment, encode_fragment};
use collab_risk::model::storage::{decode_saved, encode_saved};
use rand_xoshiro::rand_core::{Rng, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;
use serde_json::{json, Value};

const CATEGORIES: [&str; 13] = [
    "random_bytes",
    "random_printable",
    "link_text_mutation",
    "link_json_byte_mutation",
    "link_json_structural_mutation",
    "link_base64_of_random_bytes",
    "link_deflate_of_random_bytes",
    "saved_text_mutation",
    "saved_structural_mutation",
    "file_text_mutation",
    "file_structural_mutation",
    "valid_variation_round_trip",
    "oversized_and_zip_bombs",
];

const TOKENS: &[&str] = &[
    "\"",
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "-1",
    "0",
    "1e999",
    "-0",
    "null",
    "true",
    "\\u0000",
    "\\ud800",
    "#",
    "&",
    "=",
    ".",
    "s=",
    "s=1.",
    "s=2.",
    "%00",
    " ",
    "\n",
    "\u{FEFF}",
    "é",
    "😀",
    "=cmd|",
    "99999999999999999999",
    "\"format\"",
    "\"version\":2",
    "\"options\":[]",
];

const PLATFORMS: &[&str] = &[
    "dingtalk_mainland",
    "dingtalk_international",
    "signal",
    "element_selfhosted_macau",
    "custom",
    "no_such_platform",
];
const MEASURES: &[&str] = &[
    "dpa",
    "retention_auto_delete",
    "pia",
    "monthly_log_audit",
    "no_such_measure",
];

/// Results of one decoder.
#[derive(Default)]
struct DecoderStats {
    calls: u64,
    ok: u64,
    errors: BTreeMap<String, u64>,
}

impl DecoderStats {
    fn record(&mut self, result: Result<(), (String, Option<String>)>) {
        self.calls += 1;
        match result {
            Ok(()) => self.ok += 1,
            Err((code, model)) => {
                let key = match model {
                    Some(m) => format!("{code} ({m})"),
                    None => code,
                };
                *self.errors.entry(key).or_default() += 1;
            }
        }
    }

    fn merge(&mut self, other: DecoderStats) {
        self.calls += other.calls;
        self.ok += other.ok;
        for (k, v) in other.errors {
            *self.errors.entry(k).or_default() += v;
        }
    }
}

#[derive(Default)]
struct Stats {
    per_category: [u64; CATEGORIES.len()],
    link: DecoderStats,
    file: DecoderStats,
    saved: DecoderStats,
    panics: u64,
    mismatches: u64,
    examples: Vec<String>,
}

impl Stats {
    fn merge(&mut self, other: Stats) {
        for (a, b) in self.per_category.iter_mut().zip(other.per_category) {
            *a += b;
        }
        self.link.merge(other.link);
        self.file.merge(other.file);
        self.saved.merge(other.saved);
        self.panics += other.panics;
        self.mismatches += other.mismatches;
        self.examples.extend(other.examples);
    }
}

/// Valid material the mutations start from.
struct Seeds {
    scenarios: Vec<Scenario>,
    values: Vec<Value>,
    links: Vec<String>,
    saved: Vec<String>,
    files: Vec<String>,
    /// Links whose payload inflates far beyond the limit (2 MB of zeros, 20 MB of spaces
    /// inside a JSON string).
    bombs: Vec<String>,
}

fn seeds() -> Result<Seeds, String> {
    let mut s = Seeds {
        scenarios: Vec::new(),
        values: Vec::new(),
        links: Vec::new(),
        saved: Vec::new(),
        files: Vec::new(),
        bombs: Vec::new(),
    };
    s.bombs.push(wrap_link(&vec![0u8; 2_000_000]));
    let mut spaces = b"{\"format\":\"".to_vec();
    spaces.resize(20_000_000, b' ');
    s.bombs.push(wrap_link(&spaces));
    for name in presets::names() {
        let scenario = presets::load(name).map_err(|e| e.to_string())?;
        s.values
            .push(serde_json::to_value(&scenario).map_err(|e| e.to_string())?);
        s.links
            .push(encode_fragment(&scenario).map_err(|e| e.to_string())?);
        s.saved
            .push(encode_saved(&scenario, "2026-11-01T10:00:00Z").map_err(|e| e.to_string())?);
        s.files
            .push(scenario.to_json_pretty().map_err(|e| e.to_string())?);
        s.scenarios.push(scenario);
    }
    Ok(s)
}

fn below(rng: &mut Xoshiro256PlusPlus, n: usize) -> usize {
    if n == 0 {
        0
    } else {
        (rng.next_u64() % n as u64) as usize
    }
}

fn pick<'a, T>(rng: &mut Xoshiro256PlusPlus, items: &'a [T]) -> Option<&'a T> {
    items.get(below(rng, items.len()))
}

fn random_bytes(rng: &mut Xoshiro256PlusPlus, max: usize) -> Vec<u8> {
    let len = below(rng, max + 1);
    (0..len).map(|_| rng.next_u32() as u8).collect()
}

fn random_text(rng: &mut Xoshiro256PlusPlus, max: usize) -> String {
    let len = below(rng, max + 1);
    (0..len)
        .map(|_| match below(rng, 10) {
            0 => char::from_u32(0xA0 + below(rng, 0x2F00) as u32).unwrap_or('?'),
            1 => *pick(rng, &['#', '&', '=', '.', 's', '1', '{', '}', '"']).unwrap_or(&'#'),
            _ => char::from(0x20 + below(rng, 95) as u8),
        })
        .collect()
}

/// 1–4 byte-level mutations.
fn mutate_bytes(rng: &mut Xoshiro256PlusPlus, bytes: &mut Vec<u8>) {
    for _ in 0..1 + below(rng, 4) {
        let len = bytes.len();
        let at = below(rng, len + 1);
        match below(rng, 7) {
            0 if len > 0 => {
                let i = below(rng, len);
                if let Some(b) = bytes.get_mut(i) {
                    *b ^= 1 << below(rng, 8);
                }
            }
            1 => bytes.truncate(at),
            2 => {
                let token = pick(rng, TOKENS).copied().unwrap_or("\"");
                let tail = bytes.split_off(at);
                bytes.extend_from_slice(token.as_bytes());
                bytes.extend_from_slice(&tail);
            }
            3 => {
                let end = (at + 1 + below(rng, 64)).min(len);
                let chunk = bytes.get(at..end).map(<[u8]>::to_vec).unwrap_or_default();
                let to = below(rng, len + 1);
                let tail = bytes.split_off(to);
                bytes.extend_from_slice(&chunk);
                bytes.extend_from_slice(&tail);
            }
            4 => {
                let end = (at + 1 + below(rng, 16)).min(len);
                if at < end {
                    bytes.drain(at..end);
                }
            }
            5 if len > 0 => {
                let i = below(rng, len);
                if let Some(b) = bytes.get_mut(i) {
                    *b = rng.next_u32() as u8;
                }
            }
            _ => {
                let extra = random_bytes(rng, 8);
                let tail = bytes.split_off(at);
                bytes.extend_from_slice(&extra);
                bytes.extend_from_slice(&tail);
            }
        }
    }
}

fn mutate_text(rng: &mut Xoshiro256PlusPlus, text: &str) -> String {
    let mut bytes = text.as_bytes().to_vec();
    mutate_bytes(rng, &mut bytes);
    String::from_utf8_lossy(&bytes).into_owned()
}

/// A boundary or wrong-typed value.
fn interesting_value(rng: &mut Xoshiro256PlusPlus) -> Value {
    match below(rng, 24) {
        0 => Value::Null,
        1 => json!(true),
        2 => json!(0),
        3 => json!(-1),
        4 => json!(1),
        5 => json!(u64::from(u32::MAX) + 1),
        6 => json!(1e308),
        7 => json!(-1e308),
        8 => json!(0.5),
        9 => json!(""),
        10 => json!("x".repeat(600)),
        11 => json!("-5"),
        12 => json!("1000000000000.01"),
        13 => json!([]),
        14 => json!({}),
        15 => json!(100_001),
        16 => json!(3651),
        17 => json!(36_501),
        18 => json!(11),
        19 => json!(*pick(rng, PLATFORMS).unwrap_or(&"custom")),
        20 => json!(*pick(rng, MEASURES).unwrap_or(&"dpa")),
        21 => json!({"id": "retention_auto_delete", "days": below(rng, 5000)}),
        22 => json!(random_text(rng, 20)),
        _ => json!("79228162514264337593543950336"),
    }
}

/// Walk to a random node and replace, remove, add or duplicate something there.
fn mutate_value(rng: &mut Xoshiro256PlusPlus, value: &mut Value, depth: usize) {
    let descend = depth < 6 && below(rng, 4) != 0;
    match value {
        Value::Object(map) if !map.is_empty() => {
            let keys: Vec<String> = map.keys().cloned().collect();
            let Some(key) = pick(rng, &keys).cloned() else {
                return;
            };
            if descend {
                if let Some(child) = map.get_mut(&key) {
                    mutate_value(rng, child, depth + 1);
                }
                return;
            }
            match below(rng, 4) {
                0 => {
                    map.remove(&key);
                }
                1 => {
                    map.insert(random_text(rng, 12), interesting_value(rng));
                }
                _ => {
                    map.insert(key, interesting_value(rng));
                }
            }
        }
        Value::Array(items) if !items.is_empty() => {
            let i = below(rng, items.len());
            if descend {
                if let Some(child) = items.get_mut(i) {
                    mutate_value(rng, child, depth + 1);
                }
                return;
            }
            match below(rng, 4) {
                0 => {
                    items.remove(i);
                }
                1 => {
                    if let Some(copy) = items.get(i).cloned() {
                        items.push(copy);
                    }
                }
                _ => {
                    if let Some(item) = items.get_mut(i) {
                        *item = interesting_value(rng);
                    }
                }
            }
        }
        other => *other = interesting_value(rng),
    }
}

fn structural(rng: &mut Xoshiro256PlusPlus, seeds: &Seeds) -> Value {
    let mut value = pick(rng, &seeds.values).cloned().unwrap_or(Value::Null);
    for _ in 0..1 + below(rng, 3) {
        mutate_value(rng, &mut value, 0);
    }
    value
}

fn wrap_link(deflate_input: &[u8]) -> String {
    let deflated = miniz_oxide::deflate::compress_to_vec_zlib(deflate_input, 1);
    format!("#s=1.{}", URL_SAFE_NO_PAD.encode(deflated))
}

/// A valid variation of a preset (users, seed, trials, unicode labels).
fn variation(rng: &mut Xoshiro256PlusPlus, seeds: &Seeds) -> Option<Scenario> {
    let mut s = pick(rng, &seeds.scenarios)?.clone();
    s.organisation.users = 1 + below(rng, 100_000) as u32;
    s.simulation.seed = rng.next_u32();
    s.simulation.trials = 100 + below(rng, 199_901) as u32;
    s.name = random_text(rng, 100);
    for option in &mut s.options {
        option.label = random_text(rng, 60);
    }
    if below(rng, 2) == 0 {
        s.note = Some(random_text(rng, 300));
    }
    Some(s)
}

fn link_result(r: Result<Scenario, collab_risk::model::share::ShareError>) -> Outcome {
    r.map(|_| ()).map_err(|e| {
        (
            e.code().to_string(),
            e.model_error().map(|m| m.code().into()),
        )
    })
}

type Outcome = Result<(), (String, Option<String>)>;

/// Run `f`, counting a panic instead of unwinding.
fn guarded<T>(stats: &mut Stats, label: &str, input: &[u8], f: impl FnOnce() -> T) -> Option<T> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(v) => Some(v),
        Err(_) => {
            stats.panics += 1;
            if stats.examples.len() < 5 {
                let shown: String = String::from_utf8_lossy(input).chars().take(300).collect();
                stats.examples.push(format!("panic in {label}: {shown:?}"));
            }
            None
        }
    }
}

fn run_link(stats: &mut Stats, catalog: &Catalog, input: &str) {
    if let Some(r) = guarded(stats, "decode_fragment", input.as_bytes(), || {
        link_result(decode_fragment(input, catalog))
    }) {
        stats.link.record(r);
    }
}

fn run_file(stats: &mut Stats, catalog: &Catalog, input: &[u8]) {
    if let Some(r) = guarded(stats, "scenario_from_file", input, || {
        scenario_from_file(input, catalog).map(|_| ()).map_err(|e| {
            (
                e.code().to_string(),
                e.model_error().map(|m| m.code().into()),
            )
        })
    }) {
        stats.file.record(r);
    }
}

fn run_saved(stats: &mut Stats, catalog: &Catalog, input: &str) {
    if let Some(r) = guarded(stats, "decode_saved", input.as_bytes(), || {
        decode_saved(input, catalog).map(|_| ()).map_err(|e| {
            (
                e.code().to_string(),
                e.model_error().map(|m| m.code().into()),
            )
        })
    }) {
        stats.saved.record(r);
    }
}

fn one_input(stats: &mut Stats, catalog: &Catalog, seeds: &Seeds, seed: u64, index: u64) {
    let mut rng =
        Xoshiro256PlusPlus::seed_from_u64(seed ^ index.wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let category = below(&mut rng, CATEGORIES.len());
    if let Some(count) = stats.per_category.get_mut(category) {
        *count += 1;
    }
    let pick_text = |rng: &mut Xoshiro256PlusPlus, list: &[String]| -> String {
        pick(rng, list).cloned().unwrap_or_default()
    };
    match category {
        0 => {
            let bytes = random_bytes(&mut rng, 512);
            let lossy = String::from_utf8_lossy(&bytes).into_owned();
            run_link(stats, catalog, &lossy);
            run_saved(stats, catalog, &lossy);
            run_file(stats, catalog, &bytes);
        }
        1 => {
            let text = random_text(&mut rng, 512);
            run_link(stats, catalog, &text);
            run_saved(stats, catalog, &text);
            run_file(stats, catalog, text.as_bytes());
        }
        2 => {
            let link = pick_text(&mut rng, &seeds.links);
            let prefix = if below(&mut rng, 2) == 0 {
                "#"
            } else {
                "https://example.org/app/?embed=1#lang=pt&"
            };
            let mut text = mutate_text(&mut rng, &format!("{prefix}{link}"));
            if below(&mut rng, 8) == 0 {
                let version = rng.next_u32() >> below(&mut rng, 32);
                text = text.replacen("s=1.", &format!("s={version}."), 1);
            }
            run_link(stats, catalog, &text);
        }
        3 => {
            let mut json = pick_text(&mut rng, &seeds.files).into_bytes();
            mutate_bytes(&mut rng, &mut json);
            run_link(stats, catalog, &wrap_link(&json));
        }
        4 => {
            let value = structural(&mut rng, seeds);
            run_link(stats, catalog, &wrap_link(value.to_string().as_bytes()));
        }
        5 => {
            let bytes = random_bytes(&mut rng, 256);
            run_link(
                stats,
                catalog,
                &format!("s=1.{}", URL_SAFE_NO_PAD.encode(bytes)),
            );
        }
        6 => {
            let bytes = random_bytes(&mut rng, 256);
            run_link(stats, catalog, &wrap_link(&bytes));
        }
        7 => {
            let saved = pick_text(&mut rng, &seeds.saved);
            let text = mutate_text(&mut rng, &saved);
            run_saved(stats, catalog, &text);
        }
        8 => {
            let scenario = structural(&mut rng, seeds);
            let mut envelope = json!({
                "format": "collab-risk/saved", "version": 1,
                "saved_at": "2026-11-01T10:00:00Z", "scenario": scenario,
            });
            if below(&mut rng, 4) == 0 {
                mutate_value(&mut rng, &mut envelope, 5);
            }
            run_saved(stats, catalog, &envelope.to_string());
        }
        9 => {
            let mut bytes = pick_text(&mut rng, &seeds.files).into_bytes();
            mutate_bytes(&mut rng, &mut bytes);
            run_file(stats, catalog, &bytes);
        }
        10 => {
            let value = structural(&mut rng, seeds);
            let text = if below(&mut rng, 2) == 0 {
                value.to_string()
            } else {
                serde_json::to_string_pretty(&value).unwrap_or_default()
            };
            run_file(stats, catalog, text.as_bytes());
        }
        12 => match below(&mut rng, 8) {
            0 => {
                let bomb = pick_text(&mut rng, &seeds.bombs);
                let text = if below(&mut rng, 2) == 0 {
                    bomb
                } else {
                    mutate_text(&mut rng, &bomb)
                };
                run_link(stats, catalog, &text);
            }
            1 => {
                let n = 65_536 + below(&mut rng, 1024);
                run_link(stats, catalog, &format!("#s=1.{}", "A".repeat(n)));
            }
            2 => run_file(
                stats,
                catalog,
                &vec![b' '; 1_000_001 + below(&mut rng, 1024)],
            ),
            3 => {
                let pad = " ".repeat(1_048_577 + below(&mut rng, 1024));
                run_saved(stats, catalog, &pad);
            }
            _ => {
                // Long but within limits: deep nesting and long strings.
                let depth = 1 + below(&mut rng, 20_000);
                let text = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
                run_file(stats, catalog, text.as_bytes());
                run_saved(stats, catalog, &text);
                run_link(stats, catalog, &wrap_link(text.as_bytes()));
            }
        },
        _ => {
            let Some(scenario) = variation(&mut rng, seeds) else {
                return;
            };
            let check = |stats: &mut Stats, ok: bool, what: &str| {
                if !ok {
                    stats.mismatches += 1;
                    if stats.examples.len() < 5 {
                        stats.examples.push(format!("{what} round trip failed"));
                    }
                }
            };
            let text = match encode_fragment(&scenario) {
                Ok(t) => t,
                Err(e) => return check(stats, false, &format!("encode_fragment: {e}")),
            };
            let back = guarded(stats, "decode_fragment", text.as_bytes(), || {
                decode_fragment(&text, catalog)
            });
            if let Some(r) = &back {
                stats
                    .link
                    .record(r.as_ref().map(|_| ()).map_err(|e| (e.code().into(), None)));
            }
            check(
                stats,
                matches!(back, Some(Ok(ref s)) if *s == scenario),
                "link",
            );
            let saved = encode_saved(&scenario, "2026-11-01T10:00:00Z").unwrap_or_default();
            let back = guarded(stats, "decode_saved", saved.as_bytes(), || {
                decode_saved(&saved, catalog)
            });
            if let Some(r) = &back {
                stats
                    .saved
                    .record(r.as_ref().map(|_| ()).map_err(|e| (e.code().into(), None)));
            }
            check(
                stats,
                matches!(back, Some(Ok(ref s)) if s.scenario == scenario),
                "saved",
            );
            let file = scenario.to_json_pretty().unwrap_or_default();
            let back = guarded(stats, "scenario_from_file", file.as_bytes(), || {
                scenario_from_file(file.as_bytes(), catalog)
            });
            if let Some(r) = &back {
                stats
                    .file
                    .record(r.as_ref().map(|_| ()).map_err(|e| (e.code().into(), None)));
            }
            check(
                stats,
                matches!(back, Some(Ok(ref s)) if *s == scenario),
                "file",
            );
        }
    }
}

fn print_decoder(name: &str, d: &DecoderStats) {
    println!("{name}: {} calls, {} ok", d.calls, d.ok);
    for (code, n) in &d.errors {
        println!("    {code}: {n}");
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |i: usize, default: u64| -> u64 {
        args.get(i)
            .and_then(|a| a.replace('_', "").parse().ok())
            .unwrap_or(default)
    };
    let total = arg(1, 1_000_000);
    let seed = arg(2, 20_050_808);
    let threads = arg(
        3,
        std::thread::available_parallelism().map_or(2, |n| n.get() as u64),
    )
    .max(1);
    let (catalog, seeds) = match (Catalog::embedded(), seeds()) {
        (Ok(c), Ok(s)) => (c, s),
        (Err(e), _) => return eprintln!("catalog: {e}"),
        (_, Err(e)) => return eprintln!("seeds: {e}"),
    };
    // Panics are counted, not printed one by one.
    let hook_hits = AtomicU64::new(0);
    let first_message: Mutex<Option<String>> = Mutex::new(None);
    let hook_hits: &'static AtomicU64 = Box::leak(Box::new(hook_hits));
    let first_message: &'static Mutex<Option<String>> = Box::leak(Box::new(first_message));
    std::panic::set_hook(Box::new(move |info| {
        if hook_hits.fetch_add(1, Ordering::Relaxed) == 0 {
            if let Ok(mut slot) = first_message.lock() {
                *slot = Some(info.to_string());
            }
        }
    }));

    println!("fuzz_decoders: {total} inputs, seed {seed}, {threads} threads");
    let start = Instant::now();
    let done = AtomicU64::new(0);
    let mut stats = Stats::default();
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let seeds = &seeds;
                let done = &done;
                scope.spawn(move || {
                    let mut local = Stats::default();
                    let mut i = t;
                    while i < total {
                        one_input(&mut local, catalog, seeds, seed, i);
                        let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                        if n % 100_000 == 0 {
                            eprintln!("  {n} inputs, {:.1} s", start.elapsed().as_secs_f64());
                        }
                        i += threads;
                    }
                    local
                })
            })
            .collect();
        for handle in handles {
            match handle.join() {
                Ok(local) => stats.merge(local),
                Err(_) => stats.panics += 1,
            }
        }
    });
    let elapsed = start.elapsed().as_secs_f64();

    println!("inputs per category:");
    for (name, n) in CATEGORIES.iter().zip(stats.per_category) {
        println!("    {name}: {n}");
    }
    print_decoder("share link (decode_fragment)", &stats.link);
    print_decoder("scenario file (scenario_from_file)", &stats.file);
    print_decoder("autosave (decode_saved)", &stats.saved);
    let calls = stats.link.calls + stats.file.calls + stats.saved.calls;
    let ok = stats.link.ok + stats.file.ok + stats.saved.ok;
    println!("decoder calls: {calls}, decoded ok: {ok}");
    println!("round-trip mismatches: {}", stats.mismatches);
    println!("panics: {}", stats.panics);
    if let Ok(Some(message)) = first_message.lock().map(|m| m.clone()) {
        println!("first panic message: {message}");
    }
    for example in &stats.examples {
        println!("    {example}");
    }
    println!(
        "elapsed: {elapsed:.1} s ({:.0} inputs/s)",
        total as f64 / elapsed.max(1e-9)
    );
    if stats.panics > 0 || stats.mismatches > 0 {
        std::process::exit(1);
    }
}
