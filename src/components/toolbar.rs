//! Undo, redo, reset, the scenario picker, the language picker and the theme switch.

use yew::prelude::*;

use super::platform;
use crate::i18n::{scenario_text, t, Lang, Text};
use crate::session::Action;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    System,
    Light,
    Dark,
}

impl Theme {
    pub fn attribute(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    fn next(self) -> Theme {
        match self {
            Theme::System => Theme::Light,
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::System,
        }
    }

    fn label(self, lang: Lang) -> &'static str {
        match self {
            Theme::System => t(lang, Text::ThemeSystem),
            Theme::Light => t(lang, Text::ThemeLight),
            Theme::Dark => t(lang, Text::ThemeDark),
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    pub lang: Lang,
    pub theme: Theme,
    pub scenario: String,
    pub can_undo: bool,
    pub can_redo: bool,
    pub on_action: Callback<Action>,
    pub on_lang: Callback<Lang>,
    pub on_theme: Callback<Theme>,
    /// Opens or closes the list of lessons.
    pub on_lessons: Callback<()>,
    /// The machine is not the reader's to change (a read-only embed, a narration playing):
    /// undo, redo, reset, lessons and the scenario wait.
    pub locked: bool,
}

fn select_value(e: &Event) -> Option<String> {
    e.target_dyn_into::<web_sys::HtmlSelectElement>().map(|s| s.value())
}

/// Keeps a picker showing `value`. An option's `selected` attribute no longer moves the choice
/// once the reader has picked one (the select is then "dirty"), so an undo across a scenario
/// switch would leave the picker on the scenario undone: the select's `value` is set instead.
#[hook]
fn use_select_value(select: &NodeRef, value: String) {
    let select = select.clone();
    use_effect_with(value, move |value| {
        if let Some(element) = select.cast::<web_sys::HtmlSelectElement>() {
            if element.value() != *value {
                element.set_value(value);
            }
        }
    });
}

#[function_component(Toolbar)]
pub fn toolbar(props: &ToolbarProps) -> Html {
    let lang = props.lang;
    let scenario_select = use_node_ref();
    let lang_select = use_node_ref();
    use_select_value(&scenario_select, props.scenario.clone());
    use_select_value(&lang_select, lang.code().to_string());
    let on_scenario = {
        let on_action = props.on_action.clone();
        Callback::from(move |e: Event| {
            if let Some(name) = select_value(&e) {
                on_action.emit(Action::Scenario { name, now: platform::now_ns() });
            }
        })
    };
    let on_lang = {
        let on_lang = props.on_lang.clone();
        Callback::from(move |e: Event| {
            if let Some(lang) = select_value(&e).and_then(|c| Lang::parse(&c)) {
                on_lang.emit(lang);
            }
        })
    };
    let theme = props.theme;
    let on_theme = props.on_theme.reform(move |_: MouseEvent| theme.next());
    // The last step undone disables Undo under the keyboard's focus, which then falls to the
    // page: it goes to Redo instead (and the other way round), where the next press is wanted.
    let undo_ref = use_node_ref();
    let redo_ref = use_node_ref();
    let pressed = use_mut_ref(|| None::<Action>);
    {
        let (undo_ref, redo_ref, pressed) = (undo_ref.clone(), redo_ref.clone(), pressed.clone());
        use_effect_with((props.can_undo, props.can_redo), move |_| {
            // Lost: on the page, or still on the button just disabled (the browser moves it to
            // the page a moment later).
            let lost = gloo_utils::document()
                .active_element()
                .is_none_or(|e| e.tag_name() == "BODY" || e.has_attribute("disabled"));
            let to = match pressed.borrow_mut().take() {
                Some(Action::Undo) if lost => redo_ref,
                Some(Action::Redo) if lost => undo_ref,
                _ => return,
            };
            if let Some(button) = to.cast::<web_sys::HtmlElement>() {
                let _ = button.focus();
            }
        });
    }
    let press = |action: fn() -> Action| {
        let (on_action, pressed) = (props.on_action.clone(), pressed.clone());
        Callback::from(move |_: MouseEvent| {
            *pressed.borrow_mut() = Some(action());
            on_action.emit(action());
        })
    };
    let undo = press(|| Action::Undo);
    let redo = press(|| Action::Redo);
    let reset = props.on_action.reform(|_: MouseEvent| Action::Reset { now: platform::now_ns() });
    html! {
        <nav class="toolbar" aria-label={t(lang, Text::Toolbar)}>
            <button ref={undo_ref} type="button" data-testid="undo" disabled={props.locked || !props.can_undo} onclick={undo} title="Ctrl+Z">{ t(lang, Text::Undo) }</button>
            <button ref={redo_ref} type="button" data-testid="redo" disabled={props.locked || !props.can_redo} onclick={redo} title="Ctrl+Shift+Z">{ t(lang, Text::Redo) }</button>
            <button type="button" data-testid="reset" disabled={props.locked} onclick={reset}>{ t(lang, Text::Reset) }</button>
            <button type="button" data-testid="lessons" disabled={props.locked} onclick={props.on_lessons.reform(|_: MouseEvent| ())}>{ t(lang, Text::Lessons) }</button>
            <label class="picker">
                <span>{ t(lang, Text::Scenario) }</span>
                <select ref={scenario_select} data-testid="scenario" disabled={props.locked} onchange={on_scenario}>
                    { for rmi_engine::scenarios::SCENARIO_NAMES.iter().map(|name| {
                        let (title, description) = scenario_text(lang, name);
                        html! { <option value={*name} selected={props.scenario == *name} title={description}>{ title }</option> }
                    }) }
                </select>
            </label>
            <label class="picker">
                <span>{ t(lang, Text::Language) }</span>
                <select ref={lang_select} class="lang-select" data-testid="lang" onchange={on_lang}>
                    <option value="en" selected={lang == Lang::En}>{ "English" }</option>
                    <option value="zh" selected={lang == Lang::Zh}>{ "简体中文" }</option>
                </select>
            </label>
            // Its name is what it says ("Theme: System"), so voice control finds it by its words.
            <button type="button" data-testid="theme" onclick={on_theme}>
                // Chinese puts a full-width colon between label and value, as everywhere else in the page.
                { format!("{}{}{}", t(lang, Text::Theme), if lang == Lang::Zh { "：" } else { ": " }, props.theme.label(lang)) }
            </button>
        </nav>
    }
}
