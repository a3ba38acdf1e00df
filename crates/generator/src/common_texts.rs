//! Texts the documentation repeats on many parameters (the paging `start`, the `filter`
//! syntax, the event envelope's `ts` and `auth`): a paragraph of a description with a
//! sentence found on more than [`LIMIT`] parameters is written once, in the crate
//! documentation's "Common descriptions", and each parameter that carries it links there
//! from its own (parameter-specific) doc line. Rustdoc stays readable: the same paragraph
//! was on up to 155 items.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use b24_spec::{EventSpec, MethodSpec, Param, ReferenceType};

use b24_doc_parser::Fence;

/// A sentence on more parameters than this makes its paragraph common. The target is 50
/// items per sentence; one parameter may give several items (an entity's record struct and
/// its `…Fields`), hence the margin.
pub const LIMIT: usize = 20;

/// The fewest items a paragraph must be on to be moved.
const MIN_USERS: usize = 3;

/// The common paragraphs, numbered in the order the documentation first uses them.
#[derive(Debug, Default)]
pub struct CommonTexts {
    /// Paragraph, as the docs write it (trimmed) → its number (1-based).
    numbers: HashMap<String, usize>,
    entries: Vec<Entry>,
}

#[derive(Debug)]
struct Entry {
    text: String,
    /// The first parameter with it, and its page (links in the text are relative to it).
    wire: String,
    source: String,
    users: usize,
}

/// A description with its page and wire name.
struct Use<'a> {
    description: Cow<'a, str>,
    wire: &'a str,
    source: &'a str,
}

impl CommonTexts {
    pub fn collect(
        methods: &[&MethodSpec],
        events: &[&EventSpec],
        named_types: &[ReferenceType],
    ) -> Self {
        let mut uses: Vec<Use<'_>> = Vec::new();
        for spec in methods {
            walk(&spec.params, &spec.source, &mut uses);
            walk(&spec.response.fields, &spec.source, &mut uses);
            for error in &spec.errors {
                if !error.description.trim().is_empty() {
                    uses.push(Use {
                        description: Cow::Borrowed(error.description.trim()),
                        wire: &error.code,
                        source: &spec.source,
                    });
                }
            }
        }
        for event in events {
            walk(&event.payload, &event.source, &mut uses);
        }
        // Sorted: the numbering follows first use, and must not follow the input's order.
        let mut named_types: Vec<&ReferenceType> = named_types.iter().collect();
        named_types.sort_by(|a, b| (&a.name, &a.source).cmp(&(&b.name, &b.source)));
        for named in named_types {
            walk(&named.fields, &named.source, &mut uses);
        }
        let mut sentence_users: HashMap<String, usize> = HashMap::new();
        let mut paragraph_users: HashMap<&str, usize> = HashMap::new();
        for used in &uses {
            for sentence in sentences(&used.description) {
                *sentence_users.entry(sentence).or_default() += 1;
            }
            for paragraph in paragraphs(&used.description) {
                *paragraph_users.entry(paragraph).or_default() += 1;
            }
        }
        let mut common = CommonTexts::default();
        for used in &uses {
            for paragraph in paragraphs(&used.description) {
                if let Some(&number) = common.numbers.get(paragraph) {
                    common.entries[number - 1].users += 1;
                    continue;
                }
                // A paragraph of one or two parameters stays with them even when a sentence
                // of it is common: moving it would leave them without their own words.
                let shared = paragraph_users
                    .get(paragraph)
                    .is_some_and(|n| *n >= MIN_USERS);
                let is_common = shared
                    && movable(paragraph)
                    && sentences(paragraph)
                        .iter()
                        .any(|sentence| sentence_users.get(sentence).is_some_and(|n| *n > LIMIT));
                if is_common {
                    common.entries.push(Entry {
                        text: paragraph.to_owned(),
                        wire: used.wire.to_owned(),
                        source: used.source.to_owned(),
                        users: 1,
                    });
                    common
                        .numbers
                        .insert(paragraph.to_owned(), common.entries.len());
                }
            }
        }
        common
    }

    /// `description` without its common paragraphs, and the numbers of those.
    pub fn split(&self, description: &str) -> (String, Vec<usize>) {
        let mut kept = Vec::new();
        let mut numbers = Vec::new();
        for paragraph in paragraphs(description) {
            match self.numbers.get(paragraph) {
                Some(&number) if numbers.contains(&number) => {}
                Some(&number) => numbers.push(number),
                None => kept.push(paragraph),
            }
        }
        (kept.join("\n\n"), numbers)
    }

