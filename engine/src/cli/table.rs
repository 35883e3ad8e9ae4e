//! Every command the playground knows, with Docker 27's usage lines, descriptions, aliases and
//! flags (docker/cli v27.5.1 `cli/command/...`).

use super::spec::{flag, flag_default, Action, Arity, Command, Flag, Kind};

const FORMAT_HELP: &str = "Format output using a custom template:\n'table':            Print output in table format with column headers (default)\n'table TEMPLATE':   Print output in table format using the given Go template\n'json':             Print in JSON format\n'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates";
const INSPECT_FORMAT_HELP: &str = "Format output using a custom template:\n'json':             Print in JSON format\n'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates";

pub(super) const RMI_FLAGS: &[Flag] = &[
    flag("force", Some('f'), Kind::Bool, "Force removal of the image"),
    flag("no-prune", None, Kind::Bool, "Do not delete untagged parents"),
];

const IMAGES_FLAGS: &[Flag] = &[
    flag("quiet", Some('q'), Kind::Bool, "Only show image IDs"),
    flag("all", Some('a'), Kind::Bool, "Show all images (default hides intermediate images)"),
    flag("no-trunc", None, Kind::Bool, "Don't truncate output"),
    flag("digests", None, Kind::Bool, "Show digests"),
    flag("format", None, Kind::Str, FORMAT_HELP),
    flag("filter", Some('f'), Kind::Repeated("filter"), "Filter output based on conditions provided"),
    flag("tree", None, Kind::Bool, "List multi-platform images as a tree (EXPERIMENTAL)"),
];

const PULL_FLAGS: &[Flag] = &[
    flag("all-tags", Some('a'), Kind::Bool, "Download all tagged images in the repository"),
    flag("quiet", Some('q'), Kind::Bool, "Suppress verbose output"),
    flag("disable-content-trust", None, Kind::Bool, "Skip image verification"),
    flag("platform", None, Kind::Str, "Set platform if server is multi-platform capable"),
];

const IMAGE_PRUNE_FLAGS: &[Flag] = &[
    flag("force", Some('f'), Kind::Bool, "Do not prompt for confirmation"),
    flag("all", Some('a'), Kind::Bool, "Remove all unused images, not just dangling ones"),
    flag("filter", None, Kind::Repeated("filter"), "Provide filter values (e.g. \"until=<timestamp>\")"),
];

const HISTORY_FLAGS: &[Flag] = &[
    flag_default("human", Some('H'), Kind::Bool, "Print sizes and dates in human readable format", "true"),
    flag("quiet", Some('q'), Kind::Bool, "Only show image IDs"),
    flag("no-trunc", None, Kind::Bool, "Don't truncate output"),
    flag("format", None, Kind::Str, FORMAT_HELP),
];

const IMAGE_INSPECT_FLAGS: &[Flag] = &[flag("format", Some('f'), Kind::Str, INSPECT_FORMAT_HELP)];

const INSPECT_FLAGS: &[Flag] = &[
    flag("format", Some('f'), Kind::Str, INSPECT_FORMAT_HELP),
    flag("size", Some('s'), Kind::Bool, "Display total file sizes if the type is container"),
    flag("type", None, Kind::Str, "Return JSON for specified type"),
];

const CONTAINER_INSPECT_FLAGS: &[Flag] = &[
    flag("format", Some('f'), Kind::Str, INSPECT_FORMAT_HELP),
    flag("size", Some('s'), Kind::Bool, "Display total file sizes"),
];

