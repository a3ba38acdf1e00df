//! `Method::Output`: a struct where the docs list the fields of `result` (`Vec` of it for a
//! list), a scalar for scalar results, `serde_json::Value` where the docs say nothing.

use b24_doc_parser::extract::lenient_json;
use b24_spec::{MethodSpec, Param, TypeExpr};

use crate::model::Output;
use crate::types::{self, Ty};

use super::engine::{Role, TypeEngine};

pub fn output(spec: &MethodSpec, type_text: &str, engine: &mut TypeEngine<'_>) -> Output {
    // REST 3.0 has its own envelope (`item` / `items` / `result`): see `v3.rs`.
    if spec.api_version == b24_spec::ApiVersion::RestV3
        && let Some(output) = super::v3::output(spec, type_text, engine)
    {
        return output;
    }
    let response = &spec.response;
    // Where the success example contradicts the table, the example shows what the portal
    // sends (`array` in a table over an object's keys, an object where a list was written).
    // An entity the example shows as a list (`user.get`: `ref(user.entity)` in the table,
    // an array of users in the example) is a list of the entity.
    let listed_entity = match (&response.result, &response.example_result) {
        (TypeExpr::Ref(name), Some(TypeExpr::Array(inner)))
            if engine.is_entity(name) && object_like(inner) =>
        {
            Some(TypeExpr::Array(Box::new(response.result.clone())))
        }
        // And one the example shows as an object (`disk.file.get`) is the entity.
        (TypeExpr::Array(inner), Some(shown)) if object_like(shown) => match &**inner {
            TypeExpr::Ref(name) if engine.is_entity(name) => Some((**inner).clone()),
            _ => None,
        },
        _ => None,
    };
    // An entity the table does not contradict while an example lists records: the page
    // allows both (`entity.item.property.get`: one property, or all without `PROPERTY`).
    if let (TypeExpr::Ref(name), None) = (&response.result, &response.example_result)
        && engine.is_entity(name)
        && crate::fit::example_results(spec).iter().any(|value| {
            value
                .as_array()
                .and_then(|items| items.first())
                .is_some_and(|item| item.is_object())
        })
    {
        let name = format!("{type_text}Result");
        return Output::Ty(super::unions::one_or_many(
            engine,
            &response.result,
            &name,
            &spec.source,
        ));
    }
    let result = listed_entity
        .as_ref()
        .or(response.example_result.as_ref())
        .unwrap_or(&response.result);
    let documented = super::structs::any_concrete(&response.fields);
    let (is_list, object_like) = match result {
        TypeExpr::Array(inner) => (true, object_like(inner)),
        other => (false, object_like(other)),
    };
    let suffix = if is_list { "Item" } else { "Result" };
    let result_param = Param {
        name: "result".to_owned(),
        fields: response.fields.clone(),
        ..Param::default()
    };
    if documented && !is_list && describes_fields(spec) {
        return Output::FieldDescriptions;
    }
    // An entity (`ref(crm.lead)`, `ref(crm.lead)[]`) or a map keyed by id (`map(T)`) names
    // its type itself; the table's fields, if any, describe the object inside.
    if names_its_type(result, engine) && entity_covers(result, &response.fields, engine) {
        // A map whose example values contradict the documented value type (two reply
        // shapes, one per option) keeps its keys and leaves the values as JSON.
        let fallback;
        let mut result = result;
        let mut documented = documented;
        if let TypeExpr::Map(inner) = result {
            let fits = crate::fit::example_results(spec).iter().all(|value| {
                crate::fit::expr_fits(result, &response.fields, value, engine.named())
            });
            if !fits && !matches!(**inner, TypeExpr::Any) {
                fallback = TypeExpr::Map(Box::new(TypeExpr::Any));
                result = &fallback;
                documented = false;
            }
        }
        return Output::Ty(engine.expr(
            result,
            documented.then_some(&result_param),
            &format!("{type_text}{suffix}"),
            Role::Record,
            &spec.source,
        ));
    }
    // The table's record, unless a success example shows something else in its place
    // (`im.department.colleagues.list` lists ids unless `USER_DATA=Y`).
    // Fields an example contradicts (`{}` for a date) are kept as JSON, as an entity's are
    // (`crate::fit`), rather than the whole result.
    let fitting = (documented && object_like)
        .then(|| fitting_fields(spec, result, engine))
        .flatten();
    if let Some(fields) = fitting {
        let ty = engine.struct_ty(
            &fields,
            "result",
            &format!("{type_text}{suffix}"),
            Role::Record,
            &spec.source,
        );
        return Output::Ty(if is_list { Ty::list(ty) } else { ty });
    }
    // A result of several documented shapes whose object member is the table's record
    // (`integer | object`, `map(object) | boolean`, `(integer | object)[]`): the untagged
    // union of them, the record a struct.
    if documented
        && union_with_record(result)
        && let Some(ty) = super::unions::result_union(
            engine,
            result,
            &result_param,
            &format!("{type_text}Result"),
            &spec.source,
        )
    {
        return Output::Ty(ty);
    }
    Output::Ty(match result {
        TypeExpr::Boolean | TypeExpr::Integer | TypeExpr::Number | TypeExpr::String => {
            return scalar_output(result, spec, type_text, engine);
        }
        TypeExpr::Array(inner) if matches!(**inner, TypeExpr::Integer | TypeExpr::String) => {
            types::scalar(result)
        }
        // An id or a code (`ref(sale_order_payment.id)`, `ref(crm_currency.CURRENCY)`) is
        // its scalar; `string | boolean` an untagged enum of its members; unless a success
        // example shows another kind of value (`5` for a code typed as text).
        TypeExpr::Ref(_) | TypeExpr::Union(_)
            if crate::fit::example_results(spec)
                .iter()
                .all(|value| reads_plainly(result, value, engine)) =>
        {
            engine.expr(
                result,
                None,
                &format!("{type_text}Result"),
                Role::Record,
                &spec.source,
            )
        }
        _ => Ty::Json,
    })
}

