//! The REST 3.0 error codes the overview documents (`rest-v3.md`: common errors,
//! idempotency, filter, batch), as an enum with a catch-all so that a `match` keeps
//! compiling when the portal adds codes.

/// Every documented code starts with this.
pub const PREFIX: &str = "BITRIX_REST_V3_EXCEPTION_";

macro_rules! codes {
    ($($variant:ident / $constant:ident => $code:literal, $doc:literal;)*) => {
        /// A REST 3.0 error code.
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum V3Code {
            $(#[doc = $doc] $variant,)*
            /// A code the overview does not list (method-specific codes such as
            /// `BITRIX_REST_V3_EXCEPTION_INVALIDPAGINATIONEXCEPTION` among them); kept as sent.
            Other(String),
        }

        /// The documented codes, as constants for comparisons with [`ApiError::code`](crate::ApiError::code).
        pub mod code {
            $(#[doc = $doc] pub const $constant: &str = $code;)*
        }

        impl V3Code {
            pub fn parse(code: &str) -> Self {
                match code {
                    $($code => Self::$variant,)*
                    other => Self::Other(other.to_owned()),
                }
            }

            /// The code as the portal sends it.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $code,)*
                    Self::Other(code) => code,
                }
            }
        }
    };
}

codes! {
    RequestValidation / REQUEST_VALIDATION => "BITRIX_REST_V3_EXCEPTION_VALIDATION_REQUESTVALIDATIONEXCEPTION",
        "400: a required field is missing or a value has the wrong type (see `validation`).";
    InvalidJson / INVALID_JSON => "BITRIX_REST_V3_EXCEPTION_INVALIDJSONEXCEPTION",
        "400: the body is not valid JSON (form-data is refused too).";
    UnknownDtoProperty / UNKNOWN_DTO_PROPERTY => "BITRIX_REST_V3_EXCEPTION_UNKNOWNDTOPROPERTYEXCEPTION",
        "400: `filter` or a relation in `select` names a field the object does not have.";
    UnknownFilterOperator / UNKNOWN_FILTER_OPERATOR => "BITRIX_REST_V3_EXCEPTION_UNKNOWNFILTEROPERATOREXCEPTION",
        "400: a filter condition uses an operator that does not exist.";
    EntityNotFound / ENTITY_NOT_FOUND => "BITRIX_REST_V3_EXCEPTION_ENTITYNOTFOUNDEXCEPTION",
        "400: no object with the given id.";
    AccessDenied / ACCESS_DENIED => "BITRIX_REST_V3_EXCEPTION_ACCESSDENIEDEXCEPTION",
        "403: the user has no rights on the object.";
    InsufficientScope / INSUFFICIENT_SCOPE => "BITRIX_REST_V3_EXCEPTION_INSUFFICIENTSCOPEEXCEPTION",
        "403: the webhook or application lacks the method's scope.";
    IdempotencyKeyReused / IDEMPOTENCY_KEY_REUSED => "BITRIX_REST_V3_EXCEPTION_IDEMPOTENCYKEYREUSEDEXCEPTION",
        "422: the `Idempotency-Key` was already used with another request body.";
    InvalidIdempotencyKey / INVALID_IDEMPOTENCY_KEY => "BITRIX_REST_V3_EXCEPTION_INVALIDIDEMPOTENCYKEYEXCEPTION",
        "400: the `Idempotency-Key` is not 1–255 printable ASCII characters.";
    InvalidSelect / INVALID_SELECT => "BITRIX_REST_V3_EXCEPTION_INVALIDSELECTEXCEPTION",
        "400: what a classic `cmd` batch gets from a REST 3.0 endpoint.";
    InvalidPagination / INVALID_PAGINATION => "BITRIX_REST_V3_EXCEPTION_INVALIDPAGINATIONEXCEPTION",
        "400: `pagination` cannot be read (a `limit` that is not a number, or 0).";
}

impl V3Code {
    /// Whether the portal refused the call before running the method. Every documented
    /// code is such a refusal (bad input, rights, scope, key reuse); an unknown one might
    /// come from inside the method.
    pub fn is_rejection(&self) -> bool {
        !matches!(self, Self::Other(_))
    }
}

impl std::fmt::Display for V3Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_unknown_ones_are_kept() {
        let parsed = V3Code::parse(code::IDEMPOTENCY_KEY_REUSED);
        assert_eq!(parsed, V3Code::IdempotencyKeyReused);
        assert_eq!(
            parsed.as_str(),
            "BITRIX_REST_V3_EXCEPTION_IDEMPOTENCYKEYREUSEDEXCEPTION"
        );
        let other = V3Code::parse("BITRIX_REST_V3_EXCEPTION_SOMETHINGNEW");
        assert_eq!(other.as_str(), "BITRIX_REST_V3_EXCEPTION_SOMETHINGNEW");
        assert!(matches!(other, V3Code::Other(_)));
    }
}
