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

/// The chapter's commands in its order (seed-tutorial.md), which finish the `book-rmi` lesson
/// (the tests that play the chapter share them). Point 4 has no command of its own:
/// the lesson asks the reader to try what it claims, removing 2fa927b5cdd3 by ID. Points 6 and
/// 7 are alternatives (the lesson takes 7 first), and the chapter's own last command (`rmi` by
/// ID after `-f`) is not needed once the container is gone.
pub const BOOK_CHAPTER: &[&str] = &[
    "docker rmi myubuntu:latest",
    "docker images",
    "docker rmi ubuntu:14.04",
    "docker rmi 2fa927b5cdd3",
    "docker run ubuntu:14.04 echo 'hello! I am here!'",
    "docker ps -a",
    "docker rmi ubuntu:14.04",
    "docker rm a21c0840213e",
    "docker rmi 8f1bd21bd25c",
    "docker rmi -f ubuntu:14.04",
    "docker rm a21c0840213e",
];
