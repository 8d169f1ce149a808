//! Every translation key written as a literal in `src/` exists in `locales/en.json` (the other
//! locales have exactly English's keys: tests/i18n_keys.rs). A mistyped key would otherwise show
//! as the key itself on the page, in every language.
//!
//! The scanner reads the Rust sources without compiling them: it drops comments, then takes the
//! string literals in the key arguments of the translation calls (`.t(key)`, `.f(key, …)`,
//! `.text(locale, key)`, `.lookup(locale, key)`, `Banner::new(key)`, `update_noting(key, …)`,
//! `replace_noting(…, key)`), in `*_key=` / `*_key:` properties, in the bodies of `fn *_key`
//! functions (which map a value to its key) and in the `*_KEYS` tables. A key built at run time
//! (`format!("choice.{field}.{value}")`) cannot be checked here; those are covered where the
//! values are enumerable (e.g. every model error code, tests/i18n_keys.rs).
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use collab_risk::i18n::{Locale, Translations};

/// Rust source with its comments removed and each string literal replaced by `"<n>"` (its index in
/// `literals`), so the call patterns below cannot match inside a comment or a string.
struct Scanned {
    code: String,
    literals: Vec<String>,
}

fn scan(source: &str) -> Scanned {
    let chars: Vec<char> = source.chars().collect();
    let mut code = String::with_capacity(source.len());
    let mut literals = Vec::new();
    let mut i = 0;
    let at = |i: usize| chars.get(i).copied().unwrap_or('\0');
    while i < chars.len() {
        let c = chars[i];
        match c {
            '/' if at(i + 1) == '/' => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
            }
            '/' if at(i + 1) == '*' => {
                let mut depth = 0;
                while i < chars.len() {
                    if chars[i] == '/' && at(i + 1) == '*' {
                        depth += 1;
                        i += 2;
                    } else if chars[i] == '*' && at(i + 1) == '/' {
                        depth -= 1;
                        i += 2;
                        if depth == 0 {
                            break;
                        }
                    } else {
                        i += 1;
                    }
                }
                code.push(' ');
            }
            'r' if (at(i + 1) == '"' || (at(i + 1) == '#' && matches!(at(i + 2), '"' | '#')))
                && !at(i.wrapping_sub(1)).is_alphanumeric()
                && at(i.wrapping_sub(1)) != '_' =>
            {
                // Raw string r"…" / r#"…"#.
                let mut j = i + 1;
                let mut hashes = 0;
                while at(j) == '#' {
                    hashes += 1;
                    j += 1;
                }
                j += 1; // the opening quote
                let start = j;
                loop {
                    if j >= chars.len() {
                        break;
                    }
                    if chars[j] == '"' && (0..hashes).all(|h| at(j + 1 + h) == '#') {
                        break;
                    }
                    j += 1;
                }
                literals.push(chars[start..j.min(chars.len())].iter().collect());
                code.push_str(&format!("\"{}\"", literals.len() - 1));
                i = j + 1 + hashes;
            }
            '"' => {
                let mut j = i + 1;
                let mut text = String::new();
                while j < chars.len() && chars[j] != '"' {
                    if chars[j] == '\\' {
                        text.push(chars[j]);
                        j += 1;
                    }
                    if j < chars.len() {
                        text.push(chars[j]);
                    }
                    j += 1;
                }
                literals.push(text);
                code.push_str(&format!("\"{}\"", literals.len() - 1));
                i = j + 1;
            }
            '\'' => {
                // A char literal ('"', '\'', '\n', 'x') or a lifetime ('a).
                if at(i + 1) == '\\' {
                    let mut j = i + 2;
                    while j < chars.len() && chars[j] != '\'' {
                        j += 1;
                    }
                    code.push_str("' '");
                    i = j + 1;
                } else if at(i + 2) == '\'' {
                    code.push_str("' '");
                    i += 3;
                } else {
                    code.push(c);
                    i += 1;
                }
            }
            _ => {
                code.push(c);
                i += 1;
            }
        }
    }
    Scanned { code, literals }
}

/// The end (exclusive) of the expression starting at `start`: the first `,` or unmatched closing
/// bracket at depth 0.
fn expression_end(code: &[u8], start: usize) -> usize {
    let mut depth = 0i32;
    let mut i = start;
    while i < code.len() {
        match code[i] {
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' if depth == 0 => return i,
            b')' | b']' | b'}' => depth -= 1,
            b',' if depth == 0 => return i,
            _ => {}
        }
        i += 1;
    }
    i
}

/// The literals inside `code[start..end]` (indices written by [`scan`]).
fn literals_in(scanned: &Scanned, start: usize, end: usize) -> Vec<String> {
    let part = &scanned.code[start..end];
    part.split('"')
        .skip(1)
        .step_by(2)
        .filter_map(|n| n.parse::<usize>().ok())
        .filter_map(|n| scanned.literals.get(n).cloned())
        .collect()
}

