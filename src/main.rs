//! The browser app's entry point (built for wasm32 by Trunk).

#[cfg(target_arch = "wasm32")]
fn main() {
    collab_risk::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("collab-risk is a web app: run `make serve` (or `make build` for dist/).");
    std::process::exit(2);
}
