//! Lexing and parsing a template into nodes (Go's `text/template/parse`, as far as `--format`
//! strings go).

use super::functions::FUNCTIONS;
use super::*;

pub(super) struct Parser<'a> {
    src: &'a str,
    pos: usize,
    /// The variables in scope, for parse.go's useVar ("undefined variable").
    vars: &'a [String],
}

#[derive(Debug)]
pub(super) enum Tok {
    Text(String),
    Action(String, usize),
}

pub(super) fn lex(src: &str) -> Result<Vec<Tok>, String> {
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
                // lex.go lexComment: `{{/* … */}}` (trim markers allowed) is dropped; the comment
                // must end right at the closing delimiter.
                if src[inner_start..].starts_with("/*") {
                    let line = || position(src, open).split(':').next().unwrap_or("1").to_string();
                    let body = inner_start + 2;
                    let end = src[body..]
                        .find("*/")
                        .map(|j| body + j + 2)
                        .ok_or_else(|| format!("template: :{}: unclosed comment", line()))?;
                    let (trim_right, after) = match src[end..].strip_prefix(" -") {
                        Some(rest) => (true, rest),
                        None => (false, &src[end..]),
                    };
                    if !after.starts_with("}}") {
                        return Err(format!("template: :{}: comment ends before closing delimiter", line()));
                    }
                    trim_next_text = trim_right;
                    rest = src.len() - after.len() + 2;
                    continue;
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
        if word.starts_with('$') {
            let mut parts = word.split('.');
            let name = parts.next().unwrap_or("$");
            if !name[1..].chars().all(|c| c.is_alphanumeric() || c == '_') {
                return Err(format!("unexpected \"{word}\" in operand"));
            }
            // parse.go useVar: a variable must be declared before it is used.
            if !self.vars.iter().any(|v| v == name) {
                return Err(format!("undefined variable {name:?}"));
            }
            return Ok(Operand::Var(name.to_string(), parts.map(str::to_string).collect()));
        }
        if let Some(path) = word.strip_prefix('.') {
            return Ok(Operand::Field(path.split('.').map(str::to_string).collect()));
        }
        if word == "true" || word == "false" {
            return Ok(Operand::Bool(word == "true"));
        }
        if let Ok(n) = word.parse::<f64>() {
            return Ok(Operand::Number(n, !word.contains(['.', 'e', 'E'])));
        }
        if word.chars().all(|c| c.is_alphanumeric() || c == '_') && !word.is_empty() {
            return Ok(Operand::Ident(word.to_string()));
        }
        Err(format!("unexpected \"{word}\" in operand"))
    }
}

pub(super) type TokIter = std::iter::Peekable<std::vec::IntoIter<Tok>>;

/// The declarations at the head of a pipeline (parse.go pipeline): `$x :=`, `$x =`, and in a
/// range `$i, $e :=`. Returns them, whether they assign, and where the commands start.
fn declarations(src: &str, context: &str) -> Result<(Vec<String>, bool, usize), String> {
    let mut decl = Vec::new();
    let mut pos = 0;
    loop {
        let rest = &src[pos..];
        let lead = rest.len() - rest.trim_start().len();
        let rest = rest.trim_start();
        if !rest.starts_with('$') {
            return Ok((Vec::new(), false, 0));
        }
        let name_len = 1 + rest[1..].find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(rest.len() - 1);
        let name = &rest[..name_len];
        let after = &rest[name_len..];
        let gap = after.len() - after.trim_start().len();
        let after = after.trim_start();
        let at = pos + lead + name_len + gap;
        if let Some(tail) = after.strip_prefix(":=") {
            decl.push(name.to_string());
            return Ok((decl, false, at + 2 + (tail.len() - tail.trim_start().len())));
        }
        if after.starts_with('=') && !after.starts_with("==") {
            decl.push(name.to_string());
            return Ok((decl, true, at + 1));
        }
        if after.starts_with(',') && decl.is_empty() {
            decl.push(name.to_string());
            if context != "range" {
                return Err(format!("too many declarations in {context}"));
            }
            pos = at + 1;
            if !src[pos..].trim_start().starts_with('$') {
                return Err("range can only initialize variables".to_string());
            }
            continue;
        }
        // `$x` used as an argument, not declared.
        return Ok((Vec::new(), false, 0));
    }
}

