//! The type grammar of a name or type cell and the docs' type vocabulary.
//!
//! A type is written as links and code spans at the start of the text after the name:
//! `[`integer`](…)`, `[integer](…)`, `` `int` ``, `[`object`][1]` (a reference-style link),
//! unions in one link (`[`a`\|`b`](…)`, ```` [```a | b```](…) ````) or across links
//! (`[`a`](…) \| [`b`](…)`, one per line), arrays as `T[]`. Words come from
//! `data-types.md`: primitives map to [`TypeExpr`] variants, the rest are references to
//! named types (`crm_status`, `user`, `sale_order.id`, `Bot`, a local `#anchor`).

use crate::lexicon::shapes as lx;
use b24_spec::{TypeExpr, TypeRef};

use super::inline::{code_span_at, code_spans};

/// A type read from a cell.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadType {
    pub ty: TypeRef,
    /// Local anchors the type links to (`[`object[]`](#parameter-rows)` → `parameter-rows`):
    /// a sub-table describing the type's fields.
    pub anchors: Vec<String>,
    /// Words that belong to no known kind of type, for the `type-unknown-word` diagnostic.
    pub unknown_words: Vec<String>,
    /// Bytes of the input the type took, so callers can tell what text follows it.
    pub consumed: usize,
}

/// Reads the type at the start of `rest` (after leading blanks); `None` when `rest` does
/// not start with a link or code span, or they hold no type word.
pub fn read_type(rest: &str) -> Option<ReadType> {
    let mut members: Vec<Member> = Vec::new();
    let mut pos = skip_blank(rest, 0);
    let mut consumed = 0;
    while let Some(end) = item_at(rest, pos, &mut members) {
        consumed = end;
        pos = skip_separator(rest, end);
    }
    build(members, consumed)
}

/// Reads a whole cell of a type column: the grammar above, else the cell's plain words.
pub fn read_type_cell(raw: &str) -> Option<ReadType> {
    if let Some(read) = read_type(raw) {
        return Some(read);
    }
    let word = raw.trim();
    if word.is_empty() || word.contains(char::is_whitespace) && !word.contains('|') {
        return None;
    }
    let members = words_of(word)
        .map(|word| Member {
            word,
            local: None,
            defined: false,
        })
        .collect();
    build(members, raw.len())
}

/// One type word, borrowed from the cell: only what the result keeps is copied.
#[derive(Debug)]
struct Member<'a> {
    word: &'a str,
    /// The anchor of the same page the word's link points at.
    local: Option<&'a str>,
    /// The word links to a section of a data-types page (`data-types.md#diskfile`): a type
    /// the docs define, whatever its shape.
    defined: bool,
}

fn build(members: Vec<Member<'_>>, consumed: usize) -> Option<ReadType> {
    if members.is_empty() {
        return None;
    }
    let written = match members.as_slice() {
        [only] => only.word.to_owned(),
        _ => members
            .iter()
            .map(|m| m.word)
            .collect::<Vec<_>>()
            .join(" | "),
    };
    let mut normalized: Vec<TypeExpr> = Vec::with_capacity(members.len());
    let mut unknown_words = Vec::new();
    let mut anchors = Vec::new();
    for member in &members {
        if member.local.is_none() && !member.defined && !is_known_word(member.word) {
            unknown_words.push(member.word.to_owned());
        }
        if member.word.eq_ignore_ascii_case("null") {
            continue;
        }
        let expr = normalize(member.word);
        if !normalized.contains(&expr) {
            normalized.push(expr);
        }
    }
    for anchor in members.iter().filter_map(|m| m.local) {
        if !anchors.iter().any(|a| a == anchor) {
            anchors.push(anchor.to_owned());
        }
    }
    let normalized = match normalized.len() {
        // `null` alone: the docs say nothing more about the value.
        0 => TypeExpr::Any,
        1 => normalized.remove(0),
        _ => TypeExpr::Union(normalized),
    };
    Some(ReadType {
        ty: TypeRef {
            written: Some(written),
            normalized,
        },
        anchors,
        unknown_words,
        consumed,
    })
}

