//! Evaluating a parsed template against JSON data (Go's `text/template` exec).

use super::functions::{call, print_value, truthy};
use super::*;

pub(super) struct Ctx<'a> {
    pub(super) source: &'a str,
    pub(super) kind: DataKind,
    pub(super) root: &'a Value,
    /// exec.go's push-down stack of variables, `$` first.
    pub(super) vars: std::cell::RefCell<Vec<(String, Value)>>,
}

impl Ctx<'_> {
    fn mark(&self) -> usize {
        self.vars.borrow().len()
    }

    fn pop(&self, mark: usize) {
        self.vars.borrow_mut().truncate(mark);
    }

    /// setTopVar: the n-th variable from the top (a range's element is 1, its index 2).
    fn set_top(&self, n: usize, value: Value) {
        let mut vars = self.vars.borrow_mut();
        let at = vars.len() - n;
        vars[at].1 = value;
    }
}

/// How `{{break}}` and `{{continue}}` travel up to their range (exec.go panics with walkBreak
/// and walkContinue); the parser allows them nowhere else.
const BREAK: &str = "\u{0}break";
const CONTINUE: &str = "\u{0}continue";

pub(super) fn exec_list(ctx: &Ctx, nodes: &[Node], dot: &Value, out: &mut String) -> Result<(), String> {
    for node in nodes {
        match node {
            Node::Text(t) => out.push_str(t),
            Node::Break => return Err(BREAK.to_string()),
            Node::Continue => return Err(CONTINUE.to_string()),
            // walk: an action that declares variables prints nothing; its variables stay until
            // the enclosing control ends.
            Node::Action { pipe, offset } => {
                let value = eval_pipe(ctx, pipe, dot, *offset)?;
                if pipe.decl.is_empty() {
                    out.push_str(&print_value(&value));
                }
            }
            Node::If { branches, otherwise } => {
                let mark = ctx.mark();
                let mut taken = false;
                for (cond, body) in branches {
                    if truthy(&eval_pipe(ctx, cond, dot, 0)?) {
                        exec_list(ctx, body, dot, out)?;
                        taken = true;
                        break;
                    }
                }
                if !taken {
                    exec_list(ctx, otherwise, dot, out)?;
                }
                ctx.pop(mark);
            }
            // walkIfOrWith: the same truth as `if`; the body runs with dot set to the value.
            Node::With { pipe, body, otherwise } => {
                let mark = ctx.mark();
                let value = eval_pipe(ctx, pipe, dot, 0)?;
                if truthy(&value) {
                    exec_list(ctx, body, &value, out)?;
                } else {
                    exec_list(ctx, otherwise, dot, out)?;
                }
                ctx.pop(mark);
            }
            // walkRange: the declared variables get each element (and its index or key); maps
            // are walked in sorted key order (fmtsort); what the body declares goes each time.
            Node::Range { pipe, body, otherwise } => {
                let outer = ctx.mark();
                let value = eval_pipe(ctx, pipe, dot, 0)?;
                let items: Vec<(Value, Value)> = match value {
                    Value::Array(items) => items.into_iter().enumerate().map(|(i, v)| (Value::from(i), v)).collect(),
                    Value::Object(map) => {
                        let mut entries: Vec<(String, Value)> = map.into_iter().collect();
                        crate::sorting::sort_by(&mut entries, |a, b| a.0.cmp(&b.0));
                        entries.into_iter().map(|(k, v)| (Value::String(k), v)).collect()
                    }
                    Value::Null => Vec::new(),
                    Value::String(s) if s == NO_VALUE => Vec::new(),
                    other => return Err(format!("range can't iterate over {}", print_value(&other))),
                };
                if items.is_empty() {
                    exec_list(ctx, otherwise, dot, out)?;
                }
                let mark = ctx.mark();
                for (index, item) in &items {
                    if pipe.assign {
                        // `range $i, $e = …` assigns the variables by name: the index first
                        // when there are two, else the element.
                        let mut vars = ctx.vars.borrow_mut();
                        let values = if pipe.decl.len() > 1 { vec![index, item] } else { vec![item] };
                        for (name, value) in pipe.decl.iter().zip(values) {
                            if let Some(slot) = vars.iter_mut().rev().find(|(n, _)| n == name) {
                                slot.1 = value.clone();
                            }
                        }
                    } else {
                        if !pipe.decl.is_empty() {
                            ctx.set_top(1, item.clone());
                        }
                        if pipe.decl.len() > 1 {
                            ctx.set_top(2, index.clone());
                        }
                    }
                    let result = exec_list(ctx, body, item, out);
                    ctx.pop(mark);
                    match result {
                        Err(signal) if signal == BREAK => break,
                        Err(signal) if signal == CONTINUE => continue,
                        other => other?,
                    }
                }
                ctx.pop(outer);
            }
        }
    }
    Ok(())
}

