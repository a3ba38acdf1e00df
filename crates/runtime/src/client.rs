use std::fmt;

use crate::{Api, Error, Method, Webhook, envelope};

/// A Bitrix24 REST client.
///
/// ```no_run
/// # async fn run() -> Result<(), b24_runtime::Error> {
/// let client = b24_runtime::Client::from_webhook("https://example.bitrix24.ru/rest/1/code/")?;
/// let me: serde_json::Value = client.call("user.current", &serde_json::json!({})).await?;
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    webhook: Webhook,
}

impl Client {
    /// A client that calls through an incoming webhook
    /// (`https://{portal}/rest/{user_id}/{code}/`).
    pub fn from_webhook(url: &str) -> Result<Self, Error> {
        Ok(Self::with_http(
            Webhook::parse(url)?,
            reqwest::Client::new(),
        ))
    }

    /// A client over a caller-configured `reqwest::Client` (proxies, timeouts).
    pub fn with_http(webhook: Webhook, http: reqwest::Client) -> Self {
        Self { http, webhook }
    }

    /// Calls a typed method and decodes its `result`.
    pub async fn send<M: Method>(&self, request: &M) -> Result<M::Output, Error> {
        let body = serde_json::to_vec(request).map_err(|source| Error::Encode {
            method: M::NAME.to_owned(),
            source,
        })?;
        self.post(M::API, M::NAME, body).await
    }

    /// Calls any method by name with untyped parameters: the escape hatch for methods the
    /// bindings do not cover yet.
    pub async fn call<T: serde::de::DeserializeOwned>(
        &self,
        method: &str,
        params: &serde_json::Value,
    ) -> Result<T, Error> {
        let body = serde_json::to_vec(params).map_err(|source| Error::Encode {
            method: method.to_owned(),
            source,
        })?;
        self.post(Api::Classic, method, body).await
    }

    async fn post<T: serde::de::DeserializeOwned>(
        &self,
        api: Api,
        method: &str,
        body: Vec<u8>,
    ) -> Result<T, Error> {
        let transport = |source: reqwest::Error| Error::Transport {
            method: method.to_owned(),
            // The URL holds the webhook code: never keep it in an error.
            source: source.without_url(),
        };
        let url = self.webhook.endpoint(api, method)?;
        let response = self
            .http
            .post(url)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .header(reqwest::header::ACCEPT, "application/json")
            .body(body)
            .send()
            .await
            .map_err(transport)?;
        let status = response.status().as_u16();
        let text = response.text().await.map_err(transport)?;
        envelope::decode(method, status, &text)
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("webhook", &self.webhook)
            .finish_non_exhaustive()
    }
}
