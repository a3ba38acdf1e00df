//! The request type of a method (a request struct over its parameters) and its `Method`
//! impl, whose `Output` is the typed result.

use b24_spec::MethodSpec;
use quote::quote;

use crate::docs;
use crate::naming::ident;

use super::engine::{Role, TypeEngine};
use super::{example, lists, response, structs};

/// Emits the method's types into `engine` (its own items after the types it uses), the
/// request type named `type_text` (unique in its module, from the layout).
/// List methods also get `b24_protocol::ListMethod`, naming `field_enum` (the entity's
/// field enum) when there is one. Returns whether its output is typed (not
/// `serde_json::Value`).
pub fn method(
    spec: &MethodSpec,
    module: &[String],
    type_text: &str,
    engine: &mut TypeEngine<'_>,
    field_enum: Option<&str>,
) -> bool {
    let name = ident(type_text);
    engine.owner = format!("`{}`", spec.method);
    let body = structs::body(engine, &spec.params, type_text, Role::Request, &spec.source);
    let output = response::output(spec, type_text, engine);
    let typed_output = output.to_string() != quote!(serde_json::Value).to_string();

    let deprecated = spec.deprecated.as_ref().map(|deprecation| {
        let note = match (&deprecation.replacement, &deprecation.note) {
            (Some(replacement), _) => format!("use `{replacement}` instead"),
            (None, Some(note)) => note.clone(),
            (None, None) => "the documentation marks this method as outdated".to_owned(),
        };
        quote!(#[deprecated(note = #note)])
    });
    let allow_deprecated = deprecated.as_ref().map(|_| quote!(#[allow(deprecated)]));
    let mut doc = docs::method_doc(spec);
    if let Some(example) = example::example(spec, module, type_text, &body, engine) {
        doc.push('\n');
        doc.push_str(&example.doc);
        engine.examples.extend(example.test);
    }
    let request = structs::define(&name, &doc, &body, deprecated.unwrap_or_default());
    let method_name = &spec.method;
    let api = (spec.api_version == b24_spec::ApiVersion::RestV3).then(|| {
        quote!(
            const API: b24_protocol::Api = b24_protocol::Api::RestV3;
        )
    });
    let required = required_fields(spec);
    let v3_fields = super::v3::query_fields(spec, engine);
    engine.push(quote! {
        #request

        #allow_deprecated
        impl b24_protocol::Method for #name {
            const NAME: &'static str = #method_name;
            #api
            #required
            #v3_fields
            type Output = #output;
        }
    });
    if lists::is_list(spec)
        && let Some(list) = lists::list_impl(spec, type_text, &output, engine, field_enum)
    {
        engine.push(list);
    }
    typed_output
}

/// `const REQUIRED_FIELDS`: the fields a parameter typed as a shared entity must carry for
/// this method (`tasks.task.add`: `fields.title`, …), which the entity type cannot require
/// since other methods send it partly. The client checks them before sending.
fn required_fields(spec: &MethodSpec) -> Option<proc_macro2::TokenStream> {
    let entries: Vec<_> = spec
        .params
        .iter()
        .filter(|param| !param.required_fields.is_empty())
        .map(|param| {
            let name = &param.name;
            let fields = &param.required_fields;
            quote!((#name, &[#(#fields),*]))
        })
        .collect();
    (!entries.is_empty()).then(|| {
        quote!(const REQUIRED_FIELDS: &'static [(&'static str, &'static [&'static str])] = &[#(#entries),*];)
    })
}
