//! Normalized types to Rust types: which Rust type a value gets, and which
//! `b24_runtime::wire` codec reads and writes it.

use std::collections::HashMap;

use b24_spec::{Param, ReferenceKind, ReferenceType, TypeExpr};
use proc_macro2::TokenStream;
use quote::quote;

use crate::naming::ident;

/// A scalar with a wire codec: the Rust type stays plain (`bool`, `i64`, …) and serde goes
/// through the matching `b24_runtime::wire` module.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Codec {
    /// A `Y`/`N` flag, as `bool`.
    Yn,
    /// A JSON boolean, read leniently.
    Boolean,
    Int,
    Float,
    Text,
    /// A token (`application_token`, `access_token`, `refresh_token`), as
    /// `b24_runtime::Secret` so it never shows in `Debug`.
    Secret,
    Date,
    DateTime,
}

impl Codec {
    /// The codec's type in `b24_runtime::wire`.
    fn type_name(self) -> &'static str {
        match self {
            Codec::Yn => "Yn",
            Codec::Boolean => "Boolean",
            Codec::Int => "Int",
            Codec::Float => "Float",
            Codec::Text => "Text",
            Codec::Secret => "SecretText",
            Codec::Date => "DateCodec",
            Codec::DateTime => "DateTimeCodec",
        }
    }

    fn rust(self) -> TokenStream {
        match self {
            Codec::Yn | Codec::Boolean => quote!(bool),
            Codec::Int => quote!(i64),
            Codec::Float => quote!(f64),
            Codec::Text => quote!(String),
            Codec::Secret => quote!(b24_runtime::Secret),
            Codec::Date => quote!(b24_runtime::wire::Date),
            Codec::DateTime => quote!(b24_runtime::wire::DateTime),
        }
    }
}

/// Wire names whose values are credentials: their text fields become `Secret`.
const TOKEN_FIELDS: &[&str] = &["application_token", "access_token", "refresh_token"];

/// `ty` for the field `wire`: text under a token's name is a [`Codec::Secret`].
pub fn guard_secret(wire: &str, ty: Ty) -> Ty {
    let is_token = TOKEN_FIELDS
        .iter()
        .any(|token| token.eq_ignore_ascii_case(wire));
    match ty {
        Ty::Scalar(Codec::Text) if is_token => Ty::Scalar(Codec::Secret),
        other => other,
    }
}

/// What a generated named type is; decides how a field of that type is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NamedKind {
    Struct,
    Enum,
    Union,
}

/// A resolved Rust type.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Ty {
    Scalar(Codec),
    /// Any JSON: the docs do not say enough to do better.
    Json,
    /// A generated type, by path from the module that uses it (`CrmDealAddFields`,
    /// `crate::values::Gender`).
    Named {
        path: String,
        /// The defining type behind aliases: equal canonical types are the same type.
        canonical: String,
        kind: NamedKind,
    },
    List(Box<Ty>),
}

impl Ty {
    pub fn named(path: impl Into<String>, kind: NamedKind) -> Self {
        let path = path.into();
        Ty::Named {
            canonical: path.clone(),
            path,
            kind,
        }
    }

    /// An alias `path` of the type `target`.
    pub fn alias(path: impl Into<String>, target: &Ty) -> Self {
        match target {
            Ty::Named {
                canonical, kind, ..
            } => Ty::Named {
                path: path.into(),
                canonical: canonical.clone(),
                kind: *kind,
            },
            other => other.clone(),
        }
    }

    /// Identifies the type regardless of aliases, for deduplication.
    pub fn key(&self) -> String {
        match self {
            Ty::Named { canonical, .. } => canonical.clone(),
            Ty::List(inner) => format!("[{}]", inner.key()),
            Ty::Scalar(codec) => format!("{codec:?}"),
            Ty::Json => "json".to_owned(),
        }
    }

    pub fn list(inner: Ty) -> Self {
        Ty::List(Box::new(inner))
    }

