//! The SVG graph: layers growing up from base layers, images on their top layer with their
//! references above, containers as writable layers. It animates exactly what the last command's
//! events say, in their order (see [`use_transitions`](super::use_transitions)), marks what a
//! typed command would remove or what blocks it, and can be panned, zoomed and fitted
//! (see [`use_pan_zoom`](super::use_pan_zoom)). It is one Tab stop: arrow keys move between
//! the nodes (roving tabindex), Enter opens a node's actions and Esc comes back to the node.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::graph_edges::GraphEdges;
use super::graph_legend::GraphLegend;
use super::graph_node::{detail, GraphNode, Target};
use super::graph_search::GraphSearch;
use super::node_menu::NodeMenu;
use super::use_pan_zoom::use_pan_zoom;
use super::use_transitions::{use_transitions, Change};
use crate::i18n::{held_by, object, t, Lang, Text};
use crate::layout::{self, is_unfolded, layout, Direction, Node, NodeKind, Unfolded, Window};
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

/// What hovering or focusing a node tells: full name or ID, size, and who holds it.
fn describe(lang: Lang, store: &Store, node: &Node) -> String {
    let label = object(lang, node.kind, &node.name, &detail(lang, node));
    match node.kind {
        NodeKind::Tag | NodeKind::Digest | NodeKind::Container => label,
        NodeKind::Image | NodeKind::Layer | NodeKind::Stack => {
            format!("{label} — {}", held_by(lang, &layout::held_by(store, node.kind, &node.id)))
        }
    }
}

/// A coordinate as the slot's `transform` writes it: to the hundredth, so that a survivor held at
/// its old place reads exactly as it did there (no attribute rewritten for a float's last bit).
fn hundredths(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

/// The element drawing a node, to focus it.
fn element_of(svg_ref: &NodeRef, (kind, id): &Target) -> Option<web_sys::SvgElement> {
    let svg = svg_ref.cast::<web_sys::Element>()?;
    let selector = format!("[data-node=\"{}\"][data-id=\"{}\"]:not([data-removing])", kind.as_str(), id);
    svg.query_selector(&selector).ok().flatten()?.dyn_into::<web_sys::SvgElement>().ok()
}

/// On a phone the node menu is a sheet over the lower part of the screen: the page scrolls so
/// that the node it acts on stays in view above it.
fn keep_above_sheet(element: &web_sys::SvgElement) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let width = window.inner_width().ok().and_then(|w| w.as_f64()).unwrap_or(0.0);
    let height = window.inner_height().ok().and_then(|h| h.as_f64()).unwrap_or(0.0);
    if width > 600.0 || height <= 0.0 {
        return;
    }
    let rect = element.get_bounding_client_rect();
    let limit = height * 0.45;
    if rect.bottom() > limit || rect.top() < 0.0 {
        window.scroll_by_with_x_and_y(0.0, rect.top() - limit / 2.0);
    }
}

