//! What a command returns: the exact terminal text, the exit status, and the structured events
//! the page animates from. Both come from the same operations, in output order.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Stream {
    Stdout,
    Stderr,
}

/// A terminal line; the page saves it as `{"stream": "Stdout", "text": "…"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line {
    pub stream: Stream,
    pub text: String,
}

/// A question the CLI asked (`Are you sure you want to continue? [y/N]`); the next line typed
/// answers it. Saved with the session as serde's externally tagged enum
/// (`{"ImagePrune": {"all": false}}`, `"ContainerPrune"`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum PendingQuestion {
    /// `filters` are the `--filter` pairs the request will carry (absent in older sessions).
    ImagePrune {
        all: bool,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        filters: Vec<(String, String)>,
    },
    ContainerPrune,
    /// `container prune --filter …`: a variant of its own, so that the unit `"ContainerPrune"`
    /// older sessions saved still loads.
    ContainerPruneFiltered {
        filters: Vec<(String, String)>,
    },
    SystemPrune {
        all: bool,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        filters: Vec<(String, String)>,
    },
}

/// A docker command the CLI ran, whatever the shell line around it: its management form
/// (`image rm` for `rmi`), the long names of the flags given, and what it printed. What a
/// lesson's "without -f" and "printed" check, instead of reading the typed text or the terminal
/// again (an `echo` of Docker's words is not Docker saying them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invocation {
    /// Empty for a call the CLI refused before it knew the command (`docker rmii`) or that only
    /// printed help: it ran nothing, but what it printed is still Docker's.
    pub command: String,
    pub flags: Vec<String>,
    /// Its lines, stdout and stderr alike, before any pipe or substitution took them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub printed: Vec<String>,
}

/// Why a removal was refused, naming the object in the way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "name", rename_all = "snake_case")]
pub enum Blocker {
    Container(String),
    ChildImage(String),
    /// Other references keep the image (`image is referenced in multiple repositories`).
    References(Vec<String>),
}

/// What a command did to the store, in the order its output reports it: the single source for
/// the CLI's `Untagged:`/`Deleted:` lines, the page's animations and the embed protocol.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
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
    /// A layer freed for good; `diff_size` is what its removal reclaims.
    LayerDeleted {
        layer: Arc<str>,
        diff_size: u64,
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

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Outcome {
    pub lines: Vec<Line>,
    pub exit: i32,
    pub events: Vec<Event>,
    /// The command asked a question (`[y/N]`); the next line typed answers it.
    pub question: Option<PendingQuestion>,
    /// The docker commands it ran, in order (substitutions and pipes included).
    pub invocations: Vec<Invocation>,
}

impl Outcome {
    pub fn awaiting_answer(&self) -> bool {
        self.question.is_some()
    }

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
