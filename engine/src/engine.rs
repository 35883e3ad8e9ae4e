//! The session: the store, the clock, the seeded generator, and any question awaiting an answer.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::outcome::{Event, Outcome};
use crate::rng::Rng;
use crate::store::{ConsistencyError, Store};

/// Bumped whenever the serialised shape changes; older data is refused, not misread.
pub const FORMAT_VERSION: u32 = 1;

/// A question a command asked (`Are you sure you want to continue? [y/N]`); the next line answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum PendingQuestion {
    ImagePrune { all: bool },
    ContainerPrune,
    SystemPrune { all: bool },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Engine {
    pub store: Store,
    pub rng: Rng,
    /// Nanoseconds since the epoch; the embedder moves it (wall clock, or a fixed step in tests).
    pub now: i64,
    pub scenario: String,
    /// The ID and name the next container takes instead of random ones (the book's container).
    pub reserved_container: Option<(String, String)>,
    pub pending: Option<PendingQuestion>,
    #[serde(skip)]
    pub(crate) events: Vec<Event>,
}

#[derive(Debug, Error)]
pub enum LoadError {
    #[error("the saved session is not valid JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("the saved session has format version {found}, this playground reads version {expected}")]
    Version { found: u64, expected: u32 },
    #[error("the saved session is inconsistent: {0}")]
    Inconsistent(#[from] ConsistencyError),
}

/// The stored form. The engine is read and written straight from and to text (never through a
/// `serde_json::Value`), so the wasm carries one serde backend for the store's types, not two.
#[derive(Serialize)]
struct Saving<'a> {
    format_version: u64,
    engine: &'a Engine,
}

/// Read first, so data of another format version is refused by its version, not by its shape.
#[derive(Deserialize)]
struct SavedVersion {
    format_version: u64,
}

#[derive(Deserialize)]
struct Saved {
    engine: Engine,
}

impl Engine {
    pub fn new(seed: u64, now: i64) -> Engine {
        Engine {
            store: Store::default(),
            rng: Rng::new(seed),
            now,
            scenario: "empty".to_string(),
            reserved_container: None,
            pending: None,
            events: Vec::new(),
        }
    }

    pub(crate) fn emit(&mut self, event: Event) {
        self.events.push(event);
    }

    pub(crate) fn take_events(&mut self) -> Vec<Event> {
        std::mem::take(&mut self.events)
    }

    /// [`Store::is_same_state`] for the whole engine: the store by identity, the rest by value.
    pub fn is_same_state(&self, other: &Engine) -> bool {
        self.store.is_same_state(&other.store)
            && self.now == other.now
            && self.rng == other.rng
            && self.scenario == other.scenario
            && self.reserved_container == other.reserved_container
            && self.pending == other.pending
    }

    /// Moves the clock; it never goes backwards.
    pub fn set_now(&mut self, now: i64) {
        self.now = self.now.max(now);
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(&Saving { format_version: u64::from(FORMAT_VERSION), engine: self }).unwrap_or_default()
    }

    /// Loads a saved session, refusing other format versions and inconsistent stores.
    pub fn from_json(text: &str) -> Result<Engine, LoadError> {
        let version: SavedVersion = serde_json::from_str(text)?;
        if version.format_version != u64::from(FORMAT_VERSION) {
            return Err(LoadError::Version { found: version.format_version, expected: FORMAT_VERSION });
        }
        let Saved { mut engine } = serde_json::from_str(text)?;
        engine.store.rebuild_index();
        engine.store.verify()?;
        Ok(engine)
    }

    /// Runs one line typed at the prompt (or the answer to a pending question).
    pub fn run_line(&mut self, line: &str) -> Outcome {
        let mut outcome = match self.pending.take() {
            Some(question) => self.answer(question, line),
            None => crate::shell::run(self, line),
        };
        outcome.events.extend(self.take_events());
        outcome
    }

    /// What `line` would do, without changing anything: the preview of the page.
    pub fn dry_run(&self, line: &str) -> Outcome {
        let mut scratch = self.clone();
        scratch.run_line(line)
    }
}
