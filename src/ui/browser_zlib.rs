//! Share links made and read with the browser's zlib (`CompressionStream`/`DecompressionStream`)
//! around the model's pure link steps, so the wasm carries no deflate code (docs/size.md). The
//! links are the same as the native evaluator's (`share::encode_fragment`/`decode_fragment`):
//! each decodes the other's (tests/e2e/share.test.mjs).
use wasm_bindgen::prelude::*;

use crate::model::catalog::Catalog;
use crate::model::scenario::Scenario;
use crate::model::share::{
    fragment_from_deflated, link_json, link_payload, scenario_from_link_json, ShareError,
};

#[wasm_bindgen(module = "/src/ui/browser_zlib.js")]
extern "C" {
    #[wasm_bindgen(catch)]
    async fn deflate(bytes: &[u8]) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch)]
    async fn inflate(bytes: &[u8], limit: f64) -> Result<JsValue, JsValue>;
}

/// What the browser's inflater reports when it refuses: see browser_zlib.js.
fn inflate_error(thrown: JsValue, limit: usize) -> ShareError {
    match thrown.as_string().as_deref() {
        Some("too_large") => ShareError::TooLarge { limit },
        Some("unsupported") => ShareError::Unsupported,
        _ => ShareError::Corrupt {
            reason: "the compressed scenario is cut off, altered or not zlib data".into(),
        },
    }
}

/// The fragment (without `#`) for `scenario`, as `share::encode_fragment` makes it natively.
pub async fn encode_fragment(scenario: &Scenario) -> Result<String, ShareError> {
    let json = link_json(scenario)?;
    // Compressing our own JSON fails only where the browser cannot compress at all.
    let deflated = deflate(&json).await.map_err(|_| ShareError::Unsupported)?;
    fragment_from_deflated(&js_sys::Uint8Array::new(&deflated).to_vec())
}

/// The scenario in a share link (fragment or whole URL), as `share::decode_fragment` reads it
/// natively: the same checks, the same inflate limit, the same validation.
pub async fn decode_fragment(fragment: &str, catalog: &Catalog) -> Result<Scenario, ShareError> {
    let payload = link_payload(fragment, catalog)?;
    // The limit fits an f64 exactly (at most 1 MiB).
    let json = inflate(&payload.deflated, payload.limit as f64)
        .await
        .map_err(|e| inflate_error(e, payload.limit))?;
    scenario_from_link_json(&js_sys::Uint8Array::new(&json).to_vec(), catalog)
}
