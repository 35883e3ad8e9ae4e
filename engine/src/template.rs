//! The subset of Go's `text/template` that people paste into `--format`: field paths,
//! pipelines, `if`/`else`, `range`, and docker's functions (`json`, `join`, `len`, `index`,
//! `upper`, `lower`, `title`, `split`, `truncate`, `pad`, `println`, `print`, `printf`).
//! Data is a JSON value; list commands mark their rows as typed contexts so an unknown field
//! fails the way it does in Docker.

use serde_json::Value;

#[derive(Debug, Clone, PartialEq)]
enum Node {
    Text(String),
    Action { pipeline: Pipeline, offset: usize },
    If { branches: Vec<(Pipeline, Vec<Node>)>, otherwise: Vec<Node> },
    Range { pipeline: Pipeline, body: Vec<Node>, otherwise: Vec<Node> },
}

type Pipeline = Vec<Command>;

#[derive(Debug, Clone, PartialEq)]
struct Command {
    operands: Vec<Operand>,
    offset: usize,
}

#[derive(Debug, Clone, PartialEq)]
enum Operand {
    Field(Vec<String>),
    Dot,
    Str(String),
    Number(f64),
    Bool(bool),
    Ident(String),
    Paren(Pipeline),
}

/// A compiled template.
#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    nodes: Vec<Node>,
    source: String,
}

/// How rows behave when a field is missing: a Go struct (error) or a map (`<no value>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataKind {
    Struct(&'static str),
    Map,
}

fn position(source: &str, offset: usize) -> String {
    let before = &source[..offset.min(source.len())];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    format!("{line}:{}", offset - line_start)
}

struct Parser<'a> {
    src: &'a str,
    pos: usize,
}

#[derive(Debug)]
enum Tok {
    Text(String),
    Action(String, usize),
}

fn lex(src: &str) -> Result<Vec<Tok>, String> {
    let mut toks = Vec::new();
    let mut rest = 0;
    let mut trim_next_text = false;
    while rest < src.len() {
        match src[rest..].find("{{") {
            Some(i) => {
                let mut text = &src[rest..rest + i];
                if trim_next_text {
                    text = text.trim_start();
                }
                let open = rest + i;
                let mut inner_start = open + 2;
                let trim_left = src[inner_start..].starts_with("- ");
                if trim_left {
                    text = text.trim_end();
                    inner_start += 2;
                }
                if !text.is_empty() {
                    toks.push(Tok::Text(text.to_string()));
                }
                let close = src[inner_start..].find("}}").map(|j| inner_start + j).ok_or_else(|| {
                    format!("template: :{}: unclosed action", position(src, open).split(':').next().unwrap_or("1"))
                })?;
                let mut inner_end = close;
                trim_next_text = false;
                if src[inner_start..close].ends_with(" -") {
                    inner_end -= 2;
                    trim_next_text = true;
                }
                toks.push(Tok::Action(src[inner_start..inner_end].to_string(), inner_start));
                rest = close + 2;
            }
            None => {
                let mut text = &src[rest..];
                if trim_next_text {
                    text = text.trim_start();
                }
                if !text.is_empty() {
                    toks.push(Tok::Text(text.to_string()));
                }
                break;
            }
        }
    }
    Ok(toks)
}

impl<'a> Parser<'a> {
    fn skip_space(&mut self) {
        while self.src[self.pos..].starts_with([' ', '\t', '\n', '\r']) {
            self.pos += 1;
        }
    }

    fn pipeline(&mut self, base: usize) -> Result<Pipeline, String> {
        let mut commands = Vec::new();
        loop {
            self.skip_space();
            let offset = base + self.pos;
            let mut operands = Vec::new();
            loop {
                self.skip_space();
                if self.pos >= self.src.len() || self.src[self.pos..].starts_with(['|', ')']) {
                    break;
                }
                operands.push(self.operand(base)?);
            }
            if operands.is_empty() {
                return Err(format!("missing value for command at offset {offset}"));
            }
            commands.push(Command { operands, offset });
            self.skip_space();
            if self.src[self.pos..].starts_with('|') {
                self.pos += 1;
            } else {
                break;
            }
        }
        Ok(commands)
    }

