//! Share links: the whole scenario (simulation seed included) in the URL fragment, so the
//! page can reproduce it and nothing is sent to any server (browsers never send the fragment).
//!
//! Format (version 1): `#s=1.<payload>` where `payload` is
//! `base64url-no-pad(zlib(compact scenario JSON))`. The fragment is a list of
//! `&`-separated `key=value` pairs; the scenario is under key `s`, other keys are ignored
//! (room for later additions such as `&lang=pt`). The version comes before the payload so a
//! newer format is recognised, and refused with its own error, without decoding anything.
//!
//! Decoding treats the link as hostile input: at most [`MAX_FRAGMENT_BYTES`] of fragment, the
//! inflater stops at [`MAX_INFLATED_BYTES`] (or the catalog's `limits.input_bytes`, whichever is
//! smaller) so a "zip bomb" costs at most that much memory and time, trailing bytes after the
//! deflate stream are refused, and the JSON goes through the same parser and validation as an
//! imported file. The zlib wrapper carries an Adler-32 checksum, so a link altered in transit
//! (a changed character that still inflates) is refused as corrupt rather than read as another
//! scenario.
//!
//! Two codecs make and read the same links: native builds (the evaluator, the tests) use
//! miniz_oxide through [`encode_fragment`] and [`decode_fragment`]; the browser uses its own
//! `CompressionStream`/`DecompressionStream` (zlib format, `ui::browser_zlib`) between the pure
//! steps [`link_json`] → [`fragment_from_deflated`] and [`link_payload`] →
//! [`scenario_from_link_json`], so no deflate code ships in the wasm (docs/size.md).
//!
//! ```
//! use collab_risk::model::{catalog::Catalog, presets, share};
//! use collab_risk::model::error::InputError;
//! let catalog = Catalog::embedded().unwrap();
//! let scenario = presets::load("clinic-30").unwrap();
//! let fragment = share::encode_fragment(&scenario).unwrap();
//! assert!(fragment.starts_with("s=1."));
//! let url = format!("https://example.org/tools/collab-risk/?embed=1#{fragment}");
//! assert_eq!(share::decode_fragment(&url, catalog).unwrap(), scenario);
//! let err = share::decode_fragment("#s=2.AAAA", catalog).unwrap_err();
//! assert_eq!(err.code(), "share_newer_version");
//! ```
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
#[cfg(not(target_arch = "wasm32"))]
use miniz_oxide::inflate::{
    core::{decompress, inflate_flags, DecompressorOxide},
    TINFLStatus,
};
use thiserror::Error;

use super::catalog::Catalog;
use super::error::{InputError, ModelError};
use super::scenario::Scenario;

/// Fragment key holding the scenario.
pub const SHARE_KEY: &str = "s";
/// Link format version this build writes and reads.
pub const SHARE_VERSION: u32 = 1;
/// Longest fragment (bytes after `#`) accepted or produced: 64 KiB.
pub const MAX_FRAGMENT_BYTES: usize = 64 * 1024;
/// Hard cap on the inflated JSON, whatever the catalog says: 1 MiB.
pub const MAX_INFLATED_BYTES: usize = 1024 * 1024;
/// Deflate level used by [`encode_fragment`] (miniz scale 0–10; 9 = best).
#[cfg(not(target_arch = "wasm32"))]
const DEFLATE_LEVEL: u8 = 9;

/// Why a share link was refused. [`ShareError::code`] is stable, for translation.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ShareError {
    /// Nothing to decode (`""`, `"#"`, `"#s="`).
    #[error("the link contains no scenario")]
    Empty,
    /// A fragment without the `s` key (e.g. `#section-2`, or a URL without a fragment).
    #[error("not a collab-risk share link")]
    NotAShareLink,
    /// Made by a newer build (version > [`SHARE_VERSION`]).
    #[error("share link version {found} is newer than this build (reads version {SHARE_VERSION})")]
    UnsupportedVersion { found: u32 },
    /// Version missing or not a number, or the payload is not base64url.
    #[error("the share link is malformed: {reason}")]
    Malformed { reason: String },
    /// The payload is not a complete deflate stream (cut off or altered).
    #[error("the share link is damaged: {reason}")]
    Corrupt { reason: String },
    /// The fragment or its inflated content exceeds `limit` bytes.
    #[error("the share link exceeds the limit of {limit} bytes")]
    TooLarge { limit: usize },
    /// The content is not a valid scenario (names the field).
    #[error("the shared scenario is invalid: {0}")]
    InvalidScenario(ModelError),
    /// The browser has no zlib codec (`CompressionStream`, e.g. Safari before 16.4): it can
    /// neither open nor make links. Native builds never return it.
    #[error("this browser cannot compress or decompress share links")]
    Unsupported,
}

