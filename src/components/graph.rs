//! The SVG graph: layers growing up from base layers, images on their top layer with their
//! references above, containers as writable layers. It animates exactly what the last command's
//! events say, in their order (labels leave, images fade, layers crumble top-down, new objects
//! grow in, a refusal pulses its blocker), marks what a typed command would remove or what
//! blocks it, and can be panned, zoomed and fitted.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;
use std::time::Duration;

use yew::prelude::*;

use super::node_menu::NodeMenu;
use super::platform;
use crate::i18n::{t, Lang, Text};
use crate::layout::{held_by, layout, ColumnKey, Layout, Node, NodeKind, Rect};
use rmi_engine::{Blocker, Event, Store};

/// What a command typed but not yet run would do.
#[derive(Debug, Clone, PartialEq)]
pub struct Preview {
    pub remove: HashSet<String>,
    pub blockers: HashSet<String>,
    pub explanation: String,
}

#[derive(Properties)]
pub struct GraphProps {
    pub lang: Lang,
    pub store: Store,
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
            && self.generation == other.generation
            && self.events == other.events
            && self.preview == other.preview
            && self.on_suggest == other.on_suggest
    }
}

const STEP_MS: u32 = 110;
const MAX_DELAY_MS: u32 = 1200;
const ANIMATION_MS: u32 = 550;
const PADDING: f64 = 24.0;

#[derive(Debug, Clone, Copy, PartialEq)]
struct View {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
}

fn fit(bounds: &Rect) -> View {
    View { x: bounds.x - PADDING, y: bounds.y - PADDING, w: bounds.w + 2.0 * PADDING, h: bounds.h + 2.0 * PADDING }
}

fn contains(view: &View, bounds: &Rect) -> bool {
    bounds.x >= view.x
        && bounds.y >= view.y
        && bounds.x + bounds.w <= view.x + view.w
        && bounds.y + bounds.h <= view.y + view.h
}

/// The order in which the events touch each object; animations follow it.
fn event_order(events: &[Event]) -> HashMap<String, u32> {
    let mut order = HashMap::new();
    let mut step = 0u32;
    for event in events {
        let id: &str = match event {
            Event::Untagged { reference, .. } => reference,
            Event::ImageDeleted { image } => image,
            Event::LayerDeleted { layer, .. } => layer,
            Event::ContainerRemoved { container } => container,
            Event::ImageCreated { image } => image,
            Event::LayerCreated { layer } => layer,
            Event::ContainerCreated { container } => container,
            Event::Tagged { reference, .. } => reference,
            _ => continue,
        };
        order.entry(id.to_string()).or_insert_with(|| {
            step += 1;
            step - 1
        });
    }
    order
}

fn blockers_of(events: &[Event]) -> HashSet<String> {
    let mut ids = HashSet::new();
    for event in events {
        if let Event::Conflict { blocker, .. } = event {
            match blocker {
                Blocker::Container(id) | Blocker::ChildImage(id) => {
                    ids.insert(id.clone());
                }
                Blocker::References(refs) => ids.extend(refs.iter().cloned()),
            }
        }
    }
    ids
}

/// What hovering or focusing a node tells: full ID, size, and who holds it.
fn describe(lang: Lang, store: &Store, node: &Node) -> String {
    let holders = held_by(store, node.kind, &node.id);
    let held = if matches!(node.kind, NodeKind::Tag | NodeKind::Digest | NodeKind::Container) {
        String::new()
    } else if holders.is_empty() {
        format!(" — {}", t(lang, Text::HeldByNothing))
    } else {
        format!(" — {} {}", t(lang, Text::HeldBy), holders.join(", "))
    };
    let size = if node.detail.is_empty() { String::new() } else { format!(" ({})", node.detail) };
    format!("{} {}{size}{held}", node.kind.as_str(), node.id, size = size, held = held)
}

struct Marks<'a> {
    order: &'a HashMap<String, u32>,
    fresh: &'a HashSet<(NodeKind, String)>,
    pulse: &'a HashSet<String>,
    preview: Option<&'a Preview>,
}

