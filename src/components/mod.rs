//! The page, one component per file. State lives in the [`app::App`]'s reducer; children get
//! data and callbacks, and send actions up.

pub mod app;
#[cfg(target_arch = "wasm32")] // installed through yew's client renderer
pub mod crash_panel;
pub mod embed_bridge;
pub mod graph;
pub mod graph_edges;
pub mod graph_legend;
pub mod graph_node;
pub mod graph_search;
pub mod lesson_list;
pub mod lesson_panel;
pub mod log_entry;
pub mod narration_bar;
pub mod node_menu;
pub mod notice;
pub mod platform;
pub mod share_control;
pub mod storage_notice;
pub mod tables;
pub mod terminal;
pub mod text_tree;
pub mod toolbar;
pub mod use_pan_zoom;
pub mod use_transitions;
pub mod welcome;

pub use app::App;
