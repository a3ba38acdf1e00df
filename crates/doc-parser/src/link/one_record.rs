//! One entity for a record several method families document, each under its own prefix:
//! the user field of `crm.lead.userfield.*`, `crm.deal.userfield.*`, … and
//! `crm.userfield.fields`. Each prefix's pages made an entity of their own (the same
//! twenty fields and the same `SETTINGS`, some typed only from an example); they become
//! the one entity of the family whose page describes the record (a `*-fields.md` page
//! first), and every `ref(…)` to the others points at it.
//!
//! Two entities are one record when
//! - they live under the same top-level module (a scope feature of the generated crate:
//!   `task.item.userfield` does not join `crm.userfield`, whose module `tasks` alone
//!   could not see),
//! - they carry an object documented per variant (`SETTINGS`, one tab per `USER_TYPE_ID`:
//!   the records [`super::shared_records`] pooled), and share most field names exactly
//!   (casing counts: `userfieldconfig`'s camelCase record is another wire format),
//! - their fields agree: the same type, or one a part of the other (`string` and
//!   `string | map(string)`: "строка или `lang_map`"), or the same data type written with
//!   and without `[]` (`uf_enum_element`), or one only an example showed (no type written)
//!   where the other's table gives one. A family whose table says something else keeps
//!   its own entity.
//!
//! A record of another scope that stays apart (`task.item.userfield`) still takes the
//! wider type another page documents for one of its keys: `SETTINGS.DEFAULT_VALUE` is
//! `string` on the tasks page, `string | integer | double | object` on the CRM pages,
//! and the tasks example shows `0` and `{"TYPE": "NONE", …}`.

use std::collections::{BTreeMap, HashSet};

use b24_spec::{MethodSpec, Param, ReferenceKind, ReferenceType, Required, TypeExpr};

type Types = BTreeMap<String, ReferenceType>;

/// Merges the entities that are one record.
pub fn apply(types: &mut Types, methods: &mut [MethodSpec]) {
    let mut candidates: Vec<&ReferenceType> = types
        .values()
        .filter(|t| t.kind == ReferenceKind::Entity && has_variant_object(&t.fields))
        .collect();
    // The page that describes the record itself names the shared entity.
    candidates.sort_by_key(|t| (!t.source.ends_with("-fields.md"), t.name.clone()));
    let mut taken: HashSet<&str> = HashSet::new();
    let mut groups: Vec<(String, Vec<Param>, Vec<String>)> = Vec::new();
    for (at, first) in candidates.iter().enumerate() {
        if taken.contains(first.name.as_str()) {
            continue;
        }
        let mut fields = first.fields.clone();
        let mut members = Vec::new();
        for other in &candidates[at + 1..] {
            if taken.contains(other.name.as_str())
                || root(first) != root(other)
                || !same_record(&fields, &other.fields)
            {
                continue;
            }
            if let Some(merged) = merge(&fields, &other.fields) {
                fields = merged;
                members.push(other.name.clone());
                taken.insert(other.name.as_str());
            }
        }
        if !members.is_empty() {
            taken.insert(first.name.as_str());
            groups.push((first.name.clone(), fields, members));
        }
    }
    let wider: Vec<(String, Vec<Param>)> = candidates
        .iter()
        .map(|t| (t.name.clone(), t.fields.clone()))
        .collect();
    let mut renamed: BTreeMap<String, String> = BTreeMap::new();
    for (kept, fields, members) in groups {
        if let Some(ty) = types.get_mut(&kept) {
            ty.fields = fields;
        }
        for member in members {
            types.remove(&member);
            renamed.insert(member, kept.clone());
        }
    }
    for (name, fields) in &wider {
        if renamed.contains_key(name) {
            continue;
        }
        for (other, others) in &wider {
            if other != name
                && same_record(fields, others)
                && let Some(ty) = types.get_mut(name)
            {
                widen(&mut ty.fields, others);
            }
        }
    }
    if renamed.is_empty() {
        return;
    }
    let mut retarget = |expr: &mut TypeExpr| {
        if let TypeExpr::Ref(name) = expr
            && let Some(kept) = renamed.get(name.as_str())
        {
            kept.clone_into(name);
        }
    };
    for method in methods.iter_mut() {
        let response = &mut method.response;
        let fields = method.params.iter_mut().chain(&mut response.fields);
        fields.for_each(|field| field.for_each_ref_mut(&mut retarget));
        response.result.for_each_ref_mut(&mut retarget);
        if let Some(shown) = &mut response.example_result {
            shown.for_each_ref_mut(&mut retarget);
        }
    }
    for ty in types.values_mut() {
        ty.fields
            .iter_mut()
            .for_each(|field| field.for_each_ref_mut(&mut retarget));
    }
}

/// The top-level module: the scope feature the generated type lives under.
fn root(ty: &ReferenceType) -> &str {
    let module = ty.module.as_deref().unwrap_or(&ty.name);
    module.split(['.', '_']).next().unwrap_or(module)
}

/// A field whose keys the docs give per variant (`SETTINGS` of the user field).
fn has_variant_object(fields: &[Param]) -> bool {
    fields
        .iter()
        .any(|f| f.fields.iter().any(|k| !k.variants.is_empty()))
}

/// Two entities are one record when they share most field names, as the records
/// [`super::shared_records`] pools.
fn same_record(a: &[Param], b: &[Param]) -> bool {
    let names = |fields: &[Param]| {
        fields
            .iter()
            .map(|f| f.name.clone())
            .collect::<HashSet<_>>()
    };
    super::shared_records::same_record(&names(a), &names(b))
}

