//! The success response: example JSON blocks and the kind of `result`.

use b24_spec::{Response, TypeExpr};
use serde_json::Value;

use crate::diagnostics::{Code, Diagnostics};
use crate::page::{Node, walk};

/// Reads the response from the blocks of the response sections.
pub fn read(nodes: &[&Node], path: &str, diags: &mut Diagnostics) -> Response {
    let mut response = Response::default();
    let mut kind: Option<TypeExpr> = None;
    for node in nodes {
        walk(std::slice::from_ref(*node), &mut |node| {
            let Node::Code(code) = node else { return };
            if !matches!(code.lang.as_str(), "json" | "" | "js" | "javascript") {
                return;
            }
            let text = code.text.trim();
            if !text.starts_with('{') {
                return;
            }
            response.examples.push(text.to_owned());
            match serde_json::from_str::<Value>(text) {
                Ok(value) => {
                    if kind.is_none()
                        && let Some(result) = value.get("result")
                    {
                        kind = Some(kind_of(result));
                    }
                }
                Err(error) => diags.push(
                    path,
                    code.line,
                    Code::ResponseJsonInvalid,
                    format!("success example is not valid JSON: {error}"),
                ),
            }
        });
    }
    match kind {
        Some(kind) => response.result = kind,
        None => diags.push(
            path,
            nodes.first().map_or(0, |n| n.line()),
            Code::ResponseUnknown,
            "no success example shows `result`; its type is left open",
        ),
    }
    response
}

/// The type a JSON value shows.
pub fn kind_of(value: &Value) -> TypeExpr {
    match value {
        Value::Bool(_) => TypeExpr::Boolean,
        Value::Number(n) if n.is_i64() || n.is_u64() => TypeExpr::Integer,
        Value::Number(_) => TypeExpr::Number,
        Value::String(_) => TypeExpr::String,
        Value::Object(_) => TypeExpr::Object,
        Value::Array(items) => {
            TypeExpr::Array(Box::new(items.first().map_or(TypeExpr::Any, kind_of)))
        }
        Value::Null => TypeExpr::Any,
    }
}
