//! Documented error codes from the error tables, whatever column holds the code:
//! `Код | Описание | Значение`, `Статус | Код | …` (code second), `Код | Cообщение об
//! ошибке | Описание` (Latin C), tables without a code column (the code is empty), and the
//! REST 3.0 field tables whose code is given in the prose before them ("Код ошибки:
//! `BITRIX_REST_V3_…`").

use crate::letters::starts_folded;
use crate::lexicon::response as lx;
use std::collections::{HashMap, HashSet};

use b24_spec::ErrorSpec;

use crate::diagnostics::{Code, Diagnostics};
use crate::page::{Node, Row, Table};

use super::columns::{Role, header_roles};
use super::inline::{code_spans, plain};

/// Containers deeper than this are not searched.
const MAX_DEPTH: usize = 16;

/// What the error sections document.
#[derive(Debug, Default)]
pub struct Errors {
    pub errors: Vec<ErrorSpec>,
    /// The shared system-error list is included.
    pub system_errors: bool,
}

/// Reads error tables (not those inside includes: included tables are the shared system
/// errors, recorded as a flag, or the description of the error envelope).
pub fn read(nodes: &[&Node], path: &str, diags: &mut Diagnostics) -> Errors {
    let mut reader = Reader {
        path,
        diags,
        out: Errors::default(),
        prose_code: None,
    };
    for node in nodes {
        reader.visit(node, 0);
    }
    let mut out = reader.out;
    out.errors = merge_repeated(out.errors);
    out
}

struct Reader<'p, 'd> {
    path: &'p str,
    diags: &'d mut Diagnostics,
    out: Errors,
    /// "Код ошибки: `X`" just read: the code of the next table without a code column.
    prose_code: Option<String>,
}

impl Reader<'_, '_> {
    fn visit(&mut self, node: &Node, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        match node {
            Node::Include(include) if super::includes_file(include, lx::SYSTEM_ERRORS_INCLUDE) => {
                self.out.system_errors = true
            }
            Node::Paragraph(text) => {
                if starts_folded(&text.plain, lx::ERROR_CODE_IN_PROSE)
                    && let Some(code) = code_spans(&text.raw).first()
                {
                    self.prose_code = Some((*code).to_owned());
                }
            }
            Node::Heading(_) => self.prose_code = None,
            Node::Table(table) => self.table(table),
            Node::Note(_) | Node::Cut(_) | Node::Tabs(_) | Node::Quote(_) => {
                for group in node.children() {
                    for child in group {
                        self.visit(child, depth + 1);
                    }
                }
            }
            _ => {}
        }
    }

    fn table(&mut self, table: &Table) {
        let Some(roles) = table.rows.first().and_then(header_roles) else {
            self.diags.push(
                self.path,
                table.line,
                Code::ErrorTableUnknown,
                "error table without a recognizable header; its rows are left out",
            );
            return;
        };
        let columns = Columns::of(&roles);
        if columns.code.is_none() && columns.message.is_none() && self.prose_code.is_none() {
            self.diags.push(
                self.path,
                table.line,
                Code::ErrorTableUnknown,
                "error table with neither a code nor a message column; its rows are left out",
            );
            return;
        }
        let prose_code = self.prose_code.take();
        for row in &table.rows[1..] {
            if let Some(error) = columns.read(row, prose_code.as_deref()) {
                self.out.errors.push(error);
            }
        }
    }
}

/// Which column holds what, from the header's roles.
#[derive(Debug, Default)]
struct Columns {
    code: Option<usize>,
    status: Option<usize>,
    /// The server's `error_description` text.
    message: Option<usize>,
    description: Option<usize>,
    /// REST 3.0: the request field the error is about, and how to fix it.
    field: Option<usize>,
    fix: Option<usize>,
}

impl Columns {
    fn of(roles: &[Role]) -> Columns {
        let find = |role: Role| roles.iter().position(|r| *r == role);
        let mut columns = Columns {
            code: find(Role::Code),
            status: find(Role::Status),
            message: find(Role::Message),
            description: find(Role::Description),
            ..Columns::default()
        };
        // `Поле | Описание ошибки | Как исправить` (REST 3.0), and `Описание | Значение`
        // where "Описание" is the message and "Значение" explains it.
        let named = super::params::name_column(roles);
        let other = roles.iter().position(|r| *r == Role::Other);
        match (named, columns.description) {
            (Some(name), Some(description)) if name < description => {
                columns.field = Some(name);
                columns.fix = other;
            }
            (Some(meaning), Some(description)) if columns.message.is_none() => {
                columns.message = Some(description);
                columns.description = Some(meaning);
            }
            _ => {}
        }
        columns
    }

