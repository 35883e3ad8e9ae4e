//! The page's whole state and its one reducer: engine, undo/redo history, terminal log, the last
//! command's events (what the graph animates) and any notice. Pure and natively tested; the
//! components only dispatch [`Action`]s.

use std::rc::Rc;

use rmi_engine::{scenarios, Engine, Event, Line};
use serde::{Deserialize, Serialize};

const MAX_UNDO: usize = 100;
const MAX_LOG: usize = 400;
/// Bumped when the stored shape changes; other versions are refused with a notice.
pub const STORAGE_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub id: u64,
    pub command: String,
    pub lines: Vec<Line>,
    pub exit: i32,
    /// The command asked a question; the next line answers it.
    pub awaiting_answer: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    CorruptStorage,
    OlderStorage,
    UnknownScenario,
    UnknownLanguage,
    NothingToUndo,
    NothingToRedo,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub kind: NoticeKind,
    /// Detail in the engine's words (not translated).
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    pub engine: Engine,
    pub undo: Vec<Engine>,
    pub redo: Vec<Engine>,
    pub log: Vec<Entry>,
    pub next_id: u64,
    /// Events of the last state change, in output order (the graph animates them).
    pub last_events: Vec<Event>,
    /// Increases with every state change, so views know when to animate.
    pub generation: u64,
    /// The store before the last change (it still knows what the events removed).
    pub before_last: rmi_engine::Store,
    pub notice: Option<Notice>,
    /// Seed of the scenario's generator, kept so a reset is the same start again.
    pub seed: u64,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// A line typed at the prompt, with the wall clock in nanoseconds.
    Run {
        line: String,
        now: i64,
    },
    Undo,
    Redo,
    Reset {
        now: i64,
    },
    Scenario {
        name: String,
        now: i64,
    },
    ClearLog,
    Notify(Notice),
    DismissNotice,
}

impl Session {
    pub fn new(scenario: &str, seed: u64, now: i64) -> Session {
        let (engine, notice) = match scenarios::build(scenario, seed, now) {
            Some(engine) => (engine, None),
            None => (
                scenarios::build("empty", seed, now).unwrap_or_else(|| Engine::new(seed, now)),
                Some(Notice { kind: NoticeKind::UnknownScenario, detail: scenario.to_string() }),
            ),
        };
        Session {
            engine,
            undo: Vec::new(),
            redo: Vec::new(),
            log: Vec::new(),
            next_id: 1,
            last_events: Vec::new(),
            generation: 0,
            before_last: rmi_engine::Store::default(),
            notice,
            seed,
        }
    }

