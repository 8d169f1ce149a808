//! The app's state: the working scenario, the results derived from it, and the Monte Carlo runner.
//!
//! The deterministic report (costs and risk cells, well under a millisecond) and the model error
//! are one memo of the scenario ([`Evaluation`]); the simulation then runs in small time-boxed chunks between frames,
//! so typing never waits for it. A newer scenario cancels an older run (generation counter).
//! Every write goes through [`AppState::update`] or a replacement, which count it in [`AppState::revision`]:
//! whoever needs "has the scenario changed since" compares revisions, not scenarios.
//!
//! ```ignore
//! let state = AppState::use_context();
//! state.update(|s| s.organisation.users = 80);
//! let total = move || state.deterministic().map(|r| r.options[0].cost.total_mop);
//! ```
use crate::model::catalog::Catalog;
use crate::model::error::ModelError;
use crate::model::report::{
    assemble, evaluate_deterministic, DeterministicReport, OptionDeterministic, Report,
};
use crate::model::scenario::{OptionSpec, Scenario};
use crate::model::simulation::SimulationRun;
use leptos::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;

/// How long one simulation chunk may hold the main thread (ms): well inside a 60 Hz frame.
const CHUNK_BUDGET_MS: f64 = 8.0;
/// Trials per `step` call inside a chunk; the budget is checked between calls.
const STEP_TRIALS: u32 = 250;

/// The embedded catalog, provided once.
#[derive(Clone, Copy)]
pub struct CatalogContext(pub &'static Catalog);

/// Monte Carlo progress and its last finished result.
#[derive(Clone, Default)]
pub struct SimulationState {
    /// 0..1 for the run in progress.
    pub progress: f64,
    pub running: bool,
    /// When the current run started (performance.now(), ms): progress shows after a moment.
    pub started_ms: f64,
    /// The full report of the last finished run; it belongs to the current scenario when
    /// `running` is false.
    pub report: Option<Arc<Report>>,
}

/// What the model says about the working scenario: the last valid deterministic report (it stays
/// on screen while an input is invalid) and why the current scenario cannot be evaluated, if it
/// cannot.
#[derive(Clone, Default)]
pub struct Evaluation {
    pub report: Option<Arc<DeterministicReport>>,
    pub error: Option<ModelError>,
    /// How long the model took (for `make bench`).
    #[cfg(feature = "bench")]
    took_ms: f64,
}

/// Unchanged only when it is the same report (no deep compare of reports) and still valid: an
/// error always notifies (errors are rare; comparing them would cost code for nothing).
impl PartialEq for Evaluation {
    fn eq(&self, other: &Self) -> bool {
        let same_report = match (&self.report, &other.report) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        };
        same_report && self.error.is_none() && other.error.is_none()
    }
}

/// Shared state of the app, provided as context by `App`.
#[derive(Clone, Copy)]
pub struct AppState {
    pub catalog: &'static Catalog,
    /// The working scenario. Read it freely; change it only through [`AppState::update`] and the
    /// replacements, which count the change in [`AppState::revision`].
    pub scenario: RwSignal<Scenario>,
    /// The model's results for the scenario, derived (a memo): see [`AppState::deterministic`]
    /// and [`AppState::model_error`].
    pub evaluation: Memo<Evaluation>,
    pub simulation: RwSignal<SimulationState>,
    /// The scenario a preset, link or file replaced, until the next edit: one step of undo.
    pub replaced: RwSignal<Option<Scenario>>,
    /// What the undo notice says about that replacement (a translation key).
    pub replaced_note: RwSignal<&'static str>,
    revision: StoredValue<u64>,
    relabelled: StoredValue<u64>,
    generation: StoredValue<u64>,
}

pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

