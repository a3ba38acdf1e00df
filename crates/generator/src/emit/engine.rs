//! The type engine of one module: turns parameters into Rust types, adding the structs,
//! enums and unions they need to the module's model ([`ModuleModel`], which names them
//! and defines each shape once per module); [`TypeEngine::finish`] renders the model.

use std::collections::HashMap;

use b24_spec::{Param, TypeExpr};
use proc_macro2::TokenStream;

use crate::common_texts::CommonTexts;
use crate::model::{EnumDef, ModuleModel, StructDef, UnionDef};
use crate::types::{self, NamedKind, NamedTypes, Ty, Values};

pub use crate::model::{Role, child_name};

use super::enums::round_trip_test;
use super::shared::SharedEnums;
use super::{structs, unions};

pub struct TypeEngine<'s> {
    shared: &'s SharedEnums<'s>,
    common: &'s CommonTexts,
    named: &'s NamedTypes,
    /// The module being emitted (`["crm", "lead"]`): entities of its root are named by
    /// path, others (another scope's feature may be off) are copied in as local structs.
    home: Vec<String>,
    /// Entities being defined or copied in, innermost last: a reference back to one of
    /// them is boxed (named) or kept as JSON (copied), never a type that contains itself.
    entity_stack: Vec<String>,
    /// The module's items so far, their names and shapes.
    model: ModuleModel,
    /// The type each `resolve` call gave, by the name it was asked for (a field's
    /// `{Parent}{Wire}`): later emitters read a field's type without re-resolving it.
    resolved: HashMap<String, Ty>,
    pub tests: TokenStream,
    /// The compiled twins of the methods' examples (`super::example`).
    pub examples: TokenStream,
    /// Record structs get a `Debug` that masks tokens in `extra` (event payloads).
    pub mask_extra: bool,
    /// What the types being emitted belong to, as the docs of nested structs name it
    /// ("`crm.deal.get`", "event `ONCRMDEALADD`", "the `Deal` entity"): a bare "The
    /// `result` object." was on 876 items.
    pub owner: String,
    /// How a caller builds a value of a generated type in a short example, by canonical
    /// name: `::new()` for request structs without required fields, `::Variant` for
    /// open enums (their first documented value).
    constructors: HashMap<String, String>,
}

impl<'s> TypeEngine<'s> {
    /// `reserved`: names the module already uses (its request types).
    pub fn new(
        shared: &'s SharedEnums<'s>,
        common: &'s CommonTexts,
        named: &'s NamedTypes,
        home: &[String],
        reserved: &[String],
    ) -> Self {
        Self {
            shared,
            common,
            named,
            home: home.to_vec(),
            entity_stack: Vec::new(),
            model: ModuleModel::new(reserved),
            resolved: HashMap::new(),
            tests: TokenStream::new(),
            examples: TokenStream::new(),
            mask_extra: false,
            owner: String::new(),
            constructors: HashMap::new(),
        }
    }

    /// The type of `param`, named `name` (an UpperCamel path such as `CrmDealAddFields`) if
    /// it needs a generated type. `source` is the page, for links in docs.
    pub fn resolve(&mut self, param: &Param, name: &str, role: Role, source: &str) -> Ty {
        let ty = self.resolve_uncached(param, name, role, source);
        self.resolved.insert(name.to_owned(), ty.clone());
        ty
    }

    /// The type [`resolve`](Self::resolve) gave for `name`, by its defining type (an alias
    /// emitted for a repeated shape may have been dropped with it).
    pub fn resolved(&self, name: &str) -> Option<Ty> {
        self.resolved.get(name).map(Ty::canonical)
    }

    fn resolve_uncached(&mut self, param: &Param, name: &str, role: Role, source: &str) -> Ty {
        match types::values(param) {
            Values::Flag { array } => {
                let flag = Ty::Scalar(types::Codec::Yn);
                return if array { Ty::list(flag) } else { flag };
            }
            Values::Enum { values, array } => {
                let ty = self.enum_ty(param, &values, name, source);
                return if array { Ty::list(ty) } else { ty };
            }
            Values::None => {}
        }
        if role == Role::Request
            && let Some(file) = file_ty(&param.ty.normalized, &param.description, source)
        {
            return file;
        }
        let has_fields = structs::any_concrete(&param.fields);
        self.expr(
            &param.ty.normalized,
            has_fields.then_some(param),
            name,
            role,
            source,
        )
    }

