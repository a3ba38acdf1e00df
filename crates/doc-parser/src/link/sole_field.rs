//! A result table with one field the success example does not show, while the example's
//! result is one other key holding the same kind of value (`property` in
//! `sale.shipment.get`'s table, copied from the property page, `{"shipment": {…}}` in the
//! reply; `status` for `{"statuses": […]}`): the table names the wrapper wrongly, and the
//! field takes the name the portal sends. The plural-only case is `names_as_shown`.

use b24_spec::{MethodSpec, TypeExpr};
use serde_json::Value;

use super::maps::Examples;

/// Renames the sole result field of each method where its example shows it under another
/// name.
pub fn apply(methods: &mut [MethodSpec], examples: &Examples) {
    for (method, example) in methods.iter_mut().zip(examples.objects()) {
        if method.response.fields.len() != 1 {
            continue;
        }
        let Some(result) = example else {
            continue;
        };
        let mut keys = result.iter();
        let (Some((key, value)), None) = (keys.next(), keys.next()) else {
            continue;
        };
        let field = &mut method.response.fields[0];
        if field.pattern.is_some() || &field.name == key || !same_kind(&field.ty.normalized, value)
        {
            continue;
        }
        field.name = key.clone();
    }
}

/// An object for a named type or an object, a list for an array: the two agree.
fn same_kind(expr: &TypeExpr, value: &Value) -> bool {
    matches!(
        (expr, value),
        (TypeExpr::Array(_), Value::Array(_))
            | (TypeExpr::Ref(_) | TypeExpr::Object, Value::Object(_))
    )
}
