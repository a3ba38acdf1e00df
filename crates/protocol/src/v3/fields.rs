//! The documented fields of a REST 3.0 entity, and the check of a request's `select`,
//! `filter` and `order` against them before it is sent.
//!
//! Generated methods whose page (or the entity page it links) lists the entity's fields
//! declare them as [`Method::V3_FIELDS`](crate::Method::V3_FIELDS); the client runs
//! [`Fields::check_query`] on every such request, so a typo is an
//! [`Error::InvalidParams`](crate::Error::InvalidParams) naming the field and nothing is
//! sent. That is the only way to hear about it for the entity's own fields: the portal
//! drops an unknown `select` field silently (`rest-v3.md#connection`). Relation paths
//! (`responsible.name`) are followed as far as the docs describe the related object: a
//! relation whose fields are not listed accepts any sub-path.

use std::fmt;

use serde_json::Value;

/// The fields of one entity (`tasks.task.v3`), each maybe a relation to another.
#[derive(Debug)]
pub struct Fields {
    entity: &'static str,
    fields: &'static [Field],
}

/// One documented field.
pub struct Field {
    name: &'static str,
    relation: Relation,
}

/// What a field holds, as far as paths through it go.
#[derive(Clone, Copy)]
pub enum Relation {
    /// A value (number, string, date, list of ids): no sub-fields.
    None,
    /// A related object whose fields the docs list (`responsible`: a user).
    Fields(&'static Fields),
    /// An object the docs do not detail: any sub-path is accepted.
    Open,
}

impl Fields {
    pub const fn new(entity: &'static str, fields: &'static [Field]) -> Self {
        Self { entity, fields }
    }

    /// The entity's name as the specs call it (`tasks.task.v3`), for messages.
    pub fn entity(&self) -> &'static str {
        self.entity
    }

    pub fn fields(&self) -> &'static [Field] {
        self.fields
    }

    pub fn get(&self, name: &str) -> Option<&'static Field> {
        self.fields.iter().find(|field| field.name == name)
    }

    /// Whether `path` (`title`, `responsible.name`) names a documented field, following
    /// relations; the error says which segment is unknown and of what.
    pub fn check_path(&'static self, path: &str) -> Result<(), String> {
        if path.is_empty() || path.split('.').any(str::is_empty) {
            return Err(format!("`{path}` is not a field name"));
        }
        let mut fields = self;
        let mut segments = path.split('.').peekable();
        let mut walked = String::new();
        while let Some(segment) = segments.next() {
            let Some(field) = fields.get(segment) else {
                let of = if walked.is_empty() {
                    format!("`{}`", fields.entity)
                } else {
                    format!("`{walked}` (`{}`)", fields.entity)
                };
                return Err(format!(
                    "`{path}`: `{segment}` is not a documented field of {of}"
                ));
            };
            if segments.peek().is_none() {
                return Ok(());
            }
            match field.relation {
                Relation::Fields(next) => fields = next,
                Relation::Open => return Ok(()),
                Relation::None => {
                    return Err(format!(
                        "`{path}`: `{segment}` is a value of `{}`, not a related object",
                        fields.entity
                    ));
                }
            }
            if !walked.is_empty() {
                walked.push('.');
            }
            walked.push_str(segment);
        }
        Ok(())
    }

    /// Checks the field names in a request's parameters: every `select` path, the field of
    /// every `filter` condition (inside groups too) and every `order` key. Values of other
    /// shapes are left to the portal.
    pub fn check_query(&'static self, params: &Value) -> Result<(), String> {
        if let Some(Value::Array(select)) = params.get("select") {
            for path in select.iter().filter_map(Value::as_str) {
                self.check_path(path)
                    .map_err(|why| format!("select: {why}"))?;
            }
        }
        if let Some(Value::Array(filter)) = params.get("filter") {
            self.check_conditions(filter)
                .map_err(|why| format!("filter: {why}"))?;
        }
        if let Some(Value::Object(order)) = params.get("order") {
            for key in order.keys() {
                self.check_path(key)
                    .map_err(|why| format!("order: {why}"))?;
            }
        }
        Ok(())
    }

    /// `[field, op, value]`, `[field, [values]]` and `{"logic", "conditions": […]}`.
    fn check_conditions(&'static self, entries: &[Value]) -> Result<(), String> {
        for entry in entries {
            match entry {
                Value::Array(condition) => {
                    if let Some(field) = condition.first().and_then(Value::as_str) {
                        self.check_path(field)?;
                    }
                }
                Value::Object(group) => {
                    if let Some(Value::Array(inner)) = group.get("conditions") {
                        self.check_conditions(inner)?;
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }
}

impl Field {
    /// A value field.
    pub const fn value(name: &'static str) -> Self {
        Self {
            name,
            relation: Relation::None,
        }
    }

    /// A related object with documented fields.
    pub const fn relation(name: &'static str, fields: &'static Fields) -> Self {
        Self {
            name,
            relation: Relation::Fields(fields),
        }
    }

    /// An object whose fields the docs do not list.
    pub const fn open(name: &'static str) -> Self {
        Self {
            name,
            relation: Relation::Open,
        }
    }

    pub fn name(&self) -> &'static str {
        self.name
    }

    /// What a path may continue into after this field.
    pub fn kind(&self) -> Relation {
        self.relation
    }
}

// Relations may be cyclic (a task's `parent` is a task): `Debug` names the related entity
// instead of descending into it.
impl fmt::Debug for Relation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Relation::None => f.write_str("None"),
            Relation::Fields(fields) => write!(f, "Fields({})", fields.entity),
            Relation::Open => f.write_str("Open"),
        }
    }
}

