//! Pages that define a family's objects by name: `chat-bots/chat-bots-v2/entities.md` has
//! "## User {#user}", "## Chat {#chat}", … each with a field table (some split into
//! "### Общие поля" and "### Дополнительные поля" under the name's heading). The methods
//! and events documented under the page's folder write those names as field types
//! (`[`User`](../../entities.md#user)`, read as `ref(User)`, a word no data-types page
//! defines). Each name becomes an entity of the family's module (`imbot.v2.User` →
//! `b24_api::imbot::v2::User`), and the words in those pages point at it; the tables a
//! method page gives for such a field (its `#bot-object` sub-table) add the fields the
//! object page lacks.
//!
//! It runs before the rest of the link pass: once the words are entities, results made of
//! them (`{"bot": Bot, "users": User[]}`) are envelopes, not records of their own.

use std::collections::{BTreeMap, BTreeSet};

use b24_spec::{EventSpec, MethodSpec, Param, ReferenceType, TypeExpr};

use super::entities::Entity;
use super::{FieldPage, LinkReport};
use crate::extract::is_object_name;

/// Makes the named objects of every object page entities (added to `types`) and points the
/// type words of the methods and events under the page's folder at them. The report counts
/// those entities, and the fields whose type word now names one of them as `resolved`.
pub fn apply(
    pages: &[FieldPage<'_>],
    methods: &mut [MethodSpec],
    events: &mut [EventSpec],
    types: &mut BTreeMap<String, ReferenceType>,
) -> LinkReport {
    let mut report = LinkReport::default();
    for page in pages {
        let objects = named_objects(page);
        if objects.len() < 2 {
            continue;
        }
        let folder = folder_of(page.path);
        let words: Vec<&str> = objects.keys().map(String::as_str).collect();
        let Some(family) = family_of(methods, folder, &words) else {
            continue;
        };
        // Word → entity; a name a data-types page already gives keeps its meaning.
        let mut built: BTreeMap<String, Entity> = BTreeMap::new();
        for (word, (heading, fields)) in &objects {
            let name = format!("{family}.{word}");
            if types.contains_key(&name) {
                continue;
            }
            let mut entity = Entity::new(&name, &family, word, page.path);
            entity.description.clone_from(heading);
            entity.merge(fields);
            built.insert(word.clone(), entity);
        }
        let mut used: BTreeSet<String> = BTreeSet::new();
        for method in methods.iter_mut().filter(|m| m.source.starts_with(folder)) {
            let response = &mut method.response;
            if let Some(word) = defined_word(&response.result, &built) {
                retype(&mut response.result, &built);
                used.insert(word);
                report.resolved += 1;
            }
            report.resolved += point_fields(&mut method.params, &mut built, &mut used);
            report.resolved += point_fields(&mut response.fields, &mut built, &mut used);
        }
        for event in events.iter_mut().filter(|e| e.source.starts_with(folder)) {
            report.resolved += point_fields(&mut event.payload, &mut built, &mut used);
        }
        // Only the objects the pages use become types: the others name nothing on the wire.
        for (_, mut entity) in built.into_iter().filter(|(word, _)| used.contains(word)) {
            report.entities += 1;
            open_or_false(&mut entity.fields);
            let mut ty = entity.into_type();
            crate::extract::mark_read_only(&mut ty.fields);
            types.insert(ty.name.clone(), ty);
        }
    }
    report
}

/// `object | boolean` with no structure given ("Объект с телефонами … или `false`",
/// `User.phones`) is an open object: the page says webhook events send every scalar as
/// text (`false` → `""`/`"0"`), which neither member of the union reads, and the object
/// member kept the data untyped anyway. JSON keeps both forms.
fn open_or_false(fields: &mut [Param]) {
    for field in fields {
        let open_or_flag = matches!(&field.ty.normalized, TypeExpr::Union(members)
            if members.len() == 2
                && members.contains(&TypeExpr::Object)
                && members.contains(&TypeExpr::Boolean));
        if open_or_flag && field.fields.is_empty() {
            field.ty.normalized = TypeExpr::Object;
        }
    }
}

/// Whether a field page defines two objects by name at least: such pages are read by
/// this pass alone.
pub fn is_object_page(page: &FieldPage<'_>) -> bool {
    named_objects(page).len() >= 2
}

/// Whether every field of a result holds one of the entities made here (or a list or map
/// of them): `{"bot": Bot, "users": User[]}` wraps objects, it is not a record itself.
pub fn holds_only_entities(fields: &[Param], types: &BTreeMap<String, ReferenceType>) -> bool {
    !fields.is_empty()
        && fields
            .iter()
            .all(|f| super::deep_maps::entity_of(&f.ty.normalized, types).is_some())
}

/// The objects a page defines by name, with the heading and the fields of each: a section
/// headed by the name ("## User {#user}"), and the sections under that heading ("### Общие
/// поля" under "## Bot {#bot}").
fn named_objects(page: &FieldPage<'_>) -> BTreeMap<String, (String, Vec<Param>)> {
    let mut objects: BTreeMap<String, (String, Vec<Param>)> = BTreeMap::new();
    for section in page.sections {
        let own = named(section.anchor.as_deref(), &section.heading);
        let outer = section
            .outer
            .as_ref()
            .and_then(|(anchor, text)| named(anchor.as_deref(), text));
        let Some(word) = own.or(outer) else {
            continue;
        };
        let (_, fields) = objects
            .entry(word.to_owned())
            .or_insert_with(|| (word.to_owned(), Vec::new()));
        for field in &section.fields {
            if !fields.iter().any(|f| f.name == field.name) {
                fields.push(field.clone());
            }
        }
    }
    objects
}

/// The name a heading gives an object: its text, when it is a name anchored by itself in
/// lower case.
fn named<'a>(anchor: Option<&str>, text: &'a str) -> Option<&'a str> {
    (is_object_name(text) && anchor.is_some_and(|a| a == text.to_ascii_lowercase())).then_some(text)
}

