//! The item model of one module: what the generator decided to define, before any token
//! is written. The emitters resolve specs into these values: parameter and result types
//! ([`StructDef`], [`EnumDef`], [`UnionDef`], aliases), methods ([`MethodDef`]: the
//! request struct, `Method` facts, paging as a [`ListDef`], documented errors as an
//! [`ErrorsDef`]), event payloads ([`EventDef`]), field enums ([`FieldEnumDef`]);
//! [`ModuleModel`] names them and deduplicates types on their shapes (plain values with
//! `Eq + Hash`, never strings); rendering (`emit::items`) turns the finished model into
//! tokens, every item of a module included.
//!
//! Where each decision lives:
//! - names handed out first ([`names`]): request types (method-name order, a suffix
//!   for methods that differ only in case), their error enums (`…ErrorCode` on a clash);
//!   `emit::module` reserves them with the entities, field enums and event payloads;
//! - names of types: [`ModuleModel`] hands them out (`{Parent}{Field}` by
//!   [`child_name`], a numeric suffix when reserved or taken, see `naming::NameSet`);
//!   methods, payloads and field enums keep their reserved names;
//! - dedup: a struct, enum or union whose shape is already defined in the module is not
//!   defined again; its name becomes an alias of the first (`pub type B = A;`), so every
//!   parameter keeps a name of its own. Request structs and payloads are never
//!   deduplicated: each carries its own impls.
//! - across modules: each module is its own Rust namespace, so names only need to be
//!   unique in one. An entity is referenced by its crate path from its own top-level
//!   module and copied in (a local struct, named and deduplicated here) from another, so
//!   each scope feature builds alone.

mod enums;
mod lists;
mod methods;
mod module;
mod names;
mod structs;
mod unions;

#[cfg(test)]
mod tests;

pub use enums::EnumDef;
pub use lists::{FieldEnumDef, FieldVariant, ListDef, ListFields, V3Paging};
pub use methods::{
    Envelope, ErrorCode, ErrorsDef, EventDef, FieldPath, FieldTable, MethodDef, Output, QueryField,
    QueryFields,
};
pub use module::{Alias, Item, ModuleModel, child_name};
pub use names::{error_enum_name, request_type_names};
pub use structs::{FamilyDef, FieldDef, Role, StructDef};
pub use unions::{Element, MemberTy, Shape, UnionDef, UnionMember};
