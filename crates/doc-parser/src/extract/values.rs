//! Enumerated values in every notation the docs use:
//! - bullet lists `` - `online` – Онлайн ``, bold `- **lists** - …`, paired
//!   `` - `1` или `yes` — да ``, plain `- B – чат-бот`;
//! - plain lines `1 - исходящий` under an intro;
//! - inline runs of code spans after a value phrase (`Допустимые значения: `true`, `false``,
//!   `либо `SUCCESS`, либо `FAIL``, `` `Y` — да, `N` — нет ``), `` `Y/N` ``;
//! - bracketed and piped words (`[0/1]`, `(Y|N)`, `CONTACT | COMPANY | LEAD`), words
//!   after a value phrase (`Доступны значения: token - токены, symbol - символы`,
//!   `либо text (…), либо image (…)`), long upper-case comma lists (`RED, GREEN, MINT, …`);
//! - value tables (`Значение | Описание`, `ID | Тема | Цвет`).
//!
//! Lists of keys ("где:", "Доступные поля:"), examples, prefixes and operators are not
//! values.

use crate::letters;
use crate::lexicon::values as lx;
use crate::text::Search as _;
use b24_spec::EnumValue;
use std::borrow::Cow;

use crate::page::{List, Node, Table};

use super::inline::{code_span_at, code_spans, leading_bold, plain};

/// A value list in a run of blocks, with the sentence that introduces it.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueList {
    /// The introducing paragraph's plain text ("Доступны следующие статусы:").
    pub intro: String,
    pub values: Vec<EnumValue>,
    pub line: u32,
}

/// Why a list in value form was not taken as an enumeration.
#[derive(Debug, Clone, PartialEq)]
pub struct Rejected {
    pub line: u32,
    pub reason: &'static str,
}

/// What a description cell says about its values.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct CellValues {
    pub values: Vec<EnumValue>,
    pub rejected: Vec<Rejected>,
}

/// Finds value lists among `nodes` (blocks after a table): a list in value form introduced
/// by a paragraph ending with `:` (lists without an intro are often examples).
pub fn find_lists(nodes: &[&Node]) -> Vec<ValueList> {
    let mut out = Vec::new();
    let mut previous: Option<&Node> = None;
    for node in nodes {
        if let Node::List(list) = node
            && let Some(Node::Paragraph(intro)) = previous
            && intro.plain.trim_end().ends_with(':')
            && matches!(
                intro_kind(&intro.plain),
                IntroKind::Values | IntroKind::Neutral
            )
            && let Some(values) = read_list(list, 2)
        {
            out.push(ValueList {
                intro: intro.plain.clone(),
                values,
                line: list.line,
            });
        }
        previous = Some(node);
    }
    out
}

/// What kind of parameter a description cell describes: it decides what a list under
/// "Доступные поля:" or "Тип свойства:" means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holder {
    /// A string or a number: it has no keys, so its lists are values unless they show a
    /// format or examples.
    Scalar,
    /// An array of names (`select`): a list of fields gives its values.
    Names,
    /// A parameter whose type the page does not give: lists of keys may be its fields.
    Untyped,
}

/// The enumerated values a description cell lists, in any notation.
pub fn in_cell(nodes: &[Node], holder: Holder) -> CellValues {
    let mut found = CellValues::default();
    // Only a list in value form is checked against the named keys: most cells have none.
    let mut keys: Option<Vec<&str>> = None;
    let mut previous: Option<&Node> = None;
    for node in nodes {
        match node {
            Node::List(list) => {
                let intro = match previous {
                    Some(Node::Paragraph(text)) => text.plain.as_str(),
                    _ => "",
                };
                let min = if says_values(intro) { 1 } else { 2 };
                if let Some(values) = read_list(list, min) {
                    let keys = keys.get_or_insert_with(|| named_keys(nodes));
                    // "массив объектов с полями `ENTITY_TYPE` и `ENTITY_ID`", then a list of
                    // those two: keys, whatever the list's intro says.
                    let rejected = if values.iter().all(|v| keys.iter().any(|k| *k == v.value)) {
                        Some("the cell names its items as fields")
                    } else {
                        match intro_kind(intro) {
                            IntroKind::Keys if keys_are_values(holder, intro) => None,
                            IntroKind::Keys => Some("its intro names keys"),
                            IntroKind::NotValues => {
                                Some("its intro names examples, prefixes or operators")
                            }
                            _ => None,
                        }
                    };
                    match rejected {
                        Some(reason) => found.rejected.push(Rejected {
                            line: list.line,
                            reason,
                        }),
                        None => merge(&mut found.values, values),
                    }
                }
            }
            Node::Paragraph(text) => {
                let after_intro = matches!(previous, Some(Node::Paragraph(intro))
                    if intro.plain.trim_end().ends_with(':') && says_values(&intro.plain));
                if after_intro {
                    merge(&mut found.values, value_lines(text.raw.lines()));
                }
                merge(&mut found.values, lines(&text.raw));
                merge(&mut found.values, inline(&text.raw));
            }
            Node::Table(table) => {
                if let Some(values) = from_table(table) {
                    merge(&mut found.values, values);
                }
            }
            _ => {}
        }
        previous = Some(node);
    }
    found
}