/// The fields of one record as both lists describe it, or `None` when they disagree.
/// A key only one list has stays optional: the other family does not promise it.
fn merge(a: &[Param], b: &[Param]) -> Option<Vec<Param>> {
    let mut merged = Vec::with_capacity(a.len().max(b.len()));
    for field in a {
        match b.iter().find(|other| other.name == field.name) {
            Some(other) => merged.push(merge_field(field, other)?),
            None => merged.push(optional(field.clone())),
        }
    }
    for other in b {
        if !a.iter().any(|field| field.name == other.name) {
            merged.push(optional(other.clone()));
        }
    }
    Some(merged)
}

fn optional(mut field: Param) -> Param {
    if field.required.is_true() {
        field.required = Required::False;
    }
    field
}

/// One field as two pages describe it; the first page's words win where both give them.
fn merge_field(a: &Param, b: &Param) -> Option<Param> {
    let shown = |p: &Param| p.ty.written.is_none();
    // The documented side gives the type; an example's guess never overrides a table.
    let (mut kept, other) = if shown(a) && !shown(b) {
        (b.clone(), a)
    } else {
        (a.clone(), b)
    };
    if !(shown(a) ^ shown(b)) && kept.ty.normalized != other.ty.normalized {
        if contains(&other.ty.normalized, &kept.ty.normalized) {
            kept.ty = other.ty.clone();
        } else if contains(&kept.ty.normalized, &other.ty.normalized) {
        } else if same_data_type(&kept, other) {
            // `uf_enum_element` and `uf_enum_element[]`: the side that gives the
            // structure (the list with its keys) describes what is sent.
            if structure(other) > structure(&kept) {
                kept.ty = other.ty.clone();
                kept.fields = other.fields.clone();
            }
        } else {
            return None;
        }
    }
    match (kept.fields.is_empty(), other.fields.is_empty()) {
        (true, false) if !shown(other) || shown(&kept) => kept.fields = other.fields.clone(),
        (false, false) => kept.fields = merge(&kept.fields, &other.fields)?,
        _ => {}
    }
    for variant in &other.variants {
        if !kept.variants.is_empty() && !kept.variants.contains(variant) {
            kept.variants.push(variant.clone());
        }
    }
    if kept.description.trim().is_empty() {
        kept.description = other.description.clone();
    }
    if kept.enum_values.is_empty() {
        kept.enum_values = other.enum_values.clone();
    }
    // Required on one page only, or unknown on one: not promised by every family.
    if kept.required != other.required {
        kept.required = Required::False;
    }
    Some(kept)
}

/// Gives each documented field of `fields` the type `others` documents for the same key
/// when that type contains it (at any depth).
fn widen(fields: &mut [Param], others: &[Param]) {
    for field in fields {
        let Some(other) = others.iter().find(|o| o.name == field.name) else {
            continue;
        };
        if field.ty.written.is_some()
            && other.ty.written.is_some()
            && other.ty.normalized != field.ty.normalized
            && contains(&other.ty.normalized, &field.ty.normalized)
        {
            field.ty = other.ty.clone();
        }
        widen(&mut field.fields, &other.fields);
    }
}

/// `string | map(string)` contains `string`.
fn contains(wide: &TypeExpr, narrow: &TypeExpr) -> bool {
    match (wide, narrow) {
        (TypeExpr::Union(members), TypeExpr::Union(inner)) => {
            inner.iter().all(|n| members.contains(n))
        }
        (TypeExpr::Union(members), _) => members.contains(narrow),
        _ => false,
    }
}

/// Both written with the same data type word, one with `[]`.
fn same_data_type(a: &Param, b: &Param) -> bool {
    let word = |p: &Param| {
        p.ty.written
            .as_deref()
            .map(|w| w.trim().trim_end_matches("[]").trim().to_owned())
    };
    matches!((word(a), word(b)), (Some(x), Some(y)) if !x.is_empty() && x == y)
}

/// How much of a structure a field gives: its keys, and a list over a bare name.
fn structure(field: &Param) -> (usize, bool) {
    (
        field.fields.len(),
        matches!(field.ty.normalized, TypeExpr::Array(_)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use b24_spec::TypeRef;

    fn field(name: &str, written: Option<&str>, ty: TypeExpr) -> Param {
        Param {
            name: name.to_owned(),
            ty: TypeRef {
                written: written.map(str::to_owned),
                normalized: ty,
            },
            ..Param::default()
        }
    }

    #[test]
    fn documented_types_win_and_parts_widen() {
        let shown = field("ID", None, TypeExpr::String);
        let documented = field("ID", Some("integer"), TypeExpr::Integer);
        let merged = merge_field(&shown, &documented).expect("agree");
        assert_eq!(merged.ty.normalized, TypeExpr::Integer);
        let text = field("LABEL", Some("string"), TypeExpr::String);
        let both = TypeExpr::Union(vec![
            TypeExpr::String,
            TypeExpr::Map(Box::new(TypeExpr::String)),
        ]);
        let lang = field("LABEL", Some("string | lang_map"), both.clone());
        assert_eq!(
            merge_field(&text, &lang).expect("a part").ty.normalized,
            both
        );
        let number = field("LABEL", Some("integer"), TypeExpr::Integer);
        assert!(merge_field(&text, &number).is_none());
    }
}
