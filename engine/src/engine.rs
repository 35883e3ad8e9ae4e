//! The session: the store, the clock, the seeded generator, and any question awaiting an answer.

use thiserror::Error;

use crate::json;
use crate::outcome::{Event, Outcome};
use crate::rng::Rng;
use crate::store::{ConsistencyError, Store};

/// Bumped whenever the serialised shape changes; older data is refused, not misread.
pub const FORMAT_VERSION: u32 = 1;

/// A question a command asked (`Are you sure you want to continue? [y/N]`); the next line answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PendingQuestion {
    ImagePrune { all: bool },
    ContainerPrune,
    SystemPrune { all: bool },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Engine {
    pub store: Store,
    pub rng: Rng,
    /// Nanoseconds since the epoch; the embedder moves it (wall clock, or a fixed step in tests).
    pub now: i64,
    pub scenario: String,
    /// The ID and name the next container takes instead of random ones (the book's container).
    pub reserved_container: Option<(String, String)>,
    pub pending: Option<PendingQuestion>,
    pub(crate) events: Vec<Event>,
}

#[derive(Debug, Error)]
pub enum LoadError {
    #[error("the saved session is not valid JSON: {0}")]
    Json(#[from] crate::json::ParseError),
    #[error("the saved session has format version {found}, this playground reads version {expected}")]
    Version { found: u64, expected: u32 },
    #[error("the saved session does not have the expected shape: {0}")]
    Shape(#[from] crate::json::DecodeError),
    #[error("the saved session is inconsistent: {0}")]
    Inconsistent(#[from] ConsistencyError),
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

    /// The saved session: `{"format_version": 1, "engine": {…}}`.
    pub fn to_json(&self) -> String {
        json::to_compact(&crate::json!({"format_version": FORMAT_VERSION, "engine": self}))
    }

    /// Loads a saved session, refusing other format versions and inconsistent stores.
    pub fn from_json(text: &str) -> Result<Engine, LoadError> {
        let saved = json::parse(text)?;
        // The version first, so data of another version is refused by it, not by its shape.
        let found: u64 = saved.field("format_version")?;
        if found != u64::from(FORMAT_VERSION) {
            return Err(LoadError::Version { found, expected: FORMAT_VERSION });
        }
        let mut engine: Engine = saved.field("engine")?;
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
