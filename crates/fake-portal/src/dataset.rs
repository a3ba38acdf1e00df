//! A list of items served the way list methods serve them: 50 a page through `start`/`next`
//! with `total`, or with `start=-1` (no count) and a `>ID` filter for the fast mode.
//!
//! Like the portal, it honours `filter` with the documented key prefixes (`>=`, `>`, `<=`,
//! `<`, `@`, `!@`, `%`, `!%`, `=`, `!=`, `!`), `order` (fields in the order given, ASC or
//! DESC) and `select` (`*` or field names; the ID always comes). Items are computed from
//! their index, so a dataset of any size costs no memory.

use std::cmp::Ordering;

use serde_json::{Map, Value, json};

pub const PAGE: usize = 50;

/// How a list method spells things.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    /// `ID` (classic) or `id` (`crm.item.list`).
    pub id_key: &'static str,
    /// `Some("items")` when `result` is `{"items": [...]}`.
    pub wrapper: Option<&'static str>,
    /// The items under `wrapper` are a map keyed by their ids (`{"templates": {"57":
    /// {...}, "53": {...}}}`, as PHP encodes an array indexed by id), in the page's order.
    pub keyed: bool,
}

/// Item ids ascend with gaps (like a table with deletions): 2, 6, 8, 12, ...
pub fn id_of(index: usize) -> u64 {
    let i = index as u64 + 1;
    i * 3 - (i % 2)
}

/// The statuses items cycle through.
pub const STATUSES: [&str; 4] = ["NEW", "IN_PROCESS", "CONVERTED", "JUNK"];

/// The fields every item has besides its ID: `TITLE` (`Item {n}`), `STATUS_ID` (cycling
/// through [`STATUSES`]), `OPPORTUNITY` (`(n × 37) mod 1000`, a number), `COMMENTS` (empty
/// for every third item).
pub const FIELDS: [&str; 4] = ["TITLE", "STATUS_ID", "OPPORTUNITY", "COMMENTS"];

/// One field's value, compared as the portal would: numbers as numbers, text as text.
#[derive(Debug, Clone, PartialEq)]
enum Cell {
    Int(i64),
    Text(String),
}

impl Cell {
    fn text(&self) -> String {
        match self {
            Cell::Int(n) => n.to_string(),
            Cell::Text(s) => s.clone(),
        }
    }
}

fn cell(index: usize, field: &str, shape: Shape) -> Option<Cell> {
    let n = index as i64 + 1;
    Some(if field.eq_ignore_ascii_case(shape.id_key) {
        Cell::Int(id_of(index) as i64)
    } else if field.eq_ignore_ascii_case("TITLE") {
        Cell::Text(format!("Item {n}"))
    } else if field.eq_ignore_ascii_case("STATUS_ID") {
        Cell::Text(STATUSES[index % STATUSES.len()].to_owned())
    } else if field.eq_ignore_ascii_case("OPPORTUNITY") {
        Cell::Int(n * 37 % 1000)
    } else if field.eq_ignore_ascii_case("COMMENTS") {
        Cell::Text(if index.is_multiple_of(3) {
            String::new()
        } else {
            format!("note {n}")
        })
    } else {
        return None;
    })
}

/// One page of a list: `result`, with `total` and `next` when the method sends them.
#[derive(Debug)]
pub struct Page {
    pub result: Value,
    pub total: Option<u64>,
    pub next: Option<u64>,
}

/// The documented operators, longest first so that `!%` is not read as `!`.
const OPERATORS: [&str; 14] = [
    "!%=", "!@", "!%", "!=", ">=", "<=", "=%", "%=", ">", "<", "@", "%", "=", "!",
];

#[derive(Debug, Clone, Copy, PartialEq)]
enum Op {
    Eq,
    Ne,
    Gt,
    Ge,
    Lt,
    Le,
    In,
    NotIn,
    Contains,
    NotContains,
    Like,
    NotLike,
}

struct Condition {
    field: String,
    op: Op,
    values: Vec<Cell>,
}

struct Query {
    conditions: Vec<Condition>,
    /// (field, descending), the first field sorting first.
    order: Vec<(String, bool)>,
    select: Option<Vec<String>>,
}

