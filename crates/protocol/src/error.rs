//! The one error type of the crate. No variant carries a webhook code, a token or a client
//! secret: URLs are stripped from transport errors before they are stored, and the OAuth
//! server's replies are never kept.

use std::fmt;

use crate::documented::DocumentedError;
use crate::meta::Time;

/// Everything that can go wrong calling a method.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The webhook URL is malformed; the reason never repeats the URL (it holds a secret).
    #[error("invalid webhook URL: {0}")]
    InvalidWebhook(String),
    /// The method name cannot be put into a URL.
    #[error("invalid method name `{0}`")]
    InvalidMethodName(String),
    /// The client configuration is unusable (a bad OAuth server URL, a portal address that is
    /// not https, ...).
    #[error("invalid client configuration: {0}")]
    InvalidConfig(String),
    /// The request parameters could not be serialized to JSON.
    #[error("{method}: cannot encode the request: {source}")]
    Encode {
        method: String,
        #[source]
        source: serde_json::Error,
    },
    /// The request did not complete: connect, TLS, timeout, reading the reply.
    #[error(
        "{method}: transport error ({kind}){}: {source}",
        if *may_have_executed { ", the portal may have executed the call" } else { "" }
    )]
    Transport {
        method: String,
        kind: TransportKind,
        /// `false` only when the request certainly never reached the portal (connect
        /// failed). When `true`, repeating a write (`crm.deal.add`) may duplicate it, so the
        /// client never repeats such a call by itself.
        may_have_executed: bool,
        /// The transport's own error (a `reqwest::Error` from `b24-runtime`, without the
        /// URL, which holds the webhook code), boxed so that this crate names no HTTP
        /// client; `downcast_ref` gets it back.
        #[source]
        source: TransportError,
    },
    /// The portal answered with an `error` envelope.
    #[error("{method}: {0}", method = .0.method)]
    Api(ApiError),
    /// The reply is JSON but does not have the documented shape.
    #[error("{method}: cannot decode the result at `{path}`: {source}")]
    Decode {
        method: String,
        /// Where decoding failed, `result.items[3].ID` style.
        path: String,
        /// The raw response body, for diagnosis.
        body: String,
        #[source]
        source: serde_json::Error,
    },
    /// The reply is not JSON at all (an HTML error page from a proxy, a truncated body).
    #[error("{method}: HTTP {status}: the portal did not answer with JSON")]
    NotJson {
        method: String,
        status: u16,
        /// The start of the body, for diagnosis.
        body_start: String,
    },
    /// Renewing the OAuth tokens failed (`invalid_grant`: the refresh token is dead and the
    /// user must authorize again; `PAYMENT_REQUIRED`; the OAuth server is unreachable).
    #[error("OAuth token refresh failed: {0}")]
    OAuth(OAuthError),
    /// The portal redirected in a way the client does not follow (a loop, a non-https
    /// target, no `Location`).
    #[error("{method}: unusable redirect: {reason}")]
    Redirect { method: String, reason: String },
    /// A list did not advance: the cursor (`next` or the last ID) did not move forward, or
    /// an item had no usable ID. Reading on would loop forever.
    #[error("{method}: list cursor error: {reason}")]
    Cursor { method: String, reason: String },
    /// A batch command that did not run because an earlier one failed under `halt`, or
    /// that the reply does not mention.
    #[error("batch command `{command}` was not executed")]
    NotExecuted { command: String },
    /// A batch cannot be sent as built (a `$result` reference to a command in another chunk,
    /// a duplicate name, an empty or oversized REST 3.0 batch).
    #[error("invalid batch: {0}")]
    InvalidBatch(String),
    /// An `Idempotency-Key` that is not 1–255 printable ASCII characters; nothing was sent.
    #[error("invalid Idempotency-Key: {0}")]
    InvalidIdempotencyKey(String),
    /// A REST 3.0 filter that the portal would refuse (an unknown operator or field);
    /// nothing was sent.
    #[error("invalid REST 3.0 filter: {0}")]
    InvalidFilter(String),
    /// A REST 3.0 `select` naming a field the entity does not have; nothing was sent.
    #[error("invalid REST 3.0 select: {0}")]
    InvalidSelect(String),
    /// A list's parameters are wrong in a way the documentation rules out (an `order`
    /// direction other than ASC/DESC, a `select`/`filter`/`order` field the entity does not
    /// have): found before anything was sent.
    #[error("{method}: {reason}; nothing was sent")]
    InvalidParams { method: String, reason: String },
    /// Reading one page of a list failed; the items of earlier pages were delivered.
    /// `page` counts from 1 (page 3 holds items 101–150 of a list read by `start`).
    #[error("{method}: page {page} of the list failed: {source}")]
    Page {
        method: String,
        page: usize,
        #[source]
        source: Box<Error>,
    },
}

