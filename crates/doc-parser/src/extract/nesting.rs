//! Linking sub-tables to the parameters they describe, several levels deep, and merging
//! per-variant tables (`{% list tabs %}`) into one list of fields.
//!
//! A parameter takes the fields of a sub-table when
//! 1. its row links to the table's heading anchor (`[ниже](#fields)`,
//!    `[`object[]`](#parameter-rows)`), or
//! 2. the heading names it (`### Параметр fields`, `### Параметры filter` for `FILTER`,
//!    `## Параметры fields`), or
//! 3. its description quotes the heading and points below ("Список полей — ниже" and
//!    `## Список полей`).
//!
//! Only parameters that can hold fields (objects, arrays, references, untyped) link by
//! name; a value table linked by anchor gives a parameter its enumeration.

use b24_spec::{EnumValue, Param, TypeExpr, TypeRef};

use crate::diagnostics::Diagnostics;
use crate::page::Heading;

use super::params::{Entry, EntryTable, read_entries};
use super::required::Mark;

/// Nesting deeper than this is not followed (no page comes close; it stops cycles).
const MAX_DEPTH: usize = 8;

/// Tables under one heading: one table, or one per tab.
#[derive(Debug, Default)]
pub struct Group<'a> {
    pub heading: Option<&'a Heading>,
    /// The group comes from the params sections (not another section).
    pub source_is_params: bool,
    /// Each table with its tab title, when it is in `{% list tabs %}`.
    pub tables: Vec<(Option<&'a str>, EntryTable<'a>)>,
    pub tabs: Option<usize>,
    pub line: u32,
    pub used: bool,
}

/// A table of values under a heading (`### Доступные фоны {#backgrounds}`).
#[derive(Debug)]
pub struct ValueTable<'a> {
    pub heading: Option<&'a Heading>,
    pub values: Vec<EnumValue>,
    pub line: u32,
}

/// Links groups to parameters, remembering which groups are in use.
#[derive(Debug)]
pub struct Linker<'g, 'a> {
    path: &'g str,
    groups: &'g [Group<'a>],
    values: &'g [ValueTable<'a>],
    used: Vec<bool>,
    used_values: Vec<bool>,
    /// Each group's heading words, lowercased.
    words: Vec<Vec<String>>,
    /// Groups on the current path, so a table never becomes its own field.
    stack: Vec<usize>,
}

