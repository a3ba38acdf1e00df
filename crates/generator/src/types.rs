//! Normalized types to Rust types: which Rust type a value gets, and which
//! `b24_protocol::wire` codec reads and writes it.

use std::collections::HashMap;

use b24_spec::{Param, ReferenceKind, ReferenceType, TypeExpr};
use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Value;

use crate::naming::ident;

/// A scalar with a wire codec: the Rust type stays plain (`bool`, `i64`, …) and serde goes
/// through the matching `b24_protocol::wire` module.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Codec {
    /// A `Y`/`N` flag, as `bool`.
    Yn,
    /// A JSON boolean, read leniently.
    Boolean,
    Int,
    Float,
    Text,
    /// A token (`application_token`, `access_token`, `refresh_token`), as
    /// `b24_protocol::Secret` so it never shows in `Debug`.
    Secret,
    Date,
    DateTime,
    /// A file to upload, as `b24_protocol::FileData`, written in the page's form.
    File(FileForm),
}

/// How a method's page takes a file (`api-reference/files/how-to-upload-files.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FileForm {
    /// `["name", "base64"]`.
    Pair,
    /// `{"fileData": ["name", "base64"]}`.
    Object,
    /// The Base64 string alone.
    Base64,
}

impl Codec {
    /// The codec's type in `b24_protocol::wire`.
    fn type_name(self) -> &'static str {
        match self {
            Codec::Yn => "Yn",
            Codec::Boolean => "Boolean",
            Codec::Int => "Int",
            Codec::Float => "Float",
            Codec::Text => "Text",
            Codec::Secret => "SecretText",
            Codec::Date => "DateCodec",
            Codec::DateTime => "DateTimeCodec",
            Codec::File(FileForm::Pair) => "FilePair",
            Codec::File(FileForm::Object) => "FileObject",
            Codec::File(FileForm::Base64) => "FileBase64",
        }
    }

    fn rust(self) -> TokenStream {
        match self {
            Codec::Yn | Codec::Boolean => quote!(bool),
            Codec::Int => quote!(i64),
            Codec::Float => quote!(f64),
            Codec::Text => quote!(String),
            Codec::Secret => quote!(b24_protocol::Secret),
            Codec::Date => quote!(b24_protocol::wire::Date),
            Codec::DateTime => quote!(b24_protocol::wire::DateTime),
            Codec::File(_) => quote!(b24_protocol::FileData),
        }
    }
}

/// Wire names whose values are credentials: their text fields become `Secret`.
const TOKEN_FIELDS: &[&str] = &["application_token", "access_token", "refresh_token"];

/// `ty` for the field `wire`: text under a token's name is a [`Codec::Secret`].
pub fn guard_secret(wire: &str, ty: Ty) -> Ty {
    let is_token = TOKEN_FIELDS
        .iter()
        .any(|token| token.eq_ignore_ascii_case(wire));
    match ty {
        Ty::Scalar(Codec::Text) if is_token => Ty::Scalar(Codec::Secret),
        other => other,
    }
}

/// What a generated named type is; decides how a field of that type is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NamedKind {
    Struct,
    Enum,
    Union,
}

/// A resolved Rust type.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Ty {
    Scalar(Codec),
    /// Any JSON: the docs do not say enough to do better.
    Json,
    /// A generated type, by path from the module that uses it (`CrmDealAddFields`,
    /// `crate::values::Gender`).
    Named {
        path: String,
        /// The defining type behind aliases: equal canonical types are the same type.
        canonical: String,
        kind: NamedKind,
    },
    List(Box<Ty>),
    /// A value held in a `Box`: an entity inside an entity, which may contain itself.
    Boxed(Box<Ty>),
    /// An object keyed by ids, codes or field names: `BTreeMap<String, T>`.
    Map(Box<Ty>),
}

impl Ty {
    pub fn named(path: impl Into<String>, kind: NamedKind) -> Self {
        let path = path.into();
        Ty::Named {
            canonical: path.clone(),
            path,
            kind,
        }
    }

