//! Parameters of small pages written for these tests: one test per construct family
//! (tables, sections, names, types, required, defaults, enumerations, nesting, variants).

use b24_doc_parser::{Code, Diagnostic, NoIncludes, Outcome, parse_page};
use b24_spec::{DefaultValue, MethodSpec, Param, Required};

/// Parses a page's text.
fn parse_text(text: &str) -> (MethodSpec, Vec<Diagnostic>) {
    let page = parse_page("api-reference/test/page.md", text.as_bytes(), &NoIncludes);
    match page.outcome {
        Outcome::Method(spec) => (*spec, page.diagnostics),
        other => panic!("not a method page: {other:?}"),
    }
}

/// Parses a method page made of a standard head and `body`.
fn parse(body: &str) -> (MethodSpec, Vec<Diagnostic>) {
    parse_text(&format!(
        "# Тест test.method.run\n\n> Scope: [`test`](../scopes.md)\n>\n> Кто может выполнять метод: любой пользователь\n\nМетод для тестов.\n\n{body}"
    ))
}

fn fixture(name: &str) -> (MethodSpec, Vec<Diagnostic>) {
    let path = format!(
        "{}/tests/fixtures/params/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).expect("the fixture is readable");
    parse_text(&text)
}

/// The parameter at a path (`fields/properties/name`).
fn param<'a>(spec: &'a MethodSpec, path: &str) -> &'a Param {
    let mut level = &spec.params;
    let mut found: Option<&Param> = None;
    for segment in path.split('/') {
        let next = level
            .iter()
            .find(|p| p.name == segment)
            .unwrap_or_else(|| panic!("no `{segment}` of `{path}` in {:#?}", names(level)));
        level = &next.fields;
        found = Some(next);
    }
    found.expect("a non-empty path")
}

fn names(params: &[Param]) -> Vec<&str> {
    params.iter().map(|p| p.name.as_str()).collect()
}

fn values(param: &Param) -> Vec<&str> {
    param.enum_values.iter().map(|v| v.value.as_str()).collect()
}

fn codes(diags: &[Diagnostic]) -> Vec<Code> {
    diags.iter().map(|d| d.code).collect()
}

const HEADER: &str = "|| **Название**\n`тип` | **Описание** ||";

// Tables

#[test]
fn header_variants() {
    let bodies = [
        "|| **Параметр** | **Пример** | **Описание** | **Ревизия** ||\n|| **STATUS^*^**\n[`unknown`](x.md) | `online` | Статус | 18 ||",
        "|| **Название** `Тип` | **Пример** | **Описание** | **Ревизия** ||\n|| **STATUS^*^**\n[`unknown`](x.md) | `online` | Статус | 18 ||",
        "|| **Параметр** / **Тип** | **Описание** ||\n|| **STATUS**^*^ \n[`string`](x.md) | Статус ||",
        "|| **Параметр** | **Описание** ||\n|| **STATUS***\n[`string`](x.md) | Статус ||",
        "|| **Параметр** | **Описание** | **С версии** ||\n|| **STATUS***\n[`string`](x.md) | Статус | 23.800 ||",
        "|| **Параметры** | **Описание** ||\n|| **STATUS***\n[`string`](x.md) | Статус ||",
        "|| **Метод** | **Описание** | **С версии** ||\n|| **STATUS***\n[`string`](x.md) | Статус | ||",
        "|| **Поле** | **Тип** | **Описание** ||\n|| **STATUS*** | `string` | Статус ||",
    ];
    for body in bodies {
        let (spec, _) = parse(&format!("## Параметры\n\n#|\n{body}\n|#\n"));
        assert_eq!(names(&spec.params), ["STATUS"], "{body}");
        let status = param(&spec, "STATUS");
        assert_eq!(status.required, Required::True, "{body}");
        assert_eq!(status.description, "Статус", "{body}");
        assert!(status.ty.written.is_some(), "{body}");
    }
    let (spec, _) = parse(
        "#|\n|| **Параметр** | **Пример** | **Описание** | **Ревизия** ||\n|| **STATUS**\n[`unknown`](x.md) | `'online'` | Статус | 18 ||\n|#\n",
    );
    let status = param(&spec, "STATUS");
    assert_eq!(status.example.as_deref(), Some("'online'"));
    assert_eq!(status.since.as_deref(), Some("18"));
}

