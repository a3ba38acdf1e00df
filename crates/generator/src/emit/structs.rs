//! Structs from field lists: request structs (required fields in `new`, optional ones as
//! setters, `param` for keys the docs do not name) and record structs (what the portal
//! sends: public optional fields, unknown keys kept in `extra`).

use b24_spec::{DefaultValue, Param, Required};
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use crate::common_texts::CommonTexts;
use crate::docs;
use crate::model::{FamilyDef, FieldDef, Role, StructDef, child_name};
use crate::naming::{NameSet, ident, snake_name};
use crate::types::Ty;

use super::engine::TypeEngine;

/// Field and method names the generated structs use themselves.
const REQUEST_RESERVED: &[&str] = &["new", "extra", "param", "error"];
const RECORD_RESERVED: &[&str] = &["extra", "user_fields", "user_field"];

/// Names that stand for a family of parameters (`UF_CRM_...`, `PROPERTY_*`, `<КОД>`)
/// or a path (`fields[NAME]`) are not fields of their own.
pub fn is_concrete(name: &str) -> bool {
    !name.contains("...")
        && !name.contains('…')
        && !name.contains(['*', '<', '>', '[', ']', '/', '|', ' ', '.', '`', '(', ')'])
        && !name.ends_with('_')
        && !name.is_empty()
}

/// Whether any of `fields` is a field of its own (see [`is_concrete`]).
pub fn any_concrete(fields: &[Param]) -> bool {
    fields.iter().any(|field| is_concrete(&field.name))
}

/// `checklist.add`, `edit.originator`: a reply's key written with dots (the parser keeps
/// such a row whole when it is no path into a documented object), concrete in a record;
/// a request never sends one.
fn is_dotted_key(name: &str) -> bool {
    name.contains('.')
        && name.split('.').all(|segment| {
            !segment.is_empty()
                && segment
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_')
        })
}

/// The docs wrote only `object` or `array` and the link pass narrowed it, from the examples
/// (bizproc `Options`, "values depend on the parameter's type", typed `map(string)` from a
/// `select` field's example) or from the description's words ("Ключ — идентификатор чата"):
/// the table's own word promises no more, so a reply of another shape must not fail the
/// record; it is read as leniently as a type no table writes.
fn narrowed_open_word(ty: &b24_spec::TypeRef) -> bool {
    use b24_spec::TypeExpr;
    let open_word = ty.written.as_deref().is_some_and(|w| {
        w.trim().eq_ignore_ascii_case("object") || w.trim().eq_ignore_ascii_case("array")
    });
    // A link to a type page (`ref(…)`) is the docs' own word, read strictly.
    let narrowed = match &ty.normalized {
        TypeExpr::Map(_) | TypeExpr::Union(_) => true,
        TypeExpr::Array(item) => !matches!(**item, TypeExpr::Any | TypeExpr::Ref(_)),
        _ => false,
    };
    open_word && narrowed
}

pub fn body(
    engine: &mut TypeEngine<'_>,
    params: &[Param],
    prefix: &str,
    role: Role,
    source: &str,
) -> StructDef {
    let mut names = NameSet::with_reserved(match role {
        Role::Request => REQUEST_RESERVED,
        Role::Record => RECORD_RESERVED,
    });
    let mut seen_wire: Vec<&str> = Vec::new();
    let mut fields = Vec::new();
    let mut open_ended = Vec::new();
    let mut families = Vec::new();
    for param in params {
        if role == Role::Record
            && let Some(glob) = super::families::glob(param)
            && let Some(name) = super::families::field_name(glob)
        {
            let ty = engine.resolve(param, &child_name(prefix, &param.name), role, source);
            let doc = super::families::doc(glob, &field_doc(param, source, engine));
            families.push(FamilyDef {
                rust_name: names.claim(name),
                glob: glob.to_owned(),
                ty,
                doc,
            });
            continue;
        }
        let field_name = snake_name(&param.name);
        let concrete =
            is_concrete(&param.name) || (role == Role::Record && is_dotted_key(&param.name));
        let (true, Some(field_name)) = (concrete, field_name) else {
            open_ended.push(param.name.clone());
            continue;
        };
        // Two rows with one wire name (docs repeat a field per variant) are one field.
        if seen_wire.contains(&param.name.as_str()) {
            continue;
        }
        seen_wire.push(&param.name);
        let ty = crate::types::guard_secret(
            &param.name,
            engine.resolve(param, &child_name(prefix, &param.name), role, source),
        );
        let mut doc = field_doc(param, source, engine);
        if let (Ty::Json, b24_spec::TypeExpr::Union(members)) = (&ty, &param.ty.normalized)
            && let Some(reason) = super::unions::json_reason(members)
        {
            doc.push_str(&format!(" Kept as JSON: {reason}."));
        }
        // JSON keeps any shape already.
        let shown = role == Role::Record
            && ty != Ty::Json
            && (param.ty.written.is_none() || narrowed_open_word(&param.ty));
        fields.push(FieldDef {
            rust_name: names.claim(field_name),
            wire_name: param.name.clone(),
            ty,
            required: role == Role::Request && param.required == Required::True,
            shown,
            doc,
        });
    }
    StructDef {
        role,
        fields,
        open_ended,
        user_fields: Vec::new(),
        families,
        mask_extra: engine.mask_extra,
    }
}

