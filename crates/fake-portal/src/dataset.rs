//! A list of items served the way list methods serve them: 50 a page through `start`/`next`
//! with `total`, or with `start=-1` (no count) and a `>ID` filter for the fast mode.

use serde_json::{Value, json};

pub const PAGE: usize = 50;

/// How a list method spells things.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    /// `ID` (classic) or `id` (`crm.item.list`).
    pub id_key: &'static str,
    /// `Some("items")` when `result` is `{"items": [...]}`.
    pub wrapper: Option<&'static str>,
}

/// Item ids ascend with gaps (like a table with deletions): 2, 6, 8, 12, ...
pub fn id_of(index: usize) -> u64 {
    let i = index as u64 + 1;
    i * 3 - (i % 2)
}

pub struct Page {
    pub result: Value,
    pub total: Option<u64>,
    pub next: Option<u64>,
}

/// One page of the first `count` items for `params` (string leaves from a batch query or
/// JSON values from a body).
pub fn page(count: usize, shape: Shape, params: &Value) -> Result<Page, String> {
    let start = number(params.get("start")).unwrap_or(0);
    let filter_key = format!(">{}", shape.id_key);
    let after = match params.get("filter").and_then(|f| f.get(&filter_key)) {
        None => None,
        Some(Value::String(s)) if s.is_empty() => None,
        Some(value) => Some(
            number(Some(value))
                .and_then(|n| u64::try_from(n).ok())
                .ok_or_else(|| format!("bad {filter_key} value {value}"))?,
        ),
    };
    // The ids ascend, so the first index past `after` is found by binary search.
    let first = match after {
        None => 0,
        Some(after) => partition(count, |i| id_of(i) <= after),
    };
    let matching = count - first;
    let (skip, total, next) = if start < 0 {
        (0, Some(0), None)
    } else {
        let skip = usize::try_from(start).unwrap_or(usize::MAX).min(matching);
        let next = (skip + PAGE < matching).then_some((skip + PAGE) as u64);
        (skip, Some(matching as u64), next)
    };
    let items: Vec<Value> = (first + skip..count.min(first + skip + PAGE))
        .map(|i| item(i, shape))
        .collect();
    let result = match shape.wrapper {
        Some(key) => json!({ key: items }),
        None => Value::Array(items),
    };
    Ok(Page {
        result,
        total,
        next,
    })
}

fn item(index: usize, shape: Shape) -> Value {
    let id = id_of(index).to_string();
    let mut map = serde_json::Map::new();
    map.insert(shape.id_key.to_owned(), Value::String(id));
    map.insert(
        "TITLE".to_owned(),
        Value::String(format!("Item {}", index + 1)),
    );
    Value::Object(map)
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
    };

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
}