#[test]
fn a_table_without_a_header_row_keeps_its_first_row() {
    let (spec, _) = parse(
        "## Параметры метода\n\n#|\n|| **FILTER**\n[`object`](x.md) | Фильтр ||\n|| **ORDER**\n[`object`](x.md) | Сортировка ||\n|#\n",
    );
    assert_eq!(names(&spec.params), ["FILTER", "ORDER"]);
}

#[test]
fn awkward_rows_and_cells() {
    let body = format!(
        "## Параметры метода\n\n#|\n{HEADER}\n|| **name**\n[`string`](x.md) | Имя | | ||\n||**BYDAY**\n[`string`](x.md) | Дни: ```MO|TU```. Шаблон `{{a|b}}` ||\n|| **data**\n[`object`](x.md) | Объект:\n\n```json\n{{\"a\": \"|\"}}\n``` ||\n|| **note**\n[`string`](x.md) | Текст\n\n{{% note warning %}}\n\nВнимание \\| не разделитель\n\n{{% endnote %}}\n\n||\n|| **nested**\n[`string`](x.md) | Значения:\n\n#|\n|| **Значение** | **Описание** ||\n|| `A` | Первое ||\n|| `B` | Второе ||\n|#\n\n||\n|| **last**\n[`integer`](x.md) | Последний ||\n|#\n"
    );
    let (spec, diags) = parse(&body);
    assert_eq!(
        names(&spec.params),
        ["name", "BYDAY", "data", "note", "nested", "last"],
        "{diags:?}"
    );
    assert_eq!(values(param(&spec, "BYDAY")), ["MO", "TU"]);
    assert_eq!(values(param(&spec, "nested")), ["A", "B"]);
    assert!(param(&spec, "note").description.contains("не разделитель"));
}

#[test]
fn a_fence_may_close_on_the_rows_last_line() {
    let body = format!(
        "## Параметры метода\n\n#|\n{HEADER}\n|| **DEFAULT_VALUE**\n[`object`](x.md) | По умолчанию:\n```\n{{ TYPE: 'NONE' }}\n``` ||\n|| **NEXT**\n[`string`](x.md) | Следующий ||\n|#\n\n## Обработка ответа\n"
    );
    let (spec, diags) = parse(&body);
    assert_eq!(names(&spec.params), ["DEFAULT_VALUE", "NEXT"], "{diags:?}");
    assert!(!codes(&diags).contains(&Code::UnclosedTable));
    assert_eq!(
        param(&spec, "DEFAULT_VALUE").default,
        Some(DefaultValue::Literal("{ TYPE: 'NONE' }".into()))
    );
}

#[test]
fn a_row_that_lost_its_pipe_is_read_and_reported() {
    let body = format!(
        "## Параметры метода\n\n#|\n{HEADER}\n|| **order**\nВозможные значения для `order`:\n- `asc` — по возрастанию\n- `desc` — по убыванию ||\n|| **start**\n[`integer`](x.md) | Сдвиг ||\n|#\n"
    );
    let (spec, diags) = parse(&body);
    assert_eq!(names(&spec.params), ["order", "start"]);
    assert!(param(&spec, "order").ty.written.is_none());
    assert!(codes(&diags).contains(&Code::ParamRowUnsplit));
}

// Sections and distractors

