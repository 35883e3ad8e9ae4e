//! What each shape and colour of the graph means, folded under a "Legend" summary.

use yew::prelude::*;

use crate::i18n::{t, Lang, Text};

#[derive(Properties, PartialEq)]
pub struct GraphLegendProps {
    pub lang: Lang,
}

/// One entry: a small drawing in the graph's own classes (so it follows the theme) and its text.
fn entry(lang: Lang, classes: &'static str, shape: Html, text: Text) -> Html {
    html! {
        <li>
            <svg class="legend-swatch" viewBox="0 0 36 20" width="36" height="20" aria-hidden="true">
                <g class={classes}>{ shape }</g>
            </svg>
            <span>{ t(lang, text) }</span>
        </li>
    }
}

#[function_component(GraphLegend)]
pub fn graph_legend(props: &GraphLegendProps) -> Html {
    let lang = props.lang;
    let pill = || html! { <rect x="2" y="3" width="32" height="14" rx="7" /> };
    let block = || html! { <rect x="2" y="3" width="32" height="14" rx="3" /> };
    html! {
        <details class="graph-legend" data-testid="graph-legend">
            <summary>{ t(lang, Text::Legend) }</summary>
            <ul>
                { entry(lang, "node tag", pill(), Text::LegendTag) }
                { entry(lang, "node digest", pill(), Text::LegendDigest) }
                { entry(lang, "node image", block(), Text::LegendImage) }
                { entry(lang, "node image legend-dangling", block(), Text::LegendDangling) }
                { entry(lang, "node layer", block(), Text::LegendLayer) }
                { entry(lang, "node stack", block(), Text::LegendStack) }
                { entry(lang, "node container running", block(), Text::LegendRunning) }
                { entry(lang, "node container exited", block(), Text::LegendExited) }
                { entry(lang, "node container created", block(), Text::LegendCreated) }
                { entry(lang, "legend-edge", html! { <path class="edge" d="M 2 10 H 34" /> }, Text::LegendEdge) }
                { entry(lang, "legend-edge", html! { <path class="parent-link" d="M 2 10 H 34" /> }, Text::LegendChildEdge) }
                { entry(lang, "node legend-remove", block(), Text::LegendRemove) }
                { entry(lang, "node legend-blocker", block(), Text::LegendBlocker) }
            </ul>
        </details>
    }
}
