//! A visible notice: corrupt or old stored data, unknown URL parameters (every one of them,
//! values cut to a readable length), nothing to undo.

use yew::prelude::*;

use crate::i18n::{t, Lang, Text};
use crate::session::{Notice, NoticeKind};

#[derive(Properties, PartialEq)]
pub struct NoticeProps {
    pub lang: Lang,
    pub notice: Option<Notice>,
    /// Earlier problems of the address, shown above the current notice.
    pub earlier: Vec<Notice>,
    pub on_dismiss: Callback<()>,
}

#[function_component(NoticeBar)]
pub fn notice_bar(props: &NoticeProps) -> Html {
    let Some(notice) = &props.notice else {
        return html! {};
    };
    let on_dismiss = props.on_dismiss.reform(|_: MouseEvent| ());
    let lang = props.lang;
    html! {
        <div class="notice" role="status" data-testid="notice" data-kind={format!("{:?}", notice.kind)}>
            <div class="notice-list">
                { for props.earlier.iter().chain(std::iter::once(notice)).map(|notice| html! {
                    <div data-testid="notice-item" data-kind={format!("{:?}", notice.kind)}>
                        <span>{ t(lang, text_of(notice.kind)) }</span>
                        if is_value(notice.kind) {
                            // A value from the address can be any length: cut, whole on hover.
                            <code title={notice.detail.clone()}>{ crate::guide::cut(&notice.detail, VALUE_SHOWN) }</code>
                        } else if !notice.detail.is_empty() {
                            <code>{ notice.detail.clone() }</code>
                        }
                    </div>
                }) }
            </div>
            <button type="button" onclick={on_dismiss}>{ t(lang, Text::Dismiss) }</button>
        </div>
    }
}

/// How much of a value from the address a notice shows (the rest in its `title`).
const VALUE_SHOWN: usize = 60;

/// Notices whose detail is a parameter's value exactly as the address gave it.
fn is_value(kind: NoticeKind) -> bool {
    matches!(kind, NoticeKind::UnknownScenario | NoticeKind::UnknownLanguage | NoticeKind::UnknownVariant)
}

/// What a notice of `kind` says (before its detail).
pub fn text_of(kind: NoticeKind) -> Text {
    match kind {
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
    }
}
