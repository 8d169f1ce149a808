//! Embeds the JSON data files (catalog, locales, presets) with insignificant whitespace removed
//! for the wasm32 build (smaller download). Native builds embed the files byte for byte, so tests
//! that look for exact text keep working. No dependencies: a tiny string-aware whitespace stripper.
use std::path::Path;

const FILES: &[&str] = &[
    "data/catalog.json",
    "locales/en.json",
    "locales/zh-Hant.json",
    "locales/pt.json",
    "locales/catalog/zh-Hant.json",
    "locales/catalog/pt.json",
    "src/model/presets/article-50.json",
    "src/model/presets/bank-200.json",
    "src/model/presets/clinic-30.json",
    "src/model/presets/school-80.json",
    "src/model/presets/trading-20.json",
];

/// Drops whitespace outside JSON strings (string contents and escapes are kept as they are).
fn minify(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in json.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if !c.is_whitespace() {
            out.push(c);
        }
    }
    out
}

fn main() {
    let out_dir = std::env::var("OUT_DIR").expect("OUT_DIR");
    let wasm = std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32");
    for file in FILES {
        println!("cargo:rerun-if-changed={file}");
        let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{file}: {e}"));
        let text = if wasm { minify(&text) } else { text };
        let dest = Path::new(&out_dir).join(file);
        std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
        std::fs::write(&dest, text).unwrap_or_else(|e| panic!("{}: {e}", dest.display()));
    }
    // The browser fetches the non-English translations (`i18n/<tag>.json`, written into dist/ by
    // scripts/i18n-bundles.mjs) with this version in the query, so a new deploy is never served a
    // cached old translation.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for file in FILES.iter().filter(|f| f.starts_with("locales/")) {
        let bytes = std::fs::read(file).unwrap_or_else(|e| panic!("{file}: {e}"));
        for b in bytes {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    println!("cargo:rustc-env=COLLAB_RISK_I18N_VERSION={hash:016x}");
    println!("cargo:rerun-if-changed=build.rs");
}