/// The container options `run` and `create` share (opts.go); each adds its own below.
const CONTAINER_FLAGS: &[Flag] = &[
    flag("name", None, Kind::Str, "Assign a name to the container"),
    flag(
        "rm",
        None,
        Kind::Bool,
        "Automatically remove the container and its associated anonymous volumes when it exits",
    ),
    flag("interactive", Some('i'), Kind::Bool, "Keep STDIN open even if not attached"),
    flag("tty", Some('t'), Kind::Bool, "Allocate a pseudo-TTY"),
    flag("env", Some('e'), Kind::Repeated("list"), "Set environment variables"),
    flag("entrypoint", None, Kind::Str, "Overwrite the default ENTRYPOINT of the image"),
    flag("label", Some('l'), Kind::Repeated("list"), "Set meta data on a container"),
    flag("publish", Some('p'), Kind::Repeated("list"), "Publish a container's port(s) to the host"),
    flag("volume", Some('v'), Kind::Repeated("list"), "Bind mount a volume"),
    flag("network", None, Kind::Repeated("network"), "Connect a container to a network"),
    flag("workdir", Some('w'), Kind::Str, "Working directory inside the container"),
    flag("user", Some('u'), Kind::Str, "Username or UID (format: <name|uid>[:<group|gid>])"),
    flag("hostname", Some('h'), Kind::Str, "Container host name"),
    flag_default("restart", None, Kind::Str, "Restart policy to apply when a container exits", "no"),
    flag("platform", None, Kind::Str, "Set platform if server is multi-platform capable"),
    flag("quiet", Some('q'), Kind::Bool, "Suppress the pull output"),
];

const RUN_OWN_FLAGS: &[Flag] = &[
    flag("detach", Some('d'), Kind::Bool, "Run container in background and print container ID"),
    flag_default("pull", None, Kind::Str, "Pull image before running (\"always\", \"missing\", \"never\")", "missing"),
];

// docker/cli v27 really has the stray `|` in create's wording.
const CREATE_OWN_FLAGS: &[Flag] = &[flag_default(
    "pull",
    None,
    Kind::Str,
    "Pull image before creating (\"always\", \"|missing\", \"never\")",
    "missing",
)];

const START_FLAGS: &[Flag] = &[
    flag("attach", Some('a'), Kind::Bool, "Attach STDOUT/STDERR and forward signals"),
    flag("interactive", Some('i'), Kind::Bool, "Attach container's STDIN"),
    flag("detach-keys", None, Kind::Str, "Override the key sequence for detaching a container"),
];

const STOP_FLAGS: &[Flag] = &[
    flag("signal", Some('s'), Kind::Str, "Signal to send to the container"),
    flag("time", Some('t'), Kind::Int, "Seconds to wait before killing the container"),
];

const KILL_FLAGS: &[Flag] = &[flag("signal", Some('s'), Kind::Str, "Signal to send to the container")];

const RM_FLAGS: &[Flag] = &[
    flag("force", Some('f'), Kind::Bool, "Force the removal of a running container (uses SIGKILL)"),
    flag("link", Some('l'), Kind::Bool, "Remove the specified link"),
    flag("volumes", Some('v'), Kind::Bool, "Remove anonymous volumes associated with the container"),
];

const PS_FLAGS: &[Flag] = &[
    flag("quiet", Some('q'), Kind::Bool, "Only display container IDs"),
    flag("size", Some('s'), Kind::Bool, "Display total file sizes"),
    flag("all", Some('a'), Kind::Bool, "Show all containers (default shows just running)"),
    flag("no-trunc", None, Kind::Bool, "Don't truncate output"),
    flag("latest", Some('l'), Kind::Bool, "Show the latest created container (includes all states)"),
    flag_default("last", Some('n'), Kind::Int, "Show n last created containers (includes all states)", "-1"),
    flag("format", None, Kind::Str, FORMAT_HELP),
    flag("filter", Some('f'), Kind::Repeated("filter"), "Filter output based on conditions provided"),
];

const COMMIT_FLAGS: &[Flag] = &[
    flag_default("pause", Some('p'), Kind::Bool, "Pause container during commit", "true"),
    flag("message", Some('m'), Kind::Str, "Commit message"),
    flag("author", Some('a'), Kind::Str, "Author (e.g., \"John Hannibal Smith <hannibal@a-team.com>\")"),
    flag("change", Some('c'), Kind::Repeated("list"), "Apply Dockerfile instruction to the created image"),
];

