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

use crate::letters;
use crate::lexicon::{self, shapes as lx};
use b24_spec::{EnumValue, Param, TypeExpr, TypeRef};

use crate::diagnostics::Diagnostics;
use crate::page::Heading;

use super::inline::{code_spans, plain};
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
    /// Each group's anchor: the explicit `{#anchor}` or the one YFM derives from the text.
    anchors: Vec<Option<String>>,
    /// Each value table's anchor.
    value_anchors: Vec<Option<String>>,
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
            anchors: groups
                .iter()
                .map(|g| g.heading.map(heading_anchor))
                .collect(),
            value_anchors: values
                .iter()
                .map(|t| t.heading.map(heading_anchor))
                .collect(),
            stack: Vec::new(),
        }
    }

    /// Which groups and which value tables some parameter took.
    pub fn used(&self) -> (Vec<bool>, Vec<bool>) {
        (self.used.clone(), self.used_values.clone())
    }

    pub fn mark_used(&mut self, index: usize) {
        if let Some(used) = self.used.get_mut(index) {
            *used = true;
        }
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
    /// A level's entries take their tables before any of their fields does, so a heading
    /// that names a top-level parameter is not taken by a deeper field of the same name.
    pub fn link_all(&mut self, entries: &mut [Entry], depth: usize, diags: &mut Diagnostics) {
        if depth >= MAX_DEPTH {
            return;
        }
        let mut linked: Vec<Option<usize>> = Vec::with_capacity(entries.len());
        for entry in entries.iter_mut() {
            self.link_values(entry);
            let mut found = self.find(entry);
            let mut rows = found.map(|index| self.read_group(&self.groups[index], diags));
            if let Some(index) = found
                && is_values_heading(self.groups[index].heading)
                && rows
                    .as_ref()
                    .is_some_and(|rows| rows.iter().all(|r| r.param.ty.written.is_none()))
            {
                found = None;
                // "### Возможные значения ключа TYPE": the rows are values, and an object
                // has none (they belong to one of its keys).
                if matches!(entry.param.ty.normalized, TypeExpr::Object) {
                    linked.push(None);
                    continue;
                }
                self.used[index] = true;
                let values = rows
                    .take()
                    .unwrap_or_default()
                    .into_iter()
                    .map(|row| EnumValue {
                        value: row.param.name,
                        description: plain(&row.param.description),
                    })
                    .collect();
                super::values::merge(&mut entry.param.enum_values, values);
            }
            if let Some(index) = found {
                self.used[index] = true;
                merge_entries(&mut entry.children, rows.unwrap_or_default());
                objectify(&mut entry.param.ty);
            }
            linked.push(found);
        }
        for (entry, found) in entries.iter_mut().zip(linked) {
            if let Some(index) = found {
                self.stack.push(index);
            }
            let mut children = std::mem::take(&mut entry.children);
            self.link_all(&mut children, depth + 1, diags);
            entry.children = children;
            if found.is_some() {
                self.stack.pop();
            }
        }
    }

    /// A value table the row links to by anchor gives the parameter its values.
    fn link_values(&mut self, entry: &mut Entry) {
        for anchor in &entry.anchors {
            let found = self
                .value_anchors
                .iter()
                .position(|a| a.as_deref().is_some_and(|a| same_anchor(a, anchor)));
            if let Some(index) = found {
                self.used_values[index] = true;
                let values = self.values[index].values.clone();
                super::values::merge(&mut entry.param.enum_values, values);
            }
        }
    }

    fn find(&self, entry: &Entry) -> Option<usize> {
        // Most pages have no sub-tables: nothing to compare the entry with.
        if self.groups.is_empty() {
            return None;
        }
        let free = |i: &usize| !self.stack.contains(i);
        let by_anchor = |anchors: &[String]| {
            anchors.iter().find_map(|anchor| {
                (0..self.groups.len()).filter(free).find(|&i| {
                    self.anchors[i]
                        .as_deref()
                        .is_some_and(|a| same_anchor(a, anchor))
                })
            })
        };
        // 1. The type links to the table (`[`object[]`](#parameter-rows)`); a table may
        // serve several parameters this way.
        if let Some(found) = by_anchor(&entry.type_anchors) {
            return Some(found);
        }
        let holds = holds_fields(&entry.param);
        // 2. A heading that names the parameter (`### Параметр data`).
        if holds {
            let name = entry.param.name.to_lowercase();
            if let Some(found) = (0..self.groups.len())
                .filter(free)
                .filter(|&i| !self.used[i])
                .find(|&i| self.words[i].iter().any(|w| names_match(w, &name)))
            {
                return Some(found);
            }
        }
        // 3. The description links to the table (`[ниже](#fields)`).
        if let Some(found) = by_anchor(&entry.anchors) {
            return Some(found);
        }
        if !holds {
            return None;
        }
        if !letters::has_folded(&entry.param.description, lx::BELOW) {
            return None;
        }
        let description = entry.param.description.to_lowercase();
        // 4. The description names the heading's subject and points below: `NAV_PARAMS`
        // "(подробное описание приведено ниже)" and `### Параметр NAV_PARAMS`, or "Список
        // полей — ниже" and `## Список полей`.
        let spans: Vec<String> = code_spans(&entry.param.description)
            .into_iter()
            .map(str::to_lowercase)
            .collect();
        (0..self.groups.len())
            .filter(free)
            .filter(|&i| !self.used[i])
            .find(|&i| {
                let quoted = self.groups[i].heading.is_some_and(|h| {
                    let text = h.text.to_lowercase();
                    text.chars().count() >= 5 && description.contains(&text)
                });
                quoted
                    || self.words[i]
                        .iter()
                        .any(|w| !is_generic_word(w) && spans.iter().any(|s| s == w))
            })
    }
}

