//! The rmi-playground web app. Native builds only carry the transcript runner; the page itself
//! is compiled for `wasm32`.
pub use rmi_engine as engine;
