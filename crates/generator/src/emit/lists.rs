//! `b24_protocol::ListMethod` for the methods whose page documents `start`/`next` paging,
//! and the field enums (`LeadField`) of the entities whose list pages send `select`,
//! `filter` and `order` to a documented field list (`crm-lead-fields.md`).
//!
//! The item type follows the method's output, whatever the response emitter made of it:
//! the element of `Vec<Item>`, the element (or the object) under the one list key of a
//! wrapper result (`{items: [...]}`, `{tasks: [...]}`), or `serde_json::Value`.

use b24_doc_parser::extract::lenient_json;
use b24_spec::{MethodSpec, Param, TypeExpr};
use proc_macro2::{Ident, TokenStream};
use quote::quote;

use crate::model::{FieldEnumDef, FieldVariant, ListDef, ListFields, Output};
use crate::naming::{NameSet, ident, type_name};
use crate::types::{Entity, Ty};

use super::engine::{TypeEngine, child_name};
use super::structs::is_concrete;

/// Whether the method pages by `start`/`next`: it documents a `start` parameter (at the
/// top level, or nested where a page's table put it under another parameter).
pub fn is_list(spec: &MethodSpec) -> bool {
    spec.api_version == b24_spec::ApiVersion::Classic
        && spec
            .params
            .iter()
            .any(|param| is_start(param) || param.fields.iter().any(is_start))
}

fn is_start(param: &Param) -> bool {
    // `catalog.product.list` writes it as a string.
    param.name == "start"
        && matches!(
            param.ty.normalized,
            TypeExpr::Integer | TypeExpr::String | TypeExpr::Any
        )
}

/// The fields of the entity a list returns (`crm.lead.list` → the `crm.lead` entity), as
/// the `….fields` method that would catalogue them, so the field enum reads them alike.
pub fn entity_field_source(list: &MethodSpec, entities: &[&Entity]) -> Option<MethodSpec> {
    let prefix = list.method.strip_suffix(".list")?;
    let entity = entities.iter().find(|entity| entity.name == prefix)?;
    fields_of_entity(list, prefix, entity)
}

/// The fields of the entity a list's `select` or `filter` description links by name
/// (`смотрите поля объекта [catalog_catalog](../data-types.md#catalog_catalog)`): the
/// catalog and sale lists, whose entities are named after their data types.
pub fn linked_entity_field_source(list: &MethodSpec, entities: &[&Entity]) -> Option<MethodSpec> {
    let prefix = list.method.strip_suffix(".list")?;
    let entity = entities
        .iter()
        .find(|entity| links_to(list, &format!("#{})", entity.name)))?;
    fields_of_entity(list, prefix, entity)
}

/// Whether the list's `select` or `filter` description contains `link`.
fn links_to(list: &MethodSpec, link: &str) -> bool {
    list.params
        .iter()
        .filter(|p| p.name == "select" || p.name == "filter")
        .any(|p| p.description.contains(link))
}

fn fields_of_entity(list: &MethodSpec, prefix: &str, entity: &Entity) -> Option<MethodSpec> {
    // Only the classic UPPER_CASE entities (`UF_*` custom fields): `crm.item`-style lists
    // take camelCase and UPPER_CASE names alike, so their names stay unchecked.
    if !entity
        .user_fields
        .iter()
        .all(|glob| glob.starts_with("UF_"))
    {
        return None;
    }
    let mut fields = list.clone();
    fields.method = format!("{prefix}.fields");
    fields.source = entity.source.clone();
    fields.response.fields = entity.fields.clone();
    (field_names(&fields).len() >= 2).then_some(fields)
}

/// The documented fields of a list's entity: the sibling `….fields` method of the same
/// module whose page the list's `select`/`filter` description links to, when that page
/// catalogues the fields (`crm.lead.list` → `crm.lead.fields`).
pub fn field_source<'a>(list: &MethodSpec, module: &[&'a MethodSpec]) -> Option<&'a MethodSpec> {
    let prefix = list.method.strip_suffix(".list")?;
    let fields = module
        .iter()
        .find(|spec| spec.method == format!("{prefix}.fields"))?;
    let page = fields.source.rsplit('/').next()?;
    (links_to(list, page)
        && super::response::describes_fields(fields)
        && field_names(fields).len() >= 2)
        .then_some(*fields)
}

fn field_names(spec: &MethodSpec) -> Vec<&Param> {
    let mut seen = std::collections::HashSet::new();
    spec.response
        .fields
        .iter()
        .filter(|field| is_concrete(&field.name) && seen.insert(&field.name))
        .collect()
}

