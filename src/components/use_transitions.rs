//! The graph's animations over time (see [`crate::transitions`] for what they are): one state
//! change at a time. The removed objects fade where they stand while the survivors are held at
//! their old places; then the survivors glide to their new ones. Every phase ends on a timer,
//! and the next change or unmounting cancels all of them (dropping a `Timeout` clears it).

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use yew::prelude::*;

use super::platform;
use crate::layout::{layout, Layout, Node, NodeKind, Unfolded};
use crate::transitions::{blockers_of, created, glide_at_ms, moves, removed, settle_ms, Shift, GLIDE_MS};
use rmi_engine::{Event, Store};

/// What the graph marks right now.
#[derive(Clone, PartialEq, Default)]
pub struct Transitions {
    pub ghosts: Rc<Vec<Node>>,
    pub fresh: Rc<HashSet<(NodeKind, String)>>,
    pub pulse: Rc<HashSet<String>>,
    /// Survivors drawn shifted back to where they were, until they glide.
    pub held: Rc<HashMap<(NodeKind, String), Shift>>,
    /// The survivors are gliding (or held): edges wait for them.
    pub moving: bool,
    /// New objects appear once the survivors made room for them.
    pub appear_after_ms: u32,
}

/// The state change's inputs: its events, the store before it (the session's `before_last`),
/// and the store after it with its layout.
pub struct Change {
    pub generation: u64,
    pub events: Rc<Vec<Event>>,
    pub before: Store,
    pub store: Store,
    pub unfolded: Unfolded,
    pub layout: Rc<Layout>,
}

/// Where a change's motion is: planned with the render that shows the change (so the survivors
/// are held at their old places in that very render, not one render later), then the glide, then
/// rest. A phase belongs to the change whose generation it names.
#[derive(Clone, Copy, PartialEq)]
enum Phase {
    Planned,
    Gliding,
    Settled,
}

#[hook]
pub fn use_transitions(change: Change) -> Transitions {
    // The store and layout on screen, which is where the removed objects are to be seen leaving.
    let shown = use_mut_ref(|| (change.store.clone(), change.layout.clone()));
    let Change { generation, events, before, store, unfolded, layout: current } = change;
    // The plan of this change's motion, made once, while the render that shows it is built.
    let plan = use_memo(generation, |_| {
        let (shown_store, shown_layout) = shown.replace((store, current.clone()));
        if events.is_empty() || platform::prefers_reduced_motion() {
            return (Transitions { pulse: Rc::new(blockers_of(&events)), ..Transitions::default() }, None);
        }
        // Normally the screen showed exactly the store before the change; if two changes came
        // in one render, the positions come from laying out that store.
        let before_layout =
            if shown_store.is_same_state(&before) { shown_layout } else { Rc::new(layout(&before, &unfolded)) };
        let ghosts = removed(&events, &before_layout, &current);
        let held = moves(&before_layout, &current);
        let glide_at = glide_at_ms(&events, !ghosts.is_empty());
        let moving = !held.is_empty();
        let pending = !ghosts.is_empty() || !blockers_of(&events).is_empty();
        let next = Transitions {
            ghosts: Rc::new(ghosts),
            fresh: Rc::new(created(&events, &current)),
            pulse: Rc::new(blockers_of(&events)),
            held: Rc::new(held),
            moving,
            appear_after_ms: if moving { glide_at + GLIDE_MS } else { 0 },
        };
        // When the glide starts and when everything rests, if there is anything to wait for.
        let glide = moving.then_some(glide_at);
        let settle = (pending || moving).then(|| settle_ms(&events).max(if moving { glide_at + GLIDE_MS } else { 0 }));
        (next, Some((glide, settle)))
    });
    let phase = use_state(|| (generation, Phase::Planned));
    let timers = use_mut_ref(Vec::<Timeout>::new);
    {
        let (phase, plan) = (phase.clone(), plan.clone());
        use_effect_with(generation, move |generation| {
            // A new change cancels whatever the last one still had to do.
            timers.borrow_mut().clear();
            platform::measure("cmd-to-graph", "cmd-start");
            let generation = *generation;
            let Some((glide, settle)) = plan.1 else {
                return;
            };
            let mut scheduled = timers.borrow_mut();
            if let Some(at) = glide {
                let phase = phase.clone();
                scheduled.push(Timeout::new(at, move || phase.set((generation, Phase::Gliding))));
            }
            if let Some(at) = settle {
                scheduled.push(Timeout::new(at, move || phase.set((generation, Phase::Settled))));
            }
        });
    }
    let planned = &plan.0;
    match if phase.0 == generation { phase.1 } else { Phase::Planned } {
        Phase::Planned => planned.clone(),
        Phase::Gliding => Transitions { held: Rc::default(), ghosts: Rc::default(), ..planned.clone() },
        Phase::Settled => Transitions { fresh: planned.fresh.clone(), ..Transitions::default() },
    }
}
