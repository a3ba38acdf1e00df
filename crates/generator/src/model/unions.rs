//! `A | B` unions as values: untagged enums whose members differ in JSON.

use crate::types::{Codec, FileForm, Ty};

/// How a member looks in JSON; members of one union must differ in this.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Shape {
    // The order is the untagged enum's: serde tries variants top-down, and a whole number
    // must become `Integer` before `Number` gets a chance.
    Flag,
    Integer,
    Number,
    Text,
    List,
    Object,
}

impl Shape {
    /// The member's variant name.
    pub fn variant(self) -> &'static str {
        match self {
            Shape::Flag => "Flag",
            Shape::Integer => "Integer",
            Shape::Number => "Number",
            Shape::Text => "Text",
            Shape::List => "List",
            Shape::Object => "Object",
        }
    }
}

/// The Rust type a member holds. Members are read by their own serde impls inside the
/// untagged enum, so scalars are plain Rust types, without the fields' wire codecs.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum MemberTy {
    Bool,
    Int,
    Float,
    Text,
    /// An object with no documented fields: a JSON map.
    JsonObject,
    /// An object with documented fields: its generated struct, by the name it was given.
    Object(Ty),
    List(Element),
    /// Keyed values (`lang_map`).
    Map(Element),
}

/// The element of a list or map member.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Element {
    /// A scalar as a plain Rust type; codecs with the same plain type are one
    /// (`Yn` and `Boolean` are both `bool`, dates are `String`).
    Plain(Codec),
    Typed(Ty),
}

impl Element {
    pub fn of(ty: Ty) -> Self {
        match ty {
            Ty::Scalar(codec) => Element::Plain(match codec {
                Codec::Yn | Codec::Boolean => Codec::Boolean,
                Codec::Text | Codec::Date | Codec::DateTime => Codec::Text,
                Codec::File(_) => Codec::File(FileForm::Pair),
                other => other,
            }),
            other => Element::Typed(other),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct UnionMember {
    pub shape: Shape,
    pub ty: MemberTy,
}

/// A union before it has a name.
#[derive(Debug, Clone)]
pub struct UnionDef {
    /// Sorted by shape: the order serde tries them in ([`UnionDef::new`] sorts them).
    pub members: Vec<UnionMember>,
    pub doc: String,
}

/// What makes two unions one type: their members (shape and Rust type, by the name the
/// type was given), not the docs.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct UnionShape(Vec<UnionMember>);

impl UnionDef {
    /// Members in any order: they are kept sorted by shape, so `A | B` and `B | A` are
    /// one union.
    pub fn new(mut members: Vec<UnionMember>, doc: String) -> Self {
        // Stable: two members of one shape (never built, `json_reason` rejects them) would
        // keep their order.
        members.sort_by_key(|member| member.shape);
        Self { members, doc }
    }

    pub fn shape(&self) -> UnionShape {
        UnionShape(self.members.clone())
    }

    /// A member is keyed values: its object variant reads PHP's `[]` as an empty map.
    pub fn keyed(&self) -> bool {
        self.members
            .iter()
            .any(|member| matches!(member.ty, MemberTy::Map(_)))
    }
}
