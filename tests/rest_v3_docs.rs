//! REST 3.0 against the documentation (`B24_DOCS_DIR`, the 2026-08 docs): every page that
//! says it belongs to REST 3.0 generates a REST 3.0 method, and every success example on
//! those pages decodes with the generated `Output` type.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use b24_api::registry::{Entry, METHODS};
use b24_doc_parser::{FsIncludes, Outcome};
use b24_runtime::Api;
use b24_spec::{ApiVersion, MethodSpec};
use b24_tests::docs_root;

const BANNER: &str = "Метод относится к REST 3.0";

/// Pages with the banner when the test was written (2026-08).
const BANNER_PAGES: usize = 106;

fn markdown_files(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            markdown_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "md") {
            found.push(path);
        }
    }
}

/// The specs of every banner page, parsed from the docs as the import does.
fn banner_specs(root: &Path) -> Vec<MethodSpec> {
    let mut files = Vec::new();
    markdown_files(&root.join("api-reference"), &mut files);
    files.sort();
    let includes = FsIncludes::new(root.to_path_buf());
    let mut specs = Vec::new();
    for file in files {
        let bytes = std::fs::read(&file).expect("page is readable");
        if !String::from_utf8_lossy(&bytes).contains(BANNER) {
            continue;
        }
        let relative = file
            .strip_prefix(root)
            .expect("under the root")
            .to_string_lossy()
            .replace('\\', "/");
        match b24_doc_parser::parse_page(&relative, &bytes, &includes).outcome {
            Outcome::Method(spec) => specs.push(*spec),
            other => panic!("{relative}: a REST 3.0 page is not read as a method: {other:?}"),
        }
    }
    specs
}

fn registry() -> HashMap<(String, Api), &'static Entry> {
    METHODS
        .iter()
        .map(|entry| ((entry.method.to_lowercase(), entry.api), entry))
        .collect()
}

#[test]
fn every_rest_v3_page_generates_a_rest_v3_method() {
    let Some(root) = docs_root("B24_DOCS_DIR") else {
        return;
    };
    let specs = banner_specs(&root);
    assert_eq!(specs.len(), BANNER_PAGES, "pages with the REST 3.0 banner");
    let registry = registry();
    let classic: Vec<&str> = specs
        .iter()
        .filter(|spec| spec.api_version != ApiVersion::RestV3)
        .map(|spec| spec.source.as_str())
        .collect();
    assert!(classic.is_empty(), "read as classic: {classic:?}");
    for spec in &specs {
        let key = (spec.method.to_lowercase(), Api::RestV3);
        assert!(
            registry.contains_key(&key),
            "{} is not generated as REST 3.0",
            spec.method
        );
    }
    // The classic twins keep their own generated method.
    for twin in [
        "tasks.task.get",
        "tasks.task.add",
        "tasks.task.list",
        "tasks.task.update",
    ] {
        assert!(
            registry.contains_key(&(twin.to_owned(), Api::Classic)),
            "{twin}"
        );
        assert!(
            registry.contains_key(&(twin.to_owned(), Api::RestV3)),
            "{twin}@v3"
        );
    }
}

#[test]
fn every_rest_v3_success_example_decodes_with_its_output_type() {
    let Some(root) = docs_root("B24_DOCS_DIR") else {
        return;
    };
    let registry = registry();
    let (mut passed, mut failed) = (0, Vec::new());
    for spec in banner_specs(&root) {
        let entry = registry
            .get(&(spec.method.to_lowercase(), Api::RestV3))
            .unwrap_or_else(|| panic!("{} not generated", spec.method));
        for example in &spec.response.examples {
            let read = b24_doc_parser::extract::lenient_json::parse::<serde_json::Value>(example)
                .unwrap_or_else(|_| panic!("{}: an example is not JSON", spec.source));
            let Some(result) = read.value.get("result") else {
                failed.push(format!("{}: no `result`", spec.source));
                continue;
            };
            match (entry.decode_output)(result.clone()) {
                Ok(()) => passed += 1,
                Err(why) => failed.push(format!("{} ({}): {why}", spec.method, spec.source)),
            }
        }
    }
    eprintln!(
        "REST 3.0 success examples: {passed} decode, {} fail",
        failed.len()
    );
    assert!(passed >= BANNER_PAGES - 10, "too few examples: {passed}");
    assert!(failed.is_empty(), "{failed:#?}");
}

/// The `-d '{…}'` bodies of a page's curl examples.
fn curl_bodies(page: &str) -> Vec<serde_json::Value> {
    page.lines()
        .filter_map(|line| line.trim().strip_prefix("-d '"))
        .filter_map(|rest| rest.rsplit_once('\'').map(|(body, _)| body))
        .filter_map(|body| serde_json::from_str(body).ok())
        .collect()
}

/// The automatic field check never refuses what the docs themselves send: every curl
/// request on the pages of methods with documented fields passes it, relation paths
/// (`responsible.name`) included.
#[test]
fn documented_requests_pass_the_field_check() {
    use b24_api::rest_v3::main_::eventlog::{MainEventlogGet, MainEventlogList, MainEventlogTail};
    use b24_api::rest_v3::tasks::task::result::TasksTaskResultList;
    use b24_api::rest_v3::tasks::task::{TasksTaskGet, TasksTaskList};
    use b24_runtime::Method;
    let Some(root) = docs_root("B24_DOCS_DIR") else {
        return;
    };
    let checked = [
        (TasksTaskGet::DOCS_PAGE, TasksTaskGet::V3_FIELDS),
        (TasksTaskList::DOCS_PAGE, TasksTaskList::V3_FIELDS),
        (
            TasksTaskResultList::DOCS_PAGE,
            TasksTaskResultList::V3_FIELDS,
        ),
        (MainEventlogGet::DOCS_PAGE, MainEventlogGet::V3_FIELDS),
        (MainEventlogList::DOCS_PAGE, MainEventlogList::V3_FIELDS),
        (MainEventlogTail::DOCS_PAGE, MainEventlogTail::V3_FIELDS),
    ];
    let mut bodies = 0;
    for (page, fields) in checked {
        let fields = fields.unwrap_or_else(|| panic!("{page}: no documented fields"));
        let text = std::fs::read_to_string(root.join(page)).expect("page is readable");
        for body in curl_bodies(&text) {
            bodies += 1;
            if let Err(why) = fields.check_query(&body) {
                panic!("{page}: the documented request {body} is refused: {why}");
            }
        }
    }
    assert!(bodies >= 10, "only {bodies} documented requests");
    // The overview's relation example too.
    let overview = std::fs::read_to_string(root.join("api-reference/rest-v3.md")).unwrap();
    let tasks = TasksTaskGet::V3_FIELDS.unwrap();
    let related = curl_bodies(&overview)
        .into_iter()
        .filter(|body| body.get("id").is_some() && body.get("select").is_some())
        .inspect(|body| assert!(tasks.check_query(body).is_ok(), "{body}"))
        .count();
    assert!(related >= 1, "the overview's tasks.task.get example");
}
