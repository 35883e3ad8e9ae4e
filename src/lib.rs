//! The rmi-playground web app: a thin yew front end over `rmi-engine`.
//!
//! Everything that decides something is plain Rust and tested natively: the session reducer
//! ([`session`]), the graph layout ([`layout`]) and what it animates ([`transitions`]),
//! completion, summaries and texts. The components (compiled for `wasm32` only) render that
//! state and dispatch actions.

pub mod completion;
pub mod embed;
pub mod guide;
pub mod i18n;
pub mod layout;
pub mod lesson_store;
pub mod lessons;
pub mod session;
pub mod share;
pub mod summary;
pub mod transitions;

#[cfg(target_arch = "wasm32")]
pub mod components;

pub use rmi_engine as engine;
