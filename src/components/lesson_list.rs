//! The list of lessons from `lessons/index.json`, grouped by level, each with how far the
//! reader got. A link per lesson: opening one loads the page with `?lesson=<id>`.

use std::rc::Rc;

use yew::prelude::*;

use super::platform;
use crate::i18n::{lesson_at_step, t, Lang, Text};
use crate::lesson_store::{list_status, storage_key, ListStatus};
use crate::lessons::Index;

#[derive(Properties, PartialEq)]
pub struct LessonListProps {
    pub lang: Lang,
    /// `None` while `index.json` is on its way.
    pub index: Option<Rc<Index>>,
    pub on_close: Callback<()>,
}

#[function_component(LessonList)]
pub fn lesson_list(props: &LessonListProps) -> Html {
    let lang = props.lang;
    // Opened from the toolbar's Lessons button, the list takes the focus (its heading), so the
    // keyboard is at the lessons, not twenty stops before them; closed, it gives it back.
    let heading = use_node_ref();
    {
        let heading = heading.clone();
        use_effect_with((), move |_| {
            let from_button = gloo_utils::document()
                .active_element()
                .is_some_and(|e| e.get_attribute("data-testid").as_deref() == Some("lessons"));
            if let (true, Some(heading)) = (from_button, heading.cast::<web_sys::HtmlElement>()) {
                let _ = heading.focus();
            }
        });
    }
    let on_close = {
        let on_close = props.on_close.clone();
        Callback::from(move |_: MouseEvent| {
            on_close.emit(());
            let button = gloo_utils::document().query_selector("[data-testid=\"lessons\"]").ok().flatten();
            if let Some(button) = button.and_then(|b| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(b).ok()) {
                let _ = button.focus();
            }
        })
    };
    html! {
        <nav class="lesson-panel lesson-list" data-testid="lesson-list" data-open="true" aria-label={t(lang, Text::LessonList)}>
            <div class="lesson-body">
                <h2 class="lesson-title" ref={heading} tabindex="-1">{ t(lang, Text::LessonList) }</h2>
                if let Some(index) = &props.index {
                    { for index.levels.iter().map(|level| html! {
                        <section class="lesson-level">
                            <h3>{ level.title.get(lang) }</h3>
                            <ul>
                                { for level.lessons.iter().map(|entry| {
                                    let stored = platform::load(&storage_key(&entry.id, 0));
                                    let status = match list_status(stored.as_deref(), entry.steps) {
                                        ListStatus::NotStarted => t(lang, Text::LessonNotStarted).to_string(),
                                        ListStatus::AtStep(step) => lesson_at_step(lang, step, entry.steps),
                                        ListStatus::Done => t(lang, Text::LessonDone).to_string(),
                                    };
                                    html! {
                                        <li>
                                            <a href={crate::embed::lesson_query(&entry.id, platform::embed_options().embed, platform::query_param)} data-lesson={entry.id.clone()}>{ entry.title.get(lang) }</a>
                                            <span class="lesson-status">{ status }</span>
                                        </li>
                                    }
                                }) }
                            </ul>
                        </section>
                    }) }
                } else {
                    <p>{ t(lang, Text::LessonLoading) }</p>
                }
                <div class="lesson-actions">
                    <button type="button" data-testid="lesson-list-close" onclick={on_close}>{ t(lang, Text::Close) }</button>
                </div>
            </div>
        </nav>
    }
}
