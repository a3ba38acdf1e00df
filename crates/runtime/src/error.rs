use std::fmt;

/// Everything that can go wrong calling a method. No variant carries the webhook code or
/// a token: URLs are stripped from transport errors before they are stored.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The webhook URL is malformed; the reason never repeats the URL (it holds a secret).
    #[error("invalid webhook URL: {0}")]
    InvalidWebhook(String),
    /// The method name cannot be put into a URL.
    #[error("invalid method name `{0}`")]
    InvalidMethodName(String),
    /// The request parameters could not be serialized to JSON.
    #[error("{method}: cannot encode the request: {source}")]
    Encode {
        method: String,
        #[source]
        source: serde_json::Error,
    },
    /// The request did not complete (connect, TLS, timeout, reading the body).
    #[error("{method}: transport error: {source}")]
    Transport {
        method: String,
        #[source]
        source: reqwest::Error,
    },
    /// The portal answered with an `error` envelope.
    #[error("{method}: {0}", method = .0.method)]
    Api(ApiError),
    /// The reply is JSON but `result` does not have the documented shape.
    #[error("{method}: cannot decode the result: {source}")]
    Decode {
        method: String,
        /// The raw response body, for diagnosis.
        body: String,
        #[source]
        source: serde_json::Error,
    },
    /// The reply is not JSON at all (an HTML error page from a proxy, for instance).
    #[error("{method}: HTTP {status}: the portal did not answer with JSON")]
    NotJson {
        method: String,
        status: u16,
        /// The start of the body, for diagnosis.
        body_start: String,
    },
}

impl Error {
    /// The API error, when the portal answered with one.
    pub fn api(&self) -> Option<&ApiError> {
        match self {
            Error::Api(api) => Some(api),
            _ => None,
        }
    }
}

/// An `{"error": …, "error_description": …}` answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub method: String,
    /// The `error` code (`ACCESS_DENIED`, `STATUS_ERROR`); may be empty.
    pub code: String,
    pub description: String,
    pub http_status: u16,
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
        Ok(())
    }
}

impl std::error::Error for ApiError {}
