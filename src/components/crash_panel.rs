//! The panel a panic leaves behind instead of a frozen page. It is plain DOM built by the panic
//! hook, because after a panic yew's scheduler can no longer render anything.

use gloo_events::EventListener;
use web_sys::Element;

use super::platform;
use crate::i18n::{t, Lang, Text};

/// Installs the hook through yew, so that yew's renderer keeps it instead of putting its own
/// back (a plain `std::panic::set_hook` before `render()` is silently replaced). The hook still
/// logs the panic with its stack through `console_error_panic_hook`.
pub fn install() {
    yew::set_custom_panic_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show(&info.to_string());
    }));
}

fn lang() -> Lang {
    platform::query_param("lang")
        .or_else(|| platform::load(platform::LANG_KEY))
        .and_then(|code| Lang::parse(&code))
        .unwrap_or_else(|| Lang::from_browser(&platform::browser_languages()))
}

fn element(tag: &str, text: &str) -> Option<Element> {
    let element = gloo_utils::document().create_element(tag).ok()?;
    element.set_text_content(Some(text));
    Some(element)
}

/// A button whose action outlives the panicked app: its listener is leaked on purpose, since
/// nothing will ever remove the panel but a reload.
fn button(text: &str, testid: &str, action: fn()) -> Option<Element> {
    let button = element("button", text)?;
    let _ = button.set_attribute("type", "button");
    let _ = button.set_attribute("data-testid", testid);
    EventListener::new(&button, "click", move |_| action()).forget();
    Some(button)
}

/// Shows the panel (once: a second panic keeps the first message).
pub fn show(message: &str) {
    let document = gloo_utils::document();
    if document.query_selector("[data-testid=crash]").ok().flatten().is_some() {
        return;
    }
    let lang = lang();
    let Some(panel) = element("div", "") else {
        return;
    };
    let _ = panel.set_attribute("role", "alert");
    let _ = panel.set_attribute("class", "crash-panel");
    let _ = panel.set_attribute("data-testid", "crash");
    let reset = || {
        platform::forget_all();
        platform::reload();
    };
    let parts = [
        element("h2", t(lang, Text::CrashTitle)),
        element("p", t(lang, Text::CrashBody)),
        element("pre", message).inspect(|pre| {
            let _ = pre.set_attribute("data-testid", "crash-message");
        }),
        button(t(lang, Text::CrashReset), "crash-reset", reset),
        button(t(lang, Text::CrashReload), "crash-reload", platform::reload),
    ];
    for part in parts.into_iter().flatten() {
        let _ = panel.append_child(&part);
    }
    let _ = gloo_utils::body().append_child(&panel);
}
