//! What the parser could not understand: page, line, a stable code and a short reason.

use std::fmt;

use serde::Serialize;

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Worth knowing; the schema is still complete.
    Info,
    /// Something on the page was passed over; the schema may miss it.
    Warning,
    /// The page could not be turned into a schema.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

macro_rules! codes {
    ($($variant:ident => ($name:literal, $severity:ident)),* $(,)?) => {
        /// A stable diagnostic code: tools and tests match on these names.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        pub enum Code { $(#[serde(rename = $name)] $variant),* }

        impl Code {
            /// The stable kebab-case name.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $name),* }
            }

            pub fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity),* }
            }
        }
    };
}

codes! {
    Unreadable => ("unreadable", Error),
    BinaryInput => ("binary-input", Error),
    InvalidUtf8 => ("invalid-utf8", Warning),
    EmptyPage => ("empty-page", Warning),
    LargePage => ("large-page", Warning),
    UnclosedDirective => ("unclosed-directive", Warning),
    UnmatchedDirective => ("unmatched-directive", Warning),
    UnknownDirective => ("unknown-directive", Warning),
    UnclosedTable => ("unclosed-table", Warning),
    MalformedTable => ("malformed-table", Warning),
    IncludeUnresolved => ("include-unresolved", Warning),
    IncludeTooDeep => ("include-too-deep", Warning),
    NestingTooDeep => ("nesting-too-deep", Warning),
    NotAMethodPage => ("not-a-method-page", Warning),
    MethodSchemaThin => ("method-schema-thin", Warning),
    MethodNameMismatch => ("method-name-mismatch", Warning),
    DuplicateMethod => ("duplicate-method", Error),
    DuplicateMethodRenamed => ("duplicate-method-renamed", Warning),
    DuplicateEvent => ("duplicate-event", Warning),
    ParamsNotFound => ("params-not-found", Warning),
    FieldTableUnlinked => ("field-table-unlinked", Info),
    EventPayloadUnknown => ("event-payload-unknown", Warning),
    NoScope => ("no-scope", Warning),
    ParamsTableUnknown => ("params-table-unknown", Warning),
    ParamNameMissing => ("param-name-missing", Warning),
    ParamRowUnsplit => ("param-row-unsplit", Warning),
    ParamPathOrphan => ("param-path-orphan", Info),
    SubtableUnlinked => ("subtable-unlinked", Warning),
    ParamsTableAppended => ("params-table-appended", Info),
    ParamsNestedByExample => ("params-nested-by-example", Info),
    TableNotParams => ("table-not-params", Info),
    TypeUnknownWord => ("type-unknown-word", Info),
    EnumUnattached => ("enum-unattached", Warning),
    EnumRejected => ("enum-rejected", Info),
    ValuesUnlinked => ("values-unlinked", Info),
    PatternInstances => ("pattern-instances", Info),
    ResponseJsonInvalid => ("response-json-invalid", Warning),
    ResponseJsonLenient => ("response-json-lenient", Info),
    ResponseDisagrees => ("response-disagrees", Warning),
    ResponseKeysUndocumented => ("response-keys-undocumented", Info),
    ResponseUnknown => ("response-unknown", Info),
    ErrorTableUnknown => ("error-table-unknown", Warning),
    TypeDefinedTwice => ("type-defined-twice", Warning),
    RefUnresolved => ("ref-unresolved", Info),
    RestV3Unclassified => ("rest-v3-unclassified", Warning),
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One thing the parser passed over or could not understand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// The file, relative to the docs root when there is one.
    pub path: String,
    /// 1-based line; 0 when the problem concerns the whole file.
    pub line: u32,
    pub code: Code,
    pub severity: Severity,
    pub message: String,
}

impl Diagnostic {
    pub fn new(path: &str, line: u32, code: Code, message: impl Into<String>) -> Self {
        Self {
            path: path.to_owned(),
            line,
            code,
            severity: code.severity(),
            message: message.into(),
        }
    }
}

/// `path:line: severity[code]: message`, the form editors and CI logs link.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: {}[{}]: {}",
            self.path, self.line, self.severity, self.code, self.message
        )
    }
}

/// Collects diagnostics for one file being read (the page or one of its includes).
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, path: &str, line: u32, code: Code, message: impl Into<String>) {
        self.items.push(Diagnostic::new(path, line, code, message));
    }

    pub fn extend(&mut self, more: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(more);
    }

    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.items
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }
}
