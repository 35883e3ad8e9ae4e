//! The browser at arm's length: clock, storage, URL, media queries, performance marks. Every
//! call tolerates a missing API (old browser, sandboxed iframe) instead of panicking.

use web_sys::{window, Storage};

pub const SESSION_KEY: &str = "rmi-playground.session";
pub const ORIGIN_KEY: &str = "rmi-playground.origin";
pub const LANG_KEY: &str = "rmi-playground.lang";
pub const THEME_KEY: &str = "rmi-playground.theme";
pub const HISTORY_KEY: &str = "rmi-playground.history";

/// Wall clock in nanoseconds since the epoch.
pub fn now_ns() -> i64 {
    (js_sys::Date::now() * 1_000_000.0) as i64
}

fn storage() -> Option<Storage> {
    window()?.local_storage().ok().flatten()
}

pub fn load(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

pub fn save(key: &str, value: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(key, value);
    }
}

pub fn forget_all() {
    if let Some(s) = storage() {
        for key in [SESSION_KEY, ORIGIN_KEY, LANG_KEY, THEME_KEY, HISTORY_KEY] {
            let _ = s.remove_item(key);
        }
    }
}

pub fn query_param(name: &str) -> Option<String> {
    let search = window()?.location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search).ok()?.get(name)
}

pub fn media_matches(query: &str) -> bool {
    window().and_then(|w| w.match_media(query).ok().flatten()).is_some_and(|m| m.matches())
}

pub fn prefers_reduced_motion() -> bool {
    media_matches("(prefers-reduced-motion: reduce)")
}

pub fn browser_languages() -> Vec<String> {
    let Some(navigator) = window().map(|w| w.navigator()) else {
        return Vec::new();
    };
    let list: Vec<String> = navigator.languages().iter().filter_map(|v| v.as_string()).collect();
    if list.is_empty() {
        navigator.language().into_iter().collect()
    } else {
        list
    }
}

pub fn set_root_attribute(name: &str, value: &str) {
    if let Some(root) = window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = root.set_attribute(name, value);
    }
}

pub fn set_body_attribute(name: &str, value: &str) {
    if let Some(body) = window().and_then(|w| w.document()).and_then(|d| d.body()) {
        let _ = body.set_attribute(name, value);
    }
}

pub fn mark(name: &str) {
    if let Some(p) = window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

/// Measures from the last `start` mark to now, if that mark exists.
pub fn measure(name: &str, start: &str) {
    if let Some(p) = window().and_then(|w| w.performance()) {
        if p.get_entries_by_name(start).length() == 0 {
            return;
        }
        let _ = p.measure_with_start_mark(name, start);
        p.clear_marks_with_mark_name(start);
    }
}

pub fn reload() {
    if let Some(w) = window() {
        let _ = w.location().reload();
    }
}

/// A panic never leaves a blank page: the hook draws a visible panel with a reset button
/// (plain DOM, since the app itself can no longer render).
pub fn install_panic_panel() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("rmi-playground: {info}").into());
        let Some(document) = window().and_then(|w| w.document()) else {
            return;
        };
        let Some(body) = document.body() else { return };
        let Ok(panel) = document.create_element("div") else {
            return;
        };
        let _ = panel.set_attribute("role", "alert");
        let _ = panel.set_attribute("class", "crash-panel");
        let _ = panel.set_attribute("data-testid", "crash");
        let zh = query_param("lang").or_else(|| load(LANG_KEY)).is_some_and(|l| l.starts_with("zh"));
        let lang = if zh { crate::i18n::Lang::Zh } else { crate::i18n::Lang::En };
        use crate::i18n::{t, Text};
        panel.set_inner_html(&format!(
            "<h2>{}</h2><p>{}</p><button type=\"button\" id=\"crash-reset\">{}</button>",
            t(lang, Text::CrashTitle),
            t(lang, Text::CrashBody),
            t(lang, Text::CrashReset)
        ));
        let _ = body.append_child(&panel);
        if let Some(button) = document.get_element_by_id("crash-reset") {
            let reset = wasm_bindgen::closure::Closure::<dyn Fn()>::new(|| {
                forget_all();
                reload();
            });
            let _ =
                button.add_event_listener_with_callback("click", wasm_bindgen::JsCast::unchecked_ref(reset.as_ref()));
            reset.forget();
        }
    }));
}