/// Adds the values `into` does not have yet.
pub(super) fn merge(into: &mut Vec<EnumValue>, values: Vec<EnumValue>) {
    for value in values {
        if !into.iter().any(|v| v.value == value.value) {
            into.push(value);
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum IntroKind {
    /// "Возможные значения:", "Допустимые значения", "может принимать значения".
    Values,
    /// "где:", "Доступные поля:".
    Keys,
    /// "Например:", "Возможные значения префикса:", operators.
    NotValues,
    Neutral,
}

fn intro_kind(intro: &str) -> IntroKind {
    // The sentence that leads into the list: "Проверять доступность оператора. Возможные
    // значения:" introduces values, whatever the sentences before it say.
    let trimmed = intro.trim_end();
    let body = trimmed.trim_end_matches(':');
    // The last ". ", ".\n" or "\n".
    let bytes = body.as_bytes();
    let last_stop = memchr::memrchr_iter(b'.', bytes)
        .find(|&at| matches!(bytes.get(at + 1), Some(b' ' | b'\n')));
    let last_break = memchr::memrchr(b'\n', bytes);
    let intro = match last_stop.max(last_break) {
        Some(at) => trimmed[at + 1..].trim_start_matches(['.', ' ', '\n']),
        None => trimmed,
    };
    let lower = intro.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !letters::is_alphanumeric(c) && c != '_')
        .filter(|w| !w.is_empty())
        .collect();
    let has = |w: &str| words.contains(&w);
    let has_prefix = |p: &str| words.iter().any(|w| w.starts_with(p));
    if lx::NOT_VALUES_PREFIXES.iter().any(|p| has_prefix(p)) {
        return IntroKind::NotValues;
    }
    if lower.has(lx::VALUES_STEM) || has_prefix(lx::VARIANT_PREFIX) || has(lx::EITHER) {
        return IntroKind::Values;
    }
    if lx::INTRO_KEY_WORDS.iter().any(|k| has(k))
        || has_prefix(lx::STRUCTURE_PREFIX)
        || lx::FORMAT_PHRASES.iter().any(|p| lower.has(p))
    {
        return IntroKind::Keys;
    }
    IntroKind::Neutral
}

/// Reads a bullet list as enumerated values: at least `min` items in value form (two; one
/// after an explicit "Возможные значения:"); one trailing item in another form ("- [пользовательские типы](…)") is tolerated.
pub fn read_list(list: &List, min: usize) -> Option<Vec<EnumValue>> {
    let mut values = Vec::with_capacity(list.items.len());
    let mut others = 0;
    let mut other_is_last = false;
    for (i, item) in list.items.iter().enumerate() {
        match item.text().and_then(|text| item_values(&text.raw)) {
            Some(found) => values.extend(found),
            None => {
                others += 1;
                other_is_last = i + 1 == list.items.len();
            }
        }
    }
    let items = list.items.len();
    // One trailing item in another form ("- [другие типы](…)") does not spoil the list.
    let others = if others == 1 && other_is_last {
        0
    } else {
        others
    };
    // `field_n` — название поля: a template of keys, not values.
    if values.iter().all(|v| is_placeholder(&v.value)) {
        return None;
    }
    // "- `id` сообщения …, - `id` поста …": a value twice means the items are not values.
    if values
        .iter()
        .enumerate()
        .any(|(i, v)| values[..i].iter().any(|w| w.value == v.value))
    {
        return None;
    }
    (items >= min && values.len() >= min && others <= 1 && others * 3 < items).then_some(values)
}

/// The values an item starts with and the description after them.
fn item_values(raw: &str) -> Option<Vec<EnumValue>> {
    let raw = raw.trim_start();
    let mut values = Vec::new();
    let mut rest = raw;
    loop {
        let (value, after) = leading_value(rest)?;
        if !is_value_like(value) {
            return None;
        }
        values.push(value.to_owned());
        // `1` или `yes` — да: two values, one meaning.
        let trimmed = after.trim_start();
        match lx::ITEM_SEPARATORS
            .iter()
            .find_map(|sep| trimmed.strip_prefix(sep))
            .map(str::trim_start)
        {
            Some(next) if next.starts_with(['`', '*']) => rest = next,
            _ => {
                rest = after;
                break;
            }
        }
    }
    let trimmed = rest.trim_start();
    let description = trimmed
        .trim_start_matches(['–', '—', '-', ':', '='])
        .trim()
        .trim_end_matches([';', ',', '.'])
        .trim_end();
    // A plain word needs a separator: `- ENTITY_TYPE - тип`, never `- сначала одно`.
    let separated = trimmed.is_empty() || trimmed.starts_with(['–', '—', '-', ':', '=', '(']);
    if !separated && !raw.starts_with(['`', '*']) {
        return None;
    }
    Some(
        values
            .into_iter()
            .map(|value| EnumValue {
                value,
                description: description.to_owned(),
            })
            .collect(),
    )
}

/// The value at the start of an item: a code span, a bold word or a plain token.
fn leading_value(raw: &str) -> Option<(&str, &str)> {
    let raw = raw.trim_start();
    if let Some((value, len)) = code_span_at(raw) {
        return Some((unquote(value), &raw[len..]));
    }
    if let Some((bold, rest)) = leading_bold(raw) {
        let value = bold.trim().trim_matches('`');
        return (!plain(value).is_empty()).then_some((value, rest));
    }
    let end = raw
        .find(|c: char| c.is_whitespace() || matches!(c, ',' | ':' | '('))
        .unwrap_or(raw.len());
    let token = &raw[..end];
    is_plain_token(token).then(|| (token, &raw[end..]))
}

/// `field_n`, `value_1`, `L_XX` (a CRM link: `L_` and an id): a template name standing for
/// any key or value.
pub fn is_placeholder(name: &str) -> bool {
    name.rsplit_once('_').is_some_and(|(stem, last)| {
        !stem.is_empty()
            && (last.eq_ignore_ascii_case("n")
                || last.len() == 1 && last.chars().all(|c| c.is_ascii_digit())
                || last.len() >= 2 && last.chars().all(|c| c == 'X'))
    })
}

/// `"S"`, `'P'`: a value written as a string literal; `""` is the empty value.
fn unquote(value: &str) -> &str {
    let quoted = ['"', '\'']
        .into_iter()
        .find_map(|q| value.strip_prefix(q)?.strip_suffix(q));
    match quoted {
        Some("") => EMPTY,
        Some(inner) => inner,
        None => value,
    }
}

/// How the empty value (`""`) is kept: the docs write it as a pair of quotes.
const EMPTY: &str = "\"\"";

/// An ASCII identifier or number written without code marks: `B`, `token`, `1`.
fn is_plain_token(token: &str) -> bool {
    !token.is_empty()
        && token.len() <= 40
        && token
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
        && token.chars().any(|c| c.is_ascii_alphanumeric())
        && !token.ends_with(['.', '-'])
}

/// Values are short tokens with a letter or digit: not operators (`>=`, `!@`), not
/// sentences, not prefixes (`CO_`).
fn is_value_like(value: &str) -> bool {
    if value == EMPTY {
        return true;
    }
    !value.is_empty()
        && value.chars().count() <= 64
        && !value.contains(char::is_whitespace)
        && value.chars().any(letters::is_alphanumeric)
        && !value.starts_with(['<', '>', '=', '!', '%', '@'])
        && (!value.ends_with('_') || value.len() == 1)
}

/// The method a description sends the reader to for the valid values: a link whose text
/// is a method name, in a sentence about values or where to get them ("Список стадий можно
/// узнать с помощью метода [crm.status.list](…)").
pub fn source_method(nodes: &[Node]) -> Option<String> {
    for node in nodes {
        let Node::Paragraph(text) = node else {
            continue;
        };
        if !text.raw.has("](") {
            continue;
        }
        for sentence in text.raw.split(". ") {
            let about_values = lx::SOURCE_PHRASES
                .iter()
                .any(|w| letters::has_folded(sentence, w));
            if !about_values {
                continue;
            }
            let mut rest = sentence;
            while let Some(open) = rest.find('[') {
                let Some(close) = rest[open..].find_str("](").map(|c| open + c) else {
                    break;
                };
                let label = rest[open + 1..close].trim().trim_matches('`');
                if is_method_name(label) {
                    return Some(label.to_owned());
                }
                rest = &rest[close + 2..];
            }
        }
    }
    None
}

/// `crm.status.list`, `imbot.v2.Event.get`: dotted identifiers, lower-case first.
fn is_method_name(text: &str) -> bool {
    text.starts_with(|c: char| c.is_ascii_lowercase())
        && text.contains('.')
        && text
            .split('.')
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
}

/// Code spans a cell's sentences call fields or keys ("с полями `A` и `B`").
pub fn named_keys(nodes: &[Node]) -> Vec<&str> {
    let mut out = Vec::new();
    for node in nodes {
        let Node::Paragraph(text) = node else {
            continue;
        };
        // Every phrase below has "поля" or "ключ" in it.
        if !lx::NAMED_KEYS_FRAGMENTS.iter().any(|f| text.raw.has(f)) {
            continue;
        }
        for sentence in text.raw.split(". ") {
            let Some(at) = lx::NAMED_KEYS
                .iter()
                .filter_map(|w| letters::find_folded(sentence, w))
                .min()
            else {
                continue;
            };
            out.extend(code_spans(&sentence[at..]));
        }
    }
    out
}

/// Whether a list under a keys-like intro holds values for this kind of parameter.
fn keys_are_values(holder: Holder, intro: &str) -> bool {
    let lower = intro.to_lowercase();
    match holder {
        Holder::Scalar => {
            !lower.has(lx::FORMAT_STEM)
                && !lower
                    .split(|c: char| !letters::is_alphanumeric(c))
                    .any(|w| w == lx::WHERE)
        }
        Holder::Names => !lower.has(lx::OBJECT_STEM),
        Holder::Untyped => false,
    }
}

/// "Возможные значения", "Допустимые значения", "может принимать значения".
fn says_values(intro: &str) -> bool {
    letters::has_folded(intro, lx::VALUES_STEM) && intro_kind(intro) == IntroKind::Values
}

/// Plain lines under an intro: `Тип звонка:\n1 - исходящий\n2 - входящий`.
fn lines(raw: &str) -> Vec<EnumValue> {
    // Most paragraphs stop at the first line.
    let Some(first) = raw.lines().next() else {
        return Vec::new();
    };
    if !first.trim_end().ends_with(':')
        || !matches!(intro_kind(first), IntroKind::Values | IntroKind::Neutral)
    {
        return Vec::new();
    }
    value_lines(raw.lines().skip(1))
}

/// Lines that each start with a value and a dash: `` `Y` — включено ``, `1 - исходящий`.
fn value_lines<'a>(lines: impl Iterator<Item = &'a str>) -> Vec<EnumValue> {
    let mut values = Vec::new();
    for line in lines {
        let line = line.trim().trim_end_matches('\\').trim_end();
        if line.is_empty() {
            continue;
        }
        let Some((value, rest)) = leading_value(line) else {
            return Vec::new();
        };
        let rest = rest.trim_start();
        if !is_value_like(value) || !rest.starts_with(['–', '—', '-']) {
            return Vec::new();
        }
        values.push(EnumValue {
            value: value.to_owned(),
            description: rest.trim_start_matches(['–', '—', '-']).trim().to_owned(),
        });
    }
    two_or_more(values)
}

/// A piece of inline text: a code span or the text between spans.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Piece<'a> {
    Code(&'a str),
    Text(&'a str),
}

fn pieces(raw: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut text_start = 0;
    let mut i = 0;
    let bytes = raw.as_bytes();
    // Only escapes and backticks matter: jump from one to the next.
    while let Some(at) = bytes
        .get(i..)
        .and_then(|rest| memchr::memchr2(b'\\', b'`', rest))
    {
        i += at;
        match bytes[i] {
            b'\\' => i += 2,
            b'`' => match code_span_at(&raw[i..]) {
                Some((code, len)) => {
                    if text_start < i {
                        out.push(Piece::Text(&raw[text_start..i]));
                    }
                    out.push(Piece::Code(code));
                    i += len;
                    text_start = i;
                }
                None => i += 1,
            },
            _ => i += 1,
        }
    }
    if text_start < raw.len() {
        out.push(Piece::Text(raw.get(text_start..).unwrap_or_default()));
    }
    out
}

/// Values written inline in a paragraph.
pub fn inline(raw: &str) -> Vec<EnumValue> {
    let mut values = if raw.contains('`') {
        code_runs(raw)
    } else {
        Vec::new()
    };
    if values.is_empty() {
        values = word_runs(&unescape(raw));
    }
    values
}

/// Runs of code spans joined by separators (`,`, `или`, `либо`, `/`, `|`) or by
/// `— description,` pairs, after a value phrase or made of flag values (`Y`/`N`).
fn code_runs(raw: &str) -> Vec<EnumValue> {
    let pieces = pieces(raw);
    let mut out = Vec::new();
    let mut i = 0;
    while i < pieces.len() {
        let Piece::Code(first) = pieces[i] else {
            i += 1;
            continue;
        };
        let mut run: Vec<(String, String)> = split_code(first)
            .into_iter()
            .map(|v| (v.to_owned(), String::new()))
            .collect();
        // ```online|offline```, `Y/N`: one span that spells out the alternatives.
        let explicit = run.len() >= 2;
        let mut j = i + 1;
        while j + 1 < pieces.len() {
            let (Piece::Text(between), Piece::Code(next)) = (pieces[j], pieces[j + 1]) else {
                break;
            };
            match separator(between) {
                Some(description) => {
                    if let (Some(last), Some(description)) = (run.last_mut(), description) {
                        last.1 = description;
                    }
                    run.extend(
                        split_code(next)
                            .into_iter()
                            .map(|v| (v.to_owned(), String::new())),
                    );
                    j += 2;
                }
                None => break,
            }
        }
        // The last value's description: `` `N` — нет.``
        if let (Some(last), Some(Piece::Text(after))) = (run.last_mut(), pieces.get(j)) {
            let after = after.trim_start();
            if let Some(description) = after.strip_prefix(['—', '–', '-']) {
                let end = description
                    .find(['.', ',', ';', '\n'])
                    .unwrap_or(description.len());
                last.1 = plain(description[..end].trim());
            }
        }
        let before = match i.checked_sub(1).map(|k| pieces[k]) {
            Some(Piece::Text(text)) => last_sentence(text),
            _ => "",
        };
        let values_ok = run.iter().all(|(v, _)| is_value_like(v))
            && (run.len() >= 2 || says_values_now(before));
        if values_ok && (explicit || is_flag_set(&run) || introduces_values(before)) {
            out.extend(
                run.into_iter()
                    .map(|(value, description)| EnumValue { value, description }),
            );
        }
        i = j.max(i + 1);
    }
    out
}

/// `Y/N`, ```online|offline```: one code span holding the values.
fn split_code(code: &str) -> Vec<&str> {
    let piped: Vec<&str> = code.split('|').map(str::trim).collect();
    if piped.len() > 1 && piped.iter().all(|p| is_plain_token(p)) {
        return piped;
    }
    // A slash joins flags (`Y/N`, `0/1`), not the parts of a path (`Europe/Kaliningrad`).
    let slashed: Vec<&str> = code.split('/').map(str::trim).collect();
    let flags = slashed
        .iter()
        .all(|p| is_upper_or_number(p) && p.len() <= 3)
        || slashed == ["true", "false"];
    if slashed.len() > 1 && flags {
        slashed
    } else {
        vec![code]
    }
}

/// Text between two code spans of a run: `Some(description)` when it only separates them
/// (the description of the first, if the text gives one), `None` when it ends the run.
fn separator(text: &str) -> Option<Option<String>> {
    let t = text.trim();
    if t.is_empty() {
        return Some(None);
    }
    let bare = t
        .trim_end_matches(|c: char| c.is_whitespace())
        .trim_start_matches(',')
        .trim();
    for &sep in lx::RUN_SEPARATORS {
        if bare == sep || t == sep {
            return Some(None);
        }
    }
    // `` `Y` — да, `N` — нет ``: a description, then a comma.
    let described = t.strip_prefix(['—', '–', '-'])?;
    let described = described
        .strip_suffix(lx::OR)
        .or_else(|| described.strip_suffix(lx::EITHER))
        .unwrap_or(described)
        .trim_end();
    let description = described.strip_suffix([',', ';'])?.trim();
    (!description.is_empty() && description.chars().count() <= 80 && !description.contains('.'))
        .then(|| Some(plain(description)))
}

fn last_sentence(text: &str) -> &str {
    let end = text.trim_end();
    match end.rfind(['.', '\n']) {
        Some(at) => &end[at + 1..],
        None => end,
    }
}

/// "Возможные значения: `base`": a single value right after the phrase.
fn says_values_now(before: &str) -> bool {
    let lower = before.trim_end().to_lowercase();
    let lower = lower.trim_end_matches(':').trim_end();
    lx::SAYS_VALUES_NOW.iter().any(|p| lower.ends_with(p))
}

/// The words before a run that say values follow.
fn introduces_values(before: &str) -> bool {
    let lower = before.to_lowercase();
    let keys = lower
        .split(|c: char| !letters::is_alphanumeric(c))
        .any(|w| lx::RUN_KEY_WORDS.contains(&w));
    if keys || lower.has(lx::EXAMPLE_STEM) {
        return false;
    }
    lx::RUN_INTROS.iter().any(|w| lower.has(w))
}

/// Flag pairs mean values wherever they are written: `Y`/`N`, `true`/`false`, `0`/`1`.
fn is_flag_set(run: &[(String, String)]) -> bool {
    let sets: [&[&str]; 3] = [&["Y", "N"], &["true", "false"], &["0", "1"]];
    sets.iter().any(|set| {
        run.len() == set.len()
            && run.iter().all(|(v, _)| set.contains(&v.as_str()))
            && set.iter().all(|s| run.iter().any(|(v, _)| v == s))
    })
}

/// Values in plain words: `[0/1]`, `(Y|N)`, `CONTACT | COMPANY | LEAD`, "значения: token -
/// токены, symbol - символы", "либо text (…), либо image (…)", `RED, GREEN, MINT, LIME`.
fn word_runs(text: &str) -> Vec<EnumValue> {
    // Every notation below needs one of these.
    let bytes = text.as_bytes();
    if memchr::memchr3(b'[', b'(', b'|', bytes).is_none()
        && memchr::memchr2(b',', b'/', bytes).is_none()
        && !text.has(lx::EITHER)
        && !text.has(lx::OR_SPACED)
    {
        return Vec::new();
    }
    let bracketed = bracketed_words(text);
    if !bracketed.is_empty() {
        return bracketed;
    }
    // Each reader below is tried only when the text has what it needs (its pipes, commas,
    // or the letters of its phrase), so most texts are never lowercased.
    let count = |byte: u8| memchr::memchr_iter(byte, bytes).count();
    if count(b'|') >= 2 {
        let piped = piped_words(text);
        if !piped.is_empty() {
            return piped;
        }
    }
    // Exactly when the lowercase text holds the phrase each reader needs.
    let either_possible = letters::has_folded(text, lx::EITHER_SPACED);
    let described_possible = letters::has_folded(text, lx::VALUES_STEM);
    if either_possible || described_possible {
        // The phrase readers match lowercase words: lowercase once for both.
        let lower = text.to_lowercase();
        if either_possible {
            let either = either_words(text, &lower);
            if !either.is_empty() {
                return either;
            }
        }
        if described_possible {
            let described = described_words(text, &lower);
            if !described.is_empty() {
                return described;
            }
        }
    }
    if count(b',') >= 3 {
        upper_comma_list(text)
    } else {
        Vec::new()
    }
}

/// The text with markdown escapes and emphasis removed, brackets kept (`[0\/1]` → `[0/1]`);
/// most texts have neither and are borrowed as they are.
fn unescape(raw: &str) -> Cow<'_, str> {
    let bytes = raw.as_bytes();
    let next_mark = |from: usize| {
        bytes
            .get(from..)
            .and_then(|rest| memchr::memchr2(b'\\', b'*', rest))
            .map_or(bytes.len(), |at| from + at)
    };
    let mut i = next_mark(0);
    if i == bytes.len() {
        return Cow::Borrowed(raw);
    }
    let mut out = String::with_capacity(raw.len());
    // Text between marks (ASCII, so every cut is on a char boundary) is copied in runs.
    let mut copied = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if bytes.get(i + 1).is_some_and(u8::is_ascii_punctuation) => {
                // The escaped character starts the next run.
                out.push_str(&raw[copied..i]);
                copied = i + 1;
                i += 2;
            }
            b'*' => {
                out.push_str(&raw[copied..i]);
                copied = i + 1;
                i += 1;
            }
            _ => i += 1,
        }
        i = next_mark(i);
    }
    out.push_str(&raw[copied..]);
    Cow::Owned(out)
}

