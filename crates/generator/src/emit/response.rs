//! `Method::Output`: a struct where the docs list the fields of `result` (`Vec` of it for a
//! list), a scalar for scalar results, `serde_json::Value` where the docs say nothing.

use b24_spec::{MethodSpec, Param, TypeExpr};
use proc_macro2::TokenStream;
use quote::quote;

use crate::types::{self, Ty};

use super::engine::{Role, TypeEngine};

pub fn output(spec: &MethodSpec, type_text: &str, engine: &mut TypeEngine<'_>) -> TokenStream {
    let response = &spec.response;
    // Where the success example contradicts the table, the example shows what the portal
    // sends (`array` in a table over an object's keys, an object where a list was written).
    let result = response.example_result.as_ref().unwrap_or(&response.result);
    let documented = response
        .fields
        .iter()
        .any(|field| super::structs::is_concrete(&field.name));
    let (is_list, object_like) = match result {
        TypeExpr::Array(inner) => (true, object_like(inner)),
        other => (false, object_like(other)),
    };
    if documented && object_like {
        let result = Param {
            name: "result".to_owned(),
            fields: response.fields.clone(),
            ..Param::default()
        };
        let suffix = if is_list { "Item" } else { "Result" };
        let ty = engine.expr(
            &TypeExpr::Object,
            Some(&result),
            &format!("{type_text}{suffix}"),
            Role::Record,
            &spec.source,
        );
        let ty = if is_list { Ty::list(ty) } else { ty };
        return ty.rust();
    }
    match result {
        TypeExpr::Boolean => quote!(bool),
        TypeExpr::Integer => quote!(i64),
        TypeExpr::Number => quote!(f64),
        TypeExpr::String => quote!(String),
        TypeExpr::Array(inner) if matches!(**inner, TypeExpr::Integer | TypeExpr::String) => {
            types::scalar(result).rust()
        }
        _ => quote!(serde_json::Value),
    }
}

/// Kinds of `result` whose documented fields describe an object.
fn object_like(expr: &TypeExpr) -> bool {
    matches!(expr, TypeExpr::Object | TypeExpr::Any | TypeExpr::Ref(_))
}
