//! The grammar of a parameter's name cell: `**NAME**`, a required marker in any of its
//! dialects (`*`, `^*^` inside or after the bold, `\*`), then the type on the next line.

use b24_spec::TypeRef;

use super::inline::{code_spans, leading_bold};
use super::types::read_type;

/// What a name cell says.
#[derive(Debug, Clone, PartialEq)]
pub struct NameCell {
    pub name: String,
    /// Star markers: each entry is one marker's star count (`*` → 1, `**` → 2).
    pub markers: Vec<usize>,
    pub ty: Option<TypeRef>,
}

impl NameCell {
    /// A single star is the docs' required marker.
    pub fn starred(&self) -> bool {
        self.markers.contains(&1)
    }
}

/// Reads a name cell's raw markdown; `None` when it holds no name.
pub fn read(raw: &str) -> Option<NameCell> {
    let (name, markers, rest) = match leading_bold(raw) {
        Some((bold, rest)) => {
            let (name, mut markers) = strip_markers(bold);
            let (after, rest) = leading_markers(rest);
            markers.extend(after);
            (name, markers, rest)
        }
        None => {
            let first_line = raw.lines().next().unwrap_or_default().trim();
            let name = match first_line.strip_prefix('`') {
                Some(_) => code_spans(first_line).first().copied().unwrap_or_default(),
                None => first_line,
            };
            let (name, markers) = strip_markers(name);
            let rest = raw.get(first_line.len()..).unwrap_or_default();
            (name, markers, rest)
        }
    };
    let name = name.trim().trim_matches('`').trim();
    if name.is_empty() || name.chars().any(char::is_whitespace) {
        return None;
    }
    Some(NameCell {
        name: name.to_owned(),
        markers,
        ty: read_type(rest),
    })
}

/// Strips required markers from the end of a name: `NAME^*^`, `NAME\*`, `NAME*`.
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
            let stars = name.len() - name.trim_end_matches('*').len();
            markers.push(stars);
            name = name.trim_end_matches('*').trim_end();
        } else {
            break;
        }
    }
    markers.reverse();
    (name.to_owned(), markers)
}

/// Reads markers right after the bold name (`***`, `^*^`, `*,**`) and returns them with
/// the rest of the cell.
fn leading_markers(text: &str) -> (Vec<usize>, &str) {
    let end = text
        .find(|c: char| !matches!(c, '*' | '^' | '\\' | ','))
        .unwrap_or(text.len());
    let (head, rest) = text.split_at(end);
    let markers = head
        .split(',')
        .map(|token| token.matches('*').count())
        .filter(|&stars| stars > 0)
        .collect();
    (markers, rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(raw: &str) -> NameCell {
        read(raw).unwrap()
    }

    #[test]
    fn every_required_dialect() {
        for raw in [
            "**STATUS^*^**\n[`unknown`](../../data-types.md)",
            "**STATUS***\n[`string`](x)",
            "**STATUS**^*^\n[`string`](x)",
            "**STATUS\\***\n[`string`](x)",
        ] {
            let cell = cell(raw);
            assert_eq!(cell.name, "STATUS", "{raw}");
            assert!(cell.starred(), "{raw}");
            assert!(cell.ty.is_some(), "{raw}");
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
    }

    #[test]
    fn plain_and_code_names() {
        assert_eq!(cell("SOURCE_ID").name, "SOURCE_ID");
        assert_eq!(cell("`CALL`").name, "CALL");
        assert!(read("").is_none());
        assert!(read("Два слова").is_none());
    }
}