/// One link or code span at `pos`: its type words go to `members`; returns where it ends.
fn item_at<'a>(text: &'a str, pos: usize, members: &mut Vec<Member<'a>>) -> Option<usize> {
    let rest = text.get(pos..)?;
    if rest.starts_with('`') {
        let (inner, len) = code_span_at(rest)?;
        members.extend(words_of(inner).map(|word| Member {
            word,
            local: None,
            defined: false,
        }));
        return Some(pos + len);
    }
    if !rest.starts_with('[') {
        return None;
    }
    let close = link_text_end(rest)?;
    let label = &rest[1..close];
    let after = &rest[close + 1..];
    let (target, target_len) = if let Some(inner) = after.strip_prefix('(') {
        let end = memchr::memchr(b')', inner.as_bytes())?;
        (Some(inner[..end].trim()), end + 2)
    } else if let Some(inner) = after.strip_prefix('[') {
        // A reference-style link `[`object`][1]`: the definition is elsewhere on the page.
        let end = memchr::memchr(b']', inner.as_bytes())?;
        (None, end + 2)
    } else {
        (None, 0)
    };
    let local = target
        .and_then(|t| t.strip_prefix('#'))
        .filter(|a| !a.is_empty());
    let defined = target.is_some_and(|t| {
        t.split_once('#')
            .is_some_and(|(page, anchor)| page.ends_with("data-types.md") && !anchor.is_empty())
    });
    let spans = code_spans(label);
    let member = |word| Member {
        word,
        local,
        defined,
    };
    // The words go straight to `members`, and are taken back if they are no type.
    let start = members.len();
    if spans.is_empty() {
        let plain = label.trim();
        // A link whose text is prose (`[ниже](#fields)`) is not a type.
        if plain.is_empty() || plain.split_whitespace().count() > 1 && !plain.contains(['|', '/']) {
            return None;
        }
        members.extend(words_of(plain).map(member));
    } else {
        members.extend(spans.into_iter().flat_map(words_of).map(member));
    }
    let words = &members[start..];
    if words.is_empty() || !words.iter().all(|m| is_type_shaped(m.word)) {
        members.truncate(start);
        return None;
    }
    Some(pos + close + 1 + target_len)
}

/// The index of the `]` closing a link text that starts at `text[0] == '['`; code spans
/// inside may hold `]`, and link texts may span lines.
fn link_text_end(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'`' => match code_span_at(&text[i..]) {
                Some((_, len)) => i += len,
                None => i += 1,
            },
            b']' => return Some(i),
            b'[' => return None,
            _ => i += 1,
        }
    }
    None
}

fn skip_blank(text: &str, pos: usize) -> usize {
    pos + text[pos..].len() - text[pos..].trim_start().len()
}

/// Skips what may stand between two union members: blanks, `|` (escaped or not), `,`,
/// `/` and the word "или".
fn skip_separator(text: &str, pos: usize) -> usize {
    let mut at = skip_blank(text, pos);
    for sep in lx::UNION_SEPARATORS {
        if let Some(after) = text[at..].strip_prefix(sep) {
            at = skip_blank(text, text.len() - after.len());
            break;
        }
    }
    at
}

/// Splits a code span's content into type words: `integer | integer[]`, `object / array`.
fn words_of(inner: &str) -> impl Iterator<Item = &str> {
    inner
        .split(['|', ',', '/'])
        .map(|w| w.trim().trim_start_matches('\\').trim())
        .filter(|w| !w.is_empty())
}

/// Type words are identifiers, maybe dotted, maybe with `[]`: not sentences or values.
fn is_type_shaped(word: &str) -> bool {
    let base = word.trim_end_matches("[]");
    !base.is_empty()
        && base
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
        && base.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
}