#[test]
fn section_heading_variants() {
    for heading in [
        "## Параметры метода",
        "## Параметры",
        "## Параметры метода {#params}",
        "## Параметры запроса",
        "",
    ] {
        let (spec, _) = parse(&format!(
            "{heading}\n\n#|\n{HEADER}\n|| **id***\n[`integer`](x.md) | Идентификатор ||\n|#\n\n## Обработка ответа\n\n#|\n{HEADER}\n|| **result**\n[`boolean`](x.md) | Результат ||\n|#\n"
        ));
        assert_eq!(names(&spec.params), ["id"], "{heading}");
    }
}

#[test]
fn distractor_tables_are_not_parameters() {
    let (spec, diags) = fixture("old-page.md");
    let names = names(&spec.params);
    assert!(!names.contains(&"temperature"), "{names:?}");
    assert!(!names.contains(&"max_tokens"), "{names:?}");
    assert!(codes(&diags).contains(&Code::TableNotParams));
    let (spec, _) = fixture("bot-register.md");
    assert!(!names_deep(&spec.params).contains(&"notAParam".to_owned()));
    assert!(!names_deep(&spec.params).contains(&"azure".to_owned()));
}

fn names_deep(params: &[Param]) -> Vec<String> {
    let mut out = Vec::new();
    for p in params {
        out.push(p.name.clone());
        out.extend(names_deep(&p.fields));
    }
    out
}

#[test]
fn a_page_without_parameters_has_none() {
    let (spec, diags) = parse("## Параметры метода\n\nБез параметров.\n\n## Обработка ответа\n");
    assert!(spec.params.is_empty());
    assert!(!codes(&diags).contains(&Code::ParamsTableUnknown));
}

// Names

#[test]
fn alternative_and_wildcard_names() {
    let (spec, _) = fixture("old-page.md");
    let iblock = param(&spec, "IBLOCK_CODE");
    assert_eq!(iblock.alternatives, ["IBLOCK_ID"]);
    assert_eq!(iblock.required, Required::True);
    let uf = param(&spec, "UF_CRM_...");
    assert_eq!(uf.pattern.as_deref(), Some("UF_CRM_*"));
    assert!(param(&spec, "USER_ID").pattern.is_none());
}

// Types

#[test]
fn types_as_written_and_normalized() {
    let (spec, diags) = fixture("old-page.md");
    let ty = |name: &str| param(&spec, name).ty.normalized.to_string();
    assert_eq!(ty("USER_ID"), "integer");
    assert_eq!(param(&spec, "USER_ID").ty.written.as_deref(), Some("int"));
    assert_eq!(ty("IBLOCK_CODE"), "string");
    assert_eq!(ty("PHONE_NUMBER"), "string | ref(lang_map)");
    assert!(!codes(&diags).contains(&Code::TypeUnknownWord), "{diags:?}");
    let (spec, _) = fixture("bot-register.md");
    assert_eq!(
        param(&spec, "fields/backgroundId").ty.written.as_deref(),
        Some("string | null")
    );
    assert_eq!(
        param(&spec, "fields/backgroundId")
            .ty
            .normalized
            .to_string(),
        "string"
    );
    let (spec, diags) = parse(&format!(
        "## Параметры метода\n\n#|\n{HEADER}\n|| **file**\n[`integer`](a.md) \\|\n[`string`](a.md) \\|\n[`file`](a.md) \\|\n[`object`](a.md) | Файл ||\n|| **ids**\n[```integer | integer[]```](a.md#compound-types) | Идентификаторы ||\n|| **date**\n[`datetime`\\|`date`](a.md) | Дата ||\n|| **odd**\n[`srting`](a.md) | Опечатка ||\n|#\n"
    ));
    let ty = |name: &str| param(&spec, name).ty.normalized.to_string();
    assert_eq!(ty("file"), "integer | string | file | object");
    assert_eq!(ty("ids"), "integer | integer[]");
    assert_eq!(ty("date"), "datetime | date");
    assert_eq!(ty("odd"), "ref(srting)");
    assert!(
        diags
            .iter()
            .any(|d| d.code == Code::TypeUnknownWord && d.message.contains("srting"))
    );
}