/// A scalar `result`: the documented kind; with the kinds success examples show instead as an
/// untagged enum (`crm.vat.update` documents `boolean` and shows the rate's id), and in an
/// `Option` when an example shows `null` (`landing.block.updatecontent` with `designed`).
fn scalar_output(
    result: &TypeExpr,
    spec: &MethodSpec,
    type_text: &str,
    engine: &mut TypeEngine<'_>,
) -> Output {
    let examples = crate::fit::example_results(spec);
    let mut members = vec![result.clone()];
    for value in examples.iter().filter(|value| !value.is_null()) {
        if members.iter().any(|member| spelled_as(member, value)) {
            continue;
        }
        if let Some(kind) = scalar_kind(value)
            && !members.contains(&kind)
        {
            members.push(kind);
        }
    }
    let ty = match members.as_slice() {
        [_] => types::scalar(result),
        _ => engine.expr(
            &TypeExpr::Union(members),
            None,
            &format!("{type_text}Result"),
            Role::Record,
            &spec.source,
        ),
    };
    if examples.iter().any(serde_json::Value::is_null) {
        Output::Nullable(ty)
    } else {
        Output::Ty(ty)
    }
}

/// Whether the client reads `value` as the scalar `kind`: as written, or in one of the other
/// spellings the runtime's decoder tries for a whole `result` (`"5"` for `5`, `1` or `"Y"`
/// for `true`); the protocol crate owns that list, so the two cannot drift apart.
fn spelled_as(kind: &TypeExpr, value: &serde_json::Value) -> bool {
    let reads_as = |value: &serde_json::Value| {
        scalar_kind(value).is_some_and(|shown| {
            shown == *kind || (*kind == TypeExpr::Number && shown == TypeExpr::Integer)
        })
    };
    reads_as(value)
        || b24_protocol::envelope::loose_spellings(value)
            .iter()
            .any(reads_as)
}

/// The scalar kind a success example's `result` shows, if it is a scalar.
fn scalar_kind(value: &serde_json::Value) -> Option<TypeExpr> {
    use serde_json::Value;
    match value {
        Value::Bool(_) => Some(TypeExpr::Boolean),
        Value::Number(number) if number.is_i64() || number.is_u64() => Some(TypeExpr::Integer),
        Value::Number(_) => Some(TypeExpr::Number),
        Value::String(_) => Some(TypeExpr::String),
        _ => None,
    }
}

/// Whether plain serde reads `value` as the scalar result type `expr` becomes: an `Output`
/// is read without the lenient wire codecs, so `5` is no `String`.
fn reads_plainly(expr: &TypeExpr, value: &serde_json::Value, engine: &TypeEngine<'_>) -> bool {
    use serde_json::Value;
    let kind_fits = |expr: &TypeExpr| match expr {
        TypeExpr::Boolean => value.is_boolean(),
        TypeExpr::Integer => value.is_i64() || value.is_u64(),
        TypeExpr::Number => value.is_number(),
        TypeExpr::String | TypeExpr::Date | TypeExpr::DateTime => value.is_string(),
        TypeExpr::Array(_) => value.is_array(),
        TypeExpr::Map(_) => {
            value.is_object() || matches!(value, Value::Array(items) if items.is_empty())
        }
        _ => false,
    };
    match expr {
        TypeExpr::Ref(name) => match engine.named().of(name) {
            Ty::Scalar(codec) => match codec {
                types::Codec::Int => value.is_i64() || value.is_u64(),
                types::Codec::Float => value.is_number(),
                types::Codec::Boolean => value.is_boolean(),
                types::Codec::Text | types::Codec::Date | types::Codec::DateTime => {
                    value.is_string()
                }
                types::Codec::Yn | types::Codec::Secret | types::Codec::File(_) => false,
            },
            _ => false,
        },
        TypeExpr::Union(members) => members.iter().any(kind_fits),
        _ => false,
    }
}

