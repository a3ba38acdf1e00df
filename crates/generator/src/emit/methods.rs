//! Rendering of a method of the model ([`MethodDef`]): its request struct and
//! `b24_protocol::Method` impl, then its `ListMethod` impl, its error enum and the request
//! type's inherent items (`DOCS_PAGE`, `error`).

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::{Envelope, MethodDef, Output};
use crate::naming::ident;

use super::{errors, lists, request_extras, structs};

/// The method's entries, in order; a file split keeps each entry whole.
pub fn render(def: &MethodDef) -> Vec<TokenStream> {
    let mut entries = vec![method(def)];
    entries.extend(def.list.as_ref().map(lists::render_list));
    entries.extend(
        def.errors
            .as_ref()
            .map(|errors| errors::render(errors, &def.request)),
    );
    entries.push(request_extras::inherent_impl(def));
    entries
}

/// The request struct and the `Method` impl.
fn method(def: &MethodDef) -> TokenStream {
    let name = ident(&def.request);
    let deprecated = deprecated_attr(def.deprecated.as_deref());
    let allow_deprecated = def
        .deprecated
        .as_ref()
        .map(|_| quote!(#[allow(deprecated)]));
    let request = structs::define(&name, &def.doc, &def.body, deprecated);
    let method_name = &def.wire;
    let api = def.rest_v3.then(|| {
        quote!(
            const API: b24_protocol::Api = b24_protocol::Api::RestV3;
        )
    });
    let required = required_fields(&def.required_fields);
    let v3_fields = def.v3_fields.as_ref().map(super::v3::render_query_fields);
    let output = output(&def.output);
    quote! {
        #request

        #allow_deprecated
        impl b24_protocol::Method for #name {
            const NAME: &'static str = #method_name;
            #api
            #required
            #v3_fields
            type Output = #output;
        }
    }
}

/// The Rust type of `Method::Output`.
fn output(output: &Output) -> TokenStream {
    match output {
        Output::Ty(ty) => ty.rust(),
        Output::Nullable(ty) => {
            let ty = ty.rust();
            quote!(Option<#ty>)
        }
        Output::FieldDescriptions => {
            quote!(std::collections::BTreeMap<String, b24_protocol::FieldDescription>)
        }
        Output::V3(envelope, inner) => {
            let inner = inner.rust();
            match envelope {
                Envelope::Outcome => quote!(b24_protocol::v3::Outcome<#inner>),
                Envelope::Item => quote!(b24_protocol::v3::Item<#inner>),
                Envelope::Items => quote!(b24_protocol::v3::Items<#inner>),
            }
        }
    }
}

/// `#[deprecated(note = …)]`, or nothing.
pub fn deprecated_attr(note: Option<&str>) -> TokenStream {
    note.map(|note| quote!(#[deprecated(note = #note)]))
        .unwrap_or_default()
}

/// `const REQUIRED_FIELDS`, when a parameter requires fields of its entity.
fn required_fields(required: &[(String, Vec<String>)]) -> Option<TokenStream> {
    let entries: Vec<_> = required
        .iter()
        .map(|(name, fields)| quote!((#name, &[#(#fields),*])))
        .collect();
    (!entries.is_empty()).then(|| {
        quote!(const REQUIRED_FIELDS: &'static [(&'static str, &'static [&'static str])] = &[#(#entries),*];)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ErrorsDef, ListDef, ListFields, Role, StructDef};
    use crate::types::{NamedKind, Ty};

    fn lead() -> Ty {
        Ty::named("Lead", NamedKind::Struct)
    }

    fn def() -> MethodDef {
        MethodDef {
            request: "CrmLeadList".to_owned(),
            wire: "crm.lead.list".to_owned(),
            rest_v3: false,
            doc: String::new(),
            deprecated: None,
            body: StructDef {
                role: Role::Request,
                fields: Vec::new(),
                open_ended: Vec::new(),
                user_fields: Vec::new(),
                families: Vec::new(),
                mask_extra: false,
            },
            output: Output::Ty(Ty::list(lead())),
            required_fields: Vec::new(),
            v3_fields: None,
            list: None,
            errors: None,
            source: "api-reference/crm/leads/crm-lead-list.md".to_owned(),
        }
    }

    /// Each entry's first line that names an item.
    fn heads(entries: &[TokenStream]) -> Vec<String> {
        entries
            .iter()
            .map(|entry| {
                let text = entry.to_string();
                [
                    "pub struct",
                    "impl b24_protocol :: ListMethod",
                    "pub enum",
                    "impl",
                ]
                .iter()
                .find(|head| text.contains(*head))
                .map_or(String::new(), |head| (*head).to_owned())
            })
            .collect()
    }

    #[test]
    fn a_method_renders_its_struct_list_errors_and_inherent_items_in_order() {
        let mut full = def();
        full.list = Some(ListDef {
            request: full.request.clone(),
            deprecated: false,
            item: lead(),
            items_key: None,
            id_field: "ID".to_owned(),
            fields: ListFields::Enum("LeadField".to_owned()),
            v3_paging: None,
        });
        full.errors = Some(ErrorsDef {
            name: "CrmLeadListError".to_owned(),
            method: full.wire.clone(),
            codes: Vec::new(),
        });
        let entries = render(&full);
        assert_eq!(
            heads(&entries),
            [
                "pub struct",
                "impl b24_protocol :: ListMethod",
                "pub enum",
                "impl"
            ]
        );
        let inherent = entries[3].to_string();
        assert!(
            inherent.contains("Option < CrmLeadListError >"),
            "{inherent}"
        );
        let list = entries[1].to_string();
        assert!(list.contains("Some (LeadField :: NAMES)"), "{list}");
        // Without a list and errors: the struct and the inherent items, no `error`.
        let bare = render(&def());
        assert_eq!(heads(&bare), ["pub struct", "impl"]);
        assert!(!bare[1].to_string().contains("fn error"));
    }
}
