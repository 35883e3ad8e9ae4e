//! What the graph animates after a command, read from the engine's events alone (never from
//! comparing layouts): the objects an event removed stay on as ghosts while they animate out,
//! drawn where the previous layout (the one of the session's `before_last` store) had them; the
//! objects an event created are marked new; whatever refused a removal pulses. The events also
//! give the order, so labels leave before images and layers crumble top-down. Only once the
//! removed objects are gone do the survivors glide to their new places ([`moves`], FLIP): the
//! layout keeps their order, and all glide together over the same time, so none crosses another.

use std::collections::{HashMap, HashSet};

use crate::layout::{Layout, Node, NodeKind, Rect};
use rmi_engine::{Blocker, Event};

/// Time between two consecutive objects' animations.
pub const STEP_MS: u32 = 110;
/// Later objects all start by then, so a prune of thousands still ends quickly.
pub const MAX_DELAY_MS: u32 = 1200;
/// One object's animation (the CSS keyframes' duration).
pub const ANIMATION_MS: u32 = 550;
/// How long a refused removal's blocker pulses, at least.
pub const PULSE_MS: u32 = 1500;
/// The survivors' glide to their new places (the CSS transition's duration).
pub const GLIDE_MS: u32 = 350;
/// With nothing to fade first, the survivors are drawn once where they were before they glide.
pub const FIRST_FRAME_MS: u32 = 34;

