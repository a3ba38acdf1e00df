//! What the docs leave open, read against the success examples of the methods that return
//! it, once every entity is known (the last step of the pass):
//! - a field typed `array` and nothing more (`any[]`): the word is PHP's, a list or an
//!   object with named keys. `rights` ("Массив действий") is sent as `{"read": true, …}`,
//!   which a list cannot hold without dropping the keys: it is the record the examples show.
//!   A list whose examples show one kind of item gets it (`checklist: [153, 165]` is
//!   `integer[]`, `crmItemIds: ["D_6529"]` is `string[]`).
//! - an `object` without fields whose examples show named keys (`value: {"from", "to"}`):
//!   those keys are its fields. Objects keyed by ids are maps, left to the map rules.
//! - keys an example shows on a documented record (an entity, a result table) that no table
//!   lists (`counter`, `parsedDescription` in `tasks.task.list`): fields of the kind shown,
//!   so that they are typed instead of landing in the record's `extra` map. User fields
//!   (`UF_*`, `ufCrm*`) stay in the entity's user-field map.
//!
//! Every example of every method that returns the object votes; a type is given only where
//! the values agree ([`shown::shape`]).

use std::collections::BTreeMap;

use b24_spec::{MethodSpec, Param, ReferenceKind, ReferenceType, TypeExpr};
use serde_json::Value;

use super::shown::{self, has_named_keys, is_user_field, shape, shown_field};

/// Where an object or field was seen: a method's response fields or an entity's fields,
/// and the field indexes down to it (empty: the result, or the entity itself).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Owner {
    Method(usize),
    Type(String),
}

type At = (Owner, Vec<usize>);

/// The values the examples show, by place (borrowed from the examples).
#[derive(Default)]
struct Seen<'e> {
    /// Open `array` and `object` fields (and results), by the field.
    open: BTreeMap<At, Vec<&'e Value>>,
    /// Documented records, by the field whose `fields` describe them.
    records: BTreeMap<At, Vec<&'e Value>>,
    /// The first method whose example showed each place, for the descriptions.
    shown_by: BTreeMap<At, String>,
}

/// Types what the examples show; returns how many fields (and results) it typed or added.
pub fn apply(
    methods: &mut [MethodSpec],
    types: &mut BTreeMap<String, ReferenceType>,
    examples: &super::maps::Examples,
) -> usize {
    // Each method's examples are walked on their own (on all cores) and the places merged
    // in method order, so "the first method that showed it" is the same as in one walk.
    use rayon::prelude::*;
    let parts: Vec<Seen<'_>> = methods
        .par_iter()
        .zip(&examples.results)
        .enumerate()
        .map(|(index, (method, results))| seen_in(method, index, results, types))
        .collect();
    let mut seen = Seen::default();
    for part in parts {
        seen.merge(part);
    }
    let mut typed = 0;
    for (at, values) in &seen.open {
        if let Some(target) = target(methods, types, at) {
            typed += usize::from(type_open(target, values));
        }
    }
    for (at, values) in &seen.records {
        let method = seen.shown_by.get(at).map_or("", String::as_str);
        let at_result = matches!(at, (Owner::Method(_), path) if path.is_empty());
        let fields = match at {
            (Owner::Method(index), path) if path.is_empty() => {
                Some(&mut methods[*index].response.fields)
            }
            (Owner::Type(name), path) if path.is_empty() => {
                types.get_mut(name).map(|ty| &mut ty.fields)
            }
            _ => target(methods, types, at).map(|field| &mut field.fields),
        };
        if let Some(fields) = fields {
            typed += add_shown_keys(fields, values, method, at_result);
        }
    }
    typed
}

/// The places one method's examples show.
fn seen_in<'e>(
    method: &MethodSpec,
    index: usize,
    results: &'e [Value],
    types: &BTreeMap<String, ReferenceType>,
) -> Seen<'e> {
    let mut seen = Seen::default();
    let response = &method.response;
    let result = response.example_result.as_ref().unwrap_or(&response.result);
    let owner = Owner::Method(index);
    for example in results {
        // `x.fields` results: the generator reads them as field descriptions by key.
        if example
            .as_object()
            .is_some_and(super::maps::is_field_description_map)
        {
            continue;
        }
        if response.example_result.is_none() && response.fields.is_empty() && is_open_array(result)
        {
            seen.note_open(&owner, &[], example, &method.method);
            continue;
        }
        let mut walk = Walk {
            types,
            seen: &mut seen,
            method: &method.method,
            source: &method.source,
        };
        walk.expr(result, &response.fields, example, &owner, &[], 0);
    }
    seen
}

