//! The frame's side of the embedding protocol (`crate::embed`, `embed.md`): `rmi:ready` when
//! the page is up, `rmi:resize` when its height changes; requests go to the session's reducer
//! (`Action::Request`), whose replies are posted in order; `rmi:command` for every command run,
//! `rmi:change` after every state change and `rmi:goal` when a lesson goal turns, to the
//! configured origin only. Messages are judged by `crate::embed::judge`: nothing from a window
//! other than the parent, or from another origin, is heard, and nothing the host sends is
//! rendered.

use gloo_events::EventListener;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::platform;
use crate::embed::{self, Message, Sender, Verdict};
use crate::session::{Action, Session};

#[derive(Properties)]
pub struct EmbedBridgeProps {
    pub session: UseReducerHandle<Session>,
}

/// The session compares by identity: the reducer makes a new one for every change, and a deep
/// comparison (stores, undo history, log) on every render of the page costs more than it saves.
impl PartialEq for EmbedBridgeProps {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(&*self.session, &*other.session)
    }
}

/// The parent window when the page is inside a frame; `None` at the top.
fn parent() -> Option<web_sys::Window> {
    let window = gloo_utils::window();
    let parent = window.parent().ok().flatten()?;
    (!js_sys::Object::is(&parent, &window)).then_some(parent)
}

fn post(message: &Message) {
    let options = platform::embed_options();
    let (Some(parent), Some(origin)) = (parent(), embed::target_origin(message, options.origin.as_ref())) else {
        return;
    };
    // Plain data with string keys: serialising it cannot fail.
    let text = serde_json::to_string(message).unwrap_or_default();
    if let Ok(value) = js_sys::JSON::parse(&text) {
        let _ = parent.post_message(&value, origin);
    }
}

/// The height of the content itself (the app's root, which an embed does not stretch to the
/// frame), so the frame follows it down as well as up.
fn height() -> u32 {
    let document = gloo_utils::document();
    let root = document.query_selector(".app").ok().flatten().or_else(|| document.document_element());
    root.map_or(0, |root| root.get_bounding_client_rect().height().ceil().max(0.0) as u32)
}

/// How far the frame has told its host: the last reply and log entry posted, the store last
/// counted, and each goal's state last said.
struct Posted {
    replied: u64,
    logged: u64,
    store: Option<rmi_engine::store::Store>,
    goals: Vec<bool>,
}

#[function_component(EmbedBridge)]
pub fn embed_bridge(props: &EmbedBridgeProps) -> Html {
    let last_height = use_mut_ref(|| 0u32);
    // Ready once, and requests heard from then on.
    let heard = props.session.clone();
    use_effect_with((), move |_| {
        if parent().is_none() {
            return Box::new(|| ()) as Box<dyn FnOnce()>;
        }
        post(&Message::Ready { protocol: embed::PROTOCOL, version: env!("CARGO_PKG_VERSION").to_string() });
        let listener = EventListener::new(&gloo_utils::window(), "message", move |event| {
            let Some(event) = event.dyn_ref::<web_sys::MessageEvent>() else { return };
            let options = platform::embed_options();
            let from_parent = match (event.source(), parent()) {
                (Some(source), Some(parent)) => js_sys::Object::is(&source, &parent),
                _ => false,
            };
            let data: serde_json::Value = js_sys::JSON::stringify(&event.data())
                .ok()
                .and_then(|text| text.as_string())
                .and_then(|text| serde_json::from_str(&text).ok())
                .unwrap_or_default();
            let origin = event.origin();
            let sender = Sender { embedded: true, from_parent, origin: &origin };
            let reply = match embed::judge(&data, sender, options.origin.as_ref()) {
                Verdict::Ignore => return,
                Verdict::NeedsOrigin(id) => Message::Error {
                    id,
                    message:
                        "requests need the embedding page's origin: add origin=https://your.host to the frame's address"
                            .into(),
                },
                Verdict::Malformed(id, why) => Message::Error { id, message: format!("malformed request: {why}") },
                Verdict::Accept(request) => {
                    return heard.dispatch(Action::Request { request, now: platform::now_ns() });
                }
            };
            post(&reply);
        });
        Box::new(move || drop(listener))
    });
    // After every change of the session, in the order things happened: the commands run, the
    // counts when the store changed, goals turned, then the replies (so a host whose `run()`
    // resolves has already heard its command and change).
    let posted = use_mut_ref(|| Posted { replied: 0, logged: 0, store: None, goals: Vec::new() });
    {
        let session = props.session.clone();
        use_effect_with((session.revision, session.generation), move |_| {
            if parent().is_none() {
                return;
            }
            let mut posted = posted.borrow_mut();
            let logged_up_to = posted.logged;
            for entry in session.log.iter().filter(|e| e.id > logged_up_to) {
                if entry.note.is_none() && !entry.command.is_empty() {
                    post(&Message::Command { command: entry.command.clone(), exit: entry.exit });
                }
                posted.logged = entry.id;
            }
            // A state change, not every command: a refused `rmi` leaves the store as it was.
            let changed = posted.store.as_ref().is_none_or(|store| !store.same_contents(&session.engine.store));
            if changed {
                post(&embed::change(&session.engine));
                posted.store = Some(session.engine.store.clone());
            }
            if let Some(state) = &session.lesson {
                let goals = state.progress.goals(&state.lesson, &session.engine);
                let met: Vec<bool> = goals.iter().map(|g| g.met).collect();
                for (index, now_met) in met.iter().enumerate() {
                    if posted.goals.get(index) != Some(now_met) {
                        post(&Message::Goal {
                            lesson: state.lesson.id.clone(),
                            step: state.progress.step + 1,
                            goal: index,
                            met: *now_met,
                        });
                    }
                }
                posted.goals = met;
            }
            let replied_up_to = posted.replied;
            for (serial, reply) in session.replies.iter().filter(|(serial, _)| *serial > replied_up_to) {
                post(reply);
                posted.replied = *serial;
            }
        });
    }
    // The content's height, whenever it changes for any reason (a command's output, the lesson
    // list opening, a font arriving): a ResizeObserver on the app's root, not a render hook.
    use_effect_with((), move |_| {
        let observed = gloo_utils::document().query_selector(".app").ok().flatten();
        let (Some(_), Some(root)) = (parent(), observed) else {
            return Box::new(|| ()) as Box<dyn FnOnce()>;
        };
        let report = Closure::<dyn FnMut()>::new(move || {
            let now = height();
            if *last_height.borrow() != now {
                *last_height.borrow_mut() = now;
                post(&Message::Resize { height: now });
            }
        });
        let Ok(observer) = web_sys::ResizeObserver::new(report.as_ref().unchecked_ref()) else {
            return Box::new(|| ()) as Box<dyn FnOnce()>;
        };
        observer.observe(&root);
        Box::new(move || {
            observer.disconnect();
            drop(report);
        })
    });
    html! {}
}
