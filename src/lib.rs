//! The rmi-playground web app: a thin yew front end over `rmi-engine`.
//!
//! Everything that decides something is plain Rust and tested natively: the session reducer
//! ([`session`]), the graph layout ([`layout`]) and what it animates ([`transitions`]),
//! completion, summaries and texts. The components (compiled for `wasm32`, and natively with the
//! `ssr` feature for the build-time first view) render that state and dispatch actions.

pub mod camera;
pub mod completion;
pub mod embed;
pub mod guide;
pub mod i18n;
pub mod layout;
pub mod lesson_store;
pub mod lessons;
pub mod narration;
pub mod preview;
pub mod session;
pub mod share;
pub mod summary;
pub mod transitions;

#[cfg(any(target_arch = "wasm32", feature = "ssr"))]
pub mod components;

pub use rmi_engine as engine;