// Required

#[test]
fn star_dialects_and_the_legend() {
    let (spec, _) = parse(&format!(
        "## Параметры метода\n\n{{% include [Сноска](../_includes/required.md) %}}\n\n#|\n{HEADER}\n|| **a***\n[`string`](x.md) | A ||\n|| **b^*^**\n[`string`](x.md) | B ||\n|| **c**^*^\n[`string`](x.md) | C ||\n|| **d\\***\n[`string`](x.md) | D ||\n|| **e**\n[`string`](x.md) | E ||\n|#\n"
    ));
    for name in ["a", "b", "c", "d"] {
        assert_eq!(param(&spec, name).required, Required::True, "{name}");
    }
    assert_eq!(param(&spec, "e").required, Required::False);
}

#[test]
fn the_autofill_legend_is_not_a_required_marker() {
    let (spec, _) = parse(&format!(
        "## Параметры метода\n\n{{% include [Сноска](../_includes/required.md) %}}\n\nЗначения полей, отмеченных **, будут взяты из данных о товаре.\n\n#|\n{HEADER}\n|| **name***,**\n[`string`](x.md) | Название ||\n|| **weight****\n[`integer`](x.md) | Вес ||\n|#\n"
    ));
    assert_eq!(param(&spec, "name").required, Required::True);
    assert_eq!(param(&spec, "weight").required, Required::False);
}

#[test]
fn without_a_convention_required_is_unknown() {
    let (spec, _) = fixture("no-convention.md");
    assert_eq!(param(&spec, "id").required, Required::Unknown);
    assert_eq!(param(&spec, "rows/PRICE").required, Required::Unknown);
}

#[test]
fn required_in_words_and_conditions() {
    let (spec, _) = fixture("old-page.md");
    let group = param(&spec, "SOCNET_GROUP_ID");
    assert_eq!(group.required, Required::False);
    assert_eq!(
        group.required_if.as_deref(),
        Some("обязательно, если список создается для группы")
    );
    // The page marks required parameters (stars, words), so an unmarked one is optional.
    assert_eq!(param(&spec, "CRM_CREATE").required, Required::False);
    let (spec, _) = fixture("bot-register.md");
    let token = param(&spec, "fields/token");
    assert_eq!(token.required, Required::False);
    assert!(
        token
            .required_if
            .as_deref()
            .is_some_and(|c| c.contains("вебхук"))
    );
    // Optional-words alone are no convention for the unmarked rows.
    let (spec, _) = parse(&format!(
        "#|\n{HEADER}\n|| **id**\n[`integer`](x.md) | Идентификатор ||\n|| **name**\n[`string`](x.md) | Название (необязательный) ||\n|#\n"
    ));
    assert_eq!(param(&spec, "id").required, Required::Unknown);
    assert_eq!(param(&spec, "name").required, Required::False);
}

#[test]
fn a_legend_outside_the_params_region_does_not_count() {
    let (spec, _) = parse(
        "#|\n|| **Параметр** | **Описание** ||\n|| **name**\n[`unknown`](x.md) | Название ||\n|| **settings**\n[`unknown`](x.md) | Настройки. Необязательный. ||\n|#\n\n## Endpoint\n\n#|\n|| **Параметр** | **Описание** ||\n|| **temperature**^*^ | Температура ||\n|#\n\n\\* - Обязательные параметры\n",
    );
    assert_eq!(param(&spec, "name").required, Required::Unknown);
    assert_eq!(param(&spec, "settings").required, Required::False);
}

// Defaults