/// Renders the struct named `name` with `body`; `attrs` go on the struct (`#[deprecated]`).
pub fn define(name: &Ident, doc: &str, body: &StructDef, attrs: TokenStream) -> TokenStream {
    let mut doc = doc.to_owned();
    if !body.open_ended.is_empty() {
        let names = docs::code_list(&body.open_ended);
        let how = match body.role {
            Role::Request => format!("are set with [`{name}::param`]"),
            Role::Record => "are kept in `extra`".to_owned(),
        };
        doc.push_str(&format!(
            "\n\nKeys with open-ended names ({}) {how}.",
            docs::markdown(&names, "")
        ));
    }
    // The impls of a deprecated type name it: no warning for that.
    let allow_deprecated = (!attrs.is_empty()).then(|| quote!(#[allow(deprecated)]));
    match body.role {
        Role::Request => request_struct(name, &doc, body, attrs, allow_deprecated),
        Role::Record => record_struct(name, &doc, body, attrs, allow_deprecated),
    }
}

/// `select` (a list of field names) takes any names: `["ID", "TITLE"]`, a generated field
/// enum (`[LeadField::Id]`), the masks `"*"` and `"UF_*"`.
fn select_setter(field: &FieldDef) -> Option<TokenStream> {
    let Ty::List(inner) = &field.ty else {
        return None;
    };
    let convert = match **inner {
        Ty::Json => quote!(|name| serde_json::Value::String(name.into())),
        Ty::Scalar(crate::types::Codec::Text) => quote!(Into::into),
        _ => return None,
    };
    if field.wire_name != "select" {
        return None;
    }
    let ident = &ident(&field.rust_name);
    // Joined to the field's own last sentence (which names it), not a sentence of its own
    // repeated on every `select`.
    let doc = docs::attrs(&format!(
        "{}; it takes field names: strings, or the entity's field enum where one is generated.",
        field.doc.trim_end().trim_end_matches('.')
    ));
    let (setter, store) = setter(field, ident, quote!(names));
    Some(quote! {
        #doc
        pub fn #setter(mut self, value: impl IntoIterator<Item = impl Into<String>>) -> Self {
            let names = value.into_iter().map(#convert).collect();
            self.#ident = #store;
            self
        }
    })
}

/// A field's setter and what it stores `value` as: `set_{name}` storing it as is for a
/// required field, `{name}` storing `Some(value)` for an optional one.
fn setter(field: &FieldDef, ident: &Ident, value: TokenStream) -> (Ident, TokenStream) {
    if field.required {
        let setter = format_ident!("set_{}", ident.to_string().trim_end_matches('_'));
        (setter, value)
    } else {
        (ident.clone(), quote!(Some(#value)))
    }
}

/// `Serialize` and `Deserialize` through `b24_protocol::wire::{Writer, Reader}`: one line
/// per field naming its codec. Derived impls (a visitor and a `with` wrapper per field)
/// made up most of the crate's compile time.
fn serde_impls(
    name: &Ident,
    fields: &[FieldDef],
    user_fields: &[String],
    families: &[FamilyDef],
    optional: impl Fn(&FieldDef) -> bool,
    allow_deprecated: &Option<TokenStream>,
) -> TokenStream {
    // Per field: its name, wire name, codec, and whether it may be unset.
    let lines: Vec<_> = fields
        .iter()
        .map(|field| {
            let (how, fallible) = if optional(field) {
                (quote!(opt), None)
            } else {
                (quote!(req), Some(quote!(?)))
            };
            // A type only an example shows is read leniently; it is written like any other.
            let read = if field.shown {
                quote!(shown)
            } else {
                how.clone()
            };
            (
                ident(&field.rust_name),
                &field.wire_name,
                field.ty.codec(),
                how,
                fallible,
                read,
            )
        })
        .collect();
    // Only required reads take `?`: the runtime keeps an optional field's error for
    // `finish`, and a write's for `end` (a `?` per field was a quarter of the check time).
    let writes = lines.iter().map(
        |(ident, wire, codec, how, _, _)| quote!(writer.#how::<#codec, _>(#wire, &self.#ident);),
    );
    let reads = lines.iter().map(|(ident, wire, codec, _, fallible, read)| {
        quote!(#ident: reader.#read::<#codec, _>(#wire) #fallible,)
    });
    // Families of keys after the named fields, then user fields, then `extra`.
    let family_writes = super::families::writes(families);
    let family_reads = super::families::reads(families);
    // User fields are taken after the documented fields, before `extra`.
    let (write_user, read_user) = if user_fields.is_empty() {
        (TokenStream::new(), TokenStream::new())
    } else {
        (
            quote!(writer.entries(&self.user_fields);),
            quote!(user_fields: reader.user_fields(&[#(#user_fields),*]),),
        )
    };
    // A struct with no fields of its own only has `extra`.
    let mutable = (!fields.is_empty() || !user_fields.is_empty() || !families.is_empty())
        .then(|| quote!(mut));
    quote! {
        #allow_deprecated
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let #mutable writer = b24_protocol::wire::Writer::new(serializer)?;
                #(#writes)*
                #(#family_writes)*
                #write_user
                writer.end(&self.extra)
            }
        }

        #allow_deprecated
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let mut reader = b24_protocol::wire::Reader::new(deserializer)?;
                let value = Self {
                    #(#reads)*
                    #(#family_reads)*
                    #read_user
                    extra: reader.rest(),
                };
                reader.finish(value)
            }
        }
    }
}

fn request_struct(
    name: &Ident,
    doc: &str,
    body: &StructDef,
    attrs: TokenStream,
    allow_deprecated: Option<TokenStream>,
) -> TokenStream {
    let fields = &body.fields;
    // The fields are private: their setters carry the docs.
    let field_defs = fields.iter().map(|field| {
        let doc = docs::attrs(&format!("`{}`", field.wire_name));
        let ident = ident(&field.rust_name);
        let ty = field.ty.rust();
        if field.required {
            quote!(#doc #ident: #ty,)
        } else {
            quote!(#doc #ident: Option<#ty>,)
        }
    });
    let required: Vec<&FieldDef> = fields.iter().filter(|f| f.required).collect();
    let new_args = required.iter().map(|f| {
        let (ident, ty) = (ident(&f.rust_name), f.ty.rust());
        quote!(#ident: #ty)
    });
    let init = fields.iter().map(|f| {
        let ident = ident(&f.rust_name);
        if f.required {
            quote!(#ident,)
        } else {
            quote!(#ident: None,)
        }
    });
    let new_doc = if required.is_empty() {
        format!("A `{name}` with no fields set.")
    } else {
        let names = docs::code_list(required.iter().map(|f| &f.wire_name));
        format!("A `{name}` with its required fields: {names}.")
    };
    let setters = fields.iter().map(|f| {
        let (ident, doc) = (ident(&f.rust_name), &f.doc);
        let ty = f.ty.rust();
        if let Some(setter) = select_setter(f) {
            return setter;
        }
        let doc = docs::attrs(doc);
        let (setter, store) = setter(f, &ident, quote!(value.into()));
        quote! {
            #doc
            pub fn #setter(mut self, value: impl Into<#ty>) -> Self {
                self.#ident = #store;
                self
            }
        }
    });
    let serde = serde_impls(
        name,
        fields,
        &[],
        &[],
        |field| !field.required,
        &allow_deprecated,
    );
    let doc = docs::attrs(doc);
    let new_doc = docs::attrs(&new_doc);
    quote! {
        #doc
        #attrs
        #[derive(Debug, Clone, PartialEq)]
        pub struct #name {
            #(#field_defs)*
            extra: serde_json::Map<String, serde_json::Value>,
        }

        #serde

        #allow_deprecated
        impl #name {
            #new_doc
            pub fn new(#(#new_args),*) -> Self {
                Self {
                    #(#init)*
                    extra: serde_json::Map::new(),
                }
            }

            #(#setters)*

            // Documented once in the crate docs ("# Structs"), not on 2,163 items.
            pub fn param(mut self, name: impl Into<String>, value: impl Into<serde_json::Value>) -> Self {
                self.extra.insert(name.into(), value.into());
                self
            }
        }
    }
}

fn record_struct(
    name: &Ident,
    doc: &str,
    body: &StructDef,
    attrs: TokenStream,
    allow_deprecated: Option<TokenStream>,
) -> TokenStream {
    let field_defs = body.fields.iter().map(|field| {
        let doc = docs::attrs(&field.doc);
        let ident = ident(&field.rust_name);
        let ty = field.ty.rust();
        quote!(#doc pub #ident: Option<#ty>,)
    });
    let serde = serde_impls(
        name,
        &body.fields,
        &body.user_fields,
        &body.families,
        |_| true,
        &allow_deprecated,
    );
    let family_defs = super::families::defs(&body.families);
    let (user_field_def, accessor) = user_fields(&body.user_fields);
    let user_field_impl = (!accessor.is_empty()).then(|| {
        quote! {
            #allow_deprecated
            impl #name {
                #accessor
            }
        }
    });
    let doc = docs::attrs(doc);
    let (derive_debug, debug) = if body.mask_extra {
        (quote!(), masked_debug(name, body, &allow_deprecated))
    } else {
        (quote!(Debug,), quote!())
    };
    quote! {
        #doc
        #attrs
        #[derive(#derive_debug Clone, Default, PartialEq)]
        pub struct #name {
            #(#field_defs)*
            #(#family_defs)*
            #user_field_def
            // Documented once in the crate docs ("# Structs").
            pub extra: serde_json::Map<String, serde_json::Value>,
        }

        #serde
        #user_field_impl
        #debug
    }
}

/// `Debug` with `extra` shown through `b24_protocol::events::Redacted`: tokens under keys the
/// docs do not list (a bot's `AUTH` block inside `data`) print as `***`. Documented token
/// fields are `Secret` already.
fn masked_debug(
    name: &Ident,
    body: &StructDef,
    allow_deprecated: &Option<TokenStream>,
) -> TokenStream {
    let name_text = name.to_string();
    let fields = body.fields.iter().map(|field| {
        let ident = ident(&field.rust_name);
        let shown = ident.to_string();
        let shown = shown.trim_start_matches("r#");
        // Untyped JSON may hold tokens anywhere (a bot's `AUTH` inside `data.BOT`).
        match &field.ty {
            Ty::Json => quote!(.field(
                #shown,
                &self.#ident.as_ref().map(b24_protocol::events::RedactedValue),
            )),
            Ty::List(inner) if **inner == Ty::Json => quote!(.field(
                #shown,
                &self.#ident.as_ref().map(|items| {
                    items.iter().map(b24_protocol::events::RedactedValue).collect::<Vec<_>>()
                }),
            )),
            _ => quote!(.field(#shown, &self.#ident)),
        }
    });
    let families = body.families.iter().map(|family| {
        let ident = ident(&family.rust_name);
        let shown = ident.to_string();
        quote!(.field(#shown, &self.#ident))
    });
    quote! {
        #allow_deprecated
        impl std::fmt::Debug for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(#name_text)
                    #(#fields)*
                    #(#families)*
                    .field("extra", &b24_protocol::events::Redacted(&self.extra))
                    .finish()
            }
        }
    }
}

/// The `user_fields` map of an entity with custom fields, and its accessor.
fn user_fields(globs: &[String]) -> (TokenStream, TokenStream) {
    if globs.is_empty() {
        return (TokenStream::new(), TokenStream::new());
    }
    let names = docs::code_list(globs);
    let field_doc = docs::attrs(&format!(
        "User fields ({names}): custom fields each portal defines, by wire name, as sent. \
         Read one with [`Self::user_field`]; their types come from the entity's \
         `*.userfield.list` or `*.fields` method."
    ));
    let accessor_doc = docs::attrs(&format!(
        "The user field `key` ({names}), as sent; `None` when the reply does not have it."
    ));
    (
        quote! {
            #field_doc
            pub user_fields: std::collections::BTreeMap<String, serde_json::Value>,
        },
        quote! {
            #accessor_doc
            pub fn user_field(&self, key: &str) -> Option<&serde_json::Value> {
                self.user_fields.get(key)
            }
        },
    )
}

/// A field's doc: its description (without the paragraphs the crate documentation gives
/// once), then one line that names the field and its owner, so no two items share it.
fn field_doc(param: &Param, source: &str, engine: &TypeEngine<'_>) -> String {
    let mut doc = String::new();
    let (description, shared) = engine
        .common()
        .split(&crate::common_texts::description(param));
    if !description.is_empty() {
        doc.push_str(&docs::markdown(&description, source));
        doc.push_str("\n\n");
    }
    let written = param.ty.written.as_deref().unwrap_or("not documented");
    doc.push_str(&format!(
        "Wire name `{}`{}, documented type `{}`",
        param.name,
        engine.of_owner(),
        written.replace('`', "'")
    ));
    match param.required {
        Required::True => doc.push_str(", required"),
        Required::False => doc.push_str(", optional"),
        // Said once in the crate documentation ("# Parameters") instead of on every field
        // (it was on 7,363 items).
        Required::Unknown => {}
    }
    if !shared.is_empty() {
        doc.push_str(&format!("; described in {}", CommonTexts::links(&shared)));
    }
    doc.push('.');
    if let Some(condition) = &param.required_if {
        doc.push_str(&format!(
            " Required when: {}.",
            docs::markdown(condition, source)
        ));
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
