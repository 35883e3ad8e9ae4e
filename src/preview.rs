//! The preview of a removal typed at the prompt, before Enter: what it would take away or be
//! blocked by (the graph's marks) and the note under the terminal, whose tone says whether
//! anything would be deleted. Computed on a scratch copy of the engine, only for commands that
//! remove things; the page keeps one per prompt text.

use std::collections::HashSet;

use rmi_engine::{Blocker, Engine, Event};

use crate::i18n::{held_by, Lang};
use crate::layout::Holder;
use crate::summary;

/// How the note reads: an untag is neutral, a refusal a warning, red only for a deletion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Only references go; every image stays.
    Untag,
    /// The command would fail: something blocks it.
    Fail,
    /// Images, layers or containers would be deleted.
    Delete,
}

impl Tone {
    /// The value of the note's `data-tone` (style.css colours it).
    pub fn attribute(self) -> &'static str {
        match self {
            Tone::Untag => "untag",
            Tone::Fail => "fail",
            Tone::Delete => "delete",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    pub tone: Tone,
    pub text: String,
}

/// What a command typed but not yet run would do.
#[derive(Debug, Clone, PartialEq)]
pub struct Computed {
    /// Graph ids (references, image IDs, ChainIDs, container IDs) it would remove.
    pub remove: HashSet<String>,
    /// Graph ids that would make it fail (a container, a child image, other references).
    pub blockers: HashSet<String>,
    pub note: Note,
}

/// Which commands get a preview while they are typed: the ones that remove things.
pub fn is_removal(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    matches!(
        words.as_slice(),
        ["docker", "rmi", _, ..]
            | ["docker", "rm", _, ..]
            | ["docker", "image", "rm" | "remove" | "rmi" | "prune", ..]
            | ["docker", "container", "rm" | "remove" | "prune", ..]
            | ["docker", "system", "prune", ..]
    )
}

/// The preview of `line` on `engine`, or `None` when it removes nothing (or is no removal, or a
/// question is pending). The engine is not changed.
pub fn compute(engine: &Engine, line: &str, lang: Lang) -> Option<Computed> {
    if engine.pending.is_some() || !is_removal(line) {
        return None;
    }
    // The confirmation question of a prune would swallow the preview: force it in the scratch run.
    let forced = line
        .split_whitespace()
        .any(|w| w == "--force" || (w.starts_with('-') && !w.starts_with("--") && w.contains('f')));
    let line = if line.contains("prune") && !forced { format!("{line} -f") } else { line.to_string() };
    let mut scratch = engine.clone();
    let outcome = scratch.run_line(&line);
    let tally = summary::tally(&outcome.events, &engine.store);
    let text = summary::explain_preview(lang, &tally, &engine.store)?;
    let tone = if !tally.conflicts.is_empty() {
        Tone::Fail
    } else if tally.images_deleted + tally.layers_deleted + tally.containers_removed > 0 {
        Tone::Delete
    } else {
        Tone::Untag
    };
    let text = match tone {
        Tone::Untag => untag_note(lang, &tally.untagged, &outcome.events, &scratch),
        _ => text,
    };
    let mut remove = HashSet::new();
    let mut blockers = HashSet::new();
    for event in &outcome.events {
        match event {
            Event::Untagged { reference, .. } => {
                remove.insert(reference.clone());
            }
            Event::ImageDeleted { image } => {
                remove.insert(image.to_string());
            }
            Event::LayerDeleted { layer, .. } => {
                remove.insert(layer.to_string());
            }
            Event::ContainerRemoved { container } => {
                remove.insert(container.clone());
            }
            Event::Conflict { blocker, .. } => match blocker {
                Blocker::Container(id) | Blocker::ChildImage(id) => {
                    blockers.insert(id.clone());
                }
                Blocker::References(refs) => blockers.extend(refs.iter().cloned()),
            },
            _ => {}
        }
    }
    Some(Computed { remove, blockers, note: Note { tone, text } })
}

/// "would only untag myubuntu:latest: the image stays, held by ubuntu:16.04, ubuntu:latest":
/// what keeps each untagged image, read from the store after the scratch run.
fn untag_note(lang: Lang, untagged: &[String], events: &[Event], after: &Engine) -> String {
    let mut images: Vec<&str> = Vec::new();
    for event in events {
        if let Event::Untagged { image, .. } = event {
            if !images.contains(&image.as_str()) {
                images.push(image);
            }
        }
    }
    let mut holders = Vec::new();
    for image in images {
        holders.extend(after.familiar_refs_of(image).into_iter().map(Holder::Reference));
        holders.extend(after.store.containers_of(image).iter().map(|c| Holder::Container(c.name.clone())));
        holders.extend(
            after
                .store
                .children_of(image)
                .iter()
                .map(|child| Holder::ChildImage(rmi_engine::digest::short_id(child).to_string())),
        );
    }
    let held = held_by(lang, &holders);
    match lang {
        Lang::En => format!("would only untag {}: the image stays, {held}", untagged.join(", ")),
        Lang::Zh => format!("只会取消标签 {}：镜像保留，{held}", untagged.join("、")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rmi_engine::scenarios;

    fn book() -> Engine {
        scenarios::build("rmi-tutorial", 1, 0).expect("the book's machine")
    }

    #[test]
    fn only_commands_that_remove_things_are_previewed() {
        for line in
            ["docker rmi a", "docker rm x", "docker image prune", "docker container rm x", "docker system prune"]
        {
            assert!(is_removal(line), "{line}");
        }
        for line in ["docker images", "docker rmi", "docker pull busybox", "docker tag a b", "rmi a", "docker run rm"] {
            assert!(!is_removal(line), "{line}");
        }
        assert_eq!(compute(&book(), "docker images", Lang::En), None);
    }

    #[test]
    fn an_untag_is_neutral_and_names_the_references_that_keep_the_image() {
        let engine = book();
        let preview = compute(&engine, "docker rmi myubuntu:latest", Lang::En).expect("a preview");
        assert_eq!(preview.note.tone, Tone::Untag);
        assert_eq!(
            preview.note.text,
            "would only untag myubuntu:latest: the image stays, held by ubuntu:16.04, ubuntu:latest"
        );
        assert_eq!(preview.remove, HashSet::from(["myubuntu:latest".to_string()]));
        let zh = compute(&engine, "docker rmi myubuntu:latest", Lang::Zh).expect("a preview");
        assert_eq!(zh.note.text, "只会取消标签 myubuntu:latest：镜像保留，被 ubuntu:16.04、ubuntu:latest 引用");
        // The engine is not changed by a preview.
        assert_eq!(engine.store.references.len(), book().store.references.len());
    }

    #[test]
    fn a_child_image_that_keeps_an_untagged_parent_is_named() {
        let engine = scenarios::build("commit-chain", 1, 0).expect("the commit chain");
        let preview = compute(&engine, "docker rmi app:v1", Lang::En).expect("a preview");
        assert_eq!(preview.note.tone, Tone::Untag);
        assert!(
            preview.note.text.starts_with("would only untag app:v1: the image stays, held by child image "),
            "{}",
            preview.note.text
        );
    }

    #[test]
    fn red_only_for_a_deletion_and_a_refusal_is_a_warning() {
        let engine = book();
        let delete = compute(&engine, "docker rmi ubuntu:14.04", Lang::En).expect("a preview");
        assert_eq!(delete.note.tone, Tone::Delete);
        assert!(delete.remove.len() > 2, "the tag, the image and its layers");
        let refused = compute(&engine, "docker rmi 2fa927b5cdd3", Lang::En).expect("a preview");
        assert_eq!(refused.note.tone, Tone::Fail);
        assert!(refused.blockers.contains("ubuntu:16.04"), "{:?}", refused.blockers);
        assert_eq!(Tone::Delete.attribute(), "delete");
    }
}