fn render_node(
    node: &Node,
    marks: &Marks,
    removing: bool,
    on_open: &Callback<(NodeKind, String)>,
    on_focus: &Callback<Option<(NodeKind, String)>>,
) -> Html {
    let key = format!("{}:{}", node.kind.as_str(), node.id);
    let delay = marks.order.get(&node.id).map_or(0, |i| (i * STEP_MS).min(MAX_DELAY_MS));
    let style = format!("animation-delay: {delay}ms");
    let is_new = !removing && marks.fresh.contains(&(node.kind, node.id.clone()));
    let preview = marks.preview.and_then(|p| {
        if p.remove.contains(&node.id) {
            Some("remove")
        } else if p.blockers.contains(&node.id) {
            Some("blocker")
        } else {
            None
        }
    });
    // The title stays cheap (ID and size); who holds the object is worked out on hover/focus.
    let size = if node.detail.is_empty() { String::new() } else { format!(" ({})", node.detail) };
    let description = format!("{} {}{size}", node.kind.as_str(), node.id);
    let open = {
        let on_open = on_open.clone();
        let target = (node.kind, node.id.clone());
        Callback::from(move |_: MouseEvent| on_open.emit(target.clone()))
    };
    let onkeydown = {
        let on_open = on_open.clone();
        let target = (node.kind, node.id.clone());
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" || e.key() == " " {
                e.prevent_default();
                on_open.emit(target.clone());
            }
        })
    };
    let onfocus = on_focus.reform({
        let target = (node.kind, node.id.clone());
        move |_: FocusEvent| Some(target.clone())
    });
    let onmouseenter = on_focus.reform({
        let target = (node.kind, node.id.clone());
        move |_: MouseEvent| Some(target.clone())
    });
    let first = node.rects.first().copied().unwrap_or_default();
    let (label_x, label_y) = (first.x + 8.0, first.y + first.h / 2.0 + 4.0);
    let class = classes!("node", node.kind.as_str(), node.state);
    html! {
        <g
            key={key}
            class={class}
            data-node={node.kind.as_str()}
            data-id={node.id.clone()}
            data-dangling={node.dangling.then_some("true")}
            data-removing={removing.then_some("true")}
            data-new={is_new.then_some("true")}
            data-pulse={marks.pulse.contains(&node.id).then_some("true")}
            data-preview={preview}
            data-state={node.state}
            style={style}
            tabindex={(!removing).then_some("0")}
            role="button"
            aria-label={description.clone()}
            onclick={open}
            {onkeydown}
            {onfocus}
            {onmouseenter}
        >
            <title>{ description }</title>
            { for node.rects.iter().map(|r| html! {
                <rect x={r.x.to_string()} y={r.y.to_string()} width={r.w.to_string()} height={r.h.to_string()} rx={if matches!(node.kind, NodeKind::Tag | NodeKind::Digest) { "11" } else { "5" }} />
            }) }
            <text x={label_x.to_string()} y={label_y.to_string()} class="label">{ node.label.clone() }</text>
            if !node.detail.is_empty() {
                <text x={(first.x + first.w - 8.0).to_string()} y={label_y.to_string()} class="detail" text-anchor="end">{ node.detail.clone() }</text>
            }
        </g>
    }
}

