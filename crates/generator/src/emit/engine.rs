//! The type engine of one module: turns parameters into Rust types, generating the structs,
//! enums and unions they need, each once per module (a repeat becomes a type alias under
//! its own name, so every parameter keeps a name of its own).

use std::collections::HashMap;

use b24_spec::{Param, TypeExpr};
use proc_macro2::TokenStream;
use quote::quote;

use crate::common_texts::CommonTexts;
use crate::naming::{NameSet, ident, type_name};
use crate::types::{self, NamedKind, NamedTypes, Ty, Values};

use super::enums::open_enum;
use super::shared::SharedEnums;
use super::{structs, unions};

/// Who fills a struct: the caller (requests: required fields in `new`, setters) or the
/// portal (results and event payloads: public optional fields, extra keys kept).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    Request,
    Record,
}

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
    names: NameSet,
    /// Dedup key (the type's body) → its name.
    defined: HashMap<String, Ty>,
    /// The type each `resolve` call gave, by the name it was asked for (a field's
    /// `{Parent}{Wire}`): later emitters read a field's type without re-resolving it.
    resolved: HashMap<String, Ty>,
    items: Vec<TokenStream>,
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
        let reserved: Vec<&str> = reserved.iter().map(String::as_str).collect();
        Self {
            shared,
            common,
            named,
            home: home.to_vec(),
            entity_stack: Vec::new(),
            names: NameSet::with_reserved(&reserved),
            defined: HashMap::new(),
            resolved: HashMap::new(),
            items: Vec::new(),
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
        let has_fields = param
            .fields
            .iter()
            .any(|field| structs::is_concrete(&field.name));
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
                unions::union_ty(self, members, object_of, name, role, source)
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
            if self.entity_stack.contains(&entity.name) {
                return Ty::Json;
            }
            self.entity_stack.push(entity.name.clone());
            let name = format!("{}Fields", entity.rust_name);
            let mark = self.items.len();
            let body = structs::body(self, &writable, &name, Role::Request, &source);
            let key = format!("{:?}\0{}", Role::Request, body.key);
            let doc = format!(
                "The fields of the `{}` entity a caller sends: read-only ones left out, \
                 none required (one struct serves `add` and `update`).\n\n\
                 [Official documentation]({})",
                entity.name,
                crate::docs::page_url(&source)
            );
            let ty = self.struct_ty_documented(body, mark, key, &doc, &name, Role::Request);
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
        let items = structs::define(
            &ident(&entity.rust_name),
            &doc,
            &body,
            Role::Record,
            TokenStream::new(),
        );
        self.items.push(items);
    }

    fn enum_ty(&mut self, param: &Param, values: &[&str], name: &str, source: &str) -> Ty {
        let alias_doc = format!("Values of `{}`{}.", param.name, self.of_owner());
        if let Some(shared) = self.shared.path_of(values) {
            if let Some(variant) = super::enums::first_variant(&param.enum_values) {
                self.constructors
                    .insert(shared.clone(), format!("::{variant}"));
            }
            return self.alias(name, &Ty::named(shared, NamedKind::Enum), &alias_doc);
        }
        let key = format!("enum\0{}", values.join("\0"));
        if let Some(existing) = self.defined.get(&key).cloned() {
            return self.alias(name, &existing, &alias_doc);
        }
        let claimed = self.names.claim(name.to_owned());
        let enum_ident = ident(&claimed);
        let emitted = open_enum(&enum_ident, &alias_doc, &param.enum_values, source);
        self.items.push(emitted.items);
        self.tests.extend(emitted.test);
        if let Some(variant) = super::enums::first_variant(&param.enum_values) {
            self.constructors
                .insert(claimed.clone(), format!("::{variant}"));
        }
        let ty = Ty::named(claimed, NamedKind::Enum);
        self.defined.insert(key, ty.clone());
        ty
    }

    fn struct_ty(
        &mut self,
        fields: &[Param],
        wire_name: &str,
        name: &str,
        role: Role,
        source: &str,
    ) -> Ty {
        let mark = self.items.len();
        let body = structs::body(self, fields, name, role, source);
        let key = format!("{role:?}\0{}", body.key);
        let doc = format!(
            "The `{wire_name}` object{}.\n\n[Official documentation]({})",
            self.of_owner(),
            crate::docs::page_url(source)
        );
        self.struct_ty_documented(body, mark, key, &doc, name, role)
    }

    /// ` of {owner}`, or nothing outside a method, event or entity.
    fn of_owner(&self) -> String {
        if self.owner.is_empty() {
            String::new()
        } else {
            format!(" of {}", self.owner)
        }
    }

    /// The struct of `body` under `doc`, or an alias of the one already defined with its
    /// shape (`key`); `mark` is where the items of its fields' types begin.
    fn struct_ty_documented(
        &mut self,
        body: structs::Body,
        mark: usize,
        key: String,
        doc: &str,
        name: &str,
        role: Role,
    ) -> Ty {
        if let Some(existing) = self.defined.get(&key).cloned() {
            // Same shape, so the fields' types are the existing struct's: what its fields
            // emitted since `mark` can only be aliases nobody needs.
            self.items.truncate(mark);
            return self.alias(name, &existing, doc);
        }
        let claimed = self.names.claim(name.to_owned());
        let items = structs::define(&ident(&claimed), doc, &body, role, TokenStream::new());
        self.items.push(items);
        if role == Role::Request && body.fields.iter().all(|field| !field.required) {
            self.constructors
                .insert(claimed.clone(), "::new()".to_owned());
        }
        let ty = Ty::named(claimed, NamedKind::Struct);
        self.defined.insert(key, ty.clone());
        ty
    }

    /// Defines a union enum once per module; `tokens` builds it given its name.
    pub fn union(
        &mut self,
        key: String,
        name: &str,
        doc: &str,
        tokens: impl FnOnce(&proc_macro2::Ident) -> TokenStream,
    ) -> Ty {
        let key = format!("union\0{key}");
        if let Some(existing) = self.defined.get(&key).cloned() {
            return self.alias(name, &existing, doc);
        }
        let claimed = self.names.claim(name.to_owned());
        self.items.push(tokens(&ident(&claimed)));
        let ty = Ty::named(claimed, NamedKind::Union);
        self.defined.insert(key, ty.clone());
        ty
    }

    /// `pub type {name} = {target};` so the repeat keeps its own name.
    fn alias(&mut self, name: &str, target: &Ty, doc: &str) -> Ty {
        let claimed = self.names.claim(name.to_owned());
        let alias = ident(&claimed);
        let target_ty = target.rust();
        let target_text = match target {
            Ty::Named { path, .. } => path.clone(),
            other => other.key(),
        };
        let doc = crate::docs::attrs(&format!("{doc}\n\nThe same type as [`{target_text}`]."));
        self.items.push(quote! {
            #doc
            pub type #alias = #target_ty;
        });
        Ty::alias(claimed, target)
    }
}

/// `{prefix}{Wire}`: the type name of a field of the type named `prefix`.
pub fn child_name(prefix: &str, wire: &str) -> String {
    format!(
        "{prefix}{}",
        type_name(wire).unwrap_or_else(|| "Value".to_owned())
    )
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

    /// Adds items after those emitted so far.
    pub fn push(&mut self, items: TokenStream) {
        self.items.push(items);
    }

    /// Everything emitted: the items (one entry per type or method) and the tests.
    pub fn finish(self) -> (Vec<TokenStream>, TokenStream) {
        (self.items, self.tests)
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
