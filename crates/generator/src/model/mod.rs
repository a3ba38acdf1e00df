//! The item model of one module: what the generator decided to define, before any token
//! is written. The emitters resolve parameters into these values
//! ([`StructDef`], [`EnumDef`], [`UnionDef`], aliases); [`ModuleModel`] names them and
//! deduplicates them on their shapes (plain values with `Eq + Hash`, never strings);
//! rendering (`emit::items`) turns the finished model into tokens.
//!
//! Where each decision lives:
//! - names: [`ModuleModel`] hands out type names (`{Parent}{Field}` by [`child_name`],
//!   the module's reserved names, a numeric suffix on collision, see `naming::NameSet`);
//! - dedup: a struct, enum or union whose shape is already defined in the module is not
//!   defined again; its name becomes an alias of the first (`pub type B = A;`), so every
//!   parameter keeps a name of its own.

mod enums;
mod lists;
mod methods;
mod module;
mod structs;
mod unions;

#[cfg(test)]
mod tests;

pub use enums::EnumDef;
pub use lists::{FieldEnumDef, FieldVariant, ListDef, ListFields, V3Paging};
pub use methods::{ErrorCode, ErrorsDef, EventDef, MethodDef};
pub use module::{Alias, Item, ModuleModel, child_name};
pub use structs::{FamilyDef, FieldDef, Role, StructDef};
pub use unions::{Element, MemberTy, Shape, UnionDef, UnionMember};
