//! Narrated replay (`embed.md`): an author's script of commands, each with an optional caption
//! and pause, typed and run one by one in an embed; play, pause and step; the prompt handed to
//! the reader at the end. The script's syntax and the player's clock are plain Rust, tested
//! natively; the component only moves the player along with timers and shows it.
//!
//! A script is text, one item per line (an HTML attribute or a URL parameter keeps newlines):
//!
//! ```text
//! # The book pulled two images; one of them has two names.
//! docker images
//! # Removing one name only untags the image.
//! docker rmi myubuntu:latest
//! @pause 4
//! # Now the last name: the image and its layers go.
//! docker rmi ubuntu:14.04
//! # Your turn: try docker rmi on the other image.
//! ```
//!
//! `# …` lines are the caption of the command that follows (several join into one); `@pause S`
//! sets how long the view rests after the command above it, in seconds; blank lines are
//! ignored; every other line is a command, exactly as typed at the prompt. Captions after the
//! last command are shown when the prompt is handed over. The same script as JSON, for
//! programs: `[{"command": "docker images", "caption": "…", "pause": 4}, …]`.

use std::rc::Rc;

use serde::Deserialize;

/// Limits that keep a hostile or mistaken URL from freezing the frame.
pub const MAX_STEPS: usize = 200;
pub const MAX_LINE: usize = 1_000;
pub const MAX_PAUSE_SECONDS: f64 = 60.0;
/// The slowest and fastest `speed=` (a factor on every delay's inverse: 2 plays twice as fast).
pub const SPEEDS: std::ops::RangeInclusive<f64> = 0.25..=4.0;

/// How long one character takes to appear while a command is typed, at speed 1.
const TYPE_MS: f64 = 45.0;
/// How long the view rests after a command ran (the graph animates, the caption is read),
/// unless the script says otherwise, at speed 1.
const DEFAULT_PAUSE_MS: f64 = 2_200.0;
/// With reduced motion the command appears whole; this is the beat before it runs.
const INSTANT_BEAT_MS: f64 = 600.0;
/// The beat between a caption appearing and its command being typed.
const CAPTION_BEAT_MS: f64 = 700.0;

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScriptStep {
    pub command: String,
    #[serde(default)]
    pub caption: Option<String>,
    /// Seconds the view rests after this command; the player's default when absent.
    #[serde(default)]
    pub pause: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Script {
    pub steps: Vec<ScriptStep>,
    /// Captions after the last command: shown when the prompt is handed over.
    pub epilogue: Option<String>,
}

/// Why a script was refused, with the line (1-based) where the text form went wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScriptError {
    #[error("the script has no command")]
    Empty,
    #[error("the script has more than {MAX_STEPS} commands")]
    TooLong,
    #[error("line {0}: longer than {MAX_LINE} characters")]
    LineTooLong(usize),
    #[error("line {line}: {directive:?} is not a directive (only @pause SECONDS)")]
    UnknownDirective { line: usize, directive: String },
    #[error("line {line}: @pause wants seconds from 0 to {MAX_PAUSE_SECONDS}, not {value:?}")]
    BadPause { line: usize, value: String },
    #[error("line {0}: @pause comes after the command it follows")]
    PauseFirst(usize),
    #[error("line {0}: a command cannot span lines or hold control characters")]
    ControlCharacter(usize),
    #[error("not a script: {0}")]
    Json(String),
}

/// Reads a script in its text or JSON form (a JSON list starts with `[`).
pub fn parse_script(text: &str) -> Result<Script, ScriptError> {
    let script = if text.trim_start().starts_with('[') { parse_json(text)? } else { parse_text(text)? };
    if script.steps.is_empty() {
        return Err(ScriptError::Empty);
    }
    if script.steps.len() > MAX_STEPS {
        return Err(ScriptError::TooLong);
    }
    Ok(script)
}

