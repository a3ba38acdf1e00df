//! `codegen import`: documentation pages → one YAML spec per method.

use std::path::{Path, PathBuf};

use b24_doc_parser::{Import, Progress, Severity};
use b24_spec::SpecFile;
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use serde_json::json;

use crate::cli::ImportArgs;
use crate::error::CliError;
use crate::paths::display;
use crate::sync::{is_unchanged, sync_compared};

/// A progress bar on stderr; indicatif draws nothing when stderr is not a terminal.
struct Bar(ProgressBar);

impl Progress for Bar {
    fn start(&self, total: usize) {
        self.0.set_length(total as u64);
    }

    fn page_done(&self) {
        self.0.inc(1);
    }
}

pub fn run(args: ImportArgs) -> Result<(), CliError> {
    let bar = ProgressBar::new(0);
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} pages {elapsed}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let import = b24_doc_parser::import(&args.docs, &Bar(bar.clone()))?;
    bar.finish_and_clear();

    // Serializing ~1,900 specs and comparing each with the file on disk is a tenth of the
    // import: one pass over all cores, no wait between the two.
    let out = args.out.as_path();
    let compared = |path: PathBuf, yaml: String| {
        let unchanged = is_unchanged(out, &path, &yaml);
        ((path, yaml), unchanged)
    };
    let methods = import.methods.par_iter().map(|method| {
        let path = PathBuf::from(b24_spec::METHODS_DIR).join(method.file_name());
        b24_spec::to_yaml(method).map(|yaml| compared(path, yaml))
    });
    let events = import.events.par_iter().map(|event| {
        let path = PathBuf::from(b24_spec::EVENTS_DIR).join(event.file_name());
        b24_spec::to_yaml(event).map(|yaml| compared(path, yaml))
    });
    let types = import.types.par_iter().map(|ty| {
        let path = PathBuf::from(b24_spec::TYPES_DIR).join(ty.file_name());
        b24_spec::to_yaml(ty).map(|yaml| compared(path, yaml))
    });
    let (files, unchanged): (Vec<(PathBuf, String)>, Vec<bool>) = methods
        .chain(events)
        .chain(types)
        .collect::<Result<Vec<_>, b24_spec::SpecError>>()?
        .into_iter()
        .unzip();
    // Only spec files this command writes may be removed:
    // `<out>/{methods,events,types}/*.yaml`.
    let report = sync_compared(out, &files, &unchanged, &|path: &Path| {
        path.extension().is_some_and(|e| e == "yaml")
            && path.parent().is_some_and(|p| {
                [
                    b24_spec::METHODS_DIR,
                    b24_spec::EVENTS_DIR,
                    b24_spec::TYPES_DIR,
                ]
                .iter()
                .any(|dir| p.ends_with(dir))
            })
    })?;
    let shown = if args.verbose {
        Severity::Warning
    } else {
        Severity::Error
    };
    for diag in import.diagnostics(shown) {
        say_err!("{diag}");
    }
    print_summary(&import, &args);
    say!(
        "specs in {}: {} written, {} unchanged, {} removed",
        display(&args.out),
        report.written.len(),
        report.unchanged,
        report.removed.len()
    );
    if let Some(path) = &args.report {
        write_report(&import, path)?;
        say!("report: {}", display(path));
    }
    free_in_parallel(import, files);
    Ok(())
}

/// Frees the import on all cores: its millions of strings and nodes, freed one by one at
/// the end of `run`, would be serial work after all the output is done.
fn free_in_parallel(import: Import, files: Vec<(PathBuf, String)>) {
    let Import {
        pages,
        methods,
        events,
        ..
    } = import;
    rayon::join(
        || methods.into_par_iter().for_each(drop),
        || {
            pages.into_par_iter().for_each(drop);
            events.into_par_iter().for_each(drop);
            drop(files);
        },
    );
}

fn print_summary(import: &Import, args: &ImportArgs) {
    let s = import.summary();
    let percent = |part: usize, whole: usize| {
        if whole == 0 {
            0.0
        } else {
            part as f64 * 100.0 / whole as f64
        }
    };
    say!("imported {}", display(&args.docs));
    say!(
        "  pages: {} ({} method pages, {} event pages, {} data-types pages, {} skipped, {} unreadable)",
        s.pages,
        s.method_pages,
        s.event_pages,
        s.type_pages,
        s.skipped_pages,
        s.unreadable_pages
    );
    say!(
        "  methods: {}, events: {}, named types: {} (from {} data-types pages)",
        s.methods,
        s.events,
        s.types,
        s.type_pages
    );
    say!(
        "  params: {} (required unknown: {}, {:.1}%), enums: {}, nested objects: {}",
        s.params,
        s.params_required_unknown,
        percent(s.params_required_unknown, s.params),
        s.enums,
        s.nested_objects,
    );
    say!(
        "  response fields: {}, event payload fields: {}, errors: {}",
        s.response_fields,
        s.event_fields,
        s.errors
    );
    let mut words: Vec<(&String, &usize)> = s.unknown_type_words.iter().collect();
    words.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let top = words
        .iter()
        .take(8)
        .map(|(word, n)| format!("{word} {n}"))
        .collect::<Vec<_>>()
        .join(", ");
    say!(
        "  named type words defined by data-types pages: {} distinct, {} uses",
        s.defined_type_words.len(),
        s.defined_type_words.values().sum::<usize>()
    );
    say!(
        "  unknown type words: {} distinct, {} uses{}{top}",
        words.len(),
        words.iter().map(|(_, n)| **n).sum::<usize>(),
        if top.is_empty() { "" } else { "; top: " }
    );
    let total: usize = s.diagnostics_by_code.values().sum();
    let by_code = s
        .diagnostics_by_code
        .iter()
        .map(|(code, n)| format!("{code} {n}"))
        .collect::<Vec<_>>()
        .join(", ");
    say!(
        "  diagnostics: {total}{}{by_code}",
        if total > 0 { ": " } else { "" }
    );
}

fn write_report(import: &Import, path: &Path) -> Result<(), CliError> {
    let report = json!({
        "docs": import.root.display().to_string(),
        "summary": import.summary(),
        "pages": import.pages,
    });
    let text = serde_json::to_string_pretty(&report).map_err(|source| CliError::Report {
        path: path.to_owned(),
        source,
    })?;
    std::fs::write(path, text).map_err(|source| CliError::Write {
        path: path.to_owned(),
        source,
    })
}
