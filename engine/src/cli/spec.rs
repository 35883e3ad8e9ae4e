//! Command and flag definitions (cobra/pflag), their parsing and their help text.

use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Bool,
    Str,
    Int,
    /// A repeatable value; the name is the type pflag shows (`list`, `filter`, `network`…).
    Repeated(&'static str),
}

#[derive(Debug, Clone, Copy)]
pub struct Flag {
    pub name: &'static str,
    pub short: Option<char>,
    pub kind: Kind,
    pub usage: &'static str,
    /// The default as pflag prints it; empty for the zero value.
    pub default: &'static str,
}

pub const fn flag(name: &'static str, short: Option<char>, kind: Kind, usage: &'static str) -> Flag {
    Flag { name, short, kind, usage, default: "" }
}

pub const fn flag_default(
    name: &'static str,
    short: Option<char>,
    kind: Kind,
    usage: &'static str,
    default: &'static str,
) -> Flag {
    Flag { name, short, kind, usage, default }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arity {
    None,
    Exact(usize),
    Min(usize),
    Max(usize),
    Range(usize, usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Images,
    Rmi,
    Pull,
    Tag,
    ImagePrune,
    History,
    ImageInspect,
    Inspect,
    Run,
    Create,
    Start,
    Stop,
    Restart,
    Kill,
    Rm,
    Ps,
    Commit,
    ContainerPrune,
    ContainerInspect,
    SystemDf,
    SystemPrune,
    Version,
    Info,
}

impl Action {
    /// The command's management form (`docker rmi` and `docker image remove` are `image rm`):
    /// one name per command, whichever alias was typed.
    pub fn canonical(self) -> &'static str {
        match self {
            Action::Images => "image ls",
            Action::Rmi => "image rm",
            Action::Pull => "image pull",
            Action::Tag => "image tag",
            Action::ImagePrune => "image prune",
            Action::History => "image history",
            Action::ImageInspect => "image inspect",
            Action::Inspect => "inspect",
            Action::Run => "container run",
            Action::Create => "container create",
            Action::Start => "container start",
            Action::Stop => "container stop",
            Action::Restart => "container restart",
            Action::Kill => "container kill",
            Action::Rm => "container rm",
            Action::Ps => "container ls",
            Action::Commit => "container commit",
            Action::ContainerPrune => "container prune",
            Action::ContainerInspect => "container inspect",
            Action::SystemDf => "system df",
            Action::SystemPrune => "system prune",
            Action::Version => "version",
            Action::Info => "system info",
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Command {
    /// `rmi`, `image rm`: the canonical path after `docker`.
    pub path: &'static str,
    /// cobra's `Use` minus the command name.
    pub usage_args: &'static str,
    pub short: &'static str,
    pub aliases: &'static str,
    pub arity: Arity,
    pub flags: &'static [Flag],
    /// Flags of this command on top of a set it shares with others (`run` and `create`).
    pub own_flags: &'static [Flag],
    /// `SetInterspersed(false)`: the first positional argument ends flag parsing.
    pub interspersed: bool,
    pub action: Action,
}

impl Command {
    pub fn all_flags(&self) -> Vec<Flag> {
        self.flags.iter().chain(self.own_flags).copied().collect()
    }

    pub fn command_path(&self) -> String {
        format!("docker {}", self.path)
    }

    pub fn use_line(&self) -> String {
        format!("docker {} {}", self.path, self.usage_args)
    }

    pub fn help(&self) -> String {
        let mut out = format!("\nUsage:  {}\n\n{}\n", self.use_line(), self.short);
        if !self.aliases.is_empty() {
            out.push_str(&format!("\nAliases:\n  {}\n", self.aliases));
        }
        let flags = self.all_flags();
        if !flags.is_empty() {
            out.push_str("\nOptions:\n");
            out.push_str(&flag_usages(&flags, 79));
        }
        out
    }

    fn arity_error(&self, count: usize) -> Option<String> {
        let plural = |n: usize| if n == 1 { "argument" } else { "arguments" };
        let path = self.command_path();
        let message = match self.arity {
            Arity::None if count > 0 => format!("\"{path}\" accepts no arguments."),
            Arity::Exact(n) if count != n => {
                format!("\"{path}\" requires exactly {n} {}.", plural(n))
            }
            Arity::Min(n) if count < n => {
                format!("\"{path}\" requires at least {n} {}.", plural(n))
            }
            Arity::Max(n) if count > n => format!("\"{path}\" requires at most {n} {}.", plural(n)),
            Arity::Range(lo, hi) if count < lo || count > hi => {
                format!("\"{path}\" requires at least {lo} and at most {hi} {}.", plural(hi))
            }
            _ => return None,
        };
        Some(format!("{message}\nSee '{path} --help'.\n\nUsage:  {}\n\n{}", self.use_line(), self.short))
    }
}

/// pflag's `FlagUsagesWrapped`.
pub fn flag_usages(flags: &[Flag], cols: usize) -> String {
    let mut sorted: Vec<&Flag> = flags.iter().collect();
    crate::sorting::sort_by_key(&mut sorted, |f| f.name);
    let mut lines = Vec::new();
    let mut max_len = 0;
    for f in sorted {
        let mut line = match f.short {
            Some(s) => format!("  -{s}, --{}", f.name),
            None => format!("      --{}", f.name),
        };
        let (varname, usage) = unquote_usage(f);
        if !varname.is_empty() {
            line.push(' ');
            line.push_str(&varname);
        }
        max_len = max_len.max(line.len());
        let mut text = usage;
        if !f.default.is_empty() {
            if f.kind == Kind::Str {
                text.push_str(&format!(" (default \"{}\")", f.default));
            } else {
                text.push_str(&format!(" (default {})", f.default));
            }
        }
        lines.push((line, text));
    }
    let mut out = String::new();
    for (left, text) in lines {
        let spacing = " ".repeat(max_len - left.len());
        out.push_str(&format!("{left}{spacing}   {}\n", wrap(max_len + 3, cols, &text)));
    }
    out
}

/// The back-quoted word of a usage becomes the value name; otherwise the type's name.
fn unquote_usage(f: &Flag) -> (String, String) {
    if let Some(start) = f.usage.find('`') {
        if let Some(len) = f.usage[start + 1..].find('`') {
            let name = &f.usage[start + 1..start + 1 + len];
            let usage = format!("{}{}{}", &f.usage[..start], name, &f.usage[start + 2 + len..]);
            return (name.to_string(), usage);
        }
    }
    let name = match f.kind {
        Kind::Bool => "",
        Kind::Str => "string",
        Kind::Int => "int",
        Kind::Repeated(n) => n,
    };
    (name.to_string(), f.usage.to_string())
}

fn wrap_n(i: usize, slop: usize, s: &str) -> (String, String) {
    if i + slop > s.len() {
        return (s.to_string(), String::new());
    }
    let head = &s[..floor_boundary(s, i)];
    let Some(w) = head.rfind([' ', '\t', '\n']).filter(|&w| w > 0) else {
        return (s.to_string(), String::new());
    };
    if let Some(nl) = head.rfind('\n') {
        if nl > 0 && nl < w {
            return (s[..nl].to_string(), s[nl + 1..].to_string());
        }
    }
    (s[..w].to_string(), s[w + 1..].to_string())
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// pflag's `wrap(i, w, s)`.
fn wrap(indent: usize, width: usize, s: &str) -> String {
    let mut i = indent;
    if width == 0 {
        return s.replace('\n', &format!("\n{}", " ".repeat(i)));
    }
    let mut wrap = width as isize - i as isize;
    let mut r = String::new();
    if wrap < 24 {
        i = 16;
        wrap = width as isize - i as isize;
        r.push('\n');
        r.push_str(&" ".repeat(i));
    }
    if wrap < 24 {
        return s.replace('\n', &r);
    }
    let slop = 5;
    let wrap = (wrap - slop as isize) as usize;
    let pad = format!("\n{}", " ".repeat(i));
    let (l, mut rest) = wrap_n(wrap, slop, s);
    r.push_str(&l.replace('\n', &pad));
    while !rest.is_empty() {
        let (t, next) = wrap_n(wrap, slop, &rest);
        r.push_str(&pad);
        r.push_str(&t.replace('\n', &pad));
        rest = next;
    }
    r
}

/// Parsed flags and positional arguments.
#[derive(Debug, Clone, Default)]
pub struct Parsed {
    values: BTreeMap<&'static str, Vec<String>>,
    pub args: Vec<String>,
    pub help: bool,
}

impl Parsed {
    pub fn bool(&self, name: &str) -> bool {
        self.values.get(name).and_then(|v| v.last()).is_some_and(|v| v == "true")
    }

    pub fn string(&self, name: &str) -> Option<&str> {
        self.values.get(name).and_then(|v| v.last()).map(String::as_str)
    }

    pub fn all(&self, name: &str) -> Vec<String> {
        self.values.get(name).cloned().unwrap_or_default()
    }

    pub fn int(&self, name: &str) -> Option<i64> {
        self.string(name).and_then(|v| v.parse().ok())
    }

    pub fn was_set(&self, name: &str) -> bool {
        self.values.contains_key(name)
    }

    /// The long names of the flags given.
    pub fn flags_given(&self) -> Vec<String> {
        self.values.keys().map(|name| name.to_string()).collect()
    }
}

fn go_parse_bool(v: &str) -> Option<bool> {
    match v {
        "1" | "t" | "T" | "true" | "TRUE" | "True" => Some(true),
        "0" | "f" | "F" | "false" | "FALSE" | "False" => Some(false),
        _ => None,
    }
}

fn flag_title(f: &Flag) -> String {
    match f.short {
        Some(s) => format!("-{s}, --{}", f.name),
        None => format!("--{}", f.name),
    }
}

fn set_value(parsed: &mut Parsed, f: &Flag, value: String) -> Result<(), String> {
    let stored = match f.kind {
        Kind::Bool => match go_parse_bool(&value) {
            Some(b) => b.to_string(),
            None => {
                return Err(format!(
                "invalid argument \"{value}\" for \"{}\" flag: strconv.ParseBool: parsing \"{value}\": invalid syntax",
                flag_title(f)
            ))
            }
        },
        Kind::Int => {
            if value.parse::<i64>().is_err() {
                let reason = if value.trim_start_matches('-').chars().all(|c| c.is_ascii_digit()) && !value.is_empty() {
                    "value out of range"
                } else {
                    "invalid syntax"
                };
                return Err(format!(
                    "invalid argument \"{value}\" for \"{}\" flag: strconv.ParseInt: parsing \"{value}\": {reason}",
                    flag_title(f)
                ));
            }
            value
        }
        Kind::Repeated("filter") => {
            if !value.contains('=') {
                return Err(format!(
                    "invalid argument \"{value}\" for \"{}\" flag: bad format of filter (expected name=value)",
                    flag_title(f)
                ));
            }
            value
        }
        _ => value,
    };
    parsed.values.entry(f.name).or_default().push(stored);
    Ok(())
}

/// pflag's parsing: long and short flags, `=` values, combined shorthands, `--`.
pub fn parse(command: &Command, argv: &[String]) -> Result<Parsed, String> {
    let mut parsed = Parsed::default();
    let flags = command.all_flags();
    let lookup_long = |name: &str| flags.iter().find(|f| f.name == name);
    let lookup_short = |c: char| flags.iter().find(|f| f.short == Some(c));
    // A flag's value from the next argument, when it was not given inline.
    let take_next = |i: &mut usize| {
        let value = argv.get(*i).cloned();
        *i += usize::from(value.is_some());
        value
    };
    let mut i = 0;
    while i < argv.len() {
        let arg = &argv[i];
        i += 1;
        if arg == "--" {
            parsed.args.extend(argv[i..].iter().cloned());
            break;
        }
        if let Some(long) = arg.strip_prefix("--") {
            let (name, inline) = match long.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (long, None),
            };
            if name == "help" {
                parsed.help = true;
                continue;
            }
            let Some(f) = lookup_long(name) else {
                return Err(format!("unknown flag: --{name}"));
            };
            let value = match (inline, f.kind) {
                (Some(v), _) => v,
                (None, Kind::Bool) => "true".to_string(),
                (None, _) => take_next(&mut i).ok_or_else(|| format!("flag needs an argument: --{name}"))?,
            };
            set_value(&mut parsed, f, value)?;
            continue;
        }
        if arg.len() > 1 && arg.starts_with('-') {
            let shorts: Vec<char> = arg[1..].chars().collect();
            let mut j = 0;
            while j < shorts.len() {
                let c = shorts[j];
                j += 1;
                if c == 'h' && lookup_short('h').is_none() {
                    parsed.help = true;
                    continue;
                }
                let Some(f) = lookup_short(c) else {
                    // pflag parseSingleShortArg names the shorthands not yet parsed, from `c` on.
                    let rest: String = shorts[j - 1..].iter().collect();
                    return Err(format!("unknown shorthand flag: '{c}' in -{rest}"));
                };
                if f.kind == Kind::Bool {
                    if shorts.get(j) == Some(&'=') {
                        let value: String = shorts[j + 1..].iter().collect();
                        set_value(&mut parsed, f, value)?;
                        break;
                    }
                    set_value(&mut parsed, f, "true".to_string())?;
                    continue;
                }
                let rest: String = shorts[j..].iter().collect();
                let value = if !rest.is_empty() {
                    rest.strip_prefix('=').map(str::to_string).unwrap_or(rest)
                } else {
                    take_next(&mut i).ok_or_else(|| format!("flag needs an argument: '{c}' in -{c}"))?
                };
                set_value(&mut parsed, f, value)?;
                break;
            }
            continue;
        }
        parsed.args.push(arg.clone());
        if !command.interspersed {
            parsed.args.extend(argv[i..].iter().cloned());
            break;
        }
    }
    Ok(parsed)
}

/// Parses and checks the argument count; errors come back as (text, exit status).
pub fn parse_checked(command: &Command, argv: &[String]) -> Result<Parsed, (String, i32)> {
    let parsed = parse(command, argv).map_err(|e| (format!("{e}\nSee '{} --help'.", command.command_path()), 125))?;
    if parsed.help {
        return Ok(parsed);
    }
    if let Some(message) = command.arity_error(parsed.args.len()) {
        return Err((message, 1));
    }
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    use super::super::table::RMI_FLAGS as FLAGS;

    #[test]
    fn flag_usage_layout_matches_pflag() {
        assert_eq!(
            flag_usages(FLAGS, 79),
            "  -f, --force      Force removal of the image\n      --no-prune   Do not delete untagged parents\n"
        );
    }

    #[test]
    fn long_usages_wrap_like_pflag() {
        let flags = [flag(
            "format",
            None,
            Kind::Str,
            "Format output using a custom template:\n'table':            Print output in table format with column headers (default)",
        )];
        let text = flag_usages(&flags, 79);
        assert!(text.starts_with(
            "      --format string   Format output using a custom template:\n                        'table':"
        ));
    }
}