    /// The type of `expr`; `object_of` gives the fields an object (or `any`) stands for.
    pub fn expr(
        &mut self,
        expr: &TypeExpr,
        object_of: Option<&Param>,
        name: &str,
        role: Role,
        source: &str,
    ) -> Ty {
        if let TypeExpr::Ref(entity) = expr
            && let Some(entity) = self.named.entity(entity)
        {
            return self.entity_ref(entity, role);
        }
        match (expr, object_of) {
            (TypeExpr::Map(inner), _) => Ty::map(self.expr(inner, object_of, name, role, source)),
            (TypeExpr::Object | TypeExpr::Any | TypeExpr::Ref(_), Some(param)) => {
                self.struct_ty(&param.fields, &param.name, name, role, source)
            }
            (TypeExpr::Array(inner), _) => {
                Ty::list(self.expr(inner, object_of, name, role, source))
            }
            (TypeExpr::Union(members), _) => {
                unions::union_ty(self, members, object_of, (name, name), role, source)
            }
            (TypeExpr::Ref(name), None) => self.named.of(name),
            (other, _) => types::scalar(other),
        }
    }

    /// The type of `ref(entity)`: in results its record struct, in requests a struct of
    /// the fields a caller may send (read-only ones left out, none required: the same
    /// struct serves `add` and `update`).
    fn entity_ref(&mut self, entity: &crate::types::Entity, role: Role) -> Ty {
        let source = entity.source.clone();
        if role == Role::Request {
            let writable: Vec<Param> = entity
                .fields
                .iter()
                .filter(|field| !field.read_only)
                .map(|field| Param {
                    required: b24_spec::Required::False,
                    required_if: None,
                    ..field.clone()
                })
                .collect();
            let name = format!("{}Fields", entity.rust_name);
            // Sent by methods of several modules: defined once, in the entity's module
            // (`define_entity`), and named from everywhere else.
            if self.named.request_shared(&entity.name) && self.home != entity.module {
                let path = format!("crate::{}::{name}", entity.module.join("::"));
                return Ty::named(path, NamedKind::Struct);
            }
            if self.entity_stack.contains(&entity.name) {
                return Ty::Json;
            }
            self.entity_stack.push(entity.name.clone());
            let mark = self.model.mark();
            let body = structs::body(self, &writable, &name, Role::Request, &source);
            let doc = format!(
                "The fields of the `{}` entity a caller sends: read-only ones left out, \
                 none required (one struct serves `add` and `update`).\n\n\
                 [Official documentation]({})",
                entity.name,
                crate::docs::page_url(&source)
            );
            let ty = self.struct_ty_documented(body, mark, &doc, &name);
            self.entity_stack.pop();
            return ty;
        }
        let same_root = entity.module.first() == self.home.first();
        if same_root {
            let ty = Ty::named(entity.path(), NamedKind::Struct);
            // Inside an entity's own fields, an entity is boxed: it may hold the first.
            return if self.entity_stack.is_empty() {
                ty
            } else {
                Ty::Boxed(Box::new(ty))
            };
        }
        if self.entity_stack.contains(&entity.name) {
            return Ty::Json;
        }
        self.entity_stack.push(entity.name.clone());
        let ty = self.struct_ty(
            &entity.fields,
            &entity.name,
            &entity.rust_name,
            Role::Record,
            &source,
        );
        self.entity_stack.pop();
        ty
    }