impl InputError for ShareError {
    /// Stable machine code, for translation in the UI.
    fn code(&self) -> &'static str {
        match self {
            ShareError::Empty => "share_empty",
            ShareError::NotAShareLink => "share_not_a_link",
            ShareError::UnsupportedVersion { .. } => "share_newer_version",
            ShareError::Malformed { .. } => "share_malformed",
            ShareError::Corrupt { .. } => "share_corrupt",
            ShareError::TooLarge { .. } => "share_too_large",
            ShareError::InvalidScenario(_) => "share_invalid_scenario",
            ShareError::Unsupported => "share_unsupported",
        }
    }

    /// The underlying model error (its own `code()` says what is wrong with the field).
    fn model_error(&self) -> Option<&ModelError> {
        match self {
            ShareError::InvalidScenario(e) => Some(e),
            _ => None,
        }
    }
}

/// The fragment (without `#`) for `scenario`: `s=1.<base64url(deflate(json))>`.
///
/// Refuses ([`ShareError::TooLarge`]) a scenario whose link would exceed what
/// [`decode_fragment`] accepts, so every produced link can be opened. Native builds only: the
/// browser deflates with its own `CompressionStream` (`ui::browser_zlib`) around
/// [`link_json`] and [`fragment_from_deflated`], which keeps a zlib codec out of the wasm.
#[cfg(not(target_arch = "wasm32"))]
pub fn encode_fragment(scenario: &Scenario) -> Result<String, ShareError> {
    let json = link_json(scenario)?;
    fragment_from_deflated(&miniz_oxide::deflate::compress_to_vec_zlib(
        &json,
        DEFLATE_LEVEL,
    ))
}

/// Decode a share link: a bare fragment (`s=1.…`), with its `#`, or a whole URL (what
/// follows the first `#`). Validates the scenario against `catalog`. Native builds only; the
/// browser inflates with `DecompressionStream` between [`link_payload`] and
/// [`scenario_from_link_json`], under the same limit.
#[cfg(not(target_arch = "wasm32"))]
pub fn decode_fragment(fragment: &str, catalog: &Catalog) -> Result<Scenario, ShareError> {
    let payload = link_payload(fragment, catalog)?;
    let json = inflate_limited(&payload.deflated, payload.limit)?;
    scenario_from_link_json(&json, catalog)
}

/// The compact scenario JSON a link carries, refused if no link could hold it.
pub fn link_json(scenario: &Scenario) -> Result<Vec<u8>, ShareError> {
    let json = serde_json::to_vec(scenario).map_err(|e| {
        ShareError::InvalidScenario(ModelError::InvalidJson {
            path: String::new(),
            message: e.to_string(),
        })
    })?;
    if json.len() > MAX_INFLATED_BYTES {
        return Err(ShareError::TooLarge {
            limit: MAX_INFLATED_BYTES,
        });
    }
    Ok(json)
}

/// The fragment for a zlib stream of [`link_json`]: `s=1.<base64url>`, refused past
/// [`MAX_FRAGMENT_BYTES`].
pub fn fragment_from_deflated(deflated: &[u8]) -> Result<String, ShareError> {
    let prefix = format!("{SHARE_KEY}={SHARE_VERSION}.");
    let fragment = prefix + &URL_SAFE_NO_PAD.encode(deflated);
    if fragment.len() > MAX_FRAGMENT_BYTES {
        return Err(ShareError::TooLarge {
            limit: MAX_FRAGMENT_BYTES,
        });
    }
    Ok(fragment)
}

