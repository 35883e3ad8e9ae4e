//! The graph's camera, as plain arithmetic: which part of the drawing a panel of a given size
//! shows, and at what scale. Text is never drawn below 11 CSS px: the smallest text of the
//! drawing is 11 layout units, so the scale never goes under 1 px per unit, and a drawing too
//! large for the panel is panned (see `components/use_pan_zoom.rs`), not shrunk further.

use crate::layout::Rect;

/// Pixels per layout unit at the farthest zoom: 11-unit text is then 11 px.
pub const MIN_SCALE: f64 = 1.0;
pub const MAX_SCALE: f64 = 2.5;
/// How far fitting enlarges a small drawing.
pub const FIT_MAX_SCALE: f64 = 1.4;
pub const PADDING: f64 = 24.0;

/// The part of the drawing in view: its top-left corner in layout units, and the scale.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Camera {
    pub x: f64,
    pub y: f64,
    pub scale: f64,
}

/// The panel's size in CSS pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Size {
    pub w: f64,
    pub h: f64,
    /// The page is a phone's, its prompt docked over the bottom of the screen: a drawing lower
    /// than the panel is fitted at the panel's top, the part a reader sees above the prompt.
    pub docked: bool,
}

impl Default for Size {
    /// Before the panel is measured (and in the pre-rendered page): the wide layout's graph.
    fn default() -> Self {
        Size { w: 680.0, h: 480.0, docked: false }
    }
}

impl Camera {
    /// The SVG `viewBox` for a panel of `size`.
    pub fn view_box(&self, size: Size) -> String {
        let (w, h) = self.extent(size);
        format!("{} {} {} {}", self.x, self.y, w.max(1.0), h.max(1.0))
    }

    /// The width and height in view, in layout units.
    pub fn extent(&self, size: Size) -> (f64, f64) {
        (size.w.max(1.0) / self.scale, size.h.max(1.0) / self.scale)
    }

    /// The whole drawing as large as fits (up to [`FIT_MAX_SCALE`]), centred; a drawing that
    /// does not fit at [`MIN_SCALE`] shows its bottom-left corner (the base layers, the first
    /// columns) and is panned from there.
    pub fn fit(bounds: Rect, size: Size) -> Camera {
        let (w, h) = (bounds.w + 2.0 * PADDING, bounds.h + 2.0 * PADDING);
        let scale = (size.w.max(1.0) / w).min(size.h.max(1.0) / h).clamp(MIN_SCALE, FIT_MAX_SCALE);
        let (vw, vh) = (size.w.max(1.0) / scale, size.h.max(1.0) / scale);
        let x = if w <= vw { bounds.x + bounds.w / 2.0 - vw / 2.0 } else { bounds.x - PADDING };
        // A drawing lower than the panel sits in its middle, or at its top on a phone.
        let y = if h > vh {
            bounds.y + bounds.h + PADDING - vh
        } else if size.docked {
            bounds.y - PADDING
        } else {
            bounds.y + bounds.h / 2.0 - vh / 2.0
        };
        Camera { x, y, scale }
    }

    /// Whether the whole drawing is in view.
    pub fn shows(&self, bounds: Rect, size: Size) -> bool {
        let (w, h) = self.extent(size);
        bounds.x >= self.x
            && bounds.y >= self.y
            && bounds.x + bounds.w <= self.x + w
            && bounds.y + bounds.h <= self.y + h
    }

    /// Whether some of `rect` is in view.
    pub fn shows_part(&self, rect: Rect, size: Size) -> bool {
        let (w, h) = self.extent(size);
        rect.overlaps(&Rect { x: self.x, y: self.y, w, h })
    }

    /// Zoomed by `factor` around the point (`px`, `py`) of the panel (CSS px), within the scales
    /// allowed.
    pub fn zoomed(self, factor: f64, px: f64, py: f64) -> Camera {
        let scale = (self.scale * factor).clamp(MIN_SCALE, MAX_SCALE);
        // The point under the pointer stays put.
        let (ux, uy) = (self.x + px / self.scale, self.y + py / self.scale);
        Camera { x: ux - px / scale, y: uy - py / scale, scale }
    }

    /// Moved by (`dx`, `dy`) CSS px, kept where some of the drawing is in view.
    pub fn panned(self, dx: f64, dy: f64, bounds: Rect, size: Size) -> Camera {
        Camera { x: self.x + dx / self.scale, y: self.y + dy / self.scale, ..self }.clamped(bounds, size)
    }

