//! Mounts the page (wasm32). A native build of this binary does nothing: the app is web-only.

#[cfg(target_arch = "wasm32")]
fn main() {
    rmi_playground::components::platform::mark("app-start");
    rmi_playground::components::crash_panel::install();
    yew::Renderer::<rmi_playground::components::App>::new().render();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("rmi-playground is a web page: build it with `trunk build --release` (see README).");
}