    fn operand(&mut self, base: usize) -> Result<Operand, String> {
        let rest = &self.src[self.pos..];
        let c = rest.chars().next().unwrap_or(' ');
        if c == '(' {
            self.pos += 1;
            let inner = self.pipeline(base)?;
            self.skip_space();
            if !self.src[self.pos..].starts_with(')') {
                return Err("unclosed left paren".to_string());
            }
            self.pos += 1;
            return Ok(Operand::Paren(inner));
        }
        if c == '"' || c == '`' {
            let mut out = String::new();
            let mut chars = rest.char_indices().skip(1);
            while let Some((i, ch)) = chars.next() {
                if ch == c {
                    self.pos += i + 1;
                    return Ok(Operand::Str(out));
                }
                if ch == '\\' && c == '"' {
                    match chars.next() {
                        Some((_, 'n')) => out.push('\n'),
                        Some((_, 't')) => out.push('\t'),
                        Some((_, other)) => out.push(other),
                        None => break,
                    }
                } else {
                    out.push(ch);
                }
            }
            return Err("unterminated quoted string".to_string());
        }
        let end = rest.find([' ', '\t', '\n', '|', ')', '(']).unwrap_or(rest.len());
        let word = &rest[..end];
        self.pos += end;
        if word == "." {
            return Ok(Operand::Dot);
        }
        if let Some(path) = word.strip_prefix('.') {
            return Ok(Operand::Field(path.split('.').map(str::to_string).collect()));
        }
        if word == "true" || word == "false" {
            return Ok(Operand::Bool(word == "true"));
        }
        if let Ok(n) = word.parse::<f64>() {
            return Ok(Operand::Number(n));
        }
        if word.chars().all(|c| c.is_alphanumeric() || c == '_') && !word.is_empty() {
            return Ok(Operand::Ident(word.to_string()));
        }
        Err(format!("unexpected \"{word}\" in operand"))
    }
}

const FUNCTIONS: &[&str] = &[
    "json", "join", "len", "index", "upper", "lower", "title", "split", "truncate", "pad", "println", "print",
    "printf", "not", "and", "or", "eq", "ne",
];

impl Template {
    pub fn parse(source: &str) -> Result<Template, String> {
        let toks = lex(source)?;
        let mut iter = toks.into_iter().peekable();
        let (nodes, end) = parse_list(&mut iter, source)?;
        if let Some(word) = end {
            return Err(format!("template: :1: unexpected {{{{{word}}}}}"));
        }
        Ok(Template { nodes, source: source.to_string() })
    }

    pub fn execute(&self, data: &Value, kind: DataKind) -> Result<String, String> {
        let mut out = String::new();
        let ctx = Ctx { source: &self.source, kind, root: data };
        exec_list(&ctx, &self.nodes, data, &mut out)?;
        Ok(out)
    }
}

type TokIter = std::iter::Peekable<std::vec::IntoIter<Tok>>;

