//! Evaluating a parsed template against JSON data (Go's `text/template` exec).

use super::functions::{call, print_value, truthy};
use super::*;

pub(super) struct Ctx<'a> {
    pub(super) source: &'a str,
    pub(super) kind: DataKind,
    pub(super) root: &'a Value,
}

pub(super) fn exec_list(ctx: &Ctx, nodes: &[Node], dot: &Value, out: &mut String) -> Result<(), String> {
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
                            let at = || {
                                format!(
                                    "template: :{}: executing \"\" at <.{}>",
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
                                "template: :{}: executing \"\" at <.{}>: nil pointer evaluating interface {{}}.{key}",
                                position(ctx.source, offset),
                                path.join(".")
                            )),
                            _ => Ok(Value::Null),
                        }
                    }
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
        Operand::Number(n) => n.to_string(),
        Operand::Bool(b) => b.to_string(),
        Operand::Ident(i) => i.clone(),
        Operand::Paren(_) => "(...)".to_string(),
    }
}
