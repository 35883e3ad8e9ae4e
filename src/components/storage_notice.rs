//! Says so when the browser refuses to keep the session (storage full or turned off), since the
//! reader would otherwise lose their work on the next reload without warning.

use yew::prelude::*;

use super::platform::StorageProblem;
use crate::i18n::{t, Lang, Text};

#[derive(Properties, PartialEq)]
pub struct StorageNoticeProps {
    pub lang: Lang,
    pub problem: Option<StorageProblem>,
    pub on_dismiss: Callback<()>,
}

#[function_component(StorageNotice)]
pub fn storage_notice(props: &StorageNoticeProps) -> Html {
    let Some(problem) = &props.problem else {
        return html! {};
    };
    let on_dismiss = props.on_dismiss.reform(|_: MouseEvent| ());
    html! {
        <div class="notice" role="status" data-testid="storage-notice">
            <span>{ t(props.lang, Text::StorageFailed) }</span>
            <code>{ problem.detail() }</code>
            <button type="button" onclick={on_dismiss}>{ t(props.lang, Text::Dismiss) }</button>
        </div>
    }
}
