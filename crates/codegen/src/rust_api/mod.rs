//! The public Rust surface of a generated crate as data, and what changed in it between two
//! generations: types added, removed and renamed, and methods whose `Output` changed.
//!
//! A user names generated types in code (`crm::lead::Lead`), so a type that moves breaks
//! their build even when the docs did not change a word. The surface is read from the
//! generated source with `syn` (what the compiler would see, not a guess from spec names);
//! each type gets *roles*: what it is for, independent of its name (the output of
//! `crm.lead.get`, the `fields` parameter of `crm.lead.add`, the `crm.lead` entity, the
//! `EMAIL` field of either). A type that disappears while a new one takes its roles was
//! renamed; see [`compare()`] for the rule.

mod compare;
mod roles;
mod surface;

pub use compare::compare;
pub use surface::{Surface, SurfaceError};

#[cfg(test)]
mod tests;