fn parse_list(iter: &mut TokIter, source: &str) -> Result<(Vec<Node>, Option<String>), String> {
    let mut nodes = Vec::new();
    while let Some(tok) = iter.next() {
        match tok {
            Tok::Text(t) => nodes.push(Node::Text(t)),
            Tok::Action(inner, offset) => {
                let trimmed = inner.trim();
                let keyword = trimmed.split_whitespace().next().unwrap_or("");
                match keyword {
                    "end" | "else" => return Ok((nodes, Some(trimmed.to_string()))),
                    "if" | "range" => {
                        let lead = inner.len() - inner.trim_start().len() + keyword.len();
                        let pipe = Parser { src: &inner[lead..], pos: 0 }
                            .pipeline(offset + lead)
                            .map_err(|e| syntax(source, offset, &e))?;
                        let (body, end) = parse_list(iter, source)?;
                        let mut otherwise = Vec::new();
                        let mut branches = vec![(pipe.clone(), body.clone())];
                        let mut end = end;
                        loop {
                            match end.as_deref() {
                                Some("end") => break,
                                Some("else") => {
                                    let (rest, next) = parse_list(iter, source)?;
                                    otherwise = rest;
                                    end = next;
                                    if end.as_deref() != Some("end") {
                                        return Err(format!(
                                            "template: :{}: unexpected EOF",
                                            position(source, offset).split(':').next().unwrap_or("1")
                                        ));
                                    }
                                    break;
                                }
                                Some(other) if other.starts_with("else if ") && keyword == "if" => {
                                    let cond = &other["else if ".len()..];
                                    let pipe = Parser { src: cond, pos: 0 }
                                        .pipeline(offset)
                                        .map_err(|e| syntax(source, offset, &e))?;
                                    let (body, next) = parse_list(iter, source)?;
                                    branches.push((pipe, body));
                                    end = next;
                                }
                                _ => {
                                    return Err(format!(
                                        "template: :{}: unexpected EOF",
                                        position(source, offset).split(':').next().unwrap_or("1")
                                    ))
                                }
                            }
                        }
                        if keyword == "if" {
                            nodes.push(Node::If { branches, otherwise });
                        } else {
                            nodes.push(Node::Range { pipeline: pipe, body, otherwise });
                        }
                    }
                    _ => {
                        let pipeline =
                            Parser { src: &inner, pos: 0 }.pipeline(offset).map_err(|e| syntax(source, offset, &e))?;
                        for command in &pipeline {
                            if let Some(Operand::Ident(name)) = command.operands.first() {
                                if !FUNCTIONS.contains(&name.as_str()) {
                                    return Err(format!(
                                        "template: :{}: function \"{name}\" not defined",
                                        position(source, offset).split(':').next().unwrap_or("1")
                                    ));
                                }
                            }
                        }
                        nodes.push(Node::Action { pipeline, offset });
                    }
                }
            }
        }
    }
    Ok((nodes, None))
}

fn syntax(source: &str, offset: usize, message: &str) -> String {
    format!("template: :{}: {message}", position(source, offset).split(':').next().unwrap_or("1"))
}

struct Ctx<'a> {
    source: &'a str,
    kind: DataKind,
    root: &'a Value,
}

fn exec_list(ctx: &Ctx, nodes: &[Node], dot: &Value, out: &mut String) -> Result<(), String> {
    for node in nodes {
        match node {
            Node::Text(t) => out.push_str(t),
            Node::Action { pipeline, offset } => {
                let value = eval_pipeline(ctx, pipeline, dot, *offset)?;
                out.push_str(&print_value(&value));
            }
            Node::If { branches, otherwise } => {
                let mut taken = false;
                for (cond, body) in branches {
                    if truthy(&eval_pipeline(ctx, cond, dot, 0)?) {
                        exec_list(ctx, body, dot, out)?;
                        taken = true;
                        break;
                    }
                }
                if !taken {
                    exec_list(ctx, otherwise, dot, out)?;
                }
            }
            Node::Range { pipeline, body, otherwise } => {
                let value = eval_pipeline(ctx, pipeline, dot, 0)?;
                let items: Vec<Value> = match value {
                    Value::Array(items) => items,
                    Value::Object(map) => map.into_iter().map(|(_, v)| v).collect(),
                    Value::Null => Vec::new(),
                    other => return Err(format!("range can't iterate over {}", print_value(&other))),
                };
                if items.is_empty() {
                    exec_list(ctx, otherwise, dot, out)?;
                }
                for item in &items {
                    exec_list(ctx, body, item, out)?;
                }
            }
        }
    }
    Ok(())
}

fn eval_pipeline(ctx: &Ctx, pipeline: &Pipeline, dot: &Value, _offset: usize) -> Result<Value, String> {
    let mut previous: Option<Value> = None;
    for command in pipeline {
        previous = Some(eval_command(ctx, command, dot, previous)?);
    }
    Ok(previous.unwrap_or(Value::Null))
}