impl fmt::Debug for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {:?}", self.name, self.relation)
    }
}

/// The checks of a typed REST 3.0 request's query before sending: every `filter`
/// condition's operator is one of the documented eight (a filter written as JSON, not with
/// [`Filter`](super::Filter), is checked too: [`Error::InvalidFilter`](crate::Error)), and
/// the field names are documented ones ([`Method::V3_FIELDS`](crate::Method::V3_FIELDS)).
pub(crate) fn check<M: crate::Method>(request: &M) -> Result<(), crate::Error> {
    if M::API != crate::Api::RestV3 {
        return Ok(());
    }
    let params = serde_json::to_value(request).map_err(crate::error::encode_failed(M::NAME))?;
    if let Some(Value::Array(filter)) = params.get("filter") {
        check_operators(filter).map_err(crate::Error::InvalidFilter)?;
    }
    let Some(fields) = M::V3_FIELDS else {
        return Ok(());
    };
    fields
        .check_query(&params)
        .map_err(|reason| crate::Error::InvalidParams {
            method: M::NAME.to_owned(),
            reason,
        })
}

/// `[field, op, value]` takes one of the documented operators (`rest-v3.md#operators`);
/// `[field, value]` has none. Groups are checked inside.
fn check_operators(entries: &[Value]) -> Result<(), String> {
    for entry in entries {
        match entry {
            Value::Array(condition) if condition.len() == 3 => {
                if let Some(op) = condition[1].as_str() {
                    op.parse::<super::Op>().map_err(|err| match err {
                        crate::Error::InvalidFilter(why) => why,
                        other => other.to_string(),
                    })?;
                }
            }
            Value::Object(group) => {
                if let Some(Value::Array(inner)) = group.get("conditions") {
                    check_operators(inner)?;
                }
            }
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    static USER: Fields = Fields::new(
        "tasks.task.v3.user",
        &[Field::value("id"), Field::value("name")],
    );
    static TASK: Fields = Fields::new(
        "tasks.task.v3",
        &[
            Field::value("id"),
            Field::value("title"),
            Field::relation("responsible", &USER),
            Field::relation("parent", &TASK),
            Field::open("chat"),
        ],
    );

    #[test]
    fn paths_follow_documented_relations() {
        assert!(TASK.check_path("responsible.name").is_ok());
        assert!(TASK.check_path("parent.parent.responsible.id").is_ok());
        assert!(TASK.check_path("chat.anything.at.all").is_ok());
        let typo = TASK.check_path("responsible.nmae").unwrap_err();
        assert!(
            typo.contains("`nmae`") && typo.contains("tasks.task.v3.user"),
            "{typo}"
        );
        let own = TASK.check_path("titel").unwrap_err();
        assert!(
            own.contains("`titel`") && own.contains("`tasks.task.v3`"),
            "{own}"
        );
        assert!(
            TASK.check_path("title.x")
                .unwrap_err()
                .contains("not a related")
        );
        assert!(TASK.check_path("id.").is_err());
        assert!(format!("{TASK:?}").contains("parent: Fields(tasks.task.v3)"));
    }

    #[test]
    fn raw_filters_name_documented_operators() {
        let ok = json!([["id", ">=", 1], ["id", [1, 2]], ["title", "x"],
            {"logic": "or", "conditions": [["id", "between", [1, 2]]]}]);
        assert!(check_operators(ok.as_array().unwrap()).is_ok());
        let like = json!([{"conditions": [["title", "like", "%a%"]]}]);
        let why = check_operators(like.as_array().unwrap()).unwrap_err();
        assert!(why.contains("`like`"), "{why}");
    }

    #[test]
    fn select_filter_and_order_are_checked() {
        let ok = json!({
            "select": ["id", "responsible.name"],
            "filter": [["id", ">", 1], {"logic": "or", "conditions": [["title", ["a"]]]}],
            "order": {"id": "DESC"}
        });
        assert!(TASK.check_query(&ok).is_ok());
        let nested = json!({"filter": [{"logic": "or", "conditions": [["stageId", 1]]}]});
        let why = TASK.check_query(&nested).unwrap_err();
        assert!(
            why.starts_with("filter:") && why.contains("stageId"),
            "{why}"
        );
        let select = TASK.check_query(&json!({"select": ["id", "responsible.mail"]}));
        assert!(select.unwrap_err().contains("responsible.mail"));
        let order = TASK.check_query(&json!({"order": {"deadline": "ASC"}}));
        assert!(order.unwrap_err().starts_with("order:"));
    }
}
