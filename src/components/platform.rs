//! The browser at arm's length: clock, storage, URL, media queries, performance marks. Every
//! call tolerates a missing API (old browser, sandboxed iframe, storage turned off) instead of
//! panicking.
//!
//! Built natively (feature `ssr`, the build-time first view) there is no browser: the readers
//! used while rendering answer as on a first visit (no URL parameters, nothing stored, the clock
//! at 0), so the server renderer draws the page a new reader first sees.

use std::cell::RefCell;

use gloo_storage::errors::StorageError;
use gloo_storage::{LocalStorage, Storage};
use gloo_utils::window;
use yew::Callback;

use crate::embed::StorageMode;

pub const SESSION_KEY: &str = "rmi-playground.session";
pub const ORIGIN_KEY: &str = "rmi-playground.origin";
pub const LANG_KEY: &str = "rmi-playground.lang";
pub const THEME_KEY: &str = "rmi-playground.theme";
pub const HISTORY_KEY: &str = "rmi-playground.history";
/// Set once the first visit's welcome has been shown: it is never shown again.
pub const WELCOME_KEY: &str = "rmi-playground.welcome";

/// True while the page is rendered ahead of time (natively, by the server renderer): the view is
/// a first paint that the app replaces once the wasm runs.
pub const PRERENDERING: bool = !cfg!(target_arch = "wasm32");

/// The `data-prerendered` mark of the ahead-of-time view's root, which the app removes when it
/// takes over (same geometry, so nothing moves).
pub const PRERENDERED_ATTRIBUTE: &str = "data-prerendered";

/// The `id` of the ahead-of-time view's root. The view stays hidden until the parser has reached
/// its last element (style.css): a first frame of half the view would move when the rest arrives.
pub const PRERENDERED_ID: &str = "first-view";

/// Wall clock in nanoseconds since the epoch.
pub fn now_ns() -> i64 {
    if PRERENDERING {
        return 0;
    }
    (js_sys::Date::now() * 1_000_000.0) as i64
}

/// Why something the reader did could not be kept for the next visit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageProblem {
    /// `localStorage` is turned off or forbidden (private mode, sandboxed iframe).
    Unavailable,
    /// The browser refused the write (usually the quota), in its own words.
    Refused(String),
}

impl StorageProblem {
    /// The browser's words for the reader's notice.
    pub fn detail(&self) -> String {
        match self {
            StorageProblem::Unavailable => "localStorage".to_string(),
            StorageProblem::Refused(message) => message.clone(),
        }
    }
}

thread_local! {
    static STORAGE_PROBLEMS: RefCell<Option<Callback<StorageProblem>>> = const { RefCell::new(None) };
}

/// Where failed writes are reported (the app shows a notice); `None` stops reporting. Writes
/// happen in many places (session, history, language, theme), and a failure matters to the
/// reader the same way wherever it happens: what they did will not survive a reload.
pub fn report_storage_problems_to(callback: Option<Callback<StorageProblem>>) {
    STORAGE_PROBLEMS.with(|slot| *slot.borrow_mut() = callback);
}

fn report(result: Result<(), StorageProblem>) {
    if let Err(problem) = result {
        let callback = STORAGE_PROBLEMS.with(|slot| slot.borrow().clone());
        if let Some(callback) = callback {
            callback.emit(problem);
        }
    }
}

thread_local! {
    static EMBED: std::cell::OnceCell<crate::embed::EmbedOptions> = const { std::cell::OnceCell::new() };
    /// An embed's storage by default: kept in the frame's memory only.
    static MEMORY: RefCell<std::collections::HashMap<String, String>> = RefCell::new(Default::default());
}

/// The page's mode from its URL (`?embed=1` and the embed's parameters), read once.
pub fn embed_options() -> crate::embed::EmbedOptions {
    EMBED.with(|cell| cell.get_or_init(|| crate::embed::EmbedOptions::from_query(query_param)).clone())
}

fn storage_mode() -> StorageMode {
    EMBED.with(|cell| cell.get_or_init(|| crate::embed::EmbedOptions::from_query(query_param)).storage)
}

/// The browser storage behind the page's mode: `localStorage`, or `sessionStorage` for an embed
/// with `storage=session`; `None` for memory. Either getter throws in sandboxed frames, so it is
/// asked through the window, which reports that as an error.
fn browser_storage() -> Result<Option<web_sys::Storage>, StorageProblem> {
    if PRERENDERING {
        return Err(StorageProblem::Unavailable);
    }
    let storage = match storage_mode() {
        StorageMode::Memory => return Ok(None),
        StorageMode::Local if matches!(window().local_storage(), Ok(Some(_))) => Some(LocalStorage::raw()),
        StorageMode::Session => window().session_storage().ok().flatten(),
        StorageMode::Local => None,
    };
    storage.map(Some).ok_or(StorageProblem::Unavailable)
}

