//! The decision analyses that are too slow for the typing path (best configurations, sensitivity):
//! computed a moment after the last change, each tagged with the scenario revision it belongs to.
//! A result whose revision is not the current one is never shown as current.
use super::state::now_ms;
use super::AppState;
use crate::model::decision::{
    best_configurations, sensitivity, sensitivity_of_leading_pair, BestConfiguration,
    SensitivityAnalysis,
};
use crate::model::scenario::Scenario;
use leptos::prelude::*;
use std::sync::Arc;
use std::time::Duration;

/// Quiet time after the last change before the analyses run (ms): typing never waits for them.
const SETTLE_MS: u64 = 250;
/// How often a waiting analysis checks whether the Monte Carlo has finished (ms).
const IDLE_POLL_MS: u64 = 150;

/// A result and the scenario revision it was computed for (`None`: the model refused the scenario).
#[derive(Clone)]
pub struct Tagged<T> {
    pub revision: u64,
    pub value: Option<Arc<T>>,
}

impl<T> Tagged<T> {
    fn none() -> Self {
        Tagged {
            revision: u64::MAX,
            value: None,
        }
    }
}

/// The pair the reader picked for the tornado (option ids), if any.
pub type PickedPair = Option<(String, String)>;

/// Provided as context by the shell.
#[derive(Clone, Copy)]
pub struct Analyses {
    pub best: RwSignal<Tagged<Vec<BestConfiguration>>>,
    /// Best vs runner-up (what the verdict's "what would change the answer" lines use).
    pub leading: RwSignal<Tagged<SensitivityAnalysis>>,
    /// The reader's pair for the tornado (`None`: the leading pair is shown).
    pub picked_pair: RwSignal<PickedPair>,
    /// The picked pair's sensitivity, with the pair it was computed for.
    pub picked: RwSignal<(PickedPair, Tagged<SensitivityAnalysis>)>,
    generation: StoredValue<u64>,
}

/// The indices of a picked pair in the scenario, when both still exist and differ.
fn pair_indices(s: &Scenario, pair: &PickedPair) -> Option<(usize, usize)> {
    let (a, b) = pair.as_ref()?;
    let index = |id: &str| s.options.iter().position(|o| o.id == id);
    let (a, b) = (index(a)?, index(b)?);
    (a != b).then_some((a, b))
}

impl Analyses {
    /// Creates the signals and the Effect that schedules the analyses after each change.
    pub fn install(state: AppState) -> Analyses {
        let analyses = Analyses {
            best: RwSignal::new(Tagged::none()),
            leading: RwSignal::new(Tagged::none()),
            picked_pair: RwSignal::new(None),
            picked: RwSignal::new((None, Tagged::none())),
            generation: StoredValue::new(0),
        };
        Effect::new(move |_| {
            let revision = state.revision();
            let pair = analyses.picked_pair.get();
            let generation = analyses.generation.get_value().wrapping_add(1);
            analyses.generation.set_value(generation);
            set_timeout(
                move || analyses.run_when_idle(state, revision, pair, generation),
                Duration::from_millis(SETTLE_MS),
            );
        });
        analyses
    }

    /// Runs the analyses for `revision` once the Monte Carlo is not running: they would otherwise
    /// compete with it (and with typing) for the main thread. A newer change cancels the wait.
    fn run_when_idle(self, state: AppState, revision: u64, pair: PickedPair, generation: u64) {
        let analyses = self;
        let current = move || analyses.generation.get_value() == generation;
        if !current() {
            return;
        }
        if state.simulation.with_untracked(|s| s.running) {
            set_timeout(
                move || analyses.run_when_idle(state, revision, pair, generation),
                Duration::from_millis(IDLE_POLL_MS),
            );
            return;
        }
        // A new pair alone leaves the best configurations as they are.
        if analyses.best.with_untracked(|t| t.revision) != revision {
            let started = now_ms();
            let best = state
                .scenario
                .with_untracked(|s| best_configurations(s, state.catalog).ok());
            analyses.record_best_ms(now_ms() - started);
            analyses.best.set(Tagged {
                revision,
                value: best.map(Arc::new),
            });
        }
        // The sensitivity in its own task: the page can paint and take input between.
        set_timeout(
            move || {
                if !current() {
                    return;
                }
                let (leading, picked) = state.scenario.with_untracked(|s| {
                    let leading = sensitivity_of_leading_pair(s, state.catalog).ok();
                    let picked = pair_indices(s, &pair)
                        .and_then(|(a, b)| sensitivity(s, state.catalog, a, b).ok());
                    (leading, picked)
                });
                analyses.leading.set(Tagged {
                    revision,
                    value: leading.map(Arc::new),
                });
                analyses.picked.set((
                    pair,
                    Tagged {
                        revision,
                        value: picked.map(Arc::new),
                    },
                ));
            },
            Duration::ZERO,
        );
    }

    pub fn use_context() -> Analyses {
        expect_context::<Analyses>()
    }

    /// Each option's best configuration, if computed for the current scenario (tracked).
    pub fn current_best(&self, state: AppState) -> Option<Arc<Vec<BestConfiguration>>> {
        let revision = state.revision();
        self.best
            .with(|t| (t.revision == revision).then(|| t.value.clone()).flatten())
    }

    /// The sensitivity the tornado shows: the picked pair if there is one, else the leading pair
    /// (tracked; `None` while computing).
    pub fn current_sensitivity(&self, state: AppState) -> Option<Arc<SensitivityAnalysis>> {
        let pair = self.picked_pair.get();
        let picked = state.scenario.with(|s| pair_indices(s, &pair).is_some());
        if !picked {
            return self.current_leading(state);
        }
        let revision = state.revision();
        self.picked.with(|(for_pair, t)| {
            (t.revision == revision && *for_pair == pair)
                .then(|| t.value.clone())
                .flatten()
        })
    }

    /// The leading pair's sensitivity, if computed for the current scenario (tracked).
    pub fn current_leading(&self, state: AppState) -> Option<Arc<SensitivityAnalysis>> {
        let revision = state.revision();
        self.leading
            .with(|t| (t.revision == revision).then(|| t.value.clone()).flatten())
    }

    /// For `make bench`: how long the best configurations took (`<html data-best-config-ms>`).
    #[cfg(feature = "bench")]
    fn record_best_ms(&self, took: f64) {
        if let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = root.set_attribute("data-best-config-ms", &format!("{took:.3}"));
        }
    }

    #[cfg(not(feature = "bench"))]
    fn record_best_ms(&self, _took: f64) {}
}
