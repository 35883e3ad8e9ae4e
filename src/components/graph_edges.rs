//! The graph's edges: what stands on what. Drawn under the nodes, and again only when the
//! layout changes (the layout compares by identity).

use std::collections::HashSet;
use std::rc::Rc;

use yew::prelude::*;

use crate::layout::{EdgeKind, Layout, NodeKind, Window};

#[derive(Properties)]
pub struct GraphEdgesProps {
    pub layout: Rc<Layout>,
    /// What is drawn of a large store.
    pub window: Window,
    /// The nodes fading out: their edges fade with them.
    pub removing: Rc<HashSet<(NodeKind, String)>>,
}

impl PartialEq for GraphEdgesProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.layout, &other.layout)
            && self.window == other.window
            && Rc::ptr_eq(&self.removing, &other.removing)
    }
}

#[function_component(GraphEdges)]
pub fn graph_edges(props: &GraphEdgesProps) -> Html {
    html! {
        <g class="edges" aria-hidden="true">
            { for props.layout.edges.iter().filter(|edge| props.window.shows(&edge.area)).map(|edge| {
                let child = edge.kind == EdgeKind::ChildToParent;
                html! {
                    <path
                        key={edge.key()}
                        class={if child { "parent-link" } else { "edge" }}
                        data-edge={edge.kind.as_str()}
                        data-link={child.then_some("parent")}
                        data-fading={(props.removing.contains(&edge.from) || props.removing.contains(&edge.to)).then_some("true")}
                        d={edge.path.clone()}
                        marker-end={child.then_some("url(#arrow)")}
                    />
                }
            }) }
        </g>
    }
}