    /// Kept from wandering off the drawing: at most a padding beyond each edge, or centred on an
    /// axis where the drawing is smaller than the view.
    pub fn clamped(self, bounds: Rect, size: Size) -> Camera {
        let (w, h) = self.extent(size);
        let axis = |at: f64, view: f64, start: f64, length: f64| {
            let (low, high) = (start - PADDING, start + length + PADDING);
            if high - low <= view {
                at.clamp(high - view, low)
            } else {
                at.clamp(low, high - view)
            }
        };
        Camera { x: axis(self.x, w, bounds.x, bounds.w), y: axis(self.y, h, bounds.y, bounds.h), ..self }
    }

    /// Moved as little as needed for `rect` to be in view (with a margin), as when a node is
    /// focused or found.
    pub fn revealing(self, rect: Rect, size: Size) -> Camera {
        let (w, h) = self.extent(size);
        let axis = |at: f64, view: f64, start: f64, length: f64| {
            let margin = PADDING.min((view - length) / 2.0).max(0.0);
            if start - margin < at {
                start - margin
            } else if start + length + margin > at + view {
                start + length + margin - view
            } else {
                at
            }
        };
        Camera { x: axis(self.x, w, rect.x, rect.w), y: axis(self.y, h, rect.y, rect.h), ..self }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PANEL: Size = Size { w: 600.0, h: 400.0, docked: false };

    #[test]
    fn a_small_drawing_is_fitted_whole_and_centred() {
        let bounds = Rect { x: 0.0, y: -200.0, w: 340.0, h: 200.0 };
        let camera = Camera::fit(bounds, PANEL);
        assert!(camera.scale > MIN_SCALE && camera.scale <= FIT_MAX_SCALE);
        assert!(camera.shows(bounds, PANEL));
        let (w, h) = camera.extent(PANEL);
        assert!((camera.x + w / 2.0 - 170.0).abs() < 1e-9, "centred");
        assert!((camera.y + h / 2.0 + 100.0).abs() < 1e-9, "centred");
        // On a phone, at the top of the panel: its lower part is under the docked prompt.
        let phone = Size { docked: true, ..PANEL };
        let docked = Camera::fit(bounds, phone);
        assert!(docked.shows(bounds, phone));
        assert_eq!(docked.y, bounds.y - PADDING);
    }

    #[test]
    fn a_large_drawing_is_never_shrunk_below_readable_and_starts_at_its_base() {
        let bounds = Rect { x: 0.0, y: -500.0, w: 35_000.0, h: 500.0 };
        let camera = Camera::fit(bounds, PANEL);
        assert_eq!(camera.scale, MIN_SCALE);
        assert!(!camera.shows(bounds, PANEL));
        assert_eq!(camera.x, -PADDING);
        assert_eq!(camera.y + 400.0, PADDING, "the base row at the bottom");
        assert_eq!(camera.zoomed(0.5, 0.0, 0.0).scale, MIN_SCALE, "zooming out stops at readable");
        // What a command touched far along a wide drawing: out of view, then revealed.
        let far = Rect { x: bounds.x + bounds.w - 100.0, y: bounds.y, w: 80.0, h: 40.0 };
        assert!(!camera.shows_part(far, PANEL));
        let moved = camera.revealing(far, PANEL).clamped(bounds, PANEL);
        assert!(moved.shows_part(far, PANEL) && moved.shows(far, PANEL));
        assert!(camera.shows_part(Rect { x: camera.x + 10.0, y: camera.y + 10.0, w: 5.0, h: 5.0 }, PANEL));
    }

    #[test]
    fn panning_stays_on_the_drawing_and_revealing_moves_the_least() {
        let bounds = Rect { x: 0.0, y: -500.0, w: 3_000.0, h: 500.0 };
        let camera = Camera::fit(bounds, PANEL);
        let far = camera.panned(1e6, 0.0, bounds, PANEL);
        assert_eq!(far.x + 600.0, 3_000.0 + PADDING);
        let target = Rect { x: 2_000.0, y: -100.0, w: 164.0, h: 28.0 };
        let shown = camera.revealing(target, PANEL);
        assert!(shown.shows(target, PANEL));
        assert_eq!(shown.revealing(target, PANEL), shown, "already in view: no move");
    }
}
