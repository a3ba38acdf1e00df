//! A result documented once per tab (`{% list tabs %}`: "Одиночное событие" returns the
//! id, "Повторяемое событие" an object): each tab has its own returns table with a
//! `result` row. Reading only the first one typed the result by one tab and left the
//! other tab's replies undecodable; here the kinds become a union (`integer | object`)
//! whose object member has the fields of the tab that lists them.
//!
//! Only when the kinds look different in JSON and at most one tab lists fields: two
//! tables that disagree about one shape are not variants, and stay as they were read.

use b24_spec::TypeExpr;

use crate::diagnostics::Diagnostics;

use super::fields::FieldTable;
use super::response::{FromTable, has_row, read_table};

/// `main` with the other returns tables' kinds, when they are variants of the result.
pub(super) fn merge(
    main: FromTable,
    tables: &[FieldTable<'_>],
    used: &mut [bool],
    path: &str,
    diags: &mut Diagnostics,
) -> FromTable {
    let Some(main_kind) = main.kind.clone() else {
        return main;
    };
    let mut trial = used.to_vec();
    let mut trial_diags = Diagnostics::default();
    let mut variants = Vec::new();
    for index in 0..tables.len() {
        if !trial[index] && has_row(&tables[index].entries, "result") {
            variants.push(read_table(
                tables,
                index,
                &mut trial,
                path,
                &mut trial_diags,
            ));
        }
    }
    if variants.is_empty() {
        return main;
    }
    let mut kinds = vec![main_kind];
    let mut shapes = Vec::new();
    for kind in variants.iter().map(|v| v.kind.clone()) {
        let Some(kind) = kind else { return main };
        kinds.push(kind);
    }
    for kind in &kinds {
        match shape(kind) {
            Some(s) if !shapes.contains(&s) => shapes.push(s),
            _ => return main,
        }
    }
    let with_fields = std::iter::once(&main)
        .chain(&variants)
        .filter(|t| !t.fields.is_empty())
        .count();
    if with_fields > 1 {
        return main;
    }
    used.copy_from_slice(&trial);
    diags.extend(trial_diags.into_vec());
    let mut out = main;
    for variant in variants {
        if !variant.description.is_empty() && !out.description.contains(&variant.description) {
            if !out.description.is_empty() {
                out.description.push_str("; ");
            }
            out.description.push_str(&variant.description);
        }
        if !variant.fields.is_empty() {
            out.fields = variant.fields;
        }
    }
    out.kind = Some(TypeExpr::Union(kinds));
    out
}

/// What a kind looks like in JSON; `None` for kinds a union cannot tell apart.
fn shape(kind: &TypeExpr) -> Option<u8> {
    Some(match kind {
        TypeExpr::Boolean => 0,
        TypeExpr::Integer | TypeExpr::Number => 1,
        TypeExpr::String | TypeExpr::Date | TypeExpr::DateTime => 2,
        TypeExpr::Array(_) => 3,
        TypeExpr::Object | TypeExpr::Map(_) => 4,
        TypeExpr::Ref(_) | TypeExpr::File | TypeExpr::Any | TypeExpr::Union(_) => return None,
    })
}
