//! The SVG graph: layers growing up from base layers, images on their top layer with their
//! references above, containers as writable layers. It animates exactly what the last command's
//! events say, in their order (see [`use_transitions`](super::use_transitions)), marks what a
//! typed command would remove or what blocks it, and can be panned, zoomed and fitted
//! (see [`use_pan_zoom`](super::use_pan_zoom)).

use std::collections::HashSet;
use std::rc::Rc;

use yew::prelude::*;

use super::graph_node::{detail, GraphNode, Target};
use super::node_menu::NodeMenu;
use super::use_pan_zoom::use_pan_zoom;
use super::use_transitions::{use_transitions, Change};
use crate::i18n::{held_by, object, t, Lang, Text};
use crate::layout::{self, layout, ColumnKey, Layout, Node, NodeKind};
use crate::transitions::{delay_ms, event_order};
use rmi_engine::{Event, Store};

/// What a command typed but not yet run would do.
#[derive(Debug, Clone, PartialEq)]
pub struct Preview {
    pub remove: HashSet<String>,
    pub blockers: HashSet<String>,
    pub explanation: String,
}

impl Preview {
    fn mark(&self, id: &str) -> Option<&'static str> {
        if self.remove.contains(id) {
            Some("remove")
        } else if self.blockers.contains(id) {
            Some("blocker")
        } else {
            None
        }
    }
}

#[derive(Properties)]
pub struct GraphProps {
    pub lang: Lang,
    pub store: Store,
    /// The store before the last change (the session's `before_last`).
    pub before: Store,
    pub generation: u64,
    pub events: Vec<Event>,
    pub preview: Option<Rc<Preview>>,
    pub on_suggest: Callback<String>,
}

/// Stores compare by identity: comparing 10,000 images on every render of the page costs more
/// than the redraw it would save.
impl PartialEq for GraphProps {
    fn eq(&self, other: &Self) -> bool {
        self.lang == other.lang
            && self.store.is_same_state(&other.store)
            && self.before.is_same_state(&other.before)
            && self.generation == other.generation
            && self.events == other.events
            && self.preview == other.preview
            && self.on_suggest == other.on_suggest
    }
}

/// What hovering or focusing a node tells: full ID, size, and who holds it.
fn describe(lang: Lang, store: &Store, node: &Node) -> String {
    let label = object(lang, node.kind, &node.id, &detail(lang, node));
    match node.kind {
        NodeKind::Tag | NodeKind::Digest | NodeKind::Container => label,
        NodeKind::Image | NodeKind::Layer => {
            format!("{label} — {}", held_by(lang, &layout::held_by(store, node.kind, &node.id)))
        }
    }
}

