//! Which parts of a decoded value landed in an untyped place.
//!
//! A generated type keeps what its documentation does not describe: a field typed
//! `serde_json::Value` ([`Any`]), the `extra` map of a struct, a user-field map. That data
//! is not lost, but a user gets no type for it. [`record`] decodes a value and returns the
//! JSON paths (`items[3].ufCrm5Field`, relative to the decoded value; `""` for the whole
//! value) of everything that went to such a place, without generated code of its own: while
//! a recording is active, [`Reader`](super::Reader), the list and map codecs keep the
//! current path in a thread-local, and the untyped readers note it.
//!
//! Outside a recording every hook is one thread-local check.

use std::cell::RefCell;
use std::fmt::Write as _;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use super::adapters::Codec;

/// One step of a path.
#[derive(Debug, Clone)]
enum Step {
    Key(String),
    Index(usize),
}

#[derive(Debug, Default)]
struct Recording {
    path: Vec<Step>,
    untyped: Vec<String>,
}

impl Recording {
    fn current(&self, last: Option<&str>) -> String {
        let mut text = String::new();
        for step in &self.path {
            push_step(&mut text, step);
        }
        if let Some(key) = last {
            push_step(&mut text, &Step::Key(key.to_owned()));
        }
        text
    }
}

fn push_step(text: &mut String, step: &Step) {
    match step {
        Step::Key(key) => {
            if !text.is_empty() {
                text.push('.');
            }
            text.push_str(key);
        }
        Step::Index(index) => {
            // Writing to a String cannot fail.
            let _ = write!(text, "[{index}]");
        }
    }
}

thread_local! {
    static RECORDING: RefCell<Option<Recording>> = const { RefCell::new(None) };
}

/// Runs `decode` while recording, and returns its result with the untyped paths it noted,
/// in the order they were met (a path is noted once even if noted twice). Recordings nest:
/// an inner one does not see the outer one's paths, nor the outer the inner's.
pub fn record<T>(decode: impl FnOnce() -> T) -> (T, Vec<String>) {
    let outer = RECORDING.with(|cell| cell.replace(Some(Recording::default())));
    let value = decode();
    let inner = RECORDING.with(|cell| cell.replace(outer));
    let mut untyped = inner.map(|recording| recording.untyped).unwrap_or_default();
    let mut seen = std::collections::HashSet::new();
    untyped.retain(|path| seen.insert(path.clone()));
    (value, untyped)
}

/// [`record`] of decoding `value` as a `T`, with the indexes of the outermost list and the
/// keys of the outermost map in the paths: a method's `Output` may be a plain `Vec<T>` or
/// `BTreeMap<String, T>`, which serde reads without the steps the generated code enters.
///
/// Like the client (`envelope::decode_raw`), a `result` that does not decode as written is
/// tried in its other spellings (`"Y"` for `true`, `"5"` for `5`, `[]` for an empty object)
/// before the first failure is returned.
pub fn record_value<T: serde::de::DeserializeOwned>(
    value: Value,
) -> (Result<T, serde_json::Error>, Vec<String>) {
    let spellings = crate::envelope::loose_spellings(&value);
    let (decoded, paths) = record(|| T::deserialize(super::top_level::TopLevel(value)));
    if decoded.is_ok() {
        return (decoded, paths);
    }
    spellings
        .into_iter()
        .map(|spelling| record(|| T::deserialize(super::top_level::TopLevel(spelling))))
        .find(|(decoded, _)| decoded.is_ok())
        .unwrap_or((decoded, paths))
}

/// Runs `decode`; when it fails, the paths it noted are taken back: the caller keeps the
/// value whole elsewhere and notes that instead.
pub(crate) fn attempt<T, E>(decode: impl FnOnce() -> Result<T, E>) -> Result<T, E> {
    let noted = RECORDING.with(|cell| cell.borrow().as_ref().map(|r| r.untyped.len()));
    let result = decode();
    if result.is_err()
        && let Some(noted) = noted
    {
        RECORDING.with(|cell| {
            if let Some(recording) = cell.borrow_mut().as_mut() {
                recording.untyped.truncate(noted);
            }
        });
    }
    result
}

/// Whether a recording is active on this thread.
fn recording() -> bool {
    RECORDING.with(|cell| cell.borrow().is_some())
}

/// A step into the value being decoded, taken back when dropped.
#[must_use = "the step is taken back when the guard drops"]
pub(crate) struct Enter {
    active: bool,
}

impl Drop for Enter {
    fn drop(&mut self) {
        if self.active {
            RECORDING.with(|cell| {
                if let Some(recording) = cell.borrow_mut().as_mut() {
                    recording.path.pop();
                }
            });
        }
    }
}