/// Skips `n` top-level arguments from `start` (just after the opening parenthesis).
fn skip_arguments(code: &[u8], mut start: usize, n: usize) -> Option<usize> {
    for _ in 0..n {
        let end = expression_end(code, start);
        if code.get(end) != Some(&b',') {
            return None;
        }
        start = end + 1;
    }
    Some(start)
}

fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// The translation keys written as literals in `source`: see the module comment for where.
fn keys_in(source: &str) -> BTreeSet<String> {
    let scanned = scan(source);
    let code = scanned.code.as_bytes();
    let mut keys = BTreeSet::new();
    // (pattern, index of the key argument)
    let calls: [(&str, usize); 7] = [
        (".t(", 0),
        (".f(", 0),
        (".text(", 1),
        (".lookup(", 1),
        ("Banner::new(", 0),
        ("update_noting(", 0),
        ("replace_noting(", 1),
    ];
    for (pattern, argument) in calls {
        for (pos, _) in scanned.code.match_indices(pattern) {
            let open = pos + pattern.len();
            if let Some(start) = skip_arguments(code, open, argument) {
                let end = expression_end(code, start);
                keys.extend(literals_in(&scanned, start, end));
            }
        }
    }
    // Properties and fields: `label_key="…"`, `help_key=Some("…")`, `label_key: "…"` (a literal
    // right after the `=` or `:`; a parameter's type or a computed key has none).
    for (pos, _) in scanned.code.match_indices("_key") {
        let after = &scanned.code[pos + 4..];
        let rest = after.trim_start();
        let value = if let Some(v) = rest.strip_prefix('=').filter(|v| !v.starts_with('=')) {
            v
        } else if let Some(v) = rest.strip_prefix(':').filter(|v| !v.starts_with(':')) {
            v
        } else {
            continue;
        };
        let value = value.trim_start();
        let value = value.strip_prefix("Some(").unwrap_or(value).trim_start();
        if pos > 0 && is_ident(code[pos - 1]) && value.starts_with('"') {
            let start = scanned.code.len() - value.len();
            let end = start + 1 + value[1..].find('"').unwrap_or(0) + 1;
            keys.extend(literals_in(&scanned, start, end));
        }
    }
    // `fn condition_key(…) -> &'static str { match … { … => "condition.always", … } }` and the
    // `FIELD_LABEL_KEYS` table: every literal that looks like a key (has a dot).
    let mut bodies = Vec::new();
    for (pos, _) in scanned.code.match_indices("fn ") {
        let name: String = scanned.code[pos + 3..]
            .bytes()
            .take_while(|b| is_ident(*b))
            .map(char::from)
            .collect();
        if name.ends_with("_key") {
            if let Some(open) = scanned.code[pos..].find('{') {
                let start = pos + open + 1;
                bodies.push((start, expression_end(code, start)));
            }
        }
    }
    for (pos, _) in scanned.code.match_indices("_KEYS") {
        if let Some(eq) = scanned.code[pos..].find('=') {
            let start = pos + eq + 1;
            let end = scanned.code[start..]
                .find(';')
                .map_or(code.len(), |e| start + e);
            bodies.push((start, end));
        }
    }
    for (start, end) in bodies {
        keys.extend(
            literals_in(&scanned, start, end)
                .into_iter()
                .filter(|l| l.contains('.')),
        );
    }
    // Literals with a placeholder are key patterns built at run time, not keys.
    keys.retain(|k| !k.contains('{') && !k.is_empty());
    keys
}

/// In the components (`src/ui`), keys are also kept in tables and variables before a call
/// (`("cat.licence", c.licence)`): there every literal shaped like a key (`namespace.rest`, in
/// lower case) whose namespace is one of English's is taken for a key.
fn namespaced_literals(source: &str, namespaces: &BTreeSet<String>) -> BTreeSet<String> {
    let key_shaped = |l: &str| {
        l.split_once('.').is_some_and(|(ns, rest)| {
            namespaces.contains(ns)
                && !rest.is_empty()
                && l.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b))
                && !l.ends_with('.')
        })
    };
    scan(source)
        .literals
        .into_iter()
        .filter(|l| key_shaped(l))
        .collect()
}

