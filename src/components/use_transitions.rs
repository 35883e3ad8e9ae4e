//! What the graph animates after a command, read from the engine's events alone: the objects an
//! event removed stay on as ghosts while they animate out (drawn where the previous layout, the
//! one of `before_last`, had them), the objects an event created are marked new, and whatever
//! refused a removal pulses. Events also give the order, so labels leave before images and
//! layers crumble top-down.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use yew::prelude::*;

use super::platform;
use crate::layout::{Layout, Node, NodeKind};
use rmi_engine::{Blocker, Event};

/// Time between two consecutive objects' animations.
pub const STEP_MS: u32 = 110;
/// Later objects all start by then, so a prune of thousands still ends quickly.
pub const MAX_DELAY_MS: u32 = 1200;
/// One object's animation (the CSS keyframes' duration).
const ANIMATION_MS: u32 = 550;
/// How long a refused removal's blocker pulses, at least.
const PULSE_MS: u32 = 1500;

/// What the graph marks right now.
#[derive(Clone, PartialEq, Default)]
pub struct Transitions {
    pub ghosts: Rc<Vec<Node>>,
    pub fresh: Rc<HashSet<(NodeKind, String)>>,
    pub pulse: Rc<HashSet<String>>,
}

/// The order in which the events touch each object; animations follow it.
pub fn event_order(events: &[Event]) -> HashMap<String, u32> {
    let mut order = HashMap::new();
    let mut step = 0u32;
    for event in events {
        let id: &str = match event {
            Event::Untagged { reference, .. } => reference,
            Event::ImageDeleted { image } => image,
            Event::LayerDeleted { layer } => layer,
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

/// The animation delay of an object the events touched (0 for the others).
pub fn delay_ms(order: &HashMap<String, u32>, id: &str) -> u32 {
    order.get(id).map_or(0, |i| (i * STEP_MS).min(MAX_DELAY_MS))
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

/// The objects the events removed, as the previous layout drew them. An object that is back in
/// the new layout (a tag moved to another image) is not a ghost: it is simply drawn anew.
fn removed(events: &[Event], before: &Layout, now: &Layout) -> Vec<Node> {
    let mut ghosts: Vec<Node> = Vec::new();
    for event in events {
        let (kinds, id): (&[NodeKind], &str) = match event {
            Event::Untagged { reference, .. } => (&[NodeKind::Tag, NodeKind::Digest], reference),
            Event::ImageDeleted { image } => (&[NodeKind::Image], image),
            Event::LayerDeleted { layer } => (&[NodeKind::Layer], layer),
            Event::ContainerRemoved { container } => (&[NodeKind::Container], container),
            _ => continue,
        };
        for &kind in kinds {
            let Some(node) = before.node(kind, id) else {
                continue;
            };
            let seen = ghosts.iter().any(|g| g.kind == kind && g.id == id);
            if !seen && now.node(kind, id).is_none() {
                ghosts.push(node.clone());
            }
        }
    }
    ghosts
}

/// The objects the events created that the new layout draws.
fn created(events: &[Event], now: &Layout) -> HashSet<(NodeKind, String)> {
    let mut fresh = HashSet::new();
    for event in events {
        let (kinds, id): (&[NodeKind], &str) = match event {
            Event::Tagged { reference, .. } => (&[NodeKind::Tag, NodeKind::Digest], reference),
            Event::ImageCreated { image } => (&[NodeKind::Image], image),
            Event::LayerCreated { layer } => (&[NodeKind::Layer], layer),
            Event::ContainerCreated { container } => (&[NodeKind::Container], container),
            _ => continue,
        };
        for &kind in kinds {
            if now.node(kind, id).is_some() {
                fresh.insert((kind, id.to_string()));
            }
        }
    }
    fresh
}

/// Runs on every state change (`generation`). The timer that ends a command's animations is
/// held here: the next command replaces it (dropping a `Timeout` cancels it, so it can no
/// longer clear the newer command's ghosts early) and unmounting drops it.
#[hook]
pub fn use_transitions(generation: u64, events: Rc<Vec<Event>>, current: Rc<Layout>) -> Transitions {
    let transitions = use_state(Transitions::default);
    let previous = use_mut_ref(|| current.clone());
    let settle_timer = use_mut_ref(|| None::<Timeout>);
    {
        let transitions = transitions.clone();
        use_effect_with(generation, move |_| {
            let before = previous.replace(current.clone());
            let next = if platform::prefers_reduced_motion() {
                Transitions { pulse: Rc::new(blockers_of(&events)), ..Transitions::default() }
            } else {
                Transitions {
                    ghosts: Rc::new(removed(&events, &before, &current)),
                    fresh: Rc::new(created(&events, &current)),
                    pulse: Rc::new(blockers_of(&events)),
                }
            };
            let longest = event_order(&events).values().copied().max().unwrap_or(0);
            let settle = (longest * STEP_MS).min(MAX_DELAY_MS) + ANIMATION_MS + 100;
            let wait = if next.pulse.is_empty() { settle } else { settle.max(PULSE_MS) };
            let pending = !next.ghosts.is_empty() || !next.pulse.is_empty();
            let fresh = next.fresh.clone();
            transitions.set(next);
            platform::measure("cmd-to-graph", "cmd-start");
            *settle_timer.borrow_mut() = pending
                .then(|| Timeout::new(wait, move || transitions.set(Transitions { fresh, ..Transitions::default() })));
        });
    }
    (*transitions).clone()
}