fn parse_text(text: &str) -> Result<Script, ScriptError> {
    let mut script = Script::default();
    let mut caption: Vec<String> = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let number = index + 1;
        let line = raw.trim();
        if line.chars().count() > MAX_LINE {
            return Err(ScriptError::LineTooLong(number));
        }
        if line.chars().any(char::is_control) {
            return Err(ScriptError::ControlCharacter(number));
        }
        if line.is_empty() {
            continue;
        }
        if let Some(words) = line.strip_prefix('#') {
            caption.push(words.trim().to_string());
        } else if let Some(directive) = line.strip_prefix('@') {
            let (name, value) = directive.split_once(char::is_whitespace).unwrap_or((directive, ""));
            if name != "pause" {
                return Err(ScriptError::UnknownDirective { line: number, directive: format!("@{name}") });
            }
            let seconds = pause_seconds(value.trim())
                .ok_or_else(|| ScriptError::BadPause { line: number, value: value.trim().to_string() })?;
            let last = script.steps.last_mut().ok_or(ScriptError::PauseFirst(number))?;
            last.pause = Some(seconds);
        } else {
            let caption = std::mem::take(&mut caption);
            let caption = (!caption.is_empty()).then(|| caption.join(" "));
            script.steps.push(ScriptStep { command: line.to_string(), caption, pause: None });
            if script.steps.len() > MAX_STEPS {
                return Err(ScriptError::TooLong);
            }
        }
    }
    script.epilogue = (!caption.is_empty()).then(|| caption.join(" "));
    Ok(script)
}

fn parse_json(text: &str) -> Result<Script, ScriptError> {
    let steps: Vec<ScriptStep> = serde_json::from_str(text).map_err(|e| ScriptError::Json(e.to_string()))?;
    for (index, step) in steps.iter().enumerate() {
        let number = index + 1;
        if step.command.chars().count() > MAX_LINE {
            return Err(ScriptError::LineTooLong(number));
        }
        if step.command.chars().any(char::is_control) || step.command.trim().is_empty() {
            return Err(ScriptError::ControlCharacter(number));
        }
        if let Some(pause) = step.pause {
            if !(0.0..=MAX_PAUSE_SECONDS).contains(&pause) {
                return Err(ScriptError::BadPause { line: number, value: pause.to_string() });
            }
        }
    }
    Ok(Script { steps, epilogue: None })
}

fn pause_seconds(text: &str) -> Option<f64> {
    let text = text.strip_suffix('s').unwrap_or(text);
    let seconds: f64 = text.parse().ok()?;
    (seconds.is_finite() && (0.0..=MAX_PAUSE_SECONDS).contains(&seconds)).then_some(seconds)
}

/// `speed=`: a factor from 0.25 to 4 (`1.5`, or `1.5x`).
pub fn parse_speed(text: &str) -> Option<f64> {
    let text = text.trim();
    let speed: f64 = text.strip_suffix('x').unwrap_or(text).parse().ok()?;
    (speed.is_finite() && SPEEDS.contains(&speed)).then_some(speed)
}

/// What the player does when its timer fires.
#[derive(Debug, Clone, PartialEq)]
pub enum Cue {
    /// The next step's caption appears, before its command is typed.
    Announce,
    /// The prompt shows this much of the current command (typing).
    Type(String),
    /// The command is run, as if Enter was pressed.
    Run(String),
    /// The script is over: the prompt is the reader's.
    HandOver,
}

/// Where the player is within a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// The step's caption is on show; nothing typed yet.
    Announce,
    /// The command is being typed at the prompt.
    Typing,
    /// The command above ran; the view rests (the graph animates, the caption is read).
    Rest,
}

/// Where the replay is. Cloned into yew's state on each move (the script itself is shared).
#[derive(Debug, Clone, PartialEq)]
pub struct Player {
    pub script: Rc<Script>,
    /// The step being announced or typed; after a run, the one after it.
    pub next: usize,
    pub phase: Phase,
    /// Characters of the next command already shown at the prompt.
    pub typed: usize,
    pub playing: bool,
    pub speed: f64,
    /// The prompt has been handed over.
    pub finished: bool,
    /// Counts the commands run, so the component runs each exactly once.
    pub runs: u64,
    /// The last command run, for the component to carry out.
    pub last_run: Option<String>,
}

impl Player {
    pub fn new(script: Rc<Script>, speed: f64, autoplay: bool) -> Player {
        Player {
            script,
            next: 0,
            phase: Phase::Announce,
            typed: 0,
            playing: autoplay,
            speed,
            finished: false,
            runs: 0,
            last_run: None,
        }
    }

