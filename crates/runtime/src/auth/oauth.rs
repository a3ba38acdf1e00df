//! OAuth 2.0 application auth: the access token goes in the `auth` field of each call; when
//! the portal answers `expired_token`, the token pair is renewed once at the OAuth server
//! (`grant_type=refresh_token`) and the call repeated. Concurrent callers that meet the
//! expiry together share one renewal. Tokens are never renewed on a timer (the OAuth server
//! blocks applications that do).

use std::fmt;
use std::sync::{Arc, PoisonError, RwLock};

use reqwest::header::{ACCEPT, HeaderValue, USER_AGENT};
use serde::Deserialize;
use url::Url;

use crate::{Api, Secret, TokenPair, transport};
use crate::{Error, OAuthError};
use b24_protocol::auth::{check_origin, rebase};

/// The OAuth server of Bitrix24 cloud portals.
pub const DEFAULT_OAUTH_SERVER: &str = "https://oauth.bitrix24.tech/oauth/token/";

/// The application's registration: `client_id`, `client_secret` and the OAuth server.
#[derive(Clone, Debug)]
pub struct OAuthApp {
    client_id: String,
    client_secret: Secret,
    server: Url,
}

impl OAuthApp {
    pub fn new(client_id: impl Into<String>, client_secret: impl Into<Secret>) -> Self {
        Self {
            client_id: client_id.into(),
            client_secret: client_secret.into(),
            server: Url::parse(DEFAULT_OAUTH_SERVER).unwrap_or_else(|_| unreachable!()),
        }
    }

    /// Another OAuth server (an on-premise portal's own `/oauth/token/`, a test server).
    pub fn server(mut self, url: &str) -> Result<Self, Error> {
        let url = Url::parse(url)
            .map_err(|_| Error::InvalidConfig("the OAuth server URL is not absolute".into()))?;
        check_origin(&url)
            .map_err(|_| Error::InvalidConfig("the OAuth server must use https".into()))?;
        self.server = url;
        Ok(self)
    }

    pub fn client_id(&self) -> &str {
        &self.client_id
    }
}

/// Called with each renewed pair, so the application can store it (the old refresh token
/// stops working once renewed).
pub type TokenCallback = Arc<dyn Fn(&TokenPair) + Send + Sync>;

/// Everything an OAuth client needs: the portal, the application and the current tokens.
#[derive(Clone)]
pub struct OAuth {
    portal: Url,
    app: OAuthApp,
    tokens: TokenPair,
    on_refresh: Option<TokenCallback>,
    application_token: Option<Secret>,
}

impl OAuth {
    /// `portal` is the portal address (`https://portal.bitrix24.ru`) or its REST endpoint
    /// (`client_endpoint`, `https://portal.bitrix24.ru/rest/`). HTTPS is required except
    /// for loopback addresses.
    pub fn new(portal: &str, app: OAuthApp, tokens: TokenPair) -> Result<Self, Error> {
        let url = Url::parse(portal.trim())
            .map_err(|_| Error::InvalidConfig("the portal address is not absolute".into()))?;
        check_origin(&url).map_err(|_| {
            Error::InvalidConfig("the portal must use https (http only on loopback)".into())
        })?;
        let mut base = url;
        base.set_path("/rest/");
        base.set_query(None);
        base.set_fragment(None);
        Ok(Self {
            portal: base,
            app,
            tokens,
            on_refresh: None,
            application_token: None,
        })
    }

    /// Called after each renewal with the new pair.
    pub fn on_refresh(mut self, callback: impl Fn(&TokenPair) + Send + Sync + 'static) -> Self {
        self.on_refresh = Some(Arc::new(callback));
        self
    }

    /// The `application_token` the portal sends with events, to check them with
    /// [`Client::verify_application_token`](crate::Client::verify_application_token).
    pub fn application_token(mut self, token: impl Into<Secret>) -> Self {
        self.application_token = Some(token.into());
        self
    }
}

impl fmt::Debug for OAuth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OAuth")
            .field("portal", &self.portal.as_str())
            .field("app", &self.app)
            .field("tokens", &self.tokens)
            .finish_non_exhaustive()
    }
}

#[derive(Debug)]
struct Current {
    tokens: TokenPair,
    /// Bumped on every renewal: a caller whose failed attempt used an older generation
    /// knows someone else already renewed.
    generation: u64,
}

/// The live state of an OAuth client, shared by its clones.
pub(crate) struct OAuthSession {
    portal: RwLock<Url>,
    app: OAuthApp,
    current: RwLock<Current>,
    refresh_lock: tokio::sync::Mutex<()>,
    on_refresh: Option<TokenCallback>,
    application_token: Option<Secret>,
}

