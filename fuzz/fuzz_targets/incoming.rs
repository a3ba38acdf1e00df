//! Any bytes, read as the POST body of an event or a placement call (and as JSON): the
//! readers must return (never panic, never hang), and what they read must agree with the
//! other ways in.
//!
//! Like `parse_page`, this is a libFuzzer target under `cargo fuzz` (`--cfg fuzzing`) and a
//! plain replay binary otherwise (`fuzz/corpus/incoming/*`), so CI compiles it on stable.

#![cfg_attr(fuzzing, no_main)]

use b24_runtime::events::IncomingEvent;
use b24_runtime::placement::Placement;

fn check(data: &[u8]) {
    if let Ok(event) = IncomingEvent::from_form(data) {
        // The form's nested keys are the JSON reader's object: the same event either way.
        let json = serde_json::Value::Object(event.expose_payload().clone());
        assert_eq!(IncomingEvent::from_json(&json).as_ref(), Ok(&event));
        // Reading the tokens and masking them in `Debug` must not fail either.
        let _ = (event.member_id(), event.domain(), event.data());
        let _ = (
            event.application_token(),
            event.access_token(),
            event.refresh_token(),
        );
        let _ = format!("{event:?}");
    }
    if let Ok(value) = serde_json::from_slice::<serde_json::Value>(data)
        && let Ok(event) = IncomingEvent::from_json(&value)
    {
        let _ = format!("{event:?}");
    }
    let placement = Placement::from_form(data);
    // A body with an empty query string reads as the body alone.
    assert_eq!(Placement::from_parts("", data), placement);
    if let Ok(placement) = placement {
        let _ = format!("{placement:?}");
    }
    // The first line as the handler URL's query string, the rest as the body.
    if let Some(split) = data.iter().position(|&b| b == b'\n')
        && let Ok(query) = std::str::from_utf8(&data[..split])
    {
        let _ = Placement::from_parts(query, &data[split + 1..]);
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
