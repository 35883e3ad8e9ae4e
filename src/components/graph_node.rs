//! One object of the graph: its boxes, its label and detail, and the marks the page's contract
//! promises (`data-node`, `data-id`, `data-removing`, `data-preview`, …).

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::i18n::{container_state, object, stack_label, Lang};
use crate::layout::{Node, NodeKind, COLUMN_WIDTH, GAP};

/// An object to act on or describe: its kind and its `data-id`.
pub type Target = (NodeKind, String);

#[derive(Properties)]
pub struct GraphNodeProps {
    pub lang: Lang,
    /// Shared with the graph's last drawing while the node stays the same (see `Graph`).
    pub node: Rc<Node>,
    /// The events removed it: it animates out and can no longer be focused.
    #[prop_or_default]
    pub removing: bool,
    /// The events created it.
    #[prop_or_default]
    pub fresh: bool,
    /// It refused the last removal.
    #[prop_or_default]
    pub pulse: bool,
    /// `remove` or `blocker` while a typed command is previewed.
    #[prop_or_default]
    pub preview: Option<&'static str>,
    /// When its animation starts, after the objects the events touched before it.
    #[prop_or_default]
    pub delay_ms: u32,
    /// The graph's one Tab stop (roving tabindex): arrow keys move it.
    #[prop_or_default]
    pub active: bool,
    /// Drawn at its old width until it glides to its new one (the graph holds its place).
    #[prop_or_default]
    pub held_width: Option<f64>,
    /// `true` or `current` when the graph search found it.
    #[prop_or_default]
    pub matched: Option<&'static str>,
    pub on_open: Callback<Target>,
    pub on_focus: Callback<Target>,
    /// The pointer is over it: the focus line describes it.
    pub on_hover: Callback<Target>,
}

/// The node by identity first: the graph hands an unchanged node over as the same `Rc`, and
/// comparing hundreds of nodes' strings on every command was a good part of its cost.
impl PartialEq for GraphNodeProps {
    fn eq(&self, other: &Self) -> bool {
        (Rc::ptr_eq(&self.node, &other.node) || self.node == other.node)
            && self.lang == other.lang
            && self.removing == other.removing
            && self.fresh == other.fresh
            && self.pulse == other.pulse
            && self.preview == other.preview
            && self.delay_ms == other.delay_ms
            && self.active == other.active
            && self.held_width == other.held_width
            && self.matched == other.matched
            && self.on_open == other.on_open
            && self.on_focus == other.on_focus
            && self.on_hover == other.on_hover
    }
}

/// The text beside the label: a size, or a container's state in the reader's language.
pub fn detail(lang: Lang, node: &Node) -> String {
    if node.kind == NodeKind::Stack {
        return format!("{} · {}", stack_label(lang, node.members.len()), node.detail);
    }
    match node.state {
        Some(state) if node.kind == NodeKind::Container => container_state(lang, state).to_string(),
        _ => node.detail.clone(),
    }
}

#[function_component(GraphNode)]
pub fn graph_node(props: &GraphNodeProps) -> Html {
    let node = &props.node;
    let target = || (node.kind, node.id.clone());
    let detail = detail(props.lang, node);
    // The title stays cheap (ID and size); who holds the object is worked out on hover/focus.
    let description = object(props.lang, node.kind, &node.name, &detail);
    let onclick = props.on_open.reform({
        let target = target();
        move |_: MouseEvent| target.clone()
    });
    let onkeydown = {
        let on_open = props.on_open.clone();
        let target = target();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" || e.key() == " " {
                e.prevent_default();
                on_open.emit(target.clone());
            }
        })
    };
    let onfocus = props.on_focus.reform({
        let target = target();
        move |_: FocusEvent| target.clone()
    });
    let onmouseenter = props.on_hover.reform({
        let target = target();
        move |_: MouseEvent| target.clone()
    });
    // The delay goes through the CSS object model: a `style` attribute in the markup would need
    // 'unsafe-inline' in the page's Content-Security-Policy. The same for the old width its box
    // keeps while the graph holds it where it was; CSS transitions it.
    let g_ref = use_node_ref();
    {
        let g_ref = g_ref.clone();
        let held_width = props.held_width.map(|w| (w * 100.0).round() as i64);
        use_effect_with((props.delay_ms, held_width), move |(delay, held_width)| {
            let Some(g) = g_ref.cast::<web_sys::SvgElement>() else {
                return;
            };
            let _ = g.style().set_property("animation-delay", &format!("{delay}ms"));
            let rect = g.query_selector("rect").ok().flatten().and_then(|r| r.dyn_into::<web_sys::SvgElement>().ok());
            if let Some(rect) = rect {
                let _ = match held_width {
                    Some(w) => rect.style().set_property("width", &format!("{}px", *w as f64 / 100.0)),
                    None => rect.style().remove_property("width").map(|_| ()),
                };
            }
        });
    }
    // A layer across many columns keeps its label and size together in its first column, where
    // the reader finds them, however far the box runs.
    let first = node.rects.first().copied().unwrap_or_default();
    let (label_x, label_y) = (first.x + 8.0, first.y + first.h / 2.0 + 4.0);
    let radius = if matches!(node.kind, NodeKind::Tag | NodeKind::Digest) { "11" } else { "5" };
    // A stack's text is all detail ("5 layers · 188 MB"), shown where the label goes.
    let (label, detail) =
        if node.kind == NodeKind::Stack { (detail, String::new()) } else { (node.label.clone(), detail) };
    // The name holds the words on screen, in their order, then the kind.
    let accessible_name = if node.kind == NodeKind::Stack {
        crate::i18n::node_name(props.lang, node.kind, &label, &label, "")
    } else {
        crate::i18n::node_name(props.lang, node.kind, &node.label, &node.name, &detail)
    };
    html! {
        <g
            class={classes!("node", node.kind.as_str(), node.state)}
            data-node={node.kind.as_str()}
            data-id={node.id.clone()}
            data-dangling={node.dangling.then_some("true")}
            data-removing={props.removing.then_some("true")}
            data-new={(props.fresh && !props.removing).then_some("true")}
            data-pulse={props.pulse.then_some("true")}
            data-preview={props.preview}
            data-state={node.state}
            data-match={props.matched}
            data-active={props.active.then_some("true")}
            ref={g_ref}
            tabindex={(!props.removing).then_some(if props.active { "0" } else { "-1" })}
            role="button"
            aria-label={accessible_name}
            {onclick}
            {onkeydown}
            {onfocus}
            {onmouseenter}
        >
            <title>{ description }</title>
            { for node.rects.iter().map(|r| html! {
                <rect x={r.x.to_string()} y={r.y.to_string()} width={r.w.to_string()} height={r.h.to_string()} rx={radius} />
            }) }
            <text x={label_x.to_string()} y={label_y.to_string()} class="label">{ label }</text>
            if !detail.is_empty() {
                // Not drawn (svg draws text only inside <text>), but it keeps the words apart in
                // the node's content ("a7e1c363defb 188MB", as its name says them).
                { " " }
                <text x={(first.x + first.w.min(COLUMN_WIDTH - GAP) - 8.0).to_string()} y={label_y.to_string()} class="detail" text-anchor="end">{ detail }</text>
            }
        </g>
    }
}
