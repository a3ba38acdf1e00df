//! Importing a whole documentation folder: discovery, parallel parsing, de-duplication
//! and the summary.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use b24_spec::{EventSpec, MethodSpec, Param, ReferenceType, Required, TypeExpr};
use rayon::prelude::*;
use serde::Serialize;

use crate::diagnostics::{Code, Diagnostic, Severity};
use crate::includes::FsIncludes;
use crate::{Outcome, parse_page};

/// Why an import could not run at all. Problems with single pages are diagnostics.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{0}: no such folder")]
    Missing(PathBuf),
    #[error("{0}: not a folder")]
    NotAFolder(PathBuf),
    #[error("{path}: cannot list the folder")]
    Walk {
        path: PathBuf,
        #[source]
        source: walkdir::Error,
    },
    #[error("{0}: no .md pages found")]
    Empty(PathBuf),
}

/// What happened to one page.
#[derive(Debug, Clone, Serialize)]
pub struct PageReport {
    pub path: String,
    /// `method`, `event`, `types` (a data-types page), `fields` (a field page), `skipped`
    /// or `unreadable`.
    pub kind: &'static str,
    /// The method or event name, or why the page was skipped.
    pub detail: String,
    pub diagnostics: Vec<Diagnostic>,
}

/// An imported folder.
#[derive(Debug)]
pub struct Import {
    /// The docs root: includes resolve inside it and `source` paths are relative to it.
    pub root: PathBuf,
    pub pages: Vec<PageReport>,
    /// One schema per method, sorted by page path.
    pub methods: Vec<MethodSpec>,
    /// One schema per event, sorted by page path.
    pub events: Vec<EventSpec>,
    /// The named types the data-types pages define and the entities the corpus pass
    /// builds (`kind: entity`), sorted by name.
    pub types: Vec<ReferenceType>,
    /// What the corpus pass (`crate::link`) did: entities, links resolved and not, maps.
    pub links: LinkCounts,
}

/// The corpus pass's counts (its diagnostics are in the pages' reports).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct LinkCounts {
    pub field_pages: usize,
    pub entities: usize,
    pub resolved: usize,
    pub unresolved: usize,
    pub maps: usize,
}

/// Told how an import advances (a progress bar, for instance).
pub trait Progress: Sync {
    /// `count` more pages are found and will be parsed. Folders are listed while pages
    /// are parsed, so this comes several times.
    fn found(&self, _count: usize) {}
    /// One more page is parsed.
    fn page_done(&self) {}
}

/// No progress reporting.
impl Progress for () {}

/// Imports every page under `dir`: `dir/api-reference/**.md` when `dir` is a docs root,
/// else every `.md` under `dir`.
pub fn import(dir: &Path, progress: &dyn Progress) -> Result<Import, ImportError> {
    import_with(dir, progress, |_| ()).map(|(import, ())| import)
}

/// [`import`], running `beside_link` on the import's events while the link pass runs.
/// Much of that pass runs on one core; the events are final before it (it reads and changes
/// methods and types only), so work on them (`codegen import` serializes them) can use
/// the other core meanwhile.
pub fn import_with<R: Send>(
    dir: &Path,
    progress: &dyn Progress,
    beside_link: impl FnOnce(&[EventSpec]) -> R + Send,
) -> Result<(Import, R), ImportError> {
    if !dir.exists() {
        return Err(ImportError::Missing(dir.to_owned()));
    }
    if !dir.is_dir() {
        return Err(ImportError::NotAFolder(dir.to_owned()));
    }
    let reference = dir.join("api-reference");
    let scan = if reference.is_dir() {
        reference
    } else {
        dir.to_owned()
    };
    // The folders under `scan` are listed on all cores while the pages found so far are
    // parsed: no serial walk before the parse. The pages keep the order of one sorted
    // walk: `collect` keeps the order of the folders, and each folder's walk is sorted.
    let includes = FsIncludes::new(dir);
    let parsed: Vec<Result<crate::ParsedPage, ImportError>> = top_entries(&scan)?
        .into_par_iter()
        .flat_map(|top| {
            let found = walk(&scan, top);
            progress.found(found.len());
            found
        })
        .map(|found| {
            found.map(|path| {
                let page = read_and_parse(dir, &path, &includes);
                progress.page_done();
                page
            })
        })
        .collect();
    let parsed = parsed.into_iter().collect::<Result<Vec<_>, _>>()?;
    if parsed.is_empty() {
        return Err(ImportError::Empty(scan));
    }
    Ok(assemble(dir, parsed, beside_link))
}