/// Normalizes one type word; words that are not primitives become references to a named
/// type.
pub fn normalize(word: &str) -> TypeExpr {
    let word = word.trim();
    if let Some(inner) = word.strip_suffix("[]") {
        return TypeExpr::Array(Box::new(normalize(inner)));
    }
    primitive(word).unwrap_or_else(|| TypeExpr::Ref(word.to_owned()))
}

/// The primitive types of `data-types.md` (and the old pages' synonyms).
fn primitive(word: &str) -> Option<TypeExpr> {
    // Lowercased on the stack: no primitive is longer than `timestamp`.
    let mut buffer = [0u8; 9];
    let lower = buffer.get_mut(..word.len())?;
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    Some(match std::str::from_utf8(lower).unwrap_or_default() {
        // `unknown` is what the old pages say when they give no type; values are strings.
        // `undefined` (`undefined|object` of the task events' `FIELDS_BEFORE`): the text
        // the portal sends when there is nothing, "значение `undefined`", example
        // `"FIELDS_BEFORE": "undefined"`.
        "string" | "str" | "text" | "char" | "unknown" | "enum" | "undefined" => TypeExpr::String,
        "integer" | "int" | "long" | "uint" | "timestamp" => TypeExpr::Integer,
        "double" | "float" | "number" | "decimal" | "numeric" => TypeExpr::Number,
        "boolean" | "bool" => TypeExpr::Boolean,
        "date" => TypeExpr::Date,
        "datetime" => TypeExpr::DateTime,
        "object" | "map" => TypeExpr::Object,
        "array" | "list" => TypeExpr::Array(Box::new(TypeExpr::Any)),
        "file" => TypeExpr::File,
        "any" | "mixed" | "function" | "callable" => TypeExpr::Any,
        _ => return None,
    })
}

/// References documented in the general `data-types.md` that carry no module prefix.
const DOCUMENTED_NAMES: &[&str] = &["user", "crm", "lang_map", "uf_enum_element", "location"];
/// Prefixes of the module data-types pages (`crm/data-types.md`, …).
const MODULE_PREFIXES: &[&str] = &["crm_", "sale_", "catalog_"];

