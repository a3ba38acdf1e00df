//! The seed page (`im.user.status.set`, 2025-08) through every layer: page → schema →
//! generated Rust. Snapshots are reviewed and committed; CI never writes them.

use b24_spec::{DefaultValue, Required, TypeExpr};
use b24_tests::{parse_seed, seed_spec};

#[test]
fn seed_page_to_schema() {
    let spec = seed_spec();
    insta::assert_snapshot!("seed_schema", b24_spec::to_yaml(&spec).unwrap());
}

#[test]
fn seed_schema_has_what_the_page_says() {
    let spec = seed_spec();
    assert_eq!(spec.method, "im.user.status.set");
    assert_eq!(spec.title, "Установить статус пользователя");
    assert_eq!(spec.scope, vec!["im"]);
    assert_eq!(spec.who_can_call.as_deref(), Some("любой пользователь"));
    assert_eq!(
        spec.description,
        "Метод `im.user.status.set` устанавливает статус пользователя."
    );
    assert_eq!(
        spec.source,
        "api-reference/chats/users/im-user-status-set.md"
    );
    // The examples in JS, PHP and cURL are not parameters.
    assert_eq!(spec.params.len(), 1);
    let status = &spec.params[0];
    assert_eq!(status.name, "STATUS");
    assert_eq!(status.required, Required::True);
    assert_eq!(status.ty.written.as_deref(), Some("unknown"));
    assert_eq!(status.ty.normalized, TypeExpr::String);
    assert_eq!(status.example.as_deref(), Some("online"));
    assert_eq!(status.since.as_deref(), Some("18"));
    assert_eq!(status.default, None::<DefaultValue>);
    let values: Vec<(&str, &str)> = status
        .enum_values
        .iter()
        .map(|v| (v.value.as_str(), v.description.as_str()))
        .collect();
    assert_eq!(
        values,
        [
            ("online", "Онлайн"),
            ("dnd", "Не беспокоить"),
            ("away", "Отсутствую")
        ]
    );
    assert_eq!(spec.response.result, TypeExpr::Boolean);
    assert_eq!(spec.response.examples.len(), 1);
    assert!(spec.deprecated.is_none());
}

#[test]
fn seed_diagnostics_name_file_line_and_reason() {
    // The fixture has no `_includes/`: each include is a diagnostic, not a failure.
    let lines: Vec<String> = parse_seed()
        .diagnostics
        .iter()
        .map(ToString::to_string)
        .collect();
    insta::assert_snapshot!("seed_diagnostics", lines.join("\n"));
}

#[test]
fn seed_schema_to_rust() {
    let files = b24_generator::generate(&[seed_spec()], &[], &[]).unwrap();
    let module = files
        .iter()
        .find(|f| f.path.ends_with("im/user/status.rs"))
        .expect("the method's module is generated");
    insta::assert_snapshot!("seed_rust", module.contents);
}

#[test]
fn spec_yaml_round_trips() {
    let spec = seed_spec();
    let yaml = b24_spec::to_yaml(&spec).unwrap();
    let back: b24_spec::MethodSpec =
        b24_spec::from_yaml(std::path::Path::new("seed.yaml"), &yaml).unwrap();
    assert_eq!(back, spec);
}
