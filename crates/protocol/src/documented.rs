//! Error codes a method's documentation lists, as a typed value.
//!
//! The generated crate emits one enum per method whose page documents errors
//! (`CrmDealAddError`); [`Error::documented`](crate::Error::documented) turns an API error into
//! it, and the request type's `error` function does the same without naming the enum.

/// An enum of the error codes one method documents, with a fallback that keeps any other
/// code unchanged.
pub trait DocumentedError: Sized {
    /// Every documented code, in the order the documentation lists them (`""` when the docs
    /// say the code is empty).
    const CODES: &'static [&'static str];

    /// The variant of `code`: a documented one, or the fallback holding `code`. Never fails,
    /// since the portal may send codes the documentation does not list.
    fn from_code(code: &str) -> Self;

    /// The code as the portal sends it.
    fn code(&self) -> &str;

    /// Whether the code is one the documentation lists.
    fn is_documented(&self) -> bool {
        Self::CODES.contains(&self.code())
    }

    /// The HTTP status the documentation gives for this code, when it gives one.
    fn http_status(&self) -> Option<u16> {
        None
    }
}

impl DocumentedError for crate::ErrorCode {
    const CODES: &'static [&'static str] = crate::error::SYSTEM_CODES;

    fn from_code(code: &str) -> Self {
        Self::parse(code)
    }

    fn code(&self) -> &str {
        self.as_str()
    }

    fn is_documented(&self) -> bool {
        !matches!(self, Self::Other(_))
    }
}