    pub fn scenario(&self) -> &str {
        &self.engine.scenario
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    fn push_entry(&mut self, command: String, lines: Vec<Line>, exit: i32, awaiting_answer: bool) {
        self.log.push(Entry { id: self.next_id, command, lines, exit, awaiting_answer });
        self.next_id += 1;
        if self.log.len() > MAX_LOG {
            let excess = self.log.len() - MAX_LOG;
            self.log.drain(..excess);
        }
    }

    fn change_to(&mut self, engine: Engine, events: Vec<Event>) {
        self.before_last = std::mem::replace(&mut self.engine, engine).daemon.store;
        self.last_events = events;
        self.generation += 1;
    }

    /// The reducer: a new session from this one and an action. Never panics, whatever the line.
    pub fn apply(&self, action: Action) -> Session {
        let mut next = self.clone();
        match action {
            Action::Run { line, now } => next.run(line, now),
            Action::Undo => next.undo_once(),
            Action::Redo => next.redo_once(),
            Action::Reset { now } => {
                let scenario = self.scenario().to_string();
                next.restart(&scenario, now);
            }
            Action::Scenario { name, now } => next.restart(&name, now),
            Action::ClearLog => next.log.clear(),
            Action::Notify(notice) => next.notice = Some(notice),
            Action::DismissNotice => next.notice = None,
        }
        next
    }

    fn run(&mut self, line: String, now: i64) {
        let trimmed = line.trim();
        if self.engine.pending.is_none() {
            match trimmed {
                "undo" => {
                    self.push_entry(line.clone(), Vec::new(), 0, false);
                    return self.undo_once();
                }
                "redo" => {
                    self.push_entry(line.clone(), Vec::new(), 0, false);
                    return self.redo_once();
                }
                "clear" => return self.log.clear(),
                _ => {}
            }
        }
        let mut engine = self.engine.clone();
        engine.set_now(now);
        let outcome = engine.run_line(&line);
        let changed = !outcome.events.is_empty() || engine.pending != self.engine.pending;
        let awaiting_answer = outcome.awaiting_answer();
        self.push_entry(line, outcome.lines, outcome.exit, awaiting_answer);
        if changed {
            if !outcome.events.is_empty() {
                self.undo.push(self.engine.clone());
                if self.undo.len() > MAX_UNDO {
                    self.undo.remove(0);
                }
                self.redo.clear();
            }
            self.change_to(engine, outcome.events);
        } else {
            // Read-only commands still move the clock and any pending question.
            self.engine = engine;
            self.last_events = outcome.events;
        }
    }

    fn undo_once(&mut self) {
        match self.undo.pop() {
            Some(previous) => {
                let current = std::mem::replace(&mut self.engine, previous.clone());
                self.redo.push(current);
                self.change_to(previous, Vec::new());
            }
            None => self.notice = Some(Notice { kind: NoticeKind::NothingToUndo, detail: String::new() }),
        }
    }

    fn redo_once(&mut self) {
        match self.redo.pop() {
            Some(next) => {
                let current = self.engine.clone();
                self.undo.push(current);
                self.change_to(next, Vec::new());
            }
            None => self.notice = Some(Notice { kind: NoticeKind::NothingToRedo, detail: String::new() }),
        }
    }

    fn restart(&mut self, scenario: &str, now: i64) {
        let fresh = Session::new(scenario, self.seed, now);
        self.notice = fresh.notice;
        self.undo.clear();
        self.redo.clear();
        self.log.clear();
        self.change_to(fresh.engine, Vec::new());
    }

    /// What the page stores between visits.
    pub fn to_storage(&self) -> String {
        let saved =
            SavedRef { version: STORAGE_VERSION, seed: self.seed, engine: self.engine.to_json(), log: &self.log };
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
    log: &'a [Entry],
}

#[derive(Deserialize)]
struct Saved {
    version: u32,
    seed: u64,
    engine: String,
    log: Vec<Entry>,
}

/// yew's `use_reducer` glue: the reducer above on an `Rc`.
impl yew_reducible::Reducible for Session {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(self.apply(action))
    }
}

/// On the web the trait is yew's; natively a stand-in keeps the reducer testable without yew.
#[cfg(target_arch = "wasm32")]
mod yew_reducible {
    pub use yew::Reducible;
}

#[cfg(not(target_arch = "wasm32"))]
mod yew_reducible {
    use std::rc::Rc;

    #[allow(dead_code)] // implemented above so the reducer has one shape on every target
    pub trait Reducible {
        type Action;
        fn reduce(self: Rc<Self>, action: Self::Action) -> Rc<Self>;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_767_225_600_000_000_000;

    fn run(session: &Session, line: &str) -> Session {
        session.apply(Action::Run { line: line.to_string(), now: NOW + 1_000_000_000 })
    }

    #[test]
    fn commands_log_and_change_state_with_undo_and_redo() {
        let s = Session::new("rmi-tutorial", 1, NOW);
        let s = run(&s, "docker rmi myubuntu:latest");
        assert_eq!(s.log.len(), 1);
        assert_eq!(s.log[0].lines[0].text, "Untagged: myubuntu:latest");
        assert!(s.can_undo());
        assert_eq!(s.generation, 1);
        let refs_after = s.engine.store.references.len();
        let s = s.apply(Action::Undo);
        assert_eq!(s.engine.store.references.len(), refs_after + 1);
        assert!(s.can_redo());
        let s = run(&s, "redo");
        assert_eq!(s.engine.store.references.len(), refs_after);
        assert_eq!(s.log.last().map(|e| e.command.as_str()), Some("redo"));
    }

