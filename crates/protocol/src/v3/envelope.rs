//! The three shapes a REST 3.0 `result` takes, as the overview (`rest-v3.md#response`)
//! fixes them for every method: one object under `item`, a list under `items`, an outcome
//! (`true`/`false` or a value) under `result`. Generated `Output` types of v3 methods are
//! these wrappers around the entity type, so `send` returns `Item<Task>` and the caller
//! reads `.item`.

use serde::{Deserialize, Serialize};

/// `{"item": …}`: what `*.get`, `*.add`, `*.update` return.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item<T> {
    pub item: T,
}

/// `{"items": […]}`: a list (one page of it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Items<T> {
    pub items: Vec<T>,
}

/// `{"result": …}`: the outcome of an operation (`true` after a delete).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outcome<T> {
    pub result: T,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_shapes_decode() {
        let item: Item<serde_json::Value> =
            serde_json::from_str(r#"{"item":{"id":42,"title":"x"}}"#).unwrap();
        assert_eq!(item.item["id"], 42);
        let items: Items<serde_json::Value> =
            serde_json::from_str(r#"{"items":[{"id":42},{"id":43}]}"#).unwrap();
        assert_eq!(items.items.len(), 2);
        let outcome: Outcome<bool> = serde_json::from_str(r#"{"result":true}"#).unwrap();
        assert!(outcome.result);
        assert!(serde_json::from_str::<Item<serde_json::Value>>(r#"{"items":[]}"#).is_err());
    }
}
