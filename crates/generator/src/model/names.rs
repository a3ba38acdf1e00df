//! The names a module hands out before any parameter type: one request type per method
//! and its error enum. The module's model reserves them (with entities and field enums),
//! so a parameter type asked for under one of them takes a suffix instead.

use crate::naming::{NameSet, request_type_name, type_name};

/// The request type of each method, in the order given (method-name order, so suffixes
/// are stable): two methods whose names differ only in case or separators (`a.fooBar`,
/// `a.foo_bar`) would get one name, so the later one gets a numeric suffix.
pub fn request_type_names<'a>(methods: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut names = NameSet::default();
    methods
        .into_iter()
        .map(|method| names.claim(request_type_name(method)))
        .collect()
}

/// The error enum of the request type `request`: `{Request}Error`, or
/// `{Request}ErrorCode` when a parameter enum (`{Request}Error` for a parameter named
/// `error`) or another request type of the module (`request_types`) has that name.
pub fn error_enum_name<'a>(
    request: &str,
    params: impl IntoIterator<Item = &'a str>,
    request_types: &[String],
) -> String {
    let plain = format!("{request}Error");
    let param_enum_clash = params
        .into_iter()
        .any(|param| type_name(param).is_some_and(|name| name == "Error"));
    if param_enum_clash || request_types.contains(&plain) {
        format!("{request}ErrorCode")
    } else {
        plain
    }
}