/// Whether the list's success example agrees with the documented fields: an item there
/// showing a field the list lacks means the catalogue is incomplete (`crm.stagehistory`
/// documents its per-entity fields in tabs the parser does not read), and a check by it
/// would refuse valid names.
pub fn example_agrees(list: &MethodSpec, fields: &MethodSpec) -> bool {
    // Lists answer in the other case at times (`tasks.task.list` takes `CREATED_BY` and
    // answers `createdBy`): names compare without case and underscores.
    let loose = |name: &str| name.replace('_', "").to_lowercase();
    let names: Vec<String> = field_names(fields).iter().map(|f| loose(&f.name)).collect();
    for example in &list.response.examples {
        // Read leniently: an example with comments still shows its items' keys.
        let Ok(read) = lenient_json::parse::<serde_json::Value>(example) else {
            continue;
        };
        let body = read.value;
        let result = body.get("result").unwrap_or(&body);
        let Some(serde_json::Value::Object(item)) = first_item(result) else {
            continue;
        };
        if item
            .keys()
            .any(|key| !key.starts_with("UF_") && !names.contains(&loose(key)))
        {
            return false;
        }
    }
    true
}

/// The first item of a list result: of the array, of the one array in an object, or of
/// the one map of items keyed by id in an object (`{"templates": {"57": {…}}}`).
fn first_item(result: &serde_json::Value) -> Option<&serde_json::Value> {
    use serde_json::Value;
    let keyed = |value: &Value| {
        value.as_object().is_some_and(|map| {
            !map.is_empty() && map.keys().all(|k| k.bytes().all(|b| b.is_ascii_digit()))
        })
    };
    match result {
        Value::Array(items) => items.first(),
        Value::Object(map) => {
            let mut lists = map.values().filter(|v| v.is_array() || keyed(v));
            match (lists.next(), lists.next()) {
                (Some(Value::Array(items)), None) => items.first(),
                (Some(Value::Object(items)), None) => items.values().next(),
                _ => None,
            }
        }
        _ => None,
    }
}

/// The name of the field enum of a `….fields` method: `crm.lead.fields` → `LeadField`.
pub fn enum_name(fields: &MethodSpec) -> Option<String> {
    let entity = fields.method.strip_suffix(".fields")?.rsplit('.').next()?;
    Some(format!("{}Field", type_name(entity)?))
}

/// A field's first line as its variant's title, without a closing lead-in to a list that
/// the title leaves out ("Является ли сделка новой. Возможные значения:" keeps its first
/// sentence; "Возможные значения:" alone gives no title).
fn variant_title(line: &str) -> &str {
    let line = line.trim();
    if !line.ends_with(':') {
        return line;
    }
    match line[..line.len() - 1].rfind(". ") {
        Some(end) => &line[..=end],
        None => "",
    }
}

/// `enum LeadField { Id, Title, … }`: one variant per documented field, usable wherever
/// a field name goes (`select`, `Filter`, `Order`), with the wire names in `NAMES`.
pub fn field_enum(name: &str, fields: &MethodSpec) -> FieldEnumDef {
    let mut names = NameSet::with_reserved(&[]);
    let mut variants = Vec::new();
    for field in field_names(fields) {
        let Some(base) = type_name(&field.name) else {
            continue;
        };
        let title = variant_title(field.description.lines().next().unwrap_or_default());
        let title = crate::docs::markdown(title, &fields.source);
        let doc = if title.is_empty() {
            format!("`{}`", field.name)
        } else {
            format!("`{}`: {title}", field.name)
        };
        variants.push(FieldVariant {
            name: names.claim(base),
            wire: field.name.clone(),
            doc,
        });
    }
    // Families of names (`PARENT_ID_*`, `property*`): accepted by the check as patterns.
    let mut patterns: Vec<String> = Vec::new();
    for glob in fields
        .response
        .fields
        .iter()
        .filter_map(|f| f.pattern.as_deref())
    {
        if glob.matches('*').count() == 1 && !patterns.iter().any(|p| p == glob) {
            patterns.push(glob.to_owned());
        }
    }
    FieldEnumDef {
        name: name.to_owned(),
        method: fields.method.clone(),
        source: fields.source.clone(),
        variants,
        patterns,
    }
}

