//! Tapping (or pressing Enter on) a node offers the commands that act on it; choosing one
//! writes it into the prompt for the reader to confirm.

use yew::prelude::*;

use crate::i18n::{kind_name, t, Lang, Text};
use crate::layout::{image_tag, NodeKind};
use rmi_engine::digest::short_id;
use rmi_engine::Store;

#[derive(Properties)]
pub struct NodeMenuProps {
    pub lang: Lang,
    pub kind: NodeKind,
    pub id: String,
    pub store: Store,
    /// For an image: whether its own layers are shown one by one (the menu offers the other).
    #[prop_or_default]
    pub fold: Option<bool>,
    /// Shows (`true`) or folds (`false`) the image's own layers.
    #[prop_or_default]
    pub on_fold: Callback<bool>,
    /// `Some(command)` to fill the prompt, `None` to close.
    pub on_choose: Callback<Option<String>>,
}

/// The store compares by identity (see `GraphProps`).
impl PartialEq for NodeMenuProps {
    fn eq(&self, other: &Self) -> bool {
        self.lang == other.lang
            && self.kind == other.kind
            && self.id == other.id
            && self.store.is_same_state(&other.store)
            && self.fold == other.fold
            && self.on_fold == other.on_fold
            && self.on_choose == other.on_choose
    }
}

/// The commands offered for an object.
pub fn actions(store: &Store, kind: NodeKind, id: &str) -> Vec<String> {
    match kind {
        NodeKind::Tag | NodeKind::Digest => {
            vec![
                format!("docker rmi {id}"),
                format!("docker tag {id} "),
                format!("docker run {id} "),
                format!("docker image inspect {id}"),
            ]
        }
        NodeKind::Image => {
            let target = image_tag(store, id).unwrap_or_else(|| short_id(id).to_string());
            vec![
                format!("docker rmi {}", short_id(id)),
                format!("docker tag {target} "),
                format!("docker run {target} "),
                format!("docker history {target}"),
                format!("docker image inspect {}", short_id(id)),
            ]
        }
        NodeKind::Container => {
            let name = store.containers.get(id).map_or_else(|| short_id(id).to_string(), |c| c.name.clone());
            vec![
                format!("docker rm {name}"),
                format!("docker rm -f {name}"),
                format!("docker stop {name}"),
                format!("docker start {name}"),
                format!("docker commit {name} "),
                format!("docker container inspect {name}"),
            ]
        }
        NodeKind::Layer | NodeKind::Stack => vec!["docker images -a".to_string(), "docker system df".to_string()],
    }
}

/// The menu's title names the object in full: the whole reference (`ubuntu:14.04`), the
/// container's name, the short ID of an image or a layer.
pub fn title(store: &Store, kind: NodeKind, id: &str) -> String {
    match kind {
        NodeKind::Tag | NodeKind::Digest => id.to_string(),
        NodeKind::Container => store.containers.get(id).map_or_else(|| short_id(id).to_string(), |c| c.name.clone()),
        NodeKind::Image | NodeKind::Layer | NodeKind::Stack => short_id(id).to_string(),
    }
}

#[function_component(NodeMenu)]
pub fn node_menu(props: &NodeMenuProps) -> Html {
    // Keyboard users land on the first action.
    let menu_ref = use_node_ref();
    {
        let menu_ref = menu_ref.clone();
        use_effect_with(props.id.clone(), move |_| {
            if let Some(button) = menu_ref
                .cast::<web_sys::Element>()
                .and_then(|m| m.query_selector("button").ok().flatten())
                .and_then(|b| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(b).ok())
            {
                let _ = button.focus();
            }
        });
    }
    let close = props.on_choose.reform(|_: MouseEvent| None);
    let onkeydown = {
        let (on_choose, menu_ref) = (props.on_choose.clone(), menu_ref.clone());
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                on_choose.emit(None);
            } else if e.key() == "Tab" {
                // The dialog keeps the focus until it is closed (Esc, Close or an action): Tab
                // from its last button comes back to its first, Shift+Tab the other way round.
                let buttons: Vec<web_sys::HtmlElement> = menu_ref
                    .cast::<web_sys::Element>()
                    .and_then(|m| m.query_selector_all("button").ok())
                    .map(|list| {
                        (0..list.length())
                            .filter_map(|i| list.get(i))
                            .filter_map(|b| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(b).ok())
                            .collect()
                    })
                    .unwrap_or_default();
                let (Some(first), Some(last)) = (buttons.first(), buttons.last()) else {
                    return;
                };
                let focused = gloo_utils::document().active_element();
                let at =
                    |b: &web_sys::HtmlElement| focused.as_ref().is_some_and(|f| f == b.as_ref() as &web_sys::Element);
                let wrap_to = if e.shift_key() && at(first) {
                    Some(last)
                } else if !e.shift_key() && at(last) {
                    Some(first)
                } else {
                    None
                };
                if let Some(button) = wrap_to {
                    e.prevent_default();
                    let _ = button.focus();
                }
            }
        })
    };
    html! {
        <div class="node-menu" ref={menu_ref} role="dialog" aria-label={t(props.lang, Text::Actions)} data-testid="node-menu" {onkeydown}>
            <p class="node-menu-title">{ kind_name(props.lang, props.kind) }{ " " }<code data-testid="node-menu-title">{ title(&props.store, props.kind, &props.id) }</code></p>
            <ul>
                { for actions(&props.store, props.kind, &props.id).into_iter().map(|line| {
                    let choose = props.on_choose.reform({
                        let line = line.clone();
                        move |_: MouseEvent| Some(line.clone())
                    });
                    html! { <li><button type="button" onclick={choose}><code>{ line }</code></button></li> }
                }) }
            </ul>
            if let Some(open) = props.fold {
                <button type="button" class="fold" data-testid="fold" onclick={props.on_fold.reform(move |_: MouseEvent| !open)}>
                    { t(props.lang, if open { Text::FoldLayers } else { Text::UnfoldLayers }) }
                </button>
            }
            <button type="button" class="close" onclick={close}>{ t(props.lang, Text::Close) }</button>
        </div>
    }
}
