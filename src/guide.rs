//! What the playground says in its own voice in the terminal, beside Docker's output (written as
//! notes, never as Docker's lines): `help`, and the catalogue's tags when a pull asks for one it
//! does not have. Plain text in both languages, tested natively.

use rmi_engine::registry::Registry;
use rmi_engine::store::reference::parse_normalized_named;
use rmi_engine::{Outcome, Stream};

use crate::lessons::Texts;

/// The answer to `help`: what the playground models, and its own commands. `docker --help`
/// stays Docker's.
pub fn help() -> Texts {
    Texts {
        en: "This playground models Docker 27's local image store. Docker commands it runs as Docker \
             does: pull, images, tag, rmi (image rm), image prune, history, inspect, run, create, \
             start, stop, restart, kill, rm, ps, commit, container prune, system df, system prune, \
             version, info; with `$(…)`, pipes into xargs, grep, sort, uniq, head and wc -l. \
             Its own commands: undo, redo, clear (empties the terminal), help. \
             `docker COMMAND --help` shows Docker's help. Try: docker images, then docker rmi with a tag."
            .to_string(),
        zh: "这个演练场模拟 Docker 27 的本地镜像存储。它像 Docker 一样执行这些 docker 命令：\
             pull、images、tag、rmi（image rm）、image prune、history、inspect、run、create、start、\
             stop、restart、kill、rm、ps、commit、container prune、system df、system prune、version、\
             info；也支持 `$(…)`，以及通过管道交给 xargs、grep、sort、uniq、head 和 wc -l。\
             它自己的命令：undo（撤销）、redo（重做）、clear（清空终端）、help（帮助）。\
             `docker 命令 --help` 显示 Docker 自己的帮助。试试：先 docker images，再用 docker rmi 删除一个标签。"
            .to_string(),
    }
}

/// When a pull (or a run that pulls) failed with `manifest unknown` for a repository the
/// catalogue has, the tags it does have.
pub fn available_tags(outcome: &Outcome, registry: &Registry) -> Option<Texts> {
    let line = outcome.lines.iter().filter(|l| l.stream == Stream::Stderr).find_map(|l| {
        let after = l.text.split_once("manifest for ")?.1;
        after.split_once(" not found: manifest unknown").map(|(reference, _)| reference)
    })?;
    let named = parse_normalized_named(line).ok()?;
    let repository = named.familiar_name();
    let tags = registry.tags_of(&repository);
    if tags.is_empty() {
        return None;
    }
    let list = tags.join(", ");
    Some(Texts {
        en: format!("The playground's registry has {repository} with these tags: {list}."),
        zh: format!("演练场的镜像仓库中 {repository} 有这些标签：{list}。"),
    })
}

/// `text` cut to at most `max` characters, the cut marked with "…" (a value from the address,
/// which can be any length, repeated in a notice).
pub fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let kept: String = text.chars().take(max.saturating_sub(1)).collect();
    format!("{kept}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_values_are_cut_on_a_character_boundary_and_marked() {
        assert_eq!(cut("short", 10), "short");
        assert_eq!(cut("abcdefghijk", 5), "abcd…");
        assert_eq!(cut("演练场演练场", 4), "演练场…");
        assert_eq!(cut(&"x".repeat(5000), 40).chars().count(), 40);
    }

    #[test]
    fn a_missing_tag_of_a_known_repository_lists_the_tags_there_are() {
        let mut engine = rmi_engine::Engine::new(1, 0);
        let outcome = engine.run_line("docker pull alpine:9.99");
        assert_eq!(outcome.exit, 1);
        let note = available_tags(&outcome, Registry::catalogue()).expect("alpine is in the catalogue");
        assert_eq!(note.en, "The playground's registry has alpine with these tags: 3.19, 3.20, latest.");
        assert!(note.zh.contains("3.19, 3.20, latest"));
        // A run that pulls says so too; an unknown repository and a success do not.
        let run = engine.run_line("docker run debian:sid true");
        assert!(available_tags(&run, Registry::catalogue()).is_some_and(|n| n.en.contains("bookworm")));
        let catalogue = Registry::catalogue();
        assert_eq!(available_tags(&engine.run_line("docker pull nosuch:1"), catalogue), None);
        assert_eq!(available_tags(&engine.run_line("docker pull alpine:3.19"), catalogue), None);
        // Text a container prints is not Docker's error.
        let echoed = engine.run_line("echo 'manifest for alpine:1 not found: manifest unknown'");
        assert_eq!(available_tags(&echoed, catalogue), None);
        // On a lesson variant, the variant's registry answers with its own names.
        let variant = rmi_engine::variant::Variant::new(4);
        let mut renamed = rmi_engine::scenarios::build_variant("empty", 1, 0, &variant).expect("scenario");
        let missing = renamed.run_line(&format!("docker pull {}:9.99", variant.reference("alpine")));
        let note = available_tags(&missing, renamed.world.registry()).expect("the variant's alpine");
        let (name, tag) =
            variant.reference("alpine:3.19").split_once(':').map(|(n, t)| (n.to_string(), t.to_string())).unwrap();
        assert!(note.en.starts_with(&format!("The playground's registry has {name} with")), "{}", note.en);
        assert!(note.en.contains(&tag) && !note.en.contains("3.19"), "{}", note.en);
    }

    #[test]
    fn help_names_the_playgrounds_own_commands_in_both_languages() {
        let text = help();
        for word in ["undo", "redo", "clear", "help", "rmi", "image prune"] {
            assert!(text.en.contains(word) && text.zh.contains(word), "{word}");
        }
    }
}