#[function_component(Graph)]
pub fn graph(props: &GraphProps) -> Html {
    let lang = props.lang;
    let slots = use_mut_ref(Vec::<Option<ColumnKey>>::new);
    let previous = use_mut_ref(|| Rc::new(Layout::default()));
    let current: Rc<Layout> = {
        let store = props.store.clone();
        let slots = slots.clone();
        (*use_memo(props.generation, move |_| {
            let next = layout(&store, &slots.borrow());
            *slots.borrow_mut() = next.slots.clone();
            Rc::new(next)
        }))
        .clone()
    };
    let ghosts = use_state(Vec::<Node>::new);
    let fresh = use_state(HashSet::<(NodeKind, String)>::new);
    let pulse = use_state(HashSet::<String>::new);
    let view = use_state(|| fit(&current.bounds));
    let info = use_state(|| None::<(NodeKind, String)>);
    let menu = use_state(|| None::<(NodeKind, String)>);
    let drag = use_mut_ref(|| None::<(f64, f64)>);
    let svg_ref = use_node_ref();

    // On every state change: what left becomes a ghost that animates out, what arrived is
    // marked new, what refused pulses; the camera widens if new objects fall outside it.
    {
        let ghosts = ghosts.clone();
        let fresh = fresh.clone();
        let pulse = pulse.clone();
        let view = view.clone();
        let previous = previous.clone();
        let current = current.clone();
        let events = props.events.clone();
        use_effect_with(props.generation, move |_| {
            let old = previous.replace(current.clone());
            let now_ids: HashSet<(NodeKind, String)> = current.nodes.iter().map(|n| (n.kind, n.id.clone())).collect();
            let old_ids: HashSet<(NodeKind, String)> = old.nodes.iter().map(|n| (n.kind, n.id.clone())).collect();
            let reduced = platform::prefers_reduced_motion();
            let gone: Vec<Node> = if reduced {
                Vec::new()
            } else {
                old.nodes.iter().filter(|n| !now_ids.contains(&(n.kind, n.id.clone()))).cloned().collect()
            };
            let arrived: HashSet<(NodeKind, String)> = if old.nodes.is_empty() || reduced {
                HashSet::new()
            } else {
                now_ids.difference(&old_ids).cloned().collect()
            };
            let blockers = blockers_of(&events);
            if !contains(&view, &current.bounds) || old.nodes.is_empty() {
                view.set(fit(&current.bounds));
            }
            let longest = event_order(&events).values().copied().max().unwrap_or(0);
            let settle = (longest * STEP_MS).min(MAX_DELAY_MS) + ANIMATION_MS + 100;
            let has_ghosts = !gone.is_empty();
            let has_pulse = !blockers.is_empty();
            ghosts.set(gone);
            fresh.set(arrived);
            pulse.set(blockers);
            platform::measure("cmd-to-graph", "cmd-start");
            if has_ghosts || has_pulse {
                let ghosts = ghosts.clone();
                let pulse = pulse.clone();
                let wait = if has_pulse { settle.max(1500) } else { settle };
                yew::platform::spawn_local(async move {
                    yew::platform::time::sleep(Duration::from_millis(u64::from(wait))).await;
                    ghosts.set(Vec::new());
                    pulse.set(HashSet::new());
                });
            }
        });
    }

    let order = event_order(&props.events);
    let marks = Marks { order: &order, fresh: &fresh, pulse: &pulse, preview: props.preview.as_deref() };
    let on_open = {
        let menu = menu.clone();
        Callback::from(move |target: (NodeKind, String)| menu.set(Some(target)))
    };
    let on_focus = {
        let info = info.clone();
        Callback::from(move |target: Option<(NodeKind, String)>| info.set(target))
    };

    let zoom = |factor: f64, view: UseStateHandle<View>| {
        Callback::from(move |_: MouseEvent| {
            let v = *view;
            let (cx, cy) = (v.x + v.w / 2.0, v.y + v.h / 2.0);
            let (w, h) = (v.w * factor, v.h * factor);
            view.set(View { x: cx - w / 2.0, y: cy - h / 2.0, w, h });
        })
    };
    let on_fit = {
        let view = view.clone();
        let bounds = current.bounds;
        Callback::from(move |_: MouseEvent| view.set(fit(&bounds)))
    };
    let onwheel = {
        let view = view.clone();
        let svg_ref = svg_ref.clone();
        Callback::from(move |e: WheelEvent| {
            e.prevent_default();
            let Some(svg) = svg_ref.cast::<web_sys::Element>() else {
                return;
            };
            let rect = svg.get_bounding_client_rect();
            if rect.width() <= 0.0 || rect.height() <= 0.0 {
                return;
            }
            let v = *view;
            let factor = if e.delta_y() > 0.0 { 1.12 } else { 1.0 / 1.12 };
            let px = v.x + (f64::from(e.client_x()) - rect.left()) / rect.width() * v.w;
            let py = v.y + (f64::from(e.client_y()) - rect.top()) / rect.height() * v.h;
            view.set(View {
                x: px - (px - v.x) * factor,
                y: py - (py - v.y) * factor,
                w: v.w * factor,
                h: v.h * factor,
            });
        })
    };
    let onpointerdown = {
        let drag = drag.clone();
        Callback::from(move |e: PointerEvent| {
            if e.button() == 0 {
                *drag.borrow_mut() = Some((f64::from(e.client_x()), f64::from(e.client_y())));
            }
        })
    };
    let onpointermove = {
        let drag = drag.clone();
        let view = view.clone();
        let svg_ref = svg_ref.clone();
        Callback::from(move |e: PointerEvent| {
            let Some((x0, y0)) = *drag.borrow() else {
                return;
            };
            let Some(svg) = svg_ref.cast::<web_sys::Element>() else {
                return;
            };
            let rect = svg.get_bounding_client_rect();
            if rect.width() <= 0.0 {
                return;
            }
            let (x1, y1) = (f64::from(e.client_x()), f64::from(e.client_y()));
            if (x1 - x0).abs() + (y1 - y0).abs() < 3.0 {
                return;
            }
            let v = *view;
            let scale = (v.w / rect.width()).max(v.h / rect.height().max(1.0));
            view.set(View { x: v.x - (x1 - x0) * scale, y: v.y - (y1 - y0) * scale, ..v });
            *drag.borrow_mut() = Some((x1, y1));
        })
    };
    let onpointerup = {
        let drag = drag.clone();
        Callback::from(move |_: PointerEvent| *drag.borrow_mut() = None)
    };

    let info_text = (*info)
        .as_ref()
        .and_then(|(kind, id)| {
            current.node(*kind, id).or_else(|| ghosts.iter().find(|n| n.kind == *kind && &n.id == id))
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
    let v = *view;
    let view_box = format!("{} {} {} {}", v.x, v.y, v.w.max(1.0), v.h.max(1.0));
    let empty = current.nodes.is_empty() && ghosts.is_empty();
    let layer_first = |nodes: &[Node]| -> Vec<Node> {
        let mut sorted = nodes.to_vec();
        rmi_engine::sorting::sort_by_key(&mut sorted, |n| if n.kind == NodeKind::Layer { 0 } else { 1 });
        sorted
    };
    html! {
        <div class="graph-wrap" onkeydown={close_menu}>
            <div class="graph-controls">
                <h2 class="pane-title">{ t(lang, Text::Graph) }</h2>
                <button type="button" onclick={zoom(1.0 / 1.25, view.clone())} aria-label={t(lang, Text::ZoomIn)} title={t(lang, Text::ZoomIn)}>{ "+" }</button>
                <button type="button" onclick={zoom(1.25, view.clone())} aria-label={t(lang, Text::ZoomOut)} title={t(lang, Text::ZoomOut)}>{ "−" }</button>
                <button type="button" onclick={on_fit} data-testid="fit">{ t(lang, Text::Fit) }</button>
            </div>
            <svg
                data-testid="graph"
                ref={svg_ref}
                class="graph"
                viewBox={view_box}
                preserveAspectRatio="xMidYMax meet"
                style={format!("aspect-ratio: {} / {}", v.w.max(1.0).round(), v.h.max(1.0).round())}
                role="group"
                aria-label={t(lang, Text::Graph)}
                {onwheel}
                {onpointerdown}
                {onpointermove}
                onpointerup={onpointerup.clone()}
                onpointerleave={onpointerup}
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
                { for layer_first(&current.nodes).iter().map(|n| render_node(n, &marks, false, &on_open, &on_focus)) }
                { for ghosts.iter().map(|n| render_node(n, &marks, true, &on_open, &on_focus)) }
            </svg>
            if empty {
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
