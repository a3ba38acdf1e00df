//! Families of keys an entity documents by pattern (`PARENT_ID_…`, pattern `PARENT_ID_*`:
//! one key per related smart process, named by the portal). The generator types them as a
//! map beside the named fields; here they get what the docs say of them across a scope:
//! - a family row without a type (`crm-contact-fields.md` writes none) takes the type the
//!   same pattern is written with elsewhere in the scope (`crm_entity` in
//!   `crm-deal-fields.md`), when every written one agrees: one pattern, one family;
//! - keys of the family an example showed (`PARENT_ID_156`, no description of their own)
//!   are instances of it, not fields: they leave the entity's fields (the family takes
//!   them on the wire).

use std::collections::{BTreeMap, HashMap};

use b24_spec::{ReferenceKind, ReferenceType, TypeExpr, pattern_matches};

type Types = BTreeMap<String, ReferenceType>;

/// Types the family rows from their scope and drops the instances an example showed.
pub fn apply(types: &mut Types) {
    // (scope, pattern) → the one type the written rows give it (`None` when they disagree).
    let mut written: HashMap<(String, String), Option<TypeExpr>> = HashMap::new();
    for ty in types.values().filter(|t| t.kind == ReferenceKind::Entity) {
        for field in &ty.fields {
            let (Some(pattern), Some(_)) = (&field.pattern, &field.ty.written) else {
                continue;
            };
            if field.ty.normalized == TypeExpr::Any || !is_family(pattern) {
                continue;
            }
            written
                .entry((scope(&ty.source).to_owned(), pattern.clone()))
                .and_modify(|known| {
                    if known.as_ref() != Some(&field.ty.normalized) {
                        *known = None;
                    }
                })
                .or_insert_with(|| Some(field.ty.normalized.clone()));
        }
    }
    for ty in types
        .values_mut()
        .filter(|t| t.kind == ReferenceKind::Entity)
    {
        let scope = scope(&ty.source).to_owned();
        let patterns: Vec<String> = ty
            .fields
            .iter()
            .filter_map(|f| f.pattern.clone())
            .filter(|p| is_family(p))
            .collect();
        for field in &mut ty.fields {
            let Some(pattern) = &field.pattern else {
                continue;
            };
            if field.ty.normalized == TypeExpr::Any
                && let Some(Some(known)) = written.get(&(scope.clone(), pattern.clone()))
            {
                field.ty.normalized = known.clone();
            }
        }
        ty.fields.retain(|field| {
            let instance = field.pattern.is_none()
                && field.description.trim().is_empty()
                && patterns.iter().any(|p| pattern_matches(p, &field.name));
            !instance
        });
    }
}

/// A pattern with one `*` after a prefix of its own, not the user fields' (`UF_*`,
/// `ufCrm*`, kept apart as `user_fields`).
fn is_family(pattern: &str) -> bool {
    let prefix = pattern.split('*').next().unwrap_or_default();
    pattern.matches('*').count() == 1
        && prefix.len() >= 2
        && !["UF_", "uf_", "ufCrm"]
            .iter()
            .any(|p| pattern.starts_with(p))
}

/// `api-reference/crm` for `api-reference/crm/deals/crm-deal-fields.md`.
fn scope(source: &str) -> &str {
    let mut cut = source.match_indices('/').map(|(at, _)| at);
    match (cut.next(), cut.next()) {
        (Some(_), Some(second)) => &source[..second],
        _ => source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_scopes_and_instances() {
        assert!(is_family("PARENT_ID_*"));
        assert!(is_family("parentId*"));
        assert!(!is_family("UF_CRM_*"));
        assert!(!is_family("*"));
        assert_eq!(
            scope("api-reference/crm/deals/crm-deal-fields.md"),
            "api-reference/crm"
        );
        assert!(pattern_matches("PARENT_ID_*", "PARENT_ID_156"));
        assert!(!pattern_matches("PARENT_ID_*", "PARENT_ID_"));
        assert!(!pattern_matches("parentId*", "PARENT_ID_1"));
    }
}