/// Reads and parses one page into a buffer each thread reuses from page to page.
fn read_and_parse(dir: &Path, path: &Path, includes: &FsIncludes) -> crate::ParsedPage {
    thread_local! {
        static BUFFER: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    }
    let relative = relative_path(dir, path);
    BUFFER.with_borrow_mut(|buffer| match read_into(path, buffer) {
        Ok(len) => compact(parse_page(&relative, &buffer[..len], includes)),
        Err(error) => crate::ParsedPage {
            diagnostics: vec![Diagnostic::new(
                &relative,
                0,
                Code::Unreadable,
                format!("cannot read the file: {error}"),
            )],
            path: relative,
            outcome: Outcome::Unreadable,
            other_name: None,
            example_results: Vec::new(),
        },
    })
}

/// The page with its schema copied into fresh allocations. The schema is kept until the
/// end of the import, while the rest of the parse is freed at once; built among the
/// parse's allocations, its strings would keep most of the parse's memory pages in use
/// (and grown strings their spare capacity), where copies lie side by side: this keeps an
/// import into an empty folder within its 64 MB budget.
fn compact(mut page: crate::ParsedPage) -> crate::ParsedPage {
    page.outcome = match page.outcome {
        Outcome::Method(spec) => Outcome::Method(Box::new((*spec).clone())),
        Outcome::Event(event) => Outcome::Event(Box::new((*event).clone())),
        Outcome::Events(events) => Outcome::Events(events.to_vec()),
        other => other,
    };
    page
}

/// Reads a whole file into `buffer` (grown as needed, never shrunk) and gives its length.
/// Unlike `fs::read` it asks for no size first (one `statx` less per page) and reads in
/// one call: the reused buffer is already larger than most pages.
fn read_into(path: &Path, buffer: &mut Vec<u8>) -> std::io::Result<usize> {
    use std::io::Read as _;
    let mut file = std::fs::File::open(path)?;
    let mut len = 0;
    loop {
        if len == buffer.len() {
            buffer.resize((buffer.len() * 2).max(256 * 1024), 0);
        }
        match file.read(&mut buffer[len..]) {
            Ok(0) => return Ok(len),
            Ok(read) => len += read,
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => {}
            Err(error) => return Err(error),
        }
    }
}

/// Adds `event` to the import unless another page documented it first (names compare
/// without case); a repeat is reported on its page.
fn keep_event(
    event: EventSpec,
    path: &str,
    seen: &mut HashMap<String, String>,
    events: &mut Vec<EventSpec>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    match seen.get(&event.event.to_lowercase()) {
        Some(first) => diagnostics.push(Diagnostic::new(
            path,
            1,
            Code::DuplicateEvent,
            format!(
                "event `{}` is already documented by {first}; this page is left out",
                event.event
            ),
        )),
        None => {
            seen.insert(event.event.to_lowercase(), path.to_owned());
            events.push(event);
        }
    }
}

