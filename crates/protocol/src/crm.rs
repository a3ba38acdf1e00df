//! CRM constants the documentation defines (`api-reference/crm/data-types.md`, "Тип объекта
//! CRM"; `crm-status-entity-types.md`), for `entityTypeId` parameters and `crm.status.*`
//! `ENTITY_ID`s. The generated crate re-exports them as `b24_api::crm::…`.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// The first `entityTypeId` of smart processes; every SPA gets its own id from here up.
pub const FIRST_DYNAMIC_TYPE_ID: u32 = 128;

/// A CRM object type, `entityTypeId` on the wire (an integer).
///
/// ```
/// use b24_protocol::crm::EntityTypeId;
///
/// assert_eq!(EntityTypeId::Deal.id(), 2);
/// assert_eq!(EntityTypeId::from_id(177), Some(EntityTypeId::Dynamic(177)));
/// assert_eq!(EntityTypeId::Dynamic(177).name(), "DYNAMIC_177");
/// assert_eq!(EntityTypeId::Dynamic(128).abbr(), "T80");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityTypeId {
    /// 1, `LEAD`.
    Lead,
    /// 2, `DEAL`.
    Deal,
    /// 3, `CONTACT`.
    Contact,
    /// 4, `COMPANY`.
    Company,
    /// 5, `INVOICE`: the old invoices, kept for compatibility (use [`Self::Invoice`]).
    OldInvoice,
    /// 31, `SMART_INVOICE`: invoices ("Счет (новый)").
    Invoice,
    /// 7, `QUOTE`: quotes ("Предложение").
    Quote,
    /// 8, `REQUISITE`.
    Requisite,
    /// 14, `ORDER`.
    Order,
    /// A smart process (SPA): 128 and up. Other ids the table does not list (such as 36,
    /// smart documents) are kept here as well, unchanged.
    Dynamic(u32),
}

impl EntityTypeId {
    /// The numeric id sent as `entityTypeId`.
    pub const fn id(self) -> u32 {
        match self {
            EntityTypeId::Lead => 1,
            EntityTypeId::Deal => 2,
            EntityTypeId::Contact => 3,
            EntityTypeId::Company => 4,
            EntityTypeId::OldInvoice => 5,
            EntityTypeId::Invoice => 31,
            EntityTypeId::Quote => 7,
            EntityTypeId::Requisite => 8,
            EntityTypeId::Order => 14,
            EntityTypeId::Dynamic(id) => id,
        }
    }

    /// The type of an id; `None` for 0. Ids the table does not list are `Dynamic`.
    pub const fn from_id(id: u32) -> Option<Self> {
        Some(match id {
            0 => return None,
            1 => EntityTypeId::Lead,
            2 => EntityTypeId::Deal,
            3 => EntityTypeId::Contact,
            4 => EntityTypeId::Company,
            5 => EntityTypeId::OldInvoice,
            31 => EntityTypeId::Invoice,
            7 => EntityTypeId::Quote,
            8 => EntityTypeId::Requisite,
            14 => EntityTypeId::Order,
            other => EntityTypeId::Dynamic(other),
        })
    }

    /// Whether this is a smart process (id 128 and up).
    pub const fn is_smart_process(self) -> bool {
        matches!(self, EntityTypeId::Dynamic(id) if id >= FIRST_DYNAMIC_TYPE_ID)
    }

