//! Every command the playground knows: usage line, description, aliases, arity, flags and
//! what it does (docker/cli v27.5.1 `cli/command/...`).

use super::flags::*;
use crate::cli::spec::{Action, Arity, Command, Flag};

pub(super) const fn cmd(
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

pub(super) const fn positional_first(mut c: Command) -> Command {
    c.interspersed = false;
    c
}

pub(super) const fn with_own_flags(mut c: Command, own: &'static [Flag]) -> Command {
    c.own_flags = own;
    c
}

macro_rules! variants {
    ($name:ident, $top:expr, $sub:expr) => {
        pub const $name: (Command, Command) = ($top, $sub);
    };
}

pub(super) const RMI_ALIASES: &str = "docker image rm, docker image remove, docker rmi";
pub(super) const IMAGES_ALIASES: &str = "docker image ls, docker image list, docker images";
pub(super) const PS_ALIASES: &str = "docker container ls, docker container list, docker container ps, docker ps";

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
