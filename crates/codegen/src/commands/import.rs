//! `codegen import`: documentation pages → one YAML spec per method.

use std::path::{Path, PathBuf};

use b24_doc_parser::{Import, Progress, Severity, Summary};
use b24_spec::SpecFile;
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use serde_json::json;

use crate::cli::ImportArgs;
use crate::error::CliError;
use crate::paths::display;
use crate::sync::{Compared, is_unchanged, sync_compared};

/// A progress bar on stderr; indicatif draws nothing when stderr is not a terminal.
struct Bar(ProgressBar);

impl Progress for Bar {
    fn found(&self, count: usize) {
        self.0.inc_length(count as u64);
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
    let out = args.out.as_path();
    // The events are serialized while the link pass, much of it on one core, runs.
    let (import, events) = b24_doc_parser::import_with(&args.docs, &Bar(bar.clone()), |events| {
        events
            .par_iter()
            .map(|event| changed_text(out, event))
            .collect::<Result<Vec<_>, b24_spec::SpecError>>()
    })?;
    bar.finish_and_clear();

    // Serializing ~1,900 specs and comparing each with the file on disk is a tenth of the
    // import: one pass over all cores, no wait between the two. Only the texts that differ
    // from the disk are kept (usually none of the 11 MB); the summary is counted alongside.
    let methods = import
        .methods
        .par_iter()
        .map(|method| changed_text(out, method));
    let types = import.types.par_iter().map(|ty| changed_text(out, ty));
    let (files, summary) = rayon::join(
        || {
            methods
                .chain(types)
                .collect::<Result<Vec<_>, b24_spec::SpecError>>()
        },
        || import.summary(),
    );
    // Methods, events, types: the order the files were compared in before.
    let mut files = files?;
    let at = import.methods.len();
    files.splice(at..at, events?);
    let compared: Vec<Compared<'_>> = files
        .iter()
        .map(|(path, changed)| Compared {
            path,
            changed: changed.as_deref(),
        })
        .collect();
    // Only spec files this command writes may be removed:
    // `<out>/{methods,events,types}/*.yaml`.
    let report = sync_compared(out, &compared, &|path: &Path| {
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
    drop(compared);
    let shown = if args.verbose {
        Severity::Warning
    } else {
        Severity::Error
    };
    for diag in import.diagnostics(shown) {
        say_err!("{diag}");
    }
    print_summary(&summary, &args);
    say!(
        "specs in {}: {} written, {} unchanged, {} removed",
        display(&args.out),
        report.written.len(),
        report.unchanged,
        report.removed.len()
    );
    if let Some(path) = &args.report {
        write_report(&import, summary, path)?;
        say!("report: {}", display(path));
    }
    // `run` is the whole process: the OS takes the import's memory back at exit at once,
    // where freeing its millions of strings and nodes one by one takes milliseconds.
    std::mem::forget((import, files));
    Ok(())
}

/// The spec's path under `out` (`methods/crm.lead.get.yaml`), and its YAML text when the
/// file does not hold it already.
fn changed_text<T: SpecFile>(
    out: &Path,
    spec: &T,
) -> Result<(PathBuf, Option<String>), b24_spec::SpecError> {
    let path = PathBuf::from(T::DIR).join(spec.file_name());
    let yaml = b24_spec::to_yaml(spec)?;
    let changed = (!is_unchanged(out, &path, &yaml)).then_some(yaml);
    Ok((path, changed))
}

fn print_summary(s: &Summary, args: &ImportArgs) {
    let percent = |part: usize, whole: usize| {
        if whole == 0 {
            0.0
        } else {
            part as f64 * 100.0 / whole as f64
        }
    };
    say!("imported {}", display(&args.docs));
    say!(
        "  pages: {} ({} method pages, {} event pages, {} data-types pages, {} field pages, {} skipped, {} unreadable)",
        s.pages,
        s.method_pages,
        s.event_pages,
        s.type_pages,
        s.field_pages,
        s.skipped_pages,
        s.unreadable_pages
    );
    say!(
        "  methods: {} ({} classic, {} REST 3.0), events: {}, named types: {} (from {} data-types pages)",
        s.methods,
        s.classic_methods,
        s.rest_v3_methods,
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
    say!(
        "  links: {} resolved, {} unresolved (ref-unresolved); entities: {} (from {} field pages and the methods' tables); maps: {}",
        s.links.resolved,
        s.links.unresolved,
        s.links.entities,
        s.field_pages,
        s.links.maps
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

fn write_report(import: &Import, summary: Summary, path: &Path) -> Result<(), CliError> {
    let report = json!({
        "docs": import.root.display().to_string(),
        "summary": summary,
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
