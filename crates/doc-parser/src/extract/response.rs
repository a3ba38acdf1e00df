//! The success response: the kind and fields of `result`, from the "Возвращаемые данные"
//! table (a `result` row, flat rows between `result` and `time`, dotted `result.x` rows,
//! sub-tables such as `#### Объект result {#result}`) and from the success JSON examples.
//! Where both speak and disagree, both are kept and a diagnostic says so.

use crate::text::Search as _;
use std::collections::BTreeMap;

use b24_spec::{Param, Required, Response, TypeExpr, TypeRef};

use crate::diagnostics::{Code, Diagnostics};
use crate::page::{Node, walk};

use super::cell;
use super::fields::{self, FieldTable};
use super::lenient_json;
use super::params::{self, EntryTable};
use super::required::Convention;
use super::shape::Shape;
use serde_json::Value;

/// Envelope keys that sit beside `result` in the returns table.
const ENVELOPE: &[&str] = &["time", "total", "next", "error", "error_description"];

/// Reads the response from the blocks of the response sections, with the `result` of every
/// success example that reads as JSON (in the order of `response.examples`).
pub fn read(nodes: &[&Node], path: &str, diags: &mut Diagnostics) -> (Response, Vec<Value>) {
    let mut response = Response::default();
    let values = read_examples(nodes, path, diags, &mut response);
    let tables = fields::collect(nodes);
    let table = from_tables(&tables, path, diags);

    // The first example's `result` is the one compared with the table.
    let shown = values
        .iter()
        .find_map(|v| v.get("result"))
        .map(Shape::of_member);
    let shown = shown.as_ref();
    let shown_kind = shown.map(kind_of);
    match (&table, &shown_kind) {
        (Some(table), shown_kind) if table.kind.is_some() => {
            response.result = table.kind.clone().unwrap_or(TypeExpr::Any);
            if let Some(shown_kind) = shown_kind
                && !compatible(&response.result, shown_kind)
            {
                diags.push(
                    path,
                    table.line,
                    Code::ResponseDisagrees,
                    format!(
                        "the table says `result` is `{}`, the example shows `{shown_kind}`",
                        response.result
                    ),
                );
                response.example_result = Some(shown_kind.clone());
            }
        }
        (_, Some(kind)) => response.result = kind.clone(),
        _ => {}
    }
    if let Some(table) = table {
        response.description = table.description;
        response.fields = table.fields;
    }
    if response.fields.is_empty()
        && let Some(shown) = shown
    {
        // One level deep, required unknown, no written type: the page gave no table.
        response.fields = shown_object(shown)
            .map(fields_of_object)
            .unwrap_or_default();
    } else if let Some(shown) = shown {
        compare_keys(&response.fields, shown, path, nodes, diags);
    }
    if response.description.is_empty() {
        response.description = prose(nodes);
    }
    if response.result == TypeExpr::Any && shown.is_none() {
        diags.push(
            path,
            nodes.first().map_or(0, |n| n.line()),
            Code::ResponseUnknown,
            "neither a returns table nor a success example shows `result`; its type is left open",
        );
    }
    let results = values
        .into_iter()
        .filter_map(lenient_json::result_in)
        .collect();
    (response, results)
}

/// Success examples: JSON code blocks (read leniently) and their values.
fn read_examples(
    nodes: &[&Node],
    path: &str,
    diags: &mut Diagnostics,
    response: &mut Response,
) -> Vec<Value> {
    let mut values = Vec::new();
    for node in nodes {
        walk(std::slice::from_ref(*node), &mut |node| {
            let Node::Code(code) = node else { return };
            if !matches!(code.lang.as_str(), "json" | "" | "js" | "javascript") {
                return;
            }
            let text = code.text.trim();
            if !(text.starts_with('{') || text.starts_with("\"result\"")) {
                return;
            }
            // An error example sometimes sits in the response section.
            if text.has("\"error\"") && !text.has("\"result\"") {
                return;
            }
            response.examples.push(text.to_owned());
            match lenient_json::parse::<Value>(text) {
                Ok(read) => {
                    if read.repaired {
                        diags.push(
                            path,
                            code.line,
                            Code::ResponseJsonLenient,
                            "success example is not strict JSON (comments, `...`, trailing commas or a fragment); read leniently",
                        );
                    }
                    values.push(read.value);
                }
                Err(error) => diags.push(
                    path,
                    code.line,
                    Code::ResponseJsonInvalid,
                    format!("success example is not valid JSON even read leniently: {error}"),
                ),
            }
        });
    }
    values
}

/// What the returns table says.
pub(super) struct FromTable {
    pub(super) kind: Option<TypeExpr>,
    pub(super) description: String,
    pub(super) fields: Vec<Param>,
    pub(super) line: u32,
}

