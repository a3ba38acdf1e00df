//! Checks a list request before it is sent: mistakes the documentation rules out are
//! reported as [`Error::InvalidParams`] instead of a portal error (or, worse, a silently
//! ignored key: the portal drops filter keys it does not know and returns everything).
//!
//! - `order` is an object whose values are `ASC` or `DESC` (any case), as
//!   `settings/how-to-call-rest-api/list-methods-pecularities.md` and the list pages say;
//! - where the method declares its documented fields, every `select` entry, `filter` key
//!   (after its operator prefix) and `order` key is one of them, a custom field (`UF_…`),
//!   or a mask (`*`, `UF_*`).

use super::List;
use crate::Error;
use crate::ordered::Node;

/// The characters of the documented filter prefixes (`>=`, `<`, `@`, `!@`, `%`, `=%`,
/// `!%=`, `!=`, …): a key is an optional run of them followed by the field name.
const OPERATOR_CHARS: &[char] = &['!', '=', '<', '>', '@', '%'];

pub(crate) fn check(list: &List) -> Result<(), Error> {
    let invalid = |reason: String| Error::InvalidParams {
        method: list.method.clone(),
        reason,
    };
    if let Some(order) = Node::get(&list.params, "order") {
        check_order(list, order).map_err(invalid)?;
    }
    if let Some(select) = Node::get(&list.params, "select") {
        check_select(list, select).map_err(invalid)?;
    }
    if let Some(filter) = Node::get(&list.params, "filter") {
        check_filter(list, filter).map_err(invalid)?;
    }
    Ok(())
}

fn check_order(list: &List, order: &Node) -> Result<(), String> {
    let entries = match order {
        Node::Object(entries) => entries,
        Node::Null => return Ok(()),
        Node::Array(items) if items.is_empty() => return Ok(()),
        _ => return Err("`order` must be an object like {\"ID\": \"ASC\"}".to_owned()),
    };
    for (field, direction) in entries {
        let ok = matches!(direction, Node::String(d)
            if d.eq_ignore_ascii_case("asc") || d.eq_ignore_ascii_case("desc"));
        if !ok {
            return Err(format!(
                "`order` direction of `{field}` must be ASC or DESC, not {}",
                describe(direction)
            ));
        }
        check_field(list, "order", field)?;
    }
    Ok(())
}

fn check_select(list: &List, select: &Node) -> Result<(), String> {
    let items = match select {
        Node::Array(items) => items,
        Node::Null => return Ok(()),
        _ => return Err("`select` must be an array of field names".to_owned()),
    };
    for item in items {
        let Node::String(name) = item else {
            return Err(format!(
                "`select` entries are field names, not {}",
                describe(item)
            ));
        };
        if name == "*" || (name.ends_with('*') && is_user_field(list, name)) {
            continue;
        }
        check_field(list, "select", name)?;
    }
    Ok(())
}

fn check_filter(list: &List, filter: &Node) -> Result<(), String> {
    let entries = match filter {
        Node::Object(entries) => entries,
        Node::Null => return Ok(()),
        Node::Array(items) if items.is_empty() => return Ok(()),
        _ => return Err("`filter` must be an object of field conditions".to_owned()),
    };
    for (key, _) in entries {
        // Logic groups of `crm.item.list` (`"0": {"logic": "OR", …}`) are left to the portal.
        if key.eq_ignore_ascii_case("logic") || key.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let field = key.trim_start_matches(OPERATOR_CHARS);
        if field.is_empty() {
            return Err(format!("`filter` key `{key}` names no field"));
        }
        check_field(list, "filter", field)?;
    }
    Ok(())
}

fn check_field(list: &List, param: &str, name: &str) -> Result<(), String> {
    let Some(fields) = list.fields else {
        return Ok(());
    };
    if fields.iter().any(|f| f.eq_ignore_ascii_case(name))
        || is_user_field(list, name)
        || list
            .field_patterns
            .iter()
            .any(|glob| matches_glob(glob, name))
    {
        return Ok(());
    }
    Err(format!(
        "`{param}` names `{name}`, which is not a documented field of this list"
    ))
}