/// "Возможные значения ключа TYPE", "Допустимые значения": a heading over values.
fn is_values_heading(heading: Option<&Heading>) -> bool {
    heading.is_some_and(|h| letters::has_folded(&h.text, lexicon::values::VALUES_STEM))
}

/// Anchors compare without case and without the `-`/`_` YFM may add or drop.
fn same_anchor(a: &str, b: &str) -> bool {
    let norm = |s: &str| -> String {
        s.chars()
            .filter(|c| !matches!(c, '-' | '_'))
            .flat_map(char::to_lowercase)
            .collect()
    };
    norm(a) == norm(b)
}

/// A heading's anchor: `{#anchor}` as written, or the slug YFM derives from the text
/// (lower case, Cyrillic transliterated, blanks to `-`, other punctuation dropped).
fn heading_anchor(heading: &Heading) -> String {
    if let Some(anchor) = &heading.anchor {
        return anchor.clone();
    }
    let mut slug = String::with_capacity(heading.text.len());
    for c in heading.text.chars().flat_map(char::to_lowercase) {
        match c {
            'a'..='z' | '0'..='9' | '_' => slug.push(c),
            ' ' | '-' if !slug.ends_with('-') => slug.push('-'),
            _ => slug.push_str(transliterate(c)),
        }
    }
    slug.trim_matches('-').to_owned()
}

fn transliterate(c: char) -> &'static str {
    match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'е' | 'ё' | 'э' => "e",
        'ж' => "zh",
        'з' => "z",
        'и' => "i",
        'й' => "j",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "h",
        'ц' => "c",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ы' => "y",
        'ю' => "yu",
        'я' => "ya",
        _ => "",
    }
}

/// Heading words that name no parameter: "Параметр", "Объект", "поля".
fn is_generic_word(word: &str) -> bool {
    lx::GENERIC_HEADING_PREFIXES
        .iter()
        .any(|p| word.starts_with(p))
        || word.chars().count() < 3
}

/// A heading's words, lowercased: what names a parameter or a field.
pub(super) fn heading_words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !(letters::is_alphanumeric(c) || c == '_' || c == '.'))
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
pub fn holds_fields(param: &Param) -> bool {
    fn container(expr: &TypeExpr) -> bool {
        match expr {
            TypeExpr::Object | TypeExpr::Any | TypeExpr::Ref(_) => true,
            TypeExpr::Array(inner) => container(inner),
            TypeExpr::Union(members) => members.iter().any(container),
            _ => false,
        }
    }
    param
        .ty
        .written
        .as_deref()
        .is_none_or(|w| w.eq_ignore_ascii_case("unknown"))
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
        // Required in some variants only: required when one of them is used.
        if !in_all && matches!(merged.mark, Mark::Star | Mark::Required) {
            merged.mark = Mark::Conditional(format!(
                "{}{}",
                lexicon::required::VARIANTS_CONDITION,
                variants.join(", ")
            ));
        }
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
    // Values of one variant do not bind the others: keep them only if every variant lists some.
    let all_enumerated = !merged.param.enum_values.is_empty()
        && rest.iter().all(|(_, e)| !e.param.enum_values.is_empty());
    if !all_enumerated {
        merged.param.enum_values.clear();
    }
    for (variant, entry) in rest {
        if matches!(entry.mark, Mark::Star | Mark::Required) {
            required_in.push(variant);
        }
        union_type(&mut merged.param.ty, &entry.param.ty);
        if all_enumerated {
            super::values::merge(&mut merged.param.enum_values, entry.param.enum_values);
        }
        if merged.param.default != entry.param.default {
            merged.param.default = None;
        }
        push_new(&mut merged.anchors, entry.anchors);
        push_new(&mut merged.type_anchors, entry.type_anchors);
        merge_entries(&mut merged.children, entry.children);
    }
    if (!same_mark || !in_all) && !required_in.is_empty() {
        merged.mark = Mark::Conditional(format!(
            "{}{}",
            lexicon::required::VARIANTS_CONDITION,
            required_in.join(", ")
        ));
    }
    Some(merged)
}

/// Adds the entries whose names `into` does not have yet.
pub(super) fn merge_entries(into: &mut Vec<Entry>, more: Vec<Entry>) {
    for entry in more {
        if !into.iter().any(|e| e.param.name == entry.param.name) {
            into.push(entry);
        }
    }
}

/// Adds the items `into` does not hold yet, in order.
fn push_new<T: PartialEq>(into: &mut Vec<T>, more: impl IntoIterator<Item = T>) {
    for item in more {
        if !into.contains(&item) {
            into.push(item);
        }
    }
}

/// `string` and `integer` under two variants: `string | integer`.
fn union_type(into: &mut TypeRef, other: &TypeRef) {
    // A variant that gives no type says nothing against the others'.
    if into == other || other.written.is_none() {
        return;
    }
    if into.written.is_none() {
        *into = other.clone();
        return;
    }
    let mut unique: Vec<String> = Vec::new();
    let words = into
        .written
        .iter()
        .chain(&other.written)
        .flat_map(|w| w.split(" | "));
    push_new(&mut unique, words.map(str::to_owned));
    let mut members: Vec<TypeExpr> = Vec::new();
    for expr in [&into.normalized, &other.normalized] {
        let list = match expr {
            TypeExpr::Union(members) => members.as_slice(),
            other => std::slice::from_ref(other),
        };
        push_new(&mut members, list.iter().cloned());
    }
    into.written = (!unique.is_empty()).then(|| unique.join(" | "));
    into.normalized = if members.len() == 1 {
        members.remove(0)
    } else {
        TypeExpr::Union(members)
    };
}