/// A run of values read from prose: one alone is not taken as a list.
fn two_or_more(values: Vec<EnumValue>) -> Vec<EnumValue> {
    if values.len() >= 2 {
        values
    } else {
        Vec::new()
    }
}

fn plain_values(words: &[&str]) -> Vec<EnumValue> {
    words
        .iter()
        .map(|w| EnumValue {
            value: (*w).to_owned(),
            description: String::new(),
        })
        .collect()
}

/// `[0/1]`, `(Y|N)`, `[Y/N]`.
fn bracketed_words(text: &str) -> Vec<EnumValue> {
    for (open, close) in [(b'[', b']'), (b'(', b')')] {
        let mut from = 0;
        let bytes = text.as_bytes();
        while let Some(start) = memchr::memchr(open, &bytes[from..]).map(|i| from + i) {
            let Some(end) = memchr::memchr(close, &bytes[start + 1..]).map(|i| start + 1 + i)
            else {
                break;
            };
            from = end + 1;
            let inner = text[start + 1..end].trim();
            let words: Vec<&str> = inner.split(['/', '|']).map(str::trim).collect();
            if words.len() >= 2 && words.iter().all(|w| is_upper_or_number(w)) {
                return plain_values(&words);
            }
        }
    }
    Vec::new()
}

/// `CONTACT | COMPANY | LEAD`: three or more words joined by pipes.
fn piped_words(text: &str) -> Vec<EnumValue> {
    for segment in text.split(['.', '\n', ';', ',']) {
        let parts: Vec<&str> = segment.split('|').collect();
        if parts.len() < 3 {
            continue;
        }
        let first = parts[0].split_whitespace().last().unwrap_or_default();
        let last = parts[parts.len() - 1]
            .split_whitespace()
            .next()
            .unwrap_or_default();
        let mut words = vec![first];
        words.extend(parts[1..parts.len() - 1].iter().map(|p| p.trim()));
        words.push(last);
        if words.iter().all(|w| is_upper_or_number(w)) {
            return plain_values(&words);
        }
    }
    Vec::new()
}

