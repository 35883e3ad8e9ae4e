//! The terminal: the log of commands with their output, and the prompt (history with ↑/↓ kept
//! across reloads, Tab completion when there is something to complete, Ctrl+L to clear, Ctrl+C
//! to abandon the line). The prompt takes the focus on load when the page is the whole window
//! and the reader is not elsewhere already; on a phone the output folds away (style.css docks it).

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::log_entry::LogEntry;
use super::platform;
use crate::completion::complete;
use crate::i18n::{t, Lang, Text};
use crate::preview::Note;
use crate::session::Entry;
use rmi_engine::Engine;

const HISTORY_LIMIT: usize = 200;

#[derive(Properties)]
pub struct TerminalProps {
    pub lang: Lang,
    /// Shared with the session (entries compared by identity).
    pub log: Vec<Rc<Entry>>,
    /// The session's revision: moves with every new entry, even once the log is full.
    pub revision: u64,
    pub engine: Engine,
    pub awaiting_answer: bool,
    /// A command another view suggests (a tapped node's action): (serial, text).
    pub prefill: (u64, String),
    /// Whether the prompt takes the focus when the app starts (see below).
    pub focus_on_load: bool,
    /// What the command typed would do (a removal's preview), with its tone.
    pub preview_note: Option<Note>,
    /// A word from the page about the last keypress ("Nothing to undo."), in the preview's room
    /// while there is no preview.
    pub status: Option<&'static str>,
    /// A narrated replay holds the prompt and types into it (`Some(text so far)`); the reader
    /// gets it when the script ends.
    pub held: Option<String>,
    pub on_run: Callback<String>,
    pub on_input: Callback<String>,
    pub on_clear: Callback<()>,
}

/// The engine compares by identity (see `GraphProps`).
impl PartialEq for TerminalProps {
    fn eq(&self, other: &Self) -> bool {
        self.lang == other.lang
            && self.log.len() == other.log.len()
            && self.log.iter().zip(&other.log).all(|(a, b)| Rc::ptr_eq(a, b))
            && self.revision == other.revision
            && self.engine.is_same_state(&other.engine)
            && self.awaiting_answer == other.awaiting_answer
            && self.prefill == other.prefill
            && self.focus_on_load == other.focus_on_load
            && self.preview_note == other.preview_note
            && self.status == other.status
            && self.held == other.held
            && self.on_run == other.on_run
            && self.on_input == other.on_input
            && self.on_clear == other.on_clear
    }
}

fn load_history() -> Vec<String> {
    platform::load_history().unwrap_or_default()
}