fn enter(step: impl FnOnce() -> Step) -> Enter {
    let active = RECORDING.with(|cell| match cell.borrow_mut().as_mut() {
        Some(recording) => {
            recording.path.push(step());
            true
        }
        None => false,
    });
    Enter { active }
}

/// Enters the key `key` of an object.
pub(crate) fn enter_key(key: &str) -> Enter {
    enter(|| Step::Key(key.to_owned()))
}

/// Enters the item `index` of an array.
pub(crate) fn enter_index(index: usize) -> Enter {
    enter(|| Step::Index(index))
}

/// Notes the current value as untyped.
pub(crate) fn note_here() {
    note(None);
}

/// Notes the key `key` of the current object as untyped.
pub(crate) fn note_key(key: &str) {
    note(Some(key));
}

fn note(last: Option<&str>) {
    RECORDING.with(|cell| {
        if let Some(recording) = cell.borrow_mut().as_mut() {
            let path = recording.current(last);
            recording.untyped.push(path);
        }
    });
}

/// Notes every key of `map` (what a struct's `extra` or a user-field map took).
pub(crate) fn note_keys<'a>(keys: impl IntoIterator<Item = &'a String>) {
    if recording() {
        for key in keys {
            note_key(key);
        }
    }
}

/// Any JSON value, as sent: for fields the documentation does not type. Its values are
/// untyped for [`record`].
#[derive(Debug)]
pub struct Any;

impl Codec<Value> for Any {
    fn encode<S: Serializer>(value: &Value, serializer: S) -> Result<S::Ok, S::Error> {
        value.serialize(serializer)
    }

    fn decode<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Value>, D::Error> {
        let value = Value::deserialize(deserializer)?;
        note_here();
        Ok(Some(value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_join_keys_with_dots_and_items_with_brackets() {
        let ((), paths) = record(|| {
            let _items = enter_key("items");
            let _third = enter_index(3);
            note_key("ufCrm5Field");
            {
                let _inner = enter_key("sub");
                note_here();
            }
            note_key("ufCrm5Field");
        });
        assert_eq!(paths, ["items[3].ufCrm5Field", "items[3].sub"]);
        let ((), whole) = record(note_here);
        assert_eq!(whole, [""]);
        let ((), top) = record(|| {
            let _first = enter_index(0);
            note_here();
        });
        assert_eq!(top, ["[0]"]);
    }

    #[test]
    fn a_result_in_another_spelling_is_recorded_as_the_client_reads_it() {
        let (flag, paths) = record_value::<bool>(serde_json::json!("N"));
        assert_eq!(flag.ok(), Some(false));
        assert!(paths.is_empty(), "{paths:?}");
        // PHP's `[]` for an empty map.
        let (map, _) =
            record_value::<std::collections::BTreeMap<String, i64>>(serde_json::json!([]));
        assert_eq!(map.ok(), Some(std::collections::BTreeMap::new()));
        assert!(record_value::<bool>(serde_json::json!("maybe")).0.is_err());
    }

    #[test]
    fn the_outermost_list_and_map_enter_the_path() {
        /// A generated record's shape: one untyped field, read by `Reader`.
        #[derive(Debug)]
        struct Row;
        impl<'de> Deserialize<'de> for Row {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let mut reader = super::super::Reader::new(deserializer)?;
                let _extra: Option<Value> = reader.opt::<Any, _>("EXTRA");
                reader.finish(Row)
            }
        }
        let (rows, paths) =
            record_value::<Vec<Row>>(serde_json::json!([{"EXTRA": 1}, {"EXTRA": {}}]));
        assert_eq!(rows.expect("decodes").len(), 2);
        assert_eq!(paths, ["[0].EXTRA", "[1].EXTRA"]);
        let (map, paths) = record_value::<std::collections::BTreeMap<String, Row>>(
            serde_json::json!({"ID": {"EXTRA": null}, "UF_X": {"EXTRA": "a"}}),
        );
        assert_eq!(map.expect("decodes").len(), 2);
        // A `null` is absent before the codec runs: not noted.
        assert_eq!(paths, ["UF_X.EXTRA"]);
        let (whole, paths) = record_value::<Option<Vec<i64>>>(serde_json::json!([1, 2]));
        assert_eq!(whole.expect("decodes"), Some(vec![1, 2]));
        assert!(paths.is_empty());
        assert!(
            record_value::<Vec<Row>>(serde_json::json!({"a": 1}))
                .0
                .is_err()
        );
    }

    #[test]
    fn nothing_is_noted_outside_a_recording_and_recordings_nest() {
        note_here();
        let ((), outer) = record(|| {
            let _a = enter_key("a");
            let ((), inner) = record(|| note_key("b"));
            assert_eq!(inner, ["b"]);
            note_here();
        });
        assert_eq!(outer, ["a"]);
        let ((), after) = record(|| ());
        assert!(after.is_empty());
    }
}