    /// The caption on show: that of the step announced or typed, or of the one that just ran
    /// while the view rests after it; a step without a caption of its own keeps the last one
    /// (a caption often tells of several commands); the epilogue once handed over.
    pub fn caption(&self) -> Option<&str> {
        if self.finished {
            return self.script.epilogue.as_deref();
        }
        let showing = match self.phase {
            Phase::Rest => self.next.checked_sub(1)?,
            Phase::Announce | Phase::Typing => self.next,
        };
        self.script.steps.get(..=showing)?.iter().rev().find_map(|step| step.caption.as_deref())
    }

    /// The text the prompt shows while the script holds it.
    pub fn prompt_text(&self) -> String {
        match (self.phase, self.script.steps.get(self.next)) {
            (Phase::Typing, Some(step)) => step.command.chars().take(self.typed).collect(),
            _ => String::new(),
        }
    }

    /// `(step on show, steps)`, 1-based, for "2 / 5".
    pub fn position(&self) -> (usize, usize) {
        let shown = match self.phase {
            Phase::Rest => self.next,
            Phase::Announce | Phase::Typing => self.next + 1,
        };
        (shown.min(self.script.steps.len()), self.script.steps.len())
    }

    /// How long until the timer should fire for the next cue, or `None` when there is nothing
    /// to wait for (paused or finished). `instant`: reduced motion (see [`Player::advance`]).
    pub fn delay_ms(&self, instant: bool) -> Option<u32> {
        if !self.playing || self.finished {
            return None;
        }
        let ms = match self.phase {
            Phase::Announce => CAPTION_BEAT_MS,
            Phase::Typing => {
                let length = self.script.steps.get(self.next).map_or(0, |step| step.command.chars().count());
                match (self.typed < length, instant) {
                    (true, _) => TYPE_MS,
                    // The beat before Enter, so the whole command is seen.
                    (false, true) => INSTANT_BEAT_MS,
                    (false, false) => TYPE_MS * 6.0,
                }
            }
            Phase::Rest => {
                let ran = self.next.checked_sub(1).and_then(|i| self.script.steps.get(i));
                ran.and_then(|step| step.pause).map_or(DEFAULT_PAUSE_MS, |seconds| seconds * 1000.0)
            }
        };
        Some((ms / self.speed).round().clamp(0.0, f64::from(u32::MAX)) as u32)
    }

    /// The timer fired: the next caption, one more character, the command run, or the
    /// hand-over. `instant` (reduced motion) shows each command whole instead of typing it.
    pub fn advance(&mut self, instant: bool) -> Option<Cue> {
        if self.finished {
            return None;
        }
        match self.phase {
            Phase::Rest if self.next >= self.script.steps.len() => Some(self.hand_over()),
            Phase::Rest => {
                self.phase = Phase::Announce;
                Some(Cue::Announce)
            }
            Phase::Announce | Phase::Typing => {
                let length = self.script.steps.get(self.next).map_or(0, |step| step.command.chars().count());
                if self.phase == Phase::Announce || self.typed < length {
                    self.phase = Phase::Typing;
                    self.typed = if instant { length } else { self.typed + 1 };
                    Some(Cue::Type(self.prompt_text()))
                } else {
                    Some(self.run_current())
                }
            }
        }
    }

    /// The step control: the current (or next) command whole and run at once; the player
    /// stops there. After the last command it hands over.
    pub fn step(&mut self) -> Option<Cue> {
        self.playing = false;
        if self.finished {
            return None;
        }
        if self.next >= self.script.steps.len() {
            return Some(self.hand_over());
        }
        Some(self.run_current())
    }

    fn run_current(&mut self) -> Cue {
        let command = self.script.steps[self.next].command.clone();
        self.next += 1;
        self.typed = 0;
        self.phase = Phase::Rest;
        self.runs += 1;
        self.last_run = Some(command.clone());
        Cue::Run(command)
    }

    fn hand_over(&mut self) -> Cue {
        self.finished = true;
        self.playing = false;
        Cue::HandOver
    }

    pub fn play(&mut self) {
        self.playing = !self.finished;
    }

