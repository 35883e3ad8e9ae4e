//! Lessons inside the session: the lesson in play and how the reducer opens, restarts and
//! follows it (each command, undo and redo go through the lesson's step machine).

use std::rc::Rc;

use rmi_engine::Outcome;

use super::{Notice, NoticeKind, Session};
use crate::lesson_store;
use crate::lessons::{start_notice, Advance, Lesson, Progress};

/// A lesson in play: the file, the learner's way through it, and what the panel shows.
#[derive(Debug, Clone, PartialEq)]
pub struct LessonState {
    pub lesson: Rc<Lesson>,
    pub progress: Progress,
    /// How many of the current step's hints are shown.
    pub hints_shown: usize,
    /// The solution's commands still to replay, one per [`Action::ReplayNext`]; any other
    /// action of the reader cancels them.
    pub replay: Vec<String>,
}

impl LessonState {
    pub fn is_complete(&self) -> bool {
        self.progress.is_complete(&self.lesson)
    }
}

impl Session {
    /// Opens `lesson`, resuming its `stored` progress when there is one that fits the file.
    /// Either way the daemon is replaced and the undo history dropped: it belongs to another
    /// machine.
    pub(super) fn open_lesson(&mut self, lesson: Rc<Lesson>, stored: Option<&str>, now: i64) -> Result<(), String> {
        let resumed = stored.map(|text| lesson_store::from_storage(text, &lesson, now));
        let (progress, hints_shown, engine, journal, fresh) = match resumed {
            // What led there is not stored: a link is possible again after a restart.
            Some(Ok(resumed)) => (resumed.progress, resumed.hints_shown, resumed.engine, None, false),
            other => match Progress::begin(&lesson, now) {
                Ok((progress, engine)) => {
                    if let Some(Err(why)) = other {
                        self.notice = Some(Notice { kind: NoticeKind::LessonProgressCorrupt, detail: why });
                    }
                    let start = crate::share::Start::Lesson { id: lesson.id.clone(), variant: lesson.variant };
                    let journal = lesson.shareable.then(|| super::journal::fresh(start, self.seed, now));
                    (progress, 0, engine, journal, true)
                }
                // A lesson that cannot start leaves the session as it was, with the reason.
                Err(error) => {
                    self.notice = Some(Notice { kind: NoticeKind::LessonBroken, detail: error.to_string() });
                    return Err(error.to_string());
                }
            },
        };
        // The reader chose a lesson: from now on it is their own session, saved as usual.
        self.shared = false;
        self.journal = journal;
        if fresh {
            if let Some(note) = start_notice(&lesson, 0) {
                self.push_note(note);
            }
        }
        self.undo.clear();
        self.redo.clear();
        self.change_to(engine, Vec::new());
        self.lesson = Some(LessonState { lesson, progress, hints_shown, replay: Vec::new() });
        Ok(())
    }

    /// The current step from its reference start, as one undoable change (the reader can undo
    /// back to where they were), with `replay` queued to run from there.
    pub(super) fn restart_lesson_step(&mut self, now: i64, replay: Vec<String>) {
        let Some(state) = &mut self.lesson else {
            return;
        };
        if state.is_complete() {
            return;
        }
        match state.progress.restart_step(&state.lesson, now) {
            Ok(engine) => {
                state.replay = replay;
                self.push_undo(super::Change::LessonStepRestart, None);
                self.change_to(engine, Vec::new());
            }
            Err(error) => self.notice = Some(Notice { kind: NoticeKind::LessonBroken, detail: error.to_string() }),
        }
    }

    /// Tells the lesson about a command the session just ran and follows where it leads.
    /// `store_changed` is whether this command made an undo step, so that the lesson's undo
    /// takes back the same command as the session's.
    pub(super) fn lesson_after_command(&mut self, line: &str, outcome: &Outcome, store_changed: bool) {
        let Some(state) = &mut self.lesson else {
            return;
        };
        match state.progress.after_command_that_changed(&state.lesson, line, outcome, &self.engine, store_changed) {
            Advance::Stay => {}
            Advance::Complete => {
                state.replay.clear();
                state.hints_shown = 0;
            }
            Advance::Next { step, fresh } => {
                state.replay.clear();
                state.hints_shown = 0;
                if let Some(engine) = fresh {
                    if let Some(note) = start_notice(&state.lesson, step) {
                        self.push_note(note);
                    }
                    self.undo.clear();
                    self.redo.clear();
                    self.change_to(*engine, Vec::new());
                }
            }
            Advance::StartFailed { error, .. } => {
                state.replay.clear();
                self.notice = Some(Notice { kind: NoticeKind::LessonBroken, detail: error.to_string() });
            }
        }
    }
}