    fn read(&self, row: &Row, prose_code: Option<&str>) -> Option<ErrorSpec> {
        let cell =
            |index: Option<usize>| index.and_then(|i| row.cells.get(i)).map(|c| c.raw.as_str());
        let code = match (self.code, prose_code) {
            (Some(index), _) => error_code(row.cells.get(index)?.raw.as_str()),
            (None, Some(code)) => code.to_owned(),
            // No code column: the server sends an empty code with this message.
            (None, None) => String::new(),
        };
        let message = cell(self.message)
            .map(|raw| match code_spans(raw).first() {
                Some(span) if raw.trim().starts_with('`') => (*span).to_owned(),
                _ => plain(raw),
            })
            .filter(|m| !m.is_empty());
        let mut description = cell(self.description).unwrap_or_default().to_owned();
        if let Some(field) = cell(self.field)
            .map(plain)
            .filter(|f| !f.is_empty() && f != "-")
        {
            description = format!("`{field}`: {description}");
        }
        if let Some(fix) = cell(self.fix).filter(|f| !f.trim().is_empty()) {
            description = format!("{description} ({fix})");
        }
        if code.is_empty() && message.is_none() && description.is_empty() {
            return None;
        }
        Some(ErrorSpec {
            code,
            message,
            description,
            http_status: cell(self.status).and_then(http_status),
        })
    }
}

/// The code in a cell: the first code span, or the cell's first line (bold codes);
/// "Пустая строка" and dashes mean the empty code.
fn error_code(raw: &str) -> String {
    let code = match code_spans(raw).first() {
        Some(code) => (*code).trim().to_owned(),
        None => plain(raw.lines().next().unwrap_or_default()),
    };
    let lower = code.to_lowercase();
    if lower.starts_with(lx::EMPTY_CODE) || matches!(code.as_str(), "—" | "-" | "–" | "\"\"" | "''")
    {
        String::new()
    } else {
        code
    }
}

/// The HTTP status in a cell: its first run of three digits.
fn http_status(raw: &str) -> Option<u16> {
    let text = plain(raw);
    let digits: String = text
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok().filter(|s| (100..600).contains(s))
}

/// Rows repeating a code (with the same message and status) become one error whose
/// description joins theirs. A map keeps it linear however many rows a table has; the
/// short lists of most pages are merged by comparing with what is kept so far.
fn merge_repeated(errors: Vec<ErrorSpec>) -> Vec<ErrorSpec> {
    if errors.len() <= SHORT_LIST {
        merge_short(errors)
    } else {
        merge_mapped(errors)
    }
}

fn merge_mapped(errors: Vec<ErrorSpec>) -> Vec<ErrorSpec> {
    let mut out: Vec<ErrorSpec> = Vec::with_capacity(errors.len());
    let mut index: HashMap<(String, Option<String>, Option<u16>), usize> = HashMap::new();
    let mut joined: HashSet<(usize, String)> = HashSet::new();
    for error in errors {
        let key = (error.code.clone(), error.message.clone(), error.http_status);
        match index.get(&key) {
            Some(&at) => {
                if !error.description.is_empty() && joined.insert((at, error.description.clone())) {
                    let first = &mut out[at];
                    if !first.description.is_empty() {
                        first.description.push('\n');
                    }
                    first.description.push_str(&error.description);
                }
            }
            None => {
                index.insert(key, out.len());
                joined.insert((out.len(), error.description.clone()));
                out.push(error);
            }
        }
    }
    out
}

/// Up to this many errors, [`merge_short`] costs less than hashing every key.
const SHORT_LIST: usize = 32;

