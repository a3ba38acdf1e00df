//! Lists of records the table types `object[]` without saying what a record holds
//! ("Состав объекта зависит от переданных полей в `select`": `workgroups`): the keys the
//! examples show are the records' fields, read leniently like every shown type, so that
//! they are typed instead of landing whole in a `Value`. A list whose description links
//! to another page is described there (the link rules), and one whose examples show
//! anything but records with named keys stays as it is.

use b24_spec::{Param, TypeExpr};
use serde_json::Value;

use super::shown::shape;

/// `object[]` with no fields, no values and no link to another page.
pub fn is_open(field: &Param, source: &str) -> bool {
    field.fields.is_empty()
        && field.enum_values.is_empty()
        && field.pattern.is_none()
        && matches!(&field.ty.normalized, TypeExpr::Array(inner) if **inner == TypeExpr::Object)
        && super::paths::page_links(&field.description, source).is_empty()
}

/// Gives an open list of records the fields its examples' records agree on; `true` when
/// it did.
pub fn type_items(field: &mut Param, values: &[&Value]) -> bool {
    match shape(values) {
        Some((TypeExpr::Array(item), fields))
            if *item == TypeExpr::Object && !fields.is_empty() =>
        {
            field.fields = fields;
            true
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn list(description: &str) -> Param {
        Param {
            name: "workgroups".to_owned(),
            ty: b24_spec::TypeRef {
                written: Some("object[]".to_owned()),
                normalized: TypeExpr::Array(Box::new(TypeExpr::Object)),
            },
            description: description.to_owned(),
            ..Param::default()
        }
    }

    #[test]
    fn records_shown_give_the_fields_and_other_lists_stay() {
        let mut groups = list("Список рабочих групп");
        assert!(is_open(&groups, "a/b.md"));
        let shown = [json!([{"id": 1, "name": "a"}, {"id": 2, "name": "b"}])];
        assert!(type_items(&mut groups, &[&shown[0]]));
        let names: Vec<&str> = groups.fields.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["id", "name"]);
        assert_eq!(groups.fields[0].ty.normalized, TypeExpr::Integer);
        // Ids in a list typed `object[]`: not records, nothing to add.
        let mut ids = list("");
        assert!(!type_items(&mut ids, &[&json!([1, 2])]));
        // Described on another page: for the link rules.
        assert!(!is_open(&list("Поля [группы](./group.md)"), "a/b.md"));
    }
}