    /// From the first step again, playing (the component puts the machine back at its start).
    pub fn restart(&mut self) {
        *self = Player { runs: self.runs, ..Player::new(self.script.clone(), self.speed, true) };
    }

    pub fn pause(&mut self) {
        self.playing = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOOK: &str = "# Two images, one with two names.\ndocker images\n\n# Untag one name.\n# The image stays.\ndocker rmi myubuntu:latest\n@pause 4\ndocker rmi ubuntu:14.04\n# Your turn.\n";

    #[test]
    fn the_text_form_gives_captions_pauses_and_an_epilogue() {
        let script = parse_script(BOOK).expect("parses");
        assert_eq!(
            script.steps,
            vec![
                ScriptStep {
                    command: "docker images".into(),
                    caption: Some("Two images, one with two names.".into()),
                    pause: None
                },
                ScriptStep {
                    command: "docker rmi myubuntu:latest".into(),
                    caption: Some("Untag one name. The image stays.".into()),
                    pause: Some(4.0)
                },
                ScriptStep { command: "docker rmi ubuntu:14.04".into(), caption: None, pause: None },
            ]
        );
        assert_eq!(script.epilogue.as_deref(), Some("Your turn."));
    }

    #[test]
    fn the_json_form_is_the_same_script() {
        let json = r##"[{"command":"docker images","caption":"Two images, one with two names."},
            {"command":"docker rmi myubuntu:latest","caption":"Untag one name. The image stays.","pause":4},
            {"command":"docker rmi ubuntu:14.04"}]"##;
        let text = parse_script(BOOK).expect("text");
        assert_eq!(parse_script(json).expect("json").steps, text.steps);
    }

