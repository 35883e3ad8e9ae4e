//! The lesson beside the terminal and graph (a drawer on narrow screens): the step's brief, its
//! goals as they stand, progress, hints, the solution, completion, restart. Everything shown is
//! decided by the session and `lessons`; this only renders it and sends actions up.

use yew::prelude::*;

use super::platform;
use crate::i18n::{lesson_progress, lesson_result, t, Lang, Text};
use crate::lessons::{lesson_par, GoalStatus};
use crate::session::{Action, LessonState};

#[derive(Properties, PartialEq)]
pub struct LessonPanelProps {
    pub lang: Lang,
    pub state: LessonState,
    pub goals: Vec<GoalStatus>,
    pub bytes_freed: i64,
    pub on_action: Callback<Action>,
    pub on_list: Callback<()>,
}

/// A lesson text: paragraphs split by blank lines, `backticked` commands shown as code.
fn rich_text(text: &str) -> Html {
    html! {
        { for text.split("\n\n").map(|paragraph| html! {
            <p>{ for paragraph.split('`').enumerate().map(|(i, part)| if i % 2 == 1 {
                html! { <code>{ part }</code> }
            } else {
                html! { { part } }
            }) }</p>
        }) }
    }
}

#[function_component(LessonPanel)]
pub fn lesson_panel(props: &LessonPanelProps) -> Html {
    let lang = props.lang;
    let state = &props.state;
    let lesson = &state.lesson;
    let steps = lesson.steps.len();
    let complete = state.is_complete();
    let step_number = (state.progress.step + 1).min(steps);
    // Open by default; on a narrow screen the reader can fold the drawer away.
    let open = use_state(|| true);

    // The panel is ready: measured from the moment the lesson file arrived.
    use_effect_with(lesson.id.clone(), |_| platform::measure("lesson-ready", "lesson-file"));

    let met = props.goals.iter().filter(|g| g.met).count();
    let progress_text = if complete {
        lesson_progress(lang, steps, steps, 0, 0).split(" · ").next().unwrap_or_default().to_string()
    } else {
        lesson_progress(lang, step_number, steps, met, props.goals.len())
    };
    // On a phone the drawer folds while the prompt has the focus (style.css). Tapping its bar
    // then takes the focus away, which unfolds it: that tap must leave it open, not close it.
    let folded_by_typing = use_mut_ref(|| false);
    let note_focus = {
        let folded_by_typing = folded_by_typing.clone();
        Callback::from(move |_: PointerEvent| *folded_by_typing.borrow_mut() = platform::has_focus("prompt"))
    };
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| {
            let unfolded_by_tap = std::mem::take(&mut *folded_by_typing.borrow_mut()) && *open;
            if !unfolded_by_tap {
                open.set(!*open);
            }
        })
    };
    let action = |make: fn() -> Action| props.on_action.reform(move |_: MouseEvent| make());
    let on_list = props.on_list.reform(|_: MouseEvent| ());
    let step = lesson.steps.get(state.progress.step);
    let hints_left = step.is_some_and(|s| state.hints_shown < s.hints.len());
    let replaying = !state.replay.is_empty();

    html! {
        <aside class="lesson-panel" data-testid="lesson" data-lesson={lesson.id.clone()}
            data-step={step_number.to_string()} data-open={(*open).to_string()}
            aria-label={lesson.title.get(lang).to_string()}>
            <button type="button" class="lesson-toggle" aria-expanded={(*open).to_string()} onclick={toggle}
                onpointerdown={note_focus}
                aria-label={t(lang, if *open { Text::LessonHide } else { Text::LessonShow })}>
                <span class="lesson-toggle-title">{ lesson.title.get(lang) }</span>
                // In words, as the panel's own progress line: a bare "✓ 0 / 2" read as done.
                <span class="lesson-toggle-step">
                    { progress_text.clone() }
                </span>
                <span aria-hidden="true">{ if *open { "▾" } else { "▴" } }</span>
            </button>
            <div class="lesson-body">
                <h2 class="lesson-title">{ lesson.title.get(lang) }</h2>
                <p class="lesson-progress" data-testid="lesson-progress">{ progress_text }</p>
                if lesson.variant != 0 {
                    <p class="lesson-variant" data-testid="lesson-variant">
                        { format!("{} {}", t(lang, Text::LessonVariant), lesson.variant) }
                    </p>
                }
                if complete {
                    <section class="lesson-complete" data-testid="lesson-complete" role="status">
                        <h3>{ t(lang, Text::LessonComplete) }</h3>
                        <p>{ lesson_result(lang, state.progress.commands_used(), lesson_par(lesson), props.bytes_freed) }</p>
                        if let Some(code) = &state.progress.code {
                            <p class="completion-code">
                                { t(lang, Text::LessonCode) }
                                // The variant, as the panel's head, only when there are several.
                                if lesson.variant == 0 {
                                    { format!(" ({}): ", lesson.id) }
                                } else {
                                    { format!(" ({}, {} {}): ", lesson.id, t(lang, Text::LessonVariant), lesson.variant) }
                                }
                                <code data-testid="completion-code">{ code.clone() }</code>
                            </p>
                            <p class="completion-code-help">{ t(lang, Text::LessonCodeHelp) }</p>
                        }
                    </section>
                } else if let Some(step) = step {
                    <h3 class="step-title">{ format!("{step_number}. {}", step.title.get(lang)) }</h3>
                    <div class="step-brief">{ rich_text(step.brief.get(lang)) }</div>
                    <h4>{ t(lang, Text::LessonGoals) }</h4>
                    <ul class="goals">
                        { for props.goals.iter().map(|goal| html! {
                            <li data-testid="goal" data-met={goal.met.to_string()}>
                                <span class="goal-mark" aria-hidden="true">{ if goal.met { "✓" } else { "○" } }</span>
                                <span>{ goal.text.get(lang) }</span>
                            </li>
                        }) }
                    </ul>
                    if state.hints_shown > 0 {
                        <h4>{ t(lang, Text::LessonHints) }</h4>
                        <ol class="hints" data-testid="hints">
                            { for step.hints.iter().take(state.hints_shown).map(|hint| html! { <li>{ rich_text(hint.get(lang)) }</li> }) }
                        </ol>
                    }
                    if replaying {
                        <p class="replaying" role="status">{ t(lang, Text::LessonReplaying) }</p>
                    }
                    <div class="lesson-actions">
                        <button type="button" data-testid="hint" disabled={!hints_left} onclick={action(|| Action::Hint)}>
                            { t(lang, if hints_left { Text::LessonHint } else { Text::LessonNoMoreHints }) }
                        </button>
                        <button type="button" data-testid="solution" disabled={replaying}
                            onclick={action(|| Action::ShowSolution { now: platform::now_ns() })}>
                            { t(lang, Text::LessonSolution) }
                        </button>
                    </div>
                }
                <div class="lesson-actions">
                    <button type="button" data-testid="lesson-restart" onclick={action(|| Action::RestartLesson { now: platform::now_ns() })}>
                        { t(lang, Text::LessonRestart) }
                    </button>
                    <button type="button" data-testid="lesson-list-open" onclick={on_list}>{ t(lang, Text::Lessons) }</button>
                    <button type="button" data-testid="lesson-close" onclick={action(|| Action::CloseLesson)}>
                        { t(lang, Text::LessonClose) }
                    </button>
                </div>
            </div>
        </aside>
    }
}
