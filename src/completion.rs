//! Tab completion at the prompt: commands, subcommands, flags, and the objects each command
//! takes (local image references and IDs, container names and IDs, catalogue repositories).

use rmi_engine::cli::spec::Command;
use rmi_engine::cli::table;
use rmi_engine::reference::Named;
use rmi_engine::registry::Registry;
use rmi_engine::Engine;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    /// The line after completing as far as all candidates agree.
    pub line: String,
    /// Every candidate for the word under the cursor (shown when there are several).
    pub candidates: Vec<String>,
}

enum Wants {
    Images,
    Containers,
    Catalogue,
    Nothing,
}

fn wants(command: &Command) -> Wants {
    use rmi_engine::cli::spec::Action::*;
    match command.action {
        Rmi | Tag | History | ImageInspect | Run | Create => Wants::Images,
        Start | Stop | Restart | Kill | Rm | Commit | ContainerInspect => Wants::Containers,
        Inspect => Wants::Images,
        Pull => Wants::Catalogue,
        _ => Wants::Nothing,
    }
}

fn image_words(engine: &Engine) -> Vec<String> {
    let mut words: Vec<String> = engine
        .store
        .references
        .keys()
        .filter_map(|r| Named::from_full(r))
        .filter(|n| n.tag.is_some())
        .map(|n| n.familiar())
        .collect();
    words.extend(engine.store.images.values().map(|image| rmi_engine::digest::short_id(&image.id).to_string()));
    words
}

fn container_words(engine: &Engine) -> Vec<String> {
    let mut words: Vec<String> = engine.store.containers.values().map(|c| c.name.clone()).collect();
    words.extend(engine.store.containers.keys().map(|id| id[..12].to_string()));
    words
}

/// The registry the daemon pulls from (a lesson variant's has other names).
fn catalogue_words(registry: &Registry) -> Vec<String> {
    let mut words = Vec::new();
    for repo in registry.repository_names() {
        for tag in registry.tags_of(&repo) {
            words.push(format!("{repo}:{tag}"));
        }
        words.push(repo);
    }
    words
}

fn common_prefix(words: &[String]) -> String {
    let Some(first) = words.first() else {
        return String::new();
    };
    let mut end = first.len();
    for word in &words[1..] {
        end = first
            .char_indices()
            .zip(word.chars())
            .take_while(|((_, a), b)| a == b)
            .map(|((i, a), _)| i + a.len_utf8())
            .last()
            .unwrap_or(0)
            .min(end);
    }
    first[..end].to_string()
}

pub fn complete(line: &str, engine: &Engine) -> Completion {
    let words: Vec<&str> = line.split_whitespace().collect();
    let (done, current) = if line.ends_with(char::is_whitespace) || line.is_empty() {
        (words.as_slice(), "")
    } else {
        (&words[..words.len() - 1], words[words.len() - 1])
    };
    let mut pool: Vec<String> = match done {
        [] => vec!["docker".into(), "undo".into(), "redo".into(), "clear".into(), "help".into()],
        ["docker"] => table::top_level_names().into_iter().map(str::to_string).collect(),
        ["docker", group] if table::MANAGEMENT.iter().any(|m| m.name == *group) => table::MANAGEMENT
            .iter()
            .find(|m| m.name == *group)
            .map(|m| m.commands.iter().map(|(n, _, _)| n.to_string()).collect())
            .unwrap_or_default(),
        ["docker", rest @ ..] => {
            let command = match rest {
                [group, sub, ..] if table::MANAGEMENT.iter().any(|m| m.name == *group) => {
                    table::MANAGEMENT.iter().find(|m| m.name == *group).and_then(|m| m.find(sub))
                }
                [name, ..] => table::top_level(name),
                [] => None,
            };
            match command {
                Some(command) if current.starts_with('-') => {
                    let mut flags: Vec<String> = command.flags.iter().map(|f| format!("--{}", f.name)).collect();
                    flags.push("--help".into());
                    flags
                }
                Some(command) => match wants(&command) {
                    Wants::Images => image_words(engine),
                    Wants::Containers => container_words(engine),
                    Wants::Catalogue => catalogue_words(engine.world.registry()),
                    Wants::Nothing => Vec::new(),
                },
                None => Vec::new(),
            }
        }
        _ => Vec::new(),
    };
    rmi_engine::sorting::sort(&mut pool);
    pool.dedup();
    let candidates: Vec<String> = pool.into_iter().filter(|w| w.starts_with(current)).collect();
    let prefix = line[..line.len() - current.len()].to_string();
    let completed = match candidates.len() {
        0 => line.to_string(),
        1 => format!("{prefix}{} ", candidates[0]),
        _ => {
            let common = common_prefix(&candidates);
            if common.len() > current.len() {
                format!("{prefix}{common}")
            } else {
                line.to_string()
            }
        }
    };
    Completion { line: completed, candidates: if candidates.len() > 1 { candidates } else { Vec::new() } }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rmi_engine::scenarios;

    fn engine() -> Engine {
        let mut e = scenarios::build("rmi-tutorial", 1, 0).unwrap();
        e.run_line("docker run ubuntu:14.04 true");
        e
    }

    #[test]
    fn completes_commands_and_subcommands() {
        let e = engine();
        assert_eq!(complete("doc", &e).line, "docker ");
        assert_eq!(complete("docker rm", &e).candidates, vec!["rm", "rmi"]);
        assert_eq!(complete("docker ima", &e).line, "docker image");
        assert_eq!(complete("docker image pr", &e).line, "docker image prune ");
    }

    #[test]
    fn completes_flags_images_containers_and_catalogue() {
        let e = engine();
        assert_eq!(complete("docker rmi --no", &e).line, "docker rmi --no-prune ");
        assert_eq!(complete("docker rmi ubuntu:1", &e).candidates, vec!["ubuntu:14.04", "ubuntu:16.04"]);
        assert_eq!(complete("docker rmi my", &e).line, "docker rmi myubuntu:latest ");
        assert_eq!(complete("docker rmi 8f", &e).line, "docker rmi 8f1bd21bd25c ");
        assert_eq!(complete("docker rm rom", &e).line, "docker rm romantic_euler ");
        assert_eq!(complete("docker pull ngi", &e).line, "docker pull nginx");
        assert!(complete("docker pull ", &e).candidates.contains(&"busybox:latest".to_string()));
        assert_eq!(complete("docker ps zz", &e).line, "docker ps zz");
    }
}