/// evalPipeline, then its declarations: pushed, or for `=` the last variable of that name set
/// (`undefined variable: $x` when there is none).
fn eval_pipe(ctx: &Ctx, pipe: &Pipe, dot: &Value, offset: usize) -> Result<Value, String> {
    let value = eval_pipeline(ctx, &pipe.commands, dot, offset)?;
    for name in &pipe.decl {
        if pipe.assign {
            let mut vars = ctx.vars.borrow_mut();
            match vars.iter_mut().rev().find(|(n, _)| n == name) {
                Some(slot) => slot.1 = value.clone(),
                None => {
                    return Err(format!(
                        "template: :{}: executing \"\" at <{name}>: undefined variable: {name}",
                        position(ctx.source, offset)
                    ))
                }
            }
        } else {
            ctx.vars.borrow_mut().push((name.clone(), value.clone()));
        }
    }
    Ok(value)
}

pub(super) fn eval_pipeline(ctx: &Ctx, pipeline: &Pipeline, dot: &Value, _offset: usize) -> Result<Value, String> {
    let mut previous: Option<Value> = None;
    for command in pipeline {
        previous = Some(eval_command(ctx, command, dot, previous)?);
    }
    Ok(previous.unwrap_or(Value::Null))
}

/// A missing key prints as `<no value>` on maps; Go keeps that distinct from a JSON null.
pub(super) const NO_VALUE: &str = "\u{0}<no value>";

pub(super) fn eval_operand(ctx: &Ctx, operand: &Operand, dot: &Value, offset: usize) -> Result<Value, String> {
    match operand {
        Operand::Dot => Ok(dot.clone()),
        Operand::Str(s) => Ok(Value::String(s.clone())),
        Operand::Number(n, true) => Ok(Value::from(*n as i64)),
        Operand::Number(n, false) => Ok(Value::from(*n)),
        // evalVariableNode: the variable's value, then its fields.
        Operand::Var(name, path) => {
            if name == "$" {
                return walk_fields(ctx, ctx.root, true, path, "$", offset);
            }
            let vars = ctx.vars.borrow();
            let value = vars.iter().rev().find(|(n, _)| n == name).map(|(_, v)| v.clone()).unwrap_or(Value::Null);
            drop(vars);
            walk_fields(ctx, &value, false, path, name, offset)
        }
        Operand::Bool(b) => Ok(Value::Bool(*b)),
        Operand::Paren(p) => eval_pipeline(ctx, p, dot, offset),
        Operand::Ident(name) => call(ctx, name, &[], offset),
        Operand::Field(path) => walk_fields(ctx, dot, std::ptr::eq(dot, ctx.root), path, "", offset),
    }
}

