//! A visible notice: corrupt or old stored data, unknown URL parameters, nothing to undo.

use yew::prelude::*;

use crate::i18n::{t, Lang, Text};
use crate::session::{Notice, NoticeKind};

#[derive(Properties, PartialEq)]
pub struct NoticeProps {
    pub lang: Lang,
    pub notice: Option<Notice>,
    pub on_dismiss: Callback<()>,
}

#[function_component(NoticeBar)]
pub fn notice_bar(props: &NoticeProps) -> Html {
    let Some(notice) = &props.notice else {
        return html! {};
    };
    let text = match notice.kind {
        NoticeKind::CorruptStorage => Text::NoticeCorrupt,
        NoticeKind::OlderStorage => Text::NoticeOlder,
        NoticeKind::UnknownScenario => Text::NoticeUnknownScenario,
        NoticeKind::UnknownLanguage => Text::NoticeUnknownLanguage,
        NoticeKind::NothingToUndo => Text::NoticeNothingToUndo,
        NoticeKind::NothingToRedo => Text::NoticeNothingToRedo,
        NoticeKind::LessonUnavailable => Text::NoticeLessonUnavailable,
        NoticeKind::LessonBroken => Text::NoticeLessonBroken,
        NoticeKind::LessonProgressCorrupt => Text::NoticeLessonProgressCorrupt,
        NoticeKind::UnknownVariant => Text::NoticeUnknownVariant,
        NoticeKind::CodeGenuine => Text::NoticeCodeGenuine,
        NoticeKind::CodeNotGenuine => Text::NoticeCodeNotGenuine,
        NoticeKind::CodeUncheckable => Text::NoticeCodeUncheckable,
        NoticeKind::SharedSession => Text::NoticeSharedSession,
        NoticeKind::LinkRefused => Text::NoticeLinkRefused,
        NoticeKind::EmbedParameter => Text::NoticeEmbedParameter,
    };
    let on_dismiss = props.on_dismiss.reform(|_: MouseEvent| ());
    html! {
        <div class="notice" role="status" data-testid="notice" data-kind={format!("{:?}", notice.kind)}>
            <span>{ t(props.lang, text) }</span>
            if !notice.detail.is_empty() {
                <code>{ notice.detail.clone() }</code>
            }
            <button type="button" onclick={on_dismiss}>{ t(props.lang, Text::Dismiss) }</button>
        </div>
    }
}
