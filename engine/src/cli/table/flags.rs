//! The flags of each command, with docker/cli v27.5.1's usage texts (pflag definitions in
//! `cli/command/...`).

use crate::cli::spec::{flag, flag_default, Flag, Kind};

pub(super) const FORMAT_HELP: &str = "Format output using a custom template:\n'table':            Print output in table format with column headers (default)\n'table TEMPLATE':   Print output in table format using the given Go template\n'json':             Print in JSON format\n'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates";
pub(super) const INSPECT_FORMAT_HELP: &str = "Format output using a custom template:\n'json':             Print in JSON format\n'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates";

pub(in crate::cli) const RMI_FLAGS: &[Flag] = &[
    flag("force", Some('f'), Kind::Bool, "Force removal of the image"),
    flag("no-prune", None, Kind::Bool, "Do not delete untagged parents"),
];

pub(super) const IMAGES_FLAGS: &[Flag] = &[
    flag("quiet", Some('q'), Kind::Bool, "Only show image IDs"),
    flag("all", Some('a'), Kind::Bool, "Show all images (default hides intermediate images)"),
    flag("no-trunc", None, Kind::Bool, "Don't truncate output"),
    flag("digests", None, Kind::Bool, "Show digests"),
    flag("format", None, Kind::Str, FORMAT_HELP),
    flag("filter", Some('f'), Kind::Repeated("filter"), "Filter output based on conditions provided"),
    flag("tree", None, Kind::Bool, "List multi-platform images as a tree (EXPERIMENTAL)"),
];

pub(super) const PULL_FLAGS: &[Flag] = &[
    flag("all-tags", Some('a'), Kind::Bool, "Download all tagged images in the repository"),
    flag("quiet", Some('q'), Kind::Bool, "Suppress verbose output"),
    flag("disable-content-trust", None, Kind::Bool, "Skip image verification"),
    flag("platform", None, Kind::Str, "Set platform if server is multi-platform capable"),
];

pub(super) const IMAGE_PRUNE_FLAGS: &[Flag] = &[
    flag("force", Some('f'), Kind::Bool, "Do not prompt for confirmation"),
    flag("all", Some('a'), Kind::Bool, "Remove all unused images, not just dangling ones"),
    flag("filter", None, Kind::Repeated("filter"), "Provide filter values (e.g. \"until=<timestamp>\")"),
];

pub(super) const HISTORY_FLAGS: &[Flag] = &[
    flag_default("human", Some('H'), Kind::Bool, "Print sizes and dates in human readable format", "true"),
    flag("quiet", Some('q'), Kind::Bool, "Only show image IDs"),
    flag("no-trunc", None, Kind::Bool, "Don't truncate output"),
    flag("format", None, Kind::Str, FORMAT_HELP),
];

pub(super) const IMAGE_INSPECT_FLAGS: &[Flag] = &[flag("format", Some('f'), Kind::Str, INSPECT_FORMAT_HELP)];

pub(super) const INSPECT_FLAGS: &[Flag] = &[
    flag("format", Some('f'), Kind::Str, INSPECT_FORMAT_HELP),
    flag("size", Some('s'), Kind::Bool, "Display total file sizes if the type is container"),
    flag("type", None, Kind::Str, "Return JSON for specified type"),
];

pub(super) const CONTAINER_INSPECT_FLAGS: &[Flag] = &[
    flag("format", Some('f'), Kind::Str, INSPECT_FORMAT_HELP),
    flag("size", Some('s'), Kind::Bool, "Display total file sizes"),
];

