//! Component tests in a real browser (`cargo test --target wasm32-unknown-unknown --test web`).
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

async fn tick() {
    yew::platform::time::sleep(Duration::from_millis(50)).await;
}

fn mount() -> web_sys::Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<rmi_playground::components::App>::with_root(root.clone()).render();
    root
}

async fn type_and_enter(root: &web_sys::Element, line: &str) {
    let input: web_sys::HtmlInputElement =
        root.query_selector("[data-testid=prompt]").unwrap().unwrap().dyn_into().unwrap();
    input.set_value(line);
    let event = web_sys::InputEvent::new("input").unwrap();
    input.dispatch_event(&event).unwrap();
    tick().await;
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("Enter");
    init.set_bubbles(true);
    let key = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    input.dispatch_event(&key).unwrap();
}

#[wasm_bindgen_test]
async fn app_mounts_with_the_contract_hooks() {
    web_sys::window().unwrap().local_storage().unwrap().unwrap().clear().unwrap();
    let root = mount();
    tick().await;
    for hook in ["prompt", "terminal", "graph", "undo", "redo", "reset", "scenario", "lang"] {
        assert!(root.query_selector(&format!("[data-testid={hook}]")).unwrap().is_some(), "missing {hook}");
    }
    let body = web_sys::window().unwrap().document().unwrap().body().unwrap();
    assert_eq!(body.get_attribute("data-ready").as_deref(), Some("true"));
}

#[wasm_bindgen_test]
async fn a_command_runs_and_its_nodes_appear() {
    web_sys::window().unwrap().local_storage().unwrap().unwrap().clear().unwrap();
    let root = mount();
    tick().await;
    type_and_enter(&root, "docker pull busybox").await;
    tick().await;
    let entries = root.query_selector_all("[data-testid=entry]").unwrap();
    assert_eq!(entries.length(), 1);
    let last_line = root.query_selector("[data-testid=entry] [data-stream=stdout]:last-child").unwrap().unwrap();
    assert_eq!(last_line.text_content().as_deref(), Some("docker.io/library/busybox:latest"));
    assert!(root.query_selector("[data-node=tag][data-id='busybox:latest']").unwrap().is_some());
    assert!(root
        .query_selector(
            "[data-node=image][data-id='sha256:f2a60fc7f4d8504f2fc8e8abb09ea7524705e1880c266318b6f6313d60c10675']"
        )
        .unwrap()
        .is_some());
    type_and_enter(&root, "docker rmi nosuch").await;
    tick().await;
    let failed = root.query_selector("[data-testid=entry][data-exit='1'] [data-stream=stderr]").unwrap().unwrap();
    assert_eq!(failed.text_content().as_deref(), Some("Error response from daemon: No such image: nosuch:latest"));
}
