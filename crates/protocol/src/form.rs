//! PHP-style nested form bodies (`data[FIELDS][ID]=1&auth[domain]=x`) as JSON.
//!
//! The portal posts events as PHP's `http_build_query` writes them. Percent-decoding is
//! `form_urlencoded`'s (the crate behind `url`); what it does not do is the nesting, which is
//! PHP's own convention: `a[b][c]` is a path, `a[]` appends, and a group whose keys are
//! `0, 1, …, n-1` in order is a list (as `json_encode` writes it), so a form body and the
//! JSON the docs show become the same value. Unlike PHP, a key it cannot read is an error
//! instead of a silent guess.

use std::collections::HashMap;

use serde_json::{Map, Value};

/// Groups nest at most this deep; a deeper key is refused rather than followed.
pub const MAX_DEPTH: usize = 32;

/// Malformed keys are quoted in errors up to this many characters.
const KEY_SHOWN: usize = 80;

/// A form body that cannot be read as nested keys.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FormError {
    /// The key breaks the `name[a][b]` grammar.
    #[error("form key `{key}` is malformed: {reason}")]
    MalformedKey { key: String, reason: &'static str },
    /// The same path is sent both as a value and as a group of keys.
    #[error("form key `{key}` is both a value and a group of keys")]
    Conflict { key: String },
    /// More than [`MAX_DEPTH`] levels of brackets.
    #[error("form key `{key}` nests deeper than {MAX_DEPTH} levels")]
    TooDeep { key: String },
}

fn shown(key: &str) -> String {
    if key.chars().count() <= KEY_SHOWN {
        key.to_owned()
    } else {
        let mut cut: String = key.chars().take(KEY_SHOWN).collect();
        cut.push('…');
        cut
    }
}

/// One step of a key's path.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    Key(String),
    /// `[]`: the next free index.
    Append,
}

/// `name[a][b]` into its steps. The name itself may not be empty; after the name only
/// bracketed segments may follow, each without `[` inside.
fn steps(key: &str) -> Result<Vec<Step>, FormError> {
    let malformed = |reason| FormError::MalformedKey {
        key: shown(key),
        reason,
    };
    let (name, mut rest) = match key.find('[') {
        Some(at) => key.split_at(at),
        None => (key, ""),
    };
    if name.is_empty() {
        return Err(malformed("the name before the brackets is empty"));
    }
    if name.contains(']') {
        return Err(malformed("a `]` without its `[`"));
    }
    let mut steps = vec![Step::Key(name.to_owned())];
    while !rest.is_empty() {
        let Some(inner) = rest.strip_prefix('[') else {
            return Err(malformed("text after a `]` that does not open a new `[`"));
        };
        let Some(close) = inner.find(']') else {
            return Err(malformed("a `[` without its `]`"));
        };
        let segment = &inner[..close];
        if segment.contains('[') {
            return Err(malformed("a `[` inside brackets"));
        }
        steps.push(if segment.is_empty() {
            Step::Append
        } else {
            Step::Key(segment.to_owned())
        });
        if steps.len() > MAX_DEPTH + 1 {
            return Err(FormError::TooDeep { key: shown(key) });
        }
        rest = &inner[close + 1..];
    }
    Ok(steps)
}

/// A group of keys in the order they first came, with PHP's next free index for `[]`.
#[derive(Debug, Default)]
struct Group {
    entries: Vec<(String, Node)>,
    index: HashMap<String, usize>,
    next_index: u64,
}

#[derive(Debug)]
enum Node {
    Leaf(String),
    Group(Group),
}

impl Group {
    fn key_for(&mut self, step: &Step) -> String {
        match step {
            Step::Key(key) => key.clone(),
            Step::Append => self.next_index.to_string(),
        }
    }

    /// The entry for `key`, created empty (as a group) when new.
    fn entry(&mut self, key: String) -> &mut Node {
        if let Ok(number) = key.parse::<u64>()
            && number >= self.next_index
        {
            self.next_index = number.saturating_add(1);
        }
        let at = match self.index.get(&key) {
            Some(&at) => at,
            None => {
                self.index.insert(key.clone(), self.entries.len());
                self.entries.push((key, Node::Group(Group::default())));
                self.entries.len() - 1
            }
        };
        &mut self.entries[at].1
    }

    fn is_fresh(&self, key: &str) -> bool {
        !self.index.contains_key(key)
    }

    /// Puts `value` at `path` below this group.
    fn insert(&mut self, path: &[Step], value: String, key: &str) -> Result<(), FormError> {
        let conflict = || FormError::Conflict { key: shown(key) };
        let Some((first, rest)) = path.split_first() else {
            return Err(conflict());
        };
        let name = self.key_for(first);
        let fresh = self.is_fresh(&name);
        let node = self.entry(name);
        if rest.is_empty() {
            return match node {
                // A repeated key: the last value wins, as in PHP.
                Node::Leaf(old) => {
                    *old = value;
                    Ok(())
                }
                Node::Group(_) if fresh => {
                    *node = Node::Leaf(value);
                    Ok(())
                }
                Node::Group(_) => Err(conflict()),
            };
        }
        match node {
            Node::Group(group) => group.insert(rest, value, key),
            Node::Leaf(_) => Err(conflict()),
        }
    }