/// Whether the result table lists an entity's fields while the success example maps each of
/// them to a description naming its type (`{"ID": {"type": "integer", "isRequired": false, …}}`): the
/// `*.fields` methods, whose pages document the entity rather than the answer.
pub(super) fn describes_fields(spec: &MethodSpec) -> bool {
    let documented: Vec<&str> = spec
        .response
        .fields
        .iter()
        .map(|field| field.name.as_str())
        .filter(|name| super::structs::is_concrete(name))
        .collect();
    spec.response.examples.iter().any(|example| {
        let read = serde_json::from_str(example).ok();
        let Some(serde_json::Value::Object(result)) = read.and_then(lenient_json::result_in) else {
            return false;
        };
        // A description names the field's type; a record whose `TYPE` is its own key
        // (`"catalog": {"TYPE": "catalog", …}`) is an entity keyed by type instead.
        let is_description = |name: &str, value: &serde_json::Value| {
            let Some(keys) = value.as_object() else {
                return false;
            };
            let ty = keys.get("type").or_else(|| keys.get("TYPE"));
            ty.and_then(serde_json::Value::as_str)
                .is_some_and(|ty| !ty.eq_ignore_ascii_case(name))
        };
        let described = documented
            .iter()
            .filter(|name| {
                result
                    .get(**name)
                    .is_some_and(|value| is_description(name, value))
            })
            .count();
        // Every key a description, and most documented fields among them: one object
        // field (`{"fields": {…}}`) is a wrapper, not a catalogue.
        described >= 2
            && described * 2 > documented.len()
            && result.values().all(serde_json::Value::is_object)
    })
}

/// Whether the entity `result` names has every field the method's own result table lists
/// (and any field at all): else the method's table types more, and stays what it was.
fn entity_covers(result: &TypeExpr, fields: &[Param], engine: &TypeEngine<'_>) -> bool {
    let name = match result {
        TypeExpr::Ref(name) => name,
        TypeExpr::Array(inner) => return entity_covers(inner, fields, engine),
        _ => return true,
    };
    let Some(entity) = engine.named().entity(name) else {
        return true;
    };
    super::structs::any_concrete(&entity.fields)
        && fields
            .iter()
            .filter(|own| super::structs::is_concrete(&own.name))
            .all(|own| entity.fields.iter().any(|field| field.name == own.name))
}

/// Whether `result` is an entity or a keyed map, possibly inside arrays.
fn names_its_type(result: &TypeExpr, engine: &TypeEngine<'_>) -> bool {
    match result {
        TypeExpr::Map(_) => true,
        TypeExpr::Ref(name) => engine.is_entity(name),
        TypeExpr::Array(inner) => names_its_type(inner, engine),
        _ => false,
    }
}

/// Kinds of `result` whose documented fields describe an object.
/// The table's fields when every success example fits them, else with the fields the
/// examples contradict kept as JSON, if the examples fit then; `None` when they still do
/// not (a list of ids where the table describes records).
fn fitting_fields(
    spec: &MethodSpec,
    result: &TypeExpr,
    engine: &TypeEngine<'_>,
) -> Option<Vec<Param>> {
    let results = crate::fit::example_results(spec);
    let fields = &spec.response.fields;
    let fit = |fields: &[Param]| {
        results
            .iter()
            .all(|value| crate::fit::expr_fits(result, fields, value, engine.named()))
    };
    if fit(fields) {
        return Some(fields.clone());
    }
    let kept = crate::fit::contradicted_as_json(fields, &results, engine.named())?;
    fit(&kept).then_some(kept)
}

/// A union with an object (or map of objects) member, or a list of such unions.
fn union_with_record(expr: &TypeExpr) -> bool {
    match expr {
        TypeExpr::Union(members) => members.iter().any(|member| {
            matches!(member, TypeExpr::Object)
                || matches!(member, TypeExpr::Map(inner) if **inner == TypeExpr::Object)
        }),
        TypeExpr::Array(inner) => union_with_record(inner),
        _ => false,
    }
}

fn object_like(expr: &TypeExpr) -> bool {
    matches!(expr, TypeExpr::Object | TypeExpr::Any | TypeExpr::Ref(_))
}