/// Whether `name` fits a documented pattern with one `*` (`PARENT_ID_*`), without case.
fn matches_glob(glob: &str, name: &str) -> bool {
    let Some((head, tail)) = glob.split_once('*') else {
        return glob.eq_ignore_ascii_case(name);
    };
    let fits = |part: &str, at: usize| {
        name.get(at..at + part.len())
            .is_some_and(|text| text.eq_ignore_ascii_case(part))
    };
    name.len() > head.len() + tail.len() && fits(head, 0) && fits(tail, name.len() - tail.len())
}

fn is_user_field(list: &List, name: &str) -> bool {
    list.user_fields.is_some_and(|prefix| {
        name.get(..prefix.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
    })
}

fn describe(node: &Node) -> String {
    match node {
        Node::String(s) => format!("`{s}`"),
        Node::Null => "null".to_owned(),
        Node::Bool(b) => b.to_string(),
        Node::Number(n) => n.to_string(),
        Node::Array(_) => "an array".to_owned(),
        Node::Object(_) => "an object".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn lead_list(params: serde_json::Value) -> List {
        let mut list = List::with_params("crm.lead.list", &params).unwrap();
        list.fields = Some(&["ID", "TITLE", "STATUS_ID", "DATE_CREATE"]);
        list.user_fields = Some("UF_");
        list
    }

    #[test]
    fn documented_fields_prefixes_and_masks_pass() {
        let list = lead_list(json!({
            "select": ["*", "UF_*", "ID", "title", "UF_CRM_1"],
            "filter": {">=DATE_CREATE": "2024-01-01", "!@STATUS_ID": ["NEW"], "%TITLE": "a",
                       "!%=TITLE": "b%", "UF_CRM_1": 1},
            "order": {"DATE_CREATE": "desc", "ID": "ASC"},
        }));
        check(&list).unwrap();
    }

    #[test]
    fn a_bad_direction_is_refused() {
        let err = check(&lead_list(json!({"order": {"ID": "UP"}}))).unwrap_err();
        assert_eq!(
            err.to_string(),
            "crm.lead.list: `order` direction of `ID` must be ASC or DESC, not `UP`; nothing was sent"
        );
        assert!(check(&lead_list(json!({"order": {"ID": 1}}))).is_err());
        assert!(check(&lead_list(json!({"order": "ID"}))).is_err());
    }

    #[test]
    fn unknown_fields_are_refused_where_fields_are_documented() {
        for params in [
            json!({"select": ["ID", "TITEL"]}),
            json!({"filter": {">=DATE_CREATED": "x"}}),
            json!({"order": {"NAME": "ASC"}}),
            json!({"filter": {"!": 1}}),
            json!({"select": ["X*"]}),
        ] {
            assert!(check(&lead_list(params.clone())).is_err(), "{params}");
        }
        // Without documented fields only the shape is checked.
        let list = List::with_params("x.list", &json!({"select": ["TITEL"]})).unwrap();
        check(&list).unwrap();
    }

    #[test]
    fn documented_field_patterns_pass() {
        let mut list = lead_list(json!({
            "select": ["ID", "PARENT_ID_1032"],
            "filter": {"=parent_id_128": 5},
        }));
        list.field_patterns = &["PARENT_ID_*"];
        check(&list).unwrap();
        // The pattern's fixed part alone is no field.
        list.params = lead_list(json!({"select": ["PARENT_ID_"]})).params;
        assert!(check(&list).is_err());
        assert!(matches_glob("property*", "PROPERTY102"));
        assert!(matches_glob("a*z", "abcz"));
        assert!(!matches_glob("a*z", "az"));
        assert!(!matches_glob("a*z", "abc"));
    }
}
