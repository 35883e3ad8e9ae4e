//! The graph's search box: what is typed highlights the matching tags, IDs and containers, and
//! Enter moves to the next one (Shift+Enter to the previous); the graph scrolls to it.

use yew::prelude::*;

use crate::i18n::{search_count, t, Lang, Text};

#[derive(Properties, PartialEq)]
pub struct GraphSearchProps {
    pub lang: Lang,
    /// How many objects match, and which one is current (from 0).
    pub found: usize,
    pub at: usize,
    /// Something is typed.
    pub searching: bool,
    pub on_query: Callback<String>,
    /// +1 for the next match, -1 for the previous.
    pub on_step: Callback<isize>,
}

#[function_component(GraphSearch)]
pub fn graph_search(props: &GraphSearchProps) -> Html {
    let oninput = props.on_query.reform(|e: InputEvent| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        input.value()
    });
    let onkeydown = {
        let on_step = props.on_step.clone();
        let on_query = props.on_query.clone();
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "Enter" => {
                e.prevent_default();
                on_step.emit(if e.shift_key() { -1 } else { 1 });
            }
            "Escape" => {
                let input: web_sys::HtmlInputElement = e.target_unchecked_into();
                input.set_value("");
                on_query.emit(String::new());
            }
            _ => {}
        })
    };
    let status = match (props.searching, props.found) {
        (false, _) => String::new(),
        (true, 0) => t(props.lang, Text::GraphSearchNone).to_string(),
        (true, found) => search_count(props.lang, props.at + 1, found),
    };
    html! {
        <span class="graph-search">
            <input
                type="search"
                data-testid="graph-search"
                aria-label={t(props.lang, Text::GraphSearch)}
                placeholder={t(props.lang, Text::GraphSearchPlaceholder)}
                autocomplete="off"
                spellcheck="false"
                {oninput}
                {onkeydown}
            />
            <output class="graph-search-status" data-testid="graph-search-status" aria-live="polite">{ status }</output>
        </span>
    }
}