    fn into_value(self) -> Value {
        let is_list = self
            .entries
            .iter()
            .enumerate()
            .all(|(at, (key, _))| *key == at.to_string());
        if is_list && !self.entries.is_empty() {
            Value::Array(
                self.entries
                    .into_iter()
                    .map(|(_, node)| node.into_value())
                    .collect(),
            )
        } else {
            let mut map = Map::new();
            for (key, node) in self.entries {
                map.insert(key, node.into_value());
            }
            Value::Object(map)
        }
    }
}

impl Node {
    fn into_value(self) -> Value {
        match self {
            Node::Leaf(text) => Value::String(text),
            Node::Group(group) => group.into_value(),
        }
    }
}

/// Reads a form-encoded body into a JSON object, nesting `a[b][c]` keys. Never panics.
pub fn parse(body: &[u8]) -> Result<Map<String, Value>, FormError> {
    let mut root = Group::default();
    for (key, value) in form_urlencoded::parse(body) {
        let path = steps(&key)?;
        root.insert(&path, value.into_owned(), &key)?;
    }
    match root.into_value() {
        Value::Object(map) => Ok(map),
        // Top-level names are never all `0..n` unless the sender used them as names; keep
        // them as keys.
        Value::Array(items) => Ok(items
            .into_iter()
            .enumerate()
            .map(|(at, value)| (at.to_string(), value))
            .collect()),
        _ => Ok(Map::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn read(body: &str) -> Value {
        Value::Object(parse(body.as_bytes()).expect("parses"))
    }

    #[test]
    fn brackets_nest_and_numbered_groups_are_lists() {
        assert_eq!(
            read("a[b][c]=1&a[b][d]=2&a[e]=x+y&l[0]=p&l[1]=q&m[]=u&m[]=v&n[1]=z"),
            json!({
                "a": {"b": {"c": "1", "d": "2"}, "e": "x y"},
                "l": ["p", "q"],
                "m": ["u", "v"],
                "n": {"1": "z"},
            })
        );
    }

    #[test]
    fn percent_encoded_brackets_and_utf8_are_decoded() {
        assert_eq!(
            read("data%5BFIELDS%5D%5BTITLE%5D=%D0%A1%D0%B4%D0%B5%D0%BB%D0%BA%D0%B0"),
            json!({"data": {"FIELDS": {"TITLE": "Сделка"}}})
        );
    }

    #[test]
    fn a_repeated_key_keeps_the_last_value() {
        assert_eq!(read("a=1&a=2"), json!({"a": "2"}));
    }

    #[test]
    fn append_follows_the_highest_number() {
        assert_eq!(read("a[5]=x&a[]=y"), json!({"a": {"5": "x", "6": "y"}}));
    }

    #[test]
    fn malformed_keys_are_refused() {
        for (body, reason) in [
            ("[a]=1", "empty"),
            ("a]=1", "without its `[`"),
            ("a[b=1", "without its `]`"),
            ("a[b]c=1", "does not open"),
            ("a[b[c]]=1", "inside brackets"),
        ] {
            match parse(body.as_bytes()) {
                Err(FormError::MalformedKey { reason: why, .. }) => {
                    assert!(why.contains(reason), "{body}: {why}")
                }
                other => panic!("{body}: {other:?}"),
            }
        }
    }

    #[test]
    fn a_value_and_a_group_at_one_path_conflict() {
        for body in ["a=1&a[b]=2", "a[b]=2&a=1", "a[b][c]=1&a[b]=2"] {
            assert!(
                matches!(parse(body.as_bytes()), Err(FormError::Conflict { .. })),
                "{body}"
            );
        }
    }

    #[test]
    fn depth_is_bounded() {
        let key = format!("a{}", "[b]".repeat(MAX_DEPTH));
        assert!(parse(format!("{key}=1").as_bytes()).is_ok());
        let deeper = format!("a{}", "[b]".repeat(MAX_DEPTH + 1));
        assert!(matches!(
            parse(format!("{deeper}=1").as_bytes()),
            Err(FormError::TooDeep { .. })
        ));
    }

    #[test]
    fn long_keys_are_cut_in_errors() {
        let key = format!("{}]", "k".repeat(10_000));
        let error = parse(format!("{key}=1").as_bytes()).expect_err("refused");
        assert!(error.to_string().len() < 300, "{error}");
    }

    proptest::proptest! {
        /// Any bytes: an object or an error, never a panic.
        #[test]
        fn never_panics(body in proptest::collection::vec(proptest::num::u8::ANY, 0..200)) {
            let _ = parse(&body);
        }

        /// Bodies made of the characters that matter to the grammar.
        #[test]
        fn never_panics_on_bracket_soup(body in "[a0\\[\\]=&%5BD]{0,60}") {
            let _ = parse(body.as_bytes());
        }

        /// What `form_urlencoded` writes from a nested object reads back as that object.
        #[test]
        fn nested_objects_round_trip(
            entries in proptest::collection::btree_map(
                "[a-zA-Z_]{1,6}",
                proptest::collection::btree_map("[A-Z]{1,4}", "[^\\x00]{0,8}", 1..4),
                1..5,
            )
        ) {
            let mut form = form_urlencoded::Serializer::new(String::new());
            let mut expected = Map::new();
            for (name, fields) in &entries {
                let mut inner = Map::new();
                for (field, value) in fields {
                    form.append_pair(&format!("{name}[{field}]"), value);
                    inner.insert(field.clone(), Value::String(value.clone()));
                }
                expected.insert(name.clone(), Value::Object(inner));
            }
            let body = form.finish();
            proptest::prop_assert_eq!(parse(body.as_bytes()), Ok(expected));
        }
    }
}