    /// Links to common descriptions `numbers` (`[common description 3](crate#…)`), for a
    /// parameter's doc line.
    pub fn links(numbers: &[usize]) -> String {
        let links: Vec<String> = numbers
            .iter()
            // The id rustdoc gives the heading `## Common description {n}`.
            .map(|n| format!("[common description {n}](crate#common-description-{n})"))
            .collect();
        links.join(", ")
    }

    /// The crate documentation's section, or nothing when no text is common.
    pub fn section(&self) -> String {
        if self.entries.is_empty() {
            return String::new();
        }
        let mut doc = String::from(
            "# Common descriptions\n\n\
             Paragraphs the documentation repeats on many parameters and error codes (paging, \
             filters, the event envelope…), written here once; each item that carries one \
             links to it from its own doc.\n",
        );
        for (index, entry) in self.entries.iter().enumerate() {
            let number = index + 1;
            doc.push_str(&format!(
                "\n## Common description {number}\n\n\
                 Used {} times, first by `{}` on [its page]({}):\n\n{}\n",
                entry.users,
                entry.wire,
                crate::docs::page_url(&entry.source),
                crate::docs::markdown(&entry.text, &entry.source)
            ));
        }
        doc
    }
}

/// A parameter's description as its doc shows it: a `Y`/`N` flag's without the list of
/// the two values when it says no more than yes and no (the flag is a `bool`).
pub fn description(param: &Param) -> Cow<'_, str> {
    let is_bool = matches!(
        crate::types::values(param),
        crate::types::Values::Flag { .. }
    ) || param.ty.normalized == b24_spec::TypeExpr::Boolean;
    let text = if is_bool {
        without_yes_no(&param.description)
    } else {
        Cow::Borrowed(param.description.as_str())
    };
    if text.contains(":\n\n- ") {
        Cow::Owned(list_after_its_intro(&text))
    } else {
        text
    }
}

/// "Возможные значения:" and the list it introduces as one paragraph (markdown renders it
/// the same): apart, the intro alone was a sentence on 65 items.
fn list_after_its_intro(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_fence = false;
    let lines: Vec<&str> = text.split('\n').collect();
    let mut index = 0;
    while index < lines.len() {
        let line = lines[index];
        let trimmed = line.trim();
        if Fence::opened_by(trimmed).is_some() {
            in_fence = !in_fence;
        }
        if index > 0 {
            out.push('\n');
        }
        out.push_str(line);
        let list_follows = lines
            .get(index + 1)
            .is_some_and(|next| next.trim().is_empty())
            && lines
                .get(index + 2)
                .is_some_and(|next| next.trim_start().starts_with("- "));
        if !in_fence && trimmed.ends_with(':') && list_follows {
            index += 2;
            continue;
        }
        index += 1;
    }
    out
}

/// The text without a "Возможные значения:\n- `Y` — да\n- `N` — нет" list.
fn without_yes_no(text: &str) -> Cow<'_, str> {
    let lines: Vec<&str> = text.lines().collect();
    let Some(at) = (0..lines.len().saturating_sub(1))
        .find(|&i| is_value(lines[i], "Y", "да") && is_value(lines[i + 1], "N", "нет"))
    else {
        return Cow::Borrowed(text);
    };
    let mut kept: Vec<String> = lines[..at].iter().map(|line| (*line).to_owned()).collect();
    // The intro may stand a blank line above the list.
    while kept.last().is_some_and(|line| line.trim().is_empty()) {
        kept.pop();
    }
    if let Some(last) = kept.last_mut() {
        for intro in ["Возможные значения:", "Допустимые значения:", "Варианты:"]
        {
            if let Some(rest) = last.trim_end().strip_suffix(intro) {
                *last = rest.trim_end().to_owned();
                break;
            }
        }
        if last.trim().is_empty() {
            kept.pop();
        }
    }
    kept.extend(lines[at + 2..].iter().map(|line| (*line).to_owned()));
    // An intro that stood alone leaves two blank lines where it was.
    let mut text = kept.join("\n").trim().to_owned();
    while text.contains("\n\n\n") {
        text = text.replace("\n\n\n", "\n\n");
    }
    Cow::Owned(text)
}

/// `- `Y` — да` and its spellings (dash kinds, with or without code marks).
fn is_value(line: &str, value: &str, meaning: &str) -> bool {
    let Some(item) = line.trim().strip_prefix("- ") else {
        return false;
    };
    let item = item.replace('`', "");
    let Some(rest) = item.strip_prefix(value) else {
        return false;
    };
    let rest = rest
        .trim_start()
        .trim_start_matches(['—', '–', '-', ':'])
        .trim();
    rest.trim_end_matches(['.', ';', ',']) == meaning
}