    /// The type's code, `entityTypeName` (`LEAD`, `SMART_INVOICE`, `DYNAMIC_128`).
    pub fn name(self) -> Cow<'static, str> {
        Cow::Borrowed(match self {
            EntityTypeId::Lead => "LEAD",
            EntityTypeId::Deal => "DEAL",
            EntityTypeId::Contact => "CONTACT",
            EntityTypeId::Company => "COMPANY",
            EntityTypeId::OldInvoice => "INVOICE",
            EntityTypeId::Invoice => "SMART_INVOICE",
            EntityTypeId::Quote => "QUOTE",
            EntityTypeId::Requisite => "REQUISITE",
            EntityTypeId::Order => "ORDER",
            EntityTypeId::Dynamic(id) => return Cow::Owned(format!("DYNAMIC_{id}")),
        })
    }

    /// The short code, `entityTypeAbbr`, used in CRM binding values (`D_1`, `T80_6`): for a
    /// smart process `T` and the id in lowercase hex.
    pub fn abbr(self) -> Cow<'static, str> {
        Cow::Borrowed(match self {
            EntityTypeId::Lead => "L",
            EntityTypeId::Deal => "D",
            EntityTypeId::Contact => "C",
            EntityTypeId::Company => "CO",
            EntityTypeId::OldInvoice => "I",
            EntityTypeId::Invoice => "SI",
            EntityTypeId::Quote => "Q",
            EntityTypeId::Requisite => "RQ",
            EntityTypeId::Order => "O",
            EntityTypeId::Dynamic(id) => return Cow::Owned(format!("T{id:x}")),
        })
    }

    /// The user field entity, `userFieldEntityId` (`CRM_LEAD`); `None` for smart
    /// processes, whose `CRM_n` counts them in creation order rather than by id.
    pub fn user_field_entity_id(self) -> Option<&'static str> {
        Some(match self {
            EntityTypeId::Lead => "CRM_LEAD",
            EntityTypeId::Deal => "CRM_DEAL",
            EntityTypeId::Contact => "CRM_CONTACT",
            EntityTypeId::Company => "CRM_COMPANY",
            EntityTypeId::OldInvoice => "CRM_INVOICE",
            EntityTypeId::Invoice => "CRM_SMART_INVOICE",
            EntityTypeId::Quote => "CRM_QUOTE",
            EntityTypeId::Requisite => "CRM_REQUISITE",
            EntityTypeId::Order => "ORDER",
            EntityTypeId::Dynamic(_) => return None,
        })
    }

    /// A CRM binding value, `{abbr}_{id}` (`D_1`, `T80_6`).
    pub fn binding(self, item_id: u64) -> String {
        format!("{}_{item_id}", self.abbr())
    }
}

impl fmt::Display for EntityTypeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name())
    }
}

impl From<EntityTypeId> for serde_json::Value {
    fn from(id: EntityTypeId) -> Self {
        id.id().into()
    }
}

impl From<EntityTypeId> for i64 {
    fn from(id: EntityTypeId) -> Self {
        id.id().into()
    }
}

impl Serialize for EntityTypeId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u32(self.id())
    }
}

impl<'de> Deserialize<'de> for EntityTypeId {
    /// An integer, or a numeric string (as classic methods send ids).
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct IdVisitor;
        impl Visitor<'_> for IdVisitor {
            type Value = EntityTypeId;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a CRM entityTypeId (a positive integer)")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<EntityTypeId, E> {
                u32::try_from(v)
                    .ok()
                    .and_then(EntityTypeId::from_id)
                    .ok_or_else(|| E::custom(format!("{v} is not an entityTypeId")))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<EntityTypeId, E> {
                let v = u64::try_from(v).map_err(|_| E::custom(format!("{v} is negative")))?;
                self.visit_u64(v)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<EntityTypeId, E> {
                let n = v
                    .trim()
                    .parse::<u64>()
                    .map_err(|_| E::custom(format!("`{v}` is not an entityTypeId")))?;
                self.visit_u64(n)
            }
        }
        deserializer.deserialize_any(IdVisitor)
    }
}

/// A reference book of `crm.status.*` (`ENTITY_ID`), as `crm.status.entity.types` lists
/// them: lead statuses, sources, deal stages per pipeline, smart process stages, …
///
/// ```
/// use b24_protocol::crm::StatusEntityId;
///
/// assert_eq!(StatusEntityId::DealStage(0).as_str(), "DEAL_STAGE");
/// assert_eq!(StatusEntityId::DealStage(1).as_str(), "DEAL_STAGE_1");
/// assert_eq!(
///     StatusEntityId::parse("DYNAMIC_177_STAGE_7"),
///     StatusEntityId::DynamicStage { entity_type_id: 177, category_id: 7 }
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum StatusEntityId {
    /// `STATUS`: lead statuses.
    Status,
    /// `SOURCE`: sources.
    Source,
    /// `CONTACT_TYPE`.
    ContactType,
    /// `COMPANY_TYPE`.
    CompanyType,
    /// `EMPLOYEES`: company size.
    Employees,
    /// `INDUSTRY`.
    Industry,
    /// `DEAL_TYPE`.
    DealType,
    /// `DEAL_STAGE` (the general pipeline, category 0) or `DEAL_STAGE_{category}`.
    DealStage(u32),
    /// `QUOTE_STATUS`: quote stages.
    QuoteStatus,
    /// `HONORIFIC`: salutations.
    Honorific,
    /// `CALL_LIST`: call list statuses.
    CallList,
    /// `SMART_INVOICE_STAGE_{category}`: invoice stages.
    SmartInvoiceStage(u32),
    /// `SMART_DOCUMENT_STAGE_{category}`: smart document stages.
    SmartDocumentStage(u32),
    /// `DYNAMIC_{entityTypeId}_STAGE_{category}`: smart process stages.
    DynamicStage {
        entity_type_id: u32,
        category_id: u32,
    },
    /// Any other `ENTITY_ID`, unchanged.
    Other(String),
}

