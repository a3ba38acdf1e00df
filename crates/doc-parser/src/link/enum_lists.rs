//! Lists whose table says `array` and lists the values their items take
//! (`scenarios`: `default`, `crm`, `mobile`…): the values say what an item is, not what
//! the list is, so the list stays open for the examples ([`super::shown_types`]) to give
//! its item kind. Only a list of scalars: a record or a map shown where the table lists
//! values (an `order` of field names and directions) is not what the values describe.

use b24_spec::{Param, TypeExpr};

/// `any[]` with values listed: open for the examples.
pub fn is_open(field: &Param) -> bool {
    !field.enum_values.is_empty()
        && field.fields.is_empty()
        && field.pattern.is_none()
        && matches!(&field.ty.normalized, TypeExpr::Array(inner) if **inner == TypeExpr::Any)
}

/// Whether the examples' type `shown` fits a list with values: strings or integers.
pub fn fits(field: &Param, shown: &TypeExpr) -> bool {
    field.enum_values.is_empty()
        || matches!(shown, TypeExpr::Array(item) if matches!(**item, TypeExpr::String | TypeExpr::Integer))
}