/// The text stored under `key`, exactly as stored. The stored strings are the session's own
/// format (and bare words for the language and theme), not JSON values, so they are read
/// through `LocalStorage::raw()` rather than gloo's JSON `get`.
pub fn load(key: &str) -> Option<String> {
    match browser_storage() {
        Ok(Some(storage)) => storage.get_item(key).ok().flatten(),
        Ok(None) => MEMORY.with(|memory| memory.borrow().get(key).cloned()),
        Err(_) => None,
    }
}

/// Stores `value` under `key` unchanged (see [`load`]); a failure is reported, not returned.
pub fn save(key: &str, value: &str) {
    report(match browser_storage() {
        Ok(Some(storage)) => storage.set_item(key, value).map_err(|e| StorageProblem::Refused(js_message(e))),
        Ok(None) => {
            MEMORY.with(|memory| memory.borrow_mut().insert(key.to_string(), value.to_string()));
            Ok(())
        }
        Err(problem) => Err(problem),
    });
}

/// The prompt's history, a JSON list of lines that gloo encodes. Read through [`load`]: gloo's
/// typed `get` panics when the browser's `getItem` throws (as corrupted storage makes it do).
pub fn load_history() -> Option<Vec<String>> {
    load(HISTORY_KEY).and_then(|text| serde_json::from_str(&text).ok())
}

pub fn save_history(lines: &[String]) {
    match storage_mode() {
        // gloo's typed `set` writes the JSON list to localStorage itself.
        StorageMode::Local if browser_storage().is_ok() => {
            report(LocalStorage::set(HISTORY_KEY, lines).map_err(|e| match e {
                StorageError::JsError(js) => StorageProblem::Refused(js.message),
                other => StorageProblem::Refused(other.to_string()),
            }))
        }
        _ => save(HISTORY_KEY, &serde_json::to_string(lines).unwrap_or_default()),
    }
}

pub fn forget_all() {
    let keys = [SESSION_KEY, ORIGIN_KEY, LANG_KEY, THEME_KEY, HISTORY_KEY, WELCOME_KEY];
    match browser_storage() {
        Ok(Some(storage)) => keys.iter().for_each(|key| drop(storage.remove_item(key))),
        Ok(None) => MEMORY.with(|memory| keys.iter().for_each(|key| drop(memory.borrow_mut().remove(*key)))),
        Err(_) => {}
    }
}

fn js_message(value: wasm_bindgen::JsValue) -> String {
    match wasm_bindgen::JsCast::dyn_into::<js_sys::Error>(value) {
        Ok(error) => String::from(error.message()),
        Err(value) => value.as_string().unwrap_or_default(),
    }
}

pub fn query_param(name: &str) -> Option<String> {
    if PRERENDERING {
        return None;
    }
    let search = window().location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search).ok()?.get(name)
}

/// Whether the element with this `data-testid` has the keyboard focus.
pub fn has_focus(testid: &str) -> bool {
    gloo_utils::document().active_element().and_then(|e| e.get_attribute("data-testid")).is_some_and(|id| id == testid)
}

pub fn media_matches(query: &str) -> bool {
    window().match_media(query).ok().flatten().is_some_and(|m| m.matches())
}

thread_local! {
    /// The reader's motion preference, kept current by the media query's `change` event: asking
    /// `matchMedia` after a command has changed the page made the browser recompute its styles
    /// (~1 ms on a large store) on the way from Enter to the graph.
    static REDUCED_MOTION: std::rc::Rc<std::cell::Cell<bool>> = {
        let reduced = std::rc::Rc::new(std::cell::Cell::new(false));
        if let Some(list) = window().match_media("(prefers-reduced-motion: reduce)").ok().flatten() {
            reduced.set(list.matches());
            let shared = reduced.clone();
            gloo_events::EventListener::new(&list, "change", move |event| {
                if let Some(list) = event.target().and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::MediaQueryList>(t).ok()) {
                    shared.set(list.matches());
                }
            })
            // Listens for the page's whole life.
            .forget();
        }
        reduced
    };
}

pub fn prefers_reduced_motion() -> bool {
    REDUCED_MOTION.with(|reduced| reduced.get())
}

pub fn browser_languages() -> Vec<String> {
    if PRERENDERING {
        return Vec::new();
    }
    let navigator = window().navigator();
    let list: Vec<String> = navigator.languages().iter().filter_map(|v| v.as_string()).collect();
    if list.is_empty() {
        navigator.language().into_iter().collect()
    } else {
        list
    }
}

pub fn set_root_attribute(name: &str, value: &str) {
    let _ = gloo_utils::document_element().set_attribute(name, value);
}

pub fn set_body_attribute(name: &str, value: &str) {
    let _ = gloo_utils::body().set_attribute(name, value);
}

