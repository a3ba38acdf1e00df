//! Results that describe an entity's fields (`x.fields`, `x.getFields`,
//! `sale.property.getfieldsbytype`): maps keyed by field name whose values describe one
//! field each. The families spell the description differently (`{"type", "isRequired", …}`
//! in crm, `{"TYPE", "USE_IN_FILTER", "USE_IN_SHOW"}` on `disk.*.getFields`, `{"title",
//! "type", "values"}` in tasks): each method's map gets the description fields its own
//! examples show (`maps::value_type`), so two families never share one record with every
//! key.

use b24_spec::{Param, TypeExpr};
use serde_json::{Map, Value};

/// A map of field descriptions in a fields method's result: `maps::is_field_description_map`,
/// or each entry with a `TYPE` (`disk.*.getFields`). Only here: elsewhere an object whose
/// records hold a `TYPE` is data (`landing.syspage.get`), not descriptions.
pub fn is_description_map(object: &Map<String, Value>) -> bool {
    super::maps::is_field_description_map(object)
        || (object.len() >= 2
            && object
                .values()
                .all(|v| v.as_object().is_some_and(|o| o.contains_key("TYPE"))))
}

/// Describes the fields read from the examples with the result's own list of them
/// (`disk.file.getFields`: "Структура описания каждого поля: - `TYPE` — тип данных поля,
/// …"): a line `` - `NAME` — text `` gives `NAME` its text, where it has none.
pub fn describe_from_list(fields: &mut [Param], description: &str) {
    for line in description.lines() {
        let Some(item) = line.trim_start().strip_prefix("- `") else {
            continue;
        };
        let Some((name, rest)) = item.split_once('`') else {
            continue;
        };
        let Some(text) = rest.trim_start().strip_prefix('\u{2014}') else {
            continue;
        };
        let text = text.trim();
        if let Some(field) = fields
            .iter_mut()
            .find(|f| f.name == name && f.description.is_empty())
            && !text.is_empty()
        {
            field.description = text.to_owned();
        }
    }
}

/// A method role that returns field descriptions: `fields`, `getFields`, `getfieldsbytype`.
pub fn is_fields_role(role: &str) -> bool {
    let role = role.to_ascii_lowercase();
    role == "fields" || role.starts_with("getfields")
}

/// What a description map may replace in a fields method: a result or field the docs type
/// no more than an object or PHP's `array` (`disk.file.getFields`: "Массив с описанием
/// полей"), or a named type whose fields the map describes rather than holds
/// (`sale.property.getfieldsbytype` `property`, typed as the property it describes).
pub fn replaceable(expr: &TypeExpr) -> bool {
    match expr {
        TypeExpr::Object | TypeExpr::Any | TypeExpr::Ref(_) => true,
        TypeExpr::Array(inner) => **inner == TypeExpr::Any,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_and_types() {
        assert!(is_fields_role("fields"));
        assert!(is_fields_role("getFields"));
        assert!(is_fields_role("getfieldsbytype"));
        assert!(!is_fields_role("get"));
        assert!(!is_fields_role("userfields"));
        assert!(replaceable(&TypeExpr::Array(Box::new(TypeExpr::Any))));
        assert!(!replaceable(&TypeExpr::Array(Box::new(TypeExpr::String))));
        assert!(!replaceable(&TypeExpr::Integer));
        let disk = serde_json::json!({
            "ID": {"TYPE": "integer", "USE_IN_FILTER": true},
            "NAME": {"TYPE": "string", "USE_IN_FILTER": true}
        });
        assert!(disk.as_object().is_some_and(is_description_map));
        let mut fields = vec![
            Param {
                name: "TYPE".to_owned(),
                ..Param::default()
            },
            Param {
                name: "USE_IN_SHOW".to_owned(),
                description: "kept".to_owned(),
                ..Param::default()
            },
        ];
        describe_from_list(
            &mut fields,
            "Fields:\n- `TYPE` \u{2014} the type\n- `USE_IN_SHOW` \u{2014} shown\n- `X` \u{2014} none",
        );
        assert_eq!(fields[0].description, "the type");
        assert_eq!(fields[1].description, "kept");
        let one = serde_json::json!({"ID": {"TYPE": "integer"}});
        assert!(!one.as_object().is_some_and(is_description_map));
    }
}
