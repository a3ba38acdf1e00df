//! The grammar of a parameter's name cell: `**NAME**` (or a plain or code name), a
//! required marker in any dialect (`*`, `^*^` inside or after the bold, `\*`, `*,**`),
//! alternative names (`IBLOCK_CODE/IBLOCK_ID`, `**A** \| **B**`, `**A*** или **B***`),
//! then the type on the same or the next line.

use super::inline::{code_span_at, leading_bold};
use super::types::{ReadType, read_type};
use crate::letters;
use crate::lexicon::columns as lx;
use crate::text::Search as _;

/// What a name cell says.
#[derive(Debug, Clone, PartialEq)]
pub struct NameCell {
    /// The first name, unescaped (`STATUS`, `UF_CRM_...`, `<КОД_ПОЛЯ>`).
    pub name: String,
    /// Further names of the same row (`IBLOCK_ID` in `IBLOCK_CODE/IBLOCK_ID`).
    pub alternatives: Vec<String>,
    /// A glob when the name stands for a family of keys (`UF_CRM_*`).
    pub pattern: Option<String>,
    /// Star markers: each entry is one marker's star count (`*` → 1, `**` → 2).
    pub markers: Vec<usize>,
    pub ty: Option<ReadType>,
    /// Text after the name and the type: a row that lost its `|` keeps its description here.
    pub trailing: String,
}

impl NameCell {
    /// A single star is the docs' required marker; `**` is another legend (autofilled).
    pub fn starred(&self) -> bool {
        self.markers.contains(&1)
    }
}

/// Reads a name cell's raw markdown; `None` when it holds no name.
pub fn read(raw: &str) -> Option<NameCell> {
    let raw = raw.trim_start();
    let mut names = Vec::new();
    let mut markers = Vec::new();
    let rest = if raw.starts_with("**") {
        let mut rest = raw;
        while let Some((bold, after)) = leading_bold(rest) {
            let (mut text, inner) = strip_markers(bold);
            markers.extend(inner);
            let (mut outer, after) = leading_markers(after);
            // `**DYNAMIC_***`: the star after a name ending in `_` completes a glob.
            if text.ends_with('_') && outer.first() == Some(&1) {
                text.push('*');
                outer.remove(0);
            }
            markers.extend(outer);
            names.extend(split_alternatives(&text));
            rest = after;
            // `**A** \| **B**`, `**A*** или **B***`: another name of the same row.
            match alternative_separator(rest) {
                Some(next) if next.starts_with("**") => rest = next,
                _ => break,
            }
        }
        rest
    } else {
        let line = raw.lines().next().unwrap_or_default().trim_end();
        let (word, len) = code_span_at(line).unwrap_or_else(|| plain_name(line));
        // A plain name is the whole line, or a name and its type: not a sentence.
        let after = line[len.min(line.len())..].trim_start();
        if !after.is_empty() && !after.starts_with(['[', '`', '\\', '^', '*']) {
            return None;
        }
        let (text, inner) = strip_markers(word);
        markers.extend(inner);
        names.extend(split_alternatives(&text));
        &raw[len.min(raw.len())..]
    };
    let mut names: Vec<String> = names
        .into_iter()
        .map(unescape)
        .filter(|n| is_name(n))
        .collect();
    if names.is_empty() {
        return None;
    }
    let name = names.remove(0);
    let rest = rest.trim_start_matches('\\');
    let ty = read_type(rest);
    let trailing = rest[ty.as_ref().map_or(0, |t| t.consumed)..]
        .trim()
        .to_owned();
    Some(NameCell {
        pattern: pattern_of(&name),
        name,
        alternatives: names,
        markers,
        ty,
        trailing,
    })
}

/// A plain name at the start of a line: up to the first blank or link (`<ID сайта>` keeps
/// its blanks inside the brackets).
fn plain_name(line: &str) -> (&str, usize) {
    let mut depth = 0i32;
    for (i, c) in line.char_indices() {
        match c {
            '<' => depth += 1,
            '>' => depth -= 1,
            '[' if depth <= 0 && i > 0 => return (&line[..i], i),
            c if c.is_whitespace() && depth <= 0 => return (&line[..i], i),
            _ => {}
        }
    }
    (line, line.len())
}