/// Takes the ahead-of-time view away; called when the app's own view is in the document, in the
/// same task, so the browser never paints the page without one of them.
pub fn remove_prerendered() {
    if let Ok(nodes) = gloo_utils::document().query_selector_all(&format!("[{PRERENDERED_ATTRIBUTE}]")) {
        for i in 0..nodes.length() {
            if let Some(node) = nodes.item(i) {
                if let Some(parent) = node.parent_node() {
                    let _ = parent.remove_child(&node);
                }
            }
        }
    }
}

const SERVICE_WORKER_DELAY_MS: u32 = 1_500;

/// Installs the service worker (`sw.js`, beside the page) that keeps this build's files, so the
/// hosted page opens with no network after one visit. Where the browser has none (an insecure
/// origin, a private window that refuses it) the page simply stays online-only.
pub fn register_service_worker() {
    if PRERENDERING || !window().is_secure_context() {
        return;
    }
    // After the page's own start-up: the worker's first job is to fetch every file again.
    gloo_timers::callback::Timeout::new(SERVICE_WORKER_DELAY_MS, || {
        let registration = window().navigator().service_worker().register("sw.js");
        wasm_bindgen_futures::spawn_local(async move {
            // A refusal is not the reader's problem: the page works as before, only not offline.
            let _ = wasm_bindgen_futures::JsFuture::from(registration).await;
        });
    })
    .forget();
}

pub fn set_title(title: &str) {
    gloo_utils::document().set_title(title);
}

pub fn mark(name: &str) {
    if PRERENDERING {
        return;
    }
    if let Some(p) = window().performance() {
        let _ = p.mark(name);
    }
}

/// Measures from the last `start` mark to now, if that mark exists.
pub fn measure(name: &str, start: &str) {
    if let Some(p) = window().performance() {
        if p.get_entries_by_name(start).length() == 0 {
            return;
        }
        let _ = p.measure_with_start_mark(name, start);
        p.clear_marks_with_mark_name(start);
    }
}

/// The text at `url` (relative to the page, so it works under a sub-path), or why not in a
/// reader's words, with the network's error or the HTTP status after them.
pub async fn fetch_text(url: &str) -> Result<String, String> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    // The browser says only "Failed to fetch" (or its own language's words) for an address that
    // is offline, unknown, or on a server that does not let other sites read it.
    let response = JsFuture::from(window().fetch_with_str(url)).await.map_err(|e| {
        format!(
            "{url}: could not be reached (offline, or its server does not let this page read it: {})",
            js_message(e)
        )
    })?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| "not a response".to_string())?;
    if !response.ok() {
        let (status, text) = (response.status(), response.status_text());
        let what = if status == 404 { "no such file" } else { "the server refused it" };
        // HTTP/2 sends no reason phrase: then the code alone.
        let code = if text.is_empty() { status.to_string() } else { format!("{status} {text}") };
        return Err(format!("{url}: {what} (HTTP {code})"));
    }
    let text = JsFuture::from(response.text().map_err(js_message)?).await.map_err(js_message)?;
    text.as_string().ok_or_else(|| format!("{url}: not text"))
}

/// This page's address with `query` as its only parameters (`?s=…` for a share link).
pub fn page_url_with(query: &str) -> String {
    let location = window().location();
    let origin = location.origin().unwrap_or_default();
    let path = location.pathname().unwrap_or_default();
    format!("{origin}{path}?{query}")
}

/// Puts `text` on the clipboard; `Err` when the browser refuses (no permission, not a secure
/// context), so the page can say "select and copy" instead.
pub async fn copy_to_clipboard(text: &str) -> Result<(), String> {
    let clipboard = window().navigator().clipboard();
    wasm_bindgen_futures::JsFuture::from(clipboard.write_text(text)).await.map(|_| ()).map_err(js_message)
}

/// Whether the page runs inside another page's frame.
pub fn is_framed() -> bool {
    if PRERENDERING {
        return false;
    }
    window().top().ok().flatten().is_none_or(|top| top != window())
}

/// Whether the reader has put the keyboard focus somewhere already (nothing, or the body,
/// means not), so the page does not take it away.
pub fn focus_is_claimed() -> bool {
    let document = gloo_utils::document();
    match document.active_element() {
        None => false,
        Some(active) => document.body().is_none_or(|body| {
            let body: web_sys::Element = body.into();
            active != body
        }),
    }
}

/// Rewrites the address in place (no reload, no history entry): `set` parameters set, `remove`
/// ones dropped, the others kept.
pub fn replace_query(set: &[(&str, &str)], remove: &[&str]) {
    let location = window().location();
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(&location.search().unwrap_or_default()) else {
        return;
    };
    for name in remove {
        params.delete(name);
    }
    for (name, value) in set {
        params.set(name, value);
    }
    let query = String::from(params.to_string());
    let path = location.pathname().unwrap_or_default();
    let hash = location.hash().unwrap_or_default();
    let url = if query.is_empty() { format!("{path}{hash}") } else { format!("{path}?{query}{hash}") };
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

pub fn reload() {
    let _ = window().location().reload();
}
