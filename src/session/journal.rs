//! The session's journal: where it started and what the reader did since, with times, in the
//! share link's own shape ([`SharedSession`]). It is what "copy link" sends, and a link is
//! opened by giving its steps back to the same reducer, so a shared session comes back with
//! the same state, terminal and times.
//!
//! Only what changes the session is written: a run, an undo or redo that did something (after
//! a reload the undo history is gone, so an `undo` that finds nothing is written as a line
//! shown, which must not undo in the replay), `clear`, a scenario chosen, and a lesson's
//! restarts and solutions.

use std::rc::Rc;

use super::{Action, Session};
use crate::lessons::Lesson;
use crate::share::{SharedSession, Start, Step};

const NS_PER_MS: i64 = 1_000_000;

/// Why a link's session could not be rebuilt.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReplayError {
    #[error("the link names scenario {0:?}, which this playground does not have")]
    UnknownScenario(String),
    #[error("the link is for lesson {0:?}; open it with that lesson")]
    LessonNeeded(String),
    #[error("the link has {0} steps, more than the {MAX_STEPS} a session link may have")]
    TooLong(usize),
    #[error("the link's clock ({0} ms) is not a date this playground can start from")]
    BadClock(i64),
}

/// The dates a link may start at: from 1970 to 2200 (the scenarios date images days before it).
const CLOCK_RANGE_MS: std::ops::RangeInclusive<i64> = 0..=7_258_118_400_000;

/// A link replays at most this many steps (a crafted link cannot keep the page busy).
pub const MAX_STEPS: usize = 5_000;

pub(super) fn fresh(start: Start, seed: u64, now: i64) -> SharedSession {
    SharedSession { start, seed, started_ms: now.div_euclid(NS_PER_MS), steps: Vec::new() }
}

impl Session {
    /// The link text of this session, if its journal is known (sessions saved before links
    /// existed, and lessons resumed from storage, start a journal at their next restart).
    pub fn share_link(&self) -> Option<String> {
        self.journal.as_ref().map(crate::share::encode)
    }

    /// Writes what `action` is about to do into the journal (called before it is reduced).
    pub(super) fn record(&mut self, action: &Action) {
        let at = |journal: &SharedSession, now: i64| {
            u64::try_from(now.div_euclid(NS_PER_MS) - journal.started_ms).unwrap_or(0)
        };
        let idle = self.engine.pending.is_none();
        let step = match action {
            Action::Run { line, .. } if idle && line.trim() == "undo" && !self.can_undo() => {
                Some(Step::Shown(line.clone()))
            }
            Action::Run { line, .. } if idle && line.trim() == "redo" && !self.can_redo() => {
                Some(Step::Shown(line.clone()))
            }
            Action::Run { line, now } => self.journal.as_ref().map(|j| Step::Run(at(j, *now), line.clone())),
            Action::ReplayNext { now } => {
                let next = self.lesson.as_ref().and_then(|l| l.replay.first().cloned());
                self.journal.as_ref().zip(next).map(|(j, line)| Step::Run(at(j, *now), line))
            }
            Action::Undo if self.can_undo() => Some(Step::Undo),
            Action::Redo if self.can_redo() => Some(Step::Redo),
            Action::ClearLog => Some(Step::Clear),
            // A lesson's step started again, or the sandbox back at its scenario's start (an undo
            // step the link replays; a session without a journal starts one there instead).
            Action::Reset { now } => self.journal.as_ref().map(|j| Step::RestartStep(at(j, *now))),
            Action::ShowSolution { now } if self.lesson.is_some() => {
                self.journal.as_ref().map(|j| Step::ShowSolution(at(j, *now)))
            }
            Action::RestartLesson { now } if self.lesson.is_some() => {
                self.journal.as_ref().map(|j| Step::RestartLesson(at(j, *now)))
            }
            Action::CloseLesson if self.lesson.is_some() => Some(Step::CloseLesson),
            Action::Scenario { name, now } => self.journal.as_ref().map(|j| Step::Scenario(at(j, *now), name.clone())),
            _ => None,
        };
        if let (Some(journal), Some(step)) = (&mut self.journal, step) {
            journal.steps.push(step);
            // A link past the limit could not be opened: no link rather than a refused one.
            if journal.steps.len() > MAX_STEPS {
                self.journal = None;
            }
        }
    }

