//! The model of one module: its items in order, the names they took, and the shapes
//! already defined.

use std::collections::HashMap;

use crate::naming::{NameSet, type_name};
use crate::types::{NamedKind, Ty};

use super::enums::{EnumDef, EnumShape};
use super::lists::{FieldEnumDef, ListDef};
use super::methods::{EventDef, MethodDef};
use super::structs::{StructDef, StructShape};
use super::unions::{UnionDef, UnionShape};

/// One item of a module, in the order the module lists them.
#[derive(Debug)]
pub enum Item {
    Struct {
        name: String,
        doc: String,
        def: StructDef,
    },
    Enum {
        name: String,
        def: EnumDef,
    },
    Union {
        name: String,
        def: UnionDef,
    },
    Alias(Alias),
    /// A method: its request struct and `Method` impl (boxed: the largest item by far).
    Method(Box<MethodDef>),
    /// An event's payload struct and its name.
    Event(EventDef),
    /// A REST 3.0 list's `ListMethod` impl (a classic list's is part of its method).
    List(ListDef),
    /// `{request}::FIELDS`: the documented field names of a REST 3.0 method's entity.
    FieldNames {
        request: String,
        names: Vec<String>,
    },
    /// An entity's field enum (`LeadField`).
    FieldEnum(FieldEnumDef),
}

/// `pub type {name} = {target};`: a repeated shape under the name it was asked for.
#[derive(Debug)]
pub struct Alias {
    pub name: String,
    pub target: Ty,
    pub doc: String,
}

/// What a `define_*` call gave: the type, and whether it is new (not an alias of a type
/// of the same shape).
#[derive(Debug)]
pub struct Defined {
    pub ty: Ty,
    pub new: bool,
}

/// The items of one module and the decisions on their names.
#[derive(Debug, Default)]
pub struct ModuleModel {
    names: NameSet,
    structs: HashMap<StructShape, Ty>,
    enums: HashMap<EnumShape, Ty>,
    unions: HashMap<UnionShape, Ty>,
    items: Vec<Item>,
}

impl ModuleModel {
    /// `reserved`: names the module already uses (request types, error enums, entities,
    /// field enums): a type asked for under one of them gets a numeric suffix.
    pub fn new(reserved: &[String]) -> Self {
        let reserved: Vec<&str> = reserved.iter().map(String::as_str).collect();
        Self {
            names: NameSet::with_reserved(&reserved),
            ..Self::default()
        }
    }

    /// Where the next item goes: a struct's field types are defined from here on.
    pub fn mark(&self) -> usize {
        self.items.len()
    }

    /// The struct `def` named `name`, or an alias of the struct of its shape. `mark` is
    /// where the items of its fields' types begin: for a repeat they are dropped (same
    /// shape, so the fields' types are the first struct's; what was added since `mark`
    /// can only be aliases nobody needs).
    pub fn define_struct(&mut self, name: &str, doc: &str, def: StructDef, mark: usize) -> Defined {
        let shape = def.shape();
        if let Some(existing) = self.structs.get(&shape).cloned() {
            self.items.truncate(mark);
            return self.repeat(name, &existing, doc);
        }
        let claimed = self.names.claim(name.to_owned());
        let ty = Ty::named(claimed.clone(), NamedKind::Struct);
        self.structs.insert(shape, ty.clone());
        self.items.push(Item::Struct {
            name: claimed,
            doc: doc.to_owned(),
            def,
        });
        Defined { ty, new: true }
    }

    /// A struct under `name`, which the caller reserved (an entity's record): never
    /// deduplicated, never renamed.
    pub fn define_named_struct(&mut self, name: &str, doc: String, def: StructDef) {
        self.items.push(Item::Struct {
            name: name.to_owned(),
            doc,
            def,
        });
    }

    /// The open enum `def` named `name`, or an alias of the enum of its values.
    pub fn define_enum(&mut self, name: &str, def: EnumDef) -> Defined {
        let shape = def.shape();
        if let Some(existing) = self.enums.get(&shape).cloned() {
            return self.repeat(name, &existing, &def.doc);
        }
        let claimed = self.names.claim(name.to_owned());
        let ty = Ty::named(claimed.clone(), NamedKind::Enum);
        self.enums.insert(shape, ty.clone());
        self.items.push(Item::Enum { name: claimed, def });
        Defined { ty, new: true }
    }

    /// The union `def` named `name`, or an alias of the union of its members.
    pub fn define_union(&mut self, name: &str, def: UnionDef) -> Defined {
        let shape = def.shape();
        if let Some(existing) = self.unions.get(&shape).cloned() {
            return self.repeat(name, &existing, &def.doc);
        }
        let claimed = self.names.claim(name.to_owned());
        let ty = Ty::named(claimed.clone(), NamedKind::Union);
        self.unions.insert(shape, ty.clone());
        self.items.push(Item::Union { name: claimed, def });
        Defined { ty, new: true }
    }

    /// The method `def`, under the request type name the caller reserved: a request type
    /// is never deduplicated (each carries its own `Method` impl) nor renamed (the
    /// registry and the error enum's name were built on it).
    pub fn define_method(&mut self, def: MethodDef) {
        debug_assert!(
            self.names.is_taken(&def.request),
            "{} not reserved",
            def.request
        );
        self.items.push(Item::Method(Box::new(def)));
    }

    /// The payload of an event, under the name the caller reserved: never deduplicated
    /// (each carries its `EVENT` name and its variant of `events::Event`) nor renamed.
    pub fn define_event(&mut self, def: EventDef) {
        debug_assert!(self.names.is_taken(&def.name), "{} not reserved", def.name);
        self.items.push(Item::Event(def));
    }

    /// `pub type {name} = {target};`, under a free name close to `name`.
    pub fn alias(&mut self, name: &str, target: &Ty, doc: &str) -> Ty {
        let claimed = self.names.claim(name.to_owned());
        let ty = Ty::alias(claimed.clone(), target);
        self.items.push(Item::Alias(Alias {
            name: claimed,
            target: target.clone(),
            doc: doc.to_owned(),
        }));
        ty
    }

    fn repeat(&mut self, name: &str, existing: &Ty, doc: &str) -> Defined {
        Defined {
            ty: self.alias(name, existing, doc),
            new: false,
        }
    }

    /// The field enum `def`, under the name the caller reserved for it.
    pub fn define_field_enum(&mut self, def: FieldEnumDef) {
        debug_assert!(self.names.is_taken(&def.name), "{} not reserved", def.name);
        self.items.push(Item::FieldEnum(def));
    }

    /// A REST 3.0 list's impl, where its item type was resolved.
    pub fn define_list(&mut self, def: ListDef) {
        self.items.push(Item::List(def));
    }

    /// `{request}::FIELDS`.
    pub fn define_field_names(&mut self, request: &str, names: Vec<String>) {
        self.items.push(Item::FieldNames {
            request: request.to_owned(),
            names,
        });
    }

    /// The items so far (the tests read the model's decisions here).
    #[cfg(test)]
    pub fn items(&self) -> &[Item] {
        &self.items
    }

    pub fn into_items(self) -> Vec<Item> {
        self.items
    }
}

/// `{parent}{Wire}`: the type name of the field `wire` of the type named `parent`
/// (`CrmDealAdd` + `fields` → `CrmDealAddFields`); `Value` for a wire name with nothing
/// usable in it.
pub fn child_name(parent: &str, wire: &str) -> String {
    format!(
        "{parent}{}",
        type_name(wire).unwrap_or_else(|| "Value".to_owned())
    )
}
