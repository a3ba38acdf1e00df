//! The corpus-level link pass on a small docs folder written for these tests
//! (`fixtures/link`): entities from field pages and method tables, results and `fields`
//! parameters typed `ref(entity)`, links resolved or reported, maps keyed by ids, custom
//! fields, inline enums, and a method named only in a note.

mod fixture_import;

use b24_doc_parser::{Code, Import};
use b24_spec::{MethodSpec, Param, ReferenceKind, ReferenceType, TypeExpr};
use fixture_import::field;

static FIXTURE: fixture_import::Fixture = fixture_import::Fixture::new("link");

fn imported() -> &'static Import {
    FIXTURE.import()
}

fn method(name: &str) -> &'static MethodSpec {
    FIXTURE.method(name)
}

fn entity(name: &str) -> &'static ReferenceType {
    FIXTURE.entity(name)
}

fn ty(text: &str) -> TypeExpr {
    text.parse().expect("a type")
}

#[test]
fn methods_point_at_the_entity_their_prefix_names() {
    let lead = entity("crm.lead");
    assert_eq!(lead.kind, ReferenceKind::Entity);
    assert_eq!(lead.module.as_deref(), Some("crm.lead"));
    assert_eq!(lead.rust_name.as_deref(), Some("Lead"));
    assert_eq!(method("crm.lead.get").response.result, ty("ref(crm.lead)"));
    assert!(method("crm.lead.get").response.fields.is_empty());
    assert_eq!(
        method("crm.lead.list").response.result,
        ty("ref(crm.lead)[]")
    );
    let add = &method("crm.lead.add").params[0];
    assert_eq!(add.ty.normalized, ty("ref(crm.lead)"));
    assert!(add.fields.is_empty());
    // What the add page requires stays with the method; the entity's field is optional.
    assert_eq!(add.required_fields, ["TITLE"]);
    // The `fields` parameter's own field joins the entity; the read-only mark is kept.
    let names: Vec<&str> = lead.fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["ID", "TITLE", "STATUS_ID", "COMMENTS"]);
    assert!(field(&lead.fields, "ID").read_only);
    assert!(!field(&lead.fields, "TITLE").read_only);
    // `select` lists the fields: it is not the entity.
    assert_eq!(method("crm.lead.list").params[0].ty.normalized, ty("any[]"));
}

#[test]
fn links_to_a_field_page_resolve_to_its_entity_and_its_sections() {
    let task = entity("tasks.task");
    assert_eq!(task.source, "api-reference/tasks/fields.md");
    assert_eq!(task.rust_name.as_deref(), Some("Task"));
    let get = &method("tasks.task.get").response;
    assert_eq!(
        field(&get.fields, "task").ty.normalized,
        ty("ref(tasks.task)")
    );
    let list = &method("tasks.task.list").response;
    // "Массив объектов": an array, though the type column says `object`.
    assert_eq!(
        field(&list.fields, "tasks").ty.normalized,
        ty("ref(tasks.task)[]")
    );
    assert_eq!(
        field(&list.fields, "groups").ty.normalized,
        ty("ref(tasks.task.group)")
    );
    let group = entity("tasks.task.group");
    assert_eq!(group.module.as_deref(), Some("tasks.task"));
    assert_eq!(group.rust_name.as_deref(), Some("Group"));
    // The page's own link to its section.
    assert_eq!(
        field(&task.fields, "group").ty.normalized,
        ty("ref(tasks.task.group)")
    );
}

#[test]
fn a_cycle_of_links_ends_and_self_references_are_kept() {
    // `parent` links to tasks.task.get, whose entity is the task itself.
    let task = entity("tasks.task");
    assert_eq!(
        field(&task.fields, "parent").ty.normalized,
        ty("ref(tasks.task)")
    );
    // test.a.get and test.b.get send the reader to each other: nothing to resolve to.
    assert_eq!(method("test.a.get").response.result, TypeExpr::Any);
    assert_eq!(method("test.b.get").response.result, TypeExpr::Any);
}

