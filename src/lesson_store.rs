//! A lesson's progress kept between visits: one `localStorage` entry per lesson, versioned,
//! holding the learner's [`Progress`], the hints shown and the daemon as it was. Anything that
//! does not fit the lesson file as it is now is refused with a reason (the page shows it and
//! starts the lesson again), never a panic.

use rmi_engine::Engine;
use serde::{Deserialize, Serialize};

use crate::lessons::{Lesson, Progress};
use crate::session::LessonState;

/// Bumped when the stored shape changes; other versions are refused with a notice.
pub const LESSON_STORAGE_VERSION: u32 = 1;

/// Where a lesson's progress is kept: one entry per lesson and variant (variant 0 keeps the key
/// it had before variants existed).
pub fn storage_key(lesson_id: &str, variant: u32) -> String {
    match variant {
        0 => format!("rmi-playground.lesson.{lesson_id}"),
        n => format!("rmi-playground.lesson.{lesson_id}.variant-{n}"),
    }
}

/// The variant `?variant=` asks for: absent is 0; anything but a number from 0 to
/// [`MAX_VARIANT`](crate::lessons::variant::MAX_VARIANT) is refused with the value.
pub fn requested_variant(value: Option<&str>) -> Result<u32, String> {
    let Some(value) = value else { return Ok(0) };
    let number = value.trim();
    match number.parse::<u32>() {
        Ok(n) if n <= crate::lessons::variant::MAX_VARIANT && number.bytes().all(|b| b.is_ascii_digit()) => Ok(n),
        _ => Err(value.to_string()),
    }
}

#[derive(Serialize, Deserialize)]
struct Saved {
    version: u32,
    progress: Progress,
    hints_shown: usize,
    /// The engine's own saved text.
    engine: String,
}

/// What the page stores for the lesson in play, with the daemon it is on.
pub fn to_storage(state: &LessonState, engine: &Engine) -> String {
    let saved = Saved {
        version: LESSON_STORAGE_VERSION,
        progress: state.progress.clone(),
        hints_shown: state.hints_shown,
        engine: engine.to_json(),
    };
    // Plain data with string keys: serialising it cannot fail.
    serde_json::to_string(&saved).unwrap_or_default()
}

/// A stored lesson, read back.
#[derive(Debug)]
pub struct Resumed {
    pub progress: Progress,
    pub hints_shown: usize,
    pub engine: Engine,
}

/// Reads a stored lesson for `lesson`; the error says why it cannot be resumed.
pub fn from_storage(text: &str, lesson: &Lesson, now: i64) -> Result<Resumed, String> {
    let saved: Saved = serde_json::from_str(text).map_err(|e| e.to_string())?;
    if saved.version != LESSON_STORAGE_VERSION {
        return Err(format!("stored version {}, expected {LESSON_STORAGE_VERSION}", saved.version));
    }
    let mut progress = saved.progress;
    let steps = lesson.steps.len();
    // The lesson file may have changed since: progress that does not fit it is not resumed.
    if progress.lesson != lesson.id {
        return Err(format!("stored progress is for lesson {:?}", progress.lesson));
    }
    if progress.step > steps || progress.used.len() != steps || progress.freed.len() != steps {
        return Err(format!("stored progress does not fit the lesson's {steps} steps"));
    }
    let mut engine = Engine::from_json(&saved.engine).map_err(|e| e.to_string())?;
    if engine.world.variant != lesson.variant {
        return Err(format!("stored machine is of variant {}, the lesson of {}", engine.world.variant, lesson.variant));
    }
    engine.set_now(now);
    // The undo history is not kept, so nothing can be redone after a reload.
    progress.undone.clear();
    let hints = lesson.steps.get(progress.step).map_or(0, |s| s.hints.len());
    Ok(Resumed { progress, hints_shown: saved.hints_shown.min(hints), engine })
}

/// How far a learner got in a lesson, for the lesson list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListStatus {
    NotStarted,
    /// At this step (1-based).
    AtStep(usize),
    Done,
}

