//! Parameter and field types: the docs' own word plus a normalized expression.
//!
//! The normalized form is written to YAML as a short string (`integer`, `string[]`,
//! `integer | integer[]`, `ref(crm_status)`) so spec diffs stay readable, and parsed back
//! into [`TypeExpr`] so the generator never works on strings.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A type as the documentation wrote it, and what it means.
/// The default is [`TypeRef::unwritten`].
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TypeRef {
    /// The type exactly as written in the docs (`unknown`, `int`, `crm_status`), if any.
    #[serde(default)]
    pub written: Option<String>,
    /// The normalized type the generator maps to Rust.
    pub normalized: TypeExpr,
}

/// A type no docs wrote: inferred from an example or a structure.
impl From<TypeExpr> for TypeRef {
    fn from(normalized: TypeExpr) -> Self {
        Self {
            written: None,
            normalized,
        }
    }
}

impl TypeRef {
    /// A type the docs do not give at all.
    pub fn unwritten() -> Self {
        Self::from(TypeExpr::Any)
    }
}

/// A normalized type expression; the default is [`TypeExpr::Any`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum TypeExpr {
    String,
    Integer,
    /// Floating point (`double`, `float`, `number`).
    Number,
    Boolean,
    /// A calendar date, `YYYY-MM-DD`.
    Date,
    /// A date and time with offset.
    DateTime,
    /// A JSON object whose fields may be described by nested `fields`.
    Object,
    /// A file (base64 content or an upload descriptor).
    File,
    /// Nothing is known: any JSON value.
    #[default]
    Any,
    /// `T[]`.
    Array(Box<TypeExpr>),
    /// One of several members, in the order the docs list them.
    Union(Vec<TypeExpr>),
    /// A named type defined elsewhere (`crm_status`, `user`, `sale_order.id`), or an
    /// entity a field page describes (`crm.lead`).
    Ref(String),
    /// An object keyed by ids, codes or field names (`{"123": {...}}`), each value a `T`:
    /// written `map(T)`.
    Map(Box<TypeExpr>),
}

impl TypeExpr {
    /// The names of every `ref(…)` in the type, through lists, maps and unions.
    pub fn refs(&self) -> Vec<&str> {
        match self {
            TypeExpr::Ref(name) => vec![name.as_str()],
            TypeExpr::Array(inner) | TypeExpr::Map(inner) => inner.refs(),
            TypeExpr::Union(members) => members.iter().flat_map(TypeExpr::refs).collect(),
            _ => Vec::new(),
        }
    }

    /// Calls `f` on every `ref(…)` in the type, through lists, maps and unions, so that it can
    /// rename the reference or put another type in its place.
    pub fn for_each_ref_mut(&mut self, f: &mut impl FnMut(&mut TypeExpr)) {
        match self {
            TypeExpr::Ref(_) => f(self),
            TypeExpr::Array(inner) | TypeExpr::Map(inner) => inner.for_each_ref_mut(f),
            TypeExpr::Union(members) => members.iter_mut().for_each(|m| m.for_each_ref_mut(f)),
            _ => {}
        }
    }

    fn write(&self, f: &mut fmt::Formatter<'_>, in_array: bool) -> fmt::Result {
        match self {
            TypeExpr::String => f.write_str("string"),
            TypeExpr::Integer => f.write_str("integer"),
            TypeExpr::Number => f.write_str("number"),
            TypeExpr::Boolean => f.write_str("boolean"),
            TypeExpr::Date => f.write_str("date"),
            TypeExpr::DateTime => f.write_str("datetime"),
            TypeExpr::Object => f.write_str("object"),
            TypeExpr::File => f.write_str("file"),
            TypeExpr::Any => f.write_str("any"),
            TypeExpr::Ref(name) => write!(f, "ref({name})"),
            TypeExpr::Map(value) => {
                f.write_str("map(")?;
                value.write(f, false)?;
                f.write_str(")")
            }
            TypeExpr::Array(inner) => {
                inner.write(f, true)?;
                f.write_str("[]")
            }
            TypeExpr::Union(members) => {
                if in_array {
                    f.write_str("(")?;
                }
                for (i, member) in members.iter().enumerate() {
                    if i > 0 {
                        f.write_str(" | ")?;
                    }
                    member.write(f, false)?;
                }
                if in_array {
                    f.write_str(")")?;
                }
                Ok(())
            }
        }
    }
}

impl fmt::Display for TypeExpr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f, false)
    }
}

/// Why a normalized type string could not be read back.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid normalized type `{input}`: {reason}")]
pub struct TypeParseError {
    pub input: String,
    pub reason: &'static str,
}

