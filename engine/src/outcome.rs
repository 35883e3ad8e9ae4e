//! What a command returns: the exact terminal text, the exit status, and the structured events
//! the page animates from. Both come from the same operations, in output order.

use std::sync::Arc;

use crate::json::{DecodeError, FromJson, ToJson, Value};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    Stdout,
    Stderr,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub stream: Stream,
    pub text: String,
}

/// A terminal line as the page saves it: `{"stream": "Stdout", "text": "…"}`.
impl ToJson for Line {
    fn to_json(&self) -> Value {
        let stream = match self.stream {
            Stream::Stdout => "Stdout",
            Stream::Stderr => "Stderr",
        };
        crate::json!({"stream": stream, "text": self.text})
    }
}

impl FromJson for Line {
    fn from_json(v: &Value) -> Result<Line, DecodeError> {
        let stream = match v.field::<String>("stream")?.as_str() {
            "Stdout" => Stream::Stdout,
            "Stderr" => Stream::Stderr,
            other => return Err(DecodeError::new(format!("unknown stream {other:?}"))),
        };
        Ok(Line { stream, text: v.field("text")? })
    }
}

/// Why a removal was refused, naming the object in the way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Blocker {
    Container(String),
    ChildImage(String),
    /// Other references keep the image (`image is referenced in multiple repositories`).
    References(Vec<String>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// A tag or digest reference now points at the image (familiar form).
    Tagged {
        reference: String,
        image: String,
    },
    Untagged {
        reference: String,
        image: String,
    },
    // Content IDs are shared with the store rather than copied: a prune emits tens of thousands.
    ImageCreated {
        image: Arc<str>,
    },
    ImageDeleted {
        image: Arc<str>,
    },
    LayerCreated {
        layer: Arc<str>,
    },
    LayerDeleted {
        layer: Arc<str>,
    },
    ContainerCreated {
        container: String,
    },
    ContainerStarted {
        container: String,
    },
    ContainerExited {
        container: String,
        code: i32,
    },
    ContainerRemoved {
        container: String,
    },
    /// A removal of `image` was refused because of `blocker`.
    Conflict {
        image: String,
        blocker: Blocker,
    },
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    pub lines: Vec<Line>,
    pub exit: i32,
    pub events: Vec<Event>,
    /// The command asked a question (`[y/N]`); the next line typed answers it.
    pub awaiting_answer: bool,
}

impl Outcome {
    pub fn out(&mut self, text: impl Into<String>) {
        self.push(Stream::Stdout, text.into());
    }

    pub fn err(&mut self, text: impl Into<String>) {
        self.push(Stream::Stderr, text.into());
    }

    /// Appends text that may span several lines; a trailing newline does not add an empty line.
    pub fn push(&mut self, stream: Stream, text: String) {
        let body = text.strip_suffix('\n').unwrap_or(&text);
        self.lines.reserve(body.bytes().filter(|b| *b == b'\n').count() + 1);
        for line in body.split('\n') {
            self.lines.push(Line { stream, text: line.to_string() });
        }
    }

    /// All lines as a terminal shows them, joined by newlines.
    pub fn text(&self) -> String {
        self.lines.iter().map(|l| l.text.as_str()).collect::<Vec<_>>().join("\n")
    }
}