/// Turns parsed pages into the import: methods and events de-duplicated (names compare
/// case-insensitively, as on the server), every page reported.
fn assemble<R: Send>(
    dir: &Path,
    parsed: Vec<crate::ParsedPage>,
    beside_link: impl FnOnce(&[EventSpec]) -> R + Send,
) -> (Import, R) {
    let keep = resolve_duplicates(&parsed);
    // Sized up front: regrowing these vectors of specs would copy them and leave the
    // old buffers behind, a few MB at the peak of the import.
    let count = |event: bool| {
        parsed
            .iter()
            .map(|page| match &page.outcome {
                Outcome::Method(_) => usize::from(!event),
                Outcome::Event(_) => usize::from(event),
                Outcome::Events(events) if event => events.len(),
                _ => 0,
            })
            .sum()
    };
    let mut methods = Vec::with_capacity(count(false));
    // By method: the results of its success examples, for the link pass.
    let mut results = Vec::with_capacity(count(false));
    let mut events = Vec::with_capacity(count(true));
    let mut seen_events: HashMap<String, String> = HashMap::new();
    let mut types: BTreeMap<String, ReferenceType> = BTreeMap::new();
    let mut pages = Vec::with_capacity(parsed.len());
    let mut field_pages: Vec<(String, Vec<crate::extract::FieldSection>)> = Vec::new();
    for (index, mut page) in parsed.into_iter().enumerate() {
        let (kind, detail) = match page.outcome {
            Outcome::Method(mut spec) => {
                let detail = spec.method.clone();
                match &keep[index] {
                    Verdict::Drop(first) => page.diagnostics.push(Diagnostic::new(
                        &page.path,
                        1,
                        Code::DuplicateMethod,
                        format!(
                            "`{}` is already documented by {first}; this page yields no schema",
                            spec.method
                        ),
                    )),
                    verdict => {
                        if let Verdict::Rename(name) = verdict {
                            page.diagnostics.push(Diagnostic::new(
                                &page.path,
                                1,
                                Code::DuplicateMethodRenamed,
                                format!(
                                    "the h1 repeats `{}`, which another page documents; this page\'s own text names `{name}`, used instead",
                                    spec.method
                                ),
                            ));
                            spec.method = name.clone();
                        }
                        methods.push(*spec);
                        results.push(std::mem::take(&mut page.example_results));
                    }
                }
                ("method", detail)
            }
            Outcome::Event(event) => {
                let detail = event.event.clone();
                keep_event(
                    *event,
                    &page.path,
                    &mut seen_events,
                    &mut events,
                    &mut page.diagnostics,
                );
                ("event", detail)
            }
            Outcome::Events(family) => {
                let names: Vec<&str> = family.iter().map(|e| e.event.as_str()).collect();
                let detail = names.join(", ");
                for event in family {
                    keep_event(
                        event,
                        &page.path,
                        &mut seen_events,
                        &mut events,
                        &mut page.diagnostics,
                    );
                }
                ("events", detail)
            }
            Outcome::Types(defined) => {
                let detail = format!("{} named types", defined.len());
                for ty in defined {
                    match types.get(&ty.name) {
                        Some(first) => page.diagnostics.push(Diagnostic::new(
                            &page.path,
                            1,
                            Code::TypeDefinedTwice,
                            format!(
                                "named type `{}` is already defined by {}; this definition is left out",
                                ty.name, first.source
                            ),
                        )),
                        None => {
                            types.insert(ty.name.clone(), ty);
                        }
                    }
                }
                ("types", detail)
            }
            Outcome::Fields(sections) => {
                let detail = format!("{} field tables", sections.len());
                field_pages.push((page.path.clone(), sections));
                ("fields", detail)
            }
            Outcome::Skipped(reason) => ("skipped", reason),
            Outcome::Unreadable => ("unreadable", String::new()),
        };
        pages.push(PageReport {
            path: page.path,
            kind,
            detail,
            diagnostics: page.diagnostics,
        });
    }
    let views: Vec<crate::link::FieldPage<'_>> = field_pages
        .iter()
        .map(|(path, sections)| crate::link::FieldPage { path, sections })
        .collect();
    // Named objects first (`User` of the chat-bot pages): the rest of the pass sees them
    // as entities.
    let objects = crate::link::object_pages::apply(&views, &mut methods, &mut events, &mut types);
    // Pages of named objects are read by that pass alone: a link to one from a description
    // ("в виджете [CRM_XXX_DETAIL_ACTIVITY](../widgets/crm/detail-activity-area.md)") does not
    // make its first table the linking method's entity.
    let views: Vec<crate::link::FieldPage<'_>> = views
        .into_iter()
        .filter(|page| !crate::link::object_pages::is_object_page(page))
        .collect();
    let (report, beside) = rayon::join(
        || crate::link::run(dir, &mut methods, results, &views, &mut types),
        || beside_link(&events),
    );
    let index: HashMap<&str, usize> = pages
        .iter()
        .enumerate()
        .map(|(i, p)| (p.path.as_str(), i))
        .collect();
    // Every diagnostic names a method or field page of this import.
    let placed: Vec<(usize, Diagnostic)> = report
        .diagnostics
        .into_iter()
        .filter_map(|diag| index.get(diag.path.as_str()).map(|&i| (i, diag)))
        .collect();
    for (i, diag) in placed {
        pages[i].diagnostics.push(diag);
    }
    let import = Import {
        root: dir.to_owned(),
        pages,
        methods,
        events,
        types: types.into_values().collect(),
        links: LinkCounts {
            field_pages: field_pages.len(),
            entities: report.entities + objects.entities,
            resolved: report.resolved + objects.resolved,
            unresolved: report.unresolved,
            maps: report.maps,
        },
    };
    (import, beside)
}

