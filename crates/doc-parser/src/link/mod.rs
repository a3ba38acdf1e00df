//! The corpus-level pass, run once every page is read: what a page means often lives on
//! another page. Method results, list items and `fields` parameters point at the entity a
//! field page (or the `x.fields`/`x.get` methods) describes (`ref(crm.lead)`), objects
//! keyed by ids become `map(T)`, and every link from an object without fields to another
//! page is resolved, or reported (`ref-unresolved`), never left a silent `any`.
//!
//! Order matters: entities are built from the tables before the `x.fields` results are
//! turned into maps (their tables list the entity's fields, not the map's values), and
//! method roles (`get`, `list`, `add`) are typed before links to method pages are followed.

mod anchored_rows;
mod casing;
mod data_type_fields;
mod deep_maps;
mod descriptions;
mod entities;
mod enum_lists;
mod families;
mod keyed;
pub(crate) mod maps;
pub(crate) mod object_pages;
mod one_record;
mod paths;
mod patterns;
mod record_lists;
mod record_roles;
mod request_fields;
mod result_maps;
mod result_unions;
mod shapes;
mod shared_records;
mod shown;
mod shown_types;
mod sole_field;
mod twins;
mod variant_keys;
mod word_lists;

use crate::lexicon::shapes as lx;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use b24_spec::{ApiVersion, MethodSpec, Param, ReferenceType, TypeExpr};

use crate::diagnostics::{Code, Diagnostic};
use crate::extract::FieldSection;

use entities::Entity;

use paths::PageLink;

/// What the pass did, for the import summary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LinkReport {
    /// Entities written to `types/` (`kind: entity`).
    pub entities: usize,
    /// Links from an object to a field page or a method page that gave a `ref(entity)`.
    pub resolved: usize,
    /// Links from an object without fields that lead to no entity (`ref-unresolved`).
    pub unresolved: usize,
    /// Results and fields typed `map(T)`.
    pub maps: usize,
    pub diagnostics: Vec<Diagnostic>,
}

/// A field page as the pass sees it: its path and tables.
#[derive(Debug, Clone, Copy)]
pub struct FieldPage<'a> {
    pub path: &'a str,
    pub sections: &'a [FieldSection],
}

