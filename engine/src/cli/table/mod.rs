//! Every command the playground knows, with Docker 27's usage lines, descriptions, aliases and
//! flags (docker/cli v27.5.1 `cli/command/...`).

mod commands;
mod flags;

pub(super) use commands::*;
#[cfg(test)]
pub(super) use flags::RMI_FLAGS;

use super::spec::Command;

/// Top-level commands by name.
pub fn top_level(name: &str) -> Option<Command> {
    Some(match name {
        "rmi" => RMI.0,
        "images" => IMAGES.0,
        "pull" => PULL.0,
        "tag" => TAG.0,
        "history" => HISTORY.0,
        "inspect" => INSPECT,
        "run" => RUN.0,
        "create" => CREATE.0,
        "start" => START.0,
        "stop" => STOP.0,
        "restart" => RESTART.0,
        "kill" => KILL.0,
        "rm" => RM.0,
        "ps" => PS.0,
        "commit" => COMMIT.0,
        "version" => VERSION,
        "info" => INFO.0,
        _ => return None,
    })
}

pub struct Management {
    pub name: &'static str,
    pub short: &'static str,
    /// (name as listed, aliases, command)
    pub commands: &'static [(&'static str, &'static [&'static str], Command)],
}

pub const MANAGEMENT: &[Management] = &[
    Management {
        name: "container",
        short: "Manage containers",
        commands: &[
            ("commit", &[], COMMIT.1),
            ("create", &[], CREATE.1),
            ("inspect", &[], CONTAINER_INSPECT),
            ("kill", &[], KILL.1),
            ("ls", &["ps", "list"], PS.1),
            ("prune", &[], CONTAINER_PRUNE),
            ("restart", &[], RESTART.1),
            ("rm", &["remove"], RM.1),
            ("run", &[], RUN.1),
            ("start", &[], START.1),
            ("stop", &[], STOP.1),
        ],
    },
    Management {
        name: "image",
        short: "Manage images",
        commands: &[
            ("history", &[], HISTORY.1),
            ("inspect", &[], IMAGE_INSPECT),
            ("ls", &["list"], IMAGES.1),
            ("prune", &[], IMAGE_PRUNE),
            ("pull", &[], PULL.1),
            ("rm", &["rmi", "remove"], RMI.1),
            ("tag", &[], TAG.1),
        ],
    },
    Management {
        name: "system",
        short: "Manage Docker",
        commands: &[("df", &[], SYSTEM_DF), ("info", &[], INFO.1), ("prune", &[], SYSTEM_PRUNE)],
    },
];

impl Management {
    pub fn find(&self, name: &str) -> Option<Command> {
        self.commands.iter().find(|(n, aliases, _)| *n == name || aliases.contains(&name)).map(|(_, _, c)| *c)
    }

    pub fn usage(&self) -> String {
        let mut out = format!("\nUsage:  docker {} COMMAND\n\n{}\n\nCommands:\n", self.name, self.short);
        for (name, _, command) in self.commands {
            out.push_str(&format!("  {name:<11} {}\n", command.short));
        }
        out.push_str(&format!("\nRun 'docker {} COMMAND --help' for more information on a command.\n", self.name));
        out
    }
}

/// The names completion offers after `docker`.
pub fn top_level_names() -> Vec<&'static str> {
    let mut names = vec![
        "commit", "create", "history", "images", "info", "inspect", "kill", "ps", "pull", "restart", "rm", "rmi",
        "run", "start", "stop", "tag", "version",
    ];
    names.extend(MANAGEMENT.iter().map(|m| m.name));
    crate::sorting::sort(&mut names);
    names
}

pub const ROOT_HELP: &str = "
Usage:  docker [OPTIONS] COMMAND

A self-sufficient runtime for containers

Common Commands:
  run         Create and run a new container from an image
  ps          List containers
  images      List images
  pull        Download an image from a registry
  version     Show the Docker version information
  info        Display system-wide information

Management Commands:
  container   Manage containers
  image       Manage images
  system      Manage Docker

Commands:
  commit      Create a new image from a container's changes
  create      Create a new container
  history     Show the history of an image
  inspect     Return low-level information on Docker objects
  kill        Kill one or more running containers
  restart     Restart one or more containers
  rm          Remove one or more containers
  rmi         Remove one or more images
  start       Start one or more stopped containers
  stop        Stop one or more running containers
  tag         Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE

Global Options:
  -v, --version            Print version information and quit

Run 'docker COMMAND --help' for more information on a command.

For more help on how to use Docker, head to https://docs.docker.com/go/guides/
";
