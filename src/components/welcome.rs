//! The first visit's welcome: what the page is, what the graph's shapes mean, a command to try
//! and the way to the lessons. Shown once (the app stores that it was seen), never in an embed
//! or when a lesson or a share link opens the page.

use yew::prelude::*;

use crate::i18n::{t, Lang, Text};

/// The command the welcome suggests, on the book's machine.
pub const TRY_COMMAND: &str = "docker rmi myubuntu:latest";

#[derive(Properties, PartialEq)]
pub struct WelcomeProps {
    pub lang: Lang,
    /// Puts [`TRY_COMMAND`] in the prompt (on the book's machine).
    pub on_try: Callback<()>,
    pub on_lessons: Callback<()>,
    pub on_dismiss: Callback<()>,
}

#[function_component(Welcome)]
pub fn welcome(props: &WelcomeProps) -> Html {
    let lang = props.lang;
    html! {
        <section class="welcome" data-testid="welcome" aria-labelledby="welcome-title">
            <h2 id="welcome-title">{ t(lang, Text::WelcomeTitle) }</h2>
            <p>{ t(lang, Text::WelcomeWhat) }</p>
            <p>{ t(lang, Text::WelcomeShapes) }</p>
            <div class="welcome-actions">
                <button type="button" data-testid="welcome-try" onclick={props.on_try.reform(|_: MouseEvent| ())}>
                    { t(lang, Text::WelcomeTry) }<code>{ TRY_COMMAND }</code>
                </button>
                <button type="button" class="link-button" data-testid="welcome-lessons" onclick={props.on_lessons.reform(|_: MouseEvent| ())}>
                    { t(lang, Text::WelcomeLessons) }
                </button>
                <button type="button" data-testid="welcome-dismiss" onclick={props.on_dismiss.reform(|_: MouseEvent| ())}>
                    { t(lang, Text::WelcomeDismiss) }
                </button>
            </div>
        </section>
    }
}
