//! Parsing PHP query strings (`filter[>ID]=5&select[]=ID`) the way `parse_str` does, into
//! JSON objects with string leaves: what a batch command's parameters become on the portal.

use serde_json::{Map, Value};

pub fn parse(query: &str) -> Value {
    let mut root = Map::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (raw_key, raw_value) = pair.split_once('=').unwrap_or((pair, ""));
        let key = decode(raw_key);
        let value = decode(raw_value);
        let (base, path) = split_key(&key);
        if base.is_empty() {
            continue;
        }
        insert(&mut root, base, &path, value);
    }
    Value::Object(root)
}

/// `a[b][c]` → (`a`, [`b`, `c`]).
fn split_key(key: &str) -> (&str, Vec<&str>) {
    let Some(open) = key.find('[') else {
        return (key, Vec::new());
    };
    let base = &key[..open];
    let mut path = Vec::new();
    let mut rest = &key[open..];
    while let Some(after) = rest.strip_prefix('[') {
        let Some(close) = after.find(']') else { break };
        path.push(&after[..close]);
        rest = &after[close + 1..];
    }
    (base, path)
}

fn insert(map: &mut Map<String, Value>, key: &str, path: &[&str], value: String) {
    let Some((first, rest)) = path.split_first() else {
        map.insert(key.to_owned(), Value::String(value));
        return;
    };
    let slot = map
        .entry(key.to_owned())
        .or_insert_with(|| Value::Object(Map::new()));
    if !slot.is_object() {
        *slot = Value::Object(Map::new());
    }
    if let Value::Object(inner) = slot {
        let next_key = if first.is_empty() {
            inner.len().to_string()
        } else {
            (*first).to_owned()
        };
        insert(inner, &next_key, rest, value);
    }
}

/// `urldecode`: `%XX` and `+` for a space.
pub fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(high), Some(low)) => {
                    out.push(high << 4 | low);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            other => out.push(other),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(byte: u8) -> Option<u8> {
    char::from(byte)
        .to_digit(16)
        .and_then(|d| u8::try_from(d).ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn nested_keys_become_objects() {
        assert_eq!(
            parse("filter[%3EID]=5&order[ID]=ASC&select[]=ID&select[]=TITLE&start=-1&t=a+b%26c"),
            json!({
                "filter": {">ID": "5"},
                "order": {"ID": "ASC"},
                "select": {"0": "ID", "1": "TITLE"},
                "start": "-1",
                "t": "a b&c"
            })
        );
        assert_eq!(
            parse("ID=$result[a][0][ID]"),
            json!({"ID": "$result[a][0][ID]"})
        );
    }
}
