//! The page, one component per file. State lives in the [`app::App`]'s reducer; children get
//! data and callbacks, and send actions up.

pub mod app;
pub mod graph;
pub mod node_menu;
pub mod notice;
pub mod platform;
pub mod tables;
pub mod terminal;
pub mod text_tree;
pub mod toolbar;

pub use app::App;