#[function_component(Terminal)]
pub fn terminal(props: &TerminalProps) -> Html {
    let input = use_state(String::new);
    let history = use_mut_ref(load_history);
    let cursor = use_mut_ref(|| None::<usize>);
    let candidates = use_state(Vec::<String>::new);
    let input_ref = use_node_ref();
    let output_open = use_state(|| true);

    // The prompt takes the focus once the app runs, when the page is the whole window: never
    // inside another page's frame (an embed takes no focus from its host page), and not when
    // the reader has focused something already.
    {
        let input_ref = input_ref.clone();
        let wanted = props.focus_on_load;
        use_effect_with((), move |_| {
            // After the first frame's work, not in it: focusing lays the page out, and that
            // would come before the app says it is ready.
            let timer = gloo_timers::callback::Timeout::new(0, move || {
                if wanted && !platform::is_framed() && !platform::focus_is_claimed() {
                    if let Some(el) = input_ref.cast::<web_sys::HtmlInputElement>() {
                        // Without scrolling to it: a prompt low on the screen (a short window, a
                        // lesson above) would open the page scrolled, its title cut off.
                        let options = web_sys::FocusOptions::new();
                        options.set_prevent_scroll(true);
                        let _ = el.focus_with_options(&options);
                    }
                }
            });
            move || drop(timer)
        });
    }

    // The newest output stays in view by the stylesheet alone (a reversed flex column anchors the
    // scroll at the bottom): reading `scrollHeight` here forced a layout of the whole page on
    // every command, ~12 ms of Enter→graph with 200 images.
    // A suggested command lands in the prompt for the reader to confirm.
    {
        let input = input.clone();
        let input_ref = input_ref.clone();
        let on_input = props.on_input.clone();
        let prefill = props.prefill.clone();
        use_effect_with(prefill.0, move |serial| {
            if *serial > 0 {
                input.set(prefill.1.clone());
                on_input.emit(prefill.1.clone());
                if let Some(el) = input_ref.cast::<web_sys::HtmlInputElement>() {
                    let _ = el.focus();
                }
            }
        });
    }

    // The replay hands the prompt over: the reader types next. Focus moves only within a page
    // that has it already, so an embed never takes the keyboard from the article around it.
    let was_held = use_mut_ref(|| props.held.is_some());
    {
        let input_ref = input_ref.clone();
        use_effect_with(props.held.is_some(), move |held| {
            let handed_over = std::mem::replace(&mut *was_held.borrow_mut(), *held) && !*held;
            if handed_over && gloo_utils::document().has_focus().unwrap_or(false) {
                if let Some(el) = input_ref.cast::<web_sys::HtmlInputElement>() {
                    let _ = el.focus();
                }
            }
        });
    }

    let set_line = {
        let input = input.clone();
        let on_input = props.on_input.clone();
        move |line: String| {
            on_input.emit(line.clone());
            input.set(line);
        }
    };

    // A line given to the shell, as Enter does: kept in the history (not twice in a row), the
    // prompt emptied.
    let submit = {
        let input = input.clone();
        let history = history.clone();
        let cursor = cursor.clone();
        let candidates = candidates.clone();
        let on_run = props.on_run.clone();
        let input_ref = input_ref.clone();
        move |line: String| {
            // A fresh prompt: Ctrl+Z there is the session's undo again (components/app.rs).
            if let Some(el) = input_ref.cast::<web_sys::Element>() {
                let _ = el.remove_attribute("data-edited");
            }
            if !line.trim().is_empty() {
                let mut h = history.borrow_mut();
                if h.last() != Some(&line) {
                    h.push(line.clone());
                }
                let excess = h.len().saturating_sub(HISTORY_LIMIT);
                h.drain(..excess);
                platform::save_history(&h);
            }
            *cursor.borrow_mut() = None;
            candidates.set(Vec::new());
            input.set(String::new());
            on_run.emit(line);
        }
    };

    // Several lines pasted at once (a tutorial's block of commands) run one after the other, as
    // in a terminal: every line that ends is run, what follows the last line break stays in the
    // prompt. Blank lines are skipped. A single line is left to the browser.
    let onpaste = {
        let submit = submit.clone();
        let set_line = set_line.clone();
        let held = props.held.is_some();
        Callback::from(move |e: Event| {
            let Some(e) = e.dyn_ref::<web_sys::ClipboardEvent>() else { return };
            let Some(pasted) = e.clipboard_data().and_then(|data| data.get_data("text").ok()) else { return };
            if held || !pasted.contains('\n') {
                return;
            }
            let Some(field) = e.target_dyn_into::<web_sys::HtmlInputElement>() else { return };
            e.prevent_default();
            let value = field.value();
            // The selection's ends count UTF-16 units (as JavaScript does), not bytes or chars.
            let at = |units: Option<u32>| {
                let Some(units) = units else { return value.len() };
                let mut seen = 0usize;
                for (i, c) in value.char_indices() {
                    if seen >= units as usize {
                        return i;
                    }
                    seen += c.len_utf16();
                }
                value.len()
            };
            let (start, end) = (at(field.selection_start().ok().flatten()), at(field.selection_end().ok().flatten()));
            let text = format!(
                "{}{}{}",
                &value[..start.min(end)],
                pasted.replace("\r\n", "\n").replace('\r', "\n"),
                &value[end.max(start)..]
            );
            let mut lines: Vec<&str> = text.split('\n').collect();
            let rest = lines.pop().unwrap_or_default().to_string();
            for line in lines.into_iter().filter(|l| !l.trim().is_empty()) {
                submit(line.to_string());
            }
            set_line(rest);
        })
    };

    let oninput = {
        let set_line = set_line.clone();
        let candidates = candidates.clone();
        let cursor = cursor.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(el) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                // Typed in since the last command: the browser's own Ctrl+Z then has text to
                // bring back, even once the line is empty again.
                let _ = el.set_attribute("data-edited", "true");
                platform::mark("keystroke");
                *cursor.borrow_mut() = None;
                candidates.set(Vec::new());
                set_line(el.value());
            }
        })
    };

    let onkeydown = {
        let input = input.clone();
        let history = history.clone();
        let cursor = cursor.clone();
        let candidates = candidates.clone();
        let submit = submit.clone();
        let on_clear = props.on_clear.clone();
        let engine = props.engine.clone();
        let set_line = set_line.clone();
        let held = props.held.is_some();
        Callback::from(move |e: KeyboardEvent| {
            if held {
                return;
            }
            let key = e.key();
            let ctrl = e.ctrl_key() || e.meta_key();
            match key.as_str() {
                "Enter" => {
                    e.prevent_default();
                    submit((*input).clone());
                }
                "ArrowUp" | "ArrowDown" => {
                    e.prevent_default();
                    let h = history.borrow();
                    if h.is_empty() {
                        return;
                    }
                    let mut c = cursor.borrow_mut();
                    let next = match (key.as_str(), *c) {
                        ("ArrowUp", None) => Some(h.len() - 1),
                        ("ArrowUp", Some(i)) => Some(i.saturating_sub(1)),
                        ("ArrowDown", Some(i)) if i + 1 < h.len() => Some(i + 1),
                        _ => None,
                    };
                    *c = next;
                    set_line(next.map(|i| h[i].clone()).unwrap_or_default());
                }
                // Tab completes only when there is something to complete; otherwise (and
                // always with Shift) the browser moves the focus on, so the keyboard can leave.
                "Tab" if !e.shift_key() && !e.alt_key() && !ctrl => {
                    let completion = complete(&input, &engine);
                    // A second Tab on the same choices (or on an empty prompt) moves on too.
                    let shows_new_choices = completion.candidates.len() > 1 && completion.candidates != *candidates;
                    if !input.trim().is_empty() && (completion.line != *input || shows_new_choices) {
                        e.prevent_default();
                        candidates.set(completion.candidates);
                        set_line(completion.line);
                    } else {
                        candidates.set(Vec::new());
                    }
                }
                "l" | "L" if ctrl => {
                    e.prevent_default();
                    on_clear.emit(());
                }
                "c" | "C" if ctrl && !e.shift_key() => {
                    // Copying a selection keeps working; with nothing selected Ctrl+C abandons the line.
                    let selected =
                        gloo_utils::window().get_selection().ok().flatten().map(|s| !s.is_collapsed()).unwrap_or(false);
                    if !selected {
                        e.prevent_default();
                        candidates.set(Vec::new());
                        set_line(String::new());
                    }
                }
                "Escape" => candidates.set(Vec::new()),
                _ => {}
            }
        })
    };

    let focus_prompt = {
        let input_ref = input_ref.clone();
        Callback::from(move |_: MouseEvent| {
            let has_selection =
                gloo_utils::window().get_selection().ok().flatten().map(|s| !s.is_collapsed()).unwrap_or(false);
            if !has_selection {
                if let Some(el) = input_ref.cast::<web_sys::HtmlInputElement>() {
                    let _ = el.focus();
                }
            }
        })
    };

    // The ahead-of-time view's prompt waits, visibly, for the wasm that runs it.
    let loading = platform::PRERENDERING;
    let placeholder = match (loading, props.held.is_some()) {
        (true, _) => Text::PromptLoading,
        (false, true) => Text::PromptHeld,
        (false, false) => Text::PromptPlaceholder,
    };
    let prompt_sign = if props.awaiting_answer { "" } else { "$" };
    html! {
        <div class="terminal-wrap">
            <div class="terminal-head">
                <h2 class="pane-title">{ t(props.lang, Text::Terminal) }</h2>
                // Shown on a phone only (style.css), where the prompt is docked and the output
                // can fold away to leave the screen to the graph.
                <button type="button" class="output-toggle" data-testid="output-toggle" aria-controls="terminal-log"
                    aria-expanded={output_open.to_string()}
                    onclick={{
                        let output_open = output_open.clone();
                        Callback::from(move |_: MouseEvent| output_open.set(!*output_open))
                    }}>
                    { t(props.lang, if *output_open { Text::OutputHide } else { Text::OutputShow }) }
                </button>
            </div>
            // Focusable: its output scrolls (sideways on a phone), and the keyboard scrolls it too.
            <div class="terminal" id="terminal-log" data-testid="terminal" data-open={output_open.to_string()} onclick={focus_prompt} role="log" aria-live="off" tabindex="0" aria-label={t(props.lang, Text::Terminal)}>
                <div class="terminal-lines">
                { for props.log.iter().map(|entry| html! {
                    <LogEntry key={entry.id} lang={props.lang} entry={entry.clone()} />
                }) }
                </div>
            </div>
            // Space kept for the note whether or not there is one, so the prompt never moves
            // while a removal is typed.
            <div class="preview-slot">
                if let Some(note) = &props.preview_note {
                    <p class="preview-note" data-testid="preview-note" data-tone={note.tone.attribute()} title={note.text.clone()}>{ note.text.clone() }</p>
                } else if let Some(status) = props.status {
                    <p class="preview-note" data-testid="terminal-status" role="status">{ status }</p>
                }
            </div>
            if !candidates.is_empty() {
                <ul class="completions" aria-label={t(props.lang, Text::Completions)}>
                    { for candidates.iter().map(|c| html! { <li>{ c.clone() }</li> }) }
                </ul>
            }
            <div class="prompt-row">
                <label for="prompt" class="ps1">{ prompt_sign }</label>
                <input
                    id="prompt"
                    ref={input_ref}
                    data-testid="prompt"
                    type="text"
                    autocomplete="off"
                    autocapitalize="off"
                    spellcheck="false"
                    aria-label={t(props.lang, Text::PromptLabel)}
                    placeholder={t(props.lang, placeholder)}
                    disabled={loading}
                    readonly={props.held.is_some()}
                    aria-readonly={props.held.is_some().then_some("true")}
                    value={props.held.clone().unwrap_or_else(|| (*input).clone())}
                    {oninput}
                    {onkeydown}
                    {onpaste}
                />
            </div>
        </div>
    }
}
