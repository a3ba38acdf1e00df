//! Normalized types to Rust types.

use b24_spec::TypeExpr;
use proc_macro2::TokenStream;
use quote::quote;

/// The Rust type of a parameter or result of type `expr`.
pub fn rust_type(expr: &TypeExpr) -> TokenStream {
    match expr {
        TypeExpr::String | TypeExpr::Date | TypeExpr::DateTime => quote!(String),
        TypeExpr::Integer => quote!(i64),
        TypeExpr::Number => quote!(f64),
        TypeExpr::Boolean => quote!(bool),
        TypeExpr::Array(inner) => {
            let inner = rust_type(inner);
            quote!(Vec<#inner>)
        }
        TypeExpr::Object
        | TypeExpr::File
        | TypeExpr::Any
        | TypeExpr::Union(_)
        | TypeExpr::Ref(_) => {
            quote!(serde_json::Value)
        }
    }
}