/// The field at `at` (not the result itself, nor an entity).
fn target<'a>(
    methods: &'a mut [MethodSpec],
    types: &'a mut BTreeMap<String, ReferenceType>,
    (owner, path): &At,
) -> Option<&'a mut Param> {
    let (first, rest) = path.split_first()?;
    let fields = match owner {
        Owner::Method(index) => &mut methods.get_mut(*index)?.response.fields,
        Owner::Type(name) => &mut types.get_mut(name)?.fields,
    };
    let mut field = fields.get_mut(*first)?;
    for &index in rest {
        field = field.fields.get_mut(index)?;
    }
    Some(field)
}

/// Types one open field from its values: `true` when it did.
fn type_open(field: &mut Param, values: &[&Value]) -> bool {
    let named = values.iter().filter(|v| has_named_keys(v)).count();
    let shown: Vec<&Value> = values
        .iter()
        .copied()
        .filter(|v| !shown::shows_nothing(v))
        .collect();
    if matches!(&field.ty.normalized, TypeExpr::Array(inner) if **inner == TypeExpr::Object) {
        return super::record_lists::type_items(field, values);
    }
    if is_open_array(&field.ty.normalized) {
        if named > 0 && super::enum_lists::is_open(field) {
            return false;
        }
        if named > 0 && named < shown.len() {
            // A list here, an object with named keys there: keep the value whole.
            field.ty.normalized = TypeExpr::Any;
            return true;
        }
        if named > 0 {
            return set(field, shape(&shown));
        }
        // PHP's arrays with holes come as objects keyed by integers: their values are the
        // items.
        let lists: Vec<Value> = shown
            .iter()
            .map(|v| match v {
                Value::Object(map) => Value::Array(map.values().cloned().collect()),
                other => (*other).clone(),
            })
            .collect();
        let refs: Vec<&Value> = lists.iter().collect();
        return match shape(&refs) {
            Some((TypeExpr::Array(item), fields)) if !matches!(*item, TypeExpr::Map(_)) => {
                set(field, Some((TypeExpr::Array(item), fields)))
            }
            _ => false,
        };
    }
    // An open object: records, and maps keyed by codes (`DYNAMIC_136`: `keyed::is_map`).
    // Objects keyed by ids only are maps for the map rules.
    if named == 0 || named < shown.len() {
        return false;
    }
    match shape(&shown) {
        Some((TypeExpr::Object, fields)) if !fields.is_empty() => {
            set(field, Some((TypeExpr::Object, fields)))
        }
        Some((TypeExpr::Map(value), fields)) => set(field, Some((TypeExpr::Map(value), fields))),
        _ => false,
    }
}

fn set(field: &mut Param, shown: Option<(TypeExpr, Vec<Param>)>) -> bool {
    match shown {
        Some((ty, fields)) if super::enum_lists::fits(field, &ty) => {
            field.ty.normalized = ty;
            field.fields = fields;
            true
        }
        _ => false,
    }
}

/// Adds to `fields` the keys the records show that no field names; returns how many.
fn add_shown_keys(
    fields: &mut Vec<Param>,
    records: &[&Value],
    method: &str,
    at_result: bool,
) -> usize {
    // Fields that exist per variant (`SETTINGS` per user field type): a key the tables
    // do not list belongs to another variant, not to every record.
    if fields.iter().any(|f| !f.variants.is_empty()) {
        return 0;
    }
    let mut keys: Vec<&str> = Vec::new();
    for record in records.iter().filter_map(|r| r.as_object()) {
        for key in record.keys() {
            let known = fields.iter().any(|f| f.takes_key(key));
            // The envelope's `time`, printed inside `result` by some pages.
            let envelope = at_result && key == "time";
            if !known
                && !envelope
                && is_identifier(key)
                && !is_user_field(key)
                && !keys.contains(&key.as_str())
            {
                keys.push(key);
            }
        }
    }
    let mut added = 0;
    for key in &keys {
        let values: Vec<&Value> = records.iter().filter_map(|r| r.get(*key)).collect();
        // Only `null`, `[]` or kinds that disagree: nothing to type, the key stays in the
        // record's `extra` map as before.
        let Some((ty, inner)) = shape(&values) else {
            continue;
        };
        added += 1;
        let mut field = shown_field(key, ty, inner);
        field.description = format!(
            "Not in the documentation's tables: typed from the success example of `{method}`."
        );
        fields.push(field);
    }
    added
}

