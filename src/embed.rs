//! The embedding protocol (`../shared/spec/embed.md`): the messages a host page and the
//! playground's frame exchange through `window.postMessage`, as serde types, and the rules
//! that decide which messages the frame listens to and where it may post. Plain Rust, tested
//! natively; the component that listens and posts only moves values through these functions.

use std::rc::Rc;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::narration::{parse_script, parse_speed, Script};

use rmi_engine::store::reference::StoredRef;
use rmi_engine::{Engine, Event, Outcome, Stream};

/// The protocol's version, sent in `rmi:ready`.
pub const PROTOCOL: u32 = 1;

/// What a host may ask of the frame. Every request carries an `id` the reply repeats.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(tag = "type", deny_unknown_fields)]
pub enum Request {
    /// One line as typed at the prompt.
    #[serde(rename = "rmi:run")]
    Run { id: Value, command: String },
    #[serde(rename = "rmi:reset")]
    Reset { id: Value },
    #[serde(rename = "rmi:get-state")]
    GetState { id: Value },
    /// A lesson file's content (`lessons.md`): an object, or its JSON text.
    #[serde(rename = "rmi:load-lesson")]
    LoadLesson { id: Value, lesson: Value },
}

impl Request {
    /// The id the reply repeats.
    pub fn id(&self) -> &Value {
        match self {
            Request::Run { id, .. }
            | Request::Reset { id }
            | Request::GetState { id }
            | Request::LoadLesson { id, .. } => id,
        }
    }
}