#[function_component(Graph)]
pub fn graph(props: &GraphProps) -> Html {
    let lang = props.lang;
    let unfolded = use_state(Unfolded::new);
    // The nodes drawn last time, by key, each from its own origin (`Node::local`): a node the new
    // layout draws the same, wherever it now stands, is handed to its component as the same `Rc`,
    // so the component compares it by identity and is not run again; only its slot moves.
    let drawn = use_mut_ref(HashMap::<Target, Rc<Node>>::new);
    // The layout, and its nodes' local forms in the same order.
    let (current, locals) = (*use_memo((props.generation, (*unfolded).clone()), |(_, unfolded)| {
        let mut next = layout(&props.store, unfolded);
        // Layers first, so that references and images are drawn over the layers they span.
        rmi_engine::sorting::sort_by_key(&mut next.nodes, |n| {
            if matches!(n.kind, NodeKind::Layer | NodeKind::Stack) {
                0
            } else {
                1
            }
        });
        let mut before = drawn.borrow_mut();
        let mut now = HashMap::with_capacity(next.nodes.len());
        let locals: Vec<Rc<Node>> = next
            .nodes
            .iter()
            .map(|node| {
                let key = node.key();
                let local = node.local();
                let same = before.remove(&key).filter(|old| **old == local);
                let local = same.unwrap_or_else(|| Rc::new(local));
                now.insert(key, local.clone());
                local
            })
            .collect();
        *before = now;
        (Rc::new(next), Rc::new(locals))
    }))
    .clone();
    let events = use_memo(props.generation, |_| props.events.clone());
    let transitions = use_transitions(Change {
        generation: props.generation,
        events: events.clone(),
        before: props.before.clone(),
        store: props.store.clone(),
        unfolded: (*unfolded).clone(),
        layout: current.clone(),
    });
    let svg_ref = use_node_ref();
    let empty = current.nodes.is_empty();
    // Where the command acted: what fades where it stood, what appears, what refused it. The
    // camera brings it into view when none of it is (a removal at the far end of a long row).
    // Found once per change, in one pass over the nodes, not on every keystroke's render.
    let touched = *use_memo(props.generation, {
        let (transitions, current) = (transitions.clone(), current.clone());
        move |_| {
            let acted = |n: &&Node| {
                transitions.pulse.contains(&n.id)
                    || (!transitions.fresh.is_empty() && transitions.fresh.contains(&(n.kind, n.id.clone())))
            };
            let appeared = current.nodes.iter().filter(acted).map(Node::bounds);
            transitions.ghosts.iter().map(Node::bounds).chain(appeared).reduce(|a, b| a.union(&b))
        }
    });
    let camera = use_pan_zoom(svg_ref.clone(), current.bounds, empty, props.generation, events.is_empty(), touched);
    let info = use_state(|| None::<Target>);
    let menu = use_state(|| None::<Target>);
    let active = use_state(|| None::<Target>);
    let query = use_state(String::new);
    let at = use_state(|| 0usize);
    // Searched on every render while something is typed (a pass over the nodes; nothing else).
    let found: Rc<Vec<Target>> = Rc::new(current.search(&query).into_iter().map(Node::key).collect());
    let matched: HashSet<&Target> = found.iter().collect();
    let current_match = found.get(*at).cloned();

    // The Tab stop: the node last focused while it is drawn, else the first column's top.
    let roving: Option<Target> = (*active)
        .clone()
        .filter(|(kind, id)| current.node(*kind, id).is_some())
        .or_else(|| current.first_node().map(Node::key));

    // What the nodes' callbacks act on, as of the last render: the callbacks themselves stay the
    // same from one command to the next, so an unchanged node's component is not run again.
    let latest = use_mut_ref(|| (props.store.clone(), current.clone(), (*unfolded).clone(), camera.reveal.clone()));
    *latest.borrow_mut() = (props.store.clone(), current.clone(), (*unfolded).clone(), camera.reveal.clone());
    let on_open = {
        let (menu, unfolded, latest) = (menu.clone(), unfolded.clone(), latest.clone());
        use_callback((), move |target: Target, _| {
            if target.0 == NodeKind::Stack {
                let next = {
                    let (store, _, shown, _) = &*latest.borrow();
                    let mut next = shown.clone();
                    next.insert(target.1.clone(), !is_unfolded(store, shown, &target.1));
                    next
                };
                unfolded.set(next);
            } else {
                menu.set(Some(target));
            }
        })
    };
    let on_focus = {
        let (info, active, latest) = (info.clone(), active.clone(), latest.clone());
        use_callback((), move |target: Target, _| {
            let (layout, reveal) = {
                let (_, layout, _, reveal) = &*latest.borrow();
                (layout.clone(), reveal.clone())
            };
            if let Some(node) = layout.node(target.0, &target.1) {
                reveal.emit(node.bounds());
            }
            info.set(Some(target.clone()));
            active.set(Some(target));
        })
    };
    let on_hover = {
        let info = info.clone();
        use_callback((), move |target: Target, _| info.set(Some(target)))
    };
    // A node moved to by the keyboard that was not drawn yet (a large store draws what is in
    // view) takes focus once the camera has brought it in.
    let focus_next = use_mut_ref(|| false);
    let onkeydown = {
        let (layout, svg_ref, pan_key, roving) =
            (current.clone(), svg_ref.clone(), camera.pan_key.clone(), roving.clone());
        let (active, reveal, focus_next) = (active.clone(), camera.reveal.clone(), focus_next.clone());
        Callback::from(move |e: KeyboardEvent| {
            if pan_key.emit(e.clone()) {
                e.prevent_default();
                return;
            }
            let (Some(direction), Some((kind, id))) = (Direction::from_key(&e.key()), roving.as_ref()) else {
                return;
            };
            e.prevent_default();
            let Some(next) = layout.node(*kind, id).and_then(|from| layout.neighbour(from, direction)) else {
                return;
            };
            // Focusing it makes it the Tab stop and brings it into view (`on_focus`).
            match element_of(&svg_ref, &next.key()) {
                Some(element) => {
                    let _ = element.focus();
                }
                None => {
                    *focus_next.borrow_mut() = true;
                    reveal.emit(next.bounds());
                    active.set(Some(next.key()));
                }
            }
        })
    };
    {
        let svg_ref = svg_ref.clone();
        use_effect_with((*active).clone(), move |active| {
            if focus_next.replace(false) {
                if let Some(element) = active.as_ref().and_then(|target| element_of(&svg_ref, target)) {
                    let _ = element.focus();
                }
            }
        });
    }
    let on_query = {
        let (query, at, reveal, layout) = (query.clone(), at.clone(), camera.reveal.clone(), current.clone());
        Callback::from(move |text: String| {
            if let Some(first) = layout.search(&text).first() {
                reveal.emit(first.bounds());
            }
            at.set(0);
            query.set(text);
        })
    };
    let on_step = {
        let (found, at, reveal, layout) = (found.clone(), at.clone(), camera.reveal.clone(), current.clone());
        Callback::from(move |step: isize| {
            if found.is_empty() {
                return;
            }
            let next = (*at as isize + step).rem_euclid(found.len() as isize) as usize;
            if let Some(node) = layout.node(found[next].0, &found[next].1) {
                reveal.emit(node.bounds());
            }
            at.set(next);
        })
    };
    // The node menu on a phone: keep its node in view above the sheet.
    {
        let svg_ref = svg_ref.clone();
        use_effect_with((*menu).clone(), move |menu| {
            if let Some(element) = menu.as_ref().and_then(|target| element_of(&svg_ref, target)) {
                keep_above_sheet(&element);
            }
        });
    }

    // The edges are hidden while the survivors glide (style.css) and drawn again once they rest:
    // until then the last drawing stays, so a command that moves hundreds of nodes does not
    // rewrite hundreds of paths on its way to the screen.
    let edges = use_mut_ref(|| current.clone());
    if !transitions.moving {
        *edges.borrow_mut() = current.clone();
    }
    let edges = edges.borrow().clone();
    let removing =
        use_memo(transitions.ghosts.clone(), |ghosts| ghosts.iter().map(Node::key).collect::<HashSet<Target>>());
    let window = Window::new(&current, camera.view);
    let order = event_order(&events);
    let preview = props.preview.as_deref();
    // Each node in a slot placed at its origin (`Node::local`). A survivor that moved is held at
    // its old place (its slot shifted back) until it glides; style.css transitions the slot.
    let draw = |node: &Node, local: Rc<Node>, removing: bool| {
        let key = node.key();
        let held = if removing { None } else { transitions.held.get(&key).copied() };
        let (x, y) = node.origin();
        let (dx, dy) = held.map_or((0.0, 0.0), |h| (h.dx, h.dy));
        let fresh = transitions.fresh.contains(&key);
        let appear = if fresh { transitions.appear_after_ms } else { 0 };
        let matched = if current_match.as_ref() == Some(&key) {
            Some("current")
        } else {
            matched.contains(&key).then_some("true")
        };
        html! {
            <g class="slot" key={format!("{}:{}", node.kind.as_str(), node.id)} transform={format!("translate({} {})", hundredths(x + dx), hundredths(y + dy))}>
                <GraphNode
                    lang={lang}
                    node={local}
                    removing={removing}
                    fresh={fresh}
                    pulse={transitions.pulse.contains(&node.id)}
                    preview={preview.and_then(|p| p.mark(&node.id))}
                    delay_ms={delay_ms(&order, &node.id) + appear}
                    active={!removing && roving.as_ref() == Some(&key)}
                    held_width={held.and_then(|h| h.width)}
                    matched={matched}
                    on_open={on_open.clone()}
                    on_focus={on_focus.clone()}
                    on_hover={on_hover.clone()}
                />
            </g>
        }
    };

    let info_text = (*info)
        .as_ref()
        .and_then(|(kind, id)| {
            current.node(*kind, id).or_else(|| transitions.ghosts.iter().find(|n| n.kind == *kind && &n.id == id))
        })
        .map(|node| describe(lang, &props.store, node))
        .unwrap_or_default();
    let menu_target = (*menu).clone();
    let fold = menu_target
        .as_ref()
        .filter(|(kind, _)| *kind == NodeKind::Image)
        .map(|(_, id)| is_unfolded(&props.store, &unfolded, id));
    html! {
        <div class="graph-wrap">
            <div class="graph-controls">
                <h2 class="pane-title">{ t(lang, Text::Graph) }</h2>
                <GraphSearch
                    lang={lang}
                    found={found.len()}
                    at={*at}
                    searching={!query.trim().is_empty()}
                    {on_query}
                    {on_step}
                />
                <button type="button" onclick={camera.zoom_in} aria-label={t(lang, Text::ZoomIn)} title={t(lang, Text::ZoomIn)}>{ "+" }</button>
                <button type="button" onclick={camera.zoom_out} aria-label={t(lang, Text::ZoomOut)} title={t(lang, Text::ZoomOut)}>{ "−" }</button>
                <button type="button" onclick={camera.fit} data-testid="fit">{ t(lang, Text::Fit) }</button>
            </div>
            <svg
                data-testid="graph"
                ref={svg_ref.clone()}
                class="graph"
                viewBox={camera.view_box.clone()}
                preserveAspectRatio="xMinYMin meet"
                role="group"
                aria-label={t(lang, Text::Graph)}
                aria-description={t(lang, Text::GraphKeys)}
                data-moving={transitions.moving.then_some("true")}
                data-glide={(transitions.moving && transitions.held.is_empty()).then_some("true")}
                {onkeydown}
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
                <GraphEdges layout={edges} window={window} removing={removing} />
                // Each keyed list in an element of its own: yew flattens `for` into the parent's
                // children, and a list mixing keyed and unkeyed children is diffed by position,
                // which rebuilt every node whenever one was added or removed.
                <g class="nodes">{ for current.nodes.iter().zip(locals.iter()).filter(|(n, _)| n.rects.iter().any(|r| window.shows(r))).map(|(n, local)| draw(n, local.clone(), false)) }</g>
                <g class="ghosts">{ for transitions.ghosts.iter().map(|n| draw(n, Rc::new(n.local()), true)) }</g>
            </svg>
            if empty && transitions.ghosts.is_empty() {
                <p class="graph-empty">{ t(lang, Text::EmptyStore) }</p>
            }
            if !empty && !camera.whole {
                <p class="graph-more" data-testid="graph-more">{ t(lang, Text::OutOfView) }</p>
            }
            <p class="graph-info" data-testid="graph-info" aria-live="polite">{ info_text }</p>
            <GraphLegend lang={lang} />
            if let Some((kind, id)) = menu_target.clone() {
                <NodeMenu lang={lang} kind={kind} id={id} store={props.store.clone()} fold={fold} on_fold={{
                    let (menu, unfolded, target) = (menu.clone(), unfolded.clone(), menu_target.clone());
                    Callback::from(move |open: bool| {
                        if let Some((_, id)) = &target {
                            let mut next = (*unfolded).clone();
                            next.insert(id.clone(), open);
                            unfolded.set(next);
                        }
                        menu.set(None);
                    })
                }} on_choose={{
                    let (menu, suggest, svg_ref, target) = (menu.clone(), props.on_suggest.clone(), svg_ref.clone(), menu_target.clone());
                    Callback::from(move |line: Option<String>| {
                        menu.set(None);
                        match line {
                            Some(line) => suggest.emit(line),
                            // Closed (Esc or Close): back to the node it was opened on.
                            None => {
                                if let Some(element) = target.as_ref().and_then(|t| element_of(&svg_ref, t)) {
                                    let _ = element.focus();
                                }
                            }
                        }
                    })
                }} />
            }
        </div>
    }
}