/// One page of the first `count` items for `params` (string leaves from a batch query or
/// JSON values from a body).
pub fn page(count: usize, shape: Shape, params: &Value) -> Result<Page, String> {
    let start = number(params.get("start")).unwrap_or(0);
    let query = Query::parse(shape, params)?;
    let uncounted = start < 0;
    let skip = usize::try_from(start.max(0)).unwrap_or(usize::MAX);
    let matches = |i: &usize| query.conditions.iter().all(|c| c.holds(*i, shape));

    let (indices, total): (Vec<usize>, usize) = if query.natural_order(shape) {
        // Ascending ids: items below a `>ID` bound are skipped by binary search, and the
        // scan stops as soon as the page is full when nothing is counted.
        let first = query.first_candidate(count, shape);
        let mut iter = (first..count).filter(matches);
        if uncounted {
            (iter.by_ref().take(PAGE).collect(), 0)
        } else {
            let page: Vec<usize> = iter.by_ref().skip(skip).take(PAGE).collect();
            let total = (first..count).filter(matches).count();
            (page, total)
        }
    } else {
        let mut all: Vec<usize> = (0..count).filter(matches).collect();
        all.sort_by(|&a, &b| query.compare(a, b, shape));
        let total = all.len();
        let from = if uncounted { 0 } else { skip.min(total) };
        (all[from..total.min(from + PAGE)].to_vec(), total)
    };
    let (total, next) = if uncounted {
        (Some(0), None)
    } else {
        let next = (skip + PAGE < total).then_some((skip + PAGE) as u64);
        (Some(total as u64), next)
    };
    let items = indices
        .into_iter()
        .map(|i| (i, item(i, shape, query.select.as_deref())));
    let items = if shape.keyed {
        // Keyed by the id as the item shows it, in the page's order.
        Value::Object(
            items
                .map(|(i, item)| (id_of(i).to_string(), item))
                .collect(),
        )
    } else {
        Value::Array(items.map(|(_, item)| item).collect())
    };
    let result = match shape.wrapper {
        Some(key) => json!({ key: items }),
        None => items,
    };
    Ok(Page {
        result,
        total,
        next,
    })
}

impl Query {
    fn parse(shape: Shape, params: &Value) -> Result<Self, String> {
        let mut conditions = Vec::new();
        if let Some(Value::Object(filter)) = params.get("filter") {
            for (key, value) in filter {
                if let Some(condition) = Condition::parse(shape, key, value)? {
                    conditions.push(condition);
                }
            }
        }
        let mut order = Vec::new();
        if let Some(Value::Object(entries)) = params.get("order") {
            for (field, direction) in entries {
                known(shape, field, "order")?;
                let descending = match direction.as_str().map(str::to_ascii_uppercase) {
                    Some(d) if d == "ASC" => false,
                    Some(d) if d == "DESC" => true,
                    _ => return Err(format!("bad order direction {direction} for {field}")),
                };
                order.push((field.clone(), descending));
            }
        }
        let select = match params.get("select") {
            Some(Value::Array(items)) if !items.is_empty() => Some(leaves(items.iter())),
            // A batch query turns `select[]=ID` into `{"0": "ID"}`.
            Some(Value::Object(items)) if !items.is_empty() => Some(leaves(items.values())),
            _ => None,
        };
        Ok(Self {
            conditions,
            order,
            select,
        })
    }

    /// The first index a `>ID`/`>=ID` condition lets through (ids ascend with the index).
    fn first_candidate(&self, count: usize, shape: Shape) -> usize {
        let mut first = 0;
        for condition in &self.conditions {
            let strict = match condition.op {
                Op::Gt => true,
                Op::Ge => false,
                _ => continue,
            };
            if !condition.field.eq_ignore_ascii_case(shape.id_key) {
                continue;
            }
            if let Some(Cell::Int(bound)) = condition.values.first() {
                let below = |i: usize| {
                    let id = id_of(i) as i64;
                    if strict { id <= *bound } else { id < *bound }
                };
                first = first.max(partition(count, below));
            }
        }
        first
    }