/// The text after a separator between alternative names: `\|`, `|`, `/`, `или`.
fn alternative_separator(text: &str) -> Option<&str> {
    let trimmed = text.trim_start_matches([' ', '\t']);
    lx::NAME_SEPARATORS
        .iter()
        .find_map(|sep| trimmed.strip_prefix(sep))
        .map(|after| after.trim_start_matches([' ', '\t']))
}

/// `IBLOCK_CODE/IBLOCK_ID` and `A или B` name two parameters in one row; a note in
/// parentheses after the name (`LANGUAGE_ID (LANG)`) is not part of it.
fn split_alternatives(text: &str) -> Vec<String> {
    let mut text = text.trim();
    if let Some(open) = text.find_str(" (")
        && text.ends_with(')')
        && !text[..open].contains(char::is_whitespace)
    {
        text = &text[..open];
    }
    // Most names have no " или ": split them without a substring searcher.
    if !text.has(lx::NAME_OR) && !text.contains('/') {
        return vec![text.to_owned()];
    }
    let parts: Vec<&str> = text
        .split(lx::NAME_OR)
        .flat_map(|part| part.split('/'))
        .map(str::trim)
        .collect();
    let all_names = parts.len() > 1
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| letters::is_alphanumeric(c) || matches!(c, '_' | '.' | '`' | '\\'))
        });
    if all_names {
        parts.into_iter().map(str::to_owned).collect()
    } else {
        vec![text.to_owned()]
    }
}

/// Strips required markers from the end of a name: `NAME^*^`, `NAME\*`, `NAME*`. A star
/// right after `_` is a glob (`DYNAMIC_*`), not a marker.
fn strip_markers(text: &str) -> (String, Vec<usize>) {
    let mut name = text.trim();
    let mut markers = Vec::new();
    loop {
        if let Some(rest) = name.strip_suffix("^*^") {
            markers.push(1);
            name = rest.trim_end();
        } else if let Some(rest) = name.strip_suffix("\\*") {
            markers.push(1);
            name = rest.trim_end();
        } else if name.ends_with('*') {
            let stem = name.trim_end_matches('*');
            let stars = name.len() - stem.len();
            if stem.ends_with('_') {
                name = &name[..stem.len() + 1];
                if stars > 1 {
                    markers.push(stars - 1);
                }
                break;
            }
            markers.push(stars);
            name = stem.trim_end();
        } else {
            break;
        }
    }
    markers.reverse();
    (name.to_owned(), markers)
}

/// Reads markers right after the bold name (`*`, `^*^`, `\*`, `*,**`) and returns them
/// with the rest of the cell.
fn leading_markers(text: &str) -> (Vec<usize>, &str) {
    let end = text
        .find(|c: char| !matches!(c, '*' | '^' | '\\' | ','))
        .unwrap_or(text.len());
    // A lone trailing backslash is a hard line break, not an escaped star.
    let end = if text[..end].ends_with('\\') && !text[..end].ends_with("\\*") {
        end - 1
    } else {
        end
    };
    let (head, rest) = text.split_at(end);
    let markers = head
        .split(',')
        .map(|token| token.matches('*').count())
        .filter(|&stars| stars > 0)
        .collect();
    (markers, rest)
}

/// Removes markdown escapes and code ticks: `\<chatId\>` → `<chatId>`.
fn unescape(written: String) -> String {
    let name = written.trim().trim_matches('`').trim();
    // Most names have nothing to remove: they are kept as they are.
    if name.len() == written.len() && !name.contains('\\') {
        return written;
    }
    let mut out = String::with_capacity(name.len());
    let mut chars = name.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(|n| n.is_ascii_punctuation()) {
            continue;
        }
        out.push(c);
    }
    out
}