/// The order in which the events touch each object; animations follow it.
pub fn event_order(events: &[Event]) -> HashMap<String, u32> {
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

/// The animation delay of an object the events touched (0 for the others).
pub fn delay_ms(order: &HashMap<String, u32>, id: &str) -> u32 {
    order.get(id).map_or(0, |i| (i * STEP_MS).min(MAX_DELAY_MS))
}

pub fn blockers_of(events: &[Event]) -> HashSet<String> {
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
pub fn removed(events: &[Event], before: &Layout, now: &Layout) -> Vec<Node> {
    let mut ghosts: Vec<Node> = Vec::new();
    for event in events {
        let (kinds, id): (&[NodeKind], &str) = match event {
            Event::Untagged { reference, .. } => (&[NodeKind::Tag, NodeKind::Digest], reference),
            Event::ImageDeleted { image } => (&[NodeKind::Image], image),
            Event::LayerDeleted { layer, .. } => (&[NodeKind::Layer], layer),
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
pub fn created(events: &[Event], now: &Layout) -> HashSet<(NodeKind, String)> {
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

/// How a survivor is drawn until it glides: shifted back to where it was (its old place minus
/// its new one, first box, layout units) and, for a layer whose span changed, at its old width.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Shift {
    pub dx: f64,
    pub dy: f64,
    pub width: Option<f64>,
}

/// The survivors that moved or changed width, and how to draw them where they were.
pub fn moves(before: &Layout, now: &Layout) -> HashMap<(NodeKind, String), Shift> {
    let old: HashMap<(NodeKind, &str), Rect> =
        before.nodes.iter().filter_map(|n| n.rects.first().map(|r| ((n.kind, n.id.as_str()), *r))).collect();
    now.nodes
        .iter()
        .filter_map(|n| {
            let r = n.rects.first()?;
            let was = old.get(&(n.kind, n.id.as_str()))?;
            let shift =
                Shift { dx: was.x - r.x, dy: was.y - r.y, width: ((was.w - r.w).abs() > 0.01).then_some(was.w) };
            (shift.dx.abs() > 0.01 || shift.dy.abs() > 0.01 || shift.width.is_some()).then(|| (n.key(), shift))
        })
        .collect()
}

/// When the survivors start gliding: once the removed objects have faded, or after one frame.
pub fn glide_at_ms(events: &[Event], ghosts: bool) -> u32 {
    if ghosts {
        let longest = removal_order(events).max().unwrap_or(0);
        (longest * STEP_MS).min(MAX_DELAY_MS) + ANIMATION_MS
    } else {
        FIRST_FRAME_MS
    }
}

fn removal_order(events: &[Event]) -> impl Iterator<Item = u32> + '_ {
    let order = event_order(events);
    events.iter().filter_map(move |event| {
        let id: &str = match event {
            Event::Untagged { reference, .. } => reference,
            Event::ImageDeleted { image } => image,
            Event::LayerDeleted { layer, .. } => layer,
            Event::ContainerRemoved { container } => container,
            _ => return None,
        };
        order.get(id).copied()
    })
}

/// How long after a command its animations are over: the last object's delay and its animation,
/// and at least the pulse when something refused.
pub fn settle_ms(events: &[Event]) -> u32 {
    let longest = event_order(events).values().copied().max().unwrap_or(0);
    let settle = (longest * STEP_MS).min(MAX_DELAY_MS) + ANIMATION_MS + 100;
    if blockers_of(events).is_empty() {
        settle
    } else {
        settle.max(PULSE_MS)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{layout, Unfolded, COLUMN_WIDTH};
    use rmi_engine::scenarios;

    const NOW: i64 = 1_767_225_600_000_000_000;
    const IMG14: &str = "sha256:8f1bd21bd25c3fb1d4b00b7936a73a0664f932e11406c48a0ef19d82fd0b7342";

    #[test]
    fn ghosts_are_what_the_events_removed_where_they_were_drawn() {
        let mut engine = scenarios::build("rmi-tutorial", 1, NOW).unwrap();
        let before = layout(&engine.store, &Unfolded::new());
        let events = engine.run_line("docker rmi ubuntu:14.04").events;
        let after = layout(&engine.store, &Unfolded::new());
        let ghosts = removed(&events, &before, &after);
        let ids: Vec<(NodeKind, &str)> = ghosts.iter().map(|g| (g.kind, g.id.as_str())).collect();
        assert_eq!(ids.len(), 7, "{ids:?}");
        assert_eq!(ids[0], (NodeKind::Tag, "ubuntu:14.04"));
        assert_eq!(ids[1], (NodeKind::Image, IMG14));
        assert!(ids[2..].iter().all(|(kind, _)| *kind == NodeKind::Layer));
        for ghost in &ghosts {
            assert_eq!(Some(ghost), before.node(ghost.kind, &ghost.id), "drawn where it was");
        }
        // Top layer first, then down to the base.
        let order = event_order(&events);
        let delays: Vec<u32> = ghosts.iter().map(|g| delay_ms(&order, &g.id)).collect();
        assert!(delays.windows(2).all(|w| w[0] < w[1]), "{delays:?}");
        assert!(created(&events, &after).is_empty());
    }

    #[test]
    fn only_events_make_ghosts() {
        // Undo brings the image back with no events: nothing is marked, although the layouts differ.
        let mut engine = scenarios::build("rmi-tutorial", 1, NOW).unwrap();
        let before = layout(&engine.store, &Unfolded::new());
        engine.run_line("docker rmi ubuntu:14.04");
        let after = layout(&engine.store, &Unfolded::new());
        assert!(removed(&[], &before, &after).is_empty());
        assert!(created(&[], &before).is_empty());
    }

    #[test]
    fn a_tag_that_moves_is_drawn_anew_not_as_a_ghost() {
        let mut engine = scenarios::build("rmi-tutorial", 1, NOW).unwrap();
        let before = layout(&engine.store, &Unfolded::new());
        let events = engine.run_line("docker tag ubuntu:14.04 ubuntu:latest").events;
        assert!(events.iter().any(|e| matches!(e, Event::Untagged { reference, .. } if reference == "ubuntu:latest")));
        let after = layout(&engine.store, &Unfolded::new());
        assert!(removed(&events, &before, &after).is_empty());
        assert!(created(&events, &after).contains(&(NodeKind::Tag, "ubuntu:latest".to_string())));
    }

    #[test]
    fn creations_are_marked_new_and_refusals_pulse_their_blocker() {
        let mut engine = scenarios::build("rmi-tutorial", 1, NOW).unwrap();
        let events = engine.run_line("docker run ubuntu:14.04 true").events;
        let now = layout(&engine.store, &Unfolded::new());
        let fresh = created(&events, &now);
        assert_eq!(fresh.iter().filter(|(kind, _)| *kind == NodeKind::Container).count(), 1);
        let events = engine.run_line("docker rmi ubuntu:14.04").events;
        let container = engine.store.containers.keys().next().unwrap().to_string();
        assert_eq!(blockers_of(&events), HashSet::from([container]));
        assert_eq!(settle_ms(&events), PULSE_MS);
    }

    #[test]
    fn survivors_shift_back_to_where_they_were_and_only_they() {
        let mut engine = scenarios::build("shared-layers", 1, NOW).unwrap();
        let before = layout(&engine.store, &Unfolded::new());
        let events = engine.run_line("docker rmi python:3.12-slim").events;
        let after = layout(&engine.store, &Unfolded::new());
        let shifts = moves(&before, &after);
        assert!(!shifts.is_empty());
        for (key, shift) in &shifts {
            let old = before.node(key.0, &key.1).unwrap().rects[0];
            let new = after.node(key.0, &key.1).unwrap().rects[0];
            assert_eq!((new.x + shift.dx, new.y + shift.dy), (old.x, old.y), "{key:?}");
            assert_eq!(shift.width.unwrap_or(new.w), old.w, "{key:?}");
            // The column that went is given back: everything after it moves one column left.
            assert!(shift.dx == 0.0 || shift.dx == COLUMN_WIDTH, "{key:?} {shift:?}");
        }
        // The shared base narrows by that column.
        let base = "sha256:9a24f4e21c9760b2dd99e88c055b3e5d076307c3a2dd8d99911078a0941cc649";
        let narrowed = shifts[&(NodeKind::Layer, base.to_string())];
        assert_eq!(
            narrowed.width.map(|w| w - after.node(NodeKind::Layer, base).unwrap().rects[0].w),
            Some(COLUMN_WIDTH)
        );
        let ghosts = removed(&events, &before, &after);
        assert!(ghosts.iter().all(|g| !shifts.contains_key(&g.key())), "ghosts fade where they stand");
        // They glide once the last removed object has faded, and before the ghosts leave the page.
        let at = glide_at_ms(&events, true);
        assert!(at >= ANIMATION_MS && at < settle_ms(&events), "{at}");
        assert_eq!(glide_at_ms(&[], false), FIRST_FRAME_MS);
    }

    #[test]
    fn a_survivor_that_only_moved_is_the_same_local_node_and_one_that_narrowed_is_not() {
        let mut engine = scenarios::build("shared-layers", 1, NOW).unwrap();
        let before = layout(&engine.store, &Unfolded::new());
        engine.run_line("docker rmi python:3.12-slim");
        let after = layout(&engine.store, &Unfolded::new());
        let shifts = moves(&before, &after);
        let (mut only_moved, mut reshaped) = (0, 0);
        for (key, shift) in &shifts {
            let (old, new) = (before.node(key.0, &key.1).unwrap(), after.node(key.0, &key.1).unwrap());
            // The graph keeps the drawing of a node whose local form is unchanged (graph.rs).
            assert_eq!(old.local() == new.local(), shift.width.is_none(), "{key:?} {shift:?}");
            let (x, y) = new.origin();
            assert_eq!((x + shift.dx, y + shift.dy), old.origin(), "{key:?}");
            if shift.width.is_none() {
                only_moved += 1;
            } else {
                reshaped += 1;
            }
        }
        assert!(only_moved > 0 && reshaped > 0, "{only_moved} moved, {reshaped} reshaped");
        assert!(after.nodes.iter().all(|n| n.local().origin() == (0.0, 0.0)));
    }
}
