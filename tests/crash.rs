//! The crash panel in a real browser (`cargo test --target wasm32-unknown-unknown --test crash`).
//! A panic leaves yew's scheduler locked for good, so this runs in its own test binary (its own
//! page), away from the component tests in `web.rs`.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use wasm_bindgen_test::*;
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

const MESSAGE: &str = "a deliberate failure in a component";

/// A component that panics while rendering, the way a bug in the page's own views would.
#[function_component(Faulty)]
fn faulty() -> Html {
    let rendered = use_state(|| false);
    {
        let rendered = rendered.clone();
        use_effect_with((), move |_| rendered.set(true));
    }
    if *rendered {
        panic!("{MESSAGE}");
    }
    html! { <p>{ "about to fail" }</p> }
}

#[wasm_bindgen_test]
async fn a_panic_while_rendering_shows_the_crash_panel_with_both_ways_out() {
    let document = gloo_utils::document();
    // The same order as `main`: the hook first, then yew's renderer (which would replace a hook
    // installed with a plain `std::panic::set_hook`).
    rmi_playground::components::crash_panel::install();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<Faulty>::with_root(root).render();
    yew::platform::time::sleep(Duration::from_millis(200)).await;

    let panel = document.query_selector("[data-testid=crash]").unwrap().expect("the crash panel is shown");
    assert_eq!(panel.get_attribute("role").as_deref(), Some("alert"));
    let text = panel.text_content().unwrap_or_default();
    assert!(text.contains("Something went wrong"), "{text}");
    let message = document.query_selector("[data-testid=crash-message]").unwrap().unwrap();
    assert!(message.text_content().unwrap_or_default().contains(MESSAGE), "the panic's message is shown");
    let reset = document.query_selector("[data-testid=crash-reset]").unwrap().expect("a reset button");
    assert_eq!(reset.text_content().as_deref(), Some("Reset the playground"));
    let reload = document.query_selector("[data-testid=crash-reload]").unwrap().expect("a reload button");
    assert_eq!(reload.text_content().as_deref(), Some("Reload, keeping the session"));
}
