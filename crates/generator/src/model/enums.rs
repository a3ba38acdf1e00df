//! Open enums as values.

use b24_spec::EnumValue;

/// An open enum of documented values, before it has a name.
#[derive(Debug, Clone)]
pub struct EnumDef {
    /// The values as documented (repeats included: rendering skips them), with their
    /// descriptions.
    pub values: Vec<EnumValue>,
    pub doc: String,
    /// The page the values come from, for the link in the docs.
    pub source: String,
}

/// What makes two enums one type: their distinct values, in documentation order (not
/// their descriptions or pages).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EnumShape(Vec<String>);

impl EnumDef {
    pub fn shape(&self) -> EnumShape {
        let mut distinct: Vec<String> = Vec::new();
        for value in &self.values {
            if !distinct.contains(&value.value) {
                distinct.push(value.value.clone());
            }
        }
        EnumShape(distinct)
    }
}
