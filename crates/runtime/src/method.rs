use serde::Serialize;
use serde::de::DeserializeOwned;

/// A REST method call: the request parameters (serialized as the JSON body) and what the
/// method returns in `result`. Implemented by every generated request type.
pub trait Method: Serialize {
    /// The REST method name, as sent in the URL (`im.user.status.set`).
    const NAME: &'static str;
    /// Which API serves the method: REST 3.0 methods live under `/rest/api/`.
    const API: Api = Api::Classic;
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