/// The namespaces (first segments) of English's keys.
fn english_namespaces() -> BTreeSet<String> {
    let (_, en) = Translations::sources()
        .iter()
        .find(|(l, _)| *l == Locale::En)
        .expect("English");
    Translations::parse(en)
        .expect("en.json parses")
        .keys()
        .filter_map(|k| k.split_once('.').map(|(ns, _)| ns.to_owned()))
        .collect()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The keys found in `source` (see [`keys_in`]; in a component also [`namespaced_literals`])
/// that English lacks.
fn unknown_keys(source: &str, component: bool) -> Vec<String> {
    let english = Translations::embedded();
    let mut keys = keys_in(source);
    if component {
        keys.extend(namespaced_literals(source, &english_namespaces()));
    }
    keys.into_iter()
        .filter(|k| english.lookup(Locale::En, k).is_none())
        .collect()
}

#[test]
fn every_literal_translation_key_in_src_exists_in_english() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    files.sort();
    let namespaces = english_namespaces();
    let mut found = BTreeSet::new();
    let mut unknown = Vec::new();
    for file in &files {
        let source = std::fs::read_to_string(file).unwrap();
        let component = file.starts_with(root.join("ui"));
        found.extend(keys_in(&source));
        if component {
            found.extend(namespaced_literals(&source, &namespaces));
        }
        for key in unknown_keys(&source, component) {
            unknown.push(format!("{}: {key}", file.display()));
        }
    }
    assert!(
        unknown.is_empty(),
        "keys missing in locales/en.json:\n{unknown:#?}"
    );
    // The scanner does find the keys (a scanner that finds none would pass anything).
    assert!(found.len() > 200, "only {} keys found in src/", found.len());
}

#[test]
fn the_scanner_finds_keys_in_every_kind_of_call() {
    let source = r#"
        fn view() {
            let a = tr.t("app.title");
            let b = tr.f("result.year", &[("n", &n.to_string())]);
            let c = tr.t(if yes { "value.yes" } else { "value.no" });
            let d = t.text(Locale::En, "app.document_title");
            let e = t.lookup(locale, "app.skip");
            banner.show(Banner::new("error.preset").with_detail(e.to_string()));
            state.update_noting("undo.claim_removed", |s| s.x = 1);
            self.replace_noting(scenario, "undo.replaced");
            view! { <NumberField label_key="org.users" help_key=Some("scenario.appetite.help") /> }
        }
        fn condition_key(c: C) -> &'static str {
            match c { C::A => "condition.always", C::B => "condition.hosted" }
        }
        const FIELD_LABEL_KEYS: &[(&str, &str)] = &[("licence_amount", "field.licence_amount")];
    "#;
    let keys = keys_in(source);
    for key in [
        "app.title",
        "result.year",
        "value.yes",
        "value.no",
        "app.document_title",
        "app.skip",
        "error.preset",
        "undo.claim_removed",
        "undo.replaced",
        "org.users",
        "scenario.appetite.help",
        "condition.always",
        "condition.hosted",
        "field.licence_amount",
    ] {
        assert!(keys.contains(key), "{key} not found in {keys:?}");
    }
    // Arguments that are not keys: placeholders' names and values, the field id in the table.
    for not_a_key in ["n", "licence_amount"] {
        assert!(!keys.contains(not_a_key), "{not_a_key} taken for a key");
    }
    assert!(
        unknown_keys(source, true).is_empty(),
        "{:?}",
        unknown_keys(source, true)
    );
}

#[test]
fn the_scanner_catches_a_mistyped_key() {
    let source = r#"
        let label = move || tr.t("app.titel");
        let text = tr.f("result.yaer", &[("n", "1")]);
        view! { <NumberField label_key="org.user" /> }
        fn confidence_key(c: Confidence) -> &'static str { "confidence.sure" }
    "#;
    assert_eq!(
        unknown_keys(source, false),
        ["app.titel", "confidence.sure", "org.user", "result.yaer"]
    );
}

#[test]
fn in_a_component_a_mistyped_key_in_a_table_is_caught_too() {
    let source = r#"
        let rows = [("cat.licence", c.licence), ("cat.licnce", c.hosting)];
        let file = "collab-risk.lang"; let css = "style.css"; let path = "options[0].platform";
    "#;
    // Not passed to a call: only the component rule sees them; other namespaces are not keys.
    assert!(unknown_keys(source, false).is_empty());
    assert_eq!(unknown_keys(source, true), ["cat.licnce"]);
}

#[test]
fn the_scanner_ignores_comments_strings_and_run_time_keys() {
    let source = r##"
        // tr.t("in.a.comment")
        /* tr.t("in.a.block") /* nested */ tr.t("still.in.it") */
        //! let users = tr.t("org.users.doc");
        let url = "https://example.org/tr.t(\"inside.a.string\")";
        let quote = '"'; let lifetime: &'static str = "x";
        let key = tr.t(&format!("choice.{field_id}.{c}"));
        let raw = r#"tr.t("raw.text")"#;
    "##;
    assert!(keys_in(source).is_empty(), "{:?}", keys_in(source));
}