    /// Ordered by ascending ID, as the items are stored.
    fn natural_order(&self, shape: Shape) -> bool {
        match self.order.as_slice() {
            [] => true,
            [(field, false)] => field.eq_ignore_ascii_case(shape.id_key),
            _ => false,
        }
    }

    fn compare(&self, a: usize, b: usize, shape: Shape) -> Ordering {
        for (field, descending) in &self.order {
            let (x, y) = (cell(a, field, shape), cell(b, field, shape));
            let ordering = match (x, y) {
                (Some(Cell::Int(x)), Some(Cell::Int(y))) => x.cmp(&y),
                (Some(x), Some(y)) => x.text().cmp(&y.text()),
                _ => Ordering::Equal,
            };
            let ordering = if *descending {
                ordering.reverse()
            } else {
                ordering
            };
            if ordering != Ordering::Equal {
                return ordering;
            }
        }
        a.cmp(&b)
    }
}

impl Condition {
    fn parse(shape: Shape, key: &str, value: &Value) -> Result<Option<Self>, String> {
        let (prefix, field) = OPERATORS
            .iter()
            .find_map(|op| key.strip_prefix(op).map(|rest| (*op, rest)))
            .unwrap_or(("", key));
        known(shape, field, "filter")?;
        let op = match prefix {
            "" | "=" => Op::Eq,
            "!=" | "!" => Op::Ne,
            ">" => Op::Gt,
            ">=" => Op::Ge,
            "<" => Op::Lt,
            "<=" => Op::Le,
            "@" => Op::In,
            "!@" => Op::NotIn,
            "%" => Op::Contains,
            "!%" => Op::NotContains,
            "=%" | "%=" => Op::Like,
            _ => Op::NotLike,
        };
        let values: Vec<&Value> = match value {
            Value::Array(items) => items.iter().collect(),
            Value::Object(items) if matches!(op, Op::In | Op::NotIn) => items.values().collect(),
            other => vec![other],
        };
        // An empty bound is no condition (an unresolved `$result` reference in a batch
        // becomes "" and then matches everything).
        let comparison = matches!(op, Op::Gt | Op::Ge | Op::Lt | Op::Le);
        if comparison && values.iter().all(|v| v.as_str() == Some("")) {
            return Ok(None);
        }
        let numeric = matches!(cell(0, field, shape), Some(Cell::Int(_)));
        let mut cells = Vec::new();
        for value in values {
            let text = match value {
                Value::String(s) => s.clone(),
                Value::Number(n) => n.to_string(),
                Value::Bool(b) => (if *b { "Y" } else { "N" }).to_owned(),
                Value::Null => String::new(),
                other => return Err(format!("bad {key} value {other}")),
            };
            cells.push(if numeric && !text.is_empty() {
                Cell::Int(
                    text.trim()
                        .parse()
                        .map_err(|_| format!("bad {key} value {value}"))?,
                )
            } else {
                Cell::Text(text)
            });
        }
        Ok(Some(Condition {
            field: field.to_owned(),
            op,
            values: cells,
        }))
    }

    fn holds(&self, index: usize, shape: Shape) -> bool {
        let Some(actual) = cell(index, &self.field, shape) else {
            return false;
        };
        let Some(first) = self.values.first() else {
            return matches!(self.op, Op::NotIn);
        };
        let cmp = |expected: &Cell| match (&actual, expected) {
            (Cell::Int(a), Cell::Int(b)) => a.cmp(b),
            (a, b) => a.text().cmp(&b.text()),
        };
        let contains = |needle: &Cell| {
            actual
                .text()
                .to_lowercase()
                .contains(&needle.text().to_lowercase())
        };
        match self.op {
            Op::Eq | Op::In => self.values.iter().any(|v| cmp(v).is_eq()),
            Op::Ne | Op::NotIn => self.values.iter().all(|v| cmp(v).is_ne()),
            Op::Gt => cmp(first).is_gt(),
            Op::Ge => cmp(first).is_ge(),
            Op::Lt => cmp(first).is_lt(),
            Op::Le => cmp(first).is_le(),
            Op::Contains => contains(first),
            Op::NotContains => !contains(first),
            Op::Like => like(&actual.text(), &first.text()),
            Op::NotLike => !like(&actual.text(), &first.text()),
        }
    }
}

