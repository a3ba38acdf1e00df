//! Runnable examples of the `b24-api` client live in `examples/`; each reads the portal
//! address from `B24_WEBHOOK_URL` (a webhook URL such as
//! `https://example.bitrix24.ru/rest/1/your_webhook_code/`).

/// The webhook URL the examples call, from `B24_WEBHOOK_URL`.
pub fn webhook_url() -> Result<String, std::env::VarError> {
    std::env::var("B24_WEBHOOK_URL")
}