/// A missing key prints as `<no value>` on maps; Go keeps that distinct from a JSON null.
const NO_VALUE: &str = "\u{0}<no value>";

fn eval_operand(ctx: &Ctx, operand: &Operand, dot: &Value, offset: usize) -> Result<Value, String> {
    match operand {
        Operand::Dot => Ok(dot.clone()),
        Operand::Str(s) => Ok(Value::String(s.clone())),
        Operand::Number(n) => Ok(Value::from(*n)),
        Operand::Bool(b) => Ok(Value::Bool(*b)),
        Operand::Paren(p) => eval_pipeline(ctx, p, dot, offset),
        Operand::Ident(name) => call(ctx, name, &[], offset),
        Operand::Field(path) => {
            // Walk by reference; only the value finally reached is copied.
            let mut current = dot;
            let at_root = std::ptr::eq(dot, ctx.root);
            for (depth, key) in path.iter().enumerate() {
                current = match current {
                    Value::Object(map) => match map.get(key) {
                        Some(v) => v,
                        None => {
                            return match ctx.kind {
                                DataKind::Struct(type_name) if depth == 0 && at_root => Err(format!(
                                    "template: :{}: executing \"\" at <.{}>: can't evaluate field {key} in type {type_name}",
                                    position(ctx.source, offset),
                                    path.join(".")
                                )),
                                _ => Ok(Value::String(NO_VALUE.to_string())),
                            }
                        }
                    },
                    Value::Null => return Ok(Value::Null),
                    other => {
                        return Err(format!(
                            "template: :{}: executing \"\" at <.{}>: can't evaluate field {key} in type {}",
                            position(ctx.source, offset),
                            path.join("."),
                            go_type_name(other)
                        ))
                    }
                };
            }
            Ok(current.clone())
        }
    }
}

fn go_type_name(v: &Value) -> &'static str {
    match v {
        Value::String(_) => "string",
        Value::Number(_) => "float64",
        Value::Bool(_) => "bool",
        Value::Array(_) => "[]interface {}",
        Value::Object(_) => "map[string]interface {}",
        Value::Null => "interface {}",
    }
}

fn eval_command(ctx: &Ctx, command: &Command, dot: &Value, piped: Option<Value>) -> Result<Value, String> {
    let first = &command.operands[0];
    if let Operand::Ident(name) = first {
        let mut args = Vec::new();
        for operand in &command.operands[1..] {
            args.push(eval_operand(ctx, operand, dot, command.offset)?);
        }
        if let Some(p) = piped {
            args.push(p);
        }
        return call(ctx, name, &args, command.offset);
    }
    if command.operands.len() > 1 || piped.is_some() {
        return Err(format!(
            "template: :{}: can't give argument to non-function {}",
            position(ctx.source, command.offset),
            operand_text(first)
        ));
    }
    eval_operand(ctx, first, dot, command.offset)
}

fn operand_text(op: &Operand) -> String {
    match op {
        Operand::Field(p) => format!(".{}", p.join(".")),
        Operand::Dot => ".".to_string(),
        Operand::Str(s) => format!("{s:?}"),
        Operand::Number(n) => n.to_string(),
        Operand::Bool(b) => b.to_string(),
        Operand::Ident(i) => i.clone(),
        Operand::Paren(_) => "(...)".to_string(),
    }
}