/// For `map_err` on a value that cannot be serialized: [`Error::Encode`] naming `method`.
pub(crate) fn encode_failed(method: &str) -> impl FnOnce(serde_json::Error) -> Error + '_ {
    move |source| Error::Encode {
        method: method.to_owned(),
        source,
    }
}

impl Error {
    /// The API error, when the portal answered with one.
    pub fn api(&self) -> Option<&ApiError> {
        match self {
            Error::Api(api) => Some(api),
            Error::Page { source, .. } => source.api(),
            _ => None,
        }
    }

    /// The typed code of an API error.
    pub fn code(&self) -> Option<ErrorCode> {
        self.api().map(ApiError::kind)
    }

    /// The code of an API error as a REST 3.0 code (`BITRIX_REST_V3_EXCEPTION_*`).
    pub fn v3_code(&self) -> Option<crate::v3::V3Code> {
        self.api().map(ApiError::v3_code)
    }

    /// The code of an API error as one method's documented errors (a generated
    /// `CrmDealAddError`, or [`ErrorCode`] for the system codes); `None` for errors that did
    /// not come from the portal's `error` envelope.
    pub fn documented<E: DocumentedError>(&self) -> Option<E> {
        self.api().map(|api| E::from_code(&api.code))
    }

    /// Whether the portal may have executed the call that failed. `false` for errors the
    /// portal reported before doing anything (limits, auth) and for calls never sent.
    pub fn may_have_executed(&self) -> bool {
        match self {
            Error::Transport {
                may_have_executed, ..
            } => *may_have_executed,
            // A reply we cannot read came after the portal ran the method.
            Error::NotJson { .. } | Error::Decode { .. } => true,
            Error::Api(api) => !api.kind().is_rejection() && !api.v3_code().is_rejection(),
            Error::Page { source, .. } => source.may_have_executed(),
            _ => false,
        }
    }
}

/// The cause of an [`Error::Transport`], whatever HTTP client produced it.
pub type TransportError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// What part of the exchange failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportKind {
    /// No connection (DNS, refused, TLS handshake): the request was not sent.
    Connect,
    /// The configured timeout elapsed.
    Timeout,
    /// The connection broke while sending the request or reading the reply.
    Io,
}

impl fmt::Display for TransportKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TransportKind::Connect => "connect",
            TransportKind::Timeout => "timeout",
            TransportKind::Io => "i/o",
        })
    }
}

/// An `{"error": …, "error_description": …}` answer, from a method or a batch command.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    pub method: String,
    /// The `error` code (`ACCESS_DENIED`, `STATUS_ERROR`); may be empty.
    pub code: String,
    pub description: String,
    /// The status of the HTTP reply that carried the error (for a batch command: the
    /// status of the batch reply).
    pub http_status: u16,
    /// The `time` block of the reply, when it had one (`operating_reset_at` for
    /// `OPERATION_TIME_LIMIT`).
    pub time: Option<Box<Time>>,
    /// REST 3.0 `error.validation`: the parameters that were wrong and why (empty for
    /// classic errors and for v3 errors without it).
    pub validation: Vec<crate::v3::Validation>,
}

impl ApiError {
    /// The code as a typed value; unknown codes are kept in [`ErrorCode::Other`].
    pub fn kind(&self) -> ErrorCode {
        ErrorCode::parse(&self.code)
    }

