//! The graph as a nested list, for screen readers and for copying: tags under images, images
//! and containers under the layers they stand on.

use std::collections::HashMap;

use yew::prelude::*;

use crate::i18n::{kind_name, t, Lang, Text};
use crate::layout::NodeKind;
use rmi_engine::digest::short_id;
use rmi_engine::reference::Named;
use rmi_engine::units::image_size;
use rmi_engine::Store;

#[derive(Properties)]
pub struct TextTreeProps {
    pub lang: Lang,
    pub store: Store,
}

/// The store compares by identity (see `GraphProps`).
impl PartialEq for TextTreeProps {
    fn eq(&self, other: &Self) -> bool {
        self.lang == other.lang && self.store.is_same_state(&other.store)
    }
}

/// Who stands directly on each layer, worked out once per render of the tree.
#[derive(Default)]
struct Above {
    layers: HashMap<String, Vec<String>>,
    images: HashMap<String, Vec<String>>,
}

fn above(store: &Store) -> Above {
    let mut above = Above::default();
    for layer in store.layers.values() {
        if let Some(parent) = &layer.parent {
            above.layers.entry(parent.to_string()).or_default().push(layer.chain_id.to_string());
        }
    }
    for image in store.images.values() {
        if let Some(top) = &image.top_layer {
            above.images.entry(top.to_string()).or_default().push(image.id.to_string());
        }
    }
    for list in above.layers.values_mut().chain(above.images.values_mut()) {
        rmi_engine::sorting::sort(list);
    }
    above
}

fn layer_item(lang: Lang, store: &Store, above: &Above, chain_id: &str) -> Html {
    let Some(layer) = store.layers.get(chain_id) else {
        return html! {};
    };
    let children = above.layers.get(chain_id).cloned().unwrap_or_default();
    let images = above.images.get(chain_id).cloned().unwrap_or_default();
    let containers: Vec<(String, String)> = store
        .containers
        .values()
        .filter(|c| c.parent_layer.as_deref() == Some(chain_id))
        .map(|c| (c.name.clone(), short_id(&c.id).to_string()))
        .collect();
    html! {
        <li>
            { format!("{} {} ({})", kind_name(lang, NodeKind::Layer), short_id(chain_id), image_size(layer.diff_size)) }
            <ul>
                { for images.iter().map(|id| {
                    let refs: Vec<String> = store.refs_of(id).iter().filter_map(|r| Named::from_full(r)).map(|n| n.familiar()).collect();
                    let label = if refs.is_empty() { t(lang, Text::Untagged).to_string() } else { refs.join(", ") };
                    html! { <li>{ format!("{} {} — {}", kind_name(lang, NodeKind::Image), short_id(id), label) }</li> }
                }) }
                { for containers.iter().map(|(name, id)| html! { <li>{ format!("{} {name} ({id})", kind_name(lang, NodeKind::Container)) }</li> }) }
                { for children.iter().map(|c| layer_item(lang, store, above, c)) }
            </ul>
        </li>
    }
}

/// The list itself: built only while the tree is open (nobody, screen readers included, reads
/// a closed `<details>`), so a command on a large store does not rebuild a list of thousands.
fn tree(lang: Lang, store: &Store) -> Html {
    let tree = above(store);
    let mut bases: Vec<String> =
        store.layers.values().filter(|l| l.parent.is_none()).map(|l| l.chain_id.to_string()).collect();
    rmi_engine::sorting::sort(&mut bases);
    if bases.is_empty() {
        html! { <p>{ t(lang, Text::EmptyStore) }</p> }
    } else {
        html! { <ul>{ for bases.iter().map(|b| layer_item(lang, store, &tree, b)) }</ul> }
    }
}

#[function_component(TextTree)]
pub fn text_tree(props: &TextTreeProps) -> Html {
    let open = use_state(|| false);
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |e: Event| {
            if let Some(details) = e.target_dyn_into::<web_sys::Element>() {
                open.set(details.has_attribute("open"));
            }
        })
    };
    html! {
        <details class="text-tree" data-testid="text-tree" {ontoggle}>
            <summary>{ t(props.lang, Text::TextTree) }</summary>
            if *open {
                { tree(props.lang, &props.store) }
            }
        </details>
    }
}