/// "либо text (генерация текста), либо image (…), либо audio (…)".
fn either_words(text: &str, lower: &str) -> Vec<EnumValue> {
    let parts: Vec<&str> = lower.split(lx::EITHER_SPACED).skip(1).collect();
    if parts.len() < 2 {
        return Vec::new();
    }
    let mut values = Vec::new();
    let mut offset = lower.find_str(lx::EITHER_SPACED).unwrap_or(0);
    for _ in &parts {
        let start = offset + lx::EITHER_SPACED.len();
        // Offsets come from the lowercase copy; a letter whose case changes its length
        // would shift them, so the original is only read where they still fit.
        let Some(rest) = text.get(start..) else {
            return Vec::new();
        };
        let end = rest
            .find(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | '(' | ';'))
            .unwrap_or(rest.len());
        let word = &rest[..end];
        if !is_plain_token(word) {
            return Vec::new();
        }
        let after = rest[end..].trim_start();
        let description = after
            .strip_prefix('(')
            .and_then(|d| d.split_once(')'))
            .map(|(d, _)| d.trim().to_owned())
            .unwrap_or_default();
        values.push(EnumValue {
            value: word.to_owned(),
            description,
        });
        offset = match lower[start..].find_str(lx::EITHER_SPACED) {
            Some(i) => start + i,
            None => break,
        };
    }
    two_or_more(values)
}