/// What becomes of a method page's schema.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Verdict {
    Keep,
    /// A duplicate h1 whose page names another, free method: renamed to it.
    Rename(String),
    /// A duplicate that cannot be resolved: the first page's path.
    Drop(String),
}

/// Among pages claiming one (name, API version), the first page the rest of its text does
/// not contradict keeps the name; the others take the name their text gives when that is
/// free, or are dropped.
fn resolve_duplicates(parsed: &[crate::ParsedPage]) -> Vec<Verdict> {
    let key = |spec: &MethodSpec, name: &str| (name.to_lowercase(), spec.api_version);
    let mut groups: HashMap<(String, b24_spec::ApiVersion), Vec<usize>> = HashMap::new();
    for (index, page) in parsed.iter().enumerate() {
        if let Outcome::Method(spec) = &page.outcome {
            groups
                .entry(key(spec, &spec.method))
                .or_default()
                .push(index);
        }
    }
    let mut verdicts = vec![Verdict::Keep; parsed.len()];
    let mut duplicates: Vec<&Vec<usize>> = groups.values().filter(|g| g.len() > 1).collect();
    duplicates.sort();
    let mut taken: std::collections::HashSet<(String, b24_spec::ApiVersion)> =
        groups.keys().cloned().collect();
    for group in duplicates {
        let owner = group
            .iter()
            .copied()
            .find(|&i| parsed[i].other_name.is_none())
            .unwrap_or(group[0]);
        for &index in group.iter().filter(|&&i| i != owner) {
            let page = &parsed[index];
            let Outcome::Method(spec) = &page.outcome else {
                continue;
            };
            verdicts[index] = match &page.other_name {
                Some(name) if taken.insert(key(spec, name)) => Verdict::Rename(name.clone()),
                _ => Verdict::Drop(parsed[owner].path.clone()),
            };
        }
    }
    verdicts
}

/// The entries right inside `dir`, sorted by name, as the walk of `dir` meets them.
fn top_entries(dir: &Path) -> Result<Vec<walkdir::DirEntry>, ImportError> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .min_depth(1)
        .max_depth(1)
        .into_iter()
        .collect::<Result<_, _>>()
        .map_err(|source| ImportError::Walk {
            path: dir.to_owned(),
            source,
        })
}