/// Runs the pass over the imported methods; entities are added to `types`. `root` is the
/// docs root, read again only to give unresolved links their line.
pub fn run(
    root: &Path,
    methods: &mut [MethodSpec],
    example_results: Vec<Vec<serde_json::Value>>,
    pages: &[FieldPage<'_>],
    types: &mut BTreeMap<String, ReferenceType>,
) -> LinkReport {
    use rayon::prelude::*;
    let mut report = LinkReport::default();
    let pages_by_path: HashMap<&str, &FieldPage<'_>> = pages.iter().map(|p| (p.path, p)).collect();
    let examples = maps::Examples {
        results: example_results,
    };
    wrapped_results(methods, &examples);
    names_as_shown(methods, &examples);
    sole_field::apply(methods, &examples);
    for method in methods.iter_mut() {
        let response = &mut method.response;
        report.maps += patterns::apply_result(
            &mut response.result,
            &response.description,
            &mut response.fields,
        );
        word_lists::apply_result(
            &mut response.result,
            &response.description,
            &mut response.fields,
        );
    }
    expand_map_types(methods, types);
    let roles: Vec<Option<Role>> = methods.iter().map(|m| Role::of(m, types)).collect();
    let names = name_sections(methods, &roles, &pages_by_path, types);
    let mut built = build_entities(methods, &roles, &pages_by_path, &names, types);
    type_roles(methods, &roles, &mut built, types);
    // Other methods of a prefix whose result lists only the entity's fields return it.
    record_roles::apply(methods, &roles, &built, types);
    report.maps = result_maps::apply(methods);
    report.maps += maps_from_examples(methods, &roles, &examples, types);
    // Objects described by a link to a row of another method (`…-add.md#item`).
    report.resolved += anchored_rows::apply(methods);
    // The entity each method page stands for, after the roles were typed: a link to
    // `crm-lead-get.md` ("структуру смотрите в методе crm.lead.get") means its result.
    let page_entities: HashMap<String, String> = methods
        .par_iter()
        .zip(&roles)
        .filter_map(|(method, role)| {
            method_entity(method, role.as_ref(), &built).map(|e| (method.source.clone(), e))
        })
        .collect();
    let resolver = Resolver {
        types,
        entities: built.keys().cloned().collect(),
        pages: &pages_by_path,
        names: &names,
        page_entities: &page_entities,
    };
    // The resolver only reads: each method's and entity's links on their own, on all
    // cores, counted and listed in method, then entity order.
    let links: Vec<Links> = methods
        .par_iter_mut()
        .map(|method| link_method(method, &resolver))
        .chain(built.par_iter_mut().map(|(_, entity)| {
            let mut links = Links::default();
            links.maps += shapes::apply(&mut entity.fields);
            resolver.visit(&mut entity.fields, &entity.source, false, &mut links);
            links
        }))
        .collect();
    let mut unresolved = Vec::new();
    for part in links {
        report.resolved += part.resolved;
        report.unresolved += part.unresolved.len();
        report.maps += part.maps;
        unresolved.extend(part.unresolved);
    }
    // `line_of` reads each page again: on all cores, beside the rest of the pass (which
    // does not read the diagnostics).
    let (completed, diagnostics) = rayon::join(
        || complete(methods, types, built, examples),
        || unresolved_diagnostics(root, unresolved),
    );
    report.diagnostics = diagnostics;
    report.entities = completed.entities;
    report.resolved += completed.resolved;
    report.maps += completed.maps;
    report
}

/// The diagnostics of the links that lead to no entity, each at its line.
fn unresolved_diagnostics(
    root: &Path,
    unresolved: Vec<(String, PageLink, String)>,
) -> Vec<Diagnostic> {
    use rayon::prelude::*;
    unresolved
        .into_par_iter()
        .map(|(source, link, what)| {
            let line = line_of(root, &source, &link.written);
            Diagnostic::new(
                &source,
                line,
                Code::RefUnresolved,
                format!(
                    "`{what}` links to `{}`, which describes no entity: the object stays untyped",
                    link.written
                ),
            )
        })
        .collect()
}

/// The rest of the pass, once the links are resolved: the entities join the types, and
/// the types are completed from one another and from the examples. Returns the entities,
/// links and maps it counted.
fn complete(
    methods: &mut [MethodSpec],
    types: &mut Types,
    built: BTreeMap<String, Entity>,
    examples: maps::Examples,
) -> LinkReport {
    use rayon::prelude::*;
    let mut report = LinkReport::default();
    let converted = data_type_entities(types, &built);
    report.entities = built.len() + converted.len();
    for (name, mut entity) in built {
        shapes::children_are_the_entity(&entity.name, &mut entity.fields);
        types.insert(name, entity.into_type());
    }
    // One structure documented per variant on several pages (the user field's
    // `SETTINGS`), and data types a page gives only in part (`uf_enum_element`).
    data_type_fields::apply(types, methods);
    shared_records::apply(types, methods);
    one_record::apply(types, methods);
    variant_keys::apply(types, methods, &examples);
    // After every entity is in `types`: open fields whose page documents a twin.
    report.resolved += twins::apply(types, &examples);
    families::apply(types);
    // Records keyed by ids at any depth, in results and entities, read beside the examples.
    report.maps += deep_maps::apply(methods, types, &examples);
    // Results of several documented shapes: unions and maps the examples confirm.
    report.maps += result_unions::apply(methods, &examples);
    for ty in types.values_mut() {
        report.maps += patterns::apply(&mut ty.fields);
    }
    // `deliveryId: sale_delivery_service`: a field named as an id holds the id, not the
    // object the type word names.
    each_field_list(methods, types, |fields| ids_stay_ids(fields, &converted));
    // After the data types became entities: `fm: crm_multifield[]` listing `typeId`, … .
    casing::apply(types, methods);
    // Last, with every entity known: `array` fields read against the examples.
    shown_types::apply(methods, types, &examples);
    // Freeing every example's values one by one is 5 M instructions: not on one core.
    examples.results.into_par_iter().for_each(drop);
    report
}

/// What resolving the links of one method or entity gave.
#[derive(Default)]
struct Links {
    resolved: usize,
    maps: usize,
    /// The page, the link and what it was for.
    unresolved: Vec<(String, PageLink, String)>,
}

impl Links {
    fn note(&mut self, source: &str, outcome: Result<(), (PageLink, String)>) {
        match outcome {
            Ok(()) => self.resolved += 1,
            Err((link, what)) => self.unresolved.push((source.to_owned(), link, what)),
        }
    }
}

/// Resolves the links of a method's result, parameters and result fields.
fn link_method(method: &mut MethodSpec, resolver: &Resolver<'_>) -> Links {
    let mut links = Links::default();
    let source = method.source.as_str();
    let response = &mut method.response;
    if !matches!(response.result, TypeExpr::Map(_)) {
        let mut result = Param {
            name: "result".to_owned(),
            description: response.description.clone(),
            ..Param::default()
        };
        // An unknown result that sends the reader elsewhere ("структуру смотрите в
        // методе crm.lead.get") is an object described there.
        result.ty.normalized = match &response.result {
            TypeExpr::Any => TypeExpr::Object,
            other => other.clone(),
        };
        if response.fields.is_empty()
            && !shape_by_parameter(&response.description)
            && let Some(outcome) = resolver.link(&mut result, source)
        {
            if outcome.is_ok() {
                response.result = result.ty.normalized;
            }
            links.note(source, outcome);
        }
    }
    // `{"categories": [...]}` read from the example, with the structure in the result
    // row ("соответствует объекту [category](./crm-category-add.md#category)").
    if let [only] = response.fields.as_mut_slice()
        && only.description.is_empty()
        && only.ty.written.is_none()
    {
        let mut probe = only.clone();
        probe.description = response.description.clone();
        if let Some(Ok(())) = resolver.link(&mut probe, source) {
            links.note(source, Ok(()));
            only.ty.normalized = probe.ty.normalized;
        }
    }
    resolver.visit(&mut method.params, source, true, &mut links);
    links.maps += shapes::apply(&mut response.fields);
    resolver.visit(&mut response.fields, source, false, &mut links);
    links
}

/// Applies `edit` to every top-level list of fields (a method's parameters and response,
/// a type's fields), each on its own, on all cores: for steps that read only a snapshot.
fn each_field_list(
    methods: &mut [MethodSpec],
    types: &mut Types,
    edit: impl Fn(&mut Vec<Param>) + Sync,
) {
    use rayon::prelude::*;
    methods.par_iter_mut().for_each(|method| {
        edit(&mut method.params);
        edit(&mut method.response.fields);
    });
    types
        .par_iter_mut()
        .for_each(|(_, ty)| edit(&mut ty.fields));
}

/// Types `ref(X)` fields whose name says they hold an id (`statusId`, `DELIVERY_ID`, `id`)
/// with the scalar X's ids are, for the data types that became entities (`converted`, with
/// their kind before).
fn ids_stay_ids(fields: &mut [Param], converted: &HashMap<String, TypeExpr>) {
    for field in fields {
        let names_an_id = field.name == "id"
            || field.name.ends_with("Id")
            || field.name.ends_with("ID")
            || field.name.ends_with("_id");
        if names_an_id {
            retype_ids(&mut field.ty.normalized, converted);
        }
        ids_stay_ids(&mut field.fields, converted);
    }
}

fn retype_ids(expr: &mut TypeExpr, converted: &HashMap<String, TypeExpr>) {
    match expr {
        TypeExpr::Ref(name) => {
            if let Some(id) = converted.get(name.as_str()) {
                *expr = id.clone();
            }
        }
        TypeExpr::Array(inner) | TypeExpr::Map(inner) => retype_ids(inner, converted),
        _ => {}
    }
}

/// The type of the ids of a data type that became an entity: its kind's before, or for an
/// object the type of its field that the page calls its identifier (`crm_currency`'s
/// `CURRENCY`, "Идентификатор валюты", a string); `any` when it has none.
fn id_type(ty: &ReferenceType) -> TypeExpr {
    match ty.kind {
        b24_spec::ReferenceKind::IntegerId => TypeExpr::Integer,
        b24_spec::ReferenceKind::StringCode => TypeExpr::String,
        _ => ty
            .fields
            .iter()
            .find(|f| crate::letters::starts_folded(f.description.trim_start(), lx::ID))
            .map(|f| f.ty.normalized.clone())
            .filter(|t| matches!(t, TypeExpr::Integer | TypeExpr::String))
            .unwrap_or(TypeExpr::Any),
    }
}

/// The object types of a scope's `data-types.md` (`crm_multifield`, `catalog_product`, and
/// the ids whose page lists the object's fields, `sale_order`) become entities of the
/// scope's module (`crm::Multifield`), so that results and fields typed with them decode
/// into structs. A name another entity of the module has already keeps the type as it was.
/// Returns the names it converted, with the type of their ids.
fn data_type_entities(
    types: &mut Types,
    built: &BTreeMap<String, Entity>,
) -> HashMap<String, TypeExpr> {
    let mut taken: std::collections::HashSet<(String, String)> = built
        .values()
        .map(|e| (e.module.clone(), e.rust_name.clone()))
        .collect();
    let mut made = HashMap::new();
    for ty in types.values_mut() {
        let object_kind = matches!(
            ty.kind,
            b24_spec::ReferenceKind::Object
                | b24_spec::ReferenceKind::IntegerId
                | b24_spec::ReferenceKind::StringCode
        );
        if !object_kind || ty.fields.len() < 2 {
            continue;
        }
        let Some(scope) = ty
            .source
            .strip_prefix("api-reference/")
            .and_then(|rest| rest.strip_suffix("/data-types.md"))
            .filter(|scope| !scope.contains('/'))
        else {
            continue;
        };
        let local = ty
            .name
            .strip_prefix(scope)
            .and_then(|rest| rest.strip_prefix('_'))
            .unwrap_or(&ty.name);
        let rust_name = entities::rust_name(local);
        if !taken.insert((scope.to_owned(), rust_name.clone())) {
            continue;
        }
        made.insert(ty.name.clone(), id_type(ty));
        ty.kind = b24_spec::ReferenceKind::Entity;
        ty.module = Some(scope.to_owned());
        ty.rust_name = Some(rust_name);
    }
    made
}

/// The entity name of each linked field page section: `(page, section index)` → name.
type SectionNames = BTreeMap<(String, usize), String>;

/// The named types of the import (the data-types words, before entities join them).
type Types = BTreeMap<String, ReferenceType>;

/// The REST prefix a method belongs to (`crm.lead` for `crm.lead.get`), its role, and the
/// name of the prefix's entity: read once for every step that groups methods by prefix
/// (the types they are read against do not change until the entities join them).
struct Role {
    prefix: String,
    role: String,
    entity: String,
}

impl Role {
    fn of(method: &MethodSpec, types: &Types) -> Option<Self> {
        let (prefix, role) = method.method.rsplit_once('.')?;
        // The entity: the prefix itself, `@v3`-free but `.v3` for REST 3.0 pages (another
        // object on the wire), `.entity` when a data-types word already has the name
        // (`user` is the user id's type).
        let mut entity = prefix.to_owned();
        if method.api_version == ApiVersion::RestV3 {
            entity.push_str(".v3");
        }
        if types.contains_key(&entity) {
            entity.push_str(".entity");
        }
        Some(Role {
            prefix: prefix.to_owned(),
            role: role.to_lowercase(),
            entity,
        })
    }
}

/// The module and Rust name of an entity named for a prefix.
fn module_and_rust_name(prefix: &str, name: &str) -> (String, String) {
    let last = prefix.rsplit('.').next().unwrap_or(prefix);
    let module = name.strip_suffix(".entity").unwrap_or(name);
    (module.to_owned(), entities::rust_name(last))
}

/// Names the field page sections that methods link to, by the prefix of the methods that
/// link most (ties: the first in name order): a page's first table is the entity itself,
/// a later section a part of it (`tasks.task.checklist_item`).
fn name_sections(
    methods: &[MethodSpec],
    roles: &[Option<Role>],
    pages: &HashMap<&str, &FieldPage<'_>>,
    types: &Types,
) -> SectionNames {
    let mut votes: BTreeMap<(String, usize), BTreeMap<String, usize>> = BTreeMap::new();
    for (method, role) in methods.iter().zip(roles) {
        let Some(Role { entity: name, .. }) = role else {
            continue;
        };
        let mut vote = |link: &PageLink| {
            if let Some(page) = pages.get(link.page.as_str()) {
                let index = section_index(page, link.anchor.as_deref());
                *votes
                    .entry((link.page.clone(), index))
                    .or_default()
                    .entry(name.clone())
                    .or_default() += 1;
            }
        };
        for_each_open_object(&method.params, &method.source, types, true, &mut vote);
        for_each_open_object(
            &method.response.fields,
            &method.source,
            types,
            false,
            &mut vote,
        );
        // The result's links name its object, or the object of its only field when the
        // example gave that field and the result row describes it (`{"item": {…}}`).
        let only_unwritten = matches!(method.response.fields.as_slice(),
            [only] if only.description.is_empty() && only.ty.written.is_none()
                && only.fields.is_empty() && is_open(&only.ty.normalized, types));
        if (method.response.fields.is_empty() && is_open(&method.response.result, types))
            || only_unwritten
        {
            for link in paths::page_links(&method.response.description, &method.source) {
                vote(&link);
            }
        }
    }
    let mut names = SectionNames::new();
    let mut taken: std::collections::HashSet<String> = std::collections::HashSet::new();
    for ((page, index), counts) in votes {
        let Some(best) = counts
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(name, _)| name.clone())
        else {
            continue;
        };
        let mut name = if index == 0 {
            best
        } else {
            let anchor = pages
                .get(page.as_str())
                .and_then(|p| p.sections.get(index))
                .and_then(|s| s.anchor.clone())
                .unwrap_or_else(|| format!("part{index}"));
            format!("{best}.{}", anchor.replace('-', "_"))
        };
        if taken.contains(&name) {
            let stem = page
                .rsplit('/')
                .next()
                .unwrap_or(&page)
                .trim_end_matches(".md")
                .replace('-', "_");
            name = format!("{name}.{stem}");
        }
        if !taken.insert(name.clone()) {
            continue;
        }
        names.insert((page, index), name);
    }
    // Sections a named section links on its own page (`[Группа](#group)`) are its parts,
    // and so are the sections those parts link (`checkListTree` → `#checklisttree-fields`).
    let mut named: Vec<((String, usize), String)> =
        names.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    while !named.is_empty() {
        let mut parts = Vec::new();
        for ((page, index), name) in &named {
            let Some(view) = pages.get(page.as_str()) else {
                continue;
            };
            let Some(section) = view.sections.get(*index) else {
                continue;
            };
            let mut local = Vec::new();
            collect_local_anchors(&section.fields, &mut local);
            for anchor in local {
                let target = section_index(view, Some(&anchor));
                if target != 0 && target != *index {
                    // A part's parts belong to the same owner (one module per page).
                    let owner = if *index == 0 {
                        name.as_str()
                    } else {
                        name.rsplit_once('.')
                            .map_or(name.as_str(), |(owner, _)| owner)
                    };
                    let owner = owner.trim_end_matches(".entity");
                    parts.push((
                        (page.clone(), target),
                        format!("{owner}.{}", anchor.replace('-', "_")),
                    ));
                }
            }
        }
        parts.sort();
        named.clear();
        for (key, name) in parts {
            if !names.contains_key(&key) && taken.insert(name.clone()) {
                names.insert(key.clone(), name.clone());
                named.push((key, name));
            }
        }
    }
    names
}