/// A share link taken apart, before inflating: the zlib stream and the most it may inflate to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkPayload {
    pub deflated: Vec<u8>,
    /// Bytes of JSON the inflater must stop at ([`MAX_INFLATED_BYTES`] or the catalog's
    /// `limits.input_bytes`, whichever is smaller).
    pub limit: usize,
}

/// Everything [`decode_fragment`] checks before inflating: length, the `s` key, the version,
/// base64url.
pub fn link_payload(fragment: &str, catalog: &Catalog) -> Result<LinkPayload, ShareError> {
    let fragment = match fragment.split_once('#') {
        Some((_, after)) => after,
        None => fragment,
    };
    if fragment.len() > MAX_FRAGMENT_BYTES {
        return Err(ShareError::TooLarge {
            limit: MAX_FRAGMENT_BYTES,
        });
    }
    let fragment = fragment.trim();
    if fragment.is_empty() {
        return Err(ShareError::Empty);
    }
    let value = share_value(fragment)?;
    if value.is_empty() {
        return Err(ShareError::Empty);
    }
    let (version, payload) = value
        .split_once('.')
        .ok_or_else(|| malformed("no version"))?;
    match parse_version(version)? {
        SHARE_VERSION => {}
        found if found > SHARE_VERSION => return Err(ShareError::UnsupportedVersion { found }),
        _ => return Err(malformed("unknown version")),
    }
    let compact: String = payload
        .chars()
        .filter(|c| !c.is_ascii_whitespace())
        .collect();
    let compact = compact.trim_end_matches('=');
    if compact.is_empty() {
        return Err(ShareError::Corrupt {
            reason: "no data after the version".into(),
        });
    }
    let deflated = URL_SAFE_NO_PAD
        .decode(compact)
        .map_err(|e| malformed(&format!("not base64url ({e})")))?;
    let catalog_max = usize::try_from(catalog.limits.input_bytes.max).unwrap_or(usize::MAX);
    Ok(LinkPayload {
        deflated,
        limit: catalog_max.min(MAX_INFLATED_BYTES),
    })
}

/// The scenario in a link's inflated JSON: the same parser and validation as an imported file.
pub fn scenario_from_link_json(json: &[u8], catalog: &Catalog) -> Result<Scenario, ShareError> {
    Scenario::from_json_bytes(json, catalog).map_err(ShareError::InvalidScenario)
}

fn malformed(reason: &str) -> ShareError {
    ShareError::Malformed {
        reason: reason.to_string(),
    }
}

/// The value of the one `s` key among `&`-separated `key=value` pairs.
fn share_value(fragment: &str) -> Result<&str, ShareError> {
    let mut found = None;
    for pair in fragment.split('&') {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        if key.trim() == SHARE_KEY {
            if found.is_some() {
                return Err(malformed("the scenario key appears twice"));
            }
            found = Some(value.trim());
        }
    }
    found.ok_or(ShareError::NotAShareLink)
}

/// `1`–`999999999` in canonical decimal (no sign, no leading zero).
fn parse_version(text: &str) -> Result<u32, ShareError> {
    let canonical = !text.is_empty()
        && text.len() <= 9
        && text.bytes().all(|b| b.is_ascii_digit())
        && !(text.len() > 1 && text.starts_with('0'));
    if !canonical {
        return Err(malformed("the version is not a number"));
    }
    text.parse::<u32>()
        .map_err(|_| malformed("the version is not a number"))
}