/// The container options `run` and `create` share (opts.go); each adds its own below.
pub(super) const CONTAINER_FLAGS: &[Flag] = &[
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

pub(super) const RUN_OWN_FLAGS: &[Flag] = &[
    flag("detach", Some('d'), Kind::Bool, "Run container in background and print container ID"),
    flag_default("pull", None, Kind::Str, "Pull image before running (\"always\", \"missing\", \"never\")", "missing"),
];

// docker/cli v27 really has the stray `|` in create's wording.
pub(super) const CREATE_OWN_FLAGS: &[Flag] = &[flag_default(
    "pull",
    None,
    Kind::Str,
    "Pull image before creating (\"always\", \"|missing\", \"never\")",
    "missing",
)];

pub(super) const START_FLAGS: &[Flag] = &[
    flag("attach", Some('a'), Kind::Bool, "Attach STDOUT/STDERR and forward signals"),
    flag("interactive", Some('i'), Kind::Bool, "Attach container's STDIN"),
    flag("detach-keys", None, Kind::Str, "Override the key sequence for detaching a container"),
];

pub(super) const STOP_FLAGS: &[Flag] = &[
    flag("signal", Some('s'), Kind::Str, "Signal to send to the container"),
    flag("time", Some('t'), Kind::Int, "Seconds to wait before killing the container"),
];

pub(super) const KILL_FLAGS: &[Flag] = &[flag("signal", Some('s'), Kind::Str, "Signal to send to the container")];

pub(super) const RM_FLAGS: &[Flag] = &[
    flag("force", Some('f'), Kind::Bool, "Force the removal of a running container (uses SIGKILL)"),
    flag("link", Some('l'), Kind::Bool, "Remove the specified link"),
    flag("volumes", Some('v'), Kind::Bool, "Remove anonymous volumes associated with the container"),
];

pub(super) const PS_FLAGS: &[Flag] = &[
    flag("quiet", Some('q'), Kind::Bool, "Only display container IDs"),
    flag("size", Some('s'), Kind::Bool, "Display total file sizes"),
    flag("all", Some('a'), Kind::Bool, "Show all containers (default shows just running)"),
    flag("no-trunc", None, Kind::Bool, "Don't truncate output"),
    flag("latest", Some('l'), Kind::Bool, "Show the latest created container (includes all states)"),
    flag_default("last", Some('n'), Kind::Int, "Show n last created containers (includes all states)", "-1"),
    flag("format", None, Kind::Str, FORMAT_HELP),
    flag("filter", Some('f'), Kind::Repeated("filter"), "Filter output based on conditions provided"),
];

pub(super) const COMMIT_FLAGS: &[Flag] = &[
    flag_default("pause", Some('p'), Kind::Bool, "Pause container during commit", "true"),
    flag("message", Some('m'), Kind::Str, "Commit message"),
    flag("author", Some('a'), Kind::Str, "Author (e.g., \"John Hannibal Smith <hannibal@a-team.com>\")"),
    flag("change", Some('c'), Kind::Repeated("list"), "Apply Dockerfile instruction to the created image"),
];

pub(super) const CONTAINER_PRUNE_FLAGS: &[Flag] = &[
    flag("force", Some('f'), Kind::Bool, "Do not prompt for confirmation"),
    flag("filter", None, Kind::Repeated("filter"), "Provide filter values (e.g. \"until=<timestamp>\")"),
];

pub(super) const DF_FLAGS: &[Flag] = &[
    flag("verbose", Some('v'), Kind::Bool, "Show detailed information on space usage"),
    flag("format", None, Kind::Str, FORMAT_HELP),
];

pub(super) const SYSTEM_PRUNE_FLAGS: &[Flag] = &[
    flag("force", Some('f'), Kind::Bool, "Do not prompt for confirmation"),
    flag("all", Some('a'), Kind::Bool, "Remove all unused images not just dangling ones"),
    flag("volumes", None, Kind::Bool, "Prune anonymous volumes"),
    flag("filter", None, Kind::Repeated("filter"), "Provide filter values (e.g. \"label=<key>=<value>\")"),
];

pub(super) const VERSION_FLAGS: &[Flag] = &[flag("format", Some('f'), Kind::Str, "Format output using a custom template:\n'json':             Print in JSON format\n'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates")];

// system/info.go registers its --format with flagsHelper.InspectFormatHelp.
pub(super) const INFO_FLAGS: &[Flag] = &[flag("format", Some('f'), Kind::Str, INSPECT_FORMAT_HELP)];