    #[test]
    fn read_only_commands_are_not_undo_steps() {
        let s = Session::new("rmi-tutorial", 1, NOW);
        let s = run(&s, "docker images");
        let s = run(&s, "docker rmi nosuch");
        assert!(!s.can_undo());
        assert_eq!(s.log[1].exit, 1);
        let s = s.apply(Action::Undo);
        assert_eq!(s.notice.as_ref().map(|n| n.kind), Some(NoticeKind::NothingToUndo));
    }

    #[test]
    fn a_new_command_after_undo_drops_the_redo_branch() {
        let s = Session::new("rmi-tutorial", 1, NOW);
        let s = run(&s, "docker rmi myubuntu");
        let s = s.apply(Action::Undo);
        let s = run(&s, "docker tag ubuntu:14.04 mine");
        assert!(!s.can_redo());
    }

    #[test]
    fn prompts_take_the_next_line_even_if_it_says_undo() {
        let s = Session::new("commit-chain", 1, NOW);
        let s = run(&s, "docker image prune");
        assert!(s.log[0].awaiting_answer);
        let s = run(&s, "undo");
        assert!(s.engine.pending.is_none());
        assert_eq!(s.log.len(), 2);
    }

    #[test]
    fn reset_and_scenario_switch_start_over() {
        let s = Session::new("rmi-tutorial", 1, NOW);
        let s = run(&s, "docker rmi ubuntu:14.04");
        let s = s.apply(Action::Reset { now: NOW });
        assert_eq!(s.engine.store.images.len(), 2);
        assert!(s.log.is_empty() && !s.can_undo());
        let s = s.apply(Action::Scenario { name: "nope".into(), now: NOW });
        assert_eq!(s.scenario(), "empty");
        assert_eq!(s.notice.as_ref().map(|n| n.kind), Some(NoticeKind::UnknownScenario));
    }

    /// A session saved by earlier builds still loads, and saving it again writes the same data
    /// (records now come out in ID order, so the text may order them differently; JSON objects
    /// compare without regard to member order).
    #[test]
    fn sessions_saved_by_earlier_builds_load_unchanged() {
        let saved = include_str!("../tests/fixtures/session-v1.json");
        let session = Session::from_storage(saved, "empty", 1, 0);
        assert!(session.notice.is_none(), "{:?}", session.notice);
        assert_eq!(session.engine.store.images.len(), 30);
        let as_data = |text: &str| {
            let mut value: serde_json::Value = serde_json::from_str(text).unwrap();
            let engine: serde_json::Value = serde_json::from_str(value["engine"].as_str().unwrap()).unwrap();
            value["engine"] = engine;
            value
        };
        let resaved = session.to_storage();
        assert_eq!(as_data(&resaved), as_data(saved));
        let again = Session::from_storage(&resaved, "empty", 1, 0);
        assert_eq!(again.to_storage(), resaved, "saving is stable");
    }

    #[test]
    fn storage_round_trip_and_corruption() {
        let s = run(&Session::new("rmi-tutorial", 1, NOW), "docker rmi myubuntu");
        let restored = Session::from_storage(&s.to_storage(), "empty", 1, NOW);
        assert_eq!(restored.engine, s.engine.clone());
        assert_eq!(restored.log, s.log);
        assert!(restored.notice.is_none());
        for bad in ["", "{", "{\"version\":1}", "[1,2]", "{\"version\":0,\"seed\":1,\"engine\":\"\",\"log\":[]}"] {
            let session = Session::from_storage(bad, "rmi-tutorial", 1, NOW);
            assert!(session.notice.is_some(), "{bad:?} gave no notice");
            assert_eq!(session.scenario(), "rmi-tutorial");
        }
        let mut stored: serde_json::Value = serde_json::from_str(&s.to_storage()).unwrap();
        let engine_text = stored["engine"].as_str().unwrap().replace("\"references\":", "\"references_x\":");
        stored["engine"] = engine_text.into();
        let session = Session::from_storage(&stored.to_string(), "empty", 1, NOW);
        assert_eq!(session.notice.map(|n| n.kind), Some(NoticeKind::CorruptStorage));
    }
}