/// Inflate a zlib stream (header and Adler-32 checked), refusing more than `limit` bytes of output, an incomplete
/// stream and trailing bytes. Memory and time are bounded by `limit` and the input length.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn inflate_limited(input: &[u8], limit: usize) -> Result<Vec<u8>, ShareError> {
    let flags = inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF
        | inflate_flags::TINFL_FLAG_PARSE_ZLIB_HEADER
        | inflate_flags::TINFL_FLAG_COMPUTE_ADLER32;
    let mut out: Vec<u8> = vec![0; input.len().saturating_mul(4).clamp(64, limit.max(64))];
    let mut decompressor = Box::<DecompressorOxide>::default();
    let mut rest = input;
    let mut out_pos = 0usize;
    loop {
        let (status, consumed, produced) =
            decompress(&mut decompressor, rest, &mut out, out_pos, flags);
        out_pos = out_pos.saturating_add(produced);
        rest = rest.get(consumed..).ok_or_else(|| ShareError::Corrupt {
            reason: "inflate overran its input".into(),
        })?;
        match status {
            TINFLStatus::Done => {
                if !rest.is_empty() {
                    return Err(ShareError::Corrupt {
                        reason: "trailing data after the compressed scenario".into(),
                    });
                }
                if out_pos > limit {
                    return Err(ShareError::TooLarge { limit });
                }
                out.truncate(out_pos);
                return Ok(out);
            }
            TINFLStatus::HasMoreOutput => {
                if out.len() > limit {
                    return Err(ShareError::TooLarge { limit });
                }
                // One byte over the limit, so "exactly `limit`" is accepted and more is not.
                let grown = out.len().saturating_mul(2).min(limit.saturating_add(1));
                out.resize(grown, 0);
            }
            TINFLStatus::NeedsMoreInput | TINFLStatus::FailedCannotMakeProgress => {
                return Err(ShareError::Corrupt {
                    reason: "the compressed scenario is cut off".into(),
                })
            }
            _ => {
                return Err(ShareError::Corrupt {
                    reason: "the compressed scenario is not valid deflate data".into(),
                })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::presets;
    use crate::model::report::evaluate;

    fn catalog() -> &'static Catalog {
        Catalog::embedded().unwrap()
    }

    fn link(json: &[u8]) -> String {
        format!(
            "#s=1.{}",
            URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec_zlib(json, 6))
        )
    }

    fn code(input: &str) -> &'static str {
        decode_fragment(input, catalog()).unwrap_err().code()
    }

    #[test]
    fn round_trip_every_preset_with_identical_report() {
        for name in presets::names() {
            let scenario = presets::load(name).unwrap();
            let fragment = encode_fragment(&scenario).unwrap();
            assert!(fragment.starts_with("s=1."), "{fragment}");
            assert!(fragment.len() < 4096, "{name}: {} bytes", fragment.len());
            let back = decode_fragment(&fragment, catalog()).unwrap();
            assert_eq!(back, scenario);
            let a = evaluate(&scenario, catalog()).unwrap().to_json_pretty();
            let b = evaluate(&back, catalog()).unwrap().to_json_pretty();
            assert_eq!(a.unwrap(), b.unwrap());
        }
    }

    #[test]
    fn accepts_hash_url_extra_keys_whitespace_and_padding() {
        let scenario = presets::load("article-50").unwrap();
        let fragment = encode_fragment(&scenario).unwrap();
        let payload = fragment.strip_prefix("s=1.").unwrap();
        let wrapped: String = payload
            .as_bytes()
            .chunks(40)
            .map(|c| std::str::from_utf8(c).unwrap())
            .collect::<Vec<_>>()
            .join("\n ");
        for input in [
            format!("#{fragment}"),
            format!("https://example.org/a/?embed=1#{fragment}"),
            format!("#lang=pt&{fragment}&x=1"),
            format!("#x&{fragment}"),
            format!("  #s=1.{wrapped}==  "),
        ] {
            assert_eq!(
                decode_fragment(&input, catalog()).unwrap(),
                scenario,
                "{input}"
            );
        }
    }

    #[test]
    fn refuses_hand_made_bad_links_with_codes() {
        let valid = encode_fragment(&presets::load("bank-200").unwrap()).unwrap();
        assert_eq!(code(""), "share_empty");
        assert_eq!(code("   "), "share_empty");
        assert_eq!(code("#"), "share_empty");
        assert_eq!(code("#s="), "share_empty");
        assert_eq!(code("#s=1."), "share_corrupt");
        assert_eq!(code("#s=1"), "share_malformed");
        assert_eq!(code("#s=2.xxx"), "share_newer_version");
        assert_eq!(
            decode_fragment("#s=2.xxx", catalog()).unwrap_err(),
            ShareError::UnsupportedVersion { found: 2 }
        );
        assert_eq!(code("#s=999999999.x"), "share_newer_version");
        assert_eq!(code("#s=0.xxx"), "share_malformed");
        assert_eq!(code("#s=01.xxx"), "share_malformed");
        assert_eq!(code("#s=-1.xxx"), "share_malformed");
        assert_eq!(code("#s=1e0.xxx"), "share_malformed");
        assert_eq!(code("#s=99999999999999999999.xxx"), "share_malformed");
        assert_eq!(code("#s=1.!!!!"), "share_malformed");
        assert_eq!(code("#s=1.a+b/"), "share_malformed");
        assert_eq!(code("#section-2"), "share_not_a_link");
        assert_eq!(code("#/about"), "share_not_a_link");
        assert_eq!(code("https://example.org/page"), "share_not_a_link");
        assert_eq!(code("https://example.org/?s=1.abc"), "share_not_a_link");
        assert_eq!(code("https://example.org/#top"), "share_not_a_link");
        assert_eq!(code(&format!("#{valid}&{valid}")), "share_malformed");
        // Truncated valid link: cut anywhere in the payload.
        let n = valid.len();
        for cut in [5, n / 3, n / 2, n - 8, n - 1] {
            let c = code(&valid[..cut]);
            assert!(
                ["share_corrupt", "share_malformed"].contains(&c),
                "cut {cut}: {c}"
            );
        }
        // Trailing data after the deflate stream.
        let mut bytes = URL_SAFE_NO_PAD.decode(&valid[4..]).unwrap();
        bytes.extend_from_slice(b"junk");
        let extended = format!("s=1.{}", URL_SAFE_NO_PAD.encode(&bytes));
        assert_eq!(code(&extended), "share_corrupt");
    }

    #[test]
    fn flipped_bits_never_panic_and_never_pass_unvalidated() {
        let scenario = presets::load("school-80").unwrap();
        let valid = encode_fragment(&scenario).unwrap();
        let payload = URL_SAFE_NO_PAD.decode(&valid[4..]).unwrap();
        let mut refused = 0;
        for i in 0..payload.len() * 8 {
            let mut bytes = payload.clone();
            bytes[i / 8] ^= 1 << (i % 8);
            let input = format!("s=1.{}", URL_SAFE_NO_PAD.encode(&bytes));
            match decode_fragment(&input, catalog()) {
                Ok(s) => s.validate(catalog()).unwrap(),
                Err(e) => {
                    refused += 1;
                    assert!(
                        ["share_corrupt", "share_invalid_scenario", "share_too_large"]
                            .contains(&e.code()),
                        "{e}"
                    );
                }
            }
        }
        assert!(refused > payload.len() * 4, "{refused}");
        // The middle bit on the base64 text itself.
        let mut text = valid.into_bytes();
        let mid = text.len() / 2;
        text[mid] = if text[mid] == b'A' { b'B' } else { b'A' };
        let _ = decode_fragment(std::str::from_utf8(&text).unwrap(), catalog());
    }

    #[test]
    fn garbage_at_every_layer() {
        // Valid base64 of garbage: not deflate.
        let garbage = format!("s=1.{}", URL_SAFE_NO_PAD.encode([0xffu8; 64]));
        assert_eq!(code(&garbage), "share_corrupt");
        // Valid deflate of non-JSON.
        let e = decode_fragment(&link(b"hello, world"), catalog()).unwrap_err();
        assert_eq!(e.code(), "share_invalid_scenario");
        assert_eq!(e.model_error().unwrap().code(), "invalid_json");
        // Valid deflate of non-UTF-8.
        let e = decode_fragment(&link(&[0xc3, 0x28, 0xa0]), catalog()).unwrap_err();
        assert_eq!(e.model_error().unwrap().code(), "not_utf8");
        // Valid JSON of the wrong shape.
        let e = decode_fragment(&link(b"[1,2,3]"), catalog()).unwrap_err();
        assert_eq!(e.code(), "share_invalid_scenario");
        assert_eq!(e.model_error().unwrap().code(), "wrong_type");
        let e = decode_fragment(&link(br#"{"format":"collab-risk/report"}"#), catalog());
        assert_eq!(
            e.unwrap_err().model_error().unwrap().code(),
            "unsupported_format"
        );
        // Valid scenario with a bad field: the path is the detail.
        let mut json = serde_json::to_value(presets::load("article-50").unwrap()).unwrap();
        json["organisation"]["users"] = serde_json::json!(0);
        let e = decode_fragment(&link(json.to_string().as_bytes()), catalog()).unwrap_err();
        assert_eq!(e.code(), "share_invalid_scenario");
        assert_eq!(e.detail(), Some("organisation.users"));
        // Deeply nested JSON: serde_json's recursion limit, not a stack overflow.
        let deep = "[".repeat(100_000);
        let e = decode_fragment(&link(deep.as_bytes()), catalog()).unwrap_err();
        assert_eq!(e.model_error().unwrap().code(), "invalid_json");
    }

    #[test]
    fn zip_bombs_are_refused_cheaply() {
        // 50 MB of zeros deflates to ~50 KB, ~65 KB of base64: refused before decoding.
        let zeros = vec![b' '; 50_000_000];
        let bomb = link(&zeros);
        let start = std::time::Instant::now();
        assert_eq!(code(&bomb), "share_too_large");
        // 20 MB fits in the fragment limit: the inflater stops at 1 MiB.
        let bomb = link(&zeros[..20_000_000]);
        assert!(bomb.len() < MAX_FRAGMENT_BYTES, "{}", bomb.len());
        assert_eq!(
            decode_fragment(&bomb, catalog()).unwrap_err(),
            ShareError::TooLarge {
                limit: MAX_INFLATED_BYTES
            }
        );
        assert!(start.elapsed().as_secs() < 2);
        // Exactly at the limit is allowed through to the JSON parser; one more byte is not.
        let exact = inflate_limited(
            &miniz_oxide::deflate::compress_to_vec_zlib(&zeros[..1000], 6),
            1000,
        );
        assert_eq!(exact.unwrap().len(), 1000);
        let over = inflate_limited(
            &miniz_oxide::deflate::compress_to_vec_zlib(&zeros[..1001], 6),
            1000,
        );
        assert_eq!(over.unwrap_err(), ShareError::TooLarge { limit: 1000 });
        // An over-long fragment is refused whatever it contains.
        let long = format!("#s=1.{}", "A".repeat(MAX_FRAGMENT_BYTES));
        assert_eq!(code(&long), "share_too_large");
    }

    #[test]
    fn encode_refuses_what_decode_would_refuse() {
        let mut scenario = presets::load("article-50").unwrap();
        // Incompressible text: ~700 KB of JSON cannot fit in 64 KiB of link.
        let mut x: u64 = 1;
        scenario.note = Some(
            (0..100_000)
                .map(|_| {
                    x = x
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    char::from_u32(0x4e00 + ((x >> 33) % 20_000) as u32).unwrap()
                })
                .collect(),
        );
        assert_eq!(
            encode_fragment(&scenario).unwrap_err().code(),
            "share_too_large"
        );
    }

    #[test]
    fn every_code_is_distinct() {
        let all = [
            ShareError::Empty,
            ShareError::NotAShareLink,
            ShareError::UnsupportedVersion { found: 2 },
            malformed("x"),
            ShareError::Corrupt { reason: "x".into() },
            ShareError::TooLarge { limit: 1 },
            ShareError::InvalidScenario(ModelError::MissingField {
                path: "options".into(),
            }),
        ];
        let codes: std::collections::BTreeSet<_> = all.iter().map(ShareError::code).collect();
        assert_eq!(codes.len(), all.len());
        assert!(codes.iter().all(|c| c.starts_with("share_")));
        assert_eq!(all[6].detail(), Some("options"));
        assert_eq!(all[0].detail(), None);
    }
}