/// The field enum's items.
pub fn render_field_enum(def: &FieldEnumDef) -> TokenStream {
    let name = &def.name;
    let enum_ident = ident(name);
    let doc = crate::docs::attrs(&format!(
        "The fields `{}` documents ([official documentation]({})), for `select`, `filter` \
         ([`b24_protocol::filter::Filter`]) and `order` ([`b24_protocol::filter::Order`]) of \
         the entity's list; custom fields (`UF_…`) go by name.",
        def.method,
        crate::docs::page_url(&def.source)
    ));
    // Each enum names itself in its items' docs: the same sentence on every enum would be
    // noise repeated dozens of times.
    let names_doc = crate::docs::attrs(&format!(
        "Every `{name}` wire name, in the order of the variants."
    ));
    let patterns_doc = crate::docs::attrs(&format!(
        "The `{name}` families documented as a pattern (`PARENT_ID_*`), one `*` standing \
         for any text."
    ));
    let variants: Vec<Ident> = def.variants.iter().map(|v| ident(&v.name)).collect();
    let defs = variants.iter().zip(&def.variants).map(|(variant, field)| {
        let doc = crate::docs::attrs(&field.doc);
        quote!(#doc #variant,)
    });
    let wires = def.variants.iter().map(|v| &v.wire);
    let patterns = &def.patterns;
    let all = variants.iter().map(|variant| quote!(Self::#variant,));
    quote! {
        #doc
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum #enum_ident {
            #(#defs)*
        }
        impl #enum_ident {
            #names_doc
            pub const NAMES: &'static [&'static str] = &[#(#wires),*];
            #patterns_doc
            pub const PATTERNS: &'static [&'static str] = &[#(#patterns),*];
            /// Every field.
            pub const ALL: &'static [Self] = &[#(#all)*];
            /// The wire name.
            pub fn as_str(self) -> &'static str {
                Self::NAMES[self as usize]
            }
        }
        impl AsRef<str> for #enum_ident {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }
        impl From<#enum_ident> for String {
            fn from(field: #enum_ident) -> Self {
                field.as_str().to_owned()
            }
        }
        impl std::fmt::Display for #enum_ident {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    }
}

/// The `b24_protocol::ListMethod` impl of `type_text`, when the item type can be told
/// from `output` (the method's `Output`). `field_enum`: the entity's field enum.
pub fn list_impl(
    spec: &MethodSpec,
    type_text: &str,
    output: &Output,
    engine: &TypeEngine<'_>,
    field_enum: Option<&str>,
) -> Option<ListDef> {
    let (item, items_key) = item_of(spec, type_text, output, engine)?;
    Some(ListDef {
        request: type_text.to_owned(),
        deprecated: spec.deprecated.is_some(),
        item,
        id_field: id_field(spec, items_key.as_deref()),
        items_key,
        fields: field_enum.map_or(ListFields::Unchecked, |name| {
            ListFields::Enum(name.to_owned())
        }),
        v3_paging: None,
    })
}

