//! The request type of a method: required parameters in `new`, optional ones as setters,
//! serialized with the exact wire names; and its `Method` impl.

use b24_spec::{DefaultValue, MethodSpec, Param, Required, TypeExpr};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::docs;
use crate::naming::{NameSet, ident, snake_name, type_name};
use crate::types::rust_type;

use super::enums::open_enum;

/// What a method contributes to its module.
pub struct Emitted {
    pub items: TokenStream,
    pub tests: TokenStream,
}

/// Field and setter names the request type itself uses.
const RESERVED_FIELDS: &[&str] = &["new", "extra", "param", "error"];

struct Field {
    ident: proc_macro2::Ident,
    wire: String,
    ty: TokenStream,
    required: bool,
    doc: String,
}

pub fn method(spec: &MethodSpec, type_text: &str) -> Emitted {
    let name = ident(type_text);
    let mut field_names = NameSet::with_reserved(RESERVED_FIELDS);
    let mut enum_names = NameSet::default();
    let mut items = TokenStream::new();
    let mut tests = TokenStream::new();
    let mut fields = Vec::new();
    let mut open_ended = Vec::new();

    for param in &spec.params {
        if !is_concrete(&param.name) {
            open_ended.push(param.name.as_str());
            continue;
        }
        let Some(field_name) = snake_name(&param.name) else {
            open_ended.push(param.name.as_str());
            continue;
        };
        let ty = match enum_of(param) {
            Some(array) => {
                let enum_text = enum_names.claim(format!(
                    "{type_text}{}",
                    type_name(&param.name).unwrap_or_default()
                ));
                let enum_ident = ident(&enum_text);
                let doc = format!("Values of `{}` for [`{type_text}`].", param.name);
                let emitted = open_enum(&enum_ident, &doc, &param.enum_values, &spec.source);
                items.extend(emitted.items);
                tests.extend(emitted.test);
                if array {
                    quote!(Vec<#enum_ident>)
                } else {
                    quote!(#enum_ident)
                }
            }
            None => rust_type(&param.ty.normalized),
        };
        fields.push(Field {
            ident: ident(&field_names.claim(field_name)),
            wire: param.name.clone(),
            ty,
            required: param.required == Required::True,
            doc: field_doc(param, &spec.source),
        });
    }

    let mut doc = docs::method_doc(spec);
    if !open_ended.is_empty() {
        let names = open_ended
            .iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", ");
        doc.push_str(&format!(
            "\nParameters with open-ended names ({}) are set with [`{type_text}::param`].\n",
            docs::markdown(&names, &spec.source)
        ));
    }
    let field_defs = fields.iter().map(|field| {
        let Field {
            ident,
            wire,
            ty,
            required,
            doc,
        } = field;
        if *required {
            let doc = docs::attrs(doc);
            quote!(#doc #[serde(rename = #wire)] #ident: #ty,)
        } else {
            let doc = docs::attrs(doc);
            quote!(
                #doc
                #[serde(rename = #wire, skip_serializing_if = "Option::is_none")]
                #ident: Option<#ty>,
            )
        }
    });
    let required: Vec<&Field> = fields.iter().filter(|f| f.required).collect();
    let new_args = required.iter().map(|f| {
        let (ident, ty) = (&f.ident, &f.ty);
        quote!(#ident: #ty)
    });
    let init = fields.iter().map(|f| {
        let ident = &f.ident;
        if f.required {
            quote!(#ident,)
        } else {
            quote!(#ident: None,)
        }
    });
    let new_doc = if required.is_empty() {
        "A request with no parameters set.".to_owned()
    } else {
        let names = required
            .iter()
            .map(|f| format!("`{}`", f.wire))
            .collect::<Vec<_>>()
            .join(", ");
        format!("A request with its required parameters: {names}.")
    };
    let setters = fields.iter().filter(|f| !f.required).map(|f| {
        let Field { ident, ty, doc, .. } = f;
        let doc = docs::attrs(doc);
        quote! {
            #doc
            pub fn #ident(mut self, value: impl Into<#ty>) -> Self {
                self.#ident = Some(value.into());
                self
            }
        }
    });
    let required_setters = fields.iter().filter(|f| f.required).map(|f| {
        let Field { ident, ty, doc, .. } = f;
        let setter = format_ident!("set_{}", ident.to_string().trim_end_matches('_'));
        let doc = docs::attrs(doc);
        quote! {
            #doc
            pub fn #setter(mut self, value: impl Into<#ty>) -> Self {
                self.#ident = value.into();
                self
            }
        }
    });
    let method_name = &spec.method;
    let api = (spec.api_version == b24_spec::ApiVersion::RestV3).then(|| {
        quote!(
            const API: b24_runtime::Api = b24_runtime::Api::RestV3;
        )
    });
    let output = output_type(&spec.response.result);
    let deprecated = spec.deprecated.as_ref().map(|deprecation| {
        let note = match (&deprecation.replacement, &deprecation.note) {
            (Some(replacement), _) => format!("use `{replacement}` instead"),
            (None, Some(note)) => note.clone(),
            (None, None) => "the documentation marks this method as outdated".to_owned(),
        };
        quote!(#[deprecated(note = #note)])
    });
    let allow_deprecated = deprecated.as_ref().map(|_| quote!(#[allow(deprecated)]));
    let doc = docs::attrs(&doc);
    let new_doc = docs::attrs(&new_doc);
    items.extend(quote! {
        #doc
        #deprecated
        #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
        pub struct #name {
            #(#field_defs)*
            #[serde(flatten)]
            extra: serde_json::Map<String, serde_json::Value>,
        }

        #allow_deprecated
        impl #name {
            #new_doc
            pub fn new(#(#new_args),*) -> Self {
                Self {
                    #(#init)*
                    extra: serde_json::Map::new(),
                }
            }

            #(#required_setters)*
            #(#setters)*

            /// Sets a parameter by its wire name: for open-ended names (user fields) and
            /// parameters the documentation does not list.
            pub fn param(mut self, name: impl Into<String>, value: impl Into<serde_json::Value>) -> Self {
                self.extra.insert(name.into(), value.into());
                self
            }
        }

        #allow_deprecated
        impl b24_runtime::Method for #name {
            const NAME: &'static str = #method_name;
            #api
            type Output = #output;
        }
    });
    Emitted { items, tests }
}

/// Names that stand for a family of parameters (`UF_CRM_...`, `PROPERTY_*`, `<КОД>`)
/// or a path (`fields[NAME]`) are not fields of their own.
fn is_concrete(name: &str) -> bool {
    !name.contains("...")
        && !name.contains('…')
        && !name.contains(['*', '<', '>', '[', ']', '/', '|', ' ', '.'])
        && !name.ends_with('_')
}

/// `Some(is_array)` when the parameter gets an open enum: documented values on a string
/// (or string array) parameter.
fn enum_of(param: &Param) -> Option<bool> {
    if param.enum_values.is_empty() {
        return None;
    }
    match &param.ty.normalized {
        TypeExpr::String => Some(false),
        TypeExpr::Array(inner) if **inner == TypeExpr::String => Some(true),
        _ => None,
    }
}

fn field_doc(param: &Param, source: &str) -> String {
    let mut doc = String::new();
    if !param.description.is_empty() {
        doc.push_str(&docs::markdown(&param.description, source));
        doc.push_str("\n\n");
    }
    let written = param.ty.written.as_deref().unwrap_or("not documented");
    doc.push_str(&format!(
        "Wire name `{}`, documented type `{written}`",
        param.name
    ));
    match param.required {
        Required::True => doc.push_str(", required."),
        Required::False => doc.push_str(", optional."),
        Required::Unknown => {
            doc.push_str("; the documentation does not say whether it is required.")
        }
    }
    match &param.default {
        Some(DefaultValue::Literal(value)) => doc.push_str(&format!(" Default: `{value}`.")),
        Some(DefaultValue::Prose(text)) => {
            doc.push_str(&format!(" Default: {}.", docs::markdown(text, source)));
        }
        None => {}
    }
    if let Some(since) = &param.since {
        doc.push_str(&format!(" Since revision {since}."));
    }
    doc
}

fn output_type(result: &TypeExpr) -> TokenStream {
    match result {
        TypeExpr::Boolean | TypeExpr::Integer | TypeExpr::Number | TypeExpr::String => {
            rust_type(result)
        }
        _ => quote!(serde_json::Value),
    }
}