#[test]
fn defaults_literal_prose_and_conditional() {
    let (spec, _) = fixture("no-convention.md");
    assert_eq!(
        param(&spec, "rows/PRICE").default,
        Some(DefaultValue::Literal("0.0".into()))
    );
    assert_eq!(
        param(&spec, "rows/MEASURE_CODE").default,
        Some(DefaultValue::Prose(
            "если передан PRODUCT_ID — из товара, иначе 0".into()
        ))
    );
    let (spec, _) = fixture("old-page.md");
    assert_eq!(
        param(&spec, "SHOW").default,
        Some(DefaultValue::Literal("1".into()))
    );
    let (spec, _) = fixture("bot-register.md");
    assert_eq!(
        param(&spec, "fields/eventMode").default,
        Some(DefaultValue::Literal("fetch".into()))
    );
}

// Enumerations

#[test]
fn enumerations_in_every_notation() {
    let (spec, _) = fixture("old-page.md");
    assert_eq!(values(param(&spec, "CRM_CREATE")), ["0", "1"]);
    assert_eq!(
        values(param(&spec, "CRM_ENTITY_TYPE")),
        ["CONTACT", "COMPANY", "LEAD"]
    );
    assert_eq!(values(param(&spec, "TYPE")), ["1", "2", "3"]);
    assert_eq!(param(&spec, "TYPE").enum_values[0].description, "исходящий");
    assert_eq!(
        values(param(&spec, "COLOR")),
        ["RED", "GREEN", "MINT", "LIGHT_BLUE", "PURPLE"]
    );
    assert_eq!(values(param(&spec, "category")), ["text", "image"]);
    let (spec, _) = fixture("bot-register.md");
    assert_eq!(
        values(param(&spec, "fields/eventMode")),
        ["fetch", "webhook"]
    );
    assert_eq!(values(param(&spec, "fields/isHidden")), ["true", "false"]);
    assert_eq!(values(param(&spec, "fields/properties/gender")), ["M", "F"]);
    assert_eq!(
        values(param(&spec, "fields/backgroundId")),
        ["azure", "frost"]
    );
    let (spec, _) = fixture("no-convention.md");
    assert_eq!(values(param(&spec, "rows/DISCOUNT_TYPE_ID")), ["1", "2"]);
}

#[test]
fn values_listed_after_the_table() {
    let (spec, _) = parse(
        "#|\n|| **Параметр** | **Пример** | **Описание** | **Ревизия** ||\n|| **STATUS^*^**\n[`unknown`](x.md) | `online` | Новый статус | 18 ||\n|#\n\nДоступны следующие статусы:\n\n- `online` – Онлайн\n- `dnd` – Не беспокоить\n- `away` – Отсутствую\n",
    );
    assert_eq!(values(param(&spec, "STATUS")), ["online", "dnd", "away"]);
}

#[test]
fn lists_that_are_not_enumerations() {
    let (spec, diags) = parse(&format!(
        "#|\n{HEADER}\n|| **filter**\n[`object`](x.md) | Фильтр. Возможные значения префикса:\n- `>=` — больше либо равно\n- `!@` — NOT IN\n||\n|| **order**\n[`object`](x.md) | Направление сортировки может принимать значения:\n- `asc` — по возрастанию\n- `desc` — по убыванию\n||\n|| **entity**\n[`string`](x.md) | Привязка. Например:\n- `LEAD_123` — лид\n- `DEAL_5` — сделка\n||\n|| **prefix**\n[`string`](x.md) | Префиксы:\n- `CO_` — компания\n- `C_` — контакт\n||\n|#\n"
    ));
    for name in ["filter", "order", "entity", "prefix"] {
        assert!(values(param(&spec, name)).is_empty(), "{name}");
    }
    assert!(param(&spec, "order").fields.is_empty());
    assert!(codes(&diags).contains(&Code::EnumRejected));
}

// Nesting

#[test]
fn nested_fields_two_levels_deep() {
    let (spec, diags) = fixture("bot-register.md");
    assert_eq!(names(&spec.params), ["fields"]);
    assert_eq!(
        names(&param(&spec, "fields").fields),
        [
            "code",
            "token",
            "properties",
            "eventMode",
            "isHidden",
            "backgroundId"
        ]
    );
    let name = param(&spec, "fields/properties/name");
    assert_eq!(name.required, Required::True);
    assert_eq!(
        param(&spec, "fields/properties/avatar").required,
        Required::False
    );
    assert!(
        !codes(&diags).contains(&Code::SubtableUnlinked),
        "{diags:?}"
    );
}

