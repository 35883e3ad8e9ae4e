use std::cell::RefCell;

use rmi_engine::Engine;
use wasm_bindgen::prelude::*;

thread_local! {
    static ENGINE: RefCell<Engine> = RefCell::new(Engine::new(1, 0));
}

#[wasm_bindgen]
pub fn start(scenario: &str) -> bool {
    let Some(engine) = rmi_engine::scenarios::build(scenario, 1, 0) else { return false };
    ENGINE.with(|e| *e.borrow_mut() = engine);
    true
}

/// Runs a line and returns its output; the preview's dry run is included so it is linked.
#[wasm_bindgen]
pub fn run(line: &str) -> String {
    ENGINE.with(|e| {
        let mut engine = e.borrow_mut();
        let preview = engine.dry_run(line).events.len();
        let outcome = engine.run_line(line);
        format!("{}\n{preview} {}", outcome.text(), outcome.events.len())
    })
}

#[wasm_bindgen]
pub fn save() -> String {
    ENGINE.with(|e| e.borrow().to_json())
}

#[wasm_bindgen]
pub fn load(text: &str) -> String {
    match Engine::from_json(text) {
        Ok(engine) => {
            ENGINE.with(|e| *e.borrow_mut() = engine);
            String::new()
        }
        Err(error) => error.to_string(),
    }
}
