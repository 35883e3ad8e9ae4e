//! Lexing and parsing a template into nodes (Go's `text/template/parse`, as far as `--format`
//! strings go).

use super::functions::FUNCTIONS;
use super::*;

pub(super) struct Parser<'a> {
    src: &'a str,
    pos: usize,
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

pub(super) type TokIter = std::iter::Peekable<std::vec::IntoIter<Tok>>;

pub(super) fn parse_list(iter: &mut TokIter, source: &str) -> Result<(Vec<Node>, Option<String>), String> {
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
