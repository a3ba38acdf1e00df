//! `A | B` types: an untagged enum when the members look different on the wire (a number,
//! a string, an array, an object), else `serde_json::Value` with the reason in the docs.

use b24_spec::{Param, TypeExpr};
use proc_macro2::{Ident, TokenStream};
use quote::quote;

use crate::model::{Element, MemberTy, Role, Shape, UnionDef, UnionMember};
use crate::naming::ident;
use crate::types::{self, Codec, Ty};

use super::engine::TypeEngine;

/// The member's shape and Rust type; `None` for members [`json_reason`] rejects. A record
/// the member holds is named `record`.
fn member(
    engine: &mut TypeEngine<'_>,
    expr: &TypeExpr,
    object_of: Option<&Param>,
    record: &str,
    role: Role,
    source: &str,
) -> Option<UnionMember> {
    let (shape, ty) = match expr {
        TypeExpr::Boolean => (Shape::Flag, MemberTy::Bool),
        TypeExpr::Integer => (Shape::Integer, MemberTy::Int),
        TypeExpr::Number => (Shape::Number, MemberTy::Float),
        TypeExpr::String | TypeExpr::Date | TypeExpr::DateTime => (Shape::Text, MemberTy::Text),
        TypeExpr::Array(inner) => {
            let inner = engine.expr(inner, object_of, record, role, source);
            (Shape::List, MemberTy::List(Element::of(inner)))
        }
        TypeExpr::Object if object_of.is_some() => {
            let ty = engine.expr(expr, object_of, record, role, source);
            (Shape::Object, MemberTy::Object(ty))
        }
        TypeExpr::Object => (Shape::Object, MemberTy::JsonObject),
        // Keyed values (`lang_map`): read like `wire::Keyed`, so PHP's `[]` is an empty map.
        TypeExpr::Map(inner) => {
            let inner = engine.expr(inner, object_of, record, role, source);
            (Shape::Object, MemberTy::Map(Element::of(inner)))
        }
        // An entity or a list of it (`entity.item.property.get`: one property or all).
        TypeExpr::Ref(name) if engine.is_entity(name) => {
            let ty = engine.expr(expr, object_of, name, role, source);
            (Shape::Object, MemberTy::Object(ty))
        }
        TypeExpr::Ref(_) | TypeExpr::File | TypeExpr::Any | TypeExpr::Union(_) => return None,
    };
    Some(UnionMember { shape, ty })
}

/// The Rust type of a member.
fn member_tokens(ty: &MemberTy) -> TokenStream {
    // Elements are read by their own serde impls inside an untagged enum.
    let element = |element: &Element| match element {
        Element::Plain(codec) => plain(*codec),
        Element::Typed(ty) => ty.rust(),
    };
    match ty {
        MemberTy::Bool => quote!(bool),
        MemberTy::Int => quote!(i64),
        MemberTy::Float => quote!(f64),
        MemberTy::Text => quote!(String),
        MemberTy::JsonObject => quote!(serde_json::Map<String, serde_json::Value>),
        MemberTy::Object(ty) => ty.rust(),
        MemberTy::List(inner) => {
            let inner = element(inner);
            quote!(Vec<#inner>)
        }
        MemberTy::Map(inner) => {
            let inner = element(inner);
            quote!(std::collections::BTreeMap<String, #inner>)
        }
    }
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

/// A method's result of several shapes (`integer | object`, a list of such): the union
/// `{name}` with its record `{name}Record`, so that `Output` names the union; `None`
/// where a member keeps it JSON.
pub fn result_union(
    engine: &mut TypeEngine<'_>,
    expr: &TypeExpr,
    object_of: &Param,
    name: &str,
    source: &str,
) -> Option<Ty> {
    let record = format!("{name}Record");
    let ty = match expr {
        TypeExpr::Union(members) => union_ty(
            engine,
            members,
            Some(object_of),
            (name, &record),
            Role::Record,
            source,
        ),
        TypeExpr::Array(inner) => Ty::list(result_union(engine, inner, object_of, name, source)?),
        _ => return None,
    };
    (!matches!(ty, Ty::Json)).then_some(ty)
}

/// The union of `members` named `name`, a record a member holds named `record`.
pub fn union_ty(
    engine: &mut TypeEngine<'_>,
    members: &[TypeExpr],
    object_of: Option<&Param>,
    (name, record): (&str, &str),
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
    // Every member `json_reason` lets through is one `member` takes.
    let resolved = members
        .iter()
        .filter_map(|expr| member(engine, expr, object_of, record, role, source))
        .collect();
    let doc = format!(
        "`{name}`: one of `{written}`, as the documentation allows; the variant is chosen by \
         the JSON value's kind."
    );
    engine.union(name, UnionDef::new(resolved, doc))
}

/// A result that is one record of the entity `entity` or a list of them, as the page allows
/// (`entity.item.property.get`: one property with `PROPERTY`, all of them without).
pub fn one_or_many(engine: &mut TypeEngine<'_>, entity: &TypeExpr, name: &str, source: &str) -> Ty {
    let list = TypeExpr::Array(Box::new(entity.clone()));
    let members = [entity, &list]
        .into_iter()
        .filter_map(|expr| member(engine, expr, None, name, Role::Record, source))
        .collect::<Vec<_>>();
    if members.len() < 2 {
        return Ty::Json;
    }
    let doc = format!(
        "`{name}`: one `{entity}` or a list of them, as the documentation allows; the \
         variant is chosen by the JSON value's kind."
    );
    engine.union(name, UnionDef::new(members, doc))
}

/// Renders the union named `name`: the untagged enum and its `From` impls.
pub fn render(name: &Ident, def: &UnionDef) -> TokenStream {
    let keyed = def.keyed();
    let shaped: Vec<(Shape, TokenStream)> = def
        .members
        .iter()
        .map(|member| (member.shape, member_tokens(&member.ty)))
        .collect();
    let variants = shaped.iter().map(|(shape, ty)| {
        let variant = ident(shape.variant());
        let with = (keyed && *shape == Shape::Object)
            .then(|| quote!(#[serde(with = "b24_protocol::wire::keyed_map")]));
        quote!(#with #variant(#ty),)
    });
    let from_impls = shaped.iter().map(|(shape, ty)| {
        let variant = ident(shape.variant());
        quote! {
            impl From<#ty> for #name {
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
                impl From<&str> for #name {
                    fn from(value: &str) -> Self {
                        Self::Text(value.to_owned())
                    }
                }
            }
        });
    let doc = crate::docs::attrs(&def.doc);
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
        #[serde(untagged)]
        #[allow(clippy::large_enum_variant)]
        pub enum #name {
            #(#variants)*
        }

        #(#from_impls)*
        #from_str
    }
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