#[test]
fn sub_tables_linked_by_anchor_heading_case_plural_and_level() {
    let (spec, _) = fixture("no-convention.md");
    assert_eq!(
        names(&param(&spec, "rows").fields),
        ["PRICE", "DISCOUNT_TYPE_ID", "MEASURE_CODE"]
    );
    let (spec, _) = parse(&format!(
        "## Параметры метода\n\n#|\n{HEADER}\n|| **FILTER**\n[`object`](x.md) | Фильтр ||\n|| **fields**\n[`object`](x.md) | Поля ||\n|#\n\n### Параметры filter\n\n#|\n{HEADER}\n|| **id**\n[`integer`](x.md) | Идентификатор ||\n|#\n\n## Параметры fields {{#fields}}\n\n#|\n{HEADER}\n|| **name**\n[`string`](x.md) | Имя ||\n|#\n"
    ));
    assert_eq!(names(&param(&spec, "FILTER").fields), ["id"]);
    assert_eq!(names(&param(&spec, "fields").fields), ["name"]);
}

#[test]
fn dotted_names_and_keys_in_prose() {
    let (spec, _) = parse(&format!(
        "#|\n{HEADER}\n|| **fields***\n[`object`](x.md) | Поля ||\n|| **fields.CONTACT_ID***\n[`integer`](x.md) | Контакт ||\n|| **within**\n[`object`](x.md) | Период в формате `{{\"dateFrom\": 0}}`, где\n- `dateFrom` — начало периода\n- `dateTo` — конец периода\n\nЕсли объект передан, все параметры внутри него обязательны ||\n|#\n"
    ));
    assert_eq!(names(&spec.params), ["fields", "within"]);
    assert_eq!(names(&param(&spec, "fields").fields), ["CONTACT_ID"]);
    assert_eq!(
        names(&param(&spec, "within").fields),
        ["dateFrom", "dateTo"]
    );
    assert_eq!(param(&spec, "within/dateTo").required, Required::True);
}

#[test]
fn a_local_type_with_fields_becomes_an_object() {
    let (spec, _) = fixture("variants.md");
    let list = param(&spec, "LIST");
    assert_eq!(list.ty.written.as_deref(), Some("uf_enum_element[]"));
    assert_eq!(list.ty.normalized.to_string(), "object[]");
    assert_eq!(names(&list.fields), ["VALUE", "DEF"]);
    assert_eq!(values(param(&spec, "LIST/DEF")), ["Y", "N"]);
}

// Variants

#[test]
fn per_variant_tabs_merge_into_one_field_list() {
    let (spec, diags) = fixture("variants.md");
    let settings = param(&spec, "SETTINGS");
    assert_eq!(
        names(&settings.fields),
        ["DEFAULT_VALUE", "ROWS", "DISPLAY"],
        "{diags:?}"
    );
    let default = param(&spec, "SETTINGS/DEFAULT_VALUE");
    // In every variant: no variant list; types of both variants; values of one variant dropped.
    assert!(default.variants.is_empty());
    assert_eq!(default.ty.normalized.to_string(), "string | integer");
    assert!(default.enum_values.is_empty());
    assert!(default.description.contains("`string`: "));
    assert_eq!(param(&spec, "SETTINGS/ROWS").variants, ["string"]);
    let display = param(&spec, "SETTINGS/DISPLAY");
    assert_eq!(display.variants, ["boolean"]);
    assert_eq!(values(display), ["CHECKBOX", "RADIO"]);
    assert_eq!(values(param(&spec, "USER_TYPE_ID")), ["string", "boolean"]);
}

