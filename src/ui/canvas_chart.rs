//! A `<canvas>` whose chart is redrawn whenever its data changes and whenever the window is
//! resized (which also covers zoom and devicePixelRatio changes).
//!
//! Drawing waits for the next animation frame, so the numbers on the page update first and
//! several changes within one frame draw once.
//!
//! ```ignore
//! view! { <CanvasChart testid="heatmap" class="heatmap" label=Signal::derive(|| "Risk heatmap".into())
//!                      data=Signal::derive(move || heatmap_data()) draw=charts::heatmap::draw /> }
//! ```
use super::Tr;
use crate::charts::ChartError;
use leptos::html::Canvas;
use leptos::prelude::*;
use web_sys::HtmlCanvasElement;

#[component]
pub fn CanvasChart<D>(
    testid: &'static str,
    class: &'static str,
    /// Accessible name of the chart (the table twin carries the numbers).
    #[prop(into)]
    label: Signal<String>,
    /// What to draw; `None` leaves the canvas as it is.
    data: Signal<Option<D>>,
    draw: fn(&HtmlCanvasElement, &D) -> Result<(), ChartError>,
) -> impl IntoView
where
    D: Clone + Send + Sync + 'static,
{
    let tr = Tr::use_context();
    let canvas = NodeRef::<Canvas>::new();
    let size_tick = RwSignal::new(0u32);
    let problem = RwSignal::new(None::<ChartError>);
    let draws = StoredValue::new(0u32);
    // Only the newest request draws.
    let pending = StoredValue::new(0u64);
    let handle = window_event_listener(leptos::ev::resize, move |_| {
        size_tick.update(|n| *n = n.wrapping_add(1))
    });
    on_cleanup(move || handle.remove());
    Effect::new(move |_| {
        size_tick.track();
        let Some(d) = data.get() else {
            return;
        };
        let ticket = pending.get_value().wrapping_add(1);
        pending.set_value(ticket);
        request_animation_frame(move || {
            if pending.try_get_value() != Some(ticket) {
                return;
            }
            let Some(c) = canvas.get_untracked() else {
                return;
            };
            match draw(&c, &d) {
                Ok(()) => {
                    problem.set(None);
                    // For tests: how many times the chart has been drawn.
                    let n = draws.get_value().wrapping_add(1);
                    draws.set_value(n);
                    let _ = c.set_attribute("data-drawn", &n.to_string());
                    // For the benchmark: navigation → first drawing.
                    #[cfg(feature = "bench")]
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
        });
    });
    view! {
        <div class=format!("chart {class}")>
            <canvas node_ref=canvas data-testid=testid role="img" aria-label=move || label.get()></canvas>
            {move || problem.get().map(|e| view! { <p class="chart-error">{tr.t("error.chart")}" ("{e.to_string()}")"</p> })}
        </div>
    }
}