/// The list's status of a lesson with `steps` steps from its stored entry, if any. Only the
/// progress is read (not the daemon); an unreadable entry counts as not started.
pub fn list_status(stored: Option<&str>, steps: usize) -> ListStatus {
    #[derive(Deserialize)]
    struct Peek {
        version: u32,
        progress: ProgressPeek,
    }
    #[derive(Deserialize)]
    struct ProgressPeek {
        step: usize,
    }
    match stored.and_then(|text| serde_json::from_str::<Peek>(text).ok()) {
        Some(peek) if peek.version == LESSON_STORAGE_VERSION && peek.progress.step >= steps => ListStatus::Done,
        Some(peek) if peek.version == LESSON_STORAGE_VERSION => ListStatus::AtStep(peek.progress.step + 1),
        _ => ListStatus::NotStarted,
    }
}

/// Where the page fetches a lesson from, as the URL asked for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LessonSource {
    /// The URL to fetch, relative to the page.
    pub url: String,
    /// The id the file must have (`?lesson=<id>`); an author's `?lesson-url=` file may have any.
    pub expected_id: Option<String>,
}

/// The lesson `?lesson=<id>` or `?lesson-url=URL` asks for. An id that is not a lesson id
/// (lowercase letters, digits and `-`) is still fetched by name only if it is well formed, so
/// a query cannot point the fetch at another path; an ill-formed one gives `Err` with the id.
pub fn requested_lesson(lesson: Option<&str>, lesson_url: Option<&str>) -> Option<Result<LessonSource, String>> {
    if let Some(id) = lesson {
        let well_formed =
            !id.is_empty() && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        return Some(if well_formed {
            Ok(LessonSource { url: format!("lessons/{id}.json"), expected_id: Some(id.to_string()) })
        } else {
            Err(id.to_string())
        });
    }
    lesson_url
        .filter(|url| !url.trim().is_empty())
        .map(|url| Ok(LessonSource { url: url.to_string(), expected_id: None }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lesson_id_is_fetched_from_the_lessons_folder_and_only_a_well_formed_one() {
        assert_eq!(
            requested_lesson(Some("book-rmi"), None),
            Some(Ok(LessonSource { url: "lessons/book-rmi.json".into(), expected_id: Some("book-rmi".into()) }))
        );
        assert_eq!(requested_lesson(Some("../secret"), None), Some(Err("../secret".into())));
        assert_eq!(requested_lesson(Some(""), None), Some(Err(String::new())));
        assert_eq!(
            requested_lesson(None, Some("https://example.org/l.json")),
            Some(Ok(LessonSource { url: "https://example.org/l.json".into(), expected_id: None }))
        );
        assert_eq!(requested_lesson(None, None), None);
    }

    #[test]
    fn a_variant_is_a_small_number_and_keeps_its_own_progress() {
        assert_eq!(requested_variant(None), Ok(0));
        assert_eq!(requested_variant(Some("7")), Ok(7));
        assert_eq!(requested_variant(Some("9999")), Ok(9999));
        for bad in ["10000", "-1", "+3", "x", "", "1e3", "4294967296"] {
            assert_eq!(requested_variant(Some(bad)), Err(bad.to_string()), "{bad}");
        }
        assert_eq!(storage_key("book-rmi", 0), "rmi-playground.lesson.book-rmi");
        assert_ne!(storage_key("book-rmi", 3), storage_key("book-rmi", 0));
    }

    #[test]
    fn progress_stored_on_one_variant_does_not_resume_another() {
        use crate::lessons::variant::on_variant;
        use crate::session::LessonState;
        let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/lessons/book-rmi.json")).unwrap();
        let book = crate::lessons::parse_lesson(&text).expect("parses");
        let two = on_variant(&book, 2);
        let (progress, engine) = Progress::begin(&two, 0).expect("starts");
        let state = LessonState { lesson: std::rc::Rc::new(two.clone()), progress, hints_shown: 0, replay: Vec::new() };
        let stored = to_storage(&state, &engine);
        let resumed = from_storage(&stored, &two, 0).expect("the same variant resumes");
        assert_eq!(resumed.engine.world.variant, 2);
        assert_eq!(resumed.engine.store, engine.store);
        let other = from_storage(&stored, &on_variant(&book, 3), 0).unwrap_err();
        assert!(other.contains("variant 2"), "{other}");
    }
}
