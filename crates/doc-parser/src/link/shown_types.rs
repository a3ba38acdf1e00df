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

use super::shown::{self, has_named_keys, is_user_field, shape};
use crate::extract::shown_field;

/// The field indexes down to a place among one owner's fields (empty: the result, or the
/// entity itself).
type Path = Vec<usize>;

/// The values the examples show at the places of one owner, a method's response fields or
/// an entity's fields (borrowed from the examples).
#[derive(Default)]
struct Places<'e> {
    /// Open `array` and `object` fields (and results), by the field.
    open: BTreeMap<Path, Vec<&'e Value>>,
    /// Documented records, by the field whose `fields` describe them.
    records: BTreeMap<Path, Vec<&'e Value>>,
    /// The first method whose example showed each place, for the descriptions.
    shown_by: BTreeMap<Path, String>,
}

/// What one method's examples show: at its own places, and at the entities' they reach.
#[derive(Default)]
struct Seen<'e> {
    own: Places<'e>,
    entities: BTreeMap<String, Places<'e>>,
}

/// Types what the examples show.
pub fn apply(
    methods: &mut [MethodSpec],
    types: &mut BTreeMap<String, ReferenceType>,
    examples: &super::maps::Examples,
) {
    // Each method's examples are walked on their own (on all cores). A method's own places
    // are its walk's alone; an entity's are merged in method order, so "the first method
    // that showed it" is the same as in one walk.
    use rayon::prelude::*;
    let shared: &BTreeMap<String, ReferenceType> = types;
    let parts: Vec<Seen<'_>> = methods
        .par_iter()
        .zip(&examples.results)
        .map(|(method, results)| seen_in(method, results, shared))
        .collect();
    let mut own = Vec::with_capacity(parts.len());
    let mut of_entities: BTreeMap<String, Places<'_>> = BTreeMap::new();
    for part in parts {
        own.push(part.own);
        for (name, places) in part.entities {
            of_entities.entry(name).or_default().merge(places);
        }
    }
    // Each owner's fields change on their own, from its own places: on all cores.
    methods
        .par_iter_mut()
        .zip(&own)
        .for_each(|(method, places)| places.apply(&mut method.response.fields, true));
    types.par_iter_mut().for_each(|(name, ty)| {
        if let Some(places) = of_entities.get(name) {
            places.apply(&mut ty.fields, false);
        }
    });
}

/// The places one method's examples show.
fn seen_in<'e>(
    method: &MethodSpec,
    results: &'e [Value],
    types: &BTreeMap<String, ReferenceType>,
) -> Seen<'e> {
    let mut seen = Seen::default();
    let response = &method.response;
    let result = response.example_result.as_ref().unwrap_or(&response.result);
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
            seen.own.note_open(&[], example, &method.method);
            continue;
        }
        let mut walk = Walk {
            types,
            seen: &mut seen,
            method: &method.method,
            source: &method.source,
            path: Vec::new(),
        };
        walk.expr(result, &response.fields, example, None, 0);
    }
    seen
}

/// The field at `path` among `fields` (not the result itself, nor an entity).
pub(super) fn field_at<'a>(fields: &'a mut [Param], path: &[usize]) -> Option<&'a mut Param> {
    let (first, rest) = path.split_first()?;
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
        let list = shape(&refs).filter(
            |(ty, _)| matches!(ty, TypeExpr::Array(item) if !matches!(**item, TypeExpr::Map(_))),
        );
        return set(field, list);
    }
    // An open object: records, and maps keyed by codes (`DYNAMIC_136`: `keyed::is_map`).
    // Objects keyed by ids only are maps for the map rules.
    if named == 0 || named < shown.len() {
        return false;
    }
    let object = shape(&shown).filter(|(ty, fields)| match ty {
        TypeExpr::Object => !fields.is_empty(),
        TypeExpr::Map(_) => true,
        _ => false,
    });
    set(field, object)
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

