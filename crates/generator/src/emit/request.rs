//! The request type of a method (a request struct over its parameters) and its `Method`
//! impl, whose `Output` is the typed result.

use b24_spec::MethodSpec;

use crate::docs;
use crate::model::MethodDef;

use super::engine::{Role, TypeEngine};
use super::{example, lists, response, structs};

/// Emits the types the method uses into `engine` and returns the method, whose request
/// type is named `type_text` (unique in its module, from the layout); the caller adds its
/// errors and defines it after those types. List methods also get
/// `b24_protocol::ListMethod`, naming `field_enum` (the entity's field enum) when there is
/// one.
pub fn method(
    spec: &MethodSpec,
    module: &[String],
    type_text: &str,
    engine: &mut TypeEngine<'_>,
    field_enum: Option<&str>,
) -> MethodDef {
    engine.owner = format!("`{}`", spec.method);
    let body = structs::body(engine, &spec.params, type_text, Role::Request, &spec.source);
    let output = response::output(spec, type_text, engine);

    let deprecated = spec.deprecated.as_ref().map(|deprecation| {
        match (&deprecation.replacement, &deprecation.note) {
            (Some(replacement), _) => format!("use `{replacement}` instead"),
            (None, Some(note)) => note.clone(),
            (None, None) => "the documentation marks this method as outdated".to_owned(),
        }
    });
    let mut doc = docs::method_doc(spec);
    if let Some(example) = example::example(spec, module, type_text, &body, engine) {
        doc.push('\n');
        doc.push_str(&example.doc);
        engine.examples.extend(example.test);
    }
    let v3_fields = super::v3::query_fields(spec, engine);
    let list = lists::is_list(spec)
        .then(|| lists::list_impl(spec, type_text, &output, engine, field_enum))
        .flatten();
    MethodDef {
        request: type_text.to_owned(),
        wire: spec.method.clone(),
        rest_v3: spec.api_version == b24_spec::ApiVersion::RestV3,
        doc,
        deprecated,
        body,
        output,
        required_fields: required_fields(spec),
        v3_fields,
        list,
        errors: None,
        source: spec.source.clone(),
    }
}

/// The fields a parameter typed as a shared entity must carry for this method
/// (`tasks.task.add`: `fields.title`, …), which the entity type cannot require since other
/// methods send it partly. The client checks them before sending.
fn required_fields(spec: &MethodSpec) -> Vec<(String, Vec<String>)> {
    spec.params
        .iter()
        .filter(|param| !param.required_fields.is_empty())
        .map(|param| (param.name.clone(), param.required_fields.clone()))
        .collect()
}