/// A key that names a field (`parsedDescription`, `TASK_ID`), not a code or an id used as
/// a key (`03.1.three_cols`, `123`): those make a map, which a table would have said.
fn is_identifier(key: &str) -> bool {
    key.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// `any[]` with nothing else said about its items.
fn is_open_array(expr: &TypeExpr) -> bool {
    matches!(expr, TypeExpr::Array(inner) if **inner == TypeExpr::Any)
}

/// An `array` or an `object` the docs say nothing more of. An object whose description
/// links to another page is described there: that is for the link rules (and stays a
/// `ref-unresolved` when they cannot follow it), not for the examples.
fn is_open_field(field: &Param, source: &str) -> bool {
    let closed =
        !field.fields.is_empty() || !field.enum_values.is_empty() || field.pattern.is_some();
    if closed {
        return super::enum_lists::is_open(field);
    }
    is_open_array(&field.ty.normalized)
        || super::record_lists::is_open(field, source)
        || (matches!(field.ty.normalized, TypeExpr::Object | TypeExpr::Any)
            && super::paths::page_links(&field.description, source).is_empty())
}

impl<'e> Seen<'e> {
    /// Adds the places of a later walk: its values after these, and the first method that
    /// showed a place stays the earlier one.
    fn merge(&mut self, later: Seen<'e>) {
        for (at, values) in later.open {
            self.open.entry(at).or_default().extend(values);
        }
        for (at, values) in later.records {
            self.records.entry(at).or_default().extend(values);
        }
        for (at, method) in later.shown_by {
            self.shown_by.entry(at).or_insert(method);
        }
    }

    fn note_open(&mut self, owner: &Owner, path: &[usize], value: &'e Value, method: &str) {
        let at = (owner.clone(), path.to_vec());
        self.shown_by
            .entry(at.clone())
            .or_insert_with(|| method.to_owned());
        self.open.entry(at).or_default().push(value);
    }

    fn note_record(&mut self, owner: &Owner, path: &[usize], value: &'e Value, method: &str) {
        if !has_named_keys(value) {
            return;
        }
        let at = (owner.clone(), path.to_vec());
        self.shown_by
            .entry(at.clone())
            .or_insert_with(|| method.to_owned());
        self.records.entry(at).or_default().push(value);
    }
}

/// Follows an example down the documented fields.
struct Walk<'a, 'e> {
    types: &'a BTreeMap<String, ReferenceType>,
    seen: &'a mut Seen<'e>,
    method: &'a str,
    /// The method's page, for the links of its own fields.
    source: &'a str,
}

impl<'e> Walk<'_, 'e> {
    fn expr(
        &mut self,
        expr: &TypeExpr,
        fields: &[Param],
        value: &'e Value,
        owner: &Owner,
        path: &[usize],
        depth: usize,
    ) {
        if depth > 16 || value.is_null() {
            return;
        }
        match expr {
            TypeExpr::Array(inner) | TypeExpr::Map(inner) => {
                for item in items(value) {
                    self.expr(inner, fields, item, owner, path, depth + 1);
                }
            }
            TypeExpr::Ref(name) => {
                let types = self.types;
                match types.get(name) {
                    Some(ty) if ty.kind == ReferenceKind::Entity => {
                        let owner = Owner::Type(name.clone());
                        self.fields(&ty.fields, value, &owner, &[], depth);
                    }
                    // A type name no page defines (`section_element[]`), described by the
                    // fields written under it: the generator builds the record from them.
                    None if !fields.is_empty() => self.fields(fields, value, owner, path, depth),
                    _ => {}
                }
            }
            _ if !fields.is_empty() => self.fields(fields, value, owner, path, depth),
            _ => {}
        }
    }

    fn fields(
        &mut self,
        fields: &[Param],
        value: &'e Value,
        owner: &Owner,
        path: &[usize],
        depth: usize,
    ) {
        let Value::Object(map) = value else {
            return;
        };
        // A record that shows none of its documented fields is not the table's record (an
        // object keyed by codes, described per value): its keys are not fields.
        if fields.iter().any(|f| map.contains_key(&f.name)) {
            self.seen.note_record(owner, path, value, self.method);
        }
        let has_rows = fields.iter().any(|row| row.name.ends_with("[]"));
        for (index, field) in fields.iter().enumerate() {
            let Some(item) = map.get(&field.name) else {
                continue;
            };
            // `items` beside an `items[]` row (REST 3.0 lists): that row describes the items.
            let described_by_row = has_rows
                && fields
                    .iter()
                    .any(|row| row.name.strip_suffix("[]") == Some(field.name.as_str()));
            if described_by_row {
                continue;
            }
            let mut at = path.to_vec();
            at.push(index);
            let source = match owner {
                Owner::Method(_) => self.source,
                Owner::Type(name) => self.types.get(name).map_or("", |ty| ty.source.as_str()),
            };
            if is_open_field(field, source) {
                self.seen.note_open(owner, &at, item, self.method);
            } else {
                self.expr(
                    &field.ty.normalized,
                    &field.fields,
                    item,
                    owner,
                    &at,
                    depth + 1,
                );
            }
        }
    }
}

/// The items of an array, or the values of an object (a map's, or a PHP array's).
fn items(value: &Value) -> Vec<&Value> {
    match value {
        Value::Array(items) => items.iter().collect(),
        Value::Object(map) => map.values().collect(),
        _ => Vec::new(),
    }
}
