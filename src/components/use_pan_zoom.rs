//! The graph's camera on the page (the arithmetic is [`crate::camera`]): measures the panel,
//! zooms (buttons, Ctrl+wheel or pinch), pans (drag, wheel, Shift+arrow keys) and fits. It re-fits
//! when the drawing was empty, when the store changed without a command (a scenario, reset,
//! undo) and when a drawing that fits the panel moved out of view; a drawing too large for the
//! panel keeps the reader's place.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::camera::{Camera, Size};
use crate::layout::Rect;

const WHEEL_STEP: f64 = 1.12;
const BUTTON_STEP: f64 = 1.25;
const KEY_PAN_PX: f64 = 80.0;

/// The camera and the handlers that move it.
pub struct PanZoom {
    pub view_box: String,
    /// The part of the drawing in view, in layout units.
    pub view: Rect,
    /// The whole drawing is in view (else the reader is told how to see the rest).
    pub whole: bool,
    pub zoom_in: Callback<MouseEvent>,
    pub zoom_out: Callback<MouseEvent>,
    pub fit: Callback<MouseEvent>,
    pub onwheel: Callback<WheelEvent>,
    pub onpointerdown: Callback<PointerEvent>,
    pub onpointermove: Callback<PointerEvent>,
    pub onpointerup: Callback<PointerEvent>,
    /// Shift+arrow keys pan; answers whether it used the key.
    pub pan_key: Callback<KeyboardEvent, bool>,
    /// Brings a rectangle of the drawing into view.
    pub reveal: Callback<Rect>,
}

/// The screens where style.css docks the prompt at the bottom (a full page, not an embed).
const DOCKED_PROMPT: &str = "(max-width: 600px)";

fn measure(svg_ref: &NodeRef) -> Option<Size> {
    let rect = svg_ref.cast::<web_sys::Element>()?.get_bounding_client_rect();
    let docked = super::platform::media_matches(DOCKED_PROMPT);
    (rect.width() > 0.0 && rect.height() > 0.0).then(|| Size { w: rect.width(), h: rect.height(), docked })
}

/// The camera's state, shared by every handler (handlers kept from an earlier render, as the
/// graph's memoized callbacks are, still act on the latest view).
struct Shared {
    camera: Camera,
    size: Size,
    bounds: Rect,
    /// Where a drag last was (CSS px of the window).
    drag: Option<(f64, f64)>,
    was_empty: bool,
}

#[derive(Clone)]
struct Handle {
    state: std::rc::Rc<std::cell::RefCell<Shared>>,
    redraw: UseForceUpdateHandle,
}

impl Handle {
    fn get(&self) -> (Camera, Size, Rect) {
        let s = self.state.borrow();
        (s.camera, s.size, s.bounds)
    }

    fn set(&self, camera: Camera) {
        let changed = {
            let mut s = self.state.borrow_mut();
            let changed = s.camera != camera;
            s.camera = camera;
            changed
        };
        if changed {
            self.redraw.force_update();
        }
    }

    /// Moves the camera with `f(camera, size, bounds)`.
    fn update(&self, f: impl FnOnce(Camera, Size, Rect) -> Camera) {
        let (camera, size, bounds) = self.get();
        self.set(f(camera, size, bounds));
    }
}

