//! Any bytes, read as a page: the parser must return (never panic, never hang), and a
//! method, event, named types or field tables it reads must serialize.
//!
//! What a page yields also depends on its path (`data-types.md` pages define named types,
//! `*fields.md` pages hold field tables, pages under `events/` name events): the first byte
//! chooses one of [`PATHS`], the rest is the page. The seeds start with `0`..`3` so they
//! stay readable, one for every [`Outcome`].
//!
//! Under `cargo fuzz` (which passes `--cfg fuzzing`) this is a libFuzzer target. Without
//! that cfg it is a plain binary that runs the same check on the files named on its command
//! line (for example `fuzz/corpus/parse_page/*`), so CI can compile it on stable without
//! libFuzzer or nightly: `cargo check --manifest-path fuzz/Cargo.toml`.

#![cfg_attr(fuzzing, no_main)]

use b24_doc_parser::{NoIncludes, Outcome, parse_page};

/// The page paths the first byte chooses from (`b'0'` is the first).
const PATHS: [&str; 4] = [
    "api-reference/fuzz/page.md",
    "api-reference/fuzz/data-types.md",
    "api-reference/fuzz/events/on-fuzz.md",
    "api-reference/fuzz/fields.md",
];

/// Checks one input; returns which outcome it reached, for the replay binary to print.
fn check(data: &[u8]) -> &'static str {
    let (path, bytes) = match data.split_first() {
        Some((&first, rest)) => (PATHS[usize::from(first) % PATHS.len()], rest),
        None => (PATHS[0], data),
    };
    let page = parse_page(path, bytes, &NoIncludes);
    match &page.outcome {
        Outcome::Method(spec) => {
            assert!(b24_spec::to_yaml(spec.as_ref()).is_ok());
            "method"
        }
        Outcome::Event(event) => {
            assert!(b24_spec::to_yaml(event.as_ref()).is_ok());
            "event"
        }
        Outcome::Events(events) => {
            for event in events {
                assert!(b24_spec::to_yaml(event).is_ok());
            }
            "events"
        }
        Outcome::Types(types) => {
            for named in types {
                assert!(b24_spec::to_yaml(named).is_ok());
            }
            "types"
        }
        Outcome::Fields(sections) => {
            // A field page's tables end up as entity specs: their fields must serialize.
            for section in sections {
                let entity = b24_spec::ReferenceType {
                    fields: section.fields.clone(),
                    ..b24_spec::ReferenceType::new(
                        &section.heading,
                        b24_spec::ReferenceKind::Entity,
                        "",
                    )
                };
                assert!(b24_spec::to_yaml(&entity).is_ok());
            }
            "fields"
        }
        Outcome::Skipped(_) => "skipped",
        Outcome::Unreadable => "unreadable",
    }
}

#[cfg(fuzzing)]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    check(data);
});

/// Replays files (a corpus, a crash) through the same check and says what each yielded.
#[cfg(not(fuzzing))]
fn main() -> std::io::Result<()> {
    for path in std::env::args_os().skip(1) {
        let outcome = check(&std::fs::read(&path)?);
        println!("{}: {outcome}", path.to_string_lossy());
    }
    Ok(())
}