impl fmt::Debug for OAuthSession {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OAuthSession")
            .field("portal", &self.portal_host())
            .field("client_id", &self.app.client_id)
            .finish_non_exhaustive()
    }
}

/// What the OAuth server answers; unknown fields are ignored.
#[derive(Deserialize)]
struct TokenReply {
    access_token: Option<String>,
    refresh_token: Option<String>,
    /// Unix seconds; a number, possibly written as a float or a string.
    expires: Option<serde_json::Value>,
    member_id: Option<String>,
    client_endpoint: Option<String>,
    scope: Option<String>,
    error: Option<String>,
    error_description: Option<String>,
}

impl OAuthSession {
    pub fn new(oauth: OAuth) -> Self {
        Self {
            portal: RwLock::new(oauth.portal),
            app: oauth.app,
            current: RwLock::new(Current {
                tokens: oauth.tokens,
                generation: 0,
            }),
            refresh_lock: tokio::sync::Mutex::new(()),
            on_refresh: oauth.on_refresh,
            application_token: oauth.application_token,
        }
    }

    pub fn portal_host(&self) -> String {
        let portal = self.portal.read().unwrap_or_else(PoisonError::into_inner);
        portal.origin().ascii_serialization()
    }

    pub fn move_to(&self, origin: &Url) -> Result<(), String> {
        check_origin(origin)?;
        let mut portal = self.portal.write().unwrap_or_else(PoisonError::into_inner);
        *portal = rebase(&portal, origin)?;
        Ok(())
    }

    pub fn endpoint(&self, api: Api, method: &str) -> Result<Url, Error> {
        let invalid = || Error::InvalidMethodName(method.to_owned());
        if method.is_empty() || method.contains(['/', '?', '#', '\\']) {
            return Err(invalid());
        }
        let portal = self.portal.read().unwrap_or_else(PoisonError::into_inner);
        let base = match api {
            Api::Classic => portal.clone(),
            Api::RestV3 => portal.join("api/").map_err(|_| invalid())?,
        };
        base.join(method).map_err(|_| invalid())
    }

    /// The access token and its generation.
    pub fn access(&self) -> (Secret, u64) {
        let current = self.current.read().unwrap_or_else(PoisonError::into_inner);
        (current.tokens.access_token.clone(), current.generation)
    }

    pub fn tokens(&self) -> TokenPair {
        let current = self.current.read().unwrap_or_else(PoisonError::into_inner);
        current.tokens.clone()
    }

    pub fn verify_application_token(&self, candidate: &str) -> bool {
        self.application_token
            .as_ref()
            .is_some_and(|token| token.matches(candidate))
    }

    /// Renews the pair unless someone already did since generation `seen` was used.
    pub async fn refresh(
        &self,
        http: &reqwest::Client,
        user_agent: &HeaderValue,
        seen: u64,
    ) -> Result<(), Error> {
        let _guard = self.refresh_lock.lock().await;
        let refresh_token = {
            let current = self.current.read().unwrap_or_else(PoisonError::into_inner);
            if current.generation != seen {
                return Ok(());
            }
            current.tokens.refresh_token.clone()
        };
        tracing::debug!(client_id = %self.app.client_id, "renewing the OAuth token pair");
        let mut url = self.app.server.clone();
        url.query_pairs_mut()
            .append_pair("grant_type", "refresh_token")
            .append_pair("client_id", &self.app.client_id)
            .append_pair("client_secret", self.app.client_secret.expose())
            .append_pair("refresh_token", refresh_token.expose());
        let oauth_error = |code: &str, description: String, status: Option<u16>| {
            Error::OAuth(OAuthError {
                code: code.to_owned(),
                description,
                http_status: status,
            })
        };
        let response = http
            .get(url)
            .header(ACCEPT, "application/json")
            .header(USER_AGENT, user_agent.clone())
            .send()
            .await
            .map_err(|e| {
                let e = transport::transport_error("oauth/token", e, false);
                oauth_error("transport", e.to_string(), None)
            })?;
        let status = response.status().as_u16();
        let text = response.text().await.map_err(|e| {
            let e = transport::transport_error("oauth/token", e, true);
            oauth_error("transport", e.to_string(), Some(status))
        })?;
        // The body holds the new tokens: never put it into an error.
        let reply: TokenReply = serde_json::from_str(&text).map_err(|_| {
            oauth_error(
                "not_json",
                "the OAuth server did not answer with JSON".into(),
                Some(status),
            )
        })?;
        if let Some(code) = reply.error.filter(|c| !c.is_empty()) {
            return Err(oauth_error(
                &code,
                reply.error_description.unwrap_or_default(),
                Some(status),
            ));
        }
        let (Some(access), Some(refresh)) = (reply.access_token, reply.refresh_token) else {
            return Err(oauth_error(
                "no_tokens",
                "the OAuth server answered without a token pair".into(),
                Some(status),
            ));
        };
        let mut tokens = TokenPair::new(Secret::new(access), Secret::new(refresh));
        tokens.expires = reply.expires.as_ref().and_then(unix_seconds);
        tokens.member_id = reply.member_id;
        tokens.client_endpoint = reply.client_endpoint;
        tokens.scope = reply.scope;
        {
            let mut current = self.current.write().unwrap_or_else(PoisonError::into_inner);
            current.tokens = tokens.clone();
            current.generation += 1;
        }
        if let Some(callback) = &self.on_refresh {
            callback(&tokens);
        }
        Ok(())
    }
}