/// The pages at and under `top` (an entry of `scan`) in the order of a sorted walk of
/// `scan`, and the walk's error where one cuts it short.
fn walk(scan: &Path, top: walkdir::DirEntry) -> Vec<Result<PathBuf, ImportError>> {
    let mut pages = Vec::new();
    if !top.file_type().is_dir() {
        if is_page(&top) {
            pages.push(Ok(top.into_path()));
        }
        return pages;
    }
    // `min_depth(1)`: the folder itself was met in the listing of `scan`.
    for entry in walkdir::WalkDir::new(top.path())
        .sort_by_file_name()
        .min_depth(1)
    {
        match entry {
            Ok(entry) if is_page(&entry) => pages.push(Ok(entry.into_path())),
            Ok(_) => {}
            Err(source) => {
                pages.push(Err(ImportError::Walk {
                    path: scan.to_owned(),
                    source,
                }));
                break;
            }
        }
    }
    pages
}

/// A `.md` file; symlinks are kept so that a broken one is reported as unreadable, not
/// skipped.
fn is_page(entry: &walkdir::DirEntry) -> bool {
    let candidate = entry.file_type().is_file() || entry.path_is_symlink();
    candidate && entry.path().extension().is_some_and(|e| e == "md")
}

fn relative_path(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Counts for the import summary and `--report`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    pub pages: usize,
    pub method_pages: usize,
    pub methods: usize,
    /// Methods by API: classic (`/rest/`) and REST 3.0 (`/rest/api/`).
    pub classic_methods: usize,
    pub rest_v3_methods: usize,
    pub event_pages: usize,
    pub events: usize,
    /// Data-types pages, and the named types they define.
    pub type_pages: usize,
    pub types: usize,
    /// Field pages ("Поля задачи", `main-entities-fields.md`): read for entities.
    pub field_pages: usize,
    /// The corpus pass: entities built, links resolved and unresolved, maps typed.
    pub links: LinkCounts,
    pub skipped_pages: usize,
    pub unreadable_pages: usize,
    pub params: usize,
    pub params_required_unknown: usize,
    pub enums: usize,
    pub nested_objects: usize,
    pub response_fields: usize,
    pub event_fields: usize,
    pub errors: usize,
    /// Type words normalized to a named reference (`crm_status`, `user`) that no data-types
    /// page defines, with counts.
    pub unknown_type_words: BTreeMap<String, usize>,
    /// Named type words a data-types page defines, with counts.
    pub defined_type_words: BTreeMap<String, usize>,
    pub diagnostics_by_severity: BTreeMap<String, usize>,
    pub diagnostics_by_code: BTreeMap<String, usize>,
}

impl Import {
    pub fn summary(&self) -> Summary {
        let mut summary = Summary {
            pages: self.pages.len(),
            methods: self.methods.len(),
            events: self.events.len(),
            types: self.types.len(),
            links: self.links,
            ..Summary::default()
        };
        for page in &self.pages {
            match page.kind {
                "method" => summary.method_pages += 1,
                "event" | "events" => summary.event_pages += 1,
                "types" => summary.type_pages += 1,
                "fields" => summary.field_pages += 1,
                "skipped" => summary.skipped_pages += 1,
                _ => summary.unreadable_pages += 1,
            }
            for diag in &page.diagnostics {
                *summary
                    .diagnostics_by_code
                    .entry(diag.code.as_str().to_owned())
                    .or_default() += 1;
                *summary
                    .diagnostics_by_severity
                    .entry(diag.severity.to_string())
                    .or_default() += 1;
            }
        }
        for method in &self.methods {
            match method.api_version {
                b24_spec::ApiVersion::Classic => summary.classic_methods += 1,
                b24_spec::ApiVersion::RestV3 => summary.rest_v3_methods += 1,
            }
            count_params(&method.params, &mut summary);
            summary.response_fields += count_fields(&method.response.fields, &mut summary);
            summary.errors += method.errors.len();
        }
        for event in &self.events {
            summary.event_fields += count_fields(&event.payload, &mut summary);
        }
        // Words were counted as unknown; those a data-types page defines move over, and so
        // do the ids of defined types (`user.id`, `sale_order.id`).
        let defined: std::collections::HashSet<&str> =
            self.types.iter().map(|ty| ty.name.as_str()).collect();
        let is_defined = |word: &str| {
            defined.contains(word)
                || word
                    .split_once('.')
                    .is_some_and(|(owner, _)| defined.contains(owner))
        };
        let (known, unknown) = std::mem::take(&mut summary.unknown_type_words)
            .into_iter()
            .partition(|(word, _)| is_defined(word));
        summary.defined_type_words = known;
        summary.unknown_type_words = unknown;
        summary
    }