    /// The code as a REST 3.0 code; codes the overview does not list are kept in
    /// [`V3Code::Other`](crate::v3::V3Code::Other).
    pub fn v3_code(&self) -> crate::v3::V3Code {
        crate::v3::V3Code::parse(&self.code)
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let code = if self.code.is_empty() {
            "(no code)"
        } else {
            &self.code
        };
        write!(f, "API error {code} (HTTP {})", self.http_status)?;
        if !self.description.is_empty() {
            write!(f, ": {}", self.description)?;
        }
        for entry in &self.validation {
            write!(f, "; `{}`: {}", entry.field, entry.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}

/// A failure of the OAuth server (`oauth.bitrix24.tech`) while renewing tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OAuthError {
    /// `invalid_grant`, `invalid_client`, `PAYMENT_REQUIRED`, ...; `transport` or `not_json`
    /// when the server could not be asked or answered garbage.
    pub code: String,
    pub description: String,
    pub http_status: Option<u16>,
}

impl fmt::Display for OAuthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.code)?;
        if let Some(status) = self.http_status {
            write!(f, " (HTTP {status})")?;
        }
        if !self.description.is_empty() {
            write!(f, ": {}", self.description)?;
        }
        Ok(())
    }
}

macro_rules! error_codes {
    ($( $(#[$doc:meta])* $variant:ident = $wire:literal, )*) => {
        /// The system error codes any method can return (`_includes/system-errors.md`,
        /// the OAuth and batch pages); any other code is kept as [`ErrorCode::Other`].
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum ErrorCode {
            $( $(#[$doc])* $variant, )*
            /// A code this list does not name (method-specific codes like `STATUS_ERROR`).
            Other(String),
        }

        /// Every system code, in declaration order.
        pub(crate) const SYSTEM_CODES: &[&str] = &[$( $wire, )*];

        impl ErrorCode {
            pub fn parse(code: &str) -> Self {
                match code {
                    $( $wire => ErrorCode::$variant, )*
                    other => ErrorCode::Other(other.to_owned()),
                }
            }

            /// The code as sent by the portal.
            pub fn as_str(&self) -> &str {
                match self {
                    $( ErrorCode::$variant => $wire, )*
                    ErrorCode::Other(code) => code,
                }
            }
        }
    };
}

error_codes! {
    /// 503: the leaky bucket of the portal is full.
    QueryLimitExceeded = "QUERY_LIMIT_EXCEEDED",
    /// 503: REST is blocked by hand for overload.
    OverloadLimit = "OVERLOAD_LIMIT",
    /// 429: the method used up its execution-time budget; see `operating_reset_at`.
    OperationTimeLimit = "OPERATION_TIME_LIMIT",
    /// 401: the OAuth access token expired; the client refreshes it and retries once.
    ExpiredToken = "expired_token",
    /// 401: wrong access token or webhook code.
    NoAuthFound = "NO_AUTH_FOUND",
    /// 401: the token is malformed or revoked.
    InvalidToken = "invalid_token",
    /// 403: the webhook or application lacks the scope.
    InsufficientScope = "insufficient_scope",
    /// 403: REST is not available on the plan, or the user lacks rights.
    AccessDenied = "ACCESS_DENIED",
    /// 403: the user of the token has no rights for this.
    InvalidCredentials = "INVALID_CREDENTIALS",
    /// 403: the user has no access to the application.
    UserAccessError = "user_access_error",
    /// 404: no such method.
    MethodNotFound = "ERROR_METHOD_NOT_FOUND",
    /// 404: manifest unavailable.
    ManifestNotAvailable = "ERROR_MANIFEST_IS_NOT_AVAILABLE",
    /// 500: internal error of the portal.
    InternalServerError = "INTERNAL_SERVER_ERROR",
    /// 500: the portal answered something unexpected internally.
    UnexpectedAnswer = "ERROR_UNEXPECTED_ANSWER",
    /// 500: the portal (or its public part) is closed.
    PortalDeleted = "PORTAL_DELETED",
    /// 400: https is required.
    InvalidRequest = "INVALID_REQUEST",
    /// 405: the method cannot be called inside `batch`.
    BatchMethodNotAllowed = "ERROR_BATCH_METHOD_NOT_ALLOWED",
    /// 400: more than 50 commands in a batch.
    BatchLengthExceeded = "ERROR_BATCH_LENGTH_EXCEEDED",
}

impl ErrorCode {
    /// Codes the portal returns before running the method: nothing happened, so the call
    /// can be repeated safely.
    pub fn is_rejection(&self) -> bool {
        matches!(
            self,
            ErrorCode::QueryLimitExceeded
                | ErrorCode::OverloadLimit
                | ErrorCode::OperationTimeLimit
                | ErrorCode::ExpiredToken
                | ErrorCode::NoAuthFound
                | ErrorCode::InvalidToken
                | ErrorCode::InsufficientScope
                | ErrorCode::AccessDenied
                | ErrorCode::UserAccessError
                | ErrorCode::MethodNotFound
                | ErrorCode::InvalidRequest
                | ErrorCode::BatchMethodNotAllowed
                | ErrorCode::BatchLengthExceeded
        )
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_system_code_round_trips_and_others_are_kept() {
        for code in [
            "QUERY_LIMIT_EXCEEDED",
            "OVERLOAD_LIMIT",
            "OPERATION_TIME_LIMIT",
            "expired_token",
            "NO_AUTH_FOUND",
            "invalid_token",
            "insufficient_scope",
            "ACCESS_DENIED",
            "INVALID_CREDENTIALS",
            "user_access_error",
            "ERROR_METHOD_NOT_FOUND",
            "INTERNAL_SERVER_ERROR",
            "PORTAL_DELETED",
            "ERROR_BATCH_METHOD_NOT_ALLOWED",
            "ERROR_BATCH_LENGTH_EXCEEDED",
        ] {
            let parsed = ErrorCode::parse(code);
            assert!(!matches!(parsed, ErrorCode::Other(_)), "{code}");
            assert_eq!(parsed.as_str(), code);
        }
        assert_eq!(
            ErrorCode::parse("STATUS_ERROR"),
            ErrorCode::Other("STATUS_ERROR".into())
        );
        assert_eq!(ErrorCode::parse("").as_str(), "");
    }

    /// What the generator emits for a method, written by hand.
    #[derive(Debug, PartialEq)]
    enum StatusSetError {
        StatusError,
        EmptyCode,
        Undocumented(String),
    }

    impl DocumentedError for StatusSetError {
        const CODES: &'static [&'static str] = &["STATUS_ERROR", ""];

        fn from_code(code: &str) -> Self {
            match code {
                "STATUS_ERROR" => Self::StatusError,
                "" => Self::EmptyCode,
                other => Self::Undocumented(other.to_owned()),
            }
        }

        fn code(&self) -> &str {
            match self {
                Self::StatusError => "STATUS_ERROR",
                Self::EmptyCode => "",
                Self::Undocumented(code) => code,
            }
        }

        fn is_documented(&self) -> bool {
            !matches!(self, Self::Undocumented(_))
        }
    }

    fn api_error(code: &str) -> Error {
        Error::Api(ApiError {
            method: "im.user.status.set".into(),
            code: code.into(),
            description: String::new(),
            http_status: 400,
            time: None,
            validation: Vec::new(),
        })
    }

    #[test]
    fn api_errors_convert_to_documented_codes_and_keep_the_rest() {
        assert_eq!(
            api_error("STATUS_ERROR").documented(),
            Some(StatusSetError::StatusError)
        );
        assert_eq!(api_error("").documented(), Some(StatusSetError::EmptyCode));
        let other = api_error("ACCESS_DENIED").documented::<StatusSetError>();
        assert_eq!(
            other,
            Some(StatusSetError::Undocumented("ACCESS_DENIED".into()))
        );
        assert_eq!(other.map(|e| e.is_documented()), Some(false));
        assert_eq!(
            api_error("ACCESS_DENIED").documented(),
            Some(ErrorCode::AccessDenied)
        );
    }

    #[test]
    fn errors_not_from_the_portal_have_no_documented_code() {
        let error = Error::InvalidConfig("no portal".into());
        assert_eq!(error.documented::<StatusSetError>(), None);
        assert_eq!(error.documented::<ErrorCode>(), None);
    }

    #[test]
    fn system_codes_list_every_variant() {
        for code in <ErrorCode as DocumentedError>::CODES {
            let parsed = <ErrorCode as DocumentedError>::from_code(code);
            assert!(parsed.is_documented(), "{code}");
            assert_eq!(DocumentedError::code(&parsed), *code);
        }
        assert_eq!(<ErrorCode as DocumentedError>::CODES.len(), 18);
    }
}
