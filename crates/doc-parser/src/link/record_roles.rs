//! A method of a prefix that is not its `get` or `list` (`user.search`, `user.current`) may
//! still return the prefix's record: its result table (or, lacking one, its example) lists
//! only fields the entity has. Such a result is the entity (a list of it when the result or
//! the example is a list), as `get`'s is; a result that shows one key the entity does not
//! document is something else (a wrapper, a summary) and stays as it was.

use std::collections::BTreeMap;

use b24_spec::{MethodSpec, TypeExpr};

use super::entities::Entity;
use super::{Role, Types, is_open};

/// The fewest result fields read as the record (one or two shared names prove nothing:
/// `ID`, `NAME`).
const MIN_FIELDS: usize = 3;

/// Types such results `ref(E)` / `ref(E)[]`.
pub fn apply(
    methods: &mut [MethodSpec],
    roles: &[Option<Role>],
    built: &BTreeMap<String, Entity>,
    types: &Types,
) {
    for (method, named) in methods.iter_mut().zip(roles) {
        let Some(Role {
            role, entity: name, ..
        }) = named
        else {
            continue;
        };
        // Their own rules (`type_roles`) already read these.
        // (`getFields` describes the fields, it does not hold them.)
        if matches!(role.as_str(), "get" | "list" | "getlist" | "add" | "update")
            || role.ends_with("fields")
        {
            continue;
        }
        let Some(entity) = built.get(name) else {
            continue;
        };
        let response = &mut method.response;
        if !is_open(&response.result, types) || !is_record(&response.fields, &entity.fields) {
            continue;
        }
        // The example shows what the portal sends where the table's kind disagrees
        // (`array` written for PHP's keyed array of one record).
        let shown = response.example_result.as_ref().unwrap_or(&response.result);
        let listed = matches!(shown, TypeExpr::Array(_));
        let entity_ref = TypeExpr::Ref(name.clone());
        response.result = super::list_or_one(entity_ref, listed);
        response.example_result = None;
        response.fields.clear();
    }
}

/// Every result field is a field of the entity, with no fields of its own the entity's
/// would lose, and there are enough of them.
fn is_record(shown: &[b24_spec::Param], fields: &[b24_spec::Param]) -> bool {
    shown.len() >= MIN_FIELDS && is_part(shown, fields)
}

/// Every field of `shown` (and of its nested fields) is one of `fields`, of the same type
/// where the method's table writes one (an example's reading of `"1"` as text says
/// nothing against an integer id).
fn is_part(shown: &[b24_spec::Param], fields: &[b24_spec::Param]) -> bool {
    shown.iter().all(|s| {
        s.pattern.is_none()
            && fields.iter().any(|f| {
                f.name == s.name
                    && (s.ty.written.is_none()
                        || s.ty.normalized == f.ty.normalized
                        || f.ty.normalized == TypeExpr::Any)
                    && is_part(&s.fields, &f.fields)
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use b24_spec::Param;

    fn fields(names: &[&str]) -> Vec<Param> {
        names
            .iter()
            .map(|name| Param {
                name: (*name).to_owned(),
                ..Param::default()
            })
            .collect()
    }

    #[test]
    fn results_listing_only_the_entity_fields_are_the_record() {
        let mut entity = fields(&["ID", "NAME", "EMAIL", "ACTIVE"]);
        entity[0].ty.normalized = TypeExpr::String;
        assert!(is_record(&fields(&["ID", "NAME", "EMAIL"]), &entity));
        assert!(!is_record(&fields(&["ID", "NAME", "TOTAL"]), &entity));
        assert!(!is_record(&fields(&["ID", "NAME"]), &entity));
        let mut nested = fields(&["ID", "NAME", "EMAIL"]);
        nested[2].fields = fields(&["VALUE"]);
        assert!(!is_record(&nested, &entity));
        // A written type the entity does not share.
        let mut typed = fields(&["ID", "NAME", "EMAIL"]);
        typed[0].ty = b24_spec::TypeRef {
            written: Some("integer".to_owned()),
            normalized: TypeExpr::Integer,
        };
        assert!(!is_record(&typed, &entity));
    }
}