/// A name is one token; blanks are allowed only inside a `<placeholder>`.
fn is_name(name: &str) -> bool {
    if name.is_empty() || !name.chars().any(letters::is_alphanumeric) {
        return false;
    }
    let mut depth = 0i32;
    for c in name.chars() {
        match c {
            '<' => depth += 1,
            '>' => depth -= 1,
            c if c.is_whitespace() && depth <= 0 => return false,
            _ => {}
        }
    }
    true
}

/// The glob a placeholder name stands for, or `None` for a concrete name.
pub fn pattern_of(name: &str) -> Option<String> {
    // Placeholders need one of these; most names go straight to the word tests below.
    if name.contains(['<', '{', '.', '…', '*']) {
        return marked_pattern(name).or_else(|| word_pattern(name));
    }
    word_pattern(name)
}

/// `<id>`, `{code}`, `...`, `…` and `*` each stand for any text.
fn marked_pattern(name: &str) -> Option<String> {
    let mut out = String::with_capacity(name.len());
    let mut changed = false;
    let mut chars = name.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '<' | '{' => {
                let close = if c == '<' { '>' } else { '}' };
                match name[i..].find(close) {
                    Some(end) => {
                        push_star(&mut out);
                        changed = true;
                        while chars.peek().is_some_and(|&(j, _)| j <= i + end) {
                            chars.next();
                        }
                    }
                    None => out.push(c),
                }
            }
            '.' if name[i..].starts_with("...") => {
                push_star(&mut out);
                changed = true;
                while chars.peek().is_some_and(|&(_, c)| c == '.') {
                    chars.next();
                }
            }
            '…' | '*' => {
                push_star(&mut out);
                changed = true;
            }
            _ => out.push(c),
        }
    }
    changed.then_some(out)
}

/// `PARENT_ID_xxx`, `PROPERTY_PropertyId`, `propertyN`: a word that names a placeholder.
fn word_pattern(name: &str) -> Option<String> {
    // `PARENT_ID_xxx`, `PROPERTY_PropertyId`: an upper-case prefix and a placeholder word.
    if let Some((prefix, last)) = name.rsplit_once('_') {
        let upper_prefix = !prefix.is_empty()
            && prefix
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
        let placeholder = last.eq_ignore_ascii_case("xxx")
            || (last.starts_with(|c: char| c.is_ascii_uppercase())
                && last.chars().any(|c| c.is_ascii_lowercase()));
        if upper_prefix && placeholder {
            return Some(format!("{prefix}_*"));
        }
    }
    // `propertyN`, `fieldN`: a lower-case word and `N` for a number.
    let stem = name.strip_suffix('N')?;
    stem.chars()
        .last()
        .is_some_and(|c| c.is_ascii_lowercase())
        .then(|| format!("{stem}*"))
}

