//! The façade the page, the tests and the benchmarks drive: a daemon, the scenario it started
//! from, and any question awaiting an answer. A line goes to the shell, which calls the CLI,
//! which calls the daemon; the events the daemon recorded come back with the output.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::daemon::Daemon;
use crate::outcome::{Outcome, PendingQuestion};
use crate::rng::Rng;
use crate::store::{ConsistencyError, Store};

/// Bumped whenever the serialised shape changes; older data is refused, not misread.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Engine {
    pub daemon: Daemon,
    pub scenario: String,
    pub pending: Option<PendingQuestion>,
}

/// Read access to the daemon's state (`engine.store`, `engine.now`) for views, tests and
/// lessons. Sessions change through [`Engine::run_line`]; only scenario and synthetic-store
/// builders write `engine.daemon` directly.
impl std::ops::Deref for Engine {
    type Target = Daemon;

    fn deref(&self) -> &Daemon {
        &self.daemon
    }
}

#[derive(Debug, Error)]
pub enum LoadError {
    #[error("the saved session is not valid JSON: {0}")]
    Json(serde_json::Error),
    #[error("the saved session has format version {found}, this playground reads version {expected}")]
    Version { found: u64, expected: u32 },
    #[error("the saved session does not have the expected shape: {0}")]
    Shape(serde_json::Error),
    #[error("the saved session is inconsistent: {0}")]
    Inconsistent(#[from] ConsistencyError),
}

/// The saved session's engine, field by field in the order sessions have always been written:
/// `{"store", "rng", "now", "scenario", "reserved_container", "pending"}`.
#[derive(Serialize)]
struct SavedEngineRef<'a> {
    store: &'a Store,
    rng: &'a Rng,
    now: i64,
    scenario: &'a str,
    reserved_container: &'a Option<(String, String)>,
    pending: &'a Option<PendingQuestion>,
    /// A lesson variant's world (absent for variant 0, as in sessions saved before variants).
    #[serde(skip_serializing_if = "is_zero")]
    variant: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SavedEngine {
    store: Store,
    rng: Rng,
    now: i64,
    scenario: String,
    reserved_container: Option<(String, String)>,
    pending: Option<PendingQuestion>,
    #[serde(default)]
    variant: u32,
}

/// Only the version of a saved session; everything else is skipped unread.
#[derive(Deserialize)]
struct SavedVersion {
    #[serde(default)]
    format_version: u64,
}

#[derive(Deserialize)]
struct Saved {
    engine: SavedEngine,
}

#[derive(Serialize)]
struct SavedRef<'a> {
    format_version: u32,
    engine: SavedEngineRef<'a>,
}

impl Engine {
    pub fn new(seed: u64, now: i64) -> Engine {
        Engine { daemon: Daemon::new(seed, now), scenario: "empty".to_string(), pending: None }
    }

    /// [`Store::is_same_state`] for the whole engine: the store by identity, the rest by value.
    pub fn is_same_state(&self, other: &Engine) -> bool {
        self.daemon.is_same_state(&other.daemon) && self.scenario == other.scenario && self.pending == other.pending
    }

    /// Moves the clock; it never goes backwards.
    pub fn set_now(&mut self, now: i64) {
        self.daemon.set_now(now);
    }

    /// The saved session: `{"format_version": 1, "engine": {…}}`.
    pub fn to_json(&self) -> String {
        let daemon = &self.daemon;
        let saved = SavedRef {
            format_version: FORMAT_VERSION,
            engine: SavedEngineRef {
                store: &daemon.store,
                rng: &daemon.rng,
                now: daemon.now,
                scenario: &self.scenario,
                reserved_container: &daemon.reserved_container,
                pending: &self.pending,
                variant: daemon.world.variant,
            },
        };
        // Serialising plain data into a string cannot fail (no maps with non-string keys).
        serde_json::to_string(&saved).unwrap_or_default()
    }

    /// Loads a saved session, refusing other format versions and inconsistent stores.
    pub fn from_json(text: &str) -> Result<Engine, LoadError> {
        // The version first, so data of another version is refused by it, not by its shape.
        // Both reads parse the text itself, not a `serde_json::Value` in between: each stored
        // type's decoder is then compiled once (for text), which keeps ~4 KB off the page.
        let version: SavedVersion = serde_json::from_str(text).map_err(|e| match e.classify() {
            serde_json::error::Category::Syntax | serde_json::error::Category::Eof => LoadError::Json(e),
            _ => LoadError::Shape(e),
        })?;
        if version.format_version != u64::from(FORMAT_VERSION) {
            return Err(LoadError::Version { found: version.format_version, expected: FORMAT_VERSION });
        }
        let saved: Saved = serde_json::from_str(text).map_err(LoadError::Shape)?;
        let SavedEngine { mut store, rng, now, scenario, reserved_container, pending, variant } = saved.engine;
        store.rebuild_index();
        store.verify()?;
        let mut daemon = Daemon::from_parts(store, rng, now, reserved_container);
        daemon.world = crate::variant::Variant::new(variant).world();
        Ok(Engine { daemon, scenario, pending })
    }

    /// Runs one line typed at the prompt (or the answer to a pending question).
    pub fn run_line(&mut self, line: &str) -> Outcome {
        let daemon = &mut self.daemon;
        let mut outcome = match self.pending.take() {
            Some(question) => crate::cli::answer(daemon, &question, line),
            None => crate::shell::run(line, &mut |args: &[String], stdin: Option<&str>| {
                crate::cli::run(daemon, args, stdin)
            }),
        };
        self.pending = outcome.question.clone();
        outcome.events.extend(self.daemon.take_events());
        outcome
    }

    /// What `line` would do, without changing anything: the preview of the page.
    pub fn dry_run(&self, line: &str) -> Outcome {
        let mut scratch = self.clone();
        scratch.run_line(line)
    }
}