/// What the frame posts to its host.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type")]
pub enum Message {
    #[serde(rename = "rmi:ready")]
    Ready { protocol: u32, version: String },
    #[serde(rename = "rmi:result")]
    Result { id: Value, exit: i32, stdout: String, stderr: String, events: Vec<Event> },
    #[serde(rename = "rmi:state")]
    State { id: Value, images: Vec<ImageState>, containers: Vec<ContainerState>, layers: Vec<LayerState> },
    /// Every command run in the frame, typed by the reader or requested by the host.
    #[serde(rename = "rmi:command")]
    Command { command: String, exit: i32 },
    #[serde(rename = "rmi:change")]
    Change { images: usize, layers: usize, containers: usize },
    #[serde(rename = "rmi:goal")]
    Goal { lesson: String, step: usize, goal: usize, met: bool },
    #[serde(rename = "rmi:resize")]
    Resize { height: u32 },
    #[serde(rename = "rmi:error")]
    Error {
        #[serde(skip_serializing_if = "Option::is_none", default)]
        id: Option<Value>,
        message: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImageState {
    pub id: String,
    /// Familiar references (`ubuntu:14.04`, `busybox@sha256:…`), sorted.
    pub references: Vec<String>,
    /// ChainIDs of its layers, bottom first.
    pub layers: Vec<String>,
    pub size: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContainerState {
    pub id: String,
    pub name: String,
    pub image: String,
    pub running: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LayerState {
    pub chain_id: String,
    /// The layer's own size (`DiffSize`).
    pub size: u64,
    /// How many images, child layers and containers hold it.
    pub holders: u32,
}

/// The embedding page's origin as the frame was told it (`origin=`): a web origin,
/// `http(s)://host[:port]`, nothing more. `*`, `null`, paths and anything else are refused,
/// so the frame never posts its state to any origin by mistake.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostOrigin(String);

impl HostOrigin {
    pub fn parse(text: &str) -> Option<HostOrigin> {
        let rest = text.strip_prefix("https://").or_else(|| text.strip_prefix("http://"))?;
        // An IPv6 host is bracketed; a port follows the host after a colon.
        let (host, port) = match rest.strip_prefix('[') {
            Some(v6) => match v6.split_once(']') {
                Some((inside, "")) => (inside, None),
                Some((inside, after)) => (inside, Some(after.strip_prefix(':')?)),
                None => return None,
            },
            None => match rest.split_once(':') {
                Some((host, port)) => (host, Some(port)),
                None => (rest, None),
            },
        };
        let host_ok = !host.is_empty()
            && host.chars().all(|c| c.is_ascii_alphanumeric() || "-.:".contains(c))
            && !host.starts_with('.');
        let port_ok = port.is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()));
        (host_ok && port_ok).then(|| HostOrigin(text.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// What the frame does with a message that reached its `message` listener.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// Not for the frame (not from its parent, or from another origin): ignored silently.
    Ignore,
    /// Answered with `rmi:error` (to any origin): the frame was embedded without `origin`.
    NeedsOrigin(Option<Value>),
    /// Answered with `rmi:error` to the configured origin: not a message the protocol knows.
    Malformed(Option<Value>, String),
    Accept(Request),
}

/// Where a message came from, as the frame's listener sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sender<'a> {
    /// The frame is inside another page (`window.parent` is not the window itself).
    pub embedded: bool,
    /// The message's `source` is the parent window.
    pub from_parent: bool,
    /// The message's `origin`.
    pub origin: &'a str,
}

/// The security rules of `embed.md`: the frame listens only when embedded, only to its parent
/// window; when it knows its host's origin, only to that origin; without it, requests are
/// refused with a reason. Anything the protocol does not know is refused, never rendered.
pub fn judge(data: &Value, sender: Sender, host_origin: Option<&HostOrigin>) -> Verdict {
    if !sender.embedded || !sender.from_parent {
        return Verdict::Ignore;
    }
    if host_origin.is_some_and(|origin| origin.as_str() != sender.origin) {
        return Verdict::Ignore;
    }
    // Only objects with an `rmi:` type are the protocol's; other traffic on the window (other
    // libraries' messages) is not an error.
    let kind = data.get("type").and_then(Value::as_str).unwrap_or_default();
    if !kind.starts_with("rmi:") {
        return Verdict::Ignore;
    }
    let id = data.get("id").cloned();
    if host_origin.is_none() {
        return Verdict::NeedsOrigin(id);
    }
    match serde_json::from_value::<Request>(data.clone()) {
        Ok(request) => Verdict::Accept(request),
        Err(e) => Verdict::Malformed(id, e.to_string()),
    }
}

/// Where the frame may post a message: to the configured origin, or, without one, only the
/// messages `embed.md` allows to any origin (`rmi:ready`, `rmi:resize`, `rmi:error`).
pub fn target_origin<'a>(message: &Message, host_origin: Option<&'a HostOrigin>) -> Option<&'a str> {
    match host_origin {
        Some(origin) => Some(origin.as_str()),
        None => match message {
            Message::Ready { .. } | Message::Resize { .. } | Message::Error { .. } => Some("*"),
            _ => None,
        },
    }
}

/// The `rmi:result` of a command: its exact stdout and stderr (lines joined by newlines, as a
/// terminal shows each stream), its exit status and the engine's events.
pub fn result(id: Value, outcome: &Outcome) -> Message {
    let stream = |wanted: Stream| {
        outcome.lines.iter().filter(|line| line.stream == wanted).map(|line| line.text.as_str()).collect::<Vec<_>>()
    };
    let joined = |lines: Vec<&str>| if lines.is_empty() { String::new() } else { lines.join("\n") + "\n" };
    Message::Result {
        id,
        exit: outcome.exit,
        stdout: joined(stream(Stream::Stdout)),
        stderr: joined(stream(Stream::Stderr)),
        events: outcome.events.clone(),
    }
}

/// The `rmi:state` of the store: images with their references and layers, containers, layers.
pub fn state(id: Value, engine: &Engine) -> Message {
    let store = &engine.store;
    let mut images: Vec<ImageState> = store
        .images
        .values()
        .map(|image| {
            let mut layers: Vec<String> =
                store.chain_of(image.top_layer.as_ref()).iter().map(|l| l.chain_id.to_string()).collect();
            layers.reverse();
            let mut references: Vec<String> =
                store.ref_set(&image.id).iter().map(|full| StoredRef::split(full).familiar()).collect();
            references.sort();
            ImageState { id: image.id.to_string(), references, layers, size: image.size }
        })
        .collect();
    images.sort_by(|a, b| a.id.cmp(&b.id));
    let containers = store
        .containers
        .values()
        .map(|c| ContainerState {
            id: c.id.to_string(),
            name: c.name.clone(),
            image: c.image_id.to_string(),
            running: c.is_running(),
        })
        .collect();
    let mut layers: Vec<LayerState> = store
        .layers
        .values()
        .map(|l| LayerState { chain_id: l.chain_id.to_string(), size: l.diff_size, holders: l.references })
        .collect();
    layers.sort_by(|a, b| a.chain_id.cmp(&b.chain_id));
    Message::State { id, images, containers, layers }
}

/// The `rmi:change` counts after a state change.
pub fn change(engine: &Engine) -> Message {
    Message::Change {
        images: engine.store.images.len(),
        layers: engine.store.layers.len(),
        containers: engine.store.containers.len(),
    }
}

/// Where an embed keeps what the reader did (`storage=`): nowhere by default, so two embeds on
/// one article never overwrite each other or the reader's own playground.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StorageMode {
    /// `localStorage`: the hosted page, or an embed with `storage=local`.
    Local,
    /// `sessionStorage`: this tab only (`storage=session`).
    Session,
    /// Memory only: gone with the frame (an embed's default, `storage=none`).
    Memory,
}

/// How much of a refused parameter's value its notice repeats (a crafted address can be long).
const VALUE_SHOWN: usize = 40;

/// The page's mode from its URL parameters (`embed.md`, "Embed mode"), with a message for each
/// value that was malformed and fell back.
#[derive(Debug, Clone, PartialEq)]
pub struct EmbedOptions {
    pub embed: bool,
    pub storage: StorageMode,
    /// No prompt: the graph and the terminal only.
    pub readonly: bool,
    /// The embedding page's origin: requests are heard from it and events posted to it.
    pub origin: Option<HostOrigin>,
    /// A narrated replay (`script=`), played at `speed`, from the start when `autoplay`.
    pub script: Option<Rc<Script>>,
    /// `theme=light|dark|system`: the host's choice, over anything the frame kept.
    pub theme: Option<&'static str>,
    pub autoplay: bool,
    pub speed: f64,
    /// `name=value: why` for each parameter that was refused (shown in a notice).
    pub refused: Vec<String>,
}

impl EmbedOptions {
    /// Reads the parameters of the page's URL (`get` answers one by name). Outside embed mode
    /// only `embed` itself is read: the hosted page keeps its storage.
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> EmbedOptions {
        let mut refused = Vec::new();
        let flag = |name: &str, refused: &mut Vec<String>| match get(name).as_deref() {
            None | Some("0") | Some("false") => false,
            Some("1") | Some("true") | Some("") => true,
            Some(other) => {
                refused.push(format!("{name}={}: expected 1 or 0", cut(other)));
                false
            }
        };
        let embed = flag("embed", &mut refused);
        if !embed {
            // The hosted page is the reader's own: a narration is an embed's.
            for name in ["script", "autoplay", "speed"] {
                if let Some(value) = get(name) {
                    refused.push(format!("{name}={}: only in an embed (embed=1)", cut(&value)));
                }
            }
            return EmbedOptions {
                embed,
                storage: StorageMode::Local,
                readonly: false,
                origin: None,
                script: None,
                theme: None,
                autoplay: false,
                speed: 1.0,
                refused,
            };
        }
        let storage = match get("storage").as_deref() {
            None | Some("none") => StorageMode::Memory,
            Some("session") => StorageMode::Session,
            Some("local") => StorageMode::Local,
            Some(other) => {
                refused.push(format!("storage={}: expected none, session or local", cut(other)));
                StorageMode::Memory
            }
        };
        let readonly = flag("readonly", &mut refused);
        let origin = get("origin").and_then(|text| {
            let parsed = HostOrigin::parse(&text);
            if parsed.is_none() {
                refused.push(format!("origin={}: expected the page's origin, https://host[:port]", cut(&text)));
            }
            parsed
        });
        let script = get("script").and_then(|text| match parse_script(&text) {
            Ok(script) => Some(Rc::new(script)),
            Err(why) => {
                refused.push(format!("script={}: {why}", cut(&text)));
                None
            }
        });
        let theme = get("theme").and_then(|text| {
            let known = ["light", "dark", "system"].into_iter().find(|theme| *theme == text);
            if known.is_none() {
                refused.push(format!("theme={}: expected light, dark or system", cut(&text)));
            }
            known
        });
        let autoplay = flag("autoplay", &mut refused);
        let speed = match get("speed") {
            None => 1.0,
            Some(text) => parse_speed(&text).unwrap_or_else(|| {
                refused.push(format!("speed={}: expected a factor from 0.25 to 4", cut(&text)));
                1.0
            }),
        };
        if get("script").is_none() {
            for name in ["autoplay", "speed"] {
                if let Some(value) = get(name) {
                    refused.push(format!("{name}={}: there is no script to play", cut(&value)));
                }
            }
        }
        EmbedOptions { embed, storage, readonly, origin, script, theme, autoplay, speed, refused }
    }
}

/// The parameters an embed keeps when the reader opens a lesson from its list: still an
/// embed, for the same host, in its language, theme, mode and storage. (A scenario, a script
/// or a share link belonged to what was open before.)
pub const KEPT_ACROSS_LESSONS: &[&str] = &["embed", "origin", "lang", "theme", "readonly", "storage"];

/// The address (a query, `?…`) of lesson `id` opened from the list: for an embed, its own
/// parameters kept (`get` answers the current ones by name); otherwise the lesson alone.
pub fn lesson_query(id: &str, embed: bool, get: impl Fn(&str) -> Option<String>) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    if embed {
        for name in KEPT_ACROSS_LESSONS {
            if let Some(value) = get(name) {
                query.append_pair(name, &value);
            }
        }
    }
    query.append_pair("lesson", id);
    format!("?{}", query.finish())
}