fn call(ctx: &Ctx, name: &str, args: &[Value], offset: usize) -> Result<Value, String> {
    let wrong = |n: usize| {
        Err(format!(
            "template: :{}: executing \"\" at <{name}>: wrong number of args for {name}: want {n} got {}",
            position(ctx.source, offset),
            args.len()
        ))
    };
    let text = |v: &Value| print_value(v);
    match name {
        "json" => match args {
            [v] => Ok(Value::String(crate::gojson::marshal(v))),
            _ => wrong(1),
        },
        "join" => match args {
            [Value::Array(items), sep] => {
                Ok(Value::String(items.iter().map(text).collect::<Vec<_>>().join(&text(sep))))
            }
            [Value::Null, _] => Ok(Value::String(String::new())),
            [_, _] => Err(format!(
                "template: :{}: executing \"\" at <join>: wrong type for value; expected []string",
                position(ctx.source, offset)
            )),
            _ => wrong(2),
        },
        "len" => match args {
            [Value::Array(a)] => Ok(Value::from(a.len())),
            [Value::Object(m)] => Ok(Value::from(m.len())),
            [Value::String(s)] => Ok(Value::from(s.len())),
            [Value::Null] => Ok(Value::from(0usize)),
            [_] => Err(format!(
                "template: :{}: executing \"\" at <len>: error calling len: len of type",
                position(ctx.source, offset)
            )),
            _ => wrong(1),
        },
        "index" => {
            let Some((base, keys)) = args.split_first() else {
                return wrong(1);
            };
            let mut current = base.clone();
            for key in keys {
                current = match (&current, key) {
                    (Value::Array(a), Value::Number(n)) => {
                        let i = n.as_f64().unwrap_or(0.0);
                        if i < 0.0 || i as usize >= a.len() {
                            return Err(format!(
                                "template: :{}: executing \"\" at <index>: error calling index: index out of range: {i}",
                                position(ctx.source, offset)
                            ));
                        }
                        a[i as usize].clone()
                    }
                    (Value::Object(m), k) => m.get(&text(k)).cloned().unwrap_or(Value::String(NO_VALUE.to_string())),
                    _ => Value::Null,
                };
            }
            Ok(current)
        }
        "upper" => one_string(args, crate::case::to_upper).map_or_else(|| wrong(1), Ok),
        "lower" => one_string(args, crate::case::to_lower).map_or_else(|| wrong(1), Ok),
        "title" => one_string(args, |s| {
            s.split(' ')
                .map(|w| {
                    let mut c = w.chars();
                    c.next().map_or(String::new(), |f| format!("{}{}", crate::case::upper_char(f), c.as_str()))
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .map_or_else(|| wrong(1), Ok),
        "split" => match args {
            [s, sep] => {
                Ok(Value::Array(text(s).split(text(sep).as_str()).map(|p| Value::String(p.to_string())).collect()))
            }
            _ => wrong(2),
        },
        "truncate" => match args {
            [s, Value::Number(n)] => {
                let n = n.as_f64().unwrap_or(0.0).max(0.0) as usize;
                Ok(Value::String(text(s).chars().take(n).collect()))
            }
            _ => wrong(2),
        },
        "pad" => match args {
            [s, Value::Number(l), Value::Number(r)] => Ok(Value::String(format!(
                "{}{}{}",
                " ".repeat(l.as_f64().unwrap_or(0.0) as usize),
                text(s),
                " ".repeat(r.as_f64().unwrap_or(0.0) as usize)
            ))),
            _ => wrong(3),
        },
        "println" => Ok(Value::String(args.iter().map(text).collect::<Vec<_>>().join(" ") + "\n")),
        "print" => Ok(Value::String(args.iter().map(text).collect::<Vec<_>>().concat())),
        "printf" => match args.split_first() {
            Some((Value::String(fmt), rest)) => Ok(Value::String(printf(fmt, rest))),
            _ => wrong(1),
        },
        "not" => match args {
            [v] => Ok(Value::Bool(!truthy(v))),
            _ => wrong(1),
        },
        "and" => Ok(args.iter().find(|v| !truthy(v)).or(args.last()).cloned().unwrap_or(Value::Null)),
        "or" => Ok(args.iter().find(|v| truthy(v)).or(args.last()).cloned().unwrap_or(Value::Null)),
        "eq" | "ne" => match args {
            [a, rest @ ..] if !rest.is_empty() => {
                let equal = rest.iter().any(|b| text(a) == text(b));
                Ok(Value::Bool(if name == "eq" { equal } else { !equal }))
            }
            _ => wrong(2),
        },
        _ => Err(format!("template: :1: function \"{name}\" not defined")),
    }
}

fn one_string(args: &[Value], f: impl Fn(&str) -> String) -> Option<Value> {
    match args {
        [v] => Some(Value::String(f(&print_value(v)))),
        _ => None,
    }
}

fn printf(fmt: &str, args: &[Value]) -> String {
    let mut out = String::new();
    let mut args = args.iter();
    let mut chars = fmt.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('%') => out.push('%'),
            Some('q') => out.push_str(&format!("{:?}", args.next().map(print_value).unwrap_or_default())),
            Some(_) => out.push_str(&args.next().map(print_value).unwrap_or_else(|| "%!v(MISSING)".to_string())),
            None => out.push_str("%!(NOVERB)"),
        }
    }
    out
}

fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().unwrap_or(0.0) != 0.0,
        Value::String(s) => !s.is_empty() && s != NO_VALUE,
        Value::Array(a) => !a.is_empty(),
        Value::Object(m) => !m.is_empty(),
    }
}

