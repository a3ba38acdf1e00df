//! The REST 3.0 query language (`rest-v3.md#filter`, `#connection`): `filter` as a list of
//! conditions `[field, op, value]` joined by AND, the short form `[field, [values]]` for
//! `in`, and groups `{"logic": "or", "conditions": […]}`; `select` with relation paths
//! (`responsible.name`); `order` as `{field: "ASC" | "DESC"}`.
//!
//! The builders check what they can before anything is sent: the operator is one of the
//! eight documented, and when the entity's field names are known (the generated
//! `FIELDS` lists of v3 entities) every field exists. The portal itself ignores an unknown
//! field in `select` (`rest-v3.md`: "Неизвестное поле самого объекта … не попадет в
//! ответ"), so checking here is the only way to hear about a typo.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;
use serde_json::{Map, Value, json};

use crate::Error;

/// A filter operator (`rest-v3.md#operators`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Op {
    Eq,
    Ne,
    Gt,
    Ge,
    Lt,
    Le,
    /// One of a list of values.
    In,
    /// Within `[from, to]`.
    Between,
}

impl Op {
    pub const ALL: [Op; 8] = [
        Op::Eq,
        Op::Ne,
        Op::Gt,
        Op::Ge,
        Op::Lt,
        Op::Le,
        Op::In,
        Op::Between,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Op::Eq => "=",
            Op::Ne => "!=",
            Op::Gt => ">",
            Op::Ge => ">=",
            Op::Lt => "<",
            Op::Le => "<=",
            Op::In => "in",
            Op::Between => "between",
        }
    }
}

impl FromStr for Op {
    type Err = Error;
    /// Reads an operator as the docs write it; anything else is
    /// [`Error::InvalidFilter`] (the portal would answer `UNKNOWNFILTEROPERATOREXCEPTION`).
    fn from_str(op: &str) -> Result<Self, Error> {
        Op::ALL
            .into_iter()
            .find(|known| known.as_str() == op)
            .ok_or_else(|| {
                Error::InvalidFilter(format!(
                    "unknown operator `{op}`: REST 3.0 knows = != > >= < <= in between"
                ))
            })
    }
}

impl fmt::Display for Op {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How the conditions of a group are joined.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Logic {
    And,
    Or,
}

#[derive(Debug, Clone, PartialEq)]
enum Entry {
    /// `[field, op, value]`, or `[field, [values]]` when `op` is `None`.
    Condition {
        field: String,
        op: Option<Op>,
        value: Value,
    },
    Group {
        logic: Logic,
        entries: Vec<Entry>,
    },
}

/// A filter under construction. Conditions at the top level are joined by AND.
///
/// ```
/// use b24_protocol::v3::Filter;
/// let filter = Filter::new()
///     .eq("status", "NEW")
///     .or(|group| group.one_of("id", [1, 2]).is_in("id", [3, 4, 5]))
///     .build()?;
/// assert_eq!(
///     serde_json::Value::Array(filter),
///     serde_json::json!([
///         ["status", "=", "NEW"],
///         {"logic": "or", "conditions": [["id", [1, 2]], ["id", "in", [3, 4, 5]]]}
///     ])
/// );
/// # Ok::<(), b24_protocol::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    entries: Vec<Entry>,
    fields: Option<&'static [&'static str]>,
    /// The first mistake, reported by [`build`](Self::build).
    error: Option<String>,
}

impl Filter {
    pub fn new() -> Self {
        Self::default()
    }