const CONTAINER_PRUNE_FLAGS: &[Flag] = &[
    flag("force", Some('f'), Kind::Bool, "Do not prompt for confirmation"),
    flag("filter", None, Kind::Repeated("filter"), "Provide filter values (e.g. \"until=<timestamp>\")"),
];

const DF_FLAGS: &[Flag] = &[
    flag("verbose", Some('v'), Kind::Bool, "Show detailed information on space usage"),
    flag("format", None, Kind::Str, FORMAT_HELP),
];

const SYSTEM_PRUNE_FLAGS: &[Flag] = &[
    flag("force", Some('f'), Kind::Bool, "Do not prompt for confirmation"),
    flag("all", Some('a'), Kind::Bool, "Remove all unused images not just dangling ones"),
    flag("volumes", None, Kind::Bool, "Prune anonymous volumes"),
    flag("filter", None, Kind::Repeated("filter"), "Provide filter values (e.g. \"label=<key>=<value>\")"),
];

const VERSION_FLAGS: &[Flag] = &[flag("format", Some('f'), Kind::Str, "Format output using a custom template:\n'json':             Print in JSON format\n'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates")];

const INFO_FLAGS: &[Flag] = &[flag("format", Some('f'), Kind::Str, FORMAT_HELP)];

const fn cmd(
    path: &'static str,
    usage_args: &'static str,
    short: &'static str,
    aliases: &'static str,
    arity: Arity,
    flags: &'static [Flag],
    action: Action,
) -> Command {
    Command { path, usage_args, short, aliases, arity, flags, own_flags: &[], interspersed: true, action }
}

const fn positional_first(mut c: Command) -> Command {
    c.interspersed = false;
    c
}

const fn with_own_flags(mut c: Command, own: &'static [Flag]) -> Command {
    c.own_flags = own;
    c
}

macro_rules! variants {
    ($name:ident, $top:expr, $sub:expr) => {
        pub const $name: (Command, Command) = ($top, $sub);
    };
}

const RMI_ALIASES: &str = "docker image rm, docker image remove, docker rmi";
const IMAGES_ALIASES: &str = "docker image ls, docker image list, docker images";
const PS_ALIASES: &str = "docker container ls, docker container list, docker container ps, docker ps";