#[function_component(Graph)]
pub fn graph(props: &GraphProps) -> Html {
    let lang = props.lang;
    let slots = use_mut_ref(Vec::<Option<ColumnKey>>::new);
    let current: Rc<Layout> = (*use_memo(props.generation, |_| {
        let mut next = layout(&props.store, &slots.borrow());
        *slots.borrow_mut() = next.slots.clone();
        // Layers first, so that references and images are drawn over the layers they span.
        rmi_engine::sorting::sort_by_key(&mut next.nodes, |n| if n.kind == NodeKind::Layer { 0 } else { 1 });
        Rc::new(next)
    }))
    .clone();
    let events = use_memo(props.generation, |_| props.events.clone());
    let transitions = use_transitions(Change {
        generation: props.generation,
        events: events.clone(),
        before: props.before.clone(),
        store: props.store.clone(),
        layout: current.clone(),
    });
    let svg_ref = use_node_ref();
    let empty = current.nodes.is_empty();
    let camera = use_pan_zoom(svg_ref.clone(), current.bounds, empty, props.generation);
    let info = use_state(|| None::<Target>);
    let menu = use_state(|| None::<Target>);
    // Stable callbacks, so that nodes whose data did not change are not drawn again.
    let on_open = {
        let menu = menu.clone();
        use_callback((), move |target: Target, _| menu.set(Some(target)))
    };
    let on_focus = {
        let info = info.clone();
        use_callback((), move |target: Option<Target>, _| info.set(target))
    };

    let order = event_order(&events);
    let preview = props.preview.as_deref();
    let draw = |node: &Node, removing: bool| {
        html! {
            <GraphNode
                key={format!("{}:{}", node.kind.as_str(), node.id)}
                lang={lang}
                node={node.clone()}
                removing={removing}
                fresh={transitions.fresh.contains(&(node.kind, node.id.clone()))}
                pulse={transitions.pulse.contains(&node.id)}
                preview={preview.and_then(|p| p.mark(&node.id))}
                delay_ms={delay_ms(&order, &node.id)}
                on_open={on_open.clone()}
                on_focus={on_focus.clone()}
            />
        }
    };

    let info_text = (*info)
        .as_ref()
        .and_then(|(kind, id)| {
            current.node(*kind, id).or_else(|| transitions.ghosts.iter().find(|n| n.kind == *kind && &n.id == id))
        })
        .map(|node| describe(lang, &props.store, node))
        .unwrap_or_default();
    let close_menu = {
        let menu = menu.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                menu.set(None);
            }
        })
    };
    let v = camera.view;
    html! {
        <div class="graph-wrap" onkeydown={close_menu}>
            <div class="graph-controls">
                <h2 class="pane-title">{ t(lang, Text::Graph) }</h2>
                <button type="button" onclick={camera.zoom_in} aria-label={t(lang, Text::ZoomIn)} title={t(lang, Text::ZoomIn)}>{ "+" }</button>
                <button type="button" onclick={camera.zoom_out} aria-label={t(lang, Text::ZoomOut)} title={t(lang, Text::ZoomOut)}>{ "−" }</button>
                <button type="button" onclick={camera.fit} data-testid="fit">{ t(lang, Text::Fit) }</button>
            </div>
            <svg
                data-testid="graph"
                ref={svg_ref}
                class="graph"
                viewBox={v.view_box()}
                preserveAspectRatio="xMidYMax meet"
                role="group"
                aria-label={t(lang, Text::Graph)}
                onwheel={camera.onwheel}
                onpointerdown={camera.onpointerdown}
                onpointermove={camera.onpointermove}
                onpointerup={camera.onpointerup.clone()}
                onpointerleave={camera.onpointerup}
            >
                <defs>
                    <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
                        <path d="M 0 0 L 10 5 L 0 10 z" class="arrow-head" />
                    </marker>
                </defs>
                { for current.links.iter().map(|link| html! {
                    <path
                        key={format!("link:{}", link.child)}
                        class="parent-link"
                        data-link="parent"
                        d={format!("M {} {} C {} {} {} {} {} {}", link.from.0, link.from.1, link.from.0 - 30.0, link.from.1, link.to.0 + 30.0, link.to.1, link.to.0, link.to.1)}
                        marker-end="url(#arrow)"
                    />
                }) }
                { for current.nodes.iter().map(|n| draw(n, false)) }
                { for transitions.ghosts.iter().map(|n| draw(n, true)) }
            </svg>
            if empty && transitions.ghosts.is_empty() {
                <p class="graph-empty">{ t(lang, Text::EmptyStore) }</p>
            }
            <p class="graph-info" data-testid="graph-info" aria-live="polite">{ info_text }</p>
            if let Some((kind, id)) = (*menu).clone() {
                <NodeMenu lang={lang} kind={kind} id={id} store={props.store.clone()} on_choose={{
                    let menu = menu.clone();
                    let suggest = props.on_suggest.clone();
                    Callback::from(move |line: Option<String>| {
                        menu.set(None);
                        if let Some(line) = line {
                            suggest.emit(line);
                        }
                    })
                }} />
            }
        </div>
    }
}
