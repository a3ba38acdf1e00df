//! Builders for the classic list parameters: [`Filter`] (the prefixed keys of
//! `filter`) and [`Order`] (`order` in the order given).
//!
//! The list pages document a filter as `{"field": value}` where the key may carry an
//! operator prefix (`crm-lead-list.md`, `crm-item-list.md`): `>=` greater or equal, `>`
//! greater, `<=`, `<`, `@` IN (an array), `!@` NOT IN, `%` LIKE (substring, no `%` in the
//! value), `!%` NOT LIKE, `=` equal (the default), `!=` / `!` not equal. An empty value is
//! matched with `=FIELD: ""`, a filled one with `!=FIELD: ""` (the `crm.item.list` example
//! "name or last name not empty").
//!
//! Both turn into a `serde_json::Value` object in the order entries were added, so they go
//! wherever a generated request takes `filter`/`order`; raw `json!` keeps working next to
//! them. Field names are anything that is `AsRef<str>`: a string, or a generated field
//! enum (`LeadField::Title`). Where the method documents its fields,
//! `Client::stream` checks them before sending.

use serde::Serialize;
use serde_json::{Map, Value};

/// A classic `filter` object, built condition by condition.
///
/// ```
/// use b24_protocol::filter::Filter;
///
/// let filter = Filter::new()
///     .r#in("STATUS_ID", ["NEW", "IN_PROCESS"])
///     .ge("OPPORTUNITY", 5000)
///     .like("TITLE", "rent")
///     .is_not_empty("PHONE");
/// assert_eq!(
///     serde_json::Value::from(filter).to_string(),
///     r#"{"@STATUS_ID":["NEW","IN_PROCESS"],">=OPPORTUNITY":5000,"%TITLE":"rent","!=PHONE":""}"#
/// );
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(transparent)]
pub struct Filter {
    entries: Map<String, Value>,
}

impl Filter {
    pub fn new() -> Self {
        Self::default()
    }

    /// `=FIELD`: equal.
    pub fn eq(self, field: impl AsRef<str>, value: impl Into<Value>) -> Self {
        self.condition("=", field, value.into())
    }

    /// `!=FIELD`: not equal.
    pub fn ne(self, field: impl AsRef<str>, value: impl Into<Value>) -> Self {
        self.condition("!=", field, value.into())
    }

    /// `>FIELD`: greater than.
    pub fn gt(self, field: impl AsRef<str>, value: impl Into<Value>) -> Self {
        self.condition(">", field, value.into())
    }

    /// `>=FIELD`: greater than or equal.
    pub fn ge(self, field: impl AsRef<str>, value: impl Into<Value>) -> Self {
        self.condition(">=", field, value.into())
    }

    /// `<FIELD`: less than.
    pub fn lt(self, field: impl AsRef<str>, value: impl Into<Value>) -> Self {
        self.condition("<", field, value.into())
    }

    /// `<=FIELD`: less than or equal.
    pub fn le(self, field: impl AsRef<str>, value: impl Into<Value>) -> Self {
        self.condition("<=", field, value.into())
    }

    /// `%FIELD`: the value occurs anywhere in the field (LIKE `%value%`; give the value
    /// without `%`).
    pub fn like(self, field: impl AsRef<str>, value: impl Into<Value>) -> Self {
        self.condition("%", field, value.into())
    }

    /// `!%FIELD`: the value occurs nowhere in the field.
    pub fn not_like(self, field: impl AsRef<str>, value: impl Into<Value>) -> Self {
        self.condition("!%", field, value.into())
    }

    /// `@FIELD`: the field is one of the values (IN).
    pub fn r#in<V: Into<Value>>(
        self,
        field: impl AsRef<str>,
        values: impl IntoIterator<Item = V>,
    ) -> Self {
        let values = values.into_iter().map(Into::into).collect();
        self.condition("@", field, Value::Array(values))
    }

    /// `!@FIELD`: the field is none of the values (NOT IN).
    pub fn not_in<V: Into<Value>>(
        self,
        field: impl AsRef<str>,
        values: impl IntoIterator<Item = V>,
    ) -> Self {
        let values = values.into_iter().map(Into::into).collect();
        self.condition("!@", field, Value::Array(values))
    }

    /// `=FIELD: ""`: the field is empty.
    pub fn is_empty(self, field: impl AsRef<str>) -> Self {
        self.condition("=", field, Value::String(String::new()))
    }

    /// `!=FIELD: ""`: the field is filled.
    pub fn is_not_empty(self, field: impl AsRef<str>) -> Self {
        self.condition("!=", field, Value::String(String::new()))
    }

    /// A key exactly as written (`">=DATE_CREATE"`, a logic group `"0"`), for what the
    /// builder does not cover.
    pub fn raw(mut self, key: impl Into<String>, value: impl Into<Value>) -> Self {
        self.entries.insert(key.into(), value.into());
        self
    }

    fn condition(self, prefix: &str, field: impl AsRef<str>, value: Value) -> Self {
        let key = format!("{prefix}{}", field.as_ref());
        self.raw(key, value)
    }
}

impl From<Filter> for Value {
    fn from(filter: Filter) -> Self {
        Value::Object(filter.entries)
    }
}

/// A sort direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    Asc,
    Desc,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Asc => "ASC",
            Direction::Desc => "DESC",
        }
    }
}

/// An `order` object: the first field sorts first, as the portal reads it.
///
/// ```
/// use b24_protocol::filter::Order;
///
/// let order = Order::new().desc("DATE_CREATE").asc("ID");
/// assert_eq!(
///     serde_json::Value::from(order).to_string(),
///     r#"{"DATE_CREATE":"DESC","ID":"ASC"}"#
/// );
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(transparent)]
pub struct Order {
    entries: Map<String, Value>,
}

impl Order {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn by(mut self, field: impl AsRef<str>, direction: Direction) -> Self {
        self.entries.insert(
            field.as_ref().to_owned(),
            Value::String(direction.as_str().to_owned()),
        );
        self
    }

    pub fn asc(self, field: impl AsRef<str>) -> Self {
        self.by(field, Direction::Asc)
    }

    pub fn desc(self, field: impl AsRef<str>) -> Self {
        self.by(field, Direction::Desc)
    }
}

impl From<Order> for Value {
    fn from(order: Order) -> Self {
        Value::Object(order.entries)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_condition_has_its_documented_prefix() {
        let filter = Filter::new()
            .eq("A", 1)
            .ne("B", "x")
            .gt("C", 2)
            .ge("D", 3)
            .lt("E", 4)
            .le("F", 5)
            .like("G", "g")
            .not_like("H", "h")
            .r#in("I", [1, 2])
            .not_in("J", ["a"])
            .is_empty("K")
            .is_not_empty("L")
            .raw("0", json!({"logic": "OR"}));
        let keys: Vec<String> = Value::from(filter.clone())
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect();
        assert_eq!(
            keys,
            [
                "=A", "!=B", ">C", ">=D", "<E", "<=F", "%G", "!%H", "@I", "!@J", "=K", "!=L", "0"
            ]
        );
        assert_eq!(serde_json::to_value(&filter).unwrap()["@I"], json!([1, 2]));
        assert_eq!(Value::from(filter)["=K"], json!(""));
    }

    #[test]
    fn order_keeps_the_order_given_and_a_repeat_replaces() {
        let order = Order::new().asc("TITLE").desc("ID").desc("TITLE");
        assert_eq!(
            serde_json::to_string(&order).unwrap(),
            r#"{"TITLE":"DESC","ID":"DESC"}"#
        );
    }
}
