//! The schema of one REST method, as extracted from its documentation page.

use serde::{Deserialize, Serialize};

use crate::{Required, TypeExpr, TypeRef};

/// One callable REST method. Serialized as one YAML file under `specs/`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MethodSpec {
    /// Format version of this file; see [`crate::SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The method name as the page writes it (`im.user.status.set`). The server compares
    /// names case-insensitively; we keep the docs' spelling.
    pub method: String,
    /// Classic REST or REST 3.0: different endpoints even when the name is the same.
    #[serde(default)]
    pub api_version: ApiVersion,
    /// Page path relative to the docs root (`api-reference/chats/users/im-user-status-set.md`).
    pub source: String,
    /// The h1 without the method name.
    pub title: String,
    /// The prose that introduces the method.
    pub description: String,
    /// Permission scopes the method needs (`im`, `crm`, `базовый`); empty if the page gives none.
    pub scope: Vec<String>,
    /// "Кто может выполнять метод", as written.
    pub who_can_call: Option<String>,
    /// Set when the page marks the method deprecated.
    pub deprecated: Option<Deprecation>,
    pub params: Vec<Param>,
    pub response: Response,
    /// Method-specific error codes.
    pub errors: Vec<ErrorSpec>,
    /// The page includes the shared list of system errors (rate limits, auth, ...).
    #[serde(default)]
    pub system_errors: bool,
}

/// Which REST API a method belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApiVersion {
    #[default]
    Classic,
    /// REST 3.0 (`*-rest-v3.md` pages, `/rest/api/` endpoints).
    RestV3,
}

/// Why and in favour of what a method is deprecated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deprecation {
    /// The docs' own words, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The method to use instead, when the page names one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replacement: Option<String>,
}

/// A request parameter, or a field of an object parameter or of the response.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Param {
    /// The wire name, exactly as the docs write it (`STATUS`, `fields`, `UF_CRM_...`).
    pub name: String,
    /// Other wire names documented in the same row and accepted instead of `name`
    /// (`IBLOCK_CODE` for `IBLOCK_ID`): one of them is sent, with the same meaning.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<String>,
    /// Set when `name` stands for a family of keys rather than one key (`UF_CRM_...`,
    /// `<КОД_ПОЛЯ>`, `propertyN`): a glob where `*` is the variable part (`UF_CRM_*`, `*`,
    /// `property*`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
    #[serde(rename = "type")]
    pub ty: TypeRef,
    pub required: Required,
    /// The docs' condition under which the parameter is required ("Обязателен, если не
    /// передан `DIALOG_ID`"); `required` is then `false`, since it can be left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required_if: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<DefaultValue>,
    /// Enumerated values, when the docs list them.
    #[serde(rename = "enum", default, skip_serializing_if = "Vec::is_empty")]
    pub enum_values: Vec<EnumValue>,
    /// The method the docs send you to for the valid values, when they do not list them
    /// ("Список доступных стадий можно узнать с помощью метода crm.status.list").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub values_from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub example: Option<String>,
    /// The API revision (or module version) that introduced the parameter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<String>,
    /// The variants the docs describe this field under, as their tab titles (`string`,
    /// `date|datetime`, `Сделка`): the field exists only for those. Empty when it does not
    /// depend on a variant.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variants: Vec<String>,
    #[serde(default)]
    pub description: String,
    /// The docs mark this parameter as outdated.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub deprecated: bool,
    /// The docs mark this field as read-only: returned, never sent.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub read_only: bool,
    /// Fields of an object (or of the elements of an array of objects).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<Param>,
    /// For a parameter typed as a shared entity (`fields` of an `add`, `ref(E)`): the
    /// entity's fields this method's page marks required (`title`, `creatorId`, … for
    /// `tasks.task.add`). The entity keeps every field optional, since other methods send
    /// it partly; the generated method checks these before sending.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub required_fields: Vec<String>,
}

impl Param {
    /// Whether `key` is this field's on the wire: its name, one of its alternatives, or a
    /// key its pattern matches.
    pub fn takes_key(&self, key: &str) -> bool {
        self.name == key
            || self.alternatives.iter().any(|a| a == key)
            || self
                .pattern
                .as_deref()
                .is_some_and(|p| pattern_matches(p, key))
    }

    /// [`TypeExpr::for_each_ref_mut`] over this field's type and its fields', at any depth.
    pub fn for_each_ref_mut(&mut self, f: &mut impl FnMut(&mut TypeExpr)) {
        self.ty.normalized.for_each_ref_mut(f);
        for field in &mut self.fields {
            field.for_each_ref_mut(f);
        }
    }
}

/// Whether `key` is one of the family [`Param::pattern`] names: `PARENT_ID_*` matches
/// `PARENT_ID_156`, not `PARENT_ID_` (`*` stands for one or more characters).
pub fn pattern_matches(pattern: &str, key: &str) -> bool {
    match pattern.split_once('*') {
        Some((head, tail)) => {
            key.len() > head.len() + tail.len() && key.starts_with(head) && key.ends_with(tail)
        }
        None => pattern == key,
    }
}

/// A parameter's default value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DefaultValue {
    /// A literal value the page gives (`N`, `0`, `{id: 'ASC'}`).
    Literal(String),
    /// The page describes the default in words ("текущий пользователь").
    Prose(String),
}

/// One documented value of an enumerated parameter.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnumValue {
    pub value: String,
    #[serde(default)]
    pub description: String,
}

/// What a successful call returns in `result`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Response {
    /// The kind of `result`: `boolean`, `integer`, `object`, `object[]`, `any` when unknown.
    pub result: TypeExpr,
    /// The kind the success example shows when it contradicts `result` (the table's word);
    /// absent when they agree or there is no example.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub example_result: Option<TypeExpr>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Documented fields of `result` (or of its elements when it is an array).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<Param>,
    /// Success response examples, verbatim from the page.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<String>,
}

impl Default for MethodSpec {
    /// An empty spec of the current format; build test specs with `..Default::default()` so
    /// that new fields do not break them.
    fn default() -> Self {
        Self {
            schema_version: crate::SCHEMA_VERSION,
            method: String::new(),
            api_version: ApiVersion::Classic,
            source: String::new(),
            title: String::new(),
            description: String::new(),
            scope: Vec::new(),
            who_can_call: None,
            deprecated: None,
            params: Vec::new(),
            response: Response::default(),
            errors: Vec::new(),
            system_errors: false,
        }
    }
}

/// A documented error.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorSpec {
    /// The `error` code; empty when the docs say the code is an empty string.
    pub code: String,
    /// The `error_description` text the server sends, when the table gives it (columns
    /// "Сообщение об ошибке", "Текст ошибки", or "Описание" beside a "Значение" column).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    #[serde(default)]
    pub description: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http_status: Option<u16>,
}