    /// The Rust type.
    pub fn rust(&self) -> TokenStream {
        match self {
            Ty::Scalar(codec) => codec.rust(),
            Ty::Json => quote!(serde_json::Value),
            Ty::Named { path, .. } => path_tokens(path),
            Ty::List(inner) => {
                let inner = inner.rust();
                quote!(Vec<#inner>)
            }
        }
    }

    /// The `b24_runtime::wire` codec a struct field of this type is read and written
    /// through (`Text`, `List<Int>`, `Object`, `Plain` for types whose own serde impls are
    /// lenient enough).
    pub fn codec(&self) -> TokenStream {
        match self {
            Ty::Scalar(codec) => {
                let name = ident(codec.type_name());
                quote!(b24_runtime::wire::#name)
            }
            Ty::List(inner) => {
                let inner = inner.codec();
                quote!(b24_runtime::wire::List<#inner>)
            }
            Ty::Named {
                kind: NamedKind::Struct,
                ..
            } => quote!(b24_runtime::wire::Object),
            Ty::Named { .. } | Ty::Json => quote!(b24_runtime::wire::Plain),
        }
    }
}

fn path_tokens(path: &str) -> TokenStream {
    let segments = path.split("::").map(ident);
    quote!(#(#segments)::*)
}

/// How a parameter's documented values shape its type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Values<'a> {
    /// Exactly `Y` and `N`: a `bool` sent as `"Y"`/`"N"`.
    Flag { array: bool },
    /// An open enum of these values (in the docs' order, without repeats).
    Enum { values: Vec<&'a str>, array: bool },
    /// No values, or values on a type an enum does not fit (integers, objects).
    None,
}

pub fn values(param: &Param) -> Values<'_> {
    if param.enum_values.is_empty() {
        return Values::None;
    }
    let (base, array) = match &param.ty.normalized {
        TypeExpr::Array(inner) => (&**inner, true),
        other => (other, false),
    };
    let mut distinct: Vec<&str> = Vec::new();
    for value in &param.enum_values {
        if !distinct.contains(&value.value.as_str()) {
            distinct.push(&value.value);
        }
    }
    let flag = {
        let mut sorted = distinct.clone();
        sorted.sort_unstable();
        sorted == ["N", "Y"]
    };
    match base {
        TypeExpr::String | TypeExpr::Boolean | TypeExpr::Any if flag => Values::Flag { array },
        TypeExpr::String => Values::Enum {
            values: distinct,
            array,
        },
        _ => Values::None,
    }
}

/// How named types (`ref(user)`, `ref(crm_status)`) read on the wire, as the docs'
/// data-types pages define them (`specs/types/`).
#[derive(Debug, Default)]
pub struct NamedTypes {
    scalars: HashMap<String, Codec>,
}

impl NamedTypes {
    pub fn new(types: &[ReferenceType]) -> Self {
        let scalars = types
            .iter()
            .filter_map(|ty| {
                // A word whose page also lists an object's fields (`sale_order`,
                // `sale_status`) stands for either the id or the object: the method pages
                // use it for both, so it stays any JSON value.
                if !ty.fields.is_empty() {
                    return None;
                }
                let codec = match ty.kind {
                    ReferenceKind::IntegerId | ReferenceKind::IntegerEnum => Codec::Int,
                    ReferenceKind::StringCode => Codec::Text,
                    ReferenceKind::Object | ReferenceKind::Entity | ReferenceKind::Other => {
                        return None;
                    }
                };
                Some((ty.name.clone(), codec))
            })
            .collect();
        Self { scalars }
    }

    /// The type of `ref(name)`: the id of another entity (`user.id`, `sale_order.id`) is an
    /// integer; a defined id or code is its scalar (read leniently: `"5"` too); anything
    /// else (objects, words no page defines) any JSON value.
    pub fn of(&self, name: &str) -> Ty {
        if name.ends_with(".id") {
            return Ty::Scalar(Codec::Int);
        }
        self.scalars
            .get(name)
            .map_or(Ty::Json, |codec| Ty::Scalar(*codec))
    }
}

/// The type of a scalar-ish expression: everything except objects with fields, enums and
/// unions, which need generated types, and named types, which [`NamedTypes`] knows.
pub fn scalar(expr: &TypeExpr) -> Ty {
    match expr {
        TypeExpr::String => Ty::Scalar(Codec::Text),
        TypeExpr::Integer => Ty::Scalar(Codec::Int),
        TypeExpr::Number => Ty::Scalar(Codec::Float),
        TypeExpr::Boolean => Ty::Scalar(Codec::Boolean),
        TypeExpr::Date => Ty::Scalar(Codec::Date),
        TypeExpr::DateTime => Ty::Scalar(Codec::DateTime),
        TypeExpr::Array(inner) => Ty::list(scalar(inner)),
        TypeExpr::Object
        | TypeExpr::File
        | TypeExpr::Any
        | TypeExpr::Union(_)
        | TypeExpr::Ref(_)
        | TypeExpr::Map(_) => Ty::Json,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use b24_spec::EnumValue;

    fn param(ty: &str, values: &[&str]) -> Param {
        Param {
            ty: b24_spec::TypeRef {
                written: None,
                normalized: ty.parse().unwrap(),
            },
            enum_values: values
                .iter()
                .map(|v| EnumValue {
                    value: (*v).to_owned(),
                    description: String::new(),
                })
                .collect(),
            ..Param::default()
        }
    }

    #[test]
    fn y_and_n_make_a_flag() {
        assert_eq!(
            values(&param("string", &["Y", "N"])),
            Values::Flag { array: false }
        );
        assert_eq!(
            values(&param("boolean", &["N", "Y", "N"])),
            Values::Flag { array: false }
        );
        assert_eq!(
            values(&param("string", &["Y", "N", "D"])),
            Values::Enum {
                values: vec!["Y", "N", "D"],
                array: false
            }
        );
        assert_eq!(values(&param("integer", &["0", "1"])), Values::None);
        assert_eq!(values(&param("string", &[])), Values::None);
    }

    fn reference(name: &str, kind: ReferenceKind, with_fields: bool) -> ReferenceType {
        ReferenceType {
            schema_version: b24_spec::SCHEMA_VERSION,
            name: name.to_owned(),
            kind,
            source: "api-reference/data-types.md".to_owned(),
            description: String::new(),
            values_from: None,
            enum_values: Vec::new(),
            module: None,
            rust_name: None,
            user_fields: None,
            fields: if with_fields {
                vec![Param::default()]
            } else {
                Vec::new()
            },
        }
    }

    #[test]
    fn fields_read_through_wire_codecs() {
        let codec = |ty: &Ty| ty.codec().to_string().replace(' ', "");
        let named = NamedTypes::new(&[
            reference("user", ReferenceKind::IntegerId, false),
            reference("crm_status", ReferenceKind::StringCode, false),
            reference("crm_enum_ownertype", ReferenceKind::IntegerEnum, false),
            reference("sale_order", ReferenceKind::IntegerId, true),
            reference("sale_status", ReferenceKind::StringCode, true),
            reference("lang_map", ReferenceKind::Object, false),
        ]);
        let id = named.of("user.id");
        assert_eq!(codec(&id), "b24_runtime::wire::Int");
        let ids = scalar(&"integer[]".parse().unwrap());
        assert_eq!(ids.rust().to_string(), "Vec < i64 >");
        assert_eq!(
            codec(&ids),
            "b24_runtime::wire::List<b24_runtime::wire::Int>"
        );
        assert_eq!(named.of("user"), Ty::Scalar(Codec::Int));
        assert_eq!(named.of("crm_enum_ownertype"), Ty::Scalar(Codec::Int));
        assert_eq!(named.of("crm_status"), Ty::Scalar(Codec::Text));
        assert_eq!(named.of("sale_order"), Ty::Json);
        assert_eq!(named.of("sale_status"), Ty::Json);
        assert_eq!(named.of("sale_order.id"), Ty::Scalar(Codec::Int));
        assert_eq!(named.of("lang_map"), Ty::Json);
        assert_eq!(named.of("never_defined"), Ty::Json);
        assert_eq!(scalar(&"ref(user)".parse().unwrap()), Ty::Json);
        assert_eq!(codec(&Ty::Json), "b24_runtime::wire::Plain");
        let nested = Ty::list(Ty::named("crate::values::Gender", NamedKind::Enum));
        assert_eq!(
            nested.rust().to_string(),
            "Vec < crate :: values :: Gender >"
        );
        assert_eq!(
            codec(&nested),
            "b24_runtime::wire::List<b24_runtime::wire::Plain>"
        );
        let record = Ty::named("CrmDealGetResult", NamedKind::Struct);
        assert_eq!(codec(&record), "b24_runtime::wire::Object");
    }
}
