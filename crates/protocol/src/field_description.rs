//! How the `*.fields` methods (`crm.deal.fields`, `crm.company.fields`, …) describe each
//! field of an entity: the docs' `crm_rest_field_description`.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

use crate::wire::{Boolean, Reader, Text, Writer};

/// One field of an entity as a `*.fields` method describes it. Every key is optional and
/// read leniently (`"Y"` or `1` for `true`); keys not listed here (`statusType`, `items`,
/// `settings`, labels, and the upper-case keys some older methods use) stay in `extra`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FieldDescription {
    /// `type`: the field's type (`integer`, `string`, `crm_status`, `user`, …).
    pub type_: Option<String>,
    /// `isRequired`.
    pub is_required: Option<bool>,
    /// `isReadOnly`.
    pub is_read_only: Option<bool>,
    /// `isImmutable`: set once, when the item is created.
    pub is_immutable: Option<bool>,
    /// `isMultiple`: the value is a list.
    pub is_multiple: Option<bool>,
    /// `isDynamic`: a user field.
    pub is_dynamic: Option<bool>,
    /// `title`: the field's name for people.
    pub title: Option<String>,
    /// `upperName`: the field's name in upper case.
    pub upper_name: Option<String>,
    /// Keys this type does not name, as sent.
    pub extra: Map<String, Value>,
}

impl Serialize for FieldDescription {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut writer = Writer::new(serializer)?;
        writer.opt::<Text, _>("type", &self.type_);
        writer.opt::<Boolean, _>("isRequired", &self.is_required);
        writer.opt::<Boolean, _>("isReadOnly", &self.is_read_only);
        writer.opt::<Boolean, _>("isImmutable", &self.is_immutable);
        writer.opt::<Boolean, _>("isMultiple", &self.is_multiple);
        writer.opt::<Boolean, _>("isDynamic", &self.is_dynamic);
        writer.opt::<Text, _>("title", &self.title);
        writer.opt::<Text, _>("upperName", &self.upper_name);
        writer.end(&self.extra)
    }
}

impl<'de> Deserialize<'de> for FieldDescription {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let mut reader = Reader::new(deserializer)?;
        let value = Self {
            type_: reader.opt::<Text, _>("type"),
            is_required: reader.opt::<Boolean, _>("isRequired"),
            is_read_only: reader.opt::<Boolean, _>("isReadOnly"),
            is_immutable: reader.opt::<Boolean, _>("isImmutable"),
            is_multiple: reader.opt::<Boolean, _>("isMultiple"),
            is_dynamic: reader.opt::<Boolean, _>("isDynamic"),
            title: reader.opt::<Text, _>("title"),
            upper_name: reader.opt::<Text, _>("upperName"),
            extra: reader.rest(),
        };
        reader.finish(value)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde_json::json;

    use super::*;

    #[test]
    fn crm_descriptions_and_other_shapes_decode() {
        let fields: BTreeMap<String, FieldDescription> = serde_json::from_value(json!({
            "ID": {"type": "integer", "isRequired": false, "isReadOnly": true,
                   "isImmutable": false, "isMultiple": false, "isDynamic": false, "title": "ID"},
            "COMPANY_TYPE": {"type": "crm_status", "isRequired": "N", "statusType": "COMPANY_TYPE"},
            "NAME": {"TYPE": "string", "USE_IN_FILTER": true}
        }))
        .unwrap();
        let id = &fields["ID"];
        assert_eq!(id.type_.as_deref(), Some("integer"));
        assert_eq!((id.is_read_only, id.is_multiple), (Some(true), Some(false)));
        let company_type = &fields["COMPANY_TYPE"];
        assert_eq!(company_type.is_required, Some(false));
        assert_eq!(company_type.extra["statusType"], json!("COMPANY_TYPE"));
        assert_eq!(fields["NAME"].type_, None);
        assert_eq!(fields["NAME"].extra["TYPE"], json!("string"));
        assert_eq!(
            serde_json::to_value(company_type).unwrap(),
            json!({"type": "crm_status", "isRequired": false, "statusType": "COMPANY_TYPE"})
        );
    }
}
