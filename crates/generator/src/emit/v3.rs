//! `Method::Output` of REST 3.0 methods. The overview (`rest-v3.md#response`) fixes one
//! envelope for all of them: `result` holds `item` (one object), `items` (a list) or
//! `result` (an outcome such as `true`). Those become the runtime's `v3::Item<T>`,
//! `v3::Items<T>` and `v3::Outcome<T>`, with `T` the entity struct built from the rows that
//! follow `item`/`items[]` in the returns table (the pages list the entity's fields flat
//! after the wrapper row).
//!
//! Some v3 pages document other shapes (`humanresources.node.add` returns the node's fields
//! directly, `mail.message.send` a `{success, to}` object): their examples are what the
//! portal sends, so those keep the generic output. A page whose examples and table
//! disagree on the wrapper keeps it too.

use std::collections::HashMap;

use b24_spec::{MethodSpec, Param, TypeExpr, TypeRef};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use serde_json::Value;

use crate::model::{
    Envelope, FieldPath, FieldTable, ListDef, ListFields, Output, QueryField, QueryFields, V3Paging,
};
use crate::naming::ident;
use crate::types::{Codec, Ty};

use super::engine::{Role, TypeEngine};
use super::structs::{any_concrete, is_concrete};

/// The wrapper key of `result`.
impl Envelope {
    fn key(self) -> &'static str {
        match self {
            Envelope::Item => "item",
            Envelope::Items => "items",
            Envelope::Outcome => "result",
        }
    }

    fn of_key(key: &str) -> Option<Self> {
        [Envelope::Item, Envelope::Items, Envelope::Outcome]
            .into_iter()
            .find(|envelope| envelope.key() == key)
    }
}

/// The output type, or `None` when the page does not use the uniform envelope. Also
/// pushes the entity's documented field names as `{Request}::FIELDS` (for
/// `v3::Filter::for_fields` and `v3::Select::checked_against`).
pub fn output(spec: &MethodSpec, type_text: &str, engine: &mut TypeEngine<'_>) -> Option<Output> {
    let results = crate::fit::example_results(spec);
    let shape = shape(spec, &results);
    let paging = paging(spec);
    // A list outside the uniform envelope (`{items, hasMore, afterCursor}`): its output is
    // `items` (typed with the rows after `items[]`) next to the reply's other keys, and it
    // streams those items when its page documents paging.
    if shape != Some(Envelope::Items) && is_loose_list(spec, &results) {
        let fields = loose_item_fields(spec, &results);
        let item = entity_type(engine, spec, type_text, Envelope::Items, &fields);
        if let Some(paging) = &paging {
            push_list_method(engine, spec, type_text, &item, &fields, paging);
        }
        return Some(loose_output(engine, spec, type_text, &results, &fields));
    }
    match shape? {
        Envelope::Outcome => {
            // The examples decide; without any, the table's word.
            let boolean = if results.is_empty() {
                outcome_row_is_boolean(spec)
            } else {
                results
                    .iter()
                    .all(|r| r.get("result").is_some_and(Value::is_boolean))
            };
            let inner = if boolean {
                Ty::Scalar(Codec::Boolean)
            } else {
                Ty::Json
            };
            Some(Output::V3(Envelope::Outcome, inner))
        }
        shape @ (Envelope::Item | Envelope::Items) => {
            let (fields, named) = documented_entity(spec, shape, engine);
            // `impl {Request} { pub const FIELDS: &[&str] = &[…]; }`.
            if listed_by_docs(&fields) {
                let names = fields.iter().map(|f| f.name.clone()).collect();
                engine.model().define_field_names(type_text, names);
            }
            // A wrapper typed with an entity (`item: ref(tasks.task.v3)`) is that entity's
            // record struct (`rest_v3::tasks::task::Task`), shared with the other methods
            // that return it; the REST 3.0 entities live under `rest_v3` themselves.
            let inner = match &named {
                Some(entity) => engine
                    .expr(
                        &TypeExpr::Ref(entity.clone()),
                        None,
                        &format!("{type_text}Item"),
                        Role::Record,
                        &spec.source,
                    )
                    // Another method of the module may have defined it: its name, not
                    // the alias made for this one.
                    .canonical(),
                None => entity_type(engine, spec, type_text, shape, &fields),
            };
            if let (Envelope::Items, Some(paging)) = (shape, &paging) {
                push_list_method(engine, spec, type_text, &inner, &fields, paging);
            }
            Some(Output::V3(shape, inner))
        }
    }
}

