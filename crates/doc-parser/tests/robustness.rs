//! No input makes the parser panic or hang, and each broken page gets a diagnostic while
//! the other pages of an import still come through.

use b24_doc_parser::{Code, NoIncludes, Outcome, ParsedPage, parse_page};

mod common;

use common::PAGE;

fn parse(bytes: &[u8]) -> ParsedPage {
    parse_page("api-reference/x/x-status-set.md", bytes, &NoIncludes)
}

fn codes(page: &ParsedPage) -> Vec<Code> {
    page.diagnostics.iter().map(|d| d.code).collect()
}

#[test]
fn the_test_page_itself_is_a_method() {
    let page = parse(PAGE.as_bytes());
    let Outcome::Method(spec) = &page.outcome else {
        panic!("{:?}", page.outcome)
    };
    assert_eq!(spec.method, "x.status.set");
    assert_eq!(spec.params.len(), 2);
    assert_eq!(spec.params[1].fields.len(), 1);
    assert_eq!(spec.errors.len(), 1);
}

#[test]
fn empty_file() {
    let page = parse(b"");
    assert!(matches!(page.outcome, Outcome::Skipped(_)));
    assert_eq!(codes(&page), [Code::EmptyPage]);
}

#[test]
fn binary_garbage() {
    let garbage: Vec<u8> = (0..4096u32).map(|i| (i * 7919 % 256) as u8).collect();
    let page = parse(&garbage);
    assert_eq!(page.outcome, Outcome::Unreadable);
    assert_eq!(codes(&page), [Code::BinaryInput]);
}

#[test]
fn invalid_utf8_is_replaced_and_the_page_still_read() {
    let mut bytes = PAGE.as_bytes().to_vec();
    let at = PAGE.find("Метод `x").expect("the sentence is there");
    bytes.splice(at..at, [0xFF, 0xFE]);
    let page = parse(&bytes);
    assert!(codes(&page).contains(&Code::InvalidUtf8));
    assert!(matches!(page.outcome, Outcome::Method(_)));
}

#[test]
fn truncated_yfm_table() {
    let cut = PAGE.find("|| **fields**").expect("the row is there");
    let page = parse(&PAGE.as_bytes()[..cut + 20]);
    assert!(
        codes(&page).contains(&Code::UnclosedTable),
        "{:?}",
        page.diagnostics
    );
    let Outcome::Method(spec) = &page.outcome else {
        panic!("{:?}", page.outcome)
    };
    assert_eq!(spec.params[0].name, "STATUS");
}

#[test]
fn unclosed_if_and_note() {
    for opener in [
        "{% if build == 'dev' %}",
        "{% note warning \"Внимание\" %}",
        "{% list tabs %}",
        "{% cut \"x\" %}",
    ] {
        let text = PAGE.replace(
            "## Обработка ответа",
            &format!("{opener}\n\n## Обработка ответа"),
        );
        let page = parse(text.as_bytes());
        assert!(
            codes(&page).contains(&Code::UnclosedDirective),
            "{opener}: {:?}",
            page.diagnostics
        );
        assert!(matches!(page.outcome, Outcome::Method(_)), "{opener}");
    }
}

#[test]
fn a_50_mb_page() {
    let mut text = String::with_capacity(51 * 1024 * 1024);
    text.push_str(PAGE);
    let block = "\n#|\n|| **Название**\n`тип` | **Описание** ||\n|| **A**\n[`string`](x) | `код` и {% note info %}заметка{% endnote %} ||\n|#\n\n- пункт `x`\n- пункт **y**\n\n";
    while text.len() < 50 * 1024 * 1024 {
        text.push_str(block);
    }
    let page = parse(text.as_bytes());
    assert!(codes(&page).contains(&Code::LargePage));
    assert!(matches!(page.outcome, Outcome::Method(_)));
}