impl AppState {
    /// Creates the state; every valid scenario starts a simulation.
    pub fn new(catalog: &'static Catalog, initial: Scenario) -> AppState {
        let scenario = RwSignal::new(initial);
        let evaluation = Memo::new(move |last: Option<&Evaluation>| {
            #[cfg(feature = "bench")]
            let started = now_ms();
            let result = scenario.with(|s| evaluate_deterministic(s, catalog));
            let (report, error) = match result {
                Ok(report) => (Some(Arc::new(report)), None),
                Err(e) => (last.and_then(|l| l.report.clone()), Some(e)),
            };
            Evaluation {
                report,
                error,
                #[cfg(feature = "bench")]
                took_ms: now_ms() - started,
            }
        });
        let state = AppState {
            catalog,
            scenario,
            evaluation,
            simulation: RwSignal::new(SimulationState::default()),
            replaced: RwSignal::new(None),
            replaced_note: RwSignal::new("undo.replaced"),
            revision: StoredValue::new(0),
            relabelled: StoredValue::new(0),
            generation: StoredValue::new(0),
        };
        // The outside world: each new report starts its simulation (timers).
        Effect::new(move |_| {
            let fresh = evaluation.with(|e| e.error.is_none().then(|| e.report.clone()).flatten());
            if let Some(report) = fresh {
                state.start_simulation(report);
            }
        });
        #[cfg(feature = "bench")]
        Effect::new(move |_| {
            // For the benchmark: how long the model itself took for the last change.
            let took = evaluation.with(|e| e.took_ms);
            if let Some(root) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.document_element())
            {
                let _ = root.set_attribute("data-recompute-ms", &format!("{took:.3}"));
            }
        });
        state
    }

    /// The last valid deterministic report (tracked).
    pub fn deterministic(&self) -> Option<Arc<DeterministicReport>> {
        self.evaluation.with(|e| e.report.clone())
    }

    /// Why the current scenario cannot be evaluated, if it cannot (tracked).
    pub fn model_error(&self) -> Option<ModelError> {
        self.evaluation.with(|e| e.error.clone())
    }

    pub fn use_context() -> AppState {
        expect_context::<AppState>()
    }

    /// How many times the scenario has changed (tracked: read in an Effect, it runs again on the
    /// next change). Equal revisions, same scenario: no deep compare needed.
    pub fn revision(&self) -> u64 {
        self.scenario.track();
        self.revision.get_value()
    }

    /// [`AppState::revision`] without tracking: "is this still the scenario I started from?"
    pub fn revision_untracked(&self) -> u64 {
        self.revision.get_value()
    }

    /// The one way the scenario changes: a new revision, then the change.
    fn write(&self, f: impl FnOnce(&mut Scenario)) {
        self.revision.update_value(|r| *r = r.wrapping_add(1));
        self.scenario.update(f);
    }

    /// Changes the working scenario (recomputation follows). An edit ends the chance to undo a
    /// replacement.
    pub fn update(&self, f: impl FnOnce(&mut Scenario)) {
        if self.replaced.with_untracked(Option::is_some) {
            self.replaced.set(None);
        }
        self.write(f);
    }

    /// Rewrites texts the reader did not write (e.g. preset names into a newly chosen language),
    /// in the working scenario and in the one an undo would bring back: a change like any other,
    /// except that the offer to undo a replacement stays. `f` says whether it changed anything;
    /// nothing changed, nothing recomputed.
    pub fn update_texts(&self, f: impl Fn(&mut Scenario) -> bool) {
        self.replaced.update_untracked(|r| {
            if let Some(previous) = r {
                f(previous);
            }
        });
        let mut scenario = self.scenario.get_untracked();
        if f(&mut scenario) {
            self.write(|s| *s = scenario);
            self.relabelled.set_value(self.revision.get_value());
        }
    }

    /// The revision [`AppState::update_texts`] last made (0: none): a change of words, not of
    /// the reader's choices.
    pub fn relabelled_at(&self) -> u64 {
        self.relabelled.get_value()
    }

    /// Reads option `id` of the working scenario (tracked).
    pub fn with_option<R>(&self, id: &str, f: impl FnOnce(&OptionSpec) -> R) -> Option<R> {
        self.scenario.with(|s| s.option(id).map(f))
    }

    /// Changes option `id` of the working scenario, if it is there.
    pub fn update_option(&self, id: &str, f: impl FnOnce(&mut OptionSpec)) {
        self.update(|s| {
            s.edit_option(id, f);
        });
    }

    /// The deterministic results of option `id`, from the last valid report (tracked).
    pub fn option_result<R>(
        &self,
        id: &str,
        f: impl FnOnce(&OptionDeterministic) -> R,
    ) -> Option<R> {
        self.evaluation.with(|e| {
            e.report
                .as_ref()
                .and_then(|r| r.options.iter().find(|o| o.id == id).map(f))
        })
    }

    /// Replaces the working scenario (a preset, a link, an import), keeping the old one for undo.
    pub fn replace(&self, scenario: Scenario) {
        self.replace_noting(scenario, "undo.replaced");
    }

    /// Like [`AppState::replace`], for an edit that throws work away (e.g. a platform change that
    /// resets edited facts); `note` is the translation key of what the undo notice says.
    pub fn replace_noting(&self, scenario: Scenario, note: &'static str) {
        let mut previous = None;
        self.write(|s| previous = Some(std::mem::replace(s, scenario)));
        self.replaced_note.set(note);
        self.replaced.set(previous);
    }

    /// Offers to bring back `previous`, which the working scenario replaced before this state
    /// existed (a share link opened over the reader's saved work); the notice says `note`.
    pub fn offer_undo(&self, previous: Scenario, note: &'static str) {
        self.replaced_note.set(note);
        self.replaced.set(Some(previous));
    }

    /// An edit that throws work away, applied with a way back: the undo notice says `note`.
    pub fn update_noting(&self, note: &'static str, f: impl FnOnce(&mut Scenario)) {
        let mut next = self.scenario.get_untracked();
        f(&mut next);
        self.replace_noting(next, note);
    }

    /// Puts back the scenario the last replacement displaced.
    pub fn undo_replace(&self) {
        if self.replaced.with_untracked(Option::is_none) {
            return;
        }
        if let Some(previous) = self.replaced.try_update(Option::take).flatten() {
            self.write(|s| *s = previous);
        }
    }

    fn start_simulation(&self, report: Arc<DeterministicReport>) {
        let generation = self.generation.get_value().wrapping_add(1);
        self.generation.set_value(generation);
        let run = self
            .scenario
            .with_untracked(|s| SimulationRun::new(s, &report));
        let run = Rc::new(RefCell::new(run));
        self.simulation.update(|s| {
            s.running = true;
            s.progress = 0.0;
            s.started_ms = now_ms();
        });
        if generation == 1 {
            // The page's first run starts after the first frame: the deterministic results and
            // the heatmap are painted before the Monte Carlo takes the main thread (on a slow
            // phone its chunks would otherwise come first).
            let state = *self;
            request_animation_frame(move || state.schedule_chunk(generation, run, report));
        } else {
            self.schedule_chunk(generation, run, report);
        }
    }

    fn schedule_chunk(
        &self,
        generation: u64,
        run: Rc<RefCell<SimulationRun>>,
        report: Arc<DeterministicReport>,
    ) {
        let state = *self;
        set_timeout(
            move || {
                // A newer scenario started its own run: drop this one.
                if state.generation.get_value() != generation {
                    return;
                }
                let started = now_ms();
                let mut done = false;
                if let Ok(mut r) = run.try_borrow_mut() {
                    while !done && now_ms() - started < CHUNK_BUDGET_MS {
                        done = r.step(STEP_TRIALS);
                    }
                }
                if done {
                    let summary = match run.try_borrow_mut() {
                        Ok(mut r) => r.finish(),
                        Err(_) => return,
                    };
                    let full = assemble((*report).clone(), summary);
                    state.simulation.update(|s| {
                        s.running = false;
                        s.progress = 1.0;
                        s.report = Some(Arc::new(full));
                    });
                } else {
                    let progress = run.try_borrow().map(|r| r.progress()).unwrap_or(0.0);
                    state.simulation.update(|s| s.progress = progress);
                    state.schedule_chunk(generation, run, report);
                }
            },
            Duration::ZERO,
        );
    }

    /// The finished simulation report, if it belongs to the current scenario.
    pub fn current_report(&self) -> Option<Arc<Report>> {
        self.simulation
            .with(|s| if s.running { None } else { s.report.clone() })
    }
}