impl StatusEntityId {
    /// Reads an `ENTITY_ID`; any text is accepted (unknown ones are `Other`).
    pub fn parse(text: &str) -> Self {
        let simple = match text {
            "STATUS" => Some(StatusEntityId::Status),
            "SOURCE" => Some(StatusEntityId::Source),
            "CONTACT_TYPE" => Some(StatusEntityId::ContactType),
            "COMPANY_TYPE" => Some(StatusEntityId::CompanyType),
            "EMPLOYEES" => Some(StatusEntityId::Employees),
            "INDUSTRY" => Some(StatusEntityId::Industry),
            "DEAL_TYPE" => Some(StatusEntityId::DealType),
            "DEAL_STAGE" => Some(StatusEntityId::DealStage(0)),
            "QUOTE_STATUS" => Some(StatusEntityId::QuoteStatus),
            "HONORIFIC" => Some(StatusEntityId::Honorific),
            "CALL_LIST" => Some(StatusEntityId::CallList),
            _ => None,
        };
        if let Some(simple) = simple {
            return simple;
        }
        let number = |s: &str| s.parse::<u32>().ok().filter(|_| !s.starts_with('+'));
        if let Some(n) = text
            .strip_prefix("DEAL_STAGE_")
            .and_then(number)
            .filter(|&n| n > 0)
        {
            return StatusEntityId::DealStage(n);
        }
        if let Some(n) = text.strip_prefix("SMART_INVOICE_STAGE_").and_then(number) {
            return StatusEntityId::SmartInvoiceStage(n);
        }
        if let Some(n) = text.strip_prefix("SMART_DOCUMENT_STAGE_").and_then(number) {
            return StatusEntityId::SmartDocumentStage(n);
        }
        if let Some((entity, category)) = text
            .strip_prefix("DYNAMIC_")
            .and_then(|rest| rest.split_once("_STAGE_"))
            && let (Some(entity_type_id), Some(category_id)) = (number(entity), number(category))
        {
            return StatusEntityId::DynamicStage {
                entity_type_id,
                category_id,
            };
        }
        StatusEntityId::Other(text.to_owned())
    }

    /// The `ENTITY_ID` as sent.
    pub fn as_str(&self) -> Cow<'_, str> {
        Cow::Borrowed(match self {
            StatusEntityId::Status => "STATUS",
            StatusEntityId::Source => "SOURCE",
            StatusEntityId::ContactType => "CONTACT_TYPE",
            StatusEntityId::CompanyType => "COMPANY_TYPE",
            StatusEntityId::Employees => "EMPLOYEES",
            StatusEntityId::Industry => "INDUSTRY",
            StatusEntityId::DealType => "DEAL_TYPE",
            StatusEntityId::DealStage(0) => "DEAL_STAGE",
            StatusEntityId::DealStage(n) => return Cow::Owned(format!("DEAL_STAGE_{n}")),
            StatusEntityId::QuoteStatus => "QUOTE_STATUS",
            StatusEntityId::Honorific => "HONORIFIC",
            StatusEntityId::CallList => "CALL_LIST",
            StatusEntityId::SmartInvoiceStage(n) => {
                return Cow::Owned(format!("SMART_INVOICE_STAGE_{n}"));
            }
            StatusEntityId::SmartDocumentStage(n) => {
                return Cow::Owned(format!("SMART_DOCUMENT_STAGE_{n}"));
            }
            StatusEntityId::DynamicStage {
                entity_type_id,
                category_id,
            } => {
                return Cow::Owned(format!("DYNAMIC_{entity_type_id}_STAGE_{category_id}"));
            }
            StatusEntityId::Other(text) => text,
        })
    }

    /// The stages of one pipeline of an entity type: `DEAL_STAGE_{n}`, `SMART_INVOICE_STAGE_{n}`,
    /// `DYNAMIC_{id}_STAGE_{n}`; `None` for types without pipelines of stages here.
    pub fn stages(entity_type: EntityTypeId, category_id: u32) -> Option<Self> {
        match entity_type {
            EntityTypeId::Deal => Some(StatusEntityId::DealStage(category_id)),
            EntityTypeId::Invoice => Some(StatusEntityId::SmartInvoiceStage(category_id)),
            EntityTypeId::Lead => Some(StatusEntityId::Status),
            EntityTypeId::Quote => Some(StatusEntityId::QuoteStatus),
            EntityTypeId::Dynamic(36) => Some(StatusEntityId::SmartDocumentStage(category_id)),
            EntityTypeId::Dynamic(entity_type_id) => Some(StatusEntityId::DynamicStage {
                entity_type_id,
                category_id,
            }),
            _ => None,
        }
    }
}

