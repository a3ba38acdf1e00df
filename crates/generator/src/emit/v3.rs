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

use b24_spec::{MethodSpec, Param, TypeExpr};
use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Value;

use crate::naming::ident;

use super::engine::{Role, TypeEngine};
use super::structs::is_concrete;

/// The wrapper key of `result`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Item,
    Items,
    Outcome,
}

impl Shape {
    fn key(self) -> &'static str {
        match self {
            Shape::Item => "item",
            Shape::Items => "items",
            Shape::Outcome => "result",
        }
    }

    fn of_key(key: &str) -> Option<Self> {
        match key {
            "item" => Some(Shape::Item),
            "items" => Some(Shape::Items),
            "result" => Some(Shape::Outcome),
            _ => None,
        }
    }
}

/// The output type, or `None` when the page does not use the uniform envelope. Also
/// pushes the entity's documented field names as `{Request}::FIELDS` (for
/// `v3::Filter::for_fields` and `v3::Select::checked_against`).
pub fn output(
    spec: &MethodSpec,
    type_text: &str,
    engine: &mut TypeEngine<'_>,
) -> Option<TokenStream> {
    let results = example_results(spec);
    let shape = shape(spec, &results);
    let paging = paging(spec);
    // A list outside the uniform envelope (`{items, hasMore, afterCursor}`) keeps its
    // generic output but still streams: its items are the rows after `items[]`.
    if let Some(paging) = &paging
        && shape != Some(Shape::Items)
        && spec.response.fields.iter().any(|f| f.name == "items")
    {
        let fields = loose_item_fields(spec);
        let item = entity_type(engine, spec, type_text, Shape::Items, &fields);
        push_list_method(engine, spec, type_text, &item, &fields, paging);
    }
    match shape? {
        Shape::Outcome => {
            // The examples decide; without any, the table's word.
            let boolean = if results.is_empty() {
                outcome_row_is_boolean(spec)
            } else {
                results
                    .iter()
                    .all(|r| r.get("result").is_some_and(Value::is_boolean))
            };
            let inner = if boolean {
                quote!(bool)
            } else {
                quote!(serde_json::Value)
            };
            Some(quote!(b24_runtime::v3::Outcome<#inner>))
        }
        shape @ (Shape::Item | Shape::Items) => {
            let fields = entity_fields(spec, shape);
            if !fields.is_empty() {
                push_field_names(engine, type_text, &fields);
            }
            let inner = entity_type(engine, spec, type_text, shape, &fields);
            if let (Shape::Items, Some(paging)) = (shape, &paging) {
                push_list_method(engine, spec, type_text, &inner, &fields, paging);
            }
            Some(match shape {
                Shape::Item => quote!(b24_runtime::v3::Item<#inner>),
                _ => quote!(b24_runtime::v3::Items<#inner>),
            })
        }
    }
}

/// The `result` objects of the success examples that parse as JSON.
fn example_results(spec: &MethodSpec) -> Vec<Value> {
    spec.response
        .examples
        .iter()
        .filter_map(|example| serde_json::from_str::<Value>(example).ok())
        .filter_map(|mut body| body.get_mut("result").map(Value::take))
        .collect()
}

/// The examples decide when there are any (every one a one-key object with the same
/// wrapper key); otherwise the table's first row.
fn shape(spec: &MethodSpec, results: &[Value]) -> Option<Shape> {
    if !results.is_empty() {
        let mut shapes = results.iter().map(|result| match result {
            Value::Object(map) if map.len() == 1 => {
                map.keys().next().and_then(|k| Shape::of_key(k))
            }
            _ => None,
        });
        let first = shapes.next()??;
        return shapes.all(|s| s == Some(first)).then_some(first);
    }
    let fields = &spec.response.fields;
    let first = Shape::of_key(&fields.first()?.name)?;
    // Other top-level keys next to the wrapper (`hasMore`, `nextCursor`) cannot be told
    // from entity fields in a flat table: only a table with the wrapper alone, or the
    // wrapper and the entity's rows, is read as the envelope.
    let others_are_wrappers = fields[1..]
        .iter()
        .any(|f| Shape::of_key(&f.name).is_some() && f.name != "items[]");
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
fn entity_fields(spec: &MethodSpec, shape: Shape) -> Vec<Param> {
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

/// The struct of the entity `fields` describe, `serde_json::Value` without fields.
fn entity_type(
    engine: &mut TypeEngine<'_>,
    spec: &MethodSpec,
    type_text: &str,
    shape: Shape,
    fields: &[Param],
) -> TokenStream {
    if fields.is_empty() {
        return quote!(serde_json::Value);
    }
    let entity = Param {
        name: shape.key().to_owned(),
        fields: fields.to_vec(),
        ..Param::default()
    };
    engine
        .expr(
            &TypeExpr::Object,
            Some(&entity),
            &format!("{type_text}Item"),
            Role::Record,
            &spec.source,
        )
        .rust()
}

/// The keys next to `items` in a list reply that are paging, not entity fields.
fn is_paging_key(name: &str) -> bool {
    name == "hasMore" || name.ends_with("Cursor")
}

/// An unwrapped list's item fields: the rows after `items[]` (or nested in it), without
/// the paging keys that follow them in the flat table.
fn loose_item_fields(spec: &MethodSpec) -> Vec<Param> {
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
        .filter(|row| is_concrete(&row.name) && !is_paging_key(&row.name))
        .cloned()
        .collect()
}

/// The paging scheme the page documents, as the runtime's `v3::Paging` expression:
/// `cursor` (`main.eventlog.tail`); `pagination` with `afterCursor` (the reply key that
/// holds the next cursor is the reply's `…Cursor` row); `pagination` with `limit` alone
/// (first page only); `pagination` otherwise (`{page, limit}`). `None`: not paged.
fn paging(spec: &MethodSpec) -> Option<TokenStream> {
    if spec.params.iter().any(|p| p.name == "cursor") {
        return Some(quote!(b24_runtime::v3::Paging::Tail));
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
        return Some(quote!(b24_runtime::v3::Paging::AfterCursor { cursor: #key }));
    }
    if has("limit") && !has("page") && !has("offset") {
        return Some(quote!(b24_runtime::v3::Paging::FirstPage));
    }
    Some(quote!(b24_runtime::v3::Paging::Pages))
}

/// `impl b24_runtime::ListMethod for {Request}`: `Client::stream` pages it in the scheme
/// its page documents (the runtime sends `Api::RestV3` lists through `v3::Pages`).
fn push_list_method(
    engine: &mut TypeEngine<'_>,
    spec: &MethodSpec,
    type_text: &str,
    item: &TokenStream,
    fields: &[Param],
    paging: &TokenStream,
) {
    let request = ident(type_text);
    let names = fields.iter().map(|f| f.name.as_str());
    let checked = (!fields.is_empty())
        .then(|| quote!(const FIELDS: Option<&'static [&'static str]> = Some(&[#(#names),*]);));
    let allow_deprecated = spec
        .deprecated
        .as_ref()
        .map(|_| quote!(#[allow(deprecated)]));
    engine.push(quote! {
        #allow_deprecated
        impl b24_runtime::ListMethod for #request {
            type Item = #item;
            const ITEMS_KEY: Option<&'static str> = Some("items");
            const ID_FIELD: &'static str = "id";
            #checked
            const USER_FIELDS: Option<&'static str> = None;
            const V3_PAGING: b24_runtime::v3::Paging = #paging;
        }
    });
}

/// `impl {Request} { pub const FIELDS: &[&str] = &[…]; }`.
fn push_field_names(engine: &mut TypeEngine<'_>, type_text: &str, fields: &[Param]) {
    let request = ident(type_text);
    let names = fields.iter().map(|f| f.name.as_str());
    engine.push(quote! {
        impl #request {
            /// The entity's field names as the documentation lists them, for
            /// `b24_runtime::v3::Filter::for_fields` and `Select::checked_against`.
            pub const FIELDS: &'static [&'static str] = &[#(#names),*];
        }
    });
}