/// Adds to `fields` the keys the records show that no field names.
fn add_shown_keys(fields: &mut Vec<Param>, records: &[&Value], method: &str, at_result: bool) {
    // Fields that exist per variant (`SETTINGS` per user field type): a key the tables
    // do not list belongs to another variant, not to every record.
    if fields.iter().any(|f| !f.variants.is_empty()) {
        return;
    }
    let mut keys: Vec<&str> = Vec::new();
    for record in records.iter().filter_map(|r| r.as_object()) {
        for key in record.keys() {
            // Most keys are a field's name: found by name first, the dearer test after.
            let known =
                fields.iter().any(|f| f.name == *key) || fields.iter().any(|f| f.takes_key(key));
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
    for key in &keys {
        let values: Vec<&Value> = records.iter().filter_map(|r| r.get(*key)).collect();
        // Only `null`, `[]` or kinds that disagree: nothing to type, the key stays in the
        // record's `extra` map as before.
        let Some((ty, inner)) = shape(&values) else {
            continue;
        };
        let mut field = shown_field(key, ty, inner);
        field.description = format!(
            "Not in the documentation's tables: typed from the success example of `{method}`."
        );
        fields.push(field);
    }
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

impl<'e> Places<'e> {
    /// Adds the places of a later walk: its values after these, and the first method that
    /// showed a place stays the earlier one.
    fn merge(&mut self, later: Places<'e>) {
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

    fn note_open(&mut self, path: &[usize], value: &'e Value, method: &str) {
        self.shown_by
            .entry(path.to_vec())
            .or_insert_with(|| method.to_owned());
        self.open.entry(path.to_vec()).or_default().push(value);
    }

    fn note_record(&mut self, path: &[usize], value: &'e Value, method: &str) {
        if !has_named_keys(value) {
            return;
        }
        self.shown_by
            .entry(path.to_vec())
            .or_insert_with(|| method.to_owned());
        self.records.entry(path.to_vec()).or_default().push(value);
    }

    /// Types the open places of the owner's `fields`, then adds the keys its records show.
    fn apply(&self, fields: &mut Vec<Param>, of_method: bool) {
        for (path, values) in &self.open {
            if let Some(field) = field_at(fields, path) {
                type_open(field, values);
            }
        }
        for (path, values) in &self.records {
            let method = self.shown_by.get(path).map_or("", String::as_str);
            let at_result = of_method && path.is_empty();
            let fields = if path.is_empty() {
                Some(&mut *fields)
            } else {
                field_at(fields, path).map(|field| &mut field.fields)
            };
            if let Some(fields) = fields {
                add_shown_keys(fields, values, method, at_result);
            }
        }
    }
}

impl<'e> Seen<'e> {
    /// The places of the method itself (`None`), or of an entity it reaches.
    fn places(&mut self, entity: Option<&str>) -> &mut Places<'e> {
        match entity {
            None => &mut self.own,
            Some(name) => self.entities.entry(name.to_owned()).or_default(),
        }
    }
}

/// Follows an example down the documented fields.
struct Walk<'a, 'e> {
    types: &'a BTreeMap<String, ReferenceType>,
    seen: &'a mut Seen<'e>,
    method: &'a str,
    /// The method's page, for the links of its own fields.
    source: &'a str,
    /// The field indexes down to the current place, from its owner's fields.
    path: Path,
}

impl<'a, 'e> Walk<'a, 'e> {
    /// `owner`: the entity whose fields `fields` are, `None` for the method's own.
    fn expr(
        &mut self,
        expr: &TypeExpr,
        fields: &[Param],
        value: &'e Value,
        owner: Option<&'a str>,
        depth: usize,
    ) {
        if depth > 16 || value.is_null() {
            return;
        }
        match expr {
            TypeExpr::Array(inner) | TypeExpr::Map(inner) => {
                for item in items(value) {
                    self.expr(inner, fields, item, owner, depth + 1);
                }
            }
            TypeExpr::Ref(name) => {
                let types = self.types;
                match types.get_key_value(name) {
                    Some((name, ty)) if ty.kind == ReferenceKind::Entity => {
                        // The entity's places start at its own fields.
                        let outer = std::mem::take(&mut self.path);
                        self.fields(&ty.fields, value, Some(name), depth);
                        self.path = outer;
                    }
                    // A type name no page defines (`section_element[]`), described by the
                    // fields written under it: the generator builds the record from them.
                    None if !fields.is_empty() => self.fields(fields, value, owner, depth),
                    _ => {}
                }
            }
            _ if !fields.is_empty() => self.fields(fields, value, owner, depth),
            _ => {}
        }
    }

    fn fields(&mut self, fields: &[Param], value: &'e Value, owner: Option<&'a str>, depth: usize) {
        let Value::Object(map) = value else {
            return;
        };
        // A record that shows none of its documented fields is not the table's record (an
        // object keyed by codes, described per value): its keys are not fields.
        if fields.iter().any(|f| map.contains_key(&f.name)) {
            let method = self.method;
            self.seen
                .places(owner)
                .note_record(&self.path, value, method);
        }
        let has_rows = fields.iter().any(|row| row.name.ends_with("[]"));
        let source = match owner {
            None => self.source,
            Some(name) => self.types.get(name).map_or("", |ty| ty.source.as_str()),
        };
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
            self.path.push(index);
            if is_open_field(field, source) {
                let method = self.method;
                self.seen.places(owner).note_open(&self.path, item, method);
            } else {
                self.expr(&field.ty.normalized, &field.fields, item, owner, depth + 1);
            }
            self.path.pop();
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
