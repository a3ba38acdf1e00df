use serde::Serialize;
use serde::de::DeserializeOwned;

/// A REST method call: the request parameters (serialized as the JSON body) and what the
/// method returns in `result`. Implemented by every generated request type.
pub trait Method: Serialize {
    /// The REST method name, as sent in the URL (`im.user.status.set`).
    const NAME: &'static str;
    /// The decoded type of `result`.
    type Output: DeserializeOwned;
}
