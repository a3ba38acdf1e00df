//! A field written with a data type's name (`LIST` [`uf_enum_element[]`](#uf_enum_element))
//! whose fields a table of its own page gives, a part of the type's: the page documents
//! what its method sends (`crm.lead.userfield.add` leaves out `ID`, which a new list item
//! has not), while the data-types page describes the whole object ("`ID` — Идентификатор
//! варианта. Заполняется у существующих вариантов"), which is what replies carry. The
//! field takes the type's fields the page lacks, when most of the page's fields are the
//! type's (the same object, not a word reused for another one). Names compare across
//! casings: the `userfieldconfig.*` pages write the same object in camelCase ("используют
//! для тех же полей запись в camelCase — `id`, `value`, …", `data-types.md`), and the
//! fields added then take the page's casing.

use std::collections::BTreeMap;

use b24_spec::{MethodSpec, Param, ReferenceType, Required};

use super::casing::fold;

type Types = BTreeMap<String, ReferenceType>;

/// Completes such fields in every method and named type.
pub fn apply(types: &mut Types, methods: &mut [MethodSpec]) {
    let known: BTreeMap<String, Vec<Param>> = types
        .values()
        .filter(|t| t.kind != b24_spec::ReferenceKind::Entity && t.fields.len() >= 2)
        .map(|t| (t.name.clone(), t.fields.clone()))
        .collect();
    if known.is_empty() {
        return;
    }
    // Each list of fields on its own: they read only the snapshot.
    super::each_field_list(methods, types, |fields| complete(fields, &known));
}

/// The data type a written type names: `uf_enum_element` of `uf_enum_element[]`, one word
/// (unions name several things).
fn named_word(written: &str) -> Option<&str> {
    let word = written.trim().trim_end_matches("[]");
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.');
    plain.then_some(word)
}

fn complete(fields: &mut [Param], known: &BTreeMap<String, Vec<Param>>) {
    for field in fields.iter_mut() {
        complete(&mut field.fields, known);
        if field.fields.is_empty() {
            continue;
        }
        let Some(whole) = field
            .ty
            .written
            .as_deref()
            .and_then(named_word)
            .and_then(|word| known.get(word))
        else {
            continue;
        };
        let shared = field
            .fields
            .iter()
            .filter(|f| whole.iter().any(|w| fold(&w.name) == fold(&f.name)))
            .count();
        if shared * 2 <= field.fields.len() {
            continue;
        }
        // The page writes camelCase where the type writes UPPER_SNAKE.
        let camel = field
            .fields
            .iter()
            .all(|f| !super::casing::is_upper_snake(&f.name))
            && whole.iter().all(|w| super::casing::is_upper_snake(&w.name));
        for part in whole.iter() {
            if !field
                .fields
                .iter()
                .any(|f| fold(&f.name) == fold(&part.name))
            {
                let mut part = part.clone();
                part.required = Required::False;
                if camel {
                    part.name = super::casing::camel(&part.name);
                }
                field.fields.push(part);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_word_names_a_type() {
        assert_eq!(named_word("uf_enum_element[]"), Some("uf_enum_element"));
        assert_eq!(named_word("crm_status"), Some("crm_status"));
        assert_eq!(named_word("string | lang_map"), None);
    }
}