/// The anchors of `[…](#anchor)` links in the descriptions of open objects.
fn collect_local_anchors(fields: &[Param], out: &mut Vec<String>) {
    for field in fields {
        if field.fields.is_empty() {
            for link in paths::page_links_with_local(&field.description, "") {
                if link.page.is_empty()
                    && let Some(anchor) = link.anchor
                {
                    out.push(anchor);
                }
            }
        }
        collect_local_anchors(&field.fields, out);
    }
}

/// The section an anchor names, or the page's first table.
fn section_index(page: &FieldPage<'_>, anchor: Option<&str>) -> usize {
    anchor
        .and_then(|a| {
            page.sections
                .iter()
                .position(|s| s.anchor.as_deref() == Some(a))
        })
        .unwrap_or(0)
}

/// Calls `f` with every page link of every object that has no fields of its own.
fn for_each_open_object(
    fields: &[Param],
    source: &str,
    types: &Types,
    request: bool,
    f: &mut dyn FnMut(&PageLink),
) {
    for field in fields {
        if request && is_query_param(&field.name) {
            continue;
        }
        if field.fields.is_empty()
            && field.pattern.is_none()
            && is_open_object(&field.ty.normalized, types)
        {
            for link in paths::page_links(&field.description, source) {
                f(&link);
            }
        }
        for_each_open_object(&field.fields, source, types, false, f);
    }
}