/// A parameter's value as a notice quotes it: cut (a script or URL can be any length), on
/// one line.
fn cut(value: &str) -> String {
    crate::guide::cut(&value.replace('\n', " "), VALUE_SHOWN)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(pairs: &[(&str, &str)]) -> EmbedOptions {
        let pairs: Vec<(String, String)> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        EmbedOptions::from_query(|name| pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()))
    }

    #[test]
    fn embed_mode_keeps_nothing_by_default_and_refuses_bad_values_by_name() {
        let page = options(&[("storage", "session"), ("readonly", "1")]);
        assert_eq!((page.embed, page.storage, page.readonly), (false, StorageMode::Local, false), "the hosted page");
        let embed = options(&[("embed", "1")]);
        assert_eq!((embed.storage, embed.readonly, embed.origin.clone()), (StorageMode::Memory, false, None));
        assert!(embed.refused.is_empty());
        let full =
            options(&[("embed", "1"), ("storage", "session"), ("readonly", "1"), ("origin", "https://docs.example")]);
        assert_eq!((full.storage, full.readonly), (StorageMode::Session, true));
        assert_eq!(full.origin.as_ref().map(HostOrigin::as_str), Some("https://docs.example"));
        assert_eq!(options(&[("embed", "1"), ("storage", "local")]).storage, StorageMode::Local);
        let bad =
            options(&[("embed", "1"), ("storage", "cloud"), ("readonly", "yes"), ("origin", "*"), ("autoplay", "1")]);
        assert_eq!((bad.storage, bad.readonly, bad.origin), (StorageMode::Memory, false, None));
        assert_eq!(bad.refused.len(), 4, "{:?}", bad.refused);
        assert!(bad.refused[0].starts_with("storage=cloud"), "{:?}", bad.refused);
        assert_eq!(options(&[("embed", "2")]).refused, ["embed=2: expected 1 or 0"]);
        assert_eq!(options(&[("embed", "1"), ("theme", "dark")]).theme, Some("dark"));
        let pink = options(&[("embed", "1"), ("theme", "pink")]);
        assert_eq!((pink.theme, pink.refused), (None, vec!["theme=pink: expected light, dark or system".to_string()]));
    }

    #[test]
    fn a_narration_is_read_in_embed_mode_only_and_its_bad_values_are_named() {
        let played = options(&[("embed", "1"), ("script", "# hi\ndocker images"), ("autoplay", "1"), ("speed", "2")]);
        assert!(played.refused.is_empty(), "{:?}", played.refused);
        assert_eq!(played.script.as_ref().map(|s| s.steps.len()), Some(1));
        assert_eq!((played.autoplay, played.speed), (true, 2.0));
        let hosted = options(&[("script", "docker images"), ("autoplay", "1")]);
        assert!(hosted.script.is_none() && !hosted.autoplay);
        assert_eq!(
            hosted.refused,
            ["script=docker images: only in an embed (embed=1)", "autoplay=1: only in an embed (embed=1)"]
        );
        let broken = options(&[("embed", "1"), ("script", "docker images\n@wait 3"), ("speed", "warp")]);
        assert!(broken.script.is_none());
        assert_eq!(
            broken.refused,
            [
                "script=docker images @wait 3: line 2: \"@wait\" is not a directive (only @pause SECONDS)",
                "speed=warp: expected a factor from 0.25 to 4"
            ]
        );
        assert_eq!(options(&[("embed", "1"), ("autoplay", "1")]).refused, ["autoplay=1: there is no script to play"]);
    }

    #[test]
    fn a_lesson_opened_in_an_embed_stays_an_embed_for_the_same_host() {
        let current = [
            ("embed", "1"),
            ("origin", "https://docs.example:8443"),
            ("lang", "zh"),
            ("theme", "dark"),
            ("scenario", "rmi-tutorial"),
            ("script", "docker images"),
        ];
        let get = |name: &str| current.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string());
        assert_eq!(
            lesson_query("untag-or-delete", true, get),
            "?embed=1&origin=https%3A%2F%2Fdocs.example%3A8443&lang=zh&theme=dark&lesson=untag-or-delete"
        );
        assert_eq!(lesson_query("book-rmi", false, get), "?lesson=book-rmi");
        assert_eq!(lesson_query("a b&c", false, |_| None), "?lesson=a+b%26c");
    }

    #[test]
    fn notices_quote_long_values_cut() {
        let long = "x".repeat(5_000);
        let refused = options(&[("embed", "1"), ("origin", &long), ("storage", &long)]).refused;
        assert_eq!(refused.len(), 2);
        for message in refused {
            assert!(message.chars().count() < 140 && message.contains('…'), "{message}");
        }
    }
    use serde_json::json;

    const HOST: &str = "https://docs.example";

    fn host() -> HostOrigin {
        HostOrigin::parse(HOST).unwrap()
    }

    fn parent(origin: &str) -> Sender<'_> {
        Sender { embedded: true, from_parent: true, origin }
    }

    #[test]
    fn requests_are_read_from_plain_objects() {
        let run = json!({"type": "rmi:run", "id": 7, "command": "docker images"});
        assert_eq!(
            judge(&run, parent(HOST), Some(&host())),
            Verdict::Accept(Request::Run { id: json!(7), command: "docker images".into() })
        );
        for (data, request) in [
            (json!({"type": "rmi:reset", "id": "a"}), Request::Reset { id: json!("a") }),
            (json!({"type": "rmi:get-state", "id": 1}), Request::GetState { id: json!(1) }),
            (
                json!({"type": "rmi:load-lesson", "id": 2, "lesson": {"id": "x"}}),
                Request::LoadLesson { id: json!(2), lesson: json!({"id": "x"}) },
            ),
        ] {
            assert_eq!(judge(&data, parent(HOST), Some(&host())), Verdict::Accept(request));
        }
    }

    #[test]
    fn only_the_parent_at_the_configured_origin_is_heard() {
        let run = json!({"type": "rmi:run", "id": 1, "command": "docker ps"});
        let other_window = Sender { embedded: true, from_parent: false, origin: HOST };
        assert_eq!(judge(&run, other_window, Some(&host())), Verdict::Ignore, "another window");
        let top_level = Sender { embedded: false, from_parent: true, origin: HOST };
        assert_eq!(judge(&run, top_level, Some(&host())), Verdict::Ignore, "not embedded: its own messages");
        assert_eq!(judge(&run, parent("https://evil.example"), Some(&host())), Verdict::Ignore, "another origin");
        assert_eq!(judge(&run, parent(HOST), None), Verdict::NeedsOrigin(Some(json!(1))), "no origin configured");
        assert_eq!(judge(&json!({"hello": 1}), parent(HOST), Some(&host())), Verdict::Ignore, "not the protocol's");
        assert_eq!(judge(&json!("rmi:run"), parent(HOST), Some(&host())), Verdict::Ignore);
    }

    #[test]
    fn malformed_requests_get_an_error_with_their_id() {
        for data in [
            json!({"type": "rmi:run", "id": 3}),
            json!({"type": "rmi:run", "id": 3, "command": 42}),
            json!({"type": "rmi:run", "id": 3, "command": "x", "extra": true}),
            json!({"type": "rmi:explode", "id": 3}),
        ] {
            match judge(&data, parent(HOST), Some(&host())) {
                Verdict::Malformed(Some(id), message) => {
                    assert_eq!(id, json!(3));
                    assert!(!message.is_empty());
                }
                other => panic!("{data}: {other:?}"),
            }
        }
        assert!(matches!(
            judge(&json!({"type": "rmi:reset"}), parent(HOST), Some(&host())),
            Verdict::Malformed(None, _)
        ));
    }

    #[test]
    fn without_an_origin_only_ready_resize_and_error_are_posted() {
        let ready = Message::Ready { protocol: PROTOCOL, version: "0.1.0".into() };
        let change = Message::Change { images: 1, layers: 2, containers: 0 };
        assert_eq!(target_origin(&ready, None), Some("*"));
        assert_eq!(target_origin(&Message::Resize { height: 400 }, None), Some("*"));
        assert_eq!(target_origin(&change, None), None);
        assert_eq!(target_origin(&change, Some(&host())), Some(HOST));
    }

    #[test]
    fn only_web_origins_are_taken_as_the_host() {
        for good in [
            "https://docs.example",
            "http://127.0.0.1:8080",
            "https://a-b.example.org:443",
            "http://[::1]:3000",
            "http://[::1]",
        ] {
            assert_eq!(HostOrigin::parse(good).map(|o| o.as_str().to_string()), Some(good.to_string()), "{good}");
        }
        for bad in [
            "*",
            "null",
            "",
            "https://",
            "docs.example",
            "ftp://x",
            "https://x/",
            "https://x/path",
            "https://x:",
            "https://x:99999x",
            "javascript:alert(1)",
            "https://a b",
            "https://[::1",
            "https://x:1:2",
        ] {
            assert_eq!(HostOrigin::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn messages_round_trip_and_read_as_embed_md_writes_them() {
        let engine = rmi_engine::scenarios::build("rmi-tutorial", 1, 0).expect("scenario");
        let mut after = engine.clone();
        let outcome = after.run_line("docker rmi ubuntu:14.04");
        let result = result(json!(9), &outcome);
        let text = serde_json::to_value(&result).unwrap();
        assert_eq!(text["type"], "rmi:result");
        assert_eq!(text["stdout"].as_str().unwrap().lines().next(), Some("Untagged: ubuntu:14.04"));
        assert_eq!(text["stderr"], "");
        assert_eq!(text["exit"], 0);
        assert_eq!(text["events"][0]["type"], "untagged");
        let state = state(json!("s"), &engine);
        let back: Message = serde_json::from_value(serde_json::to_value(&state).unwrap()).unwrap();
        assert_eq!(back, state);
        let Message::State { images, containers, layers, .. } = state else { unreachable!() };
        assert_eq!(images.len(), 2);
        assert!(images.iter().any(|i| i.references == ["ubuntu:14.04"] && i.layers.len() == 5));
        assert!(containers.is_empty());
        assert_eq!(layers.len(), 10);
        let error = serde_json::to_value(Message::Error { id: None, message: "origin needed".into() }).unwrap();
        assert_eq!(error, json!({"type": "rmi:error", "message": "origin needed"}));
        let failed = after.run_line("docker rmi nosuch");
        let Message::Result { stderr, exit, .. } = super::result(json!(1), &failed) else { unreachable!() };
        assert_eq!((stderr.as_str(), exit), ("Error response from daemon: No such image: nosuch:latest\n", 1));
    }
}