/// After a value phrase: "значения: token - токены, symbol - символы" or "значения M –
/// мужской, F – женский".
fn described_words(text: &str, lower: &str) -> Vec<EnumValue> {
    let Some(at) = lower.find_str(lx::VALUES_STEM) else {
        return Vec::new();
    };
    let Some(rest) = text.get(at..) else {
        return Vec::new();
    };
    // Skip the phrase itself: "значения:", "значения".
    let rest = rest
        .find(|c: char| c.is_whitespace() || c == ':')
        .map_or("", |i| &rest[i..]);
    let rest = rest.trim_start_matches([':', ' ']);
    let sentence_end = rest.find(['.', '\n', ';']).unwrap_or(rest.len());
    let mut values = Vec::new();
    for item in rest[..sentence_end]
        .split(',')
        .flat_map(|part| part.split(lx::OR_SPACED))
    {
        let item = item.trim();
        let (word, description) = match item.split_once(['–', '—', '-']) {
            Some((word, description)) => (word.trim(), description.trim()),
            // "Допустимые значения Y или N": flags without descriptions.
            None if is_upper_or_number(item) => (item, ""),
            None => break,
        };
        if !is_plain_token(word) {
            break;
        }
        values.push(EnumValue {
            value: word.to_owned(),
            description: description.to_owned(),
        });
    }
    two_or_more(values)
}