/// An object whose structure is not given here: `object`, `any`, a word no data-types page
/// defines (the `[item](./object-fields.md)` of a result table), or arrays of those.
fn is_open(expr: &TypeExpr, types: &Types) -> bool {
    match expr {
        TypeExpr::Object | TypeExpr::Any => true,
        TypeExpr::Ref(word) => !types.contains_key(word),
        TypeExpr::Array(inner) | TypeExpr::Map(inner) => is_open(inner, types),
        _ => false,
    }
}

/// An open object (or array of objects) as the table writes it: `object`, a word no
/// data-types page defines; not a value of unwritten type (an `id` whose row links to the
/// list method).
fn is_open_object(expr: &TypeExpr, types: &Types) -> bool {
    match expr {
        TypeExpr::Object => true,
        TypeExpr::Ref(word) => !types.contains_key(word),
        TypeExpr::Array(inner) | TypeExpr::Map(inner) => is_open_object(inner, types),
        _ => false,
    }
}

/// Request parameters keyed by field names or listing them (`select`, `filter`, `order`):
/// their links lead to the entity's fields, but they are not the entity.
fn is_query_param(name: &str) -> bool {
    ["select", "filter", "order", "sort", "group"]
        .iter()
        .any(|q| name.eq_ignore_ascii_case(q))
}

