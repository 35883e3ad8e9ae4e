//! The graph's animations over time (see [`crate::transitions`] for what they are): one state
//! change at a time, each ended by a timer that the next change or unmounting cancels.

use std::collections::HashSet;
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use yew::prelude::*;

use super::platform;
use crate::layout::{Layout, Node, NodeKind};
use crate::transitions::{blockers_of, created, removed, settle_ms};
use rmi_engine::Event;

/// What the graph marks right now.
#[derive(Clone, PartialEq, Default)]
pub struct Transitions {
    pub ghosts: Rc<Vec<Node>>,
    pub fresh: Rc<HashSet<(NodeKind, String)>>,
    pub pulse: Rc<HashSet<String>>,
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
