//! What the page keeps between visits: the session as `{"version", "seed", "engine" (the
//! engine's own saved text), "log"}`, and how a stored session comes back (anything unreadable
//! gives a clean start and a notice saying why).

use std::rc::Rc;

use serde::{Deserialize, Serialize};

use rmi_engine::Engine;

use super::{Entry, Notice, NoticeKind, Session, STORAGE_VERSION};
use crate::share::SharedSession;

impl Session {
    /// What the page stores between visits.
    pub fn to_storage(&self) -> String {
        let saved = SavedRef {
            version: STORAGE_VERSION,
            seed: self.seed,
            engine: self.engine.to_json(),
            log: &self.log,
            journal: self.journal.as_ref(),
        };
        // Plain data with string keys: serialising it cannot fail.
        serde_json::to_string(&saved).unwrap_or_default()
    }

    /// Restores a stored session; anything unreadable gives a clean start and a notice that
    /// says why, never a panic.
    pub fn from_storage(text: &str, fallback_scenario: &str, seed: u64, now: i64) -> Session {
        let saved = serde_json::from_str::<Saved>(text).map_err(|e| e.to_string());
        let problem = match saved {
            Ok(saved) if saved.version != STORAGE_VERSION => Notice {
                kind: NoticeKind::OlderStorage,
                detail: format!("stored version {}, expected {STORAGE_VERSION}", saved.version),
            },
            Ok(saved) => match Engine::from_json(&saved.engine) {
                Ok(mut engine) => {
                    engine.set_now(now);
                    let mut session = Session::new(&engine.scenario.clone(), saved.seed, now);
                    session.engine = engine;
                    session.notice = None;
                    session.next_id = saved.log.iter().map(|e| e.id).max().unwrap_or(0) + 1;
                    session.log = saved.log;
                    session.journal = saved.journal;
                    return session;
                }
                Err(e) => Notice { kind: NoticeKind::CorruptStorage, detail: e.to_string() },
            },
            Err(e) => Notice { kind: NoticeKind::CorruptStorage, detail: e },
        };
        let mut session = Session::new(fallback_scenario, seed, now);
        session.notice = Some(problem);
        session
    }
}

/// What the page stores: `{"version", "seed", "engine" (the engine's own saved text), "log"}`.
#[derive(Serialize)]
struct SavedRef<'a> {
    version: u32,
    seed: u64,
    engine: String,
    log: &'a [Rc<Entry>],
    /// Absent for a session whose start is not known (saved before share links).
    #[serde(skip_serializing_if = "Option::is_none")]
    journal: Option<&'a SharedSession>,
}

#[derive(Deserialize)]
struct Saved {
    version: u32,
    seed: u64,
    engine: String,
    log: Vec<Rc<Entry>>,
    #[serde(default)]
    journal: Option<SharedSession>,
}