/// Builds every entity: the named field page sections, then what the methods of the same
/// prefix describe (`x.fields` table, `get`/`list` results, `add`/`update` `fields`).
fn build_entities(
    methods: &[MethodSpec],
    roles: &[Option<Role>],
    pages: &HashMap<&str, &FieldPage<'_>>,
    names: &SectionNames,
    types: &Types,
) -> BTreeMap<String, Entity> {
    let mut built: BTreeMap<String, Entity> = BTreeMap::new();
    for ((page, index), name) in names {
        let Some(section) = pages
            .get(page.as_str())
            .and_then(|p| p.sections.get(*index))
        else {
            continue;
        };
        let (module, rust_name) = if *index == 0 {
            let prefix = name.trim_end_matches(".entity").trim_end_matches(".v3");
            module_and_rust_name(prefix, name)
        } else {
            let (owner, part) = name.rsplit_once('.').unwrap_or(("", name));
            let owner = owner.trim_end_matches(".entity");
            (owner.to_owned(), entities::rust_name(part))
        };
        let entity = built
            .entry(name.clone())
            .or_insert_with(|| Entity::new(name, &module, &rust_name, page));
        entity.description = section.heading.clone();
        entity.merge(&section.fields);
        if *index == 0
            && let Some(field_page) = pages.get(page.as_str())
        {
            for (at, part) in field_page.sections.iter().enumerate().skip(1) {
                if !names.contains_key(&(page.clone(), at)) && is_variant_section(part, entity) {
                    entity.merge(&part.fields);
                }
            }
        }
    }
    // Method tables, in order of how much they are about the object.
    for role in ["fields", "get", "list", "add", "update"] {
        for (method, named) in methods.iter().zip(roles) {
            let Some(Role {
                prefix,
                role: own_role,
                entity: name,
            }) = named
            else {
                continue;
            };
            if own_role != role && !(role == "list" && own_role == "getlist") {
                continue;
            }
            let fields = match role {
                "fields" => entity_table_of_fields_method(method),
                "get" | "list" => record_fields(method, role == "list", types),
                _ => {
                    let param = method.params.iter().find(|p| is_fields_param(p, types));
                    param.map(|p| p.fields.as_slice())
                }
            };
            let Some(fields) = fields.filter(|f| !f.is_empty()) else {
                continue;
            };
            // `add`/`update` only add to an entity another source made: their `fields`
            // alone is a request shape, not the object.
            if matches!(role, "add" | "update") && !built.contains_key(name) {
                continue;
            }
            let (module, rust_name) = module_and_rust_name(prefix, name);
            let entity = built
                .entry(name.clone())
                .or_insert_with(|| Entity::new(name, &module, &rust_name, &method.source));
            entity.merge(fields);
        }
    }
    // Records only an example shows take the flat `add`/`update` tables' fields.
    request_fields::apply(methods, roles, &mut built);
    for entity in built.values_mut() {
        crate::extract::mark_read_only(&mut entity.fields);
    }
    built
}

/// A section of a field page that nothing links and that describes no part of the
/// object: its heading names no field of the entity and does not call itself an object
/// or a type ("### Лид {#lead}" under "## Поля по объектам" of `crm/universal/
/// object-fields.md`): the fields one kind of the object adds, so fields of the entity.
fn is_variant_section(section: &FieldSection, entity: &Entity) -> bool {
    let heading = section.heading.trim();
    let names_a_field = entity.fields.iter().any(|f| {
        heading.eq_ignore_ascii_case(&f.name)
            || section
                .anchor
                .as_deref()
                .is_some_and(|a| a.eq_ignore_ascii_case(&f.name))
            || heading.split_whitespace().any(|w| w == f.name)
    });
    // "Объект action", "Общие параметры повторения", "Структура …", "Поле settings".
    !heading.is_empty()
        && !names_a_field
        && !lx::PART_HEADING_WORDS
            .iter()
            .any(|w| crate::letters::has_folded(heading, w))
        && section.fields.len() >= 2
}

/// The `x.fields` table when it lists the object's fields with their types (most CRM
/// `fields` pages), rather than the shape of the reply.
fn entity_table_of_fields_method(method: &MethodSpec) -> Option<&[Param]> {
    let fields = &method.response.fields;
    let typed = fields.iter().filter(|f| f.ty.written.is_some()).count();
    let reply_words = ["type", "isRequired", "isReadOnly", "title", "fields"];
    let looks_like_reply = fields
        .iter()
        .any(|f| reply_words.contains(&f.name.as_str()));
    (fields.len() >= 3 && typed * 2 > fields.len() && !looks_like_reply)
        .then_some(fields.as_slice())
}

/// The fields of a record a `get` (an object) or a `list` (an array) returns directly,
/// not wrapped (`{item: …}`): two fields at least.
fn record_fields<'m>(method: &'m MethodSpec, list: bool, types: &Types) -> Option<&'m [Param]> {
    let fields = &method.response.fields;
    if let Some(wrapper) = record_wrapper(&method.response, list, types) {
        return Some(wrapper.fields.as_slice());
    }
    let shape_fits = match &method.response.result {
        TypeExpr::Array(inner) => is_open(inner, types),
        other => !list && is_open(other, types),
    };
    let envelope = object_pages::holds_only_entities(fields, types);
    (shape_fits && fields.len() >= 2 && !envelope).then_some(fields.as_slice())
}

/// The one field of a result that wraps the record (`{"booking": {…}}` for a `get`,
/// `{"items": [{…}]}` for a `list`), with two fields at least of its own.
fn record_wrapper<'r>(
    response: &'r b24_spec::Response,
    list: bool,
    types: &Types,
) -> Option<&'r Param> {
    let [only] = response.fields.as_slice() else {
        return None;
    };
    let open_result = matches!(response.result, TypeExpr::Object | TypeExpr::Any);
    let shape_fits = match &only.ty.normalized {
        TypeExpr::Array(inner) => list && is_open(inner, types),
        other => !list && is_open(other, types),
    };
    (open_result && shape_fits && only.fields.len() >= 2).then_some(only)
}

/// Whether `param` is the `fields` parameter of an `add`/`update`, an open object.
fn is_fields_param(param: &Param, types: &Types) -> bool {
    param.name.eq_ignore_ascii_case("fields") && is_open(&param.ty.normalized, types)
}