/// The examples decide when there are any (every one a one-key object with the same
/// wrapper key); otherwise the table's first row.
fn shape(spec: &MethodSpec, results: &[Value]) -> Option<Envelope> {
    if !results.is_empty() {
        let mut shapes = results.iter().map(|result| match result {
            Value::Object(map) if map.len() == 1 => {
                map.keys().next().and_then(|k| Envelope::of_key(k))
            }
            _ => None,
        });
        let first = shapes.next()??;
        return shapes.all(|s| s == Some(first)).then_some(first);
    }
    let fields = &spec.response.fields;
    let first = Envelope::of_key(&fields.first()?.name)?;
    // Other top-level keys next to the wrapper (`hasMore`, `nextCursor`) cannot be told
    // from entity fields in a flat table: only a table with the wrapper alone, or the
    // wrapper and the entity's rows, is read as the envelope.
    let others_are_wrappers = fields[1..]
        .iter()
        .any(|f| Envelope::of_key(&f.name).is_some() && f.name != "items[]");
    (!others_are_wrappers).then_some(first)
}

fn outcome_row_is_boolean(spec: &MethodSpec) -> bool {
    spec.response
        .fields
        .first()
        .is_some_and(|row| row.ty.normalized == TypeExpr::Boolean)
}

/// The entity's fields: the wrapper row's nested fields when the parser nested them,
/// else the rows after the wrapper (and after `items[]`).
fn entity_fields(spec: &MethodSpec, shape: Envelope) -> Vec<Param> {
    let fields = &spec.response.fields;
    let Some(wrapper) = fields.first().filter(|f| f.name == shape.key()) else {
        return Vec::new();
    };
    let element = fields.get(1).filter(|f| f.name == "items[]");
    let nested = element
        .map(|e| &e.fields)
        .filter(|f| !f.is_empty())
        .unwrap_or(&wrapper.fields);
    let rows: &[Param] = if !nested.is_empty() {
        nested
    } else {
        &fields[1 + usize::from(element.is_some())..]
    };
    rows.iter()
        .filter(|row| is_concrete(&row.name) && row.name != "time")
        .cloned()
        .collect()
}

/// Whether a table lists the fields (some have a written type), not only the keys of a
/// success example: a page with only an example lists no names and checks nothing.
fn listed_by_docs(fields: &[Param]) -> bool {
    fields.iter().any(|field| field.ty.written.is_some())
}