#[test]
fn sibling_headings_are_ways_to_call_the_method() {
    let (spec, _) = parse(&format!(
        "## Параметры метода\n\nДоступно два варианта вызова.\n\n### 1. Через идентификатор\n\n{{% include [Сноска](../_includes/required.md) %}}\n\n#|\n{HEADER}\n|| **attachId***\n[`integer`](x.md) | Идентификатор ||\n|#\n\n### 2. Через элемент\n\n#|\n{HEADER}\n|| **moduleId***\n[`string`](x.md) | Модуль ||\n|| **entityId***\n[`integer`](x.md) | Элемент ||\n|#\n"
    ));
    assert_eq!(names(&spec.params), ["attachId", "moduleId", "entityId"]);
    let attach = param(&spec, "attachId");
    assert_eq!(attach.variants, ["1. Через идентификатор"]);
    // Required when that way is used, so not required by itself.
    assert_eq!(attach.required, Required::False);
    assert_eq!(
        attach.required_if.as_deref(),
        Some("для вариантов: 1. Через идентификатор")
    );
    assert_eq!(param(&spec, "moduleId").variants, ["2. Через элемент"]);
}

#[test]
fn flat_keys_nest_where_the_request_example_puts_them() {
    let (spec, diags) = parse(
        "#|\n|| **Параметр** | **Описание** ||\n|| **CODE^*^**\n[`unknown`](x.md) | Код (обяз.) ||\n|| **PROPERTIES^*^**\n[`unknown`](x.md) | Личные данные (обяз.) ||\n|| **NAME**\n[`unknown`](x.md) | Имя ||\n|| **COLOR**\n[`unknown`](x.md) | Цвет ||\n|#\n\n## Примеры\n\n```php\n$result = restCommand('test.method.run', Array(\n    'CODE' => 'newbot',\n    'PROPERTIES' => Array(\n        'NAME' => 'NewBot',\n        'COLOR' => 'GREEN',\n    )\n));\n```\n",
    );
    assert_eq!(names(&spec.params), ["CODE", "PROPERTIES"]);
    assert_eq!(names(&param(&spec, "PROPERTIES").fields), ["NAME", "COLOR"]);
    assert!(codes(&diags).contains(&Code::ParamsNestedByExample));
}

#[test]
fn values_that_live_elsewhere_name_their_method() {
    let (spec, _) = parse(&format!(
        "#|\n{HEADER}\n|| **STAGE_ID**\n[`crm_status`](x.md) | Стадия.\n\nСписок доступных стадий можно узнать с помощью метода [crm.status.list](../status/crm-status-list.md) ||\n|| **TYPE**\n[`string`](x.md) | Тип. Возможные значения: `A`, `B` ||\n|#\n"
    ));
    assert_eq!(
        param(&spec, "STAGE_ID").values_from.as_deref(),
        Some("crm.status.list")
    );
    assert!(param(&spec, "TYPE").values_from.is_none());
}

#[test]
fn an_include_inside_a_cell_is_the_legend() {
    let (spec, diags) = parse(
        "## Параметры\n\n#|\n|| **Параметр** | **Описание** ||\n|| **IBLOCK_ID**\n[`unknown`](x.md) | Инфоблок (обязательно) ||\n|| **ELEMENT_ORDER**\n[`unknown`](x.md) | Сортировка.\n\n{% include [Сноска о параметрах](../_includes/required.md) %}\n\nПример:\n```js\n'ELEMENT_ORDER': { \"ID\": \"DESC\" }\n```\n||\n|| **SELECT**\n[`array`](x.md) | Поля ||\n|#\n",
    );
    assert_eq!(
        names(&spec.params),
        ["IBLOCK_ID", "ELEMENT_ORDER", "SELECT"],
        "{diags:?}"
    );
    assert_eq!(param(&spec, "IBLOCK_ID").required, Required::True);
    assert_eq!(param(&spec, "SELECT").required, Required::False);
    assert!(param(&spec, "ELEMENT_ORDER").description.contains("Пример"));
}
