//! Any bytes, read as a page: the parser must return (never panic, never hang), and a
//! method, event, named types or field tables it reads must serialize.
//!
//! Under `cargo fuzz` (which passes `--cfg fuzzing`) this is a libFuzzer target. Without
//! that cfg it is a plain binary that runs the same check on the files named on its command
//! line (for example `fuzz/corpus/parse_page/*`), so CI can compile it on stable without
//! libFuzzer or nightly: `cargo check --manifest-path fuzz/Cargo.toml`.

#![cfg_attr(fuzzing, no_main)]

use b24_doc_parser::{NoIncludes, Outcome, parse_page};

fn check(data: &[u8]) {
    let page = parse_page("api-reference/fuzz/page.md", data, &NoIncludes);
    match &page.outcome {
        Outcome::Method(spec) => {
            assert!(b24_spec::to_yaml(spec.as_ref()).is_ok());
        }
        Outcome::Event(event) => {
            assert!(b24_spec::to_yaml(event.as_ref()).is_ok());
        }
        Outcome::Events(events) => {
            for event in events {
                assert!(b24_spec::to_yaml(event).is_ok());
            }
        }
        Outcome::Types(types) => {
            for named in types {
                assert!(b24_spec::to_yaml(named).is_ok());
            }
        }
        Outcome::Fields(sections) => {
            // A field page's tables end up as entity specs: their fields must serialize.
            for section in sections {
                let entity = b24_spec::ReferenceType {
                    schema_version: b24_spec::SCHEMA_VERSION,
                    name: section.heading.clone(),
                    kind: b24_spec::ReferenceKind::Entity,
                    source: String::new(),
                    description: String::new(),
                    values_from: None,
                    enum_values: Vec::new(),
                    module: None,
                    rust_name: None,
                    user_fields: None,
                    fields: section.fields.clone(),
                };
                assert!(b24_spec::to_yaml(&entity).is_ok());
            }
        }
        Outcome::Skipped(_) | Outcome::Unreadable => {}
    }
}

#[cfg(fuzzing)]
libfuzzer_sys::fuzz_target!(|data: &[u8]| check(data));

/// Replays files (a corpus, a crash) through the same check.
#[cfg(not(fuzzing))]
fn main() -> std::io::Result<()> {
    for path in std::env::args_os().skip(1) {
        check(&std::fs::read(&path)?);
    }
    Ok(())
}