/// Types the methods by role: `get` → `ref(E)`, `list` → `ref(E)[]`, `add`/`update`
/// `fields` → `ref(E)`, when the prefix has an entity. Fields the method lists move to the
/// entity (it has most already).
fn type_roles(
    methods: &mut [MethodSpec],
    roles: &[Option<Role>],
    built: &mut BTreeMap<String, Entity>,
    types: &Types,
) {
    for (method, named) in methods.iter_mut().zip(roles) {
        let Some(Role {
            role, entity: name, ..
        }) = named
        else {
            continue;
        };
        let Some(entity) = built.get_mut(name) else {
            continue;
        };
        let entity_ref = TypeExpr::Ref(name.clone());
        match role.as_str() {
            "get" | "list" | "getlist" => {
                let response = &mut method.response;
                if shape_by_parameter(&response.description) {
                    continue;
                }
                let list = role != "get";
                if record_wrapper(response, list, types).is_some()
                    && let Some(wrapper) = response.fields.first_mut()
                {
                    wrapper.ty.normalized = list_or_one(entity_ref, list);
                    entity.merge(&wrapper.fields);
                    wrapper.fields.clear();
                    continue;
                }
                // A list whose table calls the result an object while the example shows
                // an array of records (`crm.lead.userfield.list`): the example's kind.
                // Only when the example's records are the entity's (most of their keys
                // are its fields): `event.offline.get` is a wrapper, not an event.
                // So is a list whose result row writes one object's type and calls it
                // "Массив объектов …" (`crm.item.delivery.list`).
                let listed_by_example = list
                    && (matches!(&response.example_result, Some(TypeExpr::Array(inner)) if is_open(inner, types))
                        || crate::letters::starts_folded(
                            response.description.trim_start(),
                            lx::ARRAY,
                        ))
                    && shares_most_fields(&response.fields, &entity.fields);
                let shape_fits = match &response.result {
                    TypeExpr::Array(inner) => is_open(inner, types),
                    other if listed_by_example => is_open(other, types),
                    other => !list && is_open(other, types) && response.fields.len() >= 2,
                };
                if !shape_fits {
                    continue;
                }
                let listed = listed_by_example || matches!(response.result, TypeExpr::Array(_));
                response.result = list_or_one(entity_ref, listed);
                if listed_by_example {
                    response.example_result = None;
                }
                entity.merge(&response.fields);
                response.fields.clear();
            }
            "add" | "update" => {
                if let Some(param) = method.params.iter_mut().find(|p| is_fields_param(p, types)) {
                    entity.merge(&param.fields);
                    // The entity's fields are optional for every method; what an add page
                    // requires stays with the method. (Update pages that mark fields
                    // required mostly copy the add table: a partial update is the point.)
                    if role == "add" {
                        param.required_fields = param
                            .fields
                            .iter()
                            .filter(|field| field.required.is_true() && field.pattern.is_none())
                            .map(|field| field.name.clone())
                            .collect();
                    }
                    param.fields.clear();
                    param.ty.normalized = entity_ref;
                }
            }
            _ => {}
        }
    }
}

/// `item[]` for a list, else `item` itself.
fn list_or_one(item: TypeExpr, list: bool) -> TypeExpr {
    if list {
        TypeExpr::Array(Box::new(item))
    } else {
        item
    }
}

/// Most of `shown`'s names are fields of `fields` (and there is at least one).
fn shares_most_fields(shown: &[Param], fields: &[Param]) -> bool {
    let known = shown
        .iter()
        .filter(|s| fields.iter().any(|f| f.name == s.name))
        .count();
    known > 0 && known * 2 >= shown.len()
}

/// The entity a method's result is, when it is one (`ref(E)`, `ref(E)[]`), or its prefix's
/// (a link to `crm-category-add.md#category` means the category).
fn method_entity(
    method: &MethodSpec,
    role: Option<&Role>,
    built: &BTreeMap<String, Entity>,
) -> Option<String> {
    variant_keys::entity_of(&method.response.result)
        .filter(|name| built.contains_key(*name))
        .map(str::to_owned)
        .or_else(|| Some(role?.entity.clone()).filter(|name| built.contains_key(name)))
}

/// Follows links from open objects to entities.
struct Resolver<'a> {
    types: &'a Types,
    /// The entities built: a `ref` to one is resolved already.
    entities: std::collections::HashSet<String>,
    pages: &'a HashMap<&'a str, &'a FieldPage<'a>>,
    names: &'a SectionNames,
    page_entities: &'a HashMap<String, String>,
}

impl Resolver<'_> {
    /// Resolves the links of `fields` and their nested fields (not of the query
    /// parameters among `request` parameters).
    fn visit(&self, fields: &mut [Param], source: &str, request: bool, links: &mut Links) {
        for field in fields {
            if request && is_query_param(&field.name) {
                continue;
            }
            if let Some(outcome) = self.link(field, source) {
                links.note(source, outcome);
            }
            self.visit(&mut field.fields, source, false, links);
        }
    }

    /// For an open object without fields whose description links to other pages: the
    /// first link that names an entity types it (`ref(E)`, or `ref(E)[]` for an array or an
    /// object the description calls an array); `None` when there is nothing to resolve.
    fn link(&self, field: &mut Param, source: &str) -> Option<Result<(), (PageLink, String)>> {
        if !field.fields.is_empty()
            || field.pattern.is_some()
            || !is_open_object(&field.ty.normalized, self.types)
        {
            return None;
        }
        if field
            .ty
            .normalized
            .refs()
            .iter()
            .any(|name| self.entities.contains(*name))
        {
            return None;
        }
        let links = if self.pages.contains_key(source) {
            paths::page_links_with_local(&field.description, source)
        } else {
            paths::page_links(&field.description, source)
        };
        // A data-types anchor that names no object type is a type word's link (`#integer`):
        // not a link to resolve.
        let first = links
            .iter()
            .find(|link| !paths::is_data_types(&link.page))
            .cloned();
        for link in &links {
            let Some(entity) = self.entity_of(link) else {
                continue;
            };
            let array = matches!(field.ty.normalized, TypeExpr::Array(_))
                || crate::letters::starts_folded(field.description.trim_start(), lx::ARRAY);
            let entity = TypeExpr::Ref(entity);
            field.ty.normalized = if matches!(field.ty.normalized, TypeExpr::Map(_)) {
                TypeExpr::Map(Box::new(entity))
            } else {
                list_or_one(entity, array)
            };
            return Some(Ok(()));
        }
        first.map(|first| Err((first, field.name.clone())))
    }

    fn entity_of(&self, link: &PageLink) -> Option<String> {
        // `[`type`](../../data-types.md#type)`: an object type of a data-types page.
        if let Some(anchor) = &link.anchor
            && link.page.ends_with("data-types.md")
            && let Some(ty) = self.types.get(anchor.as_str())
            && ty.source == link.page
            && ty.fields.len() >= 2
        {
            return Some(anchor.clone());
        }
        if let Some(page) = self.pages.get(link.page.as_str()) {
            let index = section_index(page, link.anchor.as_deref());
            return self.names.get(&(link.page.clone(), index)).cloned();
        }
        self.page_entities.get(&link.page).cloned()
    }
}

