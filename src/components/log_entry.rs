//! One entry of the terminal's log: a command with its output, or a line from the page itself.
//! A component of its own, compared by identity: the session shares every earlier entry with
//! the log before it, so a new command draws its own entry and leaves the other hundreds alone.

use std::rc::Rc;

use yew::prelude::*;

use crate::i18n::Lang;
use crate::session::Entry;
use rmi_engine::Stream;

#[derive(Properties)]
pub struct LogEntryProps {
    pub lang: Lang,
    pub entry: Rc<Entry>,
}

impl PartialEq for LogEntryProps {
    fn eq(&self, other: &Self) -> bool {
        self.lang == other.lang && Rc::ptr_eq(&self.entry, &other.entry)
    }
}

#[function_component(LogEntry)]
pub fn log_entry(props: &LogEntryProps) -> Html {
    let entry = &props.entry;
    if let Some(note) = &entry.note {
        // A line from the page itself (a lesson step's fresh start), not a command.
        return html! { <div class="terminal-note" data-testid="terminal-note">{ note.get(props.lang) }</div> };
    }
    html! {
        <div class="entry" data-testid="entry" data-exit={entry.exit.to_string()}>
            <div class="cmdline"><span class="ps1" aria-hidden="true">{ "$ " }</span><span data-testid="command">{ entry.command.clone() }</span></div>
            { for entry.lines.iter().map(|line| {
                let stream = if line.stream == Stream::Stdout { "stdout" } else { "stderr" };
                html! { <div class={classes!("line", stream)} data-stream={stream}>{ line.text.clone() }</div> }
            }) }
        </div>
    }
}