    /// An alias `path` of the type `target`.
    pub fn alias(path: impl Into<String>, target: &Ty) -> Self {
        match target {
            Ty::Named {
                canonical, kind, ..
            } => Ty::Named {
                path: path.into(),
                canonical: canonical.clone(),
                kind: *kind,
            },
            other => other.clone(),
        }
    }

    /// The same type named by its defining type rather than an alias.
    pub fn canonical(&self) -> Ty {
        match self {
            Ty::Named {
                canonical, kind, ..
            } => Ty::named(canonical.clone(), *kind),
            Ty::List(inner) => Ty::list(inner.canonical()),
            other => other.clone(),
        }
    }

    pub fn list(inner: Ty) -> Self {
        Ty::List(Box::new(inner))
    }

    pub fn map(inner: Ty) -> Self {
        Ty::Map(Box::new(inner))
    }

    /// The Rust type.
    pub fn rust(&self) -> TokenStream {
        match self {
            Ty::Scalar(codec) => codec.rust(),
            Ty::Json => quote!(serde_json::Value),
            Ty::Named { path, .. } => path_tokens(path),
            Ty::List(inner) => {
                let inner = inner.rust();
                quote!(Vec<#inner>)
            }
            Ty::Map(inner) => {
                let inner = inner.rust();
                quote!(std::collections::BTreeMap<String, #inner>)
            }
            Ty::Boxed(inner) => {
                let inner = inner.rust();
                quote!(Box<#inner>)
            }
        }
    }

    /// The `b24_protocol::wire` codec a struct field of this type is read and written
    /// through (`Text`, `List<Int>`, `Object`, `Plain` for types whose own serde impls are
    /// lenient enough).
    pub fn codec(&self) -> TokenStream {
        match self {
            Ty::Scalar(codec) => {
                let name = ident(codec.type_name());
                quote!(b24_protocol::wire::#name)
            }
            Ty::List(inner) => {
                let inner = inner.codec();
                quote!(b24_protocol::wire::List<#inner>)
            }
            Ty::Map(inner) => {
                let inner = inner.codec();
                quote!(b24_protocol::wire::Keyed<#inner>)
            }
            Ty::Boxed(inner) => inner.codec(),
            Ty::Named {
                kind: NamedKind::Struct,
                ..
            } => quote!(b24_protocol::wire::Object),
            // `Any` notes where untyped data lands (`registry::Entry::untyped_paths`).
            Ty::Json => quote!(b24_protocol::wire::Any),
            Ty::Named { .. } => quote!(b24_protocol::wire::Plain),
        }
    }
}

fn path_tokens(path: &str) -> TokenStream {
    let segments = path.split("::").map(ident);
    quote!(#(#segments)::*)
}

/// How a parameter's documented values shape its type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Values<'a> {
    /// Exactly `Y` and `N`: a `bool` sent as `"Y"`/`"N"`.
    Flag { array: bool },
    /// An open enum of these values (in the docs' order, without repeats).
    Enum { values: Vec<&'a str>, array: bool },
    /// No values, or values on a type an enum does not fit (integers, objects).
    None,
}

pub fn values(param: &Param) -> Values<'_> {
    if param.enum_values.is_empty() {
        return Values::None;
    }
    let (base, array) = match &param.ty.normalized {
        TypeExpr::Array(inner) => (&**inner, true),
        other => (other, false),
    };
    let mut distinct: Vec<&str> = Vec::new();
    for value in &param.enum_values {
        if !distinct.contains(&value.value.as_str()) {
            distinct.push(&value.value);
        }
    }
    // `distinct` has no repeats.
    let flag = distinct.len() == 2 && distinct.contains(&"N") && distinct.contains(&"Y");
    match base {
        TypeExpr::String | TypeExpr::Boolean | TypeExpr::Any if flag => Values::Flag { array },
        TypeExpr::String => Values::Enum {
            values: distinct,
            array,
        },
        _ => Values::None,
    }
}

/// How named types (`ref(user)`, `ref(crm_status)`) read on the wire, as the docs'
/// data-types pages define them (`specs/types/`).
#[derive(Debug, Default)]
pub struct NamedTypes {
    scalars: HashMap<String, Codec>,
    entities: HashMap<String, Entity>,
    /// Entities that methods of other modules send (see [`NamedTypes::share_requests`]).
    sent_elsewhere: std::collections::HashSet<String>,
}

/// An entity (`kind: entity`): one record struct in the module that owns it, which every
/// `ref(NAME)` in results reuses.
#[derive(Debug, Clone)]
pub struct Entity {
    /// The spec's name (`crm.lead`).
    pub name: String,
    /// The generated module that defines it (`["crm", "lead"]`).
    pub module: Vec<String>,
    /// The Rust type name (`Lead`).
    pub rust_name: String,
    /// Globs of its user-field keys (`UF_*`, `ufCrm*`); empty when it has none.
    pub user_fields: Vec<String>,
    pub fields: Vec<Param>,
    /// The page that describes it.
    pub source: String,
    pub description: String,
}

/// Names the generated code uses unqualified (prelude types and variants).
const PRELUDE_NAMES: &[&str] = &[
    "Result",
    "Option",
    "Some",
    "None",
    "Ok",
    "Err",
    "Box",
    "Vec",
    "String",
    "Self",
    "Default",
    "Clone",
    "Debug",
    "PartialEq",
    "Into",
    "From",
];

impl Entity {
    fn new(ty: &ReferenceType) -> Option<Self> {
        let module_dotted = ty.module.as_deref().unwrap_or(&ty.name);
        let module = crate::layout::entity_module_path(module_dotted);
        // The `v3` segment says which API, not what the object is: `tasks.task.result.v3`
        // is a `TaskResult`, as `tasks.task.result` is.
        let dotted = module_dotted
            .split('.')
            .filter(|segment| *segment != "v3")
            .collect::<Vec<_>>()
            .join(".");
        let last = ty.name.rsplit(['.', '_']).next().unwrap_or(&ty.name);
        let mut rust_name = ty
            .rust_name
            .clone()
            .or_else(|| crate::naming::type_name(last))?;
        // A prelude name (`tasks.task.result` → `Result`) would shadow what the generated
        // impls name: it takes its parent's name in front (`TaskResult`).
        if PRELUDE_NAMES.contains(&rust_name.as_str()) {
            let parent = dotted
                .split('.')
                .rev()
                .nth(1)
                .and_then(crate::naming::type_name);
            rust_name = format!(
                "{}{rust_name}",
                parent.unwrap_or_else(|| "Entity".to_owned())
            );
        }
        let user_fields = ty
            .user_fields
            .as_deref()
            .unwrap_or_default()
            .split(['|', ',', ' '])
            .filter(|glob| !glob.is_empty())
            .map(str::to_owned)
            .collect();
        (!module.is_empty()).then(|| Self {
            name: ty.name.clone(),
            module,
            rust_name,
            user_fields,
            fields: ty.fields.clone(),
            source: ty.source.clone(),
            description: ty.description.clone(),
        })
    }

    /// The type's path from the crate root (`crate::crm::lead::Lead`).
    pub fn path(&self) -> String {
        // `module` is never empty (see `Entity::new`).
        format!("crate::{}::{}", self.module.join("::"), self.rust_name)
    }
}

/// Calls `visit` on each of `params` and, depth first, on their nested fields.
pub fn walk_params<'a>(params: &'a [Param], visit: &mut impl FnMut(&'a Param)) {
    for param in params {
        visit(param);
        walk_params(&param.fields, visit);
    }
}

impl NamedTypes {
    pub fn new(types: &[ReferenceType]) -> Self {
        let scalars = types
            .iter()
            .filter_map(|ty| {
                // A word whose page also lists an object's fields (`sale_order`,
                // `sale_status`) stands for either the id or the object: the method pages
                // use it for both, so it stays any JSON value.
                if !ty.fields.is_empty() {
                    return None;
                }
                let codec = match ty.kind {
                    ReferenceKind::IntegerId | ReferenceKind::IntegerEnum => Codec::Int,
                    ReferenceKind::StringCode => Codec::Text,
                    ReferenceKind::Object | ReferenceKind::Entity | ReferenceKind::Other => {
                        return None;
                    }
                };
                Some((ty.name.clone(), codec))
            })
            .collect();
        let entities = types
            .iter()
            .filter(|ty| ty.kind == ReferenceKind::Entity)
            .filter_map(Entity::new)
            .map(|entity| (entity.name.clone(), entity))
            .collect();
        Self {
            scalars,
            entities,
            sent_elsewhere: Default::default(),
        }
    }

    /// Notes the entities a method of another module sends (`fields: ref(crm.userfield)`
    /// of `crm.lead.userfield.add`, `crm.deal.userfield.add`, …): their request struct
    /// (`UserfieldFields`) is defined once, in the entity's module, instead of one copy in
    /// each method's module. Only within one top-level module (a scope feature).
    pub fn share_requests(&mut self, specs: &[b24_spec::MethodSpec]) {
        for spec in specs {
            let home = crate::layout::module_path(spec);
            let mut refs = Vec::new();
            walk_params(&spec.params, &mut |param| {
                refs.extend(param.ty.normalized.refs());
            });
            for name in refs {
                if let Some(entity) = self.entities.get(name)
                    && entity.module != home
                    && entity.module.first() == home.first()
                {
                    self.sent_elsewhere.insert(name.to_owned());
                }
            }
        }
    }

    /// Whether the entity's request struct lives in the entity's module.
    pub fn request_shared(&self, name: &str) -> bool {
        self.sent_elsewhere.contains(name)
    }

    /// The entity named `name`, if it is one.
    pub fn entity(&self, name: &str) -> Option<&Entity> {
        self.entities.get(name)
    }

    /// Keeps as any JSON each entity field that a method's success example contradicts
    /// (see [`crate::fit`]): decoding a reply must not fail on what the docs show.
    pub fn reconcile(&mut self, specs: &[b24_spec::MethodSpec]) {
        let mut contradicted: std::collections::BTreeSet<(String, Vec<String>)> =
            Default::default();
        for spec in specs {
            let result = spec
                .response
                .example_result
                .as_ref()
                .unwrap_or(&spec.response.result);
            for value in crate::fit::example_results(spec) {
                let mut found = Vec::new();
                crate::fit::entity_values(
                    result,
                    &spec.response.fields,
                    &value,
                    self,
                    &mut found,
                    0,
                );
                while let Some((name, object)) = found.pop() {
                    let Some(entity) = self.entities.get(&name) else {
                        continue;
                    };
                    let Value::Object(map) = object else {
                        continue;
                    };
                    for field in &entity.fields {
                        let Some(item) = map.get(&field.name) else {
                            continue;
                        };
                        if !crate::fit::param_fits(field, item, self) {
                            for mut path in crate::fit::misfits(field, item, self) {
                                path.insert(0, field.name.clone());
                                contradicted.insert((name.clone(), path));
                            }
                        } else if found.len() < 10_000 {
                            crate::fit::entity_values(
                                &field.ty.normalized,
                                &field.fields,
                                item,
                                self,
                                &mut found,
                                1,
                            );
                        }
                    }
                }
            }
        }
        for (name, path) in contradicted {
            let Some(entity) = self.entities.get_mut(&name) else {
                continue;
            };
            // The innermost field the example contradicts (`SETTINGS.LABEL`); a path whose
            // outer field was kept as JSON already is gone.
            let Some((last, outer)) = path.split_last() else {
                continue;
            };
            let mut fields = Some(&mut entity.fields);
            for step in outer {
                fields = fields
                    .and_then(|list| list.iter_mut().find(|f| &f.name == step))
                    .map(|field| &mut field.fields);
            }
            let Some(fields) = fields else {
                continue;
            };
            for field in fields.iter_mut().filter(|f| &f.name == last) {
                crate::fit::keep_as_json(field);
            }
        }
    }

    /// Every entity, by name.
    pub fn entities(&self) -> Vec<&Entity> {
        let mut all: Vec<&Entity> = self.entities.values().collect();
        all.sort_by(|a, b| a.name.cmp(&b.name));
        all
    }

    /// The entities the module at `path` defines, by name.
    pub fn entities_in(&self, path: &[String]) -> Vec<&Entity> {
        let mut owned = self.entities();
        owned.retain(|entity| entity.module == path);
        owned
    }

    /// Every entity's module path, so the module tree has them even without methods.
    pub fn entity_modules(&self) -> Vec<Vec<String>> {
        self.entities.values().map(|e| e.module.clone()).collect()
    }

    /// The type of `ref(name)`: the id of another entity (`user.id`, `sale_order.id`) is an
    /// integer; a defined id or code is its scalar (read leniently: `"5"` too); anything
    /// else (objects, words no page defines) any JSON value.
    pub fn of(&self, name: &str) -> Ty {
        if name.ends_with(".id") {
            return Ty::Scalar(Codec::Int);
        }
        // A field of an entity (`crm_currency.CURRENCY`): that field's scalar type.
        if let Some((owner, field)) = name.rsplit_once('.')
            && let Some(entity) = self.entities.get(owner)
            && let Some(field) = entity.fields.iter().find(|f| f.name == field)
            && let ty @ Ty::Scalar(_) = scalar(&field.ty.normalized)
        {
            return ty;
        }
        self.scalars
            .get(name)
            .map_or(Ty::Json, |codec| Ty::Scalar(*codec))
    }
}

/// The type of a scalar-ish expression: everything except objects with fields, enums and
/// unions, which need generated types, and named types, which [`NamedTypes`] knows.
pub fn scalar(expr: &TypeExpr) -> Ty {
    match expr {
        TypeExpr::String => Ty::Scalar(Codec::Text),
        TypeExpr::Integer => Ty::Scalar(Codec::Int),
        TypeExpr::Number => Ty::Scalar(Codec::Float),
        TypeExpr::Boolean => Ty::Scalar(Codec::Boolean),
        TypeExpr::Date => Ty::Scalar(Codec::Date),
        TypeExpr::DateTime => Ty::Scalar(Codec::DateTime),
        TypeExpr::Array(inner) => Ty::list(scalar(inner)),
        TypeExpr::Map(inner) => Ty::map(scalar(inner)),
        TypeExpr::Object
        | TypeExpr::File
        | TypeExpr::Any
        | TypeExpr::Union(_)
        | TypeExpr::Ref(_) => Ty::Json,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use b24_spec::EnumValue;

    fn param(ty: &str, values: &[&str]) -> Param {
        Param {
            ty: b24_spec::TypeRef::from(ty.parse::<b24_spec::TypeExpr>().unwrap()),
            enum_values: values
                .iter()
                .map(|v| EnumValue {
                    value: (*v).to_owned(),
                    description: String::new(),
                })
                .collect(),
            ..Param::default()
        }
    }

    #[test]
    fn an_entity_sent_from_other_modules_of_its_scope_shares_its_request_struct() {
        let entity = |name: &str, module: &str| ReferenceType {
            module: Some(module.to_owned()),
            rust_name: Some("Userfield".to_owned()),
            fields: vec![param("string", &[])],
            ..ReferenceType::new(name, ReferenceKind::Entity, "")
        };
        let sends = |method: &str, ty: &str| b24_spec::MethodSpec {
            method: method.to_owned(),
            params: vec![Param {
                name: "fields".to_owned(),
                ..param(ty, &[])
            }],
            ..b24_spec::MethodSpec::default()
        };
        let mut named = NamedTypes::new(&[
            entity("crm.userfield", "crm.userfield"),
            entity("task.userfield", "task.userfield"),
            entity("crm.own", "crm.own"),
        ]);
        named.share_requests(&[
            // Another module of the same scope: shared.
            sends("crm.lead.userfield.add", "ref(crm.userfield)"),
            // Another scope (feature): kept in the method's module.
            sends("tasks.task.add", "ref(task.userfield)"),
            // The entity's own module only: nothing to share.
            sends("crm.own.add", "ref(crm.own)"),
        ]);
        assert!(named.request_shared("crm.userfield"));
        assert!(!named.request_shared("task.userfield"));
        assert!(!named.request_shared("crm.own"));
    }

    #[test]
    fn y_and_n_make_a_flag() {
        assert_eq!(
            values(&param("string", &["Y", "N"])),
            Values::Flag { array: false }
        );
        assert_eq!(
            values(&param("boolean", &["N", "Y", "N"])),
            Values::Flag { array: false }
        );
        assert_eq!(
            values(&param("string", &["Y", "N", "D"])),
            Values::Enum {
                values: vec!["Y", "N", "D"],
                array: false
            }
        );
        assert_eq!(values(&param("integer", &["0", "1"])), Values::None);
        assert_eq!(values(&param("string", &[])), Values::None);
    }

    fn reference(name: &str, kind: ReferenceKind, with_fields: bool) -> ReferenceType {
        ReferenceType {
            fields: if with_fields {
                vec![Param::default()]
            } else {
                Vec::new()
            },
            ..ReferenceType::new(name, kind, "api-reference/data-types.md")
        }
    }

    #[test]
    fn fields_read_through_wire_codecs() {
        let codec = |ty: &Ty| ty.codec().to_string().replace(' ', "");
        let named = NamedTypes::new(&[
            reference("user", ReferenceKind::IntegerId, false),
            reference("crm_status", ReferenceKind::StringCode, false),
            reference("crm_enum_ownertype", ReferenceKind::IntegerEnum, false),
            reference("sale_order", ReferenceKind::IntegerId, true),
            reference("sale_status", ReferenceKind::StringCode, true),
            reference("lang_map", ReferenceKind::Object, false),
        ]);
        let id = named.of("user.id");
        assert_eq!(codec(&id), "b24_protocol::wire::Int");
        let ids = scalar(&"integer[]".parse().unwrap());
        assert_eq!(ids.rust().to_string(), "Vec < i64 >");
        assert_eq!(
            codec(&ids),
            "b24_protocol::wire::List<b24_protocol::wire::Int>"
        );
        assert_eq!(named.of("user"), Ty::Scalar(Codec::Int));
        assert_eq!(named.of("crm_enum_ownertype"), Ty::Scalar(Codec::Int));
        assert_eq!(named.of("crm_status"), Ty::Scalar(Codec::Text));
        assert_eq!(named.of("sale_order"), Ty::Json);
        assert_eq!(named.of("sale_status"), Ty::Json);
        assert_eq!(named.of("sale_order.id"), Ty::Scalar(Codec::Int));
        assert_eq!(named.of("lang_map"), Ty::Json);
        assert_eq!(named.of("never_defined"), Ty::Json);
        assert_eq!(scalar(&"ref(user)".parse().unwrap()), Ty::Json);
        assert_eq!(codec(&Ty::Json), "b24_protocol::wire::Any");
        let keyed = scalar(&"map(integer)".parse().unwrap());
        assert_eq!(
            keyed.rust().to_string().replace(' ', ""),
            "std::collections::BTreeMap<String,i64>"
        );
        assert_eq!(
            codec(&keyed),
            "b24_protocol::wire::Keyed<b24_protocol::wire::Int>"
        );
        let nested = Ty::list(Ty::named("crate::values::Gender", NamedKind::Enum));
        assert_eq!(
            nested.rust().to_string(),
            "Vec < crate :: values :: Gender >"
        );
        assert_eq!(
            codec(&nested),
            "b24_protocol::wire::List<b24_protocol::wire::Plain>"
        );
        let record = Ty::named("CrmDealGetResult", NamedKind::Struct);
        assert_eq!(codec(&record), "b24_protocol::wire::Object");
    }
}
