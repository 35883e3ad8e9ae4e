//! "Copy link": the session's share link (`crate::share`) as an address that reopens it, put
//! on the clipboard and shown, so it can be copied by hand where the clipboard is refused.

use yew::prelude::*;

use super::platform;
use crate::i18n::{t, Lang, Text};

#[derive(Properties, PartialEq)]
pub struct ShareControlProps {
    pub lang: Lang,
    /// The session's journal (what the link carries), or `None` when it is not known.
    pub journal: Option<crate::share::SharedSession>,
}

/// What the last press of the button gave.
#[derive(Clone, PartialEq)]
enum Shown {
    Nothing,
    Copied(String),
    /// The clipboard was refused: the address is shown selected, to copy by hand.
    Select(String),
    Unavailable,
}

#[function_component(ShareControl)]
pub fn share_control(props: &ShareControlProps) -> Html {
    let lang = props.lang;
    let shown = use_state(|| Shown::Nothing);
    let input = use_node_ref();
    let onclick = {
        let shown = shown.clone();
        let journal = props.journal.clone();
        Callback::from(move |_: MouseEvent| {
            // Encoded when asked for, not on every render.
            let Some(link) = journal.as_ref().map(crate::share::encode) else {
                shown.set(Shown::Unavailable);
                return;
            };
            let url = platform::page_url_with(&format!("s={link}"));
            let shown = shown.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match platform::copy_to_clipboard(&url).await {
                    Ok(()) => shown.set(Shown::Copied(url)),
                    Err(_) => shown.set(Shown::Select(url)),
                }
            });
        })
    };
    // A shown address is selected, ready for Ctrl+C.
    {
        let input = input.clone();
        use_effect_with((*shown).clone(), move |_| {
            if let Some(field) = input.cast::<web_sys::HtmlInputElement>() {
                field.select();
            }
        });
    }
    let close = {
        let shown = shown.clone();
        Callback::from(move |_: MouseEvent| shown.set(Shown::Nothing))
    };
    let panel = match &*shown {
        Shown::Nothing => html! {},
        Shown::Unavailable => html! {
            <div class="share-panel" role="status" data-testid="share-status">
                <span>{ t(lang, Text::ShareUnavailable) }</span>
                <button type="button" onclick={close}>{ t(lang, Text::Dismiss) }</button>
            </div>
        },
        Shown::Copied(url) | Shown::Select(url) => {
            let copied = matches!(&*shown, Shown::Copied(_));
            html! {
                <div class="share-panel" role="status" data-testid="share-status" data-copied={copied.to_string()}>
                    <label>
                        <span>{ t(lang, if copied { Text::ShareCopied } else { Text::ShareSelect }) }</span>
                        <input ref={input} type="text" readonly=true value={url.clone()} data-testid="share-url"
                            size="30" />
                    </label>
                    <button type="button" onclick={close}>{ t(lang, Text::Dismiss) }</button>
                </div>
            }
        }
    };
    html! {
        <div class="share">
            <button type="button" data-testid="share" title={t(lang, Text::ShareTitle)} onclick={onclick}>
                { t(lang, Text::Share) }
            </button>
            { panel }
        </div>
    }
}
