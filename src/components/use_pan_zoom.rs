//! The graph's camera: a view box that can be zoomed (buttons, wheel), panned (drag) and fitted,
//! and that widens by itself when objects appear outside it.

use yew::prelude::*;

use crate::layout::Rect;

const PADDING: f64 = 24.0;
const WHEEL_STEP: f64 = 1.12;
const BUTTON_STEP: f64 = 1.25;

/// The part of the drawing in view, in layout units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct View {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl View {
    /// The SVG `viewBox` (never zero-sized, which would hide everything).
    pub fn view_box(&self) -> String {
        format!("{} {} {} {}", self.x, self.y, self.w.max(1.0), self.h.max(1.0))
    }

    fn zoomed(self, factor: f64) -> View {
        let (cx, cy) = (self.x + self.w / 2.0, self.y + self.h / 2.0);
        let (w, h) = (self.w * factor, self.h * factor);
        View { x: cx - w / 2.0, y: cy - h / 2.0, w, h }
    }
}

fn fit(bounds: &Rect) -> View {
    View { x: bounds.x - PADDING, y: bounds.y - PADDING, w: bounds.w + 2.0 * PADDING, h: bounds.h + 2.0 * PADDING }
}

fn contains(view: &View, bounds: &Rect) -> bool {
    bounds.x >= view.x
        && bounds.y >= view.y
        && bounds.x + bounds.w <= view.x + view.w
        && bounds.y + bounds.h <= view.y + view.h
}

/// The camera and the handlers that move it.
pub struct PanZoom {
    pub view: View,
    pub zoom_in: Callback<MouseEvent>,
    pub zoom_out: Callback<MouseEvent>,
    pub fit: Callback<MouseEvent>,
    pub onwheel: Callback<WheelEvent>,
    pub onpointerdown: Callback<PointerEvent>,
    pub onpointermove: Callback<PointerEvent>,
    pub onpointerup: Callback<PointerEvent>,
}

/// `bounds` is the drawing's extent and `empty` says it has no object; `generation` changes with
/// every state change, when the camera checks that everything is still in view (and fits at
/// once when the graph was empty before).
#[hook]
pub fn use_pan_zoom(svg_ref: NodeRef, bounds: Rect, empty: bool, generation: u64) -> PanZoom {
    let view = use_state(|| fit(&bounds));
    let drag = use_mut_ref(|| None::<(f64, f64)>);
    let was_empty = use_mut_ref(|| true);

    {
        let view = view.clone();
        use_effect_with(generation, move |_| {
            let was_empty = was_empty.replace(empty);
            if was_empty || !contains(&view, &bounds) {
                view.set(fit(&bounds));
            }
        });
    }

    let zoom = |factor: f64| {
        let view = view.clone();
        Callback::from(move |_: MouseEvent| view.set(view.zoomed(factor)))
    };
    let on_fit = {
        let view = view.clone();
        Callback::from(move |_: MouseEvent| view.set(fit(&bounds)))
    };
    let onwheel = {
        let view = view.clone();
        let svg_ref = svg_ref.clone();
        Callback::from(move |e: WheelEvent| {
            e.prevent_default();
            let Some(svg) = svg_ref.cast::<web_sys::Element>() else {
                return;
            };
            let rect = svg.get_bounding_client_rect();
            if rect.width() <= 0.0 || rect.height() <= 0.0 {
                return;
            }
            let v = *view;
            let factor = if e.delta_y() > 0.0 { WHEEL_STEP } else { 1.0 / WHEEL_STEP };
            // Zoom around the pointer: the point under it stays put.
            let px = v.x + (f64::from(e.client_x()) - rect.left()) / rect.width() * v.w;
            let py = v.y + (f64::from(e.client_y()) - rect.top()) / rect.height() * v.h;
            view.set(View {
                x: px - (px - v.x) * factor,
                y: py - (py - v.y) * factor,
                w: v.w * factor,
                h: v.h * factor,
            });
        })
    };
    let onpointerdown = {
        let drag = drag.clone();
        Callback::from(move |e: PointerEvent| {
            if e.button() == 0 {
                *drag.borrow_mut() = Some((f64::from(e.client_x()), f64::from(e.client_y())));
            }
        })
    };
    let onpointermove = {
        let drag = drag.clone();
        let view = view.clone();
        Callback::from(move |e: PointerEvent| {
            let Some((x0, y0)) = *drag.borrow() else {
                return;
            };
            let Some(svg) = svg_ref.cast::<web_sys::Element>() else {
                return;
            };
            let rect = svg.get_bounding_client_rect();
            if rect.width() <= 0.0 {
                return;
            }
            let (x1, y1) = (f64::from(e.client_x()), f64::from(e.client_y()));
            // A click jitters by a pixel or two; only a real drag pans.
            if (x1 - x0).abs() + (y1 - y0).abs() < 3.0 {
                return;
            }
            let v = *view;
            let scale = (v.w / rect.width()).max(v.h / rect.height().max(1.0));
            view.set(View { x: v.x - (x1 - x0) * scale, y: v.y - (y1 - y0) * scale, ..v });
            *drag.borrow_mut() = Some((x1, y1));
        })
    };
    let onpointerup = Callback::from(move |_: PointerEvent| *drag.borrow_mut() = None);

    PanZoom {
        view: *view,
        zoom_in: zoom(1.0 / BUTTON_STEP),
        zoom_out: zoom(BUTTON_STEP),
        fit: on_fit,
        onwheel,
        onpointerdown,
        onpointermove,
        onpointerup,
    }
}