    /// A filter whose field names must be among `fields` (the entity's documented fields;
    /// for a relation path such as `responsible.id`, its first segment).
    pub fn for_fields(fields: &'static [&'static str]) -> Self {
        Self {
            fields: Some(fields),
            ..Self::default()
        }
    }

    /// `[field, op, value]` with the operator as the docs write it (`"="`, `"between"`);
    /// an unknown operator makes [`build`](Self::build) fail.
    pub fn condition(self, field: &str, op: &str, value: impl Serialize) -> Self {
        match op.parse::<Op>() {
            Ok(op) => self.push(field, Some(op), value),
            Err(err) => self.fail(err.to_string()),
        }
    }

    /// `[field, op, value]` with a typed operator.
    pub fn op(self, field: &str, op: Op, value: impl Serialize) -> Self {
        self.push(field, Some(op), value)
    }

    pub fn eq(self, field: &str, value: impl Serialize) -> Self {
        self.op(field, Op::Eq, value)
    }
    pub fn ne(self, field: &str, value: impl Serialize) -> Self {
        self.op(field, Op::Ne, value)
    }
    pub fn gt(self, field: &str, value: impl Serialize) -> Self {
        self.op(field, Op::Gt, value)
    }
    pub fn ge(self, field: &str, value: impl Serialize) -> Self {
        self.op(field, Op::Ge, value)
    }
    pub fn lt(self, field: &str, value: impl Serialize) -> Self {
        self.op(field, Op::Lt, value)
    }
    pub fn le(self, field: &str, value: impl Serialize) -> Self {
        self.op(field, Op::Le, value)
    }

    /// `[field, "in", [values]]`.
    pub fn is_in<V: Serialize>(self, field: &str, values: impl IntoIterator<Item = V>) -> Self {
        let values: Vec<V> = values.into_iter().collect();
        self.op(field, Op::In, values)
    }

    /// The short form `[field, [values]]`, which means the same as `in`.
    pub fn one_of<V: Serialize>(self, field: &str, values: impl IntoIterator<Item = V>) -> Self {
        let values: Vec<V> = values.into_iter().collect();
        self.push(field, None, values)
    }

    /// `[field, "between", [from, to]]`.
    pub fn between(self, field: &str, from: impl Serialize, to: impl Serialize) -> Self {
        match (serde_json::to_value(from), serde_json::to_value(to)) {
            (Ok(from), Ok(to)) => self.op(field, Op::Between, [from, to]),
            (Err(err), _) | (_, Err(err)) => self.fail(format!("`{field}`: {err}")),
        }
    }

    /// A group whose conditions are joined by OR.
    pub fn or(self, group: impl FnOnce(Filter) -> Filter) -> Self {
        self.group(Logic::Or, group)
    }

    /// A group whose conditions are joined by AND (useful inside an OR group).
    pub fn and(self, group: impl FnOnce(Filter) -> Filter) -> Self {
        self.group(Logic::And, group)
    }

    fn group(mut self, logic: Logic, build: impl FnOnce(Filter) -> Filter) -> Self {
        let inner = build(Filter {
            fields: self.fields,
            ..Filter::default()
        });
        self.error = self.error.or(inner.error);
        self.entries.push(Entry::Group {
            logic,
            entries: inner.entries,
        });
        self
    }

    fn push(mut self, field: &str, op: Option<Op>, value: impl Serialize) -> Self {
        if let Err(why) = check_field(self.fields, field) {
            return self.fail(why);
        }
        let value = match serde_json::to_value(value) {
            Ok(value) => value,
            Err(err) => return self.fail(format!("`{field}`: {err}")),
        };
        let shape_error = match (op, &value) {
            (Some(Op::In) | None, Value::Array(_)) => None,
            (Some(Op::In) | None, _) => Some("`in` needs a list of values"),
            (Some(Op::Between), Value::Array(pair)) if pair.len() == 2 => None,
            (Some(Op::Between), _) => Some("`between` needs [from, to]"),
            _ => None,
        };
        if let Some(why) = shape_error {
            return self.fail(format!("`{field}`: {why}"));
        }
        self.entries.push(Entry::Condition {
            field: field.to_owned(),
            op,
            value,
        });
        self
    }

    fn fail(mut self, why: String) -> Self {
        self.error.get_or_insert(why);
        self
    }

    /// The `filter` value, or the first mistake ([`Error::InvalidFilter`]).
    pub fn build(self) -> Result<Vec<Value>, Error> {
        if let Some(why) = self.error {
            return Err(Error::InvalidFilter(why));
        }
        Ok(self.entries.iter().map(render).collect())
    }
}

fn render(entry: &Entry) -> Value {
    match entry {
        Entry::Condition {
            field,
            op: Some(op),
            value,
        } => json!([field, op.as_str(), value]),
        Entry::Condition {
            field,
            op: None,
            value,
        } => json!([field, value]),
        Entry::Group { logic, entries } => {
            let mut group = Map::new();
            if *logic == Logic::Or {
                group.insert("logic".to_owned(), json!("or"));
            }
            group.insert(
                "conditions".to_owned(),
                Value::Array(entries.iter().map(render).collect()),
            );
            Value::Object(group)
        }
    }
}

/// The field (or a relation path's first segment) must be one of `fields` when known.
fn check_field(fields: Option<&[&str]>, field: &str) -> Result<(), String> {
    if field.is_empty() || field.split('.').any(str::is_empty) {
        return Err(format!("`{field}` is not a field name"));
    }
    let Some(fields) = fields else { return Ok(()) };
    let head = field.split('.').next().unwrap_or(field);
    if fields.contains(&head) {
        Ok(())
    } else {
        Err(format!("unknown field `{head}`"))
    }
}

/// `select`: field names and relation paths (`responsible.name`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Select {
    paths: Vec<String>,
    fields: Option<&'static [&'static str]>,
}

impl Select {
    pub fn new<S: Into<String>>(paths: impl IntoIterator<Item = S>) -> Self {
        Self {
            paths: paths.into_iter().map(Into::into).collect(),
            fields: None,
        }
    }

    /// Checks the first segment of each path against the entity's fields.
    pub fn checked_against(mut self, fields: &'static [&'static str]) -> Self {
        self.fields = Some(fields);
        self
    }

    /// The `select` value, or [`Error::InvalidSelect`] for an unknown field.
    pub fn build(self) -> Result<Vec<String>, Error> {
        for path in &self.paths {
            check_field(self.fields, path).map_err(Error::InvalidSelect)?;
        }
        Ok(self.paths)
    }
}