/// The entity's fields from the table's rows, or from the entity the wrapper row (or
/// `result`) names (`item: ref(tasks.task.v3)`, `items[]: ref(…)`), with its name.
fn documented_entity(
    spec: &MethodSpec,
    shape: Envelope,
    engine: &TypeEngine<'_>,
) -> (Vec<Param>, Option<String>) {
    let rows = entity_fields(spec, shape);
    if !rows.is_empty() {
        return (rows, None);
    }
    let Some(name) = named_entity(spec, shape).filter(|name| engine.is_entity(name)) else {
        return (Vec::new(), None);
    };
    let fields = engine
        .named()
        .entity(&name)
        .map(|entity| {
            entity
                .fields
                .iter()
                // Some entity pages were read from a method's table and keep its
                // wrapper row (`item`): that is no field of the entity.
                .filter(|f| is_concrete(&f.name) && f.name != shape.key())
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    (fields, Some(name))
}

/// `ref(NAME)` on the wrapper row (`item`, `items[]`, `items` as `NAME[]`), or on
/// `result` when the table has no rows.
fn named_entity(spec: &MethodSpec, shape: Envelope) -> Option<String> {
    let fields = &spec.response.fields;
    let ref_name = |expr: Option<&TypeExpr>| match expr {
        Some(TypeExpr::Ref(name)) => Some(name.clone()),
        _ => None,
    };
    let of_row = |name: &str| {
        fields
            .iter()
            .find(|f| f.name == name)
            .map(|f| &f.ty.normalized)
    };
    let named = match shape {
        Envelope::Item => ref_name(of_row("item")),
        Envelope::Items => ref_name(of_row("items[]")).or_else(|| match of_row("items") {
            Some(TypeExpr::Array(inner)) => ref_name(Some(inner)),
            _ => None,
        }),
        Envelope::Outcome => None,
    };
    named.or_else(|| match (&spec.response.result, fields.is_empty(), shape) {
        (TypeExpr::Ref(name), true, Envelope::Item) => Some(name.clone()),
        _ => None,
    })
}

/// The struct of the entity `fields` describe, `serde_json::Value` without fields.
fn entity_type(
    engine: &mut TypeEngine<'_>,
    spec: &MethodSpec,
    type_text: &str,
    shape: Envelope,
    fields: &[Param],
) -> Ty {
    if fields.is_empty() {
        return Ty::Json;
    }
    engine.struct_ty(
        fields,
        shape.key(),
        &format!("{type_text}Item"),
        Role::Record,
        &spec.source,
    )
}

/// An unwrapped list's item fields: the rows after `items[]` (or nested in it), without
/// the reply's own keys that follow them in the flat table (the keys next to `items` in
/// the examples, else the paging keys).
fn loose_item_fields(spec: &MethodSpec, results: &[Value]) -> Vec<Param> {
    let fields = &spec.response.fields;
    let Some(at) = fields.iter().position(|f| f.name == "items[]") else {
        return Vec::new();
    };
    let rows: &[Param] = if fields[at].fields.is_empty() {
        &fields[at + 1..]
    } else {
        &fields[at].fields
    };
    rows.iter()
        .filter(|row| is_concrete(&row.name) && !is_reply_key(&row.name, results))
        .cloned()
        .collect()
}

/// Whether `name` is a key of the reply next to `items` rather than an item field: without
/// examples, a paging key.
fn is_reply_key(name: &str, results: &[Value]) -> bool {
    if results.is_empty() {
        name == "hasMore" || name.ends_with("Cursor")
    } else {
        results.iter().any(|r| r.get(name).is_some())
    }
}

/// A reply with `items` and other keys (`hasMore`, `nextCursor`, `truncated`): the table
/// has an `items` row, and every example (if any) is an object with `items`.
fn is_loose_list(spec: &MethodSpec, results: &[Value]) -> bool {
    spec.response.fields.iter().any(|f| f.name == "items")
        && results.iter().all(|r| r.get("items").is_some())
}

/// The output of an unwrapped list: a struct of `items` (each an item struct, or JSON
/// where the page lists no item fields) and the reply's other documented keys.
fn loose_output(
    engine: &mut TypeEngine<'_>,
    spec: &MethodSpec,
    type_text: &str,
    results: &[Value],
    item_fields: &[Param],
) -> Output {
    let fields = &spec.response.fields;
    let element = if item_fields.is_empty() {
        TypeExpr::Any
    } else {
        TypeExpr::Object
    };
    let mut rows: Vec<Param> = Vec::new();
    for row in fields {
        if row.name == "items" {
            rows.push(Param {
                ty: TypeRef {
                    normalized: TypeExpr::Array(Box::new(element.clone())),
                    ..row.ty.clone()
                },
                fields: item_fields.to_vec(),
                ..row.clone()
            });
        } else if is_concrete(&row.name)
            && is_reply_key(&row.name, results)
            && !rows.iter().any(|r| r.name == row.name)
        {
            rows.push(row.clone());
        }
    }
    Output::Ty(engine.struct_ty(
        &rows,
        "result",
        &format!("{type_text}Result"),
        Role::Record,
        &spec.source,
    ))
}

/// The paging scheme the page documents: `cursor` (`main.eventlog.tail`); `pagination`
/// with `afterCursor` (the reply key that holds the next cursor is the reply's `…Cursor`
/// row); `pagination` with `limit` alone (first page only); `pagination` otherwise
/// (`{page, limit}`). `None`: not paged.
fn paging(spec: &MethodSpec) -> Option<V3Paging> {
    if spec.params.iter().any(|p| p.name == "cursor") {
        return Some(V3Paging::Tail);
    }
    let pagination = spec.params.iter().find(|p| p.name == "pagination")?;
    let has = |name: &str| pagination.fields.iter().any(|f| f.name == name);
    if has("afterCursor") {
        let key = spec
            .response
            .fields
            .iter()
            .map(|f| f.name.as_str())
            .find(|name| name.ends_with("Cursor"))
            .unwrap_or("afterCursor");
        return Some(V3Paging::AfterCursor(key.to_owned()));
    }
    if has("limit") && !has("page") && !has("offset") {
        return Some(V3Paging::FirstPage);
    }
    Some(V3Paging::Pages)
}

/// The runtime's `v3::Paging` expression of `paging`.
pub fn paging_tokens(paging: &V3Paging) -> TokenStream {
    match paging {
        V3Paging::Tail => quote!(b24_protocol::v3::Paging::Tail),
        V3Paging::AfterCursor(key) => {
            quote!(b24_protocol::v3::Paging::AfterCursor { cursor: #key })
        }
        V3Paging::FirstPage => quote!(b24_protocol::v3::Paging::FirstPage),
        V3Paging::Pages => quote!(b24_protocol::v3::Paging::Pages),
    }
}

/// `impl b24_protocol::ListMethod for {Request}`: `Client::stream` pages it in the scheme
/// its page documents (the runtime sends `Api::RestV3` lists through `v3::Pages`).
fn push_list_method(
    engine: &mut TypeEngine<'_>,
    spec: &MethodSpec,
    type_text: &str,
    item: &Ty,
    fields: &[Param],
    paging: &V3Paging,
) {
    let names: Vec<String> = fields.iter().map(|f| f.name.clone()).collect();
    engine.model().define_list(ListDef {
        request: type_text.to_owned(),
        deprecated: spec.deprecated.is_some(),
        item: item.clone(),
        items_key: Some(Envelope::Items.key().to_owned()),
        id_field: "id".to_owned(),
        fields: if names.is_empty() {
            ListFields::Unchecked
        } else {
            ListFields::Names(names)
        },
        v3_paging: Some(paging.clone()),
    });
}

/// `{request}::FIELDS`.
pub fn render_field_names(request: &str, names: &[String]) -> TokenStream {
    let request = ident(request);
    quote! {
        impl #request {
            /// The entity's field names as the documentation lists them, for
            /// `b24_protocol::v3::Filter::for_fields` and `Select::checked_against`.
            pub const FIELDS: &'static [&'static str] = &[#(#names),*];
        }
    }
}

/// The field tree of `const V3_FIELDS` for a REST 3.0 method that takes `select`, `filter`
/// or `order` and whose page (or the entity it names) lists the entity's fields: the client
/// checks those parameters against them before sending. `None`: nothing to check.
pub fn query_fields(spec: &MethodSpec, engine: &TypeEngine<'_>) -> Option<QueryFields> {
    let queried = spec
        .params
        .iter()
        .any(|p| matches!(p.name.as_str(), "select" | "filter" | "order"));
    if spec.api_version != b24_spec::ApiVersion::RestV3 || !queried {
        return None;
    }
    let results = crate::fit::example_results(spec);
    let (fields, named) = match shape(spec, &results) {
        Some(shape @ (Envelope::Item | Envelope::Items)) => {
            let (fields, named) = documented_entity(spec, shape, engine);
            if !listed_by_docs(&fields) {
                return None;
            }
            (fields, named)
        }
        _ if is_loose_list(spec, &results) => (loose_item_fields(spec, &results), None),
        _ => return None,
    };
    if fields.is_empty() {
        return None;
    }
    let fields = with_selectable(spec, fields);
    let mut tree = FieldTree {
        engine,
        tables: Vec::new(),
        entities: HashMap::new(),
        named: 0,
    };
    match &named {
        Some(entity) => tree.entity(entity, Some(&fields)),
        None => tree.fields(&spec.method, &fields),
    };
    Some(QueryFields {
        tables: tree.tables,
    })
}

/// `const V3_FIELDS`: the tables as statics in the constant's own block, the root returned.
pub fn render_query_fields(tree: &QueryFields) -> TokenStream {
    let table = |id: usize| format_ident!("F{id}");
    let statics = tree.tables.iter().map(|t| {
        let id = table(t.id);
        let label = &t.label;
        let entries = t.fields.iter().map(|field| {
            let name = &field.name;
            match field.path {
                FieldPath::Value => quote!(b24_protocol::v3::Field::value(#name)),
                FieldPath::Open => quote!(b24_protocol::v3::Field::open(#name)),
                FieldPath::Relation(target) => {
                    let target = table(target);
                    quote!(b24_protocol::v3::Field::relation(#name, &#target))
                }
            }
        });
        quote! {
            static #id: b24_protocol::v3::Fields =
                b24_protocol::v3::Fields::new(#label, &[#(#entries),*]);
        }
    });
    let root = table(0);
    quote! {
        const V3_FIELDS: Option<&'static b24_protocol::v3::Fields> = {
            #(#statics)*
            Some(&#root)
        };
    }
}

/// `fields` and the values the page lists for `select` that are not among them
/// (`tasks.task.result.list` selects `author`, which the reply table it links leaves
/// out): the check must not refuse what the page offers. They are objects the docs do
/// not detail, so any sub-path goes.
fn with_selectable(spec: &MethodSpec, mut fields: Vec<Param>) -> Vec<Param> {
    let Some(select) = spec.params.iter().find(|p| p.name == "select") else {
        return fields;
    };
    for value in &select.enum_values {
        let name = value.value.as_str();
        let plain = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if plain && !fields.iter().any(|f| f.name == name) {
            fields.push(Param {
                name: name.to_owned(),
                ty: TypeRef {
                    normalized: TypeExpr::Any,
                    ..TypeRef::default()
                },
                ..Param::default()
            });
        }
    }
    fields
}

/// Builds the field tables of an entity and the objects it relates to.
struct FieldTree<'e, 's> {
    engine: &'e TypeEngine<'s>,
    tables: Vec<FieldTable>,
    /// Entity name → its table, so that a relation back to it reuses it.
    entities: HashMap<String, usize>,
    /// Tables numbered so far.
    named: usize,
}

/// What a path may continue into after a field.
enum Continues {
    Value,
    Entity(String),
    Nested,
    Open,
}

impl FieldTree<'_, '_> {
    fn next_id(&mut self) -> usize {
        self.named += 1;
        self.named - 1
    }

    /// The table of entity `name`; `fields`: its fields as the method reads them (the
    /// entity's own by default).
    fn entity(&mut self, name: &str, fields: Option<&[Param]>) -> usize {
        if let Some(&id) = self.entities.get(name) {
            return id;
        }
        let id = self.next_id();
        self.entities.insert(name.to_owned(), id);
        let fields: Vec<Param> = match fields {
            Some(fields) => fields.to_vec(),
            None => self
                .engine
                .named()
                .entity(name)
                .map(|entity| entity.fields.clone())
                .unwrap_or_default(),
        };
        self.define(id, name, &fields);
        id
    }

    fn fields(&mut self, label: &str, fields: &[Param]) -> usize {
        let id = self.next_id();
        self.define(id, label, fields);
        id
    }

    fn define(&mut self, id: usize, label: &str, fields: &[Param]) {
        let mut entries = Vec::new();
        for field in fields.iter().filter(|f| is_concrete(&f.name)) {
            let path = match self.continues(field, &field.ty.normalized) {
                Continues::Value => FieldPath::Value,
                Continues::Open => FieldPath::Open,
                Continues::Entity(entity) => FieldPath::Relation(self.entity(&entity, None)),
                Continues::Nested => FieldPath::Relation(
                    self.fields(&format!("{label}.{}", field.name), &field.fields),
                ),
            };
            entries.push(QueryField {
                name: field.name.clone(),
                path,
            });
        }
        self.tables.push(FieldTable {
            id,
            label: label.to_owned(),
            fields: entries,
        });
    }

    fn continues(&self, field: &Param, ty: &TypeExpr) -> Continues {
        let nested = any_concrete(&field.fields);
        match ty {
            TypeExpr::Array(inner) => self.continues(field, inner),
            TypeExpr::Ref(name) if self.engine.is_entity(name) => Continues::Entity(name.clone()),
            TypeExpr::Object
            | TypeExpr::Any
            | TypeExpr::Map(_)
            | TypeExpr::Union(_)
            | TypeExpr::Ref(_)
                if nested =>
            {
                Continues::Nested
            }
            // A named id or code is a value; other names are objects no page details.
            TypeExpr::Ref(name) => match self.engine.named().of(name) {
                crate::types::Ty::Json => Continues::Open,
                _ => Continues::Value,
            },
            TypeExpr::Object | TypeExpr::Any | TypeExpr::Map(_) | TypeExpr::Union(_) => {
                Continues::Open
            }
            _ => Continues::Value,
        }
    }
}

#[cfg(test)]
mod tests {
    use b24_spec::{ReferenceKind, ReferenceType};

    use super::*;
    use crate::common_texts::CommonTexts;
    use crate::emit::SharedEnums;
    use crate::types::NamedTypes;

    fn param(name: &str, ty: &str, fields: Vec<Param>) -> Param {
        Param {
            name: name.to_owned(),
            ty: TypeRef::from(ty.parse::<TypeExpr>().expect("a valid type")),
            fields,
            ..Param::default()
        }
    }

    fn field(name: &str, path: FieldPath) -> QueryField {
        QueryField {
            name: name.to_owned(),
            path,
        }
    }

    #[test]
    fn a_relation_back_to_an_entity_reuses_its_table_and_nested_objects_get_their_own() {
        let task = ReferenceType {
            module: Some("x.task".to_owned()),
            fields: vec![
                param("id", "integer", Vec::new()),
                param("parent", "ref(x.task)", Vec::new()),
                param(
                    "checklist",
                    "object[]",
                    vec![param("title", "string", Vec::new())],
                ),
                param("tags", "object", Vec::new()),
            ],
            ..ReferenceType::new("x.task", ReferenceKind::Entity, "")
        };
        let named = NamedTypes::new(&[task]);
        let shared = SharedEnums::collect(&[], &[], |_| String::new());
        let common = CommonTexts::collect(&[], &[], &[]);
        let engine = TypeEngine::new(&shared, &common, &named, &["x".to_owned()], &[]);
        let mut tree = FieldTree {
            engine: &engine,
            tables: Vec::new(),
            entities: HashMap::new(),
            named: 0,
        };
        assert_eq!(tree.entity("x.task", None), 0);
        let nested = FieldTable {
            id: 1,
            label: "x.task.checklist".to_owned(),
            fields: vec![field("title", FieldPath::Value)],
        };
        let root = FieldTable {
            id: 0,
            label: "x.task".to_owned(),
            fields: vec![
                field("id", FieldPath::Value),
                field("parent", FieldPath::Relation(0)),
                field("checklist", FieldPath::Relation(1)),
                field("tags", FieldPath::Open),
            ],
        };
        assert_eq!(tree.tables, vec![nested, root]);
        let rendered = render_query_fields(&QueryFields {
            tables: tree.tables,
        })
        .to_string();
        assert!(
            rendered.contains("Field :: relation (\"parent\" , & F0)"),
            "{rendered}"
        );
        assert!(rendered.ends_with("Some (& F0) } ;"), "{rendered}");
    }
}