impl FromStr for TypeExpr {
    type Err = TypeParseError;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let fail = |reason| TypeParseError {
            input: input.to_owned(),
            reason,
        };
        let mut parser = ExprParser { rest: input.trim() };
        let expr = parser.union().map_err(fail)?;
        if !parser.rest.trim().is_empty() {
            return Err(fail("unexpected trailing text"));
        }
        Ok(expr)
    }
}

/// Recursive descent over `union := postfix ('|' postfix)*`, `postfix := atom '[]'*`,
/// `atom := word | 'ref(' name ')' | 'map(' union ')' | '(' union ')'`.
struct ExprParser<'a> {
    rest: &'a str,
}

impl ExprParser<'_> {
    fn union(&mut self) -> Result<TypeExpr, &'static str> {
        let mut members = vec![self.postfix()?];
        loop {
            self.rest = self.rest.trim_start();
            match self.rest.strip_prefix('|') {
                Some(after) => {
                    self.rest = after;
                    members.push(self.postfix()?);
                }
                None => break,
            }
        }
        Ok(if members.len() == 1 {
            members.remove(0)
        } else {
            TypeExpr::Union(members)
        })
    }

    fn postfix(&mut self) -> Result<TypeExpr, &'static str> {
        let mut expr = self.atom()?;
        while let Some(after) = self.rest.strip_prefix("[]") {
            self.rest = after;
            expr = TypeExpr::Array(Box::new(expr));
        }
        Ok(expr)
    }

    fn atom(&mut self) -> Result<TypeExpr, &'static str> {
        self.rest = self.rest.trim_start();
        if let Some(after) = self.rest.strip_prefix('(') {
            self.rest = after;
            let inner = self.union()?;
            self.rest = self.rest.trim_start();
            self.rest = self.rest.strip_prefix(')').ok_or("missing `)`")?;
            return Ok(inner);
        }
        if let Some(after) = self.rest.strip_prefix("map(") {
            self.rest = after;
            let value = self.union()?;
            self.rest = self.rest.trim_start();
            self.rest = self
                .rest
                .strip_prefix(')')
                .ok_or("missing `)` after map(")?;
            return Ok(TypeExpr::Map(Box::new(value)));
        }
        if let Some(after) = self.rest.strip_prefix("ref(") {
            let end = after.find(')').ok_or("missing `)` after ref(")?;
            let name = &after[..end];
            if name.is_empty() {
                return Err("empty ref name");
            }
            self.rest = &after[end + 1..];
            return Ok(TypeExpr::Ref(name.to_owned()));
        }
        let end = self
            .rest
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(self.rest.len());
        let word = &self.rest[..end];
        self.rest = &self.rest[end..];
        Ok(match word {
            "string" => TypeExpr::String,
            "integer" => TypeExpr::Integer,
            "number" => TypeExpr::Number,
            "boolean" => TypeExpr::Boolean,
            "date" => TypeExpr::Date,
            "datetime" => TypeExpr::DateTime,
            "object" => TypeExpr::Object,
            "file" => TypeExpr::File,
            "any" => TypeExpr::Any,
            "" => return Err("expected a type"),
            _ => return Err("unknown type word"),
        })
    }
}

impl Serialize for TypeExpr {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for TypeExpr {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_ref_is_visited_through_lists_maps_and_unions() {
        let mut ty: TypeExpr = "ref(a)[] | map(ref(b)) | integer".parse().expect("a type");
        ty.for_each_ref_mut(&mut |r| {
            if let TypeExpr::Ref(name) = r {
                name.push('2');
            }
        });
        assert_eq!(ty.to_string(), "ref(a2)[] | map(ref(b2)) | integer");
        assert_eq!(ty.refs(), ["a2", "b2"]);
    }

    #[test]
    fn display_and_parse_round_trip() {
        let cases = [
            "string",
            "integer[]",
            "integer | integer[]",
            "(integer | string)[]",
            "ref(crm_status)",
            "ref(sale_order.id)[]",
            "datetime | date",
            "any",
            "map(object)",
            "map(ref(crm.lead))[]",
            "map(integer | string)",
        ];
        for case in cases {
            let expr: TypeExpr = case.parse().unwrap();
            assert_eq!(expr.to_string(), case);
        }
    }

    #[test]
    fn rejects_garbage() {
        assert!("strin g".parse::<TypeExpr>().is_err());
        assert!("ref()".parse::<TypeExpr>().is_err());
        assert!("(integer".parse::<TypeExpr>().is_err());
        assert!("".parse::<TypeExpr>().is_err());
        assert!("widget".parse::<TypeExpr>().is_err());
    }
}
