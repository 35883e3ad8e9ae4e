//! Live `docker images` and `docker ps -a` beside the graph, printed by the engine itself.

use yew::prelude::*;

use crate::i18n::{t, Lang, Text};
use rmi_engine::Engine;

#[derive(Properties)]
pub struct TablesProps {
    pub lang: Lang,
    pub engine: Engine,
    /// The session's revision: moves with every change of the store and of the clock (ages).
    pub revision: u64,
}

/// The engine compares by identity (see `GraphProps`).
impl PartialEq for TablesProps {
    fn eq(&self, other: &Self) -> bool {
        self.lang == other.lang && self.engine.is_same_state(&other.engine) && self.revision == other.revision
    }
}

#[function_component(Tables)]
pub fn tables(props: &TablesProps) -> Html {
    let images = use_memo(props.revision, {
        let engine = props.engine.clone();
        move |_| engine.dry_run("docker images").text()
    });
    let containers = use_memo(props.revision, {
        let engine = props.engine.clone();
        move |_| engine.dry_run("docker ps -a").text()
    });
    html! {
        <div class="tables">
            <details open=true>
                <summary>{ t(props.lang, Text::Images) }</summary>
                <pre class="table-output" data-testid="images-table" tabindex="0">{ (*images).clone() }</pre>
            </details>
            <details open=true>
                <summary>{ t(props.lang, Text::Containers) }</summary>
                <pre class="table-output" data-testid="ps-table" tabindex="0">{ (*containers).clone() }</pre>
            </details>
        </div>
    }
}