/// `RED, GREEN, MINT, LIGHT_BLUE`: four or more upper-case words in a comma list.
fn upper_comma_list(text: &str) -> Vec<EnumValue> {
    if letters::has_folded(text, lx::EXAMPLE_STEM) || letters::has_folded(text, lx::FIELD_STEM) {
        return Vec::new();
    }
    for segment in text.split(['.', '\n', ';', ':']) {
        let parts: Vec<&str> = segment.split(',').map(str::trim).collect();
        if parts.len() < 4 {
            continue;
        }
        let first = parts[0].split_whitespace().last().unwrap_or_default();
        let mut words = vec![first];
        words.extend(parts[1..].iter().copied());
        let words: Vec<&str> = words
            .into_iter()
            .filter(|w| *w != "…" && *w != "...")
            .collect();
        if words.len() >= 4
            && words
                .iter()
                .all(|w| is_upper_or_number(w) && w.chars().any(|c| c.is_ascii_uppercase()))
        {
            return plain_values(&words);
        }
    }
    Vec::new()
}

fn is_upper_or_number(word: &str) -> bool {
    !word.is_empty()
        && word.len() <= 32
        && word
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

/// A table of values: a header naming a value column (`Значение`, `ID`, `Код`) and rows
/// whose first cell is one value; the other cells describe it.
pub fn from_table(table: &Table) -> Option<Vec<EnumValue>> {
    let (header, rows) = table.rows.split_first()?;
    let first = plain(&header.cells.first()?.raw).to_lowercase();
    let value_header = lx::TABLE_HEADERS.iter().any(|w| first == *w);
    if !value_header || header.cells.len() < 2 {
        return None;
    }
    let mut values = Vec::with_capacity(rows.len());
    for row in rows {
        let cell = row.cells.first()?;
        let raw = cell.raw.trim();
        let (value, rest) = leading_value(raw)?;
        if !rest.trim().is_empty() || !is_value_like(value) {
            return None;
        }
        let description = row.cells[1..]
            .iter()
            .map(|c| plain(&c.raw))
            .filter(|d| !d.is_empty())
            .collect::<Vec<_>>()
            .join("; ");
        values.push(EnumValue {
            value: value.to_owned(),
            description,
        });
    }
    (!values.is_empty()).then_some(values)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown;

    /// Each value with its description.
    fn cell(md: &str) -> Vec<[String; 2]> {
        let nodes = markdown::parse(md, 1);
        in_cell(&nodes, Holder::Scalar)
            .values
            .into_iter()
            .map(|v| [v.value, v.description])
            .collect()
    }

    fn values(md: &str) -> Vec<String> {
        cell(md).into_iter().map(|[v, _]| v).collect()
    }

    /// CRM links written as templates (`L_XX`, `TXX_XX`) are no values; `STATUS_EX` is.
    #[test]
    fn link_templates_are_placeholders() {
        assert!(is_placeholder("L_XX"));
        assert!(is_placeholder("TXX_XX"));
        assert!(is_placeholder("field_n"));
        assert!(!is_placeholder("STATUS_EX"));
        assert!(!is_placeholder("CO_"));
        assert!(values("- `L_XX` — лид\n- `D_XX` — сделка\n").is_empty());
    }

    #[test]
    fn the_seed_list_after_the_table() {
        let nodes = markdown::parse(
            "Доступны следующие статусы:\n\n- `online` – Онлайн\n- `dnd` – Не беспокоить\n- `away` – Отсутствую\n",
            1,
        );
        let refs: Vec<&Node> = nodes.iter().collect();
        let found = find_lists(&refs);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].intro, "Доступны следующие статусы:");
        let values: Vec<_> = found[0]
            .values
            .iter()
            .map(|v| (v.value.as_str(), v.description.as_str()))
            .collect();
        assert_eq!(
            values,
            vec![
                ("online", "Онлайн"),
                ("dnd", "Не беспокоить"),
                ("away", "Отсутствую")
            ]
        );
        let bare = markdown::parse("- `online` – Онлайн\n- `dnd` – Нет\n", 1);
        assert!(find_lists(&bare.iter().collect::<Vec<_>>()).is_empty());
    }

    #[test]
    fn bullet_lists_in_cells() {
        assert_eq!(
            cell("Возможные значения:\n- `Y` — да\n- `N` — нет"),
            [["Y", "да"], ["N", "нет"]]
        );
        // A bare list after a sentence.
        assert_eq!(
            values("Частота повторения\n- `DAILY` — ежедневно\n- `WEEKLY` — еженедельно"),
            ["DAILY", "WEEKLY"]
        );
        // Bold bullets and plain words.
        assert_eq!(
            values(
                "`id` типа инфоблока (обязательно):\n- **lists** - тип списка\n- **bitrix_processes** - процессы"
            ),
            ["lists", "bitrix_processes"]
        );
        // Paired values.
        assert_eq!(
            cell("Флаг:\n- `1` или `yes` — да\n- `0` или `no` — нет"),
            [["1", "да"], ["yes", "да"], ["0", "нет"], ["no", "нет"]]
        );
        // A trailing link item is tolerated.
        assert_eq!(
            values(
                "Тип. Возможные значения:\n- `string` — строка\n- `integer` — число\n- `date` — дата\n- [другие типы](x.md)"
            ),
            ["string", "integer", "date"]
        );
    }

    #[test]
    fn where_the_values_are_listed() {
        let nodes = markdown::parse(
            "Стадия сделки.\n\nСписок доступных стадий можно узнать с помощью метода [crm.status.list](../status/crm-status-list.md), применив фильтр",
            1,
        );
        assert_eq!(source_method(&nodes).as_deref(), Some("crm.status.list"));
        let nodes = markdown::parse("Описание в [статье](../x.md). Тип [`integer`](x.md)", 1);
        assert_eq!(source_method(&nodes), None);
    }

    #[test]
    fn the_last_sentence_introduces_the_list() {
        assert_eq!(
            values("Проверять доступность оператора. Возможные значения:\n- `Y` — да\n- `N` — нет"),
            ["Y", "N"]
        );
        assert_eq!(
            values(
                "Индикатор (например, при регистрации).\nВозможные значения:\n- `Y` — да\n- `N` — нет"
            ),
            ["Y", "N"]
        );
    }

    #[test]
    fn lists_that_are_not_values() {
        assert!(
            values("Объект формата, где:\n- `field_n` — название поля\n- `value_n` — значение")
                .is_empty()
        );
        let nodes = markdown::parse("Доступные поля:\n- `ID` — идентификатор\n- `NAME` — имя", 1);
        assert!(in_cell(&nodes, Holder::Untyped).values.is_empty());
        assert_eq!(in_cell(&nodes, Holder::Names).values.len(), 2);
        assert_eq!(
            values("Тип свойства:\n- `S` — строка\n- `N` — число"),
            ["S", "N"]
        );
        assert!(
            values("Идентификатор в формате:\n- `chatXXX` — чат\n- `sgXXX` — группа").is_empty()
        );
        assert!(
            values("Возможные значения префикса:\n- `>=` — больше\n- `!@` — NOT IN").is_empty()
        );
        assert!(values("Например:\n- `LEAD_123` — лид\n- `DEAL_5` — сделка").is_empty());
        assert!(values("Префиксы:\n- `CO_` — компания\n- `C_` — контакт").is_empty());
        assert!(values("Возможные значения:\n- `>= 1` -> 1\n- `<= 0` -> 0").is_empty());
        assert!(values("Шаги:\n- сначала одно\n- потом другое").is_empty());
    }

    #[test]
    fn inline_code_runs() {
        assert_eq!(
            values("Скрытый бот. Допустимые значения: `true`, `false`. По умолчанию `false`"),
            ["true", "false"]
        );
        assert_eq!(values("Пол. Допустимые значения: `M`, `F`"), ["M", "F"]);
        assert_eq!(
            values("Код семантики стадии. Может быть либо `SUCCESS`, либо `FAIL`."),
            ["SUCCESS", "FAIL"]
        );
        assert_eq!(
            cell("Значение по умолчанию, где `1` — да, `0` — нет."),
            [["1", "да"], ["0", "нет"]]
        );
        assert_eq!(values("Принимает значения `Y` или `N`"), ["Y", "N"]);
        assert_eq!(values("Флаг `Y`/`N`"), ["Y", "N"]);
        assert_eq!(values("Активность, `Y/N`"), ["Y", "N"]);
        assert_eq!(
            values("Статус ```online|offline```, по умолчанию"),
            ["online", "offline"]
        );
        assert!(values("Если указывается значение `Y`, то данные игнорируются").is_empty());
        assert!(values("Например, `LEAD_1`, `DEAL_2`").is_empty());
        assert!(values("Поля `price`, `basePrice` и `discountPrice`").is_empty());
        assert!(
            values(
                "Значение будет выставлено в следующие поля: `LIST_FILTER_LABEL`, `EDIT_FORM_LABEL`"
            )
            .is_empty()
        );
    }

    #[test]
    fn single_values_quotes_and_loose_lines() {
        assert_eq!(values("Тип шаблона. Возможные значения: `base`"), ["base"]);
        assert_eq!(
            values("Отключение проверки.\n\nВозможные значения:\n- `Y` — отключить\n\nИначе нет"),
            ["Y"]
        );
        assert_eq!(
            cell(
                "Группа стадий:\n- `\"S\"` — «Успех»,\n- `\"F\"` — «Провал»,\n- `\"\"` — «В работе»."
            ),
            [["S", "«Успех»"], ["F", "«Провал»"], ["\"\"", "«В работе»"]]
        );
        assert_eq!(
            values(
                "Автосоздание.\n\nВозможные значения:\n\n `Y` — включено\n `N` — выключено\n\nПо умолчанию — `Y`"
            ),
            ["Y", "N"]
        );
        assert_eq!(
            values("Признак доступности. Допустимые значения Y или N"),
            ["Y", "N"]
        );
        assert!(values("Примеры: `chat1435`").is_empty());
        assert!(values("Размер страницы. Допустимые значения: от `1` до `200`").is_empty());
    }

    #[test]
    fn words_and_lines() {
        assert_eq!(values("[0\\/1] - Автоматическое создание"), ["0", "1"]);
        assert_eq!(values("Показывать (Y|N)"), ["Y", "N"]);
        assert_eq!(
            values("Тип объекта CRM - CONTACT \\| COMPANY \\| LEAD."),
            ["CONTACT", "COMPANY", "LEAD"]
        );
        assert_eq!(
            cell(
                "Тип подсчета контекста. Доступны значения: token - токены, symbol - символы. По умолчанию token."
            ),
            [["token", "токены"], ["symbol", "символы"]]
        );
        assert_eq!(
            cell(
                "Может быть либо text (генерация текста), либо image (генерация картинок), либо audio (распознавание)."
            ),
            [
                ["text", "генерация текста"],
                ["image", "генерация картинок"],
                ["audio", "распознавание"]
            ]
        );
        assert_eq!(
            values("Цвет для мобильного приложения RED, GREEN, MINT, LIGHT_BLUE, PURPLE"),
            ["RED", "GREEN", "MINT", "LIGHT_BLUE", "PURPLE"]
        );
        assert_eq!(
            cell("Тип звонка:\n1 - исходящий\n2 - входящий\n3 - обратный"),
            [["1", "исходящий"], ["2", "входящий"], ["3", "обратный"]]
        );
        assert!(values("Передайте TCP/IP адрес").is_empty());
        assert!(values("Поля ID, NAME, TITLE, DATE").is_empty());
    }

    #[test]
    fn value_tables() {
        let nodes = crate::parse_blocks(
            "t.md",
            "#|\n|| **ID** | **Тема** | **Цвет** ||\n|| `azure` | dark | Голубой ||\n|| `mint` | dark | Мятный ||\n|#\n",
            &crate::NoIncludes,
            &mut crate::Diagnostics::default(),
        );
        let Node::Table(table) = &nodes[0] else {
            panic!("{nodes:?}")
        };
        let values = from_table(table).unwrap();
        assert_eq!(values[0].value, "azure");
        assert_eq!(values[0].description, "dark; Голубой");
        let params = crate::parse_blocks(
            "t.md",
            "#|\n|| **Название**\n`тип` | **Описание** ||\n|| **ID**\n[`integer`](x) | Идентификатор ||\n|#\n",
            &crate::NoIncludes,
            &mut crate::Diagnostics::default(),
        );
        let Node::Table(table) = &params[0] else {
            panic!()
        };
        assert!(from_table(table).is_none());
    }
}
