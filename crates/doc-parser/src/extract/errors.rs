//! Documented error codes from the error tables, whatever column holds the code.

use b24_spec::ErrorSpec;

use crate::diagnostics::{Code, Diagnostics};
use crate::page::{Include, Node, walk};

use super::columns::{Role, header_roles};
use super::inline::{code_spans, plain};

/// What the error sections document.
#[derive(Debug, Default)]
pub struct Errors {
    pub errors: Vec<ErrorSpec>,
    /// The shared system-error list is included.
    pub system_errors: bool,
}

/// Reads error tables (not those inside includes: included tables are the shared system
/// errors, recorded as a flag).
pub fn read(nodes: &[&Node], path: &str, diags: &mut Diagnostics) -> Errors {
    let mut out = Errors::default();
    for node in nodes {
        match node {
            Node::Include(include) => {
                if is_system_errors(include) {
                    out.system_errors = true;
                }
            }
            Node::Table(table) => {
                let Some(roles) = table.rows.first().and_then(header_roles) else {
                    diags.push(
                        path,
                        table.line,
                        Code::ErrorTableUnknown,
                        "error table without a recognizable header",
                    );
                    continue;
                };
                let Some(code_index) = roles.iter().position(|r| *r == Role::Code) else {
                    diags.push(
                        path,
                        table.line,
                        Code::ErrorTableUnknown,
                        "error table without a code column",
                    );
                    continue;
                };
                let description_index = roles
                    .iter()
                    .position(|r| *r == Role::Description)
                    .or_else(|| roles.iter().position(|r| *r == Role::Message));
                let status_index = roles.iter().position(|r| *r == Role::Status);
                for row in &table.rows[1..] {
                    let Some(code_cell) = row.cells.get(code_index) else {
                        continue;
                    };
                    out.errors.push(ErrorSpec {
                        code: error_code(&code_cell.raw),
                        description: description_index
                            .and_then(|i| row.cells.get(i))
                            .map(|c| c.raw.clone())
                            .unwrap_or_default(),
                        http_status: status_index
                            .and_then(|i| row.cells.get(i))
                            .and_then(|c| plain(&c.raw).parse().ok()),
                    });
                }
            }
            other => walk(std::slice::from_ref(*other), &mut |inner| {
                if let Node::Include(include) = inner
                    && is_system_errors(include)
                {
                    out.system_errors = true;
                }
            }),
        }
    }
    out
}

fn is_system_errors(include: &Include) -> bool {
    include
        .target
        .rsplit('/')
        .next()
        .is_some_and(|file| file.starts_with("system-errors"))
}

/// The code in a cell: the first code span, or the cell's first line; "Пустая строка"
/// and dashes mean the empty code.
fn error_code(raw: &str) -> String {
    let code = match code_spans(raw).first() {
        Some(code) => (*code).to_owned(),
        None => plain(raw.lines().next().unwrap_or_default()),
    };
    let lower = code.to_lowercase();
    if lower.starts_with("пуст") || code == "—" || code == "-" {
        String::new()
    } else {
        code
    }
}
