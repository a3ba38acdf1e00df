//! One record the docs describe on several pages, each page a part of it: the user field
//! (`crm.lead.userfield.*`, `crm.deal.userfield.*`, `task.item.userfield.*`,
//! `user.userfield.*`, `userfieldconfig.*` in camelCase). Two records are the same when
//! most of their field names are (casing aside).
//! - An object whose keys the docs give per variant (`{% list tabs %}`: `SETTINGS`, one tab
//!   per `USER_TYPE_ID`) takes the keys any page documents for it: the
//!   `crm.lead.userfield.add` page gives only the settings its method accepts ("Данный
//!   метод поддерживает лишь те, что описаны ниже": `ROWS`, not `SIZE` or `REGEXP`), the
//!   `userfieldconfig.add` page more types and keys. The portal sends the same settings
//!   whichever method reads the field back. All stay optional: which keys come depends on
//!   the variant.
//! - In such a record, an open field (an object or list of objects without fields, as an
//!   example shows it: `user.userfield.list` `LIST`) takes the structure another page
//!   documents for the same field of the same record (`LIST` of `crm.lead.userfield.add`).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use b24_spec::{MethodSpec, Param, ReferenceType, TypeExpr};

use super::casing::fold;

type Types = BTreeMap<String, ReferenceType>;

/// Sibling fields two records share at least (and two thirds of the smaller one's) to be
/// the same record: the user field has about twenty, the other records with a `settings`
/// (cash boxes, delivery handlers, order properties) share two to five names with it.
const SHARED_AT_LEAST: usize = 6;

/// A structured field of a record: its name and its record's field names (folded), its
/// type and keys, and whether its keys are documented per variant.
struct Pool {
    key: String,
    siblings: Arc<HashSet<String>>,
    ty: TypeExpr,
    fields: Vec<Param>,
    variant: bool,
}

/// Gives every object of a pooled structure the keys the others document.
pub fn apply(types: &mut Types, methods: &mut [MethodSpec]) {
    use rayon::prelude::*;
    // Collecting copies every structured field, and each record grows on its own once the
    // pools are read: both on all cores. The pools keep type, then method order.
    let lists: Vec<&[Param]> = types
        .values()
        .map(|ty| ty.fields.as_slice())
        .chain(
            methods
                .iter()
                .flat_map(|m| [m.params.as_slice(), m.response.fields.as_slice()]),
        )
        .collect();
    let pools: Vec<Pool> = lists
        .par_iter()
        .flat_map_iter(|fields| {
            let mut pools = Vec::new();
            collect(fields, &mut pools);
            pools
        })
        .collect();
    drop(lists);
    if pools.is_empty() {
        return;
    }
    let pools = Pools::new(pools);
    super::each_field_list(methods, types, |fields| extend(fields, &pools));
}

fn folded_names(fields: &[Param]) -> HashSet<String> {
    fields.iter().map(|f| fold(&f.name)).collect()
}

/// The fields of `fields` (and nested ones) that have a structure: keys, or a map type.
/// A record of fewer fields than [`SHARED_AT_LEAST`] is no other record's: its fields are
/// not pooled.
fn collect(fields: &[Param], pools: &mut Vec<Pool>) {
    let mut siblings = None;
    let can_share = fields.len() >= SHARED_AT_LEAST;
    for field in fields {
        let variant = field.fields.iter().any(|f| !f.variants.is_empty());
        if can_share && (!field.fields.is_empty() || has_map(&field.ty.normalized)) {
            let siblings = siblings.get_or_insert_with(|| Arc::new(folded_names(fields)));
            pools.push(Pool {
                key: fold(&field.name),
                siblings: Arc::clone(siblings),
                ty: field.ty.normalized.clone(),
                fields: field.fields.clone(),
                variant,
            });
        }
        collect(&field.fields, pools);
    }
}

/// `map(string)`, `string | map(string)`: a structure an open object can take.
fn has_map(expr: &TypeExpr) -> bool {
    match expr {
        TypeExpr::Map(_) => true,
        TypeExpr::Union(members) => members.iter().any(has_map),
        _ => false,
    }
}

/// An object or a list of objects without keys of its own.
pub(super) fn is_open(field: &Param) -> bool {
    field.fields.is_empty()
        && field.pattern.is_none()
        && (matches!(field.ty.normalized, TypeExpr::Object | TypeExpr::Any)
            || super::result_unions::is_open_list(&field.ty.normalized))
}

/// The open field takes the pool's structure when both are a list, or neither is.
fn open_takes(field: &mut Param, pool: &Pool) {
    let list = |expr: &TypeExpr| matches!(expr, TypeExpr::Array(_));
    if list(&field.ty.normalized) == list(&pool.ty) {
        field.ty.normalized = pool.ty.clone();
        field.fields = pool.fields.clone();
    }
}