/// `map(T)` for results whose example shows an object keyed by ids, and for the field
/// descriptions the `x.fields` methods return (keyed by field name); the fields become
/// the values' fields. Returns how many were typed.
fn maps_from_examples(
    methods: &mut [MethodSpec],
    roles: &[Option<Role>],
    examples: &maps::Examples,
    types: &Types,
) -> usize {
    use rayon::prelude::*;
    methods
        .par_iter_mut()
        .zip(roles)
        .zip(&examples.results)
        .map(|((method, role), results)| {
            let Some(result) = maps::first_object(results) else {
                return 0;
            };
            let fields_method = role
                .as_ref()
                .is_some_and(|r| descriptions::is_fields_role(&r.role));
            let response = &mut method.response;
            let descriptions = if fields_method {
                descriptions::is_description_map(result)
            } else {
                maps::is_field_description_map(result)
            };
            let open_object = match &response.result {
                TypeExpr::Object | TypeExpr::Any => true,
                TypeExpr::Ref(word) => !types.contains_key(word),
                other => descriptions && fields_method && descriptions::replaceable(other),
            };
            if !open_object {
                return 0;
            }
            // `user.fields`: `{"ID": "ID", "NAME": "Имя"}`, titles keyed by field name.
            let titles = fields_method
                && result.len() >= 2
                && result.values().all(serde_json::Value::is_string);
            let keyed_by_ids = maps::is_id_keyed(result);
            if keyed_by_ids || descriptions || titles {
                let (value, fields) = maps::value_type(result);
                // A table of the values' fields is kept; one of the keys (the entity's
                // fields, for `x.fields`) is not.
                if !keyed_by_ids || response.fields.is_empty() {
                    response.fields = fields;
                    descriptions::describe_from_list(&mut response.fields, &response.description);
                }
                response.result = TypeExpr::Map(Box::new(value));
                response.example_result = None;
                return 1;
            }
            // `{"fields": {"ID": {"type": …}}}`: the map is one level down.
            let mut typed = 0;
            for (key, value) in result {
                let Some(inner) = value.as_object() else {
                    continue;
                };
                let described = fields_method && descriptions::is_description_map(inner);
                if !(maps::is_id_keyed(inner) || maps::is_field_description_map(inner) || described)
                {
                    continue;
                }
                // A `fields` method whose table lists the entity's fields, not the reply's,
                // wraps the map in its one key: the reply is that key.
                if fields_method
                    && result.len() == 1
                    && !response.fields.iter().any(|f| &f.name == key)
                {
                    let mut wrapper =
                        crate::extract::shown_field(key, TypeExpr::Object, Vec::new());
                    wrapper.description = response.description.clone();
                    response.fields = vec![wrapper];
                }
                let Some(field) = response.fields.iter_mut().find(|f| &f.name == key) else {
                    continue;
                };
                let open = match &field.ty.normalized {
                    TypeExpr::Object | TypeExpr::Any => true,
                    TypeExpr::Ref(word) if !types.contains_key(word) => true,
                    other => {
                        fields_method
                            && descriptions::replaceable(other)
                            && descriptions::is_description_map(inner)
                    }
                };
                if !open {
                    continue;
                }
                let (value, fields) = maps::value_type(inner);
                if field.fields.is_empty() {
                    field.fields = fields;
                }
                field.ty.normalized = TypeExpr::Map(Box::new(value));
                typed += 1;
            }
            typed
        })
        .sum()
}

/// Data types that are maps by their description (`lang_map`: "Объект формата
/// `{lang_1: value_1, …}`, где `value_n` — значение для языка") are written `map(T)` where
/// they are used, so that they decode into a map instead of a struct with no fields.
fn expand_map_types(methods: &mut [MethodSpec], types: &Types) {
    let aliases: HashMap<String, TypeExpr> = types
        .values()
        .filter(|ty| ty.kind == b24_spec::ReferenceKind::Object && ty.fields.is_empty())
        .filter_map(|ty| map_layout(&ty.description).map(|value| (ty.name.clone(), value)))
        .collect();
    if aliases.is_empty() {
        return;
    }
    let mut expand = |expr: &mut TypeExpr| {
        if let TypeExpr::Ref(name) = expr
            && let Some(value) = aliases.get(name.as_str())
        {
            *expr = TypeExpr::Map(Box::new(value.clone()));
        }
    };
    for method in methods {
        let fields = method.params.iter_mut().chain(&mut method.response.fields);
        fields.for_each(|field| field.for_each_ref_mut(&mut expand));
        method.response.result.for_each_ref_mut(&mut expand);
    }
}