fn push_star(out: &mut String) {
    if !out.ends_with('*') {
        out.push('*');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(raw: &str) -> NameCell {
        read(raw).expect(raw)
    }

    #[test]
    fn every_required_dialect() {
        for raw in [
            "**STATUS^*^**\n[`unknown`](../../data-types.md)",
            "**STATUS***\n[`string`](x)",
            "**STATUS**^*^\n[`string`](x)",
            "**STATUS**^*^ \n[`string`](x)",
            "**STATUS\\***\n[`string`](x)",
            "**STATUS*** [`string`](x)",
        ] {
            let cell = cell(raw);
            assert_eq!(cell.name, "STATUS", "{raw}");
            assert!(cell.starred(), "{raw}");
            assert!(cell.ty.is_some(), "{raw}");
            assert_eq!(cell.trailing, "", "{raw}");
        }
    }

    #[test]
    fn unstarred_and_double_stars() {
        assert!(!cell("**limit**\n[`integer`](x)").starred());
        let weight = cell("**weight****\n[`double`](x)");
        assert_eq!(weight.markers, vec![2]);
        assert!(!weight.starred());
        let name = cell("**name***,**\n[`string`](x)");
        assert_eq!(name.markers, vec![1, 2]);
        assert!(name.starred());
        let hard_break = cell("**CALENDAR_EVENT**\\\n[`string`](x)");
        assert!(hard_break.markers.is_empty());
        assert!(hard_break.ty.is_some());
    }

    #[test]
    fn a_link_split_over_two_lines() {
        let cell = cell("**USER_ID***[\n    `int`](../data-types.md)");
        assert!(cell.starred());
        assert_eq!(cell.ty.unwrap().ty.written.as_deref(), Some("int"));
    }

    #[test]
    fn plain_and_code_names() {
        assert_eq!(cell("SOURCE_ID").name, "SOURCE_ID");
        assert_eq!(cell("`CALL`").name, "CALL");
        assert_eq!(
            cell("`CALL` [`string`](x)")
                .ty
                .unwrap()
                .ty
                .written
                .as_deref(),
            Some("string")
        );
        assert!(read("").is_none());
        assert!(read("Два слова").is_none());
        assert!(read("**Дополнительные настройки для OFD.RU**").is_none());
    }

    #[test]
    fn a_note_after_the_name() {
        let c = cell("**LANGUAGE_ID (LANG)**");
        assert_eq!(c.name, "LANGUAGE_ID");
    }

    #[test]
    fn alternatives() {
        let c = cell("**IBLOCK_CODE/IBLOCK_ID**\n[`unknown`](x)");
        assert_eq!(
            (c.name.as_str(), c.alternatives.as_slice()),
            ("IBLOCK_CODE", &["IBLOCK_ID".to_owned()][..])
        );
        let c = cell("**TASKS_TASK**\\|**UF_CRM_TASK**\n[`string`](x)");
        assert_eq!(c.alternatives, ["UF_CRM_TASK"]);
        let c = cell("**ID*** или **ENTITY_ID***\n[`integer`](x)");
        assert_eq!(
            (c.name.as_str(), c.alternatives.as_slice()),
            ("ID", &["ENTITY_ID".to_owned()][..])
        );
        assert!(c.starred());
    }

    #[test]
    fn wildcard_names_get_a_pattern() {
        let cases = [
            ("**UF_CRM_...**", "UF_CRM_...", Some("UF_CRM_*")),
            ("**ufCrm...**", "ufCrm...", Some("ufCrm*")),
            ("**PARENT_ID_xxx**", "PARENT_ID_xxx", Some("PARENT_ID_*")),
            (
                "**PROPERTY_PropertyId**",
                "PROPERTY_PropertyId",
                Some("PROPERTY_*"),
            ),
            ("**DYNAMIC_***", "DYNAMIC_*", Some("DYNAMIC_*")),
            ("**<КОД_ПОЛЯ>**", "<КОД_ПОЛЯ>", Some("*")),
            ("**\\<chatId\\>**", "<chatId>", Some("*")),
            ("**chat\\<chatId\\>**", "chat<chatId>", Some("chat*")),
            ("**upload{id}**", "upload{id}", Some("upload*")),
            ("**propertyN**", "propertyN", Some("property*")),
            ("**<ID сайта>**", "<ID сайта>", Some("*")),
            ("**STATUS**", "STATUS", None),
            ("**ORIGIN_ID**", "ORIGIN_ID", None),
            ("**LOGIN**", "LOGIN", None),
        ];
        for (raw, name, pattern) in cases {
            let c = cell(raw);
            assert_eq!(c.name, name, "{raw}");
            assert_eq!(c.pattern.as_deref(), pattern, "{raw}");
        }
        assert!(!cell("**DYNAMIC_***").starred());
    }

    #[test]
    fn a_row_without_its_pipe_keeps_the_description_as_trailing_text() {
        let c = cell("**order**\nВозможные значения для `order`:\n- `asc` — по возрастанию");
        assert_eq!(c.name, "order");
        assert!(c.ty.is_none());
        assert!(c.trailing.starts_with("Возможные значения"));
    }
}