/// `api-reference/chat-bots/chat-bots-v2/` for `…/chat-bots-v2/entities.md`.
fn folder_of(path: &str) -> &str {
    path.rfind('/').map_or("", |at| &path[..=at])
}

/// The family of the methods under `folder` that use the page's names: the first two
/// parts of their names (`imbot.v2` for `imbot.v2.Bot.get`), the most frequent one, the
/// first in name order on a tie. `None` when no method uses them.
fn family_of(methods: &[MethodSpec], folder: &str, words: &[&str]) -> Option<String> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for method in methods.iter().filter(|m| m.source.starts_with(folder)) {
        let uses = uses_any(&method.response.result, words)
            || fields_use_any(&method.params, words)
            || fields_use_any(&method.response.fields, words);
        let mut parts = method.method.split('.');
        if let (true, Some(first), Some(second)) = (uses, parts.next(), parts.next()) {
            *counts.entry(format!("{first}.{second}")).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(family, _)| family)
}

fn fields_use_any(fields: &[Param], words: &[&str]) -> bool {
    fields.iter().any(|f| {
        let written = f.ty.written.as_deref().map(|w| w.trim_end_matches("[]"));
        uses_any(&f.ty.normalized, words)
            || (f.ty.normalized == TypeExpr::File && written.is_some_and(|w| words.contains(&w)))
            || fields_use_any(&f.fields, words)
    })
}

/// Whether a type names one of `words` (`User`, `User[]`, `User | null`).
fn uses_any(expr: &TypeExpr, words: &[&str]) -> bool {
    expr.refs().iter().any(|word| words.contains(word))
}

/// Points the fields typed with a defined name at its entity; the fields a page lists for
/// such a field go to the entity. Returns how many fields it pointed; `used` gets their
/// names.
fn point_fields(
    fields: &mut [Param],
    built: &mut BTreeMap<String, Entity>,
    used: &mut BTreeSet<String>,
) -> usize {
    let mut pointed = 0;
    for field in fields {
        shadowed_primitive(field, built);
        if let Some(word) = defined_word(&field.ty.normalized, built) {
            retype(&mut field.ty.normalized, built);
            pointed += 1;
            if let Some(entity) = built.get_mut(&word) {
                entity.merge(&field.fields);
            }
            field.fields.clear();
            used.insert(word);
            continue;
        }
        pointed += point_fields(&mut field.fields, built, used);
    }
    pointed
}

/// A name that is also a primitive's word (`File`, read as the upload type `file`) names
/// the object where the page writes it as the object's name: `[`File`](../../entities.md#file)`
/// in a result table is the uploaded file's description, not a file to send.
fn shadowed_primitive(field: &mut Param, built: &BTreeMap<String, Entity>) {
    let Some(written) = field.ty.written.as_deref() else {
        return;
    };
    let (word, list) = match written.strip_suffix("[]") {
        Some(word) => (word, true),
        None => (written, false),
    };
    let primitive = match &field.ty.normalized {
        TypeExpr::Array(inner) if list => inner.as_ref(),
        other if !list => other,
        _ => return,
    };
    if *primitive != TypeExpr::File || !built.contains_key(word) {
        return;
    }
    field.ty.normalized = super::list_or_one(TypeExpr::Ref(word.to_owned()), list);
}

/// The defined name a type holds (`User`, `User[]`, `User | null`).
fn defined_word(expr: &TypeExpr, built: &BTreeMap<String, Entity>) -> Option<String> {
    let word = expr
        .refs()
        .into_iter()
        .find(|word| built.contains_key(*word))?;
    Some(word.to_owned())
}

/// Replaces the defined names in `expr` by their entities' names.
fn retype(expr: &mut TypeExpr, built: &BTreeMap<String, Entity>) {
    expr.for_each_ref_mut(&mut |r| {
        if let TypeExpr::Ref(word) = r
            && let Some(entity) = built.get(word.as_str())
        {
            word.clone_from(&entity.name);
        }
    });
}