/// [`merge_repeated`] by linear search: the same merge, without the maps.
fn merge_short(errors: Vec<ErrorSpec>) -> Vec<ErrorSpec> {
    let mut out: Vec<ErrorSpec> = Vec::with_capacity(errors.len());
    // Descriptions already joined into each kept error (its own first).
    let mut joined: Vec<(usize, String)> = Vec::new();
    for error in errors {
        let at = out.iter().position(|kept| {
            kept.code == error.code
                && kept.message == error.message
                && kept.http_status == error.http_status
        });
        match at {
            Some(at) => {
                let seen = joined
                    .iter()
                    .any(|(index, description)| *index == at && *description == error.description);
                if !error.description.is_empty() && !seen {
                    joined.push((at, error.description.clone()));
                    let first = &mut out[at];
                    if !first.description.is_empty() {
                        first.description.push('\n');
                    }
                    first.description.push_str(&error.description);
                }
            }
            None => {
                joined.push((out.len(), error.description.clone()));
                out.push(error);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Diagnostic;
    use crate::includes::NoIncludes;

    #[test]
    fn short_and_mapped_merges_agree() {
        let error = |code: &str, message: Option<&str>, description: &str| ErrorSpec {
            code: code.to_owned(),
            message: message.map(str::to_owned),
            description: description.to_owned(),
            ..ErrorSpec::default()
        };
        let errors = vec![
            error("A", Some("m"), "one"),
            error("B", None, ""),
            error("A", Some("m"), "two"),
            error("A", Some("m"), "one"),
            error("A", Some("other"), "x"),
            error("B", None, "later"),
            error("B", None, ""),
            error("C", None, "c"),
        ];
        assert_eq!(merge_short(errors.clone()), merge_mapped(errors.clone()));
        assert_eq!(merge_short(errors)[0].description, "one\ntwo");
    }

    fn errors(md: &str) -> (Errors, Vec<Diagnostic>) {
        let mut diags = Diagnostics::default();
        let nodes = crate::parse_blocks("page.md", md, &NoIncludes, &mut diags);
        let refs: Vec<&Node> = nodes.iter().collect();
        let errors = read(&refs, "page.md", &mut diags);
        (errors, diags.into_vec())
    }

    fn rows(errors: &Errors) -> Vec<(&str, Option<&str>, Option<u16>)> {
        errors
            .errors
            .iter()
            .map(|e| (e.code.as_str(), e.message.as_deref(), e.http_status))
            .collect()
    }

    #[test]
    fn code_first_with_message_and_meaning() {
        let (errors, diags) = errors(
            "#|\n|| **Код** | **Описание** | **Значение** ||\n|| `ERROR_CORE` | Internal error | Ошибка ядра ||\n|| **BAD_ID** | Bad id | Неверный ID ||\n|| `ATTACH_ERROR ` | x | y ||\n|#\n",
        );
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(
            rows(&errors),
            [
                ("ERROR_CORE", Some("Internal error"), None),
                ("BAD_ID", Some("Bad id"), None),
                ("ATTACH_ERROR", Some("x"), None)
            ]
        );
        assert_eq!(errors.errors[0].description, "Ошибка ядра");
    }

    #[test]
    fn status_first_and_code_second() {
        let (errors, _) = errors(
            "#|\n|| **Статус** |**Код** | **Описание** | **Значение** ||\n|| `403` | `ACCESS_DENIED` | Access denied! | Не администратор ||\n|#\n",
        );
        assert_eq!(
            rows(&errors),
            [("ACCESS_DENIED", Some("Access denied!"), Some(403))]
        );
    }

    #[test]
    fn latin_c_message_and_status_last() {
        let (errors, _) = errors(
            "#|\n|| **Код** | **Cообщение об ошибке** | **Описание** ||\n|| `100` | Неверный параметр | Подробно ||\n|#\n\n#|\n|| **Код** | **Описание** | **Статус** ||\n|| `ERROR_X` | Плохо | 400 Bad Request ||\n|#\n",
        );
        assert_eq!(
            rows(&errors),
            [
                ("100", Some("Неверный параметр"), None),
                ("ERROR_X", None, Some(400))
            ]
        );
        assert_eq!(errors.errors[0].description, "Подробно");
    }

    #[test]
    fn empty_codes_and_no_code_column() {
        let (errors, _) = errors(
            "#|\n|| **Код** | **Описание** ||\n|| Пустая строка | Не передан id ||\n|| — | Нет доступа ||\n|#\n\n#|\n|| **Описание** | **Значение** ||\n|| `Not found` | Не найден ||\n|#\n",
        );
        assert_eq!(
            rows(&errors),
            [("", None, None), ("", Some("Not found"), None)]
        );
        assert_eq!(errors.errors[0].description, "Не передан id\nНет доступа");
    }

    #[test]
    fn rest_v3_code_in_prose() {
        let (errors, _) = errors(
            "#### Ошибки доступа\n\nКод ошибки: `BITRIX_REST_V3_EXCEPTION_ACCESSDENIEDEXCEPTION`\n\n#|\n|| **Поле** | **Описание ошибки** | **Как исправить** ||\n|| `-` | Доступ запрещен | Проверьте права ||\n|| `id` | Не найден | Передайте id ||\n|#\n",
        );
        assert_eq!(errors.errors.len(), 1);
        let error = &errors.errors[0];
        assert_eq!(error.code, "BITRIX_REST_V3_EXCEPTION_ACCESSDENIEDEXCEPTION");
        assert_eq!(
            error.description,
            "Доступ запрещен (Проверьте права)\n`id`: Не найден (Передайте id)"
        );
    }

    #[test]
    fn system_errors_include_and_unknown_tables() {
        let (errors, diags) = errors(
            "{% include [x](../_includes/system-errors.md) %}\n\n#|\n|| Что-то | Другое ||\n|#\n",
        );
        assert!(errors.system_errors);
        let codes: Vec<Code> = diags.iter().map(|d| d.code).collect();
        assert!(codes.contains(&Code::ErrorTableUnknown), "{codes:?}");
    }
}