#[test]
fn unresolved_links_are_reported_with_file_and_line() {
    let data = field(&method("tasks.task.list").response.fields, "data");
    assert_eq!(data.ty.normalized, TypeExpr::Object);
    let diags: Vec<_> = imported()
        .diagnostics(b24_doc_parser::Severity::Info)
        .filter(|d| d.code == Code::RefUnresolved)
        .collect();
    let on_data = diags
        .iter()
        .find(|d| d.path == "api-reference/tasks/tasks-task-list.md")
        .expect("the `data` link is reported");
    assert_eq!(on_data.line, 29);
    assert!(
        on_data.message.contains("./guide.md"),
        "{}",
        on_data.message
    );
    let counts = imported().summary().links;
    assert_eq!(counts.unresolved, diags.len());
    assert!(counts.resolved >= 5, "{counts:?}");
}

#[test]
fn objects_keyed_by_ids_or_field_names_are_maps() {
    let map = &method("test.map.get").response;
    assert_eq!(map.result, ty("map(object)"));
    let names: Vec<&str> = map.fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["ID", "NAME", "SORT"]);
    let fields = &method("crm.lead.fields").response;
    assert_eq!(fields.result, ty("map(object)"));
    assert!(fields.fields.iter().any(|f| f.name == "isReadOnly"));
}

#[test]
fn custom_fields_become_the_entity_glob() {
    let lead = entity("crm.lead");
    assert_eq!(lead.user_fields.as_deref(), Some("UF_*"));
    assert!(lead.fields.iter().all(|f| !f.name.starts_with("UF_")));
    assert_eq!(entity("tasks.task").user_fields, None);
}

#[test]
fn inline_enums_stay_on_the_entity_fields() {
    let values = |fields: &[Param], name: &str| -> Vec<String> {
        field(fields, name)
            .enum_values
            .iter()
            .map(|v| v.value.clone())
            .collect()
    };
    assert_eq!(
        values(&entity("crm.lead").fields, "STATUS_ID"),
        ["NEW", "CONVERTED"]
    );
    assert_eq!(values(&entity("tasks.task").fields, "status"), ["2", "3"]);
}

#[test]
fn a_method_named_only_in_the_note_is_read() {
    let spec = method("landing.landing.addblock");
    assert_eq!(spec.title, "Добавление нового блока на страницу");
    assert_eq!(spec.scope, ["landing"]);
    assert_eq!(spec.params[0].name, "lid");
}

#[test]
fn an_entity_named_like_a_data_types_word_keeps_the_word_free() {
    // `user` is the user id's type on the data-types page: entities never take its name.
    let user = imported()
        .types
        .iter()
        .find(|t| t.name == "user")
        .expect("user");
    assert_eq!(user.kind, ReferenceKind::IntegerId);
}

#[test]
fn descriptions_that_name_keys_and_values_make_maps() {
    let task = entity("tasks.task");
    // "Ключ объекта — идентификатор пользователя, а значение — объект с [описанием
    // пользователя](#user)", though the type column says `array`.
    assert_eq!(
        field(&task.fields, "auditorsData").ty.normalized,
        ty("map(ref(tasks.task.user))")
    );
    // "Ключ — идентификатор чата, значение — количество сообщений".
    assert_eq!(
        field(&task.fields, "counters").ty.normalized,
        ty("map(integer)")
    );
}

#[test]
fn a_tree_node_holds_its_children_and_its_parts_parts_are_named() {
    let tree = entity("tasks.task.tree");
    assert_eq!(tree.module.as_deref(), Some("tasks.task"));
    assert_eq!(
        field(&tree.fields, "descendants").ty.normalized,
        ty("ref(tasks.task.tree)[]")
    );
    // `#tree-fields` is linked from the `tree` part, not from the page's first table.
    assert_eq!(
        field(&tree.fields, "fields").ty.normalized,
        ty("ref(tasks.task.tree_fields)")
    );
    assert_eq!(
        entity("tasks.task.tree_fields").module.as_deref(),
        Some("tasks.task")
    );
}

