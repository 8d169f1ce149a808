//! A `<canvas>` whose chart is redrawn whenever its data changes and whenever the window is
//! resized (which also covers zoom and devicePixelRatio changes).
//!
//! ```ignore
//! view! { <CanvasChart testid="heatmap" label=Signal::derive(|| "Risk heatmap".into())
//!                      draw=move |c| charts::heatmap::draw(c, &data()) /> }
//! ```
use super::Tr;
use crate::charts::ChartError;
use leptos::html::Canvas;
use leptos::prelude::*;
use web_sys::HtmlCanvasElement;

#[component]
pub fn CanvasChart<F>(
    testid: &'static str,
    class: &'static str,
    /// Accessible name of the chart (the table twin carries the numbers).
    #[prop(into)]
    label: Signal<String>,
    /// Draws the chart; reads the signals it depends on, so it reruns when they change.
    draw: F,
) -> impl IntoView
where
    F: Fn(&HtmlCanvasElement) -> Result<(), ChartError> + 'static,
{
    let tr = Tr::use_context();
    let canvas = NodeRef::<Canvas>::new();
    let size_tick = RwSignal::new(0u32);
    let problem = RwSignal::new(None::<ChartError>);
    let draws = StoredValue::new(0u32);
    let handle = window_event_listener(leptos::ev::resize, move |_| {
        size_tick.update(|n| *n = n.wrapping_add(1))
    });
    on_cleanup(move || handle.remove());
    Effect::new(move |_| {
        size_tick.track();
        if let Some(c) = canvas.get() {
            match draw(&c) {
                Ok(()) => {
                    problem.set(None);
                    // For the benchmark (navigation → chart drawn) and for tests.
                    let n = draws.get_value().wrapping_add(1);
                    draws.set_value(n);
                    let _ = c.set_attribute("data-drawn", &n.to_string());
                    if n == 1 {
                        if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
                            let _ = p.mark(&format!("{testid}-drawn"));
                        }
                    }
                }
                // Not laid out yet (hidden or zero width): nothing to say.
                Err(ChartError::NoSize) => problem.set(None),
                Err(e) => problem.set(Some(e)),
            }
        }
    });
    view! {
        <div class=format!("chart {class}")>
            <canvas node_ref=canvas data-testid=testid role="img" aria-label=move || label.get()></canvas>
            {move || problem.get().map(|e| view! { <p class="chart-error">{tr.t("error.chart")}" ("{e.to_string()}")"</p> })}
        </div>
    }
}