/// Go's `fmt.Print` of a decoded JSON value.
pub fn print_value(v: &Value) -> String {
    match v {
        Value::Null => "<nil>".to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => match n.as_f64().unwrap_or(0.0) {
            f if f.fract() == 0.0 && f.abs() < 1e21 => format!("{}", f as i64),
            f => crate::units::format_g(f, 17),
        },
        Value::String(s) if s == NO_VALUE => "<no value>".to_string(),
        Value::String(s) => s.clone(),
        Value::Array(items) => format!("[{}]", items.iter().map(print_value).collect::<Vec<_>>().join(" ")),
        Value::Object(map) => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            crate::sorting::sort_by(&mut entries, |a, b| a.0.cmp(b.0));
            format!(
                "map[{}]",
                entries.iter().map(|(k, v)| format!("{k}:{}", print_value(v))).collect::<Vec<_>>().join(" ")
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn render(src: &str, data: Value) -> Result<String, String> {
        Template::parse(src)?.execute(&data, DataKind::Struct("*formatter.imageContext"))
    }

    #[test]
    fn fields_functions_and_control_flow() {
        let data = json!({"Repository": "busybox", "Tags": ["a", "b"], "Config": {"Cmd": ["sh"]}, "N": 2});
        assert_eq!(render("{{.Repository}}:{{join .Tags \",\"}}", data.clone()).unwrap(), "busybox:a,b");
        assert_eq!(render("{{json .Config}}", data.clone()).unwrap(), "{\"Cmd\":[\"sh\"]}");
        assert_eq!(render("{{.Config.Cmd}}", data.clone()).unwrap(), "[sh]");
        assert_eq!(render("{{len .Tags}} {{index .Tags 1}}", data.clone()).unwrap(), "2 b");
        assert_eq!(render("{{range .Tags}}<{{.}}>{{end}}", data.clone()).unwrap(), "<a><b>");
        assert_eq!(render("{{if .Missing2}}x{{else}}y{{end}}", json!({"Missing2": ""})).unwrap(), "y");
        assert_eq!(render("{{.Repository | upper}}", data.clone()).unwrap(), "BUSYBOX");
        assert_eq!(render("{{- .N -}} ", data).unwrap(), "2");
    }

    #[test]
    fn unknown_field_is_docker_error() {
        assert_eq!(
            render("{{.Foo}}", json!({})).unwrap_err(),
            "template: :1:2: executing \"\" at <.Foo>: can't evaluate field Foo in type *formatter.imageContext"
        );
        let on_map = Template::parse("{{.Foo}}").unwrap().execute(&json!({}), DataKind::Map).unwrap();
        assert_eq!(on_map, "<no value>");
        assert!(Template::parse("{{nosuch .X}}").unwrap_err().contains("function \"nosuch\" not defined"));
        assert!(Template::parse("{{.X").is_err());
    }
}
