//! `A | B` types: an untagged enum when the members look different on the wire (a number,
//! a string, an array, an object), else `serde_json::Value` with the reason in the docs.

use b24_spec::{Param, TypeExpr};
use proc_macro2::TokenStream;
use quote::quote;

use crate::naming::ident;
use crate::types::{self, Codec, Ty};

use super::engine::{Role, TypeEngine};

/// How a member looks in JSON; members of one union must differ in this.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Shape {
    // The order is the untagged enum's: serde tries variants top-down, and a whole number
    // must become `Integer` before `Number` gets a chance.
    Flag,
    Integer,
    Number,
    Text,
    List,
    Object,
}

impl Shape {
    fn variant(self) -> &'static str {
        match self {
            Shape::Flag => "Flag",
            Shape::Integer => "Integer",
            Shape::Number => "Number",
            Shape::Text => "Text",
            Shape::List => "List",
            Shape::Object => "Object",
        }
    }
}

/// The member's shape and Rust type; `None` for members [`json_reason`] rejects.
fn member(
    engine: &mut TypeEngine<'_>,
    expr: &TypeExpr,
    object_of: Option<&Param>,
    name: &str,
    role: Role,
    source: &str,
) -> Option<(Shape, TokenStream)> {
    Some(match expr {
        TypeExpr::Boolean => (Shape::Flag, quote!(bool)),
        TypeExpr::Integer => (Shape::Integer, quote!(i64)),
        TypeExpr::Number => (Shape::Number, quote!(f64)),
        TypeExpr::String | TypeExpr::Date | TypeExpr::DateTime => (Shape::Text, quote!(String)),
        TypeExpr::Array(inner) => {
            let inner = match engine.expr(inner, object_of, name, role, source) {
                // Elements are read by their own serde impls inside an untagged enum.
                Ty::Scalar(codec) => plain(codec),
                other => other.rust(),
            };
            (Shape::List, quote!(Vec<#inner>))
        }
        TypeExpr::Object if object_of.is_some() => {
            let ty = engine.expr(expr, object_of, name, role, source);
            (Shape::Object, ty.rust())
        }
        TypeExpr::Object => (
            Shape::Object,
            quote!(serde_json::Map<String, serde_json::Value>),
        ),
        // Keyed values (`lang_map`): read like `wire::Keyed`, so PHP's `[]` is an empty map.
        TypeExpr::Map(inner) => {
            let inner = match engine.expr(inner, object_of, name, role, source) {
                Ty::Scalar(codec) => plain(codec),
                other => other.rust(),
            };
            (
                Shape::Object,
                quote!(std::collections::BTreeMap<String, #inner>),
            )
        }
        TypeExpr::Ref(_) | TypeExpr::File | TypeExpr::Any | TypeExpr::Union(_) => return None,
    })
}

fn plain(codec: Codec) -> TokenStream {
    match codec {
        Codec::Yn | Codec::Boolean => quote!(bool),
        Codec::Int => quote!(i64),
        Codec::Float => quote!(f64),
        Codec::Text | Codec::Date | Codec::DateTime => quote!(String),
        Codec::Secret => quote!(b24_protocol::Secret),
        Codec::File(_) => quote!(b24_protocol::FileData),
    }
}

pub fn union_ty(
    engine: &mut TypeEngine<'_>,
    members: &[TypeExpr],
    object_of: Option<&Param>,
    name: &str,
    role: Role,
    source: &str,
) -> Ty {
    let written = members
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(" | ");
    // Text in several formats (`datetime | date`) is still text.
    if members
        .iter()
        .all(|m| matches!(m, TypeExpr::String | TypeExpr::Date | TypeExpr::DateTime))
    {
        return types::scalar(&TypeExpr::String);
    }
    if json_reason(members).is_some() {
        return Ty::Json;
    }
    let mut shaped: Vec<(Shape, TokenStream)> = Vec::new();
    for expr in members {
        match member(engine, expr, object_of, name, role, source) {
            Some(member) => shaped.push(member),
            None => return Ty::Json,
        }
    }
    shaped.sort_by_key(|(shape, _)| *shape);
    let key = shaped
        .iter()
        .map(|(shape, ty)| format!("{shape:?}:{ty}"))
        .collect::<Vec<_>>()
        .join("|");
    let doc = format!(
        "`{name}`: one of `{written}`, as the documentation allows; the variant is chosen by \
         the JSON value's kind."
    );
    let keyed = members.iter().any(|m| matches!(m, TypeExpr::Map(_)));
    engine.union(key, name, &doc, |enum_ident| {
        let variants = shaped.iter().map(|(shape, ty)| {
            let variant = ident(shape.variant());
            let with = (keyed && *shape == Shape::Object)
                .then(|| quote!(#[serde(with = "b24_protocol::wire::keyed_map")]));
            quote!(#with #variant(#ty),)
        });
        let from_impls = shaped.iter().map(|(shape, ty)| {
            let variant = ident(shape.variant());
            quote! {
                impl From<#ty> for #enum_ident {
                    fn from(value: #ty) -> Self {
                        Self::#variant(value)
                    }
                }
            }
        });
        let from_str = shaped
            .iter()
            .any(|(shape, _)| *shape == Shape::Text)
            .then(|| {
                quote! {
                    impl From<&str> for #enum_ident {
                        fn from(value: &str) -> Self {
                            Self::Text(value.to_owned())
                        }
                    }
                }
            });
        let doc = crate::docs::attrs(&doc);
        quote! {
            #doc
            #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
            #[serde(untagged)]
            #[allow(clippy::large_enum_variant)]
            pub enum #enum_ident {
                #(#variants)*
            }

            #(#from_impls)*
            #from_str
        }
    })
}

/// Why a union stays `serde_json::Value`, for the field's docs; `None` when it does not.
pub fn json_reason(members: &[TypeExpr]) -> Option<String> {
    let mut shapes = Vec::new();
    for expr in members {
        let shape = match expr {
            TypeExpr::Boolean => Shape::Flag,
            TypeExpr::Integer => Shape::Integer,
            TypeExpr::Number => Shape::Number,
            TypeExpr::String | TypeExpr::Date | TypeExpr::DateTime => Shape::Text,
            TypeExpr::Array(_) => Shape::List,
            TypeExpr::Object | TypeExpr::Map(_) => Shape::Object,
            TypeExpr::Ref(name) => return Some(format!("`{name}` is defined elsewhere")),
            TypeExpr::File => return Some("a file may be sent in several forms".to_owned()),
            TypeExpr::Any | TypeExpr::Union(_) => {
                return Some("one member may be anything".to_owned());
            }
        };
        if shapes.contains(&shape) {
            return Some("two members look the same in JSON".to_owned());
        }
        shapes.push(shape);
    }
    None
}