/// Whether a type word is a primitive or has the shape of a documented reference: a module
/// type (`crm_status`), an entity field (`sale_order.id`), an entity (`Bot`, `LayoutDto`).
pub fn is_known_word(word: &str) -> bool {
    let base = word.trim_end_matches("[]");
    if base.eq_ignore_ascii_case("null") || primitive(base).is_some() {
        return true;
    }
    if DOCUMENTED_NAMES
        .iter()
        .any(|name| base.eq_ignore_ascii_case(name))
    {
        return true;
    }
    let snake = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    };
    if let Some((entity, field)) = base.rsplit_once('.') {
        // `sale_order.id`, `crm_currency.CURRENCY`: a field of a documented entity;
        // `crm.enum.contenttype`: a list the named method returns.
        return entity.split('.').all(snake)
            && !field.is_empty()
            && field.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    }
    if MODULE_PREFIXES.iter().any(|p| base.starts_with(p)) && snake(base) {
        return true;
    }
    // CamelCase entities of the REST 2/3 pages (`Bot`, `User`, `LayoutDto`).
    base.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && base.chars().any(|c| c.is_ascii_lowercase())
        && base.chars().all(|c| c.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ty(raw: &str) -> ReadType {
        read_type(raw).expect(raw)
    }

    fn norm(raw: &str) -> String {
        ty(raw).ty.normalized.to_string()
    }

    #[test]
    fn the_seed_type() {
        let read = ty("\n[`unknown`](../../data-types.md)");
        assert_eq!(read.ty.written.as_deref(), Some("unknown"));
        assert_eq!(read.ty.normalized, TypeExpr::String);
        assert!(read.unknown_words.is_empty());
    }

    #[test]
    fn undefined_is_the_text_the_portal_sends() {
        // `on-task-add.md`: `FIELDS_BEFORE` is `undefined|object`, the example `"undefined"`.
        let read = ty("[`undefined`\\|`object`](../../data-types.md)");
        assert_eq!(read.ty.normalized.to_string(), "string | object");
        assert!(read.unknown_words.is_empty());
    }

    #[test]
    fn union_syntaxes_keep_every_member() {
        assert_eq!(
            norm("[```integer | integer[]```](../data-types.md#compound-types)"),
            "integer | integer[]"
        );
        assert_eq!(norm("[`integer`](a) \\| [`string`](b)"), "integer | string");
        assert_eq!(norm("[`datetime`\\|`date`](x)"), "datetime | date");
        assert_eq!(norm("[`integer` \\| `string` ](x)"), "integer | string");
        assert_eq!(norm("[`object`](x)\n[`string`](y)"), "object | string");
        assert_eq!(
            norm("[`integer`](a) |\n[`string`](b) |\n[`file`](c) |\n[`object`](d)"),
            "integer | string | file | object"
        );
        assert_eq!(
            norm("[`string`][1]\\|[`lang_map`](../data-types.md)"),
            "string | ref(lang_map)"
        );
        assert_eq!(norm("[`object / array`](x)"), "object | any[]");
    }

    #[test]
    fn link_forms() {
        assert_eq!(norm("[object](../data-types.md)"), "object");
        assert_eq!(norm("`int`"), "integer");
        assert_eq!(norm("[`object`][1]"), "object");
        // A link split over two lines (`**USER_ID***[\n    `int`](…)`).
        assert_eq!(norm("[\n    `int`](../data-types.md)"), "integer");
        assert_eq!(norm("[```string|null```](x)"), "string");
    }

    #[test]
    fn references_and_local_anchors() {
        let read = ty("[`crm_status`](../data-types.md)");
        assert_eq!(read.ty.normalized, TypeExpr::Ref("crm_status".into()));
        assert!(read.unknown_words.is_empty());
        let read = ty("[`object[]`](#parameter-rows)");
        assert_eq!(read.anchors, ["parameter-rows"]);
        let read = ty("[`uf_enum_element[]`](#uf_enum_element)");
        assert_eq!(read.anchors, ["uf_enum_element"]);
        assert_eq!(read.ty.normalized.to_string(), "ref(uf_enum_element)[]");
        for known in [
            "sale_order.id",
            "crm_currency.CURRENCY",
            "Bot",
            "User[]",
            "user",
        ] {
            assert!(is_known_word(known), "{known}");
        }
        for unknown in ["srting", "URL", "diskfile"] {
            assert!(!is_known_word(unknown), "{unknown}");
        }
        assert!(is_known_word("crm.enum.contenttype"));
        // A word linked to a section of a data-types page is defined there.
        assert!(
            ty("[`diskfile`](../data-types.md#diskfile)")
                .unknown_words
                .is_empty()
        );
        assert_eq!(
            ty("[`diskfile`](../data-types.md)").unknown_words,
            ["diskfile"]
        );
    }

    #[test]
    fn prose_after_the_type_is_not_part_of_it() {
        let read = ty("[`string`](x) со значением `Y/N`");
        assert_eq!(read.ty.written.as_deref(), Some("string"));
        assert_eq!(
            &"[`string`](x) со значением `Y/N`"[read.consumed..],
            " со значением `Y/N`"
        );
        assert!(read_type("Возможные значения для `order`:\n- `asc`").is_none());
        assert!(read_type("[ниже](#fields)").is_none());
        assert!(read_type("").is_none());
    }

    #[test]
    fn type_column_cells() {
        let read = read_type_cell("string").unwrap();
        assert_eq!(read.ty.normalized, TypeExpr::String);
        assert!(read_type_cell("Строка с текстом").is_none());
    }
}