    #[test]
    fn every_malformed_script_is_refused_with_its_line() {
        let long = format!("docker rmi {}", "x".repeat(MAX_LINE));
        let many = "docker images\n".repeat(MAX_STEPS + 1);
        let cases: Vec<(&str, ScriptError)> = vec![
            ("", ScriptError::Empty),
            ("# only words\n\n", ScriptError::Empty),
            ("[]", ScriptError::Empty),
            (&long, ScriptError::LineTooLong(1)),
            (&many, ScriptError::TooLong),
            ("docker images\n@wait 2", ScriptError::UnknownDirective { line: 2, directive: "@wait".into() }),
            ("docker images\n@pause soon", ScriptError::BadPause { line: 2, value: "soon".into() }),
            ("docker images\n@pause 99", ScriptError::BadPause { line: 2, value: "99".into() }),
            ("docker images\n@pause -1", ScriptError::BadPause { line: 2, value: "-1".into() }),
            ("docker images\n@pause NaN", ScriptError::BadPause { line: 2, value: "NaN".into() }),
            ("@pause 2\ndocker images", ScriptError::PauseFirst(1)),
            ("docker\u{7}images", ScriptError::ControlCharacter(1)),
            (r#"[{"command":"docker images","pause":-3}]"#, ScriptError::BadPause { line: 1, value: "-3".into() }),
            (r#"[{"command":"  "}]"#, ScriptError::ControlCharacter(1)),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_script(text), Err(expected), "{text:?}");
        }
        for json in [r#"[{"cmd":"docker images"}]"#, "[1, 2]", "[{\"command\": 5}]", "[{"] {
            assert!(matches!(parse_script(json), Err(ScriptError::Json(_))), "{json}");
        }
    }

    #[test]
    fn speed_is_a_bounded_factor() {
        assert_eq!(parse_speed("2"), Some(2.0));
        assert_eq!(parse_speed("1.5x"), Some(1.5));
        for bad in ["0", "10", "fast", "", "inf", "-1", "NaN"] {
            assert_eq!(parse_speed(bad), None, "{bad}");
        }
    }

    fn play_to_the_end(player: &mut Player, instant: bool) -> (Vec<Cue>, u64) {
        let mut cues = Vec::new();
        let mut waited = 0u64;
        while let Some(delay) = player.delay_ms(instant) {
            waited += u64::from(delay);
            cues.extend(player.advance(instant));
            assert!(cues.len() < 10_000, "the player never ends");
        }
        (cues, waited)
    }

    #[test]
    fn playing_types_each_command_then_runs_it_and_hands_over_once() {
        let script = Rc::new(parse_script("docker images\ndocker ps\n# over to you").expect("parses"));
        let mut player = Player::new(script, 1.0, true);
        let (cues, _) = play_to_the_end(&mut player, false);
        let runs: Vec<&Cue> = cues.iter().filter(|c| matches!(c, Cue::Run(_))).collect();
        assert_eq!(runs, vec![&Cue::Run("docker images".into()), &Cue::Run("docker ps".into())]);
        assert_eq!(&cues[..2], &[Cue::Type("d".into()), Cue::Type("do".into())]);
        assert!(cues.contains(&Cue::Type("docker image".into())));
        assert_eq!(cues.last(), Some(&Cue::HandOver));
        assert_eq!(cues.iter().filter(|c| **c == Cue::HandOver).count(), 1);
        assert!(player.finished && !player.playing);
        assert_eq!(player.caption(), Some("over to you"));
        assert_eq!(player.advance(false), None, "nothing after the hand-over");
    }

    #[test]
    fn reduced_motion_shows_commands_whole_and_speed_scales_every_wait() {
        let script = Rc::new(parse_script(BOOK).expect("parses"));
        let mut instant = Player::new(script.clone(), 1.0, true);
        let (cues, slow) = play_to_the_end(&mut instant, true);
        let typed: Vec<&Cue> = cues.iter().filter(|c| matches!(c, Cue::Type(_))).collect();
        assert_eq!(
            typed,
            vec![
                &Cue::Type("docker images".into()),
                &Cue::Type("docker rmi myubuntu:latest".into()),
                &Cue::Type("docker rmi ubuntu:14.04".into())
            ],
            "one whole command each"
        );
        let mut fast = Player::new(script, 2.0, true);
        let (_, quick) = play_to_the_end(&mut fast, true);
        assert!((quick as f64 - slow as f64 / 2.0).abs() < 10.0, "{quick} vs {slow}");
        // The script's own pause counts: 4 s after the second command.
        assert!(slow >= 4_000 + 2 * 2_200, "{slow}");
    }

    #[test]
    fn pause_stops_the_clock_and_step_runs_the_current_command_whole() {
        let script = Rc::new(parse_script(BOOK).expect("parses"));
        let mut player = Player::new(script, 1.0, false);
        assert_eq!(player.delay_ms(false), None, "no autoplay: waits for play");
        assert_eq!(player.caption(), Some("Two images, one with two names."));
        player.play();
        player.advance(false);
        player.advance(false);
        assert_eq!(player.prompt_text(), "do");
        player.pause();
        assert_eq!(player.delay_ms(false), None);
        assert_eq!(player.step(), Some(Cue::Run("docker images".into())));
        assert_eq!((player.next, player.phase, player.playing), (1, Phase::Rest, false));
        assert_eq!(player.caption(), Some("Two images, one with two names."), "resting on the command run");
        assert_eq!(player.position(), (1, 3));
        player.play();
        assert_eq!(player.advance(false), Some(Cue::Announce));
        assert_eq!(player.caption(), Some("Untag one name. The image stays."), "the next caption before its command");
        assert_eq!((player.position(), player.prompt_text().as_str()), ((2, 3), ""));
        assert_eq!(player.step(), Some(Cue::Run("docker rmi myubuntu:latest".into())));
        assert_eq!(player.step(), Some(Cue::Run("docker rmi ubuntu:14.04".into())));
        assert_eq!(
            player.caption(),
            Some("Untag one name. The image stays."),
            "a command without a caption keeps the last"
        );
        assert_eq!(player.step(), Some(Cue::HandOver));
        assert_eq!(player.step(), None);
        assert_eq!(player.runs, 3);
        player.play();
        assert!(!player.playing, "a finished replay does not play again");
        player.restart();
        assert_eq!((player.next, player.phase, player.playing, player.finished), (0, Phase::Announce, true, false));
        assert_eq!((player.runs, player.caption()), (3, Some("Two images, one with two names.")));
        assert_eq!(player.step(), Some(Cue::Run("docker images".into())));
        assert_eq!(player.runs, 4, "each run after a restart is a new one");
    }
}
