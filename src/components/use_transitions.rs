//! The graph's animations over time (see [`crate::transitions`] for what they are): one state
//! change at a time, each ended by a timer that the next change or unmounting cancels.

use std::collections::HashSet;
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use yew::prelude::*;

use super::platform;
use crate::layout::{layout, Layout, Node, NodeKind};
use crate::transitions::{blockers_of, created, removed, settle_ms};
use rmi_engine::{Event, Store};

/// What the graph marks right now.
#[derive(Clone, PartialEq, Default)]
pub struct Transitions {
    pub ghosts: Rc<Vec<Node>>,
    pub fresh: Rc<HashSet<(NodeKind, String)>>,
    pub pulse: Rc<HashSet<String>>,
}

/// The state change's inputs: its events, the store before it (the session's `before_last`),
/// and the store after it with its layout.
pub struct Change {
    pub generation: u64,
    pub events: Rc<Vec<Event>>,
    pub before: Store,
    pub store: Store,
    pub layout: Rc<Layout>,
}

/// Runs on every state change. The timer that ends a command's animations is held here: the
/// next command replaces it (dropping a `Timeout` cancels it, so it can no longer clear the
/// newer command's ghosts early) and unmounting drops it.
#[hook]
pub fn use_transitions(change: Change) -> Transitions {
    let transitions = use_state(Transitions::default);
    // The store and layout on screen, which is where the removed objects are to be seen leaving.
    let shown = use_mut_ref(|| (change.store.clone(), change.layout.clone()));
    let settle_timer = use_mut_ref(|| None::<Timeout>);
    {
        let transitions = transitions.clone();
        let Change { generation, events, before, store, layout: current } = change;
        use_effect_with(generation, move |_| {
            let (shown_store, shown_layout) = shown.replace((store, current.clone()));
            // Normally the screen showed exactly the store before the change; if two changes came
            // in one render, the positions come from laying out that store.
            let before_layout = if events.is_empty() || shown_store.is_same_state(&before) {
                shown_layout
            } else {
                Rc::new(layout(&before, &shown_layout.slots))
            };
            let next = if platform::prefers_reduced_motion() {
                Transitions { pulse: Rc::new(blockers_of(&events)), ..Transitions::default() }
            } else {
                Transitions {
                    ghosts: Rc::new(removed(&events, &before_layout, &current)),
                    fresh: Rc::new(created(&events, &current)),
                    pulse: Rc::new(blockers_of(&events)),
                }
            };
            let wait = settle_ms(&events);
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
