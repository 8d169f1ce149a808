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
    let handle = window_event_listener(leptos::ev::resize, move |_| {
        size_tick.update(|n| *n = n.wrapping_add(1))
    });
    on_cleanup(move || handle.remove());
    Effect::new(move |_| {
        size_tick.track();
        if let Some(c) = canvas.get() {
            match draw(&c) {
                // Not laid out yet (hidden or zero width): nothing to say.
                Ok(()) | Err(ChartError::NoSize) => problem.set(None),
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
