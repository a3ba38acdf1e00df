//! Runnable examples of the `b24-api` client live in `examples/`; each reads the portal
//! address from `B24_WEBHOOK_URL` (a webhook URL such as
//! `https://example.bitrix24.ru/rest/1/your_webhook_code/`) or, for the OAuth app, from the
//! variables its header lists.
//!
//! `tests/examples.rs` runs their logic against `b24-fake-portal` on 127.0.0.1, and
//! `tests/readme.rs` checks that every snippet of the README marked
//! `<!-- example: FILE#ANCHOR -->` is the region between `// ANCHOR: name` and
//! `// ANCHOR_END: name` of that file, so the README cannot drift from code that compiles.

/// The webhook URL the examples call, from `B24_WEBHOOK_URL`.
pub fn webhook_url() -> Result<String, std::env::VarError> {
    std::env::var("B24_WEBHOOK_URL")
}

/// The lines between `// ANCHOR: name` and `// ANCHOR_END: name` in `source` (every such
/// region, in order, so a snippet can take the imports from the top of a file), without
/// other anchor lines and with their common indentation removed. `None` when there is no
/// region or one is not closed.
pub fn anchored(source: &str, name: &str) -> Option<String> {
    let start = format!("// ANCHOR: {name}");
    let end = format!("// ANCHOR_END: {name}");
    let mut region: Vec<&str> = Vec::new();
    let (mut inside, mut found) = (false, false);
    for line in source.lines() {
        let trimmed = line.trim();
        if trimmed == start {
            inside = true;
        } else if trimmed == end && inside {
            inside = false;
            found = true;
        } else if inside && !trimmed.starts_with("// ANCHOR") {
            region.push(line);
        }
    }
    if inside || !found {
        return None;
    }
    let indent = region
        .iter()
        .filter(|line| !line.trim().is_empty())
        .map(|line| line.len() - line.trim_start().len())
        .min()
        .unwrap_or(0);
    let text: Vec<&str> = region
        .iter()
        .map(|line| line.get(indent..).unwrap_or("").trim_end())
        .collect();
    Some(text.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::anchored;

    #[test]
    fn anchored_regions_are_dedented_and_must_be_closed() {
        let source = "a\n    // ANCHOR: x\n    let y = 1;\n\n      z();\n    // ANCHOR_END: x\n";
        assert_eq!(
            anchored(source, "x").as_deref(),
            Some("let y = 1;\n\n  z();")
        );
        assert_eq!(anchored("// ANCHOR: x\nopen", "x"), None);
        assert_eq!(anchored(source, "other"), None);
        let twice = "// ANCHOR: x\nuse a;\n// ANCHOR_END: x\nb\n// ANCHOR: x\nc\n// ANCHOR_END: x";
        assert_eq!(anchored(twice, "x").as_deref(), Some("use a;\nc"));
    }
}