#[test]
fn data_type_objects_are_entities_and_map_types_are_maps() {
    let multifield = entity("crm_multifield");
    assert_eq!(multifield.kind, ReferenceKind::Entity);
    assert_eq!(multifield.module.as_deref(), Some("crm"));
    assert_eq!(multifield.rust_name.as_deref(), Some("Multifield"));
    let contact = entity("test.contact");
    // "Телефоны. Множественное": an array of the type the column writes.
    assert_eq!(
        field(&contact.fields, "PHONE").ty.normalized,
        ty("ref(crm_multifield)[]")
    );
    // `lang_map` is "Объект формата {lang_1: value_1, …}": a map of texts.
    assert_eq!(
        field(&contact.fields, "LABEL").ty.normalized,
        ty("map(string)")
    );
}

#[test]
fn a_result_wrapping_its_table_takes_the_wrapper_from_the_description_or_the_example() {
    // "Содержит объект [`item`](#item)": the linked table is the wrapped object's.
    // The wrapped record of a `get` is the prefix's entity.
    let item = &method("test.item.get").response;
    assert_eq!(item.fields.len(), 1);
    assert_eq!(item.fields[0].name, "item");
    assert_eq!(item.fields[0].ty.normalized, ty("ref(test.item)"));
    assert_eq!(
        field(&entity("test.item").fields, "id").ty.normalized,
        TypeExpr::Integer
    );
    // The table lists `ID`, `NAME`; the example shows them under `items`.
    let vote = &method("test.vote.get").response;
    assert_eq!(vote.fields.len(), 1);
    assert_eq!(vote.fields[0].name, "items");
    assert_eq!(vote.fields[0].ty.normalized, ty("object[]"));
    assert_eq!(vote.fields[0].fields.len(), 2);
}

#[test]
fn a_field_the_example_names_in_the_plural_takes_that_name() {
    let rows = &method("test.rows.set").response;
    assert_eq!(rows.fields.len(), 1);
    assert_eq!(rows.fields[0].name, "productRows");
}

#[test]
fn a_camel_case_structure_of_an_upper_case_entity_is_its_camel_twin() {
    let item = entity("test.item");
    let fm = field(&item.fields, "fm");
    assert_eq!(fm.ty.normalized, ty("object[]"));
    assert!(fm.enum_values.is_empty());
    let names: Vec<&str> = fm.fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["id", "value"]);
    assert_eq!(field(&fm.fields, "id").ty.normalized, TypeExpr::Integer);
}

#[test]
fn a_dotted_key_beside_a_scalar_stays_a_key_and_id_lists_hold_integers() {
    let item = entity("test.item");
    assert_eq!(field(&item.fields, "edit").ty.normalized, TypeExpr::Boolean);
    assert!(field(&item.fields, "edit").fields.is_empty());
    assert_eq!(
        field(&item.fields, "edit.plan").ty.normalized,
        TypeExpr::Boolean
    );
    // "Список идентификаторов пользователей", the type column saying `array`.
    assert_eq!(
        field(&item.fields, "auditors").ty.normalized,
        ty("integer[]")
    );
}

#[test]
fn a_field_section_of_an_overview_page_is_an_entity_for_the_methods_linking_it() {
    let get = &method("test.dataset.get").response;
    let item = field(&get.fields, "item");
    let TypeExpr::Ref(name) = &item.ty.normalized else {
        panic!("item is {:?}", item.ty.normalized);
    };
    let names: Vec<&str> = entity(name)
        .fields
        .iter()
        .map(|f| f.name.as_str())
        .collect();
    assert_eq!(names, ["ID", "NAME"]);
}

#[test]
fn a_link_to_a_data_types_anchor_names_that_object_type() {
    // The example gives `multi`; the result row links `data-types.md#crm_multifield`.
    let get = &method("test.multi.get").response;
    assert_eq!(
        field(&get.fields, "multi").ty.normalized,
        ty("ref(crm_multifield)")
    );
}

#[test]
fn an_open_field_takes_the_structure_its_page_documents_for_that_name_when_the_example_fits() {
    // `tree.action` ("Массив доступных действий") is `item.action`'s structure: the example
    // shows only its keys under `tree.action`.
    let tree = entity("ha.node.tree");
    assert_eq!(
        field(&tree.fields, "action").ty.normalized,
        ty("ref(ha.node.item_action)")
    );
    // `parent` has no documented twin on the page: it stays open.
    assert_eq!(field(&tree.fields, "parent").ty.normalized, ty("object"));
}

