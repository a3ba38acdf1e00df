use serde::Serialize;
use serde::de::DeserializeOwned;

/// A REST method call: the request parameters (serialized as the JSON body) and what the
/// method returns in `result`. Implemented by every generated request type.
pub trait Method: Serialize {
    /// The REST method name, as sent in the URL (`im.user.status.set`).
    const NAME: &'static str;
    /// Which API serves the method: REST 3.0 methods live under `/rest/api/`.
    const API: Api = Api::Classic;
    /// Fields inside object parameters that the method's page marks required while the
    /// parameter's type (an entity shared with other methods) leaves them optional:
    /// `(parameter, &[field, …])`, such as `("fields", &["title", "creatorId",
    /// "responsibleId"])` for REST 3.0 `tasks.task.add`. The client refuses a request that
    /// lacks one before sending it ([`Error::InvalidParams`](crate::Error::InvalidParams)).
    const REQUIRED_FIELDS: &'static [(&'static str, &'static [&'static str])] = &[];
    /// REST 3.0 methods whose page lists the entity's fields: those fields (with the
    /// related objects the docs describe). The client checks the request's `select`,
    /// `filter` and `order` against them before sending
    /// ([`Error::InvalidParams`](crate::Error::InvalidParams) names an unknown field).
    /// `None`: the docs list no fields, nothing is checked.
    const V3_FIELDS: Option<&'static crate::v3::Fields> = None;
    /// The decoded type of `result`.
    type Output: DeserializeOwned;
}

/// The REST API generation a method belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Api {
    /// `/rest/…`: the classic API.
    #[default]
    Classic,
    /// `/rest/api/…`: REST 3.0. Some methods exist in both under the same name.
    RestV3,
}

/// The checks a typed request passes before it is sent: [`Method::REQUIRED_FIELDS`] and
/// [`Method::V3_FIELDS`].
pub fn check_before_sending<M: Method>(request: &M) -> Result<(), crate::Error> {
    check_required(request)?;
    crate::v3::fields::check(request)
}

/// Checks [`Method::REQUIRED_FIELDS`]: each named field is present and not `null` in its
/// parameter's object. A parameter that is absent or not an object is left to the portal.
pub fn check_required<M: Method>(request: &M) -> Result<(), crate::Error> {
    if M::REQUIRED_FIELDS.is_empty() {
        return Ok(());
    }
    let value = serde_json::to_value(request).map_err(crate::error::encode_failed(M::NAME))?;
    let mut missing = Vec::new();
    for (param, fields) in M::REQUIRED_FIELDS {
        let Some(object) = value.get(*param).and_then(serde_json::Value::as_object) else {
            continue;
        };
        missing.extend(
            fields
                .iter()
                .filter(|field| object.get(**field).is_none_or(serde_json::Value::is_null))
                .map(|field| format!("{param}.{field}")),
        );
    }
    if missing.is_empty() {
        return Ok(());
    }
    Err(crate::Error::InvalidParams {
        method: M::NAME.to_owned(),
        reason: format!(
            "missing {}, which the documentation marks required",
            missing.join(", ")
        ),
    })
}