/// `bounds` is the drawing's extent and `empty` says it has no object; `generation` changes with
/// every state change and `quiet` says that change came without events (not a command);
/// `touched` is where the change acted, brought into view when none of it is.
#[hook]
pub fn use_pan_zoom(
    svg_ref: NodeRef,
    bounds: Rect,
    empty: bool,
    generation: u64,
    quiet: bool,
    touched: Option<Rect>,
) -> PanZoom {
    let state = use_mut_ref(|| Shared {
        camera: Camera::fit(bounds, Size::default()),
        size: Size::default(),
        bounds,
        drag: None,
        was_empty: true,
    });
    state.borrow_mut().bounds = bounds;
    let handle = Handle { state, redraw: use_force_update() };

    // The panel's size, now and whenever it changes: with the window, and with the page around
    // it (the lesson list opening beside it narrows the graph, and a viewBox kept for the wider
    // panel drew its labels at 7 px).
    {
        let (handle, svg_ref) = (handle.clone(), svg_ref.clone());
        use_effect_with((), move |_| {
            let remeasure = {
                let svg_ref = svg_ref.clone();
                move || {
                    let Some(measured) = measure(&svg_ref) else {
                        return;
                    };
                    let (_, size, bounds) = handle.get();
                    if measured != size {
                        handle.state.borrow_mut().size = measured;
                        handle.set(Camera::fit(bounds, measured));
                        handle.redraw.force_update();
                    }
                }
            };
            remeasure();
            let observed = svg_ref.cast::<web_sys::Element>();
            let callback = Closure::<dyn FnMut()>::new(remeasure);
            let observer = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()).ok();
            if let (Some(observer), Some(svg)) = (&observer, &observed) {
                observer.observe(svg);
            }
            move || {
                if let Some(observer) = observer {
                    observer.disconnect();
                }
                drop(callback);
            }
        });
    }
    {
        let handle = handle.clone();
        use_effect_with(generation, move |_| {
            let was_empty = std::mem::replace(&mut handle.state.borrow_mut().was_empty, empty);
            handle.update(|camera, size, bounds| {
                let fitted = Camera::fit(bounds, size);
                if was_empty || quiet || (fitted.shows(bounds, size) && !camera.shows(bounds, size)) {
                    fitted
                } else {
                    let kept = camera.clamped(bounds, size);
                    match touched {
                        Some(rect) if !kept.shows_part(rect, size) => kept.revealing(rect, size).clamped(bounds, size),
                        _ => kept,
                    }
                }
            });
        });
    }

    let zoom = |factor: f64| {
        let handle = handle.clone();
        Callback::from(move |_: MouseEvent| {
            handle.update(|c, size, bounds| c.zoomed(factor, size.w / 2.0, size.h / 2.0).clamped(bounds, size))
        })
    };
    let on_fit = {
        let handle = handle.clone();
        Callback::from(move |_: MouseEvent| handle.update(|_, size, bounds| Camera::fit(bounds, size)))
    };
    let onwheel = {
        let (handle, svg_ref) = (handle.clone(), svg_ref.clone());
        Callback::from(move |e: WheelEvent| {
            let Some(svg) = svg_ref.cast::<web_sys::Element>() else {
                return;
            };
            let rect = svg.get_bounding_client_rect();
            let (camera, size, bounds) = handle.get();
            if e.ctrl_key() || e.meta_key() {
                // Pinch gestures arrive as Ctrl+wheel.
                e.prevent_default();
                let factor = if e.delta_y() > 0.0 { 1.0 / WHEEL_STEP } else { WHEEL_STEP };
                let (px, py) = (f64::from(e.client_x()) - rect.left(), f64::from(e.client_y()) - rect.top());
                handle.set(camera.zoomed(factor, px, py).clamped(bounds, size));
                return;
            }
            let (mut dx, mut dy) = if e.shift_key() { (e.delta_y(), e.delta_x()) } else { (e.delta_x(), e.delta_y()) };
            // A plain wheel over a drawing whose whole height is in view (a long row of images)
            // moves it sideways: up and down would only slide it about the empty panel.
            let (_, view_h) = camera.extent(size);
            if dx == 0.0 && bounds.h + 2.0 * crate::camera::PADDING <= view_h {
                (dx, dy) = (dy, 0.0);
            }
            let moved = camera.panned(dx, dy, bounds, size);
            // A drawing that cannot move that way lets the page scroll.
            if moved != camera {
                e.prevent_default();
                handle.set(moved);
            }
        })
    };
    let onpointerdown = {
        let handle = handle.clone();
        Callback::from(move |e: PointerEvent| {
            if e.button() == 0 {
                handle.state.borrow_mut().drag = Some((f64::from(e.client_x()), f64::from(e.client_y())));
            }
        })
    };
    let onpointermove = {
        let handle = handle.clone();
        Callback::from(move |e: PointerEvent| {
            let Some((x0, y0)) = handle.state.borrow().drag else {
                return;
            };
            let (x1, y1) = (f64::from(e.client_x()), f64::from(e.client_y()));
            // A click jitters by a pixel or two; only a real drag pans.
            if (x1 - x0).abs() + (y1 - y0).abs() < 3.0 {
                return;
            }
            handle.state.borrow_mut().drag = Some((x1, y1));
            handle.update(|c, size, bounds| c.panned(x0 - x1, y0 - y1, bounds, size));
        })
    };
    let onpointerup = {
        let handle = handle.clone();
        Callback::from(move |_: PointerEvent| handle.state.borrow_mut().drag = None)
    };
    let pan_key = {
        let handle = handle.clone();
        Callback::from(move |e: KeyboardEvent| {
            let (dx, dy) = match (e.shift_key(), e.key().as_str()) {
                (true, "ArrowLeft") => (-KEY_PAN_PX, 0.0),
                (true, "ArrowRight") => (KEY_PAN_PX, 0.0),
                (true, "ArrowUp") => (0.0, -KEY_PAN_PX),
                (true, "ArrowDown") => (0.0, KEY_PAN_PX),
                (_, "+") | (_, "=") => {
                    handle.update(|c, size, bounds| {
                        c.zoomed(BUTTON_STEP, size.w / 2.0, size.h / 2.0).clamped(bounds, size)
                    });
                    return true;
                }
                (_, "-") => {
                    handle.update(|c, size, bounds| {
                        c.zoomed(1.0 / BUTTON_STEP, size.w / 2.0, size.h / 2.0).clamped(bounds, size)
                    });
                    return true;
                }
                _ => return false,
            };
            handle.update(|c, size, bounds| c.panned(dx, dy, bounds, size));
            true
        })
    };
    let reveal = {
        let handle = handle.clone();
        Callback::from(move |rect: Rect| handle.update(|c, size, _| c.revealing(rect, size)))
    };

    let (camera, size, bounds) = handle.get();
    let (w, h) = camera.extent(size);
    PanZoom {
        view_box: camera.view_box(size),
        view: Rect { x: camera.x, y: camera.y, w, h },
        whole: camera.shows(bounds, size),
        zoom_in: zoom(BUTTON_STEP),
        zoom_out: zoom(1.0 / BUTTON_STEP),
        fit: on_fit,
        onwheel,
        onpointerdown,
        onpointermove,
        onpointerup,
        pan_key,
        reveal,
    }
}
