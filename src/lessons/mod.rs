//! Lessons: exercises read from `lessons/<id>.json`, their goals checked against the daemon
//! after every command. Plain Rust, tested natively; the panel only renders what this module
//! decides.
//!
//! * [`schema`]: the file format and its parser ([`parse_lesson`]).
//! * [`goals`]: whether a goal holds, and its text in both languages.
//! * [`progress`]: the step machine the page drives ([`Progress`]).
//! * [`check`]: what `lesson-check` verifies; [`index`]: `lessons/index.json`.
//! * [`facts`]: the only reader of the engine's store.
//! * [`variant`]: a lesson on another variant of the world; [`code`]: completion codes.

pub mod check;
pub mod code;
pub mod facts;
pub mod goals;
pub mod index;
pub mod progress;
pub mod schema;
pub mod variant;

pub use check::{check, Problem};
pub use index::{build_index, verify_index, Index};
pub use progress::{
    fresh_engine, lesson_par, reference_start, start_notice, Advance, GoalStatus, Progress, StartError,
};
pub use schema::{parse_lesson, Goal, Lesson, Level, ParseError, Predicate, Step, Texts};