fn partition(count: usize, below: impl Fn(usize) -> bool) -> usize {
    let (mut lo, mut hi) = (0, count);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if below(mid) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

/// SQL LIKE with `%` wildcards, case-insensitive.
fn like(text: &str, pattern: &str) -> bool {
    let text = text.to_lowercase();
    let parts: Vec<String> = pattern
        .to_lowercase()
        .split('%')
        .map(str::to_owned)
        .collect();
    let (Some(first), Some(last)) = (parts.first(), parts.last()) else {
        return true;
    };
    if parts.len() == 1 {
        return text == *first;
    }
    if !text.starts_with(first.as_str()) || !text[first.len()..].ends_with(last.as_str()) {
        return false;
    }
    let mut rest = &text[first.len()..text.len() - last.len()];
    for part in &parts[1..parts.len() - 1] {
        match rest.find(part.as_str()) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    true
}

fn known(shape: Shape, field: &str, param: &str) -> Result<(), String> {
    if cell(0, field, shape).is_some() {
        Ok(())
    } else {
        Err(format!("unknown field `{field}` in {param}"))
    }
}

fn leaves<'a>(values: impl Iterator<Item = &'a Value>) -> Vec<String> {
    values
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect()
}

fn item(index: usize, shape: Shape, select: Option<&[String]>) -> Value {
    let all = select.is_none_or(|fields| fields.iter().any(|f| f == "*"));
    let mut map = Map::new();
    for field in std::iter::once(shape.id_key).chain(FIELDS) {
        let wanted = all
            || field == shape.id_key
            || select.is_some_and(|fields| fields.iter().any(|f| f.eq_ignore_ascii_case(field)));
        if let (true, Some(value)) = (wanted, cell(index, field, shape)) {
            let value = match (field, value) {
                // A decimal the way the portal sends amounts.
                ("OPPORTUNITY", Cell::Int(n)) => Value::String(format!("{n}.00")),
                // Classic methods send numbers as strings.
                (_, value) => Value::String(value.text()),
            };
            map.insert(field.to_owned(), value);
        }
    }
    Value::Object(map)
}

fn number(value: Option<&Value>) -> Option<i64> {
    match value? {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAIN: Shape = Shape {
        id_key: "ID",
        wrapper: None,
        keyed: false,
    };

    #[test]
    fn keyed_pages_key_items_by_id_in_page_order() {
        let shape = Shape {
            id_key: "id",
            wrapper: Some("templates"),
            keyed: true,
        };
        let page = page(60, shape, &json!({"order": {"id": "DESC"}})).unwrap();
        let templates = page.result["templates"].as_object().unwrap();
        assert_eq!(templates.len(), PAGE);
        let keys: Vec<&String> = templates.keys().take(2).collect();
        // Descending: the page order is kept, not the keys' sorted order.
        assert_eq!(keys, [&id_of(59).to_string(), &id_of(58).to_string()]);
        assert_eq!(
            templates[&id_of(59).to_string()]["id"],
            json!(id_of(59).to_string())
        );
        assert_eq!(page.next, Some(50));
    }

    fn ids(page: &Page) -> Vec<u64> {
        page.result
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["ID"].as_str().unwrap().parse().unwrap())
            .collect()
    }

    #[test]
    fn start_next_pages_count_the_total() {
        let page0 = page(120, PLAIN, &json!({})).unwrap();
        assert_eq!(page0.total, Some(120));
        assert_eq!(page0.next, Some(50));
        assert_eq!(page0.result.as_array().unwrap().len(), 50);
        let last = page(120, PLAIN, &json!({"start": "100"})).unwrap();
        assert_eq!(last.next, None);
        assert_eq!(last.result.as_array().unwrap().len(), 20);
    }

    #[test]
    fn fast_mode_filters_by_id_without_counting() {
        let after = id_of(49);
        let page = page(
            120,
            PLAIN,
            &json!({"start": -1, "filter": {">ID": after.to_string()}}),
        )
        .unwrap();
        assert_eq!(page.next, None);
        let items = page.result.as_array().unwrap();
        assert_eq!(items.len(), 50);
        assert_eq!(items[0]["ID"], json!(id_of(50).to_string()));
    }

    #[test]
    fn descending_by_id_with_an_upper_bound() {
        let below = id_of(100);
        let page = page(
            120,
            PLAIN,
            &json!({"start": -1, "order": {"ID": "DESC"}, "filter": {"<ID": below}}),
        )
        .unwrap();
        let got = ids(&page);
        let want: Vec<u64> = (50..100).rev().map(id_of).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn every_prefix_filters() {
        let count = 40;
        let check = |filter: Value, want: &dyn Fn(usize) -> bool| {
            let got = ids(&page(count, PLAIN, &json!({"filter": filter})).unwrap());
            let expected: Vec<u64> = (0..count).filter(|&i| want(i)).map(id_of).collect();
            assert_eq!(got, expected, "{filter}");
        };
        let opp = |i: usize| (i as i64 + 1) * 37 % 1000;
        check(json!({"STATUS_ID": "NEW"}), &|i| i.is_multiple_of(4));
        check(json!({"=STATUS_ID": "NEW"}), &|i| i.is_multiple_of(4));
        check(json!({"!=STATUS_ID": "NEW"}), &|i| i % 4 != 0);
        check(json!({"!STATUS_ID": "NEW"}), &|i| i % 4 != 0);
        check(json!({"@STATUS_ID": ["NEW", "JUNK"]}), &|i| {
            i.is_multiple_of(4) || i % 4 == 3
        });
        check(json!({"!@STATUS_ID": {"0": "NEW"}}), &|i| i % 4 != 0);
        check(json!({">OPPORTUNITY": "500"}), &|i| opp(i) > 500);
        check(json!({">=OPPORTUNITY": 481}), &|i| opp(i) >= 481);
        check(json!({"<OPPORTUNITY": 100}), &|i| opp(i) < 100);
        check(json!({"<=OPPORTUNITY": 111}), &|i| opp(i) <= 111);
        check(json!({"%TITLE": "item 1"}), &|i| {
            format!("Item {}", i + 1).starts_with("Item 1")
        });
        check(json!({"!%TITLE": "1"}), &|i| {
            !(i + 1).to_string().contains('1')
        });
        check(json!({"=%TITLE": "%3"}), &|i| (i + 1) % 10 == 3);
        check(json!({"=COMMENTS": ""}), &|i| i.is_multiple_of(3));
        check(json!({"!=COMMENTS": ""}), &|i| i % 3 != 0);
        assert!(page(count, PLAIN, &json!({"filter": {"NOPE": 1}})).is_err());
        assert!(page(count, PLAIN, &json!({"filter": {">ID": "x"}})).is_err());
    }

    #[test]
    fn order_sorts_by_fields_in_the_order_given() {
        let sorted = page(
            12,
            PLAIN,
            &json!({"order": {"STATUS_ID": "ASC", "ID": "DESC"}, "select": ["STATUS_ID"]}),
        )
        .unwrap();
        let items = sorted.result.as_array().unwrap();
        // CONVERTED (2, 6, 10), IN_PROCESS (1, 5, 9), JUNK, NEW; ids descending within.
        assert_eq!(
            items[0],
            json!({"ID": id_of(10).to_string(), "STATUS_ID": "CONVERTED"})
        );
        assert_eq!(items[2]["ID"], json!(id_of(2).to_string()));
        assert_eq!(items[3]["STATUS_ID"], json!("IN_PROCESS"));
        assert!(page(5, PLAIN, &json!({"order": {"ID": "UP"}})).is_err());
    }

    #[test]
    fn like_patterns() {
        assert!(like("молоко", "мол%"));
        assert!(like("смол", "%мол"));
        assert!(like("a-b-c", "a%c"));
        assert!(!like("abc", "b%"));
        assert!(like("abc", "%b%"));
    }
}