impl<'g, 'a> Linker<'g, 'a> {
    pub fn new(path: &'g str, groups: &'g [Group<'a>], values: &'g [ValueTable<'a>]) -> Self {
        let words = groups
            .iter()
            .map(|g| {
                g.heading
                    .map(|h| heading_words(&h.text))
                    .unwrap_or_default()
            })
            .collect();
        Self {
            path,
            groups,
            values,
            used: vec![false; groups.len()],
            used_values: vec![false; values.len()],
            words,
            stack: Vec::new(),
        }
    }

    /// Which groups and which value tables some parameter took.
    pub fn used(&self) -> (Vec<bool>, Vec<bool>) {
        (self.used.clone(), self.used_values.clone())
    }

    /// Reads a group's tables into entries, merging variants.
    pub fn read_group(&self, group: &Group<'_>, diags: &mut Diagnostics) -> Vec<Entry> {
        let tables: Vec<(Option<&str>, Vec<Entry>)> = group
            .tables
            .iter()
            .map(|(variant, table)| (*variant, read_entries(table, self.path, diags)))
            .collect();
        merge_variants(tables)
    }

    /// Links every entry (and, recursively, their fields) to its sub-table.
    pub fn link_all(&mut self, entries: &mut [Entry], depth: usize, diags: &mut Diagnostics) {
        if depth >= MAX_DEPTH {
            return;
        }
        for entry in entries.iter_mut() {
            self.link_values(entry);
            if let Some(index) = self.find(entry) {
                self.used[index] = true;
                self.stack.push(index);
                let mut fields = self.read_group(&self.groups[index], diags);
                self.link_all(&mut fields, depth + 1, diags);
                self.stack.pop();
                for field in fields {
                    if !entry
                        .children
                        .iter()
                        .any(|c| c.param.name == field.param.name)
                    {
                        entry.children.push(field);
                    }
                }
                objectify(&mut entry.param.ty);
            }
            let mut children = std::mem::take(&mut entry.children);
            self.link_all(&mut children, depth + 1, diags);
            entry.children = children;
        }
    }

    /// A value table the row links to by anchor gives the parameter its values.
    fn link_values(&mut self, entry: &mut Entry) {
        for anchor in &entry.anchors {
            let found = self.values.iter().position(|t| {
                t.heading
                    .and_then(|h| h.anchor.as_deref())
                    .is_some_and(|a| a.eq_ignore_ascii_case(anchor))
            });
            if let Some(index) = found {
                self.used_values[index] = true;
                let table = &self.values[index];
                for value in &table.values {
                    if !entry
                        .param
                        .enum_values
                        .iter()
                        .any(|v| v.value == value.value)
                    {
                        entry.param.enum_values.push(value.clone());
                    }
                }
            }
        }
    }

    fn find(&self, entry: &Entry) -> Option<usize> {
        let free = |i: &usize| !self.stack.contains(i);
        // 1. An anchor the row links to; a table may serve several parameters this way.
        let by_anchor = entry.anchors.iter().find_map(|anchor| {
            (0..self.groups.len()).filter(free).find(|&i| {
                self.groups[i]
                    .heading
                    .and_then(|h| h.anchor.as_deref())
                    .is_some_and(|a| a.eq_ignore_ascii_case(anchor))
            })
        });
        if by_anchor.is_some() {
            return by_anchor;
        }
        if !holds_fields(&entry.param) {
            return None;
        }
        // 2. A heading that names the parameter.
        let name = entry.param.name.to_lowercase();
        let by_name = (0..self.groups.len())
            .filter(free)
            .filter(|&i| !self.used[i])
            .find(|&i| self.words[i].iter().any(|w| names_match(w, &name)));
        if by_name.is_some() {
            return by_name;
        }
        // 3. The description quotes the heading and points below.
        let description = entry.param.description.to_lowercase();
        if !description.contains("ниже") {
            return None;
        }
        (0..self.groups.len())
            .filter(free)
            .filter(|&i| !self.used[i])
            .find(|&i| {
                self.groups[i].heading.is_some_and(|h| {
                    let text = h.text.to_lowercase();
                    text.chars().count() >= 5 && description.contains(&text)
                })
            })
    }
}

fn heading_words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'))
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// `filter` names `FILTER`; `fields` names `field`; `Параметры filters` names `filter`.
fn names_match(word: &str, name: &str) -> bool {
    word == name || word.strip_suffix('s') == Some(name) || name.strip_suffix('s') == Some(word)
}

/// Objects, arrays, references and untyped parameters can have fields; strings and
/// numbers cannot (except the old pages' `unknown`, which says nothing).
fn holds_fields(param: &Param) -> bool {
    fn container(expr: &TypeExpr) -> bool {
        match expr {
            TypeExpr::Object | TypeExpr::Any | TypeExpr::Ref(_) => true,
            TypeExpr::Array(inner) => container(inner),
            TypeExpr::Union(members) => members.iter().any(container),
            _ => false,
        }
    }
    param.ty.written.is_none()
        || param
            .ty
            .written
            .as_deref()
            .is_some_and(|w| w.eq_ignore_ascii_case("unknown"))
        || container(&param.ty.normalized)
}

/// A reference whose fields the page itself lists is an object: `uf_enum_element[]` with
/// a table under `### Тип uf_enum_element` is `object[]`.
fn objectify(ty: &mut TypeRef) {
    fn replace(expr: &mut TypeExpr) {
        match expr {
            TypeExpr::Ref(_) | TypeExpr::Any => *expr = TypeExpr::Object,
            TypeExpr::Array(inner) => replace(inner),
            _ => {}
        }
    }
    replace(&mut ty.normalized);
}

/// Merges the tables of a tabs block: one entry per name, in order of first appearance,
/// with the variants it appears under (when not all), the union of its types and values,
/// and one description per variant when they differ.
pub fn merge_variants(tables: Vec<(Option<&str>, Vec<Entry>)>) -> Vec<Entry> {
    if tables.iter().all(|(variant, _)| variant.is_none()) || tables.len() == 1 {
        return tables
            .into_iter()
            .flat_map(|(_, entries)| entries)
            .collect();
    }
    let all: Vec<&str> = tables.iter().filter_map(|(v, _)| *v).collect();
    let mut by_name: Vec<(String, Vec<(&str, Entry)>)> = Vec::new();
    for (variant, entries) in tables {
        let variant = variant.unwrap_or_default();
        for entry in entries {
            match by_name
                .iter_mut()
                .find(|(name, _)| *name == entry.param.name)
            {
                Some((_, list)) => list.push((variant, entry)),
                None => by_name.push((entry.param.name.clone(), vec![(variant, entry)])),
            }
        }
    }
    by_name
        .into_iter()
        .filter_map(|(_, list)| merge_one(list, &all))
        .collect()
}

fn merge_one(list: Vec<(&str, Entry)>, all: &[&str]) -> Option<Entry> {
    let variants: Vec<String> = list.iter().map(|(v, _)| (*v).to_owned()).collect();
    let in_all = all.iter().all(|v| variants.iter().any(|w| w == v));
    let mut iter = list.into_iter();
    let (first_variant, mut merged) = iter.next()?;
    let rest: Vec<(&str, Entry)> = iter.collect();
    if !in_all {
        merged.param.variants = variants.clone();
    }
    if rest.is_empty() {
        return Some(merged);
    }
    let same_description = rest
        .iter()
        .all(|(_, e)| e.param.description == merged.param.description);
    if !same_description {
        let mut parts = vec![format!("`{first_variant}`: {}", merged.param.description)];
        parts.extend(
            rest.iter()
                .map(|(v, e)| format!("`{v}`: {}", e.param.description)),
        );
        merged.param.description = parts.join("\n\n");
    }
    let mut required_in: Vec<&str> = Vec::new();
    if matches!(merged.mark, Mark::Star | Mark::Required) {
        required_in.push(first_variant);
    }
    let same_mark = rest.iter().all(|(_, e)| e.mark == merged.mark);
    for (variant, entry) in rest {
        if matches!(entry.mark, Mark::Star | Mark::Required) {
            required_in.push(variant);
        }
        union_type(&mut merged.param.ty, &entry.param.ty);
        for value in entry.param.enum_values {
            if !merged
                .param
                .enum_values
                .iter()
                .any(|v| v.value == value.value)
            {
                merged.param.enum_values.push(value);
            }
        }
        if merged.param.default != entry.param.default {
            merged.param.default = None;
        }
        for anchor in entry.anchors {
            if !merged.anchors.contains(&anchor) {
                merged.anchors.push(anchor);
            }
        }
        for child in entry.children {
            if !merged
                .children
                .iter()
                .any(|c| c.param.name == child.param.name)
            {
                merged.children.push(child);
            }
        }
    }
    if !same_mark && !required_in.is_empty() {
        merged.mark = Mark::Conditional(format!("для вариантов: {}", required_in.join(", ")));
    }
    Some(merged)
}

/// `string` and `integer` under two variants: `string | integer`.
fn union_type(into: &mut TypeRef, other: &TypeRef) {
    if into == other {
        return;
    }
    let mut written: Vec<String> = into
        .written
        .iter()
        .chain(other.written.iter())
        .flat_map(|w| w.split(" | ").map(str::to_owned).collect::<Vec<_>>())
        .collect();
    written.dedup();
    let mut unique: Vec<String> = Vec::new();
    for word in written {
        if !unique.contains(&word) {
            unique.push(word);
        }
    }
    let mut members: Vec<TypeExpr> = Vec::new();
    for expr in [&into.normalized, &other.normalized] {
        let list = match expr {
            TypeExpr::Union(members) => members.clone(),
            other => vec![other.clone()],
        };
        for member in list {
            if !members.contains(&member) {
                members.push(member);
            }
        }
    }
    into.written = (!unique.is_empty()).then(|| unique.join(" | "));
    into.normalized = if members.len() == 1 {
        members.remove(0)
    } else {
        TypeExpr::Union(members)
    };
}
