//! A named type the docs' data-types pages define (`user`, `crm_status`, `crm_multifield`):
//! what a `ref(name)` in a method's types stands for.

use serde::{Deserialize, Serialize};

use crate::{EnumValue, Param};

/// One named type. Serialized as one YAML file under `specs/types/`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReferenceType {
    pub schema_version: u32,
    /// The type word as the pages write it in type columns (`crm_status`, `sale_order.id`).
    pub name: String,
    pub kind: ReferenceKind,
    /// The data-types page that defines it, relative to the docs root.
    pub source: String,
    /// The definition, markdown as written.
    pub description: String,
    /// The method the definition sends you to for the values (`crm.status.list`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub values_from: Option<String>,
    /// Values the definition lists (`1` — встреча, `2` — звонок).
    #[serde(default, rename = "enum", skip_serializing_if = "Vec::is_empty")]
    pub enum_values: Vec<EnumValue>,
    /// For an `entity`: the generated module it lives in, as a dotted path (`crm.lead`
    /// gives `b24_api::crm::lead`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub module: Option<String>,
    /// For an `entity`: the Rust type name (`Lead`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rust_name: Option<String>,
    /// For an `entity` with custom fields: the glob of their keys (`UF_*`, `ufCrm*`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_fields: Option<String>,
    /// Fields of the structure the page describes under the type's name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<Param>,
}

/// What values of a named type look like on the wire, as its definition says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReferenceKind {
    /// An integer id of another object ("Целочисленный идентификатор …").
    IntegerId,
    /// A string id or code ("Строковый идентификатор", "Строковый код", "Символьный
    /// идентификатор": `NEW`, `CRM_CONTACT`).
    StringCode,
    /// An integer from the listed values.
    IntegerEnum,
    /// An object ("Объект …"), with its fields when the page lists them.
    Object,
    /// An object a field page describes (`crm-lead-fields.md`, the "Поля задачи" pages, a
    /// `get` method's result table): the method pages link to it for their results and
    /// `fields` parameters. Generated as a named struct in its `module`.
    Entity,
    /// None of these (a binding string such as `D_1`, a value whose type depends on the
    /// field): read as any JSON value.
    Other,
}

impl ReferenceType {
    /// A type of this schema version with nothing but its name, kind and page: the rest is
    /// filled in by whoever reads more of it (`..ReferenceType::new(…)`).
    pub fn new(name: &str, kind: ReferenceKind, source: &str) -> Self {
        ReferenceType {
            schema_version: crate::SCHEMA_VERSION,
            name: name.to_owned(),
            kind,
            source: source.to_owned(),
            description: String::new(),
            values_from: None,
            enum_values: Vec::new(),
            module: None,
            rust_name: None,
            user_fields: None,
            fields: Vec::new(),
        }
    }
}