/// The value type of a description that shows a map's layout (`key_1: value_1`): text when
/// the values are said to be one ("Значение для языка"), else any JSON value.
fn map_layout(description: &str) -> Option<TypeExpr> {
    let compact: String = description.chars().filter(|c| !c.is_whitespace()).collect();
    let shows_layout = compact.contains("_1:value_1") || compact.contains("_1\":\"value_1");
    if !shows_layout {
        return None;
    }
    let text_values = lx::MAP_TEXT_VALUES
        .iter()
        .any(|w| crate::letters::has_folded(description, w));
    Some(if text_values {
        TypeExpr::String
    } else {
        TypeExpr::Any
    })
}

/// A result whose description says it "contains the array `list`" while its table lists
/// the items' fields (`tasks.task.history.list`), or whose example shows the table's
/// fields one level down, under the result's only key (`{"items": [{"ID": …}]}`): the
/// table moves into that one field, when the example has it.
fn wrapped_results(methods: &mut [MethodSpec], examples: &maps::Examples) {
    for (method, result) in methods.iter_mut().zip(examples.objects()) {
        let response = &method.response;
        if !matches!(response.result, TypeExpr::Object | TypeExpr::Any)
            || response.fields.is_empty()
        {
            continue;
        }
        let Some(result) = result else {
            continue;
        };
        let Some((key, array)) = wrapper_named(&response.description)
            .or_else(|| wrapper_shown(&response.fields, result))
        else {
            continue;
        };
        if response.fields.iter().any(|f| f.name == key) {
            continue;
        }
        let fits = match result.get(&key) {
            Some(serde_json::Value::Array(_)) => array,
            Some(serde_json::Value::Object(_)) => !array,
            _ => false,
        };
        if !fits || result.len() != 1 {
            continue;
        }
        let response = &mut method.response;
        let ty = list_or_one(TypeExpr::Object, array);
        let mut wrapper =
            crate::extract::shown_field(&key, ty, std::mem::take(&mut response.fields));
        wrapper.description = response.description.clone();
        response.fields = vec![wrapper];
    }
}

/// A result field the example does not show while it shows one undocumented key that is
/// that field's name with or without a plural `s` (one such field) (`productRow` in the table,
/// `productRows` in the reply): the field takes the name the reply uses.
fn names_as_shown(methods: &mut [MethodSpec], examples: &maps::Examples) {
    for (method, result) in methods.iter_mut().zip(examples.objects()) {
        if method.response.fields.is_empty() {
            continue;
        }
        let Some(result) = result else {
            continue;
        };
        let fields = &mut method.response.fields;
        let undocumented: Vec<&String> = result
            .keys()
            .filter(|key| !fields.iter().any(|f| &f.name == *key))
            .collect();
        let [shown] = undocumented.as_slice() else {
            continue;
        };
        let plural = |one: &str, many: &str| many.strip_suffix('s') == Some(one);
        let mut twins = fields.iter_mut().filter(|f| {
            !result.contains_key(&f.name) && (plural(&f.name, shown) || plural(shown, &f.name))
        });
        if let (Some(field), None) = (twins.next(), twins.next()) {
            field.name = (*shown).clone();
        }
    }
}

/// The result's only key when its value (an object, or an array's first object) holds
/// at least two of the table's fields and half of them, while the result itself holds
/// none: the table describes the wrapped object, the example names the wrapper.
fn wrapper_shown(
    fields: &[Param],
    result: &serde_json::Map<String, serde_json::Value>,
) -> Option<(String, bool)> {
    let mut entries = result.iter();
    let (Some((key, value)), None) = (entries.next(), entries.next()) else {
        return None;
    };
    if fields.iter().any(|f| result.contains_key(&f.name)) {
        return None;
    }
    let (inner, array) = match value {
        serde_json::Value::Object(object) => (object, false),
        serde_json::Value::Array(items) => (items.first()?.as_object()?, true),
        _ => return None,
    };
    // `x.fields`: `{"fields": {"id": {"type": …}}}` describes the table's fields, it
    // does not hold them.
    if maps::is_id_keyed(inner) || maps::is_field_description_map(inner) {
        return None;
    }
    let shown = fields
        .iter()
        .filter(|f| inner.contains_key(&f.name))
        .count();
    (shown >= 2 && shown * 2 >= fields.len()).then(|| (key.clone(), array))
}

/// `W` of "Содержит массив `W`" (true) or "Содержит объект `W`" (false), the name also
/// written as a link (`[`category`](#category)`).
fn wrapper_named(description: &str) -> Option<(String, bool)> {
    for (phrase, array) in [(lx::CONTAINS_ARRAY, true), (lx::CONTAINS_OBJECT, false)] {
        if let Some(at) = description.find(phrase) {
            let rest = &description[at + phrase.len()..];
            let rest = rest.strip_prefix('[').unwrap_or(rest);
            let Some(rest) = rest.strip_prefix('`') else {
                continue;
            };
            let name = rest.split('`').next()?;
            if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                return Some((name.to_owned(), array));
            }
        }
    }
    None
}

/// "При `USER_DATA = 'N'` содержит идентификаторы пользователей, при `'Y'` — объекты": a
/// result with one shape per parameter value is not the entity alone.
fn shape_by_parameter(description: &str) -> bool {
    description.matches(lx::WHEN_PARAM).count() >= 2
        && crate::letters::has_folded(description, lx::ID)
}

/// The line of `source` that holds `written` (1 when the page cannot be read again).
fn line_of(root: &Path, source: &str, written: &str) -> u32 {
    let Ok(text) = std::fs::read_to_string(root.join(source)) else {
        return 1;
    };
    text.lines()
        .position(|line| line.contains(written))
        .map_or(1, |i| u32::try_from(i + 1).unwrap_or(u32::MAX))
}