    /// Every diagnostic of at least `severity`, in page order.
    pub fn diagnostics(&self, severity: Severity) -> impl Iterator<Item = &Diagnostic> {
        self.pages
            .iter()
            .flat_map(|page| &page.diagnostics)
            .filter(move |diag| diag.severity >= severity)
    }
}

/// Counts fields (nested ones too) and records their unknown type words.
fn count_fields(fields: &[Param], summary: &mut Summary) -> usize {
    let mut count = 0;
    for field in fields {
        count += 1;
        note_type_word(&field.ty.normalized, summary);
        count += count_fields(&field.fields, summary);
    }
    count
}

fn note_type_word(expr: &TypeExpr, summary: &mut Summary) {
    match expr {
        TypeExpr::Ref(word) => *summary.unknown_type_words.entry(word.clone()).or_default() += 1,
        TypeExpr::Array(inner) => note_type_word(inner, summary),
        TypeExpr::Union(members) => {
            for member in members {
                note_type_word(member, summary);
            }
        }
        _ => {}
    }
}

fn count_params(params: &[Param], summary: &mut Summary) {
    for param in params {
        summary.params += 1;
        note_type_word(&param.ty.normalized, summary);
        if param.required == Required::Unknown {
            summary.params_required_unknown += 1;
        }
        if !param.enum_values.is_empty() {
            summary.enums += 1;
        }
        if !param.fields.is_empty() {
            summary.nested_objects += 1;
            count_params(&param.fields, summary);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the import parsed before the folders were walked in parallel: one sorted walk.
    fn one_sorted_walk(dir: &Path) -> Vec<PathBuf> {
        walkdir::WalkDir::new(dir)
            .sort_by_file_name()
            .into_iter()
            .map(|entry| entry.expect("the test folder lists"))
            .filter(is_page)
            .map(walkdir::DirEntry::into_path)
            .collect()
    }

    #[test]
    fn a_compacted_page_is_the_same_page() {
        let text = "# Получить сделку crm.deal.get\n\n> Scope: [`crm`](x.md)\n\n## Параметры метода\n\n\
            #|\n|| **Название**\n`тип` | **Описание** ||\n|| **id***\n[`integer`](x.md) | Идентификатор ||\n|#\n";
        let page = parse_page(
            "api-reference/crm/crm-deal-get.md",
            text.as_bytes(),
            &crate::NoIncludes,
        );
        assert!(
            matches!(page.outcome, Outcome::Method(_)),
            "{:?}",
            page.outcome
        );
        assert_eq!(compact(page.clone()), page);
    }

    #[test]
    fn folders_walked_apart_give_the_order_of_one_sorted_walk() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        for file in [
            "b.md",
            "a/z.md",
            "a/b/c.md",
            "a/b.md",
            "a.md",
            "a-b/x.md",
            "c/notes.txt",
            "c/d/e/f.md",
            "B.md",
            "empty/",
        ] {
            let path = dir.path().join(file);
            if file.ends_with('/') {
                std::fs::create_dir_all(&path).expect("a folder");
                continue;
            }
            std::fs::create_dir_all(path.parent().expect("a parent")).expect("a folder");
            std::fs::write(&path, "# x").expect("a file");
        }
        let walked: Vec<PathBuf> = top_entries(dir.path())
            .expect("the folder lists")
            .into_iter()
            .flat_map(|top| walk(dir.path(), top))
            .map(|page| page.expect("no walk error"))
            .collect();
        assert_eq!(walked, one_sorted_walk(dir.path()));
        assert_eq!(walked.len(), 8);
    }
}
