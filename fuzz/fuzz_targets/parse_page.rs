//! Any bytes, read as a page: the parser must return (never panic, never hang), and a
//! method or event it reads must serialize.

#![no_main]

use b24_doc_parser::{NoIncludes, Outcome, parse_page};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let page = parse_page("api-reference/fuzz/page.md", data, &NoIncludes);
    match &page.outcome {
        Outcome::Method(spec) => {
            assert!(b24_spec::to_yaml(spec.as_ref()).is_ok());
        }
        Outcome::Event(event) => {
            assert!(b24_spec::to_yaml(event.as_ref()).is_ok());
        }
        Outcome::Skipped(_) | Outcome::Unreadable => {}
    }
});