/// A sort direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Asc,
    Desc,
}

/// `order`: `{field: "ASC" | "DESC"}`, serialized in the order given (the first key sorts
/// first). Generated `order` setters take it directly (`.order(Order::new().desc("a"))`):
/// it converts into a `serde_json::Value` whose map keeps that order (the workspace builds
/// `serde_json` with `preserve_order`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Order(Vec<(String, Direction)>);

impl Order {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn asc(mut self, field: &str) -> Self {
        self.0.push((field.to_owned(), Direction::Asc));
        self
    }

    pub fn desc(mut self, field: &str) -> Self {
        self.0.push((field.to_owned(), Direction::Desc));
        self
    }
}

impl From<Order> for serde_json::Value {
    fn from(order: Order) -> Self {
        let mut map = serde_json::Map::new();
        for (field, direction) in order.0 {
            let direction = match direction {
                Direction::Asc => "ASC",
                Direction::Desc => "DESC",
            };
            map.insert(field, serde_json::Value::from(direction));
        }
        serde_json::Value::Object(map)
    }
}

impl Serialize for Order {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (field, direction) in &self.0 {
            let direction = match direction {
                Direction::Asc => "ASC",
                Direction::Desc => "DESC",
            };
            map.serialize_entry(field, direction)?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_order_converts_to_a_value_in_the_order_given() {
        let value = serde_json::Value::from(Order::new().desc("status").asc("id"));
        assert_eq!(value.to_string(), r#"{"status":"DESC","id":"ASC"}"#);
        let value = serde_json::Value::from(Order::new().asc("id").desc("status"));
        assert_eq!(value.to_string(), r#"{"id":"ASC","status":"DESC"}"#);
    }

    #[test]
    fn the_documented_examples_are_built() {
        let simple = Filter::new()
            .eq("status", "NEW")
            .is_in("id", [3, 4, 5])
            .build()
            .unwrap();
        assert_eq!(
            Value::Array(simple),
            json!([["status", "=", "NEW"], ["id", "in", [3, 4, 5]]])
        );
        let grouped = Filter::new()
            .eq("status", "NEW")
            .or(|g| g.one_of("id", [1, 2]).is_in("id", [3, 4, 5]))
            .build()
            .unwrap();
        assert_eq!(
            Value::Array(grouped),
            json!([
                ["status", "=", "NEW"],
                {"logic": "or", "conditions": [["id", [1, 2]], ["id", "in", [3, 4, 5]]]}
            ])
        );
        let range = Filter::new()
            .between("date", "2025-01-01", "2025-12-31")
            .condition("price", ">=", 1000)
            .build()
            .unwrap();
        assert_eq!(
            Value::Array(range),
            json!([
                ["date", "between", ["2025-01-01", "2025-12-31"]],
                ["price", ">=", 1000]
            ])
        );
    }

    #[test]
    fn every_operator_reads_back() {
        for op in Op::ALL {
            assert_eq!(op.as_str().parse::<Op>().unwrap(), op);
        }
    }

    #[test]
    fn mistakes_are_errors_before_sending() {
        let unknown = Filter::new().condition("title", "like", "%x%").build();
        let err = unknown.unwrap_err();
        assert!(matches!(err, Error::InvalidFilter(_)));
        assert!(err.to_string().contains("like"), "{err}");
        const FIELDS: &[&str] = &["id", "title", "responsible"];
        let typo = Filter::for_fields(FIELDS).eq("titel", "x").build();
        assert!(typo.unwrap_err().to_string().contains("titel"));
        let nested = Filter::for_fields(FIELDS)
            .or(|g| g.eq("id", 1).eq("stageId", 2))
            .build();
        assert!(nested.unwrap_err().to_string().contains("stageId"));
        assert!(
            Filter::for_fields(FIELDS)
                .eq("responsible.id", 1)
                .build()
                .is_ok()
        );
        assert!(Filter::new().op("id", Op::In, 5).build().is_err());
        assert!(Filter::new().op("id", Op::Between, [1]).build().is_err());
    }

    #[test]
    fn select_checks_relation_heads() {
        const FIELDS: &[&str] = &["id", "title", "responsible"];
        let ok = Select::new(["id", "responsible.name"]).checked_against(FIELDS);
        assert_eq!(
            ok.build().unwrap(),
            [json!("id"), json!("responsible.name")]
        );
        let bad = Select::new(["id", "stageId"])
            .checked_against(FIELDS)
            .build();
        assert!(matches!(bad, Err(Error::InvalidSelect(_))));
        let order = Order::new().desc("title").asc("id");
        assert_eq!(
            serde_json::to_string(&order).unwrap(),
            r#"{"title":"DESC","id":"ASC"}"#
        );
    }
}