/// A pipeline with its declarations; the declared names join the scope (parse.go pipeline).
fn parse_pipe(src: &str, offset: usize, context: &str, vars: &mut Vec<String>) -> Result<Pipe, String> {
    let (decl, assign, start) = declarations(src, context)?;
    vars.extend(decl.iter().cloned());
    let commands = Parser { src: &src[start..], pos: 0, vars }.pipeline(offset + start)?;
    Ok(Pipe { decl, assign, commands })
}

/// Every function a pipeline names must be defined (parse.go term: `function %q not defined`).
fn check_functions(pipeline: &Pipeline) -> Result<(), String> {
    for command in pipeline {
        for operand in &command.operands {
            match operand {
                Operand::Ident(name) if !FUNCTIONS.contains(&name.as_str()) => {
                    return Err(format!("function \"{name}\" not defined"));
                }
                Operand::Paren(inner) => check_functions(inner)?,
                _ => {}
            }
        }
    }
    Ok(())
}

pub(super) fn parse_list(
    iter: &mut TokIter,
    source: &str,
    vars: &mut Vec<String>,
    range_depth: usize,
) -> Result<(Vec<Node>, Option<String>), String> {
    let line_of = |offset: usize| position(source, offset).split(':').next().unwrap_or("1").to_string();
    let mut nodes = Vec::new();
    while let Some(tok) = iter.next() {
        match tok {
            Tok::Text(t) => nodes.push(Node::Text(t)),
            Tok::Action(inner, offset) => {
                let trimmed = inner.trim();
                let keyword = trimmed.split_whitespace().next().unwrap_or("");
                match keyword {
                    "end" | "else" => return Ok((nodes, Some(trimmed.to_string()))),
                    // parse.go breakControl, continueControl.
                    "break" | "continue" if trimmed == keyword => {
                        if range_depth == 0 {
                            return Err(format!(
                                "template: :{}: {{{{{keyword}}}}} outside {{{{range}}}}",
                                line_of(offset)
                            ));
                        }
                        nodes.push(if keyword == "break" { Node::Break } else { Node::Continue });
                    }
                    "if" | "range" | "with" => {
                        // parseControl: what the control declares goes out of scope at its end.
                        let scope = vars.len();
                        let lead = inner.len() - inner.trim_start().len() + keyword.len();
                        let pipe = parse_pipe(&inner[lead..], offset + lead, keyword, vars)
                            .and_then(|p| check_functions(&p.commands).map(|_| p))
                            .map_err(|e| syntax(source, offset, &e))?;
                        let depth = range_depth + usize::from(keyword == "range");
                        let (body, end) = parse_list(iter, source, vars, depth)?;
                        let mut otherwise = Vec::new();
                        let mut branches = vec![(pipe.clone(), body.clone())];
                        let mut end = end;
                        loop {
                            match end.as_deref() {
                                Some("end") => break,
                                Some("else") => {
                                    // A range's else runs outside the loop.
                                    let (rest, next) = parse_list(iter, source, vars, range_depth)?;
                                    otherwise = rest;
                                    end = next;
                                    if end.as_deref() != Some("end") {
                                        return Err(format!("template: :{}: unexpected EOF", line_of(offset)));
                                    }
                                    break;
                                }
                                // `else if` only after `if` in Go 1.22 (parseControl allowElseIf).
                                Some(other) if other.starts_with("else if ") && keyword == "if" => {
                                    let cond = &other["else if ".len()..];
                                    let pipe = parse_pipe(cond, offset, "if", vars)
                                        .and_then(|p| check_functions(&p.commands).map(|_| p))
                                        .map_err(|e| syntax(source, offset, &e))?;
                                    let (body, next) = parse_list(iter, source, vars, range_depth)?;
                                    branches.push((pipe, body));
                                    end = next;
                                }
                                _ => return Err(format!("template: :{}: unexpected EOF", line_of(offset))),
                            }
                        }
                        vars.truncate(scope);
                        nodes.push(match keyword {
                            "if" => Node::If { branches, otherwise },
                            "with" => Node::With { pipe, body, otherwise },
                            _ => Node::Range { pipe, body, otherwise },
                        });
                    }
                    _ => {
                        // An action's declarations last until the end of the enclosing control.
                        let pipe = parse_pipe(&inner, offset, "command", vars)
                            .and_then(|p| check_functions(&p.commands).map(|_| p))
                            .map_err(|e| syntax(source, offset, &e))?;
                        nodes.push(Node::Action { pipe, offset });
                    }
                }
            }
        }
    }
    Ok((nodes, None))
}
