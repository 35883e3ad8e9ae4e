//! Go 1.22's `text/template` as `--format` strings use it (docker/cli 27.5.1 is built with Go
//! 1.22): field paths, pipelines, `if`/`else if`/`else`, `with`, `range` (with `$i, $e`
//! variables, `break`, `continue`), variables (`$x :=`, `$x =`, `$`), comments, Go's built-in
//! functions (`and`, `or`, `not`, `eq`…`ge`, `len`, `index`, `slice`, `print`, `printf`,
//! `println`) and docker's (`json`, `join`, `upper`, `lower`, `title`, `split`, `truncate`,
//! `pad`). Named templates (`define`, `template`, `block`) and `html`, `js`, `urlquery`, `call`
//! are not there. Data is a JSON value; list commands mark their rows as typed contexts so an
//! unknown field fails the way it does in Docker. `parse.rs` lexes and parses, `exec.rs`
//! evaluates, `functions.rs` holds the functions, `gofmt.rs` is fmt.Sprintf for `printf`.

mod exec;
mod functions;
mod gofmt;
mod parse;

pub use exec::CONTAINER_CONTEXT;
pub use functions::print_value;

use exec::{exec_list, Ctx};
use parse::{lex, parse_list};

use serde_json::Value;

#[derive(Debug, Clone, PartialEq)]
enum Node {
    Text(String),
    Action {
        pipe: Pipe,
        offset: usize,
    },
    If {
        branches: Vec<(Pipe, Vec<Node>)>,
        otherwise: Vec<Node>,
    },
    /// `{{with pipeline}}`: as `if`, with dot set to the value in the body.
    With {
        pipe: Pipe,
        body: Vec<Node>,
        otherwise: Vec<Node>,
    },
    Range {
        pipe: Pipe,
        body: Vec<Node>,
        otherwise: Vec<Node>,
    },
    /// `{{break}}` and `{{continue}}` (Go 1.18): only inside a range.
    Break,
    Continue,
}

type Pipeline = Vec<Command>;

/// A pipeline with the variables it declares (`$x := …`, `$i, $e := …` in a range) or assigns
/// (`$x = …`), as parse.PipeNode keeps `Decl` and `IsAssign`.
#[derive(Debug, Clone, PartialEq)]
struct Pipe {
    decl: Vec<String>,
    assign: bool,
    commands: Pipeline,
}

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
    /// A number constant: an integer when its text has no `.`, `e` or `E` (exec.go
    /// idealConstant), else a float64.
    Number(f64, bool),
    Bool(bool),
    Ident(String),
    Paren(Pipeline),
    /// `$`, `$x`, `$x.Field.Sub`: a variable and the fields walked from it.
    Var(String, Vec<String>),
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
    /// `docker inspect`'s first try, on the typed API struct: a missing field is an error, except
    /// in the objects reached through the named members, which are Go maps (`<no value>`). `json`
    /// writes struct members in their declared order.
    Typed(&'static [&'static str]),
    /// `docker inspect`'s fallback on the decoded JSON with `missingkey=error`.
    MissingKeyError,
}

fn position(source: &str, offset: usize) -> String {
    let before = &source[..offset.min(source.len())];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    format!("{line}:{}", offset - line_start)
}

fn syntax(source: &str, offset: usize, message: &str) -> String {
    format!("template: :{}: {message}", position(source, offset).split(':').next().unwrap_or("1"))
}

impl Template {
    pub fn parse(source: &str) -> Result<Template, String> {
        let toks = lex(source)?;
        let mut iter = toks.into_iter().peekable();
        let mut vars = vec!["$".to_string()];
        let (nodes, end) = parse_list(&mut iter, source, &mut vars, 0)?;
        if let Some(word) = end {
            return Err(format!("template: :1: unexpected {{{{{word}}}}}"));
        }
        Ok(Template { nodes, source: source.to_string() })
    }

    pub fn execute(&self, data: &Value, kind: DataKind) -> Result<String, String> {
        let mut out = String::new();
        // The variable stack starts with `$`, the data (exec.go execute).
        let ctx = Ctx {
            source: &self.source,
            kind,
            root: data,
            vars: std::cell::RefCell::new(vec![("$".to_string(), data.clone())]),
        };
        exec_list(&ctx, &self.nodes, data, &mut out)?;
        Ok(out)
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