    /// The undo and redo history of a session restored from storage, which keeps the daemon as
    /// it is but not the daemons before it: its journal replayed from its start. `None` when the
    /// journal does not lead to the daemon restored (a lesson's session, one saved before
    /// journals, a journal cut at its limit), so no history is made up.
    pub fn history_from_journal(&self) -> Option<(Vec<super::HistoryStep>, Vec<super::HistoryStep>)> {
        let journal = self.journal.as_ref()?;
        if !matches!(journal.start, Start::Scenario(_)) || journal.steps.is_empty() {
            return None;
        }
        let replayed = Session::from_link(journal, None).ok()?;
        let same =
            replayed.engine.store.same_objects(&self.engine.store) && replayed.engine.scenario == self.engine.scenario;
        same.then_some((replayed.undo, replayed.redo))
    }

    /// The session a link describes: its start, then its steps through the reducer. A lesson
    /// link needs the lesson (fetched by the caller, on the link's variant).
    pub fn from_link(link: &SharedSession, lesson: Option<Rc<Lesson>>) -> Result<Session, ReplayError> {
        if link.steps.len() > MAX_STEPS {
            return Err(ReplayError::TooLong(link.steps.len()));
        }
        if !CLOCK_RANGE_MS.contains(&link.started_ms) {
            return Err(ReplayError::BadClock(link.started_ms));
        }
        let started = link.started_ms.saturating_mul(NS_PER_MS);
        let at = |ms: u64| started.saturating_add(i64::try_from(ms).unwrap_or(i64::MAX).saturating_mul(NS_PER_MS));
        let mut session = match &link.start {
            Start::Scenario(name) => {
                if !rmi_engine::scenarios::SCENARIO_NAMES.contains(&name.as_str()) {
                    return Err(ReplayError::UnknownScenario(name.clone()));
                }
                Session::new(name, link.seed, started)
            }
            Start::Lesson { id, variant } => {
                let lesson = lesson
                    .filter(|l| l.id == *id && l.variant == *variant)
                    .ok_or_else(|| ReplayError::LessonNeeded(id.clone()))?;
                let session = Session::new("empty", link.seed, started);
                session.apply(Action::OpenLesson { lesson, stored: None, now: started })
            }
        };
        for step in &link.steps {
            let action = match step {
                Step::Shown(line) => {
                    session.push_entry(line.clone(), Vec::new(), 0, false);
                    session.revision += 1;
                    if let Some(journal) = &mut session.journal {
                        journal.steps.push(step.clone());
                    }
                    continue;
                }
                Step::Run(ms, line) => Action::Run { line: line.clone(), now: at(*ms) },
                Step::Undo => Action::Undo,
                Step::Redo => Action::Redo,
                Step::Clear => Action::ClearLog,
                Step::RestartStep(ms) => Action::Reset { now: at(*ms) },
                Step::ShowSolution(ms) => Action::ShowSolution { now: at(*ms) },
                Step::RestartLesson(ms) => Action::RestartLesson { now: at(*ms) },
                Step::CloseLesson => Action::CloseLesson,
                Step::Scenario(ms, name) => Action::Scenario { name: name.clone(), now: at(*ms) },
            };
            session = session.apply(action);
            // A solution's commands arrive as runs of their own: nothing is left to replay.
            if let Some(lesson) = &mut session.lesson {
                lesson.replay.clear();
            }
        }
        session.notice = None;
        session.shared = true;
        Ok(session)
    }
}
