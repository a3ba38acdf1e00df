//! A field linked to an entity whose fields are UPPER_SNAKE (`crm_multifield`: `TYPE_ID`,
//! `VALUE_TYPE`) while its description lists the structure's keys in camelCase
//! ("Структура мультиполя: `typeId`, `valueType`, `value`", what the `crm.item` replies
//! send): the field holds the entity's fields under their camelCase names, as an object
//! of its own. The parser reads such a list as the field's values; they are its keys.

use std::collections::{BTreeMap, BTreeSet};

use b24_spec::{MethodSpec, Param, ReferenceType, TypeExpr};

/// A name without case and underscores: `settings` and `SETTINGS`, `editFormLabel` and
/// `EDIT_FORM_LABEL`, `XML_ID` and `xmlId` are one key in two casings.
pub fn fold(name: &str) -> String {
    name.chars()
        .filter(|c| *c != '_')
        .flat_map(char::to_lowercase)
        .collect()
}

/// Rewrites such fields in every type and method. Each reads the entities as they were
/// before any field was rewritten: a copy of those that a field with listed keys names.
pub fn apply(types: &mut BTreeMap<String, ReferenceType>, methods: &mut [MethodSpec]) {
    let mut named = BTreeSet::new();
    let lists = types
        .values()
        .map(|ty| &ty.fields)
        .chain(methods.iter().flat_map(|m| [&m.params, &m.response.fields]));
    for fields in lists {
        names_with_keys(fields, &mut named);
    }
    let before: BTreeMap<String, ReferenceType> = named
        .into_iter()
        .filter_map(|name| types.get(&name).map(|ty| (name, ty.clone())))
        .collect();
    super::each_field_list(methods, types, |fields| camel_twins(fields, &before));
}

/// The types named by fields (at any depth) that list keys, which [`camel_twins`] reads.
fn names_with_keys(fields: &[Param], named: &mut BTreeSet<String>) {
    for field in fields {
        names_with_keys(&field.fields, named);
        if let Some((name, _)) = keyed_ref(field) {
            named.insert(name.to_owned());
        }
    }
}

/// The type a field that lists values names (`ref(X)`, or `ref(X)[]`: then `true`).
fn keyed_ref(field: &Param) -> Option<(&str, bool)> {
    if field.enum_values.len() < 2 {
        return None;
    }
    let array = matches!(field.ty.normalized, TypeExpr::Array(_));
    super::variant_keys::entity_of(&field.ty.normalized).map(|name| (name, array))
}

/// Rewrites such fields in `fields` (and nested ones).
fn camel_twins(fields: &mut [Param], types: &BTreeMap<String, ReferenceType>) {
    for field in fields.iter_mut() {
        camel_twins(&mut field.fields, types);
        let Some((name, array)) = keyed_ref(field) else {
            continue;
        };
        let Some(entity) = types.get(name) else {
            continue;
        };
        if entity.fields.is_empty() || !entity.fields.iter().all(|f| is_upper_snake(&f.name)) {
            continue;
        }
        let twins: Vec<Param> = entity
            .fields
            .iter()
            .map(|f| Param {
                name: camel(&f.name),
                ..f.clone()
            })
            .collect();
        let keys_listed = field
            .enum_values
            .iter()
            .all(|v| twins.iter().any(|t| t.name == v.value));
        if !keys_listed {
            continue;
        }
        field.enum_values.clear();
        field.fields = twins;
        field.ty.normalized = super::list_or_one(TypeExpr::Object, array);
    }
}

/// `TYPE_ID`, `VALUE`: capitals, digits and underscores, one letter at least.
pub(super) fn is_upper_snake(name: &str) -> bool {
    name.bytes().any(|b| b.is_ascii_uppercase())
        && name
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
}

/// `VALUE_TYPE` → `valueType`.
pub(super) fn camel(upper: &str) -> String {
    let mut out = String::with_capacity(upper.len());
    for (i, word) in upper.split('_').filter(|w| !w.is_empty()).enumerate() {
        let lower = word.to_ascii_lowercase();
        if i == 0 {
            out.push_str(&lower);
        } else {
            let mut chars = lower.chars();
            if let Some(first) = chars.next() {
                out.push(first.to_ascii_uppercase());
                out.extend(chars);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::camel;

    #[test]
    fn upper_snake_reads_as_camel_case() {
        assert_eq!(camel("VALUE_TYPE"), "valueType");
        assert_eq!(camel("ID"), "id");
        assert_eq!(camel("TYPE_ID"), "typeId");
    }
}
