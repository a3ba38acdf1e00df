//! Property test: mutations of a real-looking page (cut, repeated, spliced with YFM and
//! markdown tokens, bytes flipped) never make the parser panic, and whatever it reads
//! keeps its invariants. CI runs a bounded number of cases (PROPTEST_CASES overrides).

use b24_doc_parser::{NoIncludes, Outcome, parse_page};
use proptest::prelude::*;

mod common;

use common::PAGE;

/// Tokens that open, close or split the constructs the parser knows.
const TOKENS: &[&str] = &[
    "{% note info %}",
    "{% endnote %}",
    "{% list tabs %}",
    "{% endlist %}",
    "{% if build == 'dev' %}",
    "{% else %}",
    "{% endif %}",
    "{% include [x](../_includes/x.md) %}",
    "{% cut \"x\" %}",
    "#|",
    "|#",
    "||",
    "|",
    "```",
    "`",
    "**",
    "^*^",
    "\\",
    "\n- ",
    "\n    ",
    "\n#",
    "> ",
    "[`x`](#",
    "{#anchor}",
    "\u{0}",
    "…",
    "\r\n",
];

#[derive(Debug, Clone)]
enum Mutation {
    Cut(usize, usize),
    Repeat(usize, usize, usize),
    Insert(usize, usize),
    Flip(usize, u8),
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 0usize..400).prop_map(|(at, len)| Mutation::Cut(at, len)),
        (any::<usize>(), 0usize..400, 1usize..20)
            .prop_map(|(at, len, times)| Mutation::Repeat(at, len, times)),
        (any::<usize>(), 0..TOKENS.len()).prop_map(|(at, token)| Mutation::Insert(at, token)),
        (any::<usize>(), any::<u8>()).prop_map(|(at, byte)| Mutation::Flip(at, byte)),
        any::<usize>().prop_map(Mutation::Truncate),
    ]
}

fn apply(bytes: &mut Vec<u8>, mutation: &Mutation) {
    let len = bytes.len().max(1);
    match *mutation {
        Mutation::Cut(at, n) => {
            let at = at % len;
            let end = (at + n).min(bytes.len());
            bytes.drain(at.min(end)..end);
        }
        Mutation::Repeat(at, n, times) => {
            let at = at % len;
            let end = (at + n).min(bytes.len());
            let piece = bytes[at.min(end)..end].to_vec();
            for _ in 0..times {
                bytes.splice(end..end, piece.iter().copied());
            }
        }
        Mutation::Insert(at, token) => {
            let at = (at % len).min(bytes.len());
            bytes.splice(at..at, TOKENS[token].bytes());
        }
        Mutation::Flip(at, byte) => {
            if !bytes.is_empty() {
                let at = at % bytes.len();
                bytes[at] = byte;
            }
        }
        Mutation::Truncate(at) => bytes.truncate(at % len),
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 192,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn mutated_pages_never_panic(mutations in prop::collection::vec(mutation(), 1..12)) {
        let mut bytes = PAGE.as_bytes().to_vec();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        let page = parse_page("api-reference/x/x-status-set.md", &bytes, &NoIncludes);
        // Lines as the parser counts them: `\n`, `\r\n` and a lone `\r` each end one.
        let lines = String::from_utf8_lossy(&bytes).replace("\r\n", "\n").replace('\r', "\n").matches('\n').count() + 1;
        for diag in &page.diagnostics {
            prop_assert!(!diag.message.is_empty());
            prop_assert!(diag.line as usize <= lines, "{diag:?} beyond line {lines}");
        }
        if let Outcome::Method(spec) = &page.outcome {
            prop_assert!(!spec.method.is_empty());
            prop_assert!(spec.params.iter().all(|p| !p.name.is_empty()));
            // What the importer writes must be writable.
            prop_assert!(b24_spec::to_yaml(spec.as_ref()).is_ok());
        }
    }
}
