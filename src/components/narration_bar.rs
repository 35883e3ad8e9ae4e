//! The narrated replay's bar (`embed.md`): the caption beside the graph, where the script is,
//! and play / pause / step (also Space and →). The player itself is [`crate::narration`]; this
//! component keeps one timer for its next move, runs its commands through the session and
//! tells the terminal what the prompt shows until it is handed over.

use std::rc::Rc;

use gloo_events::{EventListener, EventListenerOptions};
use gloo_timers::callback::Timeout;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::platform;
use crate::i18n::{t, Lang, Text};
use crate::narration::{Player, Script};

#[derive(Properties, PartialEq)]
pub struct NarrationBarProps {
    pub lang: Lang,
    pub script: Rc<Script>,
    pub autoplay: bool,
    pub speed: f64,
    /// Something the script plays on is not there yet (a lesson still loading): autoplay waits.
    pub waiting: bool,
    /// Runs a command of the script, as if typed.
    pub on_run: Callback<String>,
    /// What the prompt shows while the script holds it; `None` once it is handed over.
    pub on_hold: Callback<Option<String>>,
    /// Puts the machine back at the script's start, for a replay from the beginning.
    pub on_restart: Callback<()>,
}

enum Move {
    /// The timer fired.
    Tick {
        instant: bool,
    },
    Play,
    Pause,
    Step,
    Restart,
}

/// The player as yew's reducer state: every move is a new value, so the effects below see it.
#[derive(Clone, PartialEq)]
struct PlayerState(Player);

impl Reducible for PlayerState {
    type Action = Move;

    fn reduce(self: Rc<Self>, action: Move) -> Rc<Self> {
        let mut player = self.0.clone();
        match action {
            Move::Tick { instant } => drop(player.advance(instant)),
            Move::Play => player.play(),
            Move::Pause => player.pause(),
            Move::Step => drop(player.step()),
            Move::Restart => player.restart(),
        }
        Rc::new(PlayerState(player))
    }
}

#[function_component(NarrationBar)]
pub fn narration_bar(props: &NarrationBarProps) -> Html {
    let state = {
        let (script, speed, autoplay) = (props.script.clone(), props.speed, props.autoplay);
        use_reducer(move || PlayerState(Player::new(script, speed, autoplay)))
    };
    let player = &state.0;

    // One timer for the next move; a new state (or a click) drops the old one first.
    {
        let dispatcher = state.dispatcher();
        use_effect_with((player.clone(), props.waiting), move |(player, waiting)| {
            let instant = platform::prefers_reduced_motion();
            let delay = if *waiting { None } else { player.delay_ms(instant) };
            let timer = delay.map(|ms| Timeout::new(ms, move || dispatcher.dispatch(Move::Tick { instant })));
            move || drop(timer)
        });
    }
    // Each command of the script runs once, when the player reaches it.
    {
        let on_run = props.on_run.clone();
        let command = player.last_run.clone();
        use_effect_with(player.runs, move |runs| {
            if let (true, Some(command)) = (*runs > 0, command) {
                on_run.emit(command);
            }
        });
    }
    {
        let on_hold = props.on_hold.clone();
        let held = (!player.finished).then(|| player.prompt_text());
        use_effect_with(held, move |held| on_hold.emit(held.clone()));
    }
    // Space plays or pauses, → steps, wherever the focus is but in a field or a picker; Space
    // on a button presses it.
    {
        let dispatcher = state.dispatcher();
        let playing = player.playing;
        use_effect_with(playing, move |playing| {
            let playing = *playing;
            let options = EventListenerOptions::enable_prevent_default();
            let listener = EventListener::new_with_options(&gloo_utils::document(), "keydown", options, move |event| {
                let Some(e) = event.dyn_ref::<web_sys::KeyboardEvent>() else { return };
                let target = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
                // Fields and pickers keep their keys (the held prompt too: a reader typing into
                // it must not pause the replay with a space).
                let typing =
                    target.as_ref().is_some_and(|t| matches!(t.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
                let pressing =
                    target.is_some_and(|t| matches!(t.tag_name().as_str(), "BUTTON" | "A")) && e.key() == " ";
                if typing || pressing || e.ctrl_key() || e.meta_key() || e.alt_key() {
                    return;
                }
                let action = match e.key().as_str() {
                    " " if playing => Move::Pause,
                    " " => Move::Play,
                    "ArrowRight" => Move::Step,
                    _ => return,
                };
                e.prevent_default();
                dispatcher.dispatch(action);
            });
            move || drop(listener)
        });
    }

    let lang = props.lang;
    let button = |testid: &'static str, label: Text, action: fn() -> Move| {
        let dispatcher = state.dispatcher();
        html! {
            <button type="button" class="narration-button" data-testid={testid}
                onclick={Callback::from(move |_: MouseEvent| dispatcher.dispatch(action()))}>{ t(lang, label) }</button>
        }
    };
    let (shown, total) = player.position();
    let caption = match (player.finished, player.caption()) {
        (_, Some(caption)) => caption.to_string(),
        (true, None) => t(lang, Text::NarrationYourTurn).to_string(),
        (false, None) => String::new(),
    };
    html! {
        <section class="narration" data-testid="narration" aria-label={t(lang, Text::Narration)}
            data-playing={player.playing.to_string()} data-finished={player.finished.to_string()}>
            <p class="narration-caption" data-testid="caption" aria-live="polite">{ caption }</p>
            if player.finished {
                <div class="narration-controls">
                    <button type="button" class="narration-button" data-testid="replay" onclick={{
                        let dispatcher = state.dispatcher();
                        let on_restart = props.on_restart.clone();
                        Callback::from(move |_: MouseEvent| {
                            on_restart.emit(());
                            dispatcher.dispatch(Move::Restart);
                        })
                    }}>{ t(lang, Text::NarrationReplay) }</button>
                </div>
            } else {
                <div class="narration-controls" title={t(lang, Text::NarrationKeys)}>
                    if player.playing {
                        { button("pause", Text::NarrationPause, || Move::Pause) }
                    } else {
                        { button("play", Text::NarrationPlay, || Move::Play) }
                    }
                    { button("step", Text::NarrationStep, || Move::Step) }
                    <span class="narration-position" data-testid="narration-position">{ format!("{shown} / {total}") }</span>
                </div>
            }
        </section>
    }
}