fn from_tables(
    tables: &[FieldTable<'_>],
    path: &str,
    diags: &mut Diagnostics,
) -> Option<FromTable> {
    if tables.is_empty() {
        return None;
    }
    let mut used = vec![false; tables.len()];
    // The returns table: the first one with a `result` row, else the first one.
    let main_index = tables
        .iter()
        .position(|t| has_row(&t.entries, "result"))
        .unwrap_or(0);
    let main = read_table(tables, main_index, &mut used, path, diags);
    // Other tables with a `result` row: one per tab when the result has several shapes.
    let mut out = super::result_variants::merge(main, tables, &mut used, path, diags);
    fields::report_unused(tables, &used, "response", path, diags);
    for field in &mut out.fields {
        field.required = Required::Unknown;
    }
    Some(out)
}

/// Reads the returns table `index` (its `result` row, the rows of `result` and the
/// sub-tables they link to), marking the tables it uses.
pub(super) fn read_table(
    tables: &[FieldTable<'_>],
    index: usize,
    used: &mut [bool],
    path: &str,
    diags: &mut Diagnostics,
) -> FromTable {
    let convention = Convention::default();
    used[index] = true;
    let main = &tables[index];
    let rows: Vec<Param> = fields::read_entries(main, path, diags)
        .into_iter()
        .map(|entry| entry.finish(convention))
        .collect();
    let mut out = FromTable {
        kind: None,
        description: String::new(),
        fields: Vec::new(),
        line: main.line,
    };
    match rows.iter().position(|r| r.name == "result") {
        Some(at) => {
            let result = &rows[at];
            out.kind = (result.ty.written.is_some()).then(|| result.ty.normalized.clone());
            out.description = result.description.clone();
            let mut flat = Vec::new();
            let mut dotted = Vec::new();
            let mut in_result = true;
            for row in &rows[at + 1..] {
                let child = row
                    .name
                    .strip_prefix("result.")
                    .or_else(|| row.name.strip_prefix("result[]."));
                if let Some(child) = child {
                    dotted.push(Param {
                        name: child.to_owned(),
                        ..row.clone()
                    });
                } else if ENVELOPE.contains(&row.name.as_str()) {
                    in_result = false;
                } else if in_result {
                    flat.push(row.clone());
                }
            }
            flat.extend(dotted);
            // The entry reader may have nested `result.x` rows under `result` already.
            let mut all = result.fields.clone();
            all.extend(flat);
            out.fields = fields::nest_dotted(all);
            // `#### Объект result {#result}` or a table linked from the result row.
            if out.fields.is_empty() {
                let mut holder = vec![Param {
                    name: "result".to_owned(),
                    ty: result.ty.clone(),
                    description: result.description.clone(),
                    ..Param::default()
                }];
                fields::link(&mut holder, "", tables, used, convention, path, diags);
                out.fields = std::mem::take(&mut holder[0].fields);
            }
        }
        None => {
            // Old pages list the fields of `result` without a `result` row.
            out.fields = fields::nest_dotted(rows);
        }
    }
    fields::link(
        &mut out.fields,
        "result",
        tables,
        used,
        convention,
        path,
        diags,
    );
    out
}

/// Whether a row of the table is named `name` (cheap: no full read).
pub(super) fn has_row(table: &EntryTable<'_>, name: &str) -> bool {
    let Some(index) = params::name_column(&table.roles) else {
        return false;
    };
    // `name` is a plain word (`result`): a cell naming it spells it, the others are not read.
    table.rows.iter().any(|row| {
        row.cells
            .get(index)
            .filter(|cell| cell.raw.has(name))
            .and_then(|cell| cell::read(&cell.raw))
            .is_some_and(|cell| cell.name == name)
    })
}

/// Whether the table's type and the example's kind can both be right.
fn compatible(table: &TypeExpr, shown: &TypeExpr) -> bool {
    use TypeExpr as T;
    match (table, shown) {
        (T::Any, _) | (_, T::Any) => true,
        (T::Ref(_), _) => true,
        (T::Union(members), _) => members.iter().any(|m| compatible(m, shown)),
        (T::Array(a), T::Array(b)) => compatible(a, b),
        // An empty JSON array shows no element kind; PHP serializes empty maps as `[]`.
        (T::Object, T::Array(_)) => false,
        (T::Array(_), _) => false,
        (_, T::Array(_)) => false,
        // Numbers and booleans often arrive as strings, dates are strings.
        (T::Integer | T::Number, T::Integer | T::Number | T::String) => true,
        (T::Boolean, T::Boolean | T::String | T::Integer) => true,
        (T::String | T::Date | T::DateTime | T::File, _) => !matches!(shown, T::Object),
        (T::Object, T::Object) => true,
        (T::Object, _) => false,
        _ => table == shown,
    }
}

/// The type a JSON value shows.
pub fn kind_of(value: &Shape) -> TypeExpr {
    match value {
        Shape::Bool => TypeExpr::Boolean,
        Shape::Integer => TypeExpr::Integer,
        Shape::Number => TypeExpr::Number,
        Shape::String => TypeExpr::String,
        Shape::Object(_) => TypeExpr::Object,
        Shape::Array(first) => {
            TypeExpr::Array(Box::new(first.as_deref().map_or(TypeExpr::Any, kind_of)))
        }
        Shape::Null => TypeExpr::Any,
    }
}

/// The object an example's `result` shows: itself, or its first element for arrays.
fn shown_object(result: &Shape) -> Option<&BTreeMap<String, Shape>> {
    match result {
        Shape::Object(map) => Some(map),
        Shape::Array(first) => first.as_deref().and_then(Shape::as_object),
        _ => None,
    }
}

/// An object's keys as fields, with the kinds their values show. A map keyed by ids
/// (`{"1": {…}, "2": {…}}`) has no field names.
pub fn fields_of_object(object: &BTreeMap<String, Shape>) -> Vec<Param> {
    if object.keys().all(|k| k.bytes().all(|b| b.is_ascii_digit())) {
        return Vec::new();
    }
    object
        .iter()
        .map(|(name, value)| shown_field(name, kind_of(value), Vec::new()))
        .collect()
}

/// A field an example shows: the kind its value has, required unknown.
pub(crate) fn shown_field(name: &str, ty: TypeExpr, fields: Vec<Param>) -> Param {
    Param {
        name: name.to_owned(),
        ty: TypeRef::from(ty),
        required: Required::Unknown,
        fields,
        ..Param::default()
    }
}

/// Reports keys the example shows that the table does not document.
fn compare_keys(
    fields: &[Param],
    shown: &Shape,
    path: &str,
    nodes: &[&Node],
    diags: &mut Diagnostics,
) {
    let Some(object) = shown_object(shown) else {
        return;
    };
    if object.keys().all(|k| k.bytes().all(|b| b.is_ascii_digit())) {
        return;
    }
    let documented: std::collections::HashSet<String> =
        fields.iter().map(|f| f.name.to_ascii_lowercase()).collect();
    let missing: Vec<&str> = object
        .keys()
        .filter(|key| !documented.contains(&key.to_ascii_lowercase()))
        .map(String::as_str)
        .collect();
    if !missing.is_empty() {
        let shown: Vec<&str> = missing.iter().take(8).copied().collect();
        diags.push(
            path,
            nodes.first().map_or(0, |n| n.line()),
            Code::ResponseKeysUndocumented,
            format!(
                "the example's `result` has {} key(s) the table does not list: {}{}",
                missing.len(),
                shown.join(", "),
                if missing.len() > shown.len() {
                    ", …"
                } else {
                    ""
                }
            ),
        );
    }
}

/// The prose of a response section without a table ("Метод вернет …", "> 200 OK").
fn prose(nodes: &[&Node]) -> String {
    let mut parts = Vec::new();
    for node in nodes {
        match node {
            Node::Paragraph(text) => {
                let plain = text.plain.trim();
                if plain.starts_with(crate::lexicon::response::HTTP_STATUS) || plain.is_empty() {
                    continue;
                }
                parts.push(text.raw.as_str());
            }
            Node::Heading(_) if !parts.is_empty() => break,
            _ => {}
        }
        if parts.len() >= 2 {
            break;
        }
    }
    parts.join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Diagnostic;
    use crate::includes::NoIncludes;

    fn read_md(md: &str) -> (Response, Vec<Diagnostic>) {
        let mut diags = Diagnostics::default();
        let nodes = crate::parse_blocks("page.md", md, &NoIncludes, &mut diags);
        let refs: Vec<&Node> = nodes.iter().collect();
        let (response, _) = read(&refs, "page.md", &mut diags);
        (response, diags.into_vec())
    }

    fn codes(diags: &[Diagnostic]) -> Vec<Code> {
        diags.iter().map(|d| d.code).collect()
    }

    fn names(fields: &[Param]) -> Vec<&str> {
        fields.iter().map(|f| f.name.as_str()).collect()
    }

    const TYPE: &str = "[`integer`](../data-types.md)";

    #[test]
    fn flat_fields_between_result_and_time() {
        let md = "HTTP-статус: **200**\n\n```json\n{\"result\": {\"STATUS\": \"OPENED\", \"ACTIVE\": false}, \"time\": {}}\n```\n\n### Возвращаемые данные\n\n#|\n|| **Название**\n`тип` | **Описание** ||\n|| **result**\n[`object`](x) | Корневой элемент ||\n|| **STATUS**\n[`string`](x) | Статус ||\n|| **ACTIVE**\n[`boolean`](x) | Флаг ||\n|| **time**\n[`object`](x) | Время ||\n|#\n";
        let (response, diags) = read_md(md);
        assert_eq!(response.result, TypeExpr::Object);
        assert_eq!(names(&response.fields), ["STATUS", "ACTIVE"]);
        assert_eq!(response.description, "Корневой элемент");
        assert!(diags.is_empty(), "{diags:?}");
    }

    #[test]
    fn result_object_sub_table_and_dotted_rows() {
        let md = format!(
            "#|\n|| **Название**\n`тип` | **Описание** ||\n|| **result**\n[`object`](x) | Данные [(подробное описание)](#result) ||\n|| **time**\n[`object`](x) | Время ||\n|#\n\n#### Объект result {{#result}}\n\n#|\n|| **Название**\n`тип` | **Описание** ||\n|| **bot**\n[`object`](x) | Бот ||\n|| **bot.id**\n{TYPE} | Идентификатор ||\n|#\n"
        );
        let (response, diags) = read_md(&md);
        assert_eq!(names(&response.fields), ["bot"]);
        assert_eq!(names(&response.fields[0].fields), ["id"]);
        assert!(!codes(&diags).contains(&Code::ResponseUnknown), "{diags:?}");
    }

    #[test]
    fn a_named_result_type_links_its_table_and_deeper_ones() {
        let md = "#|\n|| **Название**\n`тип` | **Описание** ||\n|| **result**\n[`recurring_deal`](#recurring-deal) | Шаблон ||\n|| **time**\n[`object`](x) | Время ||\n|#\n\n#### Тип recurring_deal {#recurring-deal}\n\n#|\n|| **Название**\n`тип` | **Описание** ||\n|| **ID**\n[`integer`](x) | Идентификатор ||\n|| **PARAMS**\n[`object`](x) | Параметры [(подробное описание)](#params-fields) ||\n|#\n\n#### Поля объекта PARAMS {#params-fields}\n\n#|\n|| **Название**\n`тип` | **Описание** ||\n|| **MODE**\n[`string`](x) | Режим ||\n|#\n";
        let (response, diags) = read_md(md);
        assert_eq!(names(&response.fields), ["ID", "PARAMS"]);
        assert_eq!(names(&response.fields[1].fields), ["MODE"]);
        assert!(
            !codes(&diags).contains(&Code::FieldTableUnlinked),
            "{diags:?}"
        );
    }

    #[test]
    fn table_and_example_disagree_and_both_are_kept() {
        let md = "```json\n{\"result\": [{\"ID\": \"1\"}], \"total\": 1}\n```\n\n#|\n|| **Название**\n`тип` | **Описание** ||\n|| **result**\n[`object`](x) | Пользователи ||\n|| **result.ID**\n[`integer`](x) | Идентификатор ||\n|#\n";
        let (response, diags) = read_md(md);
        assert_eq!(response.result, TypeExpr::Object);
        assert_eq!(
            response.example_result,
            Some(TypeExpr::Array(Box::new(TypeExpr::Object)))
        );
        assert_eq!(names(&response.fields), ["ID"]);
        assert!(
            codes(&diags).contains(&Code::ResponseDisagrees),
            "{diags:?}"
        );
    }

    #[test]
    fn lenient_examples_give_kind_and_fields_without_a_table() {
        let md = "> 200 OK\n\n```json\n{\n  \"result\": {\n    \"ID\": 5, // id\n    \"NAME\": \"x\",\n  },\n}\n```\n";
        let (response, diags) = read_md(md);
        assert_eq!(response.result, TypeExpr::Object);
        assert_eq!(names(&response.fields), ["ID", "NAME"]);
        assert_eq!(response.description, "");
        assert_eq!(codes(&diags), [Code::ResponseJsonLenient]);
        let (response, diags) = read_md("Возвращает идентификатор бота.\n");
        assert_eq!(response.result, TypeExpr::Any);
        assert_eq!(response.description, "Возвращает идентификатор бота.");
        assert_eq!(codes(&diags), [Code::ResponseUnknown]);
    }

    #[test]
    fn several_examples_are_all_kept() {
        let md = "```json\n{\"result\": true}\n```\n\n```json\n{\"result\": false}\n```\n\n```json\n{\"error\": \"X\"}\n```\n";
        let (response, _) = read_md(md);
        assert_eq!(response.examples.len(), 2);
        assert_eq!(response.result, TypeExpr::Boolean);
    }
}