fn walk<'a>(params: &'a [Param], source: &'a str, uses: &mut Vec<Use<'a>>) {
    crate::types::walk_params(params, &mut |param| {
        if !param.description.trim().is_empty() {
            uses.push(Use {
                description: description(param),
                wire: &param.name,
                source,
            });
        }
    });
}

/// The paragraphs of a description: runs of lines between blank lines, a fenced block kept
/// whole.
fn paragraphs(text: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut in_fence = false;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if Fence::opened_by(trimmed).is_some() {
            in_fence = !in_fence;
        }
        if trimmed.is_empty() && !in_fence {
            if let Some(begin) = start.take() {
                found.push(text[begin..end].trim());
            }
        } else {
            start.get_or_insert(offset);
            end = offset + line.len();
        }
        offset += line.len();
    }
    if let Some(begin) = start {
        found.push(text[begin..end].trim());
    }
    found
}

/// Whether a paragraph can leave its description without breaking a construct that spans
/// paragraphs (YFM notes, cuts, tables) or a fence.
fn movable(paragraph: &str) -> bool {
    let fences = paragraph
        .lines()
        .filter(|line| Fence::opened_by(line).is_some())
        .count();
    fences % 2 == 0
        && !["{%", "%}", "#|", "|#", "||"]
            .iter()
            .any(|m| paragraph.contains(m))
}

/// The sentences of a text as the rustdoc check counts them: split after `.`, `!`, `?`
/// and at paragraph ends, white space collapsed, short labels left out.
fn sentences(text: &str) -> HashSet<String> {
    let mut found = HashSet::new();
    for paragraph in paragraphs(text) {
        let joined = paragraph.split_whitespace().collect::<Vec<_>>().join(" ");
        let bytes = joined.as_bytes();
        let mut start = 0;
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'`' {
                // Never inside a code span.
                let ticks = bytes[i..].iter().take_while(|&&b| b == b'`').count();
                let fence = &bytes[i..i + ticks];
                let body = i + ticks;
                i = (body..bytes.len())
                    .find(|&at| bytes[at..].starts_with(fence))
                    .map_or(body, |close| close + ticks);
                continue;
            }
            let ends = matches!(bytes[i], b'.' | b'!' | b'?')
                && bytes.get(i + 1).is_none_or(|&next| next == b' ');
            if ends {
                found.insert(joined[start..=i].trim().to_owned());
                start = i + 1;
            }
            i += 1;
        }
        found.insert(joined[start..].trim().to_owned());
    }
    // Counting stops at the twelfth letter: the Cyrillic ones cost a table lookup each, and
    // counting whole sentences took a quarter of generation's serial part.
    found.retain(|sentence| {
        sentence
            .chars()
            .filter(|c| c.is_alphabetic())
            .take(12)
            .count()
            >= 12
    });
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_keep_fences_whole() {
        assert_eq!(
            paragraphs("a\nb\n\n```\nx\n\ny\n```\n\n  \nc"),
            vec!["a\nb", "```\nx\n\ny\n```", "c"]
        );
    }

    #[test]
    fn sentences_split_like_the_rustdoc_check() {
        let found = sentences("Первое предложение тут. Второе\nпредложение тоже!\n\nКоротко.");
        assert!(found.contains("Первое предложение тут."), "{found:?}");
        assert!(found.contains("Второе предложение тоже!"), "{found:?}");
        assert!(!found.contains("Коротко."), "{found:?}");
    }

    #[test]
    fn yes_no_lists_leave_flag_docs() {
        assert_eq!(
            without_yes_no("Создать ли запись. Возможные значения:\n- `Y` — да\n- `N` — нет"),
            "Создать ли запись."
        );
        assert_eq!(
            without_yes_no(
                "Флаг.\n\nВозможные значения:\n- Y - да;\n- N - нет.\n\nПо умолчанию `Y`"
            ),
            "Флаг.\n\nПо умолчанию `Y`"
        );
        assert_eq!(
            without_yes_no("Регулярная ли. Возможные значения:\n\n- `Y` — да\n- `N` — нет"),
            "Регулярная ли."
        );
        let kept = "Активность:\n- `Y` — активен\n- `N` — не активен";
        assert_eq!(without_yes_no(kept), kept);
    }

    #[test]
    fn a_list_joins_its_intro() {
        assert_eq!(
            list_after_its_intro("Тип. Возможные значения:\n\n- `A`\n- `B`\n\nДалее:\n\nтекст"),
            "Тип. Возможные значения:\n- `A`\n- `B`\n\nДалее:\n\nтекст"
        );
    }

    #[test]
    fn yfm_blocks_stay_where_they_are() {
        assert!(movable("Символ `%` передавать не нужно."));
        assert!(!movable("{% note info %}"));
        assert!(!movable("```json\n{"));
    }
}