/// `impl b24_protocol::ListMethod for {request}`, classic or REST 3.0.
pub fn render_list(def: &ListDef) -> TokenStream {
    let name = ident(&def.request);
    let item = def.item.rust();
    let items_key = def
        .items_key
        .as_ref()
        .map(|key| quote!(const ITEMS_KEY: Option<&'static str> = Some(#key);));
    let id_field = &def.id_field;
    let id_field = (id_field != "ID").then(|| quote!(const ID_FIELD: &'static str = #id_field;));
    let fields = match &def.fields {
        ListFields::Unchecked => None,
        ListFields::Enum(enum_name) => {
            let enum_ident = ident(enum_name);
            Some(quote! {
                const FIELDS: Option<&'static [&'static str]> = Some(#enum_ident::NAMES);
                const FIELD_PATTERNS: &'static [&'static str] = #enum_ident::PATTERNS;
            })
        }
        ListFields::Names(names) => {
            Some(quote!(const FIELDS: Option<&'static [&'static str]> = Some(&[#(#names),*]);))
        }
    };
    // REST 3.0 lists name no user-field prefix and say how they page.
    let v3 = def.v3_paging.as_ref().map(|paging| {
        let paging = super::v3::paging_tokens(paging);
        quote! {
            const USER_FIELDS: Option<&'static str> = None;
            const V3_PAGING: b24_protocol::v3::Paging = #paging;
        }
    });
    let allow_deprecated = def.deprecated.then(|| quote!(#[allow(deprecated)]));
    quote! {
        #allow_deprecated
        impl b24_protocol::ListMethod for #name {
            type Item = #item;
            #items_key
            #id_field
            #fields
            #v3
        }
    }
}

/// The item type and the items key.
fn item_of(
    spec: &MethodSpec,
    type_text: &str,
    output: &Output,
    engine: &TypeEngine<'_>,
) -> Option<(Ty, Option<String>)> {
    match output {
        Output::Ty(Ty::Json) => return Some((Ty::Json, wrapper_key(spec))),
        Output::Ty(Ty::List(element)) => return Some(((**element).clone(), None)),
        _ => {}
    }
    // A wrapper struct: the item is what its list field holds.
    if let Some(key) = wrapper_key(spec) {
        let field_ty = engine.resolved(&child_name(&format!("{type_text}Result"), &key));
        let item = match field_ty {
            Some(Ty::List(inner)) => Some(*inner),
            Some(Ty::Json) => Some(Ty::Json),
            // The table describes one item under a key the portal fills with a list.
            Some(named @ (Ty::Named { .. } | Ty::Boxed(_))) => Some(named),
            // Items keyed by id (`{"templates": {"57": {…}}}`): the runtime reads the map's
            // values in the order sent.
            Some(Ty::Map(inner)) if !matches!(*inner, Ty::Scalar(_)) => Some(*inner),
            Some(Ty::Scalar(_) | Ty::Map(_)) | None => None,
        };
        if let Some(item) = item {
            return Some((item, Some(key)));
        }
    }
    one_record_output(spec, output)
}

/// A paged method whose result table describes one record (`crm.stagehistory.list`,
/// `tasks.api.scrum.epic.list`): the output struct is the item. Where the list sits, the
/// success example says (`{"items": [...]}`, `{"numerators": [...]}`); without an example
/// (or when it shows an array) the result is the array of records, as paging implies.
/// Examples are read as leniently as the parser reads them (trailing commas, comments,
/// `...`); one that cannot be read even so leaves the place unknown: no impl.
fn one_record_output(spec: &MethodSpec, output: &Output) -> Option<(Ty, Option<String>)> {
    // A type named by a plain path (a record, a scalar), not a list, map or envelope.
    let Output::Ty(output @ (Ty::Named { .. } | Ty::Scalar(_) | Ty::Json)) = output else {
        return None;
    };
    let mut key = None;
    for example in &spec.response.examples {
        let Ok(read) = lenient_json::parse::<serde_json::Value>(example) else {
            continue;
        };
        let body = read.value;
        // Old pages show the result alone (`{"timeline": [...]}`), newer ones the body.
        let result = body.get("result").unwrap_or(&body);
        match result {
            serde_json::Value::Array(_) => return Some((output.clone(), None)),
            serde_json::Value::Object(map) => {
                let lists: Vec<&String> = map
                    .iter()
                    .filter(|(_, value)| value.is_array())
                    .map(|(name, _)| name)
                    .collect();
                match lists.as_slice() {
                    [only] => key = Some((*only).clone()),
                    // An object that is one record, or several lists: the place is unclear.
                    _ => return None,
                }
                break;
            }
            _ => return None,
        }
    }
    let unread = key.is_none() && !spec.response.examples.is_empty();
    (!unread).then(|| (output.clone(), key))
}

/// The key of the list in an object `result`: the one documented field of list type, or
/// the only documented field.
fn wrapper_key(spec: &MethodSpec) -> Option<String> {
    // As for the output: where the example contradicts the table, the example wins.
    let result = spec
        .response
        .example_result
        .as_ref()
        .unwrap_or(&spec.response.result);
    if matches!(result, TypeExpr::Array(_)) {
        return None;
    }
    let fields: Vec<&Param> = spec
        .response
        .fields
        .iter()
        .filter(|f| is_concrete(&f.name))
        .collect();
    let lists: Vec<&&Param> = fields
        .iter()
        .filter(|f| matches!(f.ty.normalized, TypeExpr::Array(_)))
        .collect();
    match (lists.as_slice(), fields.as_slice()) {
        ([only], _) => Some(only.name.clone()),
        (_, [only]) => Some(only.name.clone()),
        _ => None,
    }
}

/// `ID` or `id`: as the success example spells it in the first item, else as the item's
/// documented fields do; `id` for wrapped results (`crm.item.list`, `tasks.task.list`),
/// `ID` otherwise.
fn id_field(spec: &MethodSpec, items_key: Option<&str>) -> String {
    for example in &spec.response.examples {
        let Ok(body) = serde_json::from_str::<serde_json::Value>(example) else {
            continue;
        };
        let mut items = &body["result"];
        if let Some(key) = items_key {
            items = &items[key];
        }
        let first = match items {
            serde_json::Value::Array(list) => list.first(),
            serde_json::Value::Object(map) if items_key.is_some() => map.values().next(),
            _ => None,
        };
        if let Some(serde_json::Value::Object(item)) = first {
            for key in ["ID", "id"] {
                if item.contains_key(key) {
                    return key.to_owned();
                }
            }
        }
    }
    let fields: &[Param] = match items_key {
        Some(key) => spec
            .response
            .fields
            .iter()
            .find(|f| f.name == key)
            .map_or(&[], |f| f.fields.as_slice()),
        None => &spec.response.fields,
    };
    for key in ["ID", "id"] {
        if fields.iter().any(|f| f.name == key) {
            return key.to_owned();
        }
    }
    if items_key.is_some() { "id" } else { "ID" }.to_owned()
}

#[cfg(test)]
mod tests {
    use super::variant_title;

    #[test]
    fn a_closing_lead_in_leaves_the_title() {
        assert_eq!(
            variant_title("Является ли сделка новой. Возможные значения:"),
            "Является ли сделка новой."
        );
        assert_eq!(variant_title("Возможные значения:"), "");
        assert_eq!(variant_title("Название"), "Название");
    }
}
