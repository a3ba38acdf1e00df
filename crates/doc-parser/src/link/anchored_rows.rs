//! A reply object described by a link to another method's table: "Поля объекта совпадают с
//! ответом метода [tasks.task.result.add](./tasks-task-result-add.md#item)". The anchor
//! names the row of that page's reply whose table lists the fields (`item`), so the
//! object takes those fields: every method that returns it decodes it alike (the
//! generator gives one struct per shape and module).
//!
//! Only links with an anchor, to another method page, whose anchor is the name of a
//! reply row with fields of its own: a link to the page alone or to a heading that is no
//! row (`#examples`) says nothing about the structure. Runs after the entities are built
//! and the roles typed, so an object typed this way does not make an entity of its own.

use std::collections::HashMap;

use b24_spec::{MethodSpec, Param};

use super::paths;

/// Gives every open reply object that links a row of another method page that row's
/// fields. Returns how many objects were typed.
pub fn apply(methods: &mut [MethodSpec]) -> usize {
    let by_source: HashMap<&str, usize> = methods
        .iter()
        .enumerate()
        .map(|(i, method)| (method.source.as_str(), i))
        .collect();
    // Found first, applied after: a target is never read while another method changes.
    let mut found: Vec<(usize, Vec<usize>, Vec<Param>)> = Vec::new();
    for (at, method) in methods.iter().enumerate() {
        let mut path = Vec::new();
        find(
            &method.response.fields,
            &method.source,
            methods,
            &by_source,
            &mut path,
            &mut |path, fields| found.push((at, path.to_vec(), fields)),
        );
    }
    let typed = found.len();
    for (at, path, fields) in found {
        if let Some(field) = super::shown_types::field_at(&mut methods[at].response.fields, &path) {
            field.fields = fields;
        }
    }
    typed
}

/// Calls `on_found` with the path (indices) of each open field under `fields` that links a
/// row of another method page, and the fields of that row.
fn find(
    fields: &[Param],
    source: &str,
    methods: &[MethodSpec],
    by_source: &HashMap<&str, usize>,
    path: &mut Vec<usize>,
    on_found: &mut dyn FnMut(&[usize], Vec<Param>),
) {
    for (index, field) in fields.iter().enumerate() {
        path.push(index);
        if super::shared_records::is_open(field) {
            let linked = paths::page_links(&field.description, source)
                .into_iter()
                .filter(|link| link.page != source)
                .find_map(|link| {
                    let anchor = link.anchor.as_deref()?;
                    let target = methods.get(*by_source.get(link.page.as_str())?)?;
                    row_fields(&target.response.fields, anchor)
                });
            if let Some(linked) = linked {
                on_found(path, linked);
            }
        } else {
            find(&field.fields, source, methods, by_source, path, on_found);
        }
        path.pop();
    }
}

/// The fields of the row named `anchor` (at any depth), when it has fields of its own.
fn row_fields(fields: &[Param], anchor: &str) -> Option<Vec<Param>> {
    let same = |name: &str| {
        name.len() == anchor.len()
            && name
                .bytes()
                .zip(anchor.bytes())
                .all(|(a, b)| a.eq_ignore_ascii_case(&b) || (a == b'_' && b == b'-'))
    };
    fields.iter().find_map(|field| {
        if same(&field.name) && !field.fields.is_empty() {
            Some(field.fields.clone())
        } else {
            row_fields(&field.fields, anchor)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use b24_spec::TypeExpr;

    fn row(name: &str, ty: TypeExpr, description: &str, fields: Vec<Param>) -> Param {
        let mut param = Param {
            name: name.to_owned(),
            description: description.to_owned(),
            fields,
            ..Param::default()
        };
        param.ty.normalized = ty;
        param
    }

    fn method(name: &str, source: &str, fields: Vec<Param>) -> MethodSpec {
        let mut spec = MethodSpec {
            method: name.to_owned(),
            source: source.to_owned(),
            ..MethodSpec::default()
        };
        spec.response.fields = fields;
        spec
    }

    #[test]
    fn a_link_to_a_row_of_another_method_gives_its_fields() {
        let item = row(
            "item",
            TypeExpr::Object,
            "Объект результата",
            vec![
                row("id", TypeExpr::Integer, "", vec![]),
                row("text", TypeExpr::String, "", vec![]),
            ],
        );
        let mut methods = vec![
            method("x.result.add", "api/x/x-result-add.md", vec![item]),
            method(
                "x.result.update",
                "api/x/x-result-update.md",
                vec![row(
                    "item",
                    TypeExpr::Object,
                    "Поля совпадают с ответом метода [x.result.add](./x-result-add.md#item)",
                    vec![],
                )],
            ),
            method(
                "x.result.list",
                "api/x/x-result-list.md",
                vec![row(
                    "items",
                    TypeExpr::Array(Box::new(TypeExpr::Any)),
                    "Поля совпадают с [x.result.add](./x-result-add.md#item)",
                    vec![],
                )],
            ),
            // A link without an anchor, or to a heading that is no row: nothing to take.
            method(
                "x.result.get",
                "api/x/x-result-get.md",
                vec![
                    row(
                        "item",
                        TypeExpr::Object,
                        "См. [add](./x-result-add.md)",
                        vec![],
                    ),
                    row(
                        "other",
                        TypeExpr::Object,
                        "См. [add](./x-result-add.md#examples)",
                        vec![],
                    ),
                ],
            ),
        ];
        assert_eq!(apply(&mut methods), 2);
        let names = |field: &Param| -> Vec<String> {
            field.fields.iter().map(|f| f.name.clone()).collect()
        };
        assert_eq!(names(&methods[1].response.fields[0]), ["id", "text"]);
        assert_eq!(names(&methods[2].response.fields[0]), ["id", "text"]);
        assert_eq!(
            methods[2].response.fields[0].ty.normalized,
            TypeExpr::Array(Box::new(TypeExpr::Any))
        );
        assert!(
            methods[3]
                .response
                .fields
                .iter()
                .all(|f| f.fields.is_empty())
        );
    }
}