variants!(
    RMI,
    cmd(
        "rmi",
        "[OPTIONS] IMAGE [IMAGE...]",
        "Remove one or more images",
        RMI_ALIASES,
        Arity::Min(1),
        RMI_FLAGS,
        Action::Rmi
    ),
    cmd(
        "image rm",
        "[OPTIONS] IMAGE [IMAGE...]",
        "Remove one or more images",
        RMI_ALIASES,
        Arity::Min(1),
        RMI_FLAGS,
        Action::Rmi
    )
);
variants!(
    IMAGES,
    cmd(
        "images",
        "[OPTIONS] [REPOSITORY[:TAG]]",
        "List images",
        IMAGES_ALIASES,
        Arity::Max(1),
        IMAGES_FLAGS,
        Action::Images
    ),
    cmd(
        "image ls",
        "[OPTIONS] [REPOSITORY[:TAG]]",
        "List images",
        IMAGES_ALIASES,
        Arity::Max(1),
        IMAGES_FLAGS,
        Action::Images
    )
);
variants!(
    PULL,
    cmd(
        "pull",
        "[OPTIONS] NAME[:TAG|@DIGEST]",
        "Download an image from a registry",
        "docker image pull, docker pull",
        Arity::Exact(1),
        PULL_FLAGS,
        Action::Pull
    ),
    cmd(
        "image pull",
        "[OPTIONS] NAME[:TAG|@DIGEST]",
        "Download an image from a registry",
        "docker image pull, docker pull",
        Arity::Exact(1),
        PULL_FLAGS,
        Action::Pull
    )
);
variants!(
    TAG,
    positional_first(cmd(
        "tag",
        "SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]",
        "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE",
        "docker image tag, docker tag",
        Arity::Exact(2),
        &[],
        Action::Tag
    )),
    positional_first(cmd(
        "image tag",
        "SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]",
        "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE",
        "docker image tag, docker tag",
        Arity::Exact(2),
        &[],
        Action::Tag
    ))
);
variants!(
    HISTORY,
    cmd(
        "history",
        "[OPTIONS] IMAGE",
        "Show the history of an image",
        "docker image history, docker history",
        Arity::Exact(1),
        HISTORY_FLAGS,
        Action::History
    ),
    cmd(
        "image history",
        "[OPTIONS] IMAGE",
        "Show the history of an image",
        "docker image history, docker history",
        Arity::Exact(1),
        HISTORY_FLAGS,
        Action::History
    )
);
variants!(
    RUN,
    with_own_flags(
        positional_first(cmd(
            "run",
            "[OPTIONS] IMAGE [COMMAND] [ARG...]",
            "Create and run a new container from an image",
            "docker container run, docker run",
            Arity::Min(1),
            CONTAINER_FLAGS,
            Action::Run
        )),
        RUN_OWN_FLAGS
    ),
    with_own_flags(
        positional_first(cmd(
            "container run",
            "[OPTIONS] IMAGE [COMMAND] [ARG...]",
            "Create and run a new container from an image",
            "docker container run, docker run",
            Arity::Min(1),
            CONTAINER_FLAGS,
            Action::Run
        )),
        RUN_OWN_FLAGS
    )
);
variants!(
    CREATE,
    with_own_flags(
        positional_first(cmd(
            "create",
            "[OPTIONS] IMAGE [COMMAND] [ARG...]",
            "Create a new container",
            "docker container create, docker create",
            Arity::Min(1),
            CONTAINER_FLAGS,
            Action::Create
        )),
        CREATE_OWN_FLAGS
    ),
    with_own_flags(
        positional_first(cmd(
            "container create",
            "[OPTIONS] IMAGE [COMMAND] [ARG...]",
            "Create a new container",
            "docker container create, docker create",
            Arity::Min(1),
            CONTAINER_FLAGS,
            Action::Create
        )),
        CREATE_OWN_FLAGS
    )
);
variants!(
    START,
    cmd(
        "start",
        "[OPTIONS] CONTAINER [CONTAINER...]",
        "Start one or more stopped containers",
        "docker container start, docker start",
        Arity::Min(1),
        START_FLAGS,
        Action::Start
    ),
    cmd(
        "container start",
        "[OPTIONS] CONTAINER [CONTAINER...]",
        "Start one or more stopped containers",
        "docker container start, docker start",
        Arity::Min(1),
        START_FLAGS,
        Action::Start
    )
);
variants!(
    STOP,
    cmd(
        "stop",
        "[OPTIONS] CONTAINER [CONTAINER...]",
        "Stop one or more running containers",
        "docker container stop, docker stop",
        Arity::Min(1),
        STOP_FLAGS,
        Action::Stop
    ),
    cmd(
        "container stop",
        "[OPTIONS] CONTAINER [CONTAINER...]",
        "Stop one or more running containers",
        "docker container stop, docker stop",
        Arity::Min(1),
        STOP_FLAGS,
        Action::Stop
    )
);
variants!(
    RESTART,
    cmd(
        "restart",
        "[OPTIONS] CONTAINER [CONTAINER...]",
        "Restart one or more containers",
        "docker container restart, docker restart",
        Arity::Min(1),
        STOP_FLAGS,
        Action::Restart
    ),
    cmd(
        "container restart",
        "[OPTIONS] CONTAINER [CONTAINER...]",
        "Restart one or more containers",
        "docker container restart, docker restart",
        Arity::Min(1),
        STOP_FLAGS,
        Action::Restart
    )
);
variants!(
    KILL,
    cmd(
        "kill",
        "[OPTIONS] CONTAINER [CONTAINER...]",
        "Kill one or more running containers",
        "docker container kill, docker kill",
        Arity::Min(1),
        KILL_FLAGS,
        Action::Kill
    ),
    cmd(
        "container kill",
        "[OPTIONS] CONTAINER [CONTAINER...]",
        "Kill one or more running containers",
        "docker container kill, docker kill",
        Arity::Min(1),
        KILL_FLAGS,
        Action::Kill
    )
);
variants!(
    RM,
    cmd(
        "rm",
        "[OPTIONS] CONTAINER [CONTAINER...]",
        "Remove one or more containers",
        "docker container rm, docker container remove, docker rm",
        Arity::Min(1),
        RM_FLAGS,
        Action::Rm
    ),
    cmd(
        "container rm",
        "[OPTIONS] CONTAINER [CONTAINER...]",
        "Remove one or more containers",
        "docker container rm, docker container remove, docker rm",
        Arity::Min(1),
        RM_FLAGS,
        Action::Rm
    )
);
variants!(
    PS,
    cmd("ps", "[OPTIONS]", "List containers", PS_ALIASES, Arity::None, PS_FLAGS, Action::Ps),
    cmd("container ls", "[OPTIONS]", "List containers", PS_ALIASES, Arity::None, PS_FLAGS, Action::Ps)
);
variants!(
    COMMIT,
    positional_first(cmd(
        "commit",
        "[OPTIONS] CONTAINER [REPOSITORY[:TAG]]",
        "Create a new image from a container's changes",
        "docker container commit, docker commit",
        Arity::Range(1, 2),
        COMMIT_FLAGS,
        Action::Commit
    )),
    positional_first(cmd(
        "container commit",
        "[OPTIONS] CONTAINER [REPOSITORY[:TAG]]",
        "Create a new image from a container's changes",
        "docker container commit, docker commit",
        Arity::Range(1, 2),
        COMMIT_FLAGS,
        Action::Commit
    ))
);