#[test]
fn a_result_row_naming_keys_and_a_linked_value_makes_a_map() {
    assert_eq!(
        method("ha.counters.get").response.result,
        ty("map(ref(ha.counters))")
    );
    let counters = entity("ha.counters");
    assert_eq!(
        field(&counters.fields, "counter").ty.normalized,
        ty("integer")
    );
}

#[test]
fn a_family_of_keys_takes_its_scope_type_and_its_instances_join_it() {
    let company = entity("ha.company");
    let family = field(&company.fields, "PARENT_ID_...");
    assert_eq!(family.pattern.as_deref(), Some("PARENT_ID_*"));
    // Written `integer` for the same pattern on `ha-deal-get.md`.
    assert_eq!(family.ty.normalized, ty("integer"));
    // `PARENT_ID_156`, shown by the example only, is one of the family's keys.
    assert!(!company.fields.iter().any(|f| f.name == "PARENT_ID_156"));
    let deal = entity("ha.deal");
    assert!(!deal.fields.iter().any(|f| f.name == "PARENT_ID_153"));
}

#[test]
fn a_field_one_page_calls_multiple_is_a_list_on_the_entity() {
    // `ha-company-get.md` writes `PHONE` as one `crm_multifield`; the add page says
    // "Множественное".
    let company = entity("ha.company");
    assert_eq!(
        field(&company.fields, "PHONE").ty.normalized,
        ty("ref(crm_multifield)[]")
    );
}

#[test]
fn a_list_the_table_calls_an_object_takes_the_records_its_example_shows() {
    // The table says `object`, the example shows an array of the get method's records.
    let list = &method("ha.field.list").response;
    assert_eq!(list.result, ty("ref(ha.field)[]"));
    assert_eq!(list.example_result, None);
    assert!(list.fields.is_empty());
    // The records of `ha.queue.list` are not the wrapper `ha.queue.get` returns: the
    // list stays as its example reads, and the wrapper gains no event fields.
    let queue = &method("ha.queue.list").response;
    assert_eq!(queue.result, ty("object"));
    assert_eq!(queue.example_result, Some(ty("object[]")));
    assert!(
        !entity("ha.queue")
            .fields
            .iter()
            .any(|f| f.name == "EVENT_NAME")
    );
}

#[test]
fn a_record_only_an_example_shows_takes_the_flat_add_table() {
    // `hu.member.get` shows a member in its example only; `hu.member.add` lists the
    // member's fields as its own parameters (`user.get` / `user.add`).
    let member = entity("hu.member");
    assert_eq!(
        method("hu.member.get").response.result,
        ty("ref(hu.member)[]")
    );
    let names: Vec<&str> = member.fields.iter().map(|f| f.name.as_str()).collect();
    for name in [
        "ID",
        "NAME",
        "EMAIL",
        "WORK_PHONE",
        "PERSONAL_PHOTO",
        "WORK_LOGO",
    ] {
        assert!(names.contains(&name), "{name} in {names:?}");
    }
    // Custom fields stay in the user-field map; the add's required mark stays its own.
    assert!(!names.contains(&"UF_SKILLS"), "{names:?}");
    assert_eq!(member.user_fields.as_deref(), Some("UF_*"));
    assert!(!field(&member.fields, "EMAIL").required.is_true());
    assert_eq!(
        field(&member.fields, "WORK_PHONE").ty.normalized,
        ty("string")
    );
    // An upload (`[name, base64]`) comes back as the file's link; another open array says
    // nothing of the record's value.
    assert_eq!(
        field(&member.fields, "PERSONAL_PHOTO").ty.normalized,
        ty("string")
    );
    assert_eq!(field(&member.fields, "WORK_LOGO").ty.normalized, ty("any"));
    // The filter's text names the date fields; the one the example prints as `{}` is a
    // date or that object, the one it prints as text keeps its type.
    assert_eq!(
        field(&member.fields, "TIMESTAMP_X").ty.normalized,
        ty("datetime | object")
    );
    assert_eq!(
        field(&member.fields, "DATE_REGISTER").ty.normalized,
        ty("string")
    );
    // An add that shares one field with the record is a request of its own.
    let team = entity("hu.team");
    assert!(team.fields.iter().all(|f| f.name != "NOTIFY"));
}
