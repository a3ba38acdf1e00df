//! Structs as values: the fields a struct was resolved to, and the shape that decides
//! whether two structs are one type.

use crate::types::Ty;

/// Who fills a struct: the caller (requests: required fields in `new`, setters) or the
/// portal (results and event payloads: public optional fields, extra keys kept).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    Request,
    Record,
}

/// A field of a struct: its names, resolved type and docs.
#[derive(Debug, Clone)]
pub struct FieldDef {
    /// The Rust field name, unique in its struct (`user_id`, `user_id2`).
    pub rust_name: String,
    pub wire_name: String,
    /// The type as the struct writes it (an alias's name where a repeat was aliased).
    pub ty: Ty,
    /// Set in `new` (requests only; records have every field optional).
    pub required: bool,
    /// A record's field whose type only a success example shows (no table writes one): a
    /// value of another shape is kept in `extra` instead of failing the record.
    pub shown: bool,
    pub doc: String,
}

/// A documented family of keys (`PARENT_ID_*`): a typed map of a record.
#[derive(Debug, Clone)]
pub struct FamilyDef {
    pub rust_name: String,
    /// The documented pattern, one `*` standing for any text (`PARENT_ID_*`).
    pub glob: String,
    /// The type of each value.
    pub ty: Ty,
    pub doc: String,
}

/// A struct before it has a name.
#[derive(Debug, Clone)]
pub struct StructDef {
    /// Who fills it: the caller (a request) or the portal (a record).
    pub role: Role,
    pub fields: Vec<FieldDef>,
    /// Names that stand for a family of keys (`UF_CRM_*`): no field of their own.
    pub open_ended: Vec<String>,
    /// Globs of user-field keys (`UF_*`) a record keeps in `user_fields`; entities only.
    pub user_fields: Vec<String>,
    /// Documented families of keys (`PARENT_ID_*`), typed maps of a record.
    pub families: Vec<FamilyDef>,
    /// `Debug` masks tokens in `extra` (event payloads carry them under undocumented keys).
    pub mask_extra: bool,
}

/// What makes two structs one type: role, field names, wire names, types (aliases
/// resolved to their defining type), requiredness, families and open-ended names, in
/// order. Not the docs: pages describe one object in slightly different words. Not the
/// user-field globs or `mask_extra`: only entities have the first (never deduplicated),
/// and the second is the same for every struct of a module.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct StructShape {
    role: Role,
    fields: Vec<(String, String, Ty, bool, bool)>,
    families: Vec<(String, String, Ty)>,
    open_ended: Vec<String>,
}

impl StructDef {
    pub fn shape(&self) -> StructShape {
        StructShape {
            role: self.role,
            fields: self
                .fields
                .iter()
                .map(|f| {
                    (
                        f.rust_name.clone(),
                        f.wire_name.clone(),
                        identity(&f.ty),
                        f.required,
                        f.shown,
                    )
                })
                .collect(),
            families: self
                .families
                .iter()
                .map(|f| (f.rust_name.clone(), f.glob.clone(), identity(&f.ty)))
                .collect(),
            open_ended: self.open_ended.clone(),
        }
    }
}

/// `ty` with every alias, at any depth, replaced by its defining type: equal identities
/// are the same Rust type with the same wire codec.
fn identity(ty: &Ty) -> Ty {
    match ty {
        Ty::Named {
            canonical, kind, ..
        } => Ty::named(canonical.clone(), *kind),
        Ty::List(inner) => Ty::List(Box::new(identity(inner))),
        Ty::Map(inner) => Ty::Map(Box::new(identity(inner))),
        Ty::Boxed(inner) => Ty::Boxed(Box::new(identity(inner))),
        Ty::Scalar(_) | Ty::Json => ty.clone(),
    }
}