#[test]
fn deeply_nested_lists_notes_and_tables() {
    let mut lists = String::from("# Список x.list.get\n\n> Scope: [`x`](s)\n\n");
    for depth in 0..1500 {
        lists.push_str(&"  ".repeat(depth));
        lists.push_str("- пункт\n");
    }
    let mut notes = String::from("# Заметки x.note.get\n\n> Scope: [`x`](s)\n\n");
    notes.push_str(&"{% note info %}\n".repeat(3000));
    notes.push_str("глубоко\n");
    notes.push_str(&"{% endnote %}\n".repeat(3000));
    let mut tables = String::from("# Таблицы x.table.get\n\n> Scope: [`x`](s)\n\n");
    tables.push_str(&"#|\n|| a | \n".repeat(2000));
    tables.push_str(&"||\n|#\n".repeat(2000));
    let mut quotes = String::from("# Цитаты x.quote.get\n\n> Scope: [`x`](s)\n\n");
    quotes.push_str(&">".repeat(100_000));
    quotes.push_str(" текст\n");
    for text in [lists, notes, tables, quotes] {
        let page = parse(text.as_bytes());
        assert!(
            codes(&page).contains(&Code::NestingTooDeep),
            "{:?}",
            &page.diagnostics[..page.diagnostics.len().min(5)]
        );
        assert!(
            matches!(page.outcome, Outcome::Method(_)),
            "{:?}",
            page.outcome
        );
    }
}

#[test]
fn hostile_lines_do_not_hang() {
    // Each of these is quadratic for a naive scanner; here they are linear.
    let long = 200_000;
    for text in [
        "{% ".repeat(long),
        "{% endnote %}".repeat(long / 4),
        format!("#|\n|| {} ||\n|#\n", "`` ` ".repeat(long / 4)),
        format!("#|\n|| {}", "a | ".repeat(long)),
        "```\n".repeat(long / 4),
        format!("{{\"result\": {}", "[".repeat(long)),
    ] {
        let page = parse(text.as_bytes());
        assert!(!matches!(page.outcome, Outcome::Method(_)));
    }
}

#[test]
fn huge_tables_stay_linear() {
    // 50,000 error rows repeating one code, and as many dotted response rows.
    let mut text = String::from(
        "# Большой x.big.get\n\n> Scope: [`x`](s)\n\n## Обработка ошибок\n\n#|\n|| **Код** | **Описание** ||\n",
    );
    for i in 0..50_000 {
        text.push_str(&format!("|| `SAME` | Строка {i} ||\n"));
    }
    text.push_str("|#\n\n## Возвращаемые данные\n\n#|\n|| **Название**\n`тип` | **Описание** ||\n|| **result**\n[`object`](x) | Корень ||\n");
    for i in 0..50_000 {
        text.push_str(&format!("|| **result.f{i}**\n[`string`](x) | Поле ||\n"));
    }
    text.push_str("|#\n");
    let page = parse(text.as_bytes());
    let Outcome::Method(spec) = &page.outcome else {
        panic!("{:?}", page.outcome)
    };
    assert!(spec.errors.iter().any(|e| e.code == "SAME"));
    assert_eq!(spec.response.fields.len(), 50_000);
}

#[test]
fn broken_pages_do_not_stop_an_import() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let pages = dir.path().join("api-reference/x");
    std::fs::create_dir_all(&pages).expect("folders");
    std::fs::write(pages.join("good.md"), PAGE).expect("write");
    std::fs::write(pages.join("empty.md"), "").expect("write");
    std::fs::write(pages.join("binary.md"), [0u8, 159, 146, 150, 0, 1]).expect("write");
    std::fs::write(
        pages.join("broken.md"),
        "# Метод x.broken.get\n\n> Scope: [`x`](s)\n\n{% note %}\n#|\n|| **A** | a",
    )
    .expect("write");
    let import = b24_doc_parser::import(dir.path(), &()).expect("the folder imports");
    let names: Vec<&str> = import.methods.iter().map(|m| m.method.as_str()).collect();
    assert_eq!(names, ["x.broken.get", "x.status.set"]);
    let summary = import.summary();
    assert_eq!((summary.pages, summary.unreadable_pages), (4, 1));
    for code in [
        "empty-page",
        "binary-input",
        "unclosed-directive",
        "unclosed-table",
    ] {
        assert!(
            summary.diagnostics_by_code.contains_key(code),
            "{code}: {summary:?}"
        );
    }
}