fn unix_seconds(value: &serde_json::Value) -> Option<i64> {
    match value {
        serde_json::Value::Number(n) => n.as_i64().or_else(|| n.as_f64().map(|f| f as i64)),
        serde_json::Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// Puts `"auth": token` first into a JSON object body without re-serializing it.
pub(crate) fn with_auth(body: &[u8], token: &Secret) -> Vec<u8> {
    let token_json = serde_json::to_string(token.expose()).unwrap_or_default();
    let rest = body.trim_ascii_start();
    let mut out = Vec::with_capacity(body.len() + token_json.len() + 10);
    out.extend_from_slice(b"{\"auth\":");
    out.extend_from_slice(token_json.as_bytes());
    match rest.strip_prefix(b"{") {
        Some(inner) if inner.trim_ascii_start().starts_with(b"}") => out.push(b'}'),
        Some(inner) => {
            out.push(b',');
            out.extend_from_slice(inner);
        }
        // Not an object (`null` from a unit request): the token is all there is to send.
        None => out.push(b'}'),
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auth_is_spliced_into_objects() {
        let token = Secret::new("tok\"en");
        let spliced = |body: &str| {
            let out = with_auth(body.as_bytes(), &token);
            serde_json::from_slice::<serde_json::Value>(&out).unwrap()
        };
        assert_eq!(
            spliced(r#"{"a":1}"#),
            serde_json::json!({"auth": "tok\"en", "a": 1})
        );
        assert_eq!(spliced("{}"), serde_json::json!({"auth": "tok\"en"}));
        assert_eq!(spliced(" { } "), serde_json::json!({"auth": "tok\"en"}));
        assert_eq!(spliced("null"), serde_json::json!({"auth": "tok\"en"}));
    }

    #[test]
    fn debug_output_hides_tokens_and_secret() {
        let app = OAuthApp::new("app.1", "s3cret");
        let oauth = OAuth::new(
            "https://portal.bitrix24.ru",
            app,
            TokenPair::new("acc355", "r3fr35h"),
        )
        .unwrap()
        .application_token("apptok3n");
        let shown = format!("{oauth:?}");
        for secret in ["s3cret", "acc355", "r3fr35h", "apptok3n"] {
            assert!(!shown.contains(secret), "{shown}");
        }
        assert!(shown.contains("app.1"));
    }

    #[test]
    fn endpoints_follow_the_portal_and_the_api_generation() {
        let oauth = OAuth::new(
            "https://portal.bitrix24.ru/rest/",
            OAuthApp::new("id", "secret"),
            TokenPair::new("a", "r"),
        )
        .unwrap();
        let session = OAuthSession::new(oauth);
        let url = |api, method| session.endpoint(api, method).unwrap().to_string();
        assert_eq!(
            url(Api::Classic, "crm.deal.add"),
            "https://portal.bitrix24.ru/rest/crm.deal.add"
        );
        assert_eq!(
            url(Api::RestV3, "tasks.task.get"),
            "https://portal.bitrix24.ru/rest/api/tasks.task.get"
        );
        assert!(session.endpoint(Api::Classic, "../x").is_err());
        session
            .move_to(&Url::parse("https://new-name.bitrix24.ru").unwrap())
            .unwrap();
        assert_eq!(
            url(Api::Classic, "user.current"),
            "https://new-name.bitrix24.ru/rest/user.current"
        );
        assert!(
            session
                .move_to(&Url::parse("http://evil.example").unwrap())
                .is_err()
        );
    }

    #[test]
    fn portal_must_be_https_except_loopback() {
        let tokens = TokenPair::new("a", "r");
        let app = OAuthApp::new("id", "secret");
        assert!(OAuth::new("http://portal.bitrix24.ru", app.clone(), tokens.clone()).is_err());
        assert!(OAuth::new("http://127.0.0.1:9/rest/", app.clone(), tokens.clone()).is_ok());
        assert!(app.server("http://oauth.example.com/oauth/token/").is_err());
    }
}
