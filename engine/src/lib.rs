//! `rmi-engine`: a faithful, platform-free model of Docker 27's local image store (graphdriver),
//! its daemon decisions and its CLI output. It has no web dependency: the page, the tests and
//! the benchmarks all drive the same [`Engine`].

pub mod book;
pub mod case;
pub mod cli;
pub mod daemon;
pub mod engine;
pub mod gojson;
pub mod lex;
pub mod outcome;
pub mod path_match;
pub mod registry;
pub mod rng;
pub mod scenarios;
pub mod shell;
pub mod sorting;
pub mod store;
pub mod synthetic;
pub mod template;
pub mod transcript;
pub mod units;
pub mod variant;

pub use daemon::Daemon;
pub use engine::{Engine, LoadError, FORMAT_VERSION};
pub use outcome::{Blocker, Event, Invocation, Line, Outcome, PendingQuestion, Stream};
pub use store::{digest, idmap, reference};
pub use store::{Container, ContainerState, Image, Layer, Store};
