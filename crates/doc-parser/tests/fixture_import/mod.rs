//! A fixture docs folder under `tests/fixtures/`, imported once per test binary, and
//! lookups by name that fail the test with the missing name.

use std::sync::OnceLock;

use b24_doc_parser::Import;
use b24_spec::{EventSpec, MethodSpec, Param, ReferenceType};

/// The import of `tests/fixtures/<folder>`, made on first use.
pub struct Fixture {
    folder: &'static str,
    import: OnceLock<Import>,
}

impl Fixture {
    pub const fn new(folder: &'static str) -> Self {
        Self {
            folder,
            import: OnceLock::new(),
        }
    }

    pub fn import(&self) -> &Import {
        self.import.get_or_init(|| {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures")
                .join(self.folder);
            b24_doc_parser::import(&dir, &()).expect("the fixture imports")
        })
    }

    pub fn method(&self, name: &str) -> &MethodSpec {
        self.import()
            .methods
            .iter()
            .find(|m| m.method == name)
            .unwrap_or_else(|| panic!("no method {name}"))
    }

    #[allow(dead_code)] // not every test binary reads types or events
    pub fn entity(&self, name: &str) -> &ReferenceType {
        self.import()
            .types
            .iter()
            .find(|t| t.name == name)
            .unwrap_or_else(|| panic!("no type {name}"))
    }

    #[allow(dead_code)]
    pub fn event(&self, name: &str) -> &EventSpec {
        self.import()
            .events
            .iter()
            .find(|e| e.event == name)
            .unwrap_or_else(|| panic!("no event {name}"))
    }
}

/// The field `name` of `fields`, failing the test with the name when it is missing.
#[allow(dead_code)] // not every test binary looks fields up
pub fn field<'a>(fields: &'a [Param], name: &str) -> &'a Param {
    fields
        .iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("no field {name}"))
}

/// The names of `fields`, in order.
#[allow(dead_code)]
pub fn names(fields: &[Param]) -> Vec<&str> {
    fields.iter().map(|f| f.name.as_str()).collect()
}
