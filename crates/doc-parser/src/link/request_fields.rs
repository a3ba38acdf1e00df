//! Records a `get`/`list` page shows only in its example (no field table, no link to a
//! field page): `user.get` prints a user with 24 keys, while `user.add` and `user.update`
//! list every field of the profile as their own parameters (`PERSONAL_*`, `WORK_*`), not
//! under a `fields` parameter. Those tables are the only place the docs type the fields the
//! example leaves out, so the record takes them (the `fields` parameter of an `add`/
//! `update` is merged by `build_entities` already).
//!
//! What is only a request shape stays out of the record: query parameters, the custom
//! fields (`UF_*`, kept in the entity's user-field map), and a file the request uploads as
//! `[name, base64]`: the record holds the file's link (`user.get`: "возвращает ссылку на
//! исходное изображение"). Other open arrays and objects of a request table say nothing of
//! what the record holds, so they keep the data untyped (`any`) rather than fail to decode.
//!
//! The same `get`/`list` page may name, in its filter's text, the fields that hold dates
//! ("Значения полей с датой и временем … Это относится к полям `TIMESTAMP_X`, …") that its
//! example prints as `{}`: those are `datetime | object` (text on the wire, `{}` in the
//! docs' example).

use std::collections::{BTreeMap, BTreeSet};

use b24_spec::{MethodSpec, Param, TypeExpr};

use super::entities::Entity;
use super::{Role, is_query_param};
use crate::lexicon::shapes as lx;

/// Merges the flat parameters of the `add`/`update` methods into the records their prefix's
/// `get`/`list` example alone describes, and types the date fields the get/list text names.
pub(super) fn apply(
    methods: &[MethodSpec],
    roles: &[Option<Role>],
    built: &mut BTreeMap<String, Entity>,
) {
    // Decided before any merge: after `add` the entity has written types.
    let shown_only: BTreeSet<String> = built
        .iter()
        .filter(|(_, e)| !e.fields.is_empty() && e.fields.iter().all(|f| f.ty.written.is_none()))
        .map(|(name, _)| name.clone())
        .collect();
    for role in ["get", "list", "add", "update"] {
        for (method, named) in methods.iter().zip(roles) {
            let Some(named) = named.as_ref().filter(|n| n.role == role) else {
                continue;
            };
            if !shown_only.contains(&named.entity) {
                continue;
            }
            let Some(entity) = built.get_mut(&named.entity) else {
                continue;
            };
            if matches!(role, "get" | "list") {
                date_fields(method, entity);
            } else if let Some(fields) = record_fields(method, entity) {
                entity.merge(&fields);
            }
        }
    }
}

/// The parameters of a flat `add`/`update` as fields of the record, when they describe it:
/// no `fields` parameter, and at least three of them (a third of the record's fields) are
/// keys the example shows.
fn record_fields(method: &MethodSpec, entity: &Entity) -> Option<Vec<Param>> {
    if method
        .params
        .iter()
        .any(|p| p.name.eq_ignore_ascii_case("fields"))
    {
        return None;
    }
    let candidates: Vec<&Param> = method
        .params
        .iter()
        .filter(|p| p.pattern.is_none() && !is_query_param(&p.name) && !p.name.starts_with("UF_"))
        .collect();
    let shown = candidates
        .iter()
        .filter(|p| entity.fields.iter().any(|f| f.name == p.name))
        .count();
    if shown < 3 || shown * 3 < entity.fields.len() {
        return None;
    }
    Some(candidates.into_iter().map(as_record_field).collect())
}

/// A request parameter as a field of the record: optional, and open shapes as the record
/// holds them (a file upload is the file's link; any other open array or object `any`).
fn as_record_field(param: &Param) -> Param {
    let mut field = param.clone();
    field.required = b24_spec::Required::default();
    let open = field.fields.is_empty()
        && matches!(
            field.ty.normalized,
            TypeExpr::Array(_) | TypeExpr::Object | TypeExpr::File
        );
    if open {
        field.ty.normalized = if uploads_a_file(&field.description) {
            TypeExpr::String
        } else {
            TypeExpr::Any
        };
    }
    field
}

/// "передавайте массив из имени файла и строки с [Base64](../files/how-to-upload-files.md)".
fn uploads_a_file(description: &str) -> bool {
    description.contains("how-to-upload-files.md")
}

/// Fields the page's text calls date fields, which the example printed as `{}`: they are
/// `datetime | object`.
fn date_fields(method: &MethodSpec, entity: &mut Entity) {
    let mut named = BTreeSet::new();
    for param in &method.params {
        named.extend(named_date_fields(&param.description));
    }
    for field in &mut entity.fields {
        let shown_as_object = field.ty.written.is_none()
            && field.ty.normalized == TypeExpr::Object
            && field.fields.is_empty();
        if shown_as_object && named.contains(field.name.as_str()) {
            field.ty.normalized = TypeExpr::Union(vec![TypeExpr::DateTime, TypeExpr::Object]);
        }
    }
}

/// The backticked names after "относится к полям" in a sentence about fields with dates.
fn named_date_fields(description: &str) -> Vec<&str> {
    let mut names = Vec::new();
    for sentence in description.split(['\n', '.']) {
        let Some(at) = sentence.find(lx::APPLIES_TO_FIELDS) else {
            continue;
        };
        if !crate::letters::has_folded(description, lx::DATE_FIELDS) {
            continue;
        }
        let rest = &sentence[at + lx::APPLIES_TO_FIELDS.len()..];
        names.extend(
            rest.split('`')
                .skip(1)
                .step_by(2)
                .filter(|name| !name.is_empty()),
        );
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_fields_are_the_names_after_the_phrase() {
        let text = "Значения полей с датой и временем передавайте в формате ISO 8601, например \
            `2020-01-01T00:00:00+03:00`. Это относится к полям `TIMESTAMP_X`, `LAST_LOGIN` и \
            к пользовательским полям";
        assert_eq!(named_date_fields(text), ["TIMESTAMP_X", "LAST_LOGIN"]);
        assert!(named_date_fields("Это относится к полям `A`").is_empty());
    }

    #[test]
    fn uploads_are_links_and_other_open_shapes_any() {
        let mut photo = Param {
            name: "PHOTO".to_owned(),
            description: "Файл, [Base64](../files/how-to-upload-files.md)".to_owned(),
            required: b24_spec::Required::True,
            ..Param::default()
        };
        photo.ty.normalized = TypeExpr::Array(Box::new(TypeExpr::Any));
        let field = as_record_field(&photo);
        assert_eq!(field.ty.normalized, TypeExpr::String);
        assert!(!field.required.is_true());
        photo.description = "Логотип".to_owned();
        assert_eq!(as_record_field(&photo).ty.normalized, TypeExpr::Any);
    }
}