impl fmt::Display for StatusEntityId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.as_str())
    }
}

impl From<StatusEntityId> for serde_json::Value {
    fn from(id: StatusEntityId) -> Self {
        serde_json::Value::String(id.as_str().into_owned())
    }
}

impl From<StatusEntityId> for String {
    fn from(id: StatusEntityId) -> Self {
        id.as_str().into_owned()
    }
}

impl Serialize for StatusEntityId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.as_str())
    }
}

impl<'de> Deserialize<'de> for StatusEntityId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = Cow::<str>::deserialize(deserializer)?;
        Ok(StatusEntityId::parse(&text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_documented_type_round_trips_through_its_id() {
        for (id, name, abbr) in [
            (1, "LEAD", "L"),
            (2, "DEAL", "D"),
            (3, "CONTACT", "C"),
            (4, "COMPANY", "CO"),
            (5, "INVOICE", "I"),
            (31, "SMART_INVOICE", "SI"),
            (7, "QUOTE", "Q"),
            (8, "REQUISITE", "RQ"),
            (14, "ORDER", "O"),
            (128, "DYNAMIC_128", "T80"),
        ] {
            let ty = EntityTypeId::from_id(id).unwrap();
            assert_eq!((ty.id(), &*ty.name(), &*ty.abbr()), (id, name, abbr));
            let json = serde_json::to_value(ty).unwrap();
            assert_eq!(serde_json::from_value::<EntityTypeId>(json).unwrap(), ty);
        }
        assert_eq!(EntityTypeId::from_id(0), None);
        assert_eq!(
            serde_json::from_str::<EntityTypeId>("\"31\"").unwrap(),
            EntityTypeId::Invoice
        );
        assert!(serde_json::from_str::<EntityTypeId>("-1").is_err());
        assert!(EntityTypeId::Dynamic(130).is_smart_process());
        assert_eq!(EntityTypeId::Dynamic(128).binding(6), "T80_6");
    }

    #[test]
    fn status_entity_ids_of_the_documented_example_round_trip() {
        for text in [
            "STATUS",
            "SOURCE",
            "CONTACT_TYPE",
            "COMPANY_TYPE",
            "EMPLOYEES",
            "INDUSTRY",
            "DEAL_TYPE",
            "SMART_INVOICE_STAGE_5",
            "DEAL_STAGE_1",
            "DEAL_STAGE",
            "QUOTE_STATUS",
            "HONORIFIC",
            "CALL_LIST",
            "SMART_DOCUMENT_STAGE_13",
            "DYNAMIC_177_STAGE_7",
            "SOMETHING_NEW",
            "DEAL_STAGE_0",
        ] {
            let id = StatusEntityId::parse(text);
            assert_eq!(id.as_str(), text, "{id:?}");
        }
        assert!(matches!(
            StatusEntityId::parse("DEAL_STAGE_0"),
            StatusEntityId::Other(_)
        ));
        assert_eq!(
            StatusEntityId::stages(EntityTypeId::Dynamic(177), 9)
                .unwrap()
                .as_str(),
            "DYNAMIC_177_STAGE_9"
        );
    }
}