/// Two records are the same when they share most of their field names.
pub(super) fn same_record(a: &HashSet<String>, b: &HashSet<String>) -> bool {
    let shared = a.intersection(b).count();
    shared >= SHARED_AT_LEAST && shared * 3 >= a.len().min(b.len()) * 2
}

/// The pools, in collection order, by key.
struct Pools {
    all: Vec<Pool>,
    by_key: HashMap<String, Vec<usize>>,
}

impl Pools {
    fn new(all: Vec<Pool>) -> Self {
        let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
        for (index, pool) in all.iter().enumerate() {
            by_key.entry(pool.key.clone()).or_default().push(index);
        }
        Pools { all, by_key }
    }

    /// The pools of `key` documented per variant or not whose record is `siblings'`
    /// record, in collection order.
    fn same<'p>(
        &'p self,
        key: &str,
        siblings: &'p HashSet<String>,
        variant: bool,
    ) -> impl Iterator<Item = &'p Pool> {
        let indexes = self.by_key.get(key).map_or(&[][..], Vec::as_slice);
        indexes
            .iter()
            .map(|&i| &self.all[i])
            .filter(move |p| p.variant == variant && same_record(&p.siblings, siblings))
    }
}

/// Adds the pooled keys to the objects of `fields` (and nested ones) that are one of
/// them. Request fields that list or filter (`filter`, `select`) are not records.
fn extend(fields: &mut [Param], pools: &Pools) {
    // Only objects take keys: most lists of fields have none to compare.
    let candidate = |field: &Param| {
        is_open(field) || matches!(field.ty.normalized, TypeExpr::Object | TypeExpr::Any)
    };
    // A record of fewer fields than `SHARED_AT_LEAST` is no pooled record's.
    let can_share = fields.len() >= SHARED_AT_LEAST;
    let siblings = if can_share && fields.iter().any(candidate) {
        folded_names(fields)
    } else {
        HashSet::new()
    };
    // Only records that carry an object documented per variant (the user field):
    // elsewhere an open object may be a map another page misreads as a record
    // (`crm.currency.add` `LANG`, keyed by language).
    let mut pooled = None;
    for field in fields.iter_mut() {
        if super::is_query_param(&field.name) {
            continue;
        }
        extend(&mut field.fields, pools);
        if !can_share || !candidate(field) {
            continue;
        }
        let key = fold(&field.name);
        if is_open(field)
            && *pooled.get_or_insert_with(|| {
                pools
                    .all
                    .iter()
                    .any(|p| p.variant && same_record(&p.siblings, &siblings))
            })
        {
            // The first page that gives the field a structure (pools come in type, then
            // method order); the variant keys are added below.
            if let Some(pool) = pools.same(&key, &siblings, false).next() {
                open_takes(field, pool);
            }
        }
        if !matches!(field.ty.normalized, TypeExpr::Object | TypeExpr::Any) {
            continue;
        }
        let mut added = false;
        for pool in pools.same(&key, &siblings, true) {
            for documented in &pool.fields {
                match field.fields.iter_mut().find(|f| f.name == documented.name) {
                    None => {
                        let mut documented = documented.clone();
                        documented.required = b24_spec::Required::False;
                        field.fields.push(documented);
                        added = true;
                    }
                    // A key only an example showed (`task.item.userfield.get` prints
                    // `DEFAULT_VALUE` as text) takes the type the tables write for it.
                    Some(shown)
                        if shown.ty.written.is_none() && documented.ty.written.is_some() =>
                    {
                        shown.ty = documented.ty.clone();
                        added = true;
                    }
                    Some(_) => {}
                }
            }
        }
        if added {
            field.ty.normalized = TypeExpr::Object;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn casing_folds_and_records_compare_by_most_names() {
        assert_eq!(fold("EDIT_FORM_LABEL"), fold("editFormLabel"));
        let names = |list: &[&str]| list.iter().map(|n| fold(n)).collect::<HashSet<_>>();
        let upper = names(&[
            "ID",
            "ENTITY_ID",
            "FIELD_NAME",
            "USER_TYPE_ID",
            "SORT",
            "MULTIPLE",
            "MANDATORY",
            "SETTINGS",
        ]);
        let camel = names(&[
            "entityId",
            "fieldName",
            "userTypeId",
            "sort",
            "multiple",
            "mandatory",
            "settings",
        ]);
        assert!(same_record(&upper, &camel));
        let other = names(&["ID", "NAME", "SORT", "SETTINGS", "ACTIVE"]);
        assert!(!same_record(&upper, &other));
    }
}