pub const INSPECT: Command = cmd(
    "inspect",
    "[OPTIONS] NAME|ID [NAME|ID...]",
    "Return low-level information on Docker objects",
    "",
    Arity::Min(1),
    INSPECT_FLAGS,
    Action::Inspect,
);
pub const IMAGE_INSPECT: Command = cmd(
    "image inspect",
    "[OPTIONS] IMAGE [IMAGE...]",
    "Display detailed information on one or more images",
    "",
    Arity::Min(1),
    IMAGE_INSPECT_FLAGS,
    Action::ImageInspect,
);
pub const CONTAINER_INSPECT: Command = cmd(
    "container inspect",
    "[OPTIONS] CONTAINER [CONTAINER...]",
    "Display detailed information on one or more containers",
    "",
    Arity::Min(1),
    CONTAINER_INSPECT_FLAGS,
    Action::ContainerInspect,
);
pub const IMAGE_PRUNE: Command =
    cmd("image prune", "[OPTIONS]", "Remove unused images", "", Arity::None, IMAGE_PRUNE_FLAGS, Action::ImagePrune);
pub const CONTAINER_PRUNE: Command = cmd(
    "container prune",
    "[OPTIONS]",
    "Remove all stopped containers",
    "",
    Arity::None,
    CONTAINER_PRUNE_FLAGS,
    Action::ContainerPrune,
);
pub const SYSTEM_DF: Command =
    cmd("system df", "[OPTIONS]", "Show docker disk usage", "", Arity::None, DF_FLAGS, Action::SystemDf);
pub const SYSTEM_PRUNE: Command =
    cmd("system prune", "[OPTIONS]", "Remove unused data", "", Arity::None, SYSTEM_PRUNE_FLAGS, Action::SystemPrune);
pub const VERSION: Command =
    cmd("version", "[OPTIONS]", "Show the Docker version information", "", Arity::None, VERSION_FLAGS, Action::Version);
pub const INFO: (Command, Command) = (
    cmd(
        "info",
        "[OPTIONS]",
        "Display system-wide information",
        "docker system info, docker info",
        Arity::None,
        INFO_FLAGS,
        Action::Info,
    ),
    cmd(
        "system info",
        "[OPTIONS]",
        "Display system-wide information",
        "docker system info, docker info",
        Arity::None,
        INFO_FLAGS,
        Action::Info,
    ),
);

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