    /// The paragraphs said once in the crate documentation.
    pub fn common(&self) -> &'s CommonTexts {
        self.common
    }

    /// The named types the engine resolves `ref(name)` with.
    pub fn named(&self) -> &NamedTypes {
        self.named
    }

    /// Whether `name` is an entity.
    pub fn is_entity(&self, name: &str) -> bool {
        self.named.entity(name).is_some()
    }

    /// Defines the entity's record struct under its own name (reserved by the caller).
    pub fn define_entity(&mut self, entity: &crate::types::Entity) {
        self.entity_stack.push(entity.name.clone());
        let owner = std::mem::replace(&mut self.owner, format!("the `{}` entity", entity.name));
        let mut body = structs::body(
            self,
            &entity.fields,
            &entity.rust_name,
            Role::Record,
            &entity.source,
        );
        self.owner = owner;
        self.entity_stack.pop();
        body.user_fields = entity.user_fields.clone();
        let mut doc = format!("The `{}` entity.", entity.name);
        if !entity.description.is_empty() {
            doc.push_str("\n\n");
            doc.push_str(&crate::docs::markdown(&entity.description, &entity.source));
        }
        doc.push_str(&format!(
            "\n\n[Official documentation]({})",
            crate::docs::page_url(&entity.source)
        ));
        self.model.define_named_struct(&entity.rust_name, doc, body);
        if self.named.request_shared(&entity.name) {
            self.entity_ref(entity, Role::Request);
        }
    }

    fn enum_ty(&mut self, param: &Param, values: &[&str], name: &str, source: &str) -> Ty {
        let alias_doc = format!("Values of `{}`{}.", param.name, self.of_owner());
        if let Some(shared) = self.shared.path_of(values) {
            if let Some(variant) = super::enums::first_variant(&param.enum_values) {
                self.constructors
                    .insert(shared.clone(), format!("::{variant}"));
            }
            // `pub type {name} = {shared};` so the use keeps its own name.
            return self
                .model
                .alias(name, &Ty::named(shared, NamedKind::Enum), &alias_doc);
        }
        let def = EnumDef {
            values: param.enum_values.clone(),
            doc: alias_doc,
            source: source.to_owned(),
        };
        let defined = self.model.define_enum(name, def);
        if defined.new
            && let Ty::Named { canonical, .. } = &defined.ty
        {
            self.tests
                .extend(round_trip_test(&crate::naming::ident(canonical)));
            if let Some(variant) = super::enums::first_variant(&param.enum_values) {
                self.constructors
                    .insert(canonical.clone(), format!("::{variant}"));
            }
        }
        defined.ty
    }

    /// The struct of `fields` (the object `wire_name`), named `name`, or an alias of the
    /// struct of its shape.
    pub fn struct_ty(
        &mut self,
        fields: &[Param],
        wire_name: &str,
        name: &str,
        role: Role,
        source: &str,
    ) -> Ty {
        let mark = self.model.mark();
        let body = structs::body(self, fields, name, role, source);
        let doc = format!(
            "The `{wire_name}` object{}.\n\n[Official documentation]({})",
            self.of_owner(),
            crate::docs::page_url(source)
        );
        self.struct_ty_documented(body, mark, &doc, name)
    }

    /// ` of {owner}`, or nothing outside a method, event or entity.
    pub fn of_owner(&self) -> String {
        if self.owner.is_empty() {
            String::new()
        } else {
            format!(" of {}", self.owner)
        }
    }

    /// The struct of `body` under `doc`, or an alias of the one already defined with its
    /// shape; `mark` is where the items of its fields' types begin.
    fn struct_ty_documented(&mut self, body: StructDef, mark: usize, doc: &str, name: &str) -> Ty {
        let buildable =
            body.role == Role::Request && body.fields.iter().all(|field| !field.required);
        let defined = self.model.define_struct(name, doc, body, mark);
        if defined.new
            && buildable
            && let Ty::Named { canonical, .. } = &defined.ty
        {
            self.constructors
                .insert(canonical.clone(), "::new()".to_owned());
        }
        defined.ty
    }

    /// Defines a union enum once per module.
    pub fn union(&mut self, name: &str, def: UnionDef) -> Ty {
        self.model.define_union(name, def).ty
    }
}

impl TypeEngine<'_> {
    /// How an example builds a value of the generated type `ty` after its name (`::new()`,
    /// `::Variant`), if it is that simple.
    pub fn constructor(&self, ty: &Ty) -> Option<&str> {
        let Ty::Named { canonical, .. } = ty else {
            return None;
        };
        self.constructors.get(canonical).map(String::as_str)
    }

    /// The module's model, for the items that are not parameter types (methods, events,
    /// lists, field enums).
    pub fn model(&mut self) -> &mut ModuleModel {
        &mut self.model
    }

    /// Everything emitted, rendered: the items (one entry per type or method) and the
    /// tests.
    pub fn finish(self) -> (Vec<TokenStream>, TokenStream) {
        (super::items::render(self.model.into_items()), self.tests)
    }
}

/// A parameter documented as a file (`file`, `file[]`) is a `b24_protocol::FileData`,
/// written in the form `api-reference/files/how-to-upload-files.md` gives the method: the
/// `fileData` object for the CRM entities and catalog products, the Base64 string alone
/// where the description asks for Base64 and no `[name, content]` pair, else the pair.
fn file_ty(expr: &TypeExpr, description: &str, source: &str) -> Option<Ty> {
    let one = |form| Ty::Scalar(types::Codec::File(form));
    let form = || {
        const OBJECT_PAGES: &[&str] = &[
            "/crm/leads/",
            "/crm/deals/",
            "/crm/contacts/",
            "/crm/companies/",
            "/catalog/product/",
        ];
        let text = description.to_lowercase();
        if OBJECT_PAGES.iter().any(|page| source.contains(page)) {
            types::FileForm::Object
        } else if text.contains("base64")
            && !["массив", "array", "[\""]
                .iter()
                .any(|pair| text.contains(pair))
        {
            types::FileForm::Base64
        } else {
            types::FileForm::Pair
        }
    };
    match expr {
        TypeExpr::File => Some(one(form())),
        TypeExpr::Array(inner) if **inner == TypeExpr::File => Some(Ty::list(one(form()))),
        _ => None,
    }
}