/// evalFieldChain from `base` (dot, or a variable shown as `prefix` in errors).
fn walk_fields(
    ctx: &Ctx,
    base: &Value,
    at_root: bool,
    path: &[String],
    prefix: &str,
    offset: usize,
) -> Result<Value, String> {
    // Walk by reference; only the value finally reached is copied.
    let mut current = base;
    for (depth, key) in path.iter().enumerate() {
        current = match current {
            Value::Object(map) => match map.get(key) {
                Some(v) => v,
                None => {
                    let at = || {
                        format!(
                            "template: :{}: executing \"\" at <{prefix}.{}>",
                            position(ctx.source, offset),
                            path.join(".")
                        )
                    };
                    return match ctx.kind {
                        DataKind::Struct(type_name) if depth == 0 && at_root => {
                            Err(format!("{}: can't evaluate field {key} in type {type_name}", at()))
                        }
                        DataKind::Typed(maps) if !reached_through_map(path, depth, maps) => {
                            Err(format!("{}: can't evaluate field {key}", at()))
                        }
                        // Go's `missingkey=error` (text/template exec.go evalField).
                        DataKind::MissingKeyError => Err(format!("{}: map has no entry for key {key:?}", at())),
                        _ => Ok(Value::String(NO_VALUE.to_string())),
                    };
                }
            },
            // A nil map answers every key with the invalid value; a nil interface in the
            // decoded JSON cannot be walked (text/template exec.go evalField).
            Value::Null => {
                return match ctx.kind {
                    DataKind::Typed(maps) if reached_through_map(path, depth, maps) => {
                        Ok(Value::String(NO_VALUE.to_string()))
                    }
                    DataKind::Typed(_) | DataKind::MissingKeyError => Err(format!(
                        "template: :{}: executing \"\" at <{prefix}.{}>: nil pointer evaluating interface {{}}.{key}",
                        position(ctx.source, offset),
                        path.join(".")
                    )),
                    _ => Ok(Value::Null),
                }
            }
            other => {
                return Err(format!(
                    "template: :{}: executing \"\" at <{prefix}.{}>: can't evaluate field {key} in type {}",
                    position(ctx.source, offset),
                    path.join("."),
                    go_type_name(other)
                ))
            }
        };
    }
    Ok(current.clone())
}

/// Whether the object holding `path[depth]` was reached through a member that is a Go map.
fn reached_through_map(path: &[String], depth: usize, maps: &[&str]) -> bool {
    depth > 0 && maps.contains(&path[depth - 1].as_str())
}

pub(super) fn go_type_name(v: &Value) -> &'static str {
    match v {
        Value::String(_) => "string",
        Value::Number(_) => "float64",
        Value::Bool(_) => "bool",
        Value::Array(_) => "[]interface {}",
        Value::Object(_) => "map[string]interface {}",
        Value::Null => "interface {}",
    }
}

/// The type `docker ps` rows have (cli/command/formatter/container.go).
pub const CONTAINER_CONTEXT: &str = "*formatter.ContainerContext";

pub(super) fn eval_command(ctx: &Ctx, command: &Command, dot: &Value, piped: Option<Value>) -> Result<Value, String> {
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
    // ContainerContext.Label, the one row method that takes an argument (`{{.Label "KEY"}}`), is
    // a member holding an object: the argument picks the entry, a missing one is "".
    if let (Operand::Field(path), DataKind::Struct(CONTAINER_CONTEXT)) = (first, ctx.kind) {
        if let Value::Object(entries) = eval_operand(ctx, first, dot, command.offset)? {
            let mut args = Vec::new();
            for operand in &command.operands[1..] {
                args.push(eval_operand(ctx, operand, dot, command.offset)?);
            }
            args.extend(piped.clone());
            let name = path.last().map_or("", String::as_str);
            return match args.as_slice() {
                [key] => Ok(entries.get(&print_value(key)).cloned().unwrap_or_else(|| Value::String(String::new()))),
                _ => Err(format!(
                    "template: :{}: executing \"\" at <.{}>: wrong number of args for {name}: want 1 got {}",
                    position(ctx.source, command.offset),
                    path.join("."),
                    args.len()
                )),
            };
        }
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

pub(super) fn operand_text(op: &Operand) -> String {
    match op {
        Operand::Field(p) => format!(".{}", p.join(".")),
        Operand::Dot => ".".to_string(),
        Operand::Str(s) => format!("{s:?}"),
        Operand::Number(n, _) => n.to_string(),
        Operand::Var(name, path) => {
            std::iter::once(name.as_str()).chain(path.iter().map(String::as_str)).collect::<Vec<_>>().join(".")
        }
        Operand::Bool(b) => b.to_string(),
        Operand::Ident(i) => i.clone(),
        Operand::Paren(_) => "(...)".to_string(),
    }
}
