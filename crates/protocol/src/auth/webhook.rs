use std::fmt;
use std::net::IpAddr;

use url::Url;

use crate::{Api, Error};

/// An incoming-webhook address, `https://{portal}/rest/{user_id}/{code}/`.
///
/// The code is a password: `Debug` and `Display` print `***` in its place.
#[derive(Clone)]
pub struct Webhook {
    base: Url,
    user_id: u64,
}

impl Webhook {
    /// Parses and validates a webhook URL. HTTPS is required except for loopback hosts,
    /// which tests and local proxies use.
    pub fn parse(input: &str) -> Result<Self, Error> {
        let invalid = |reason: &str| Error::InvalidWebhook(reason.to_owned());
        let url = Url::parse(input.trim()).map_err(|_| invalid("not an absolute URL"))?;
        match url.scheme() {
            "https" => {}
            "http" if is_loopback(&url) => {}
            "http" => return Err(invalid("webhooks must use https (http only on loopback)")),
            _ => return Err(invalid("the scheme must be https")),
        }
        if url.host_str().is_none_or(str::is_empty) {
            return Err(invalid("the URL has no portal host"));
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(invalid("the URL must not have a query or fragment"));
        }
        let segments: Vec<&str> = url
            .path_segments()
            .map(|segments| segments.filter(|s| !s.is_empty()).collect())
            .unwrap_or_default();
        let [rest, user_id, code] = segments.as_slice() else {
            return Err(invalid("the path must be /rest/{user_id}/{code}/"));
        };
        if *rest != "rest" {
            return Err(invalid("the path must start with /rest/"));
        }
        let user_id: u64 = user_id
            .parse()
            .map_err(|_| invalid("the user id in /rest/{user_id}/ must be a number"))?;
        if !code.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(invalid("the webhook code must be letters and digits"));
        }
        let mut base = url.clone();
        base.set_path(&format!("/rest/{user_id}/{code}/"));
        Ok(Self { base, user_id })
    }

    /// The id of the user the webhook acts as.
    pub fn user_id(&self) -> u64 {
        self.user_id
    }

    /// The portal host (`example.bitrix24.ru`).
    pub fn host(&self) -> &str {
        self.base.host_str().unwrap_or_default()
    }

    /// `scheme://host[:port]` of the portal.
    pub fn origin(&self) -> String {
        origin_of(&self.base)
    }

    /// The same webhook on the portal's new address.
    pub fn moved_to(&self, origin: &Url) -> Result<Self, String> {
        check_origin(origin)?;
        Ok(Self {
            base: rebase(&self.base, origin)?,
            user_id: self.user_id,
        })
    }

    /// The endpoint of a method: `{base}{method}`; REST 3.0 methods are served under
    /// `/rest/api/{user_id}/{code}/`.
    pub fn endpoint(&self, api: Api, method: &str) -> Result<Url, Error> {
        let invalid = || Error::InvalidMethodName(method.to_owned());
        if method.is_empty() || method.contains(['/', '?', '#', '\\']) {
            return Err(invalid());
        }
        let base = match api {
            Api::Classic => self.base.clone(),
            Api::RestV3 => {
                let mut base = self.base.clone();
                let path = base.path().replacen("/rest/", "/rest/api/", 1);
                base.set_path(&path);
                base
            }
        };
        base.join(method).map_err(|_| invalid())
    }
}

/// The address the portal moved to, checked like a webhook: https, or http on loopback.
pub fn check_origin(url: &Url) -> Result<(), String> {
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(url) => {}
        _ => return Err("the new address must use https".to_owned()),
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err("the new address has no host".to_owned());
    }
    Ok(())
}

/// `scheme://host[:port]` of a URL: what changes when a portal moves.
pub fn origin_of(url: &Url) -> String {
    url.origin().ascii_serialization()
}

/// The same URL on another scheme/host/port.
pub fn rebase(url: &Url, origin: &Url) -> Result<Url, String> {
    let mut moved = url.clone();
    moved
        .set_scheme(origin.scheme())
        .map_err(|()| "cannot change the scheme".to_owned())?;
    moved
        .set_host(origin.host_str())
        .map_err(|_| "cannot change the host".to_owned())?;
    moved
        .set_port(origin.port())
        .map_err(|()| "cannot change the port".to_owned())?;
    Ok(moved)
}

/// Whether the URL points at this machine (where plain http is allowed).
pub fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        Some(url::Host::Domain(name)) => name == "localhost",
        None => false,
    }
}

impl fmt::Display for Webhook {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let port = self
            .base
            .port()
            .map(|p| format!(":{p}"))
            .unwrap_or_default();
        write!(
            f,
            "{}://{}{}/rest/{}/***/",
            self.base.scheme(),
            self.host(),
            port,
            self.user_id
        )
    }
}

impl fmt::Debug for Webhook {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Webhook").field(&self.to_string()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CODE: &str = "s3cr3tc0de";

    #[test]
    fn parses_and_redacts() {
        let hook = Webhook::parse(&format!("https://portal.bitrix24.ru/rest/7/{CODE}/")).unwrap();
        assert_eq!(hook.user_id(), 7);
        assert_eq!(hook.host(), "portal.bitrix24.ru");
        assert_eq!(
            hook.endpoint(Api::Classic, "im.user.status.set")
                .unwrap()
                .as_str(),
            format!("https://portal.bitrix24.ru/rest/7/{CODE}/im.user.status.set")
        );
        assert_eq!(
            hook.endpoint(Api::RestV3, "tasks.task.add")
                .unwrap()
                .as_str(),
            format!("https://portal.bitrix24.ru/rest/api/7/{CODE}/tasks.task.add")
        );
        assert!(hook.endpoint(Api::Classic, "../evil").is_err());
        let shown = format!("{hook} {hook:?}");
        assert!(!shown.contains(CODE), "{shown}");
        assert!(shown.contains("/rest/7/***/"), "{shown}");
    }

    #[test]
    fn accepts_missing_trailing_slash() {
        let hook = Webhook::parse(&format!("https://p.example/rest/1/{CODE}")).unwrap();
        assert_eq!(
            hook.endpoint(Api::Classic, "user.current").unwrap().path(),
            format!("/rest/1/{CODE}/user.current")
        );
    }

    #[test]
    fn rejects_bad_urls_without_leaking_the_code() {
        let bad = [
            format!("http://portal.bitrix24.ru/rest/1/{CODE}/"),
            format!("ftp://portal.bitrix24.ru/rest/1/{CODE}/"),
            format!("https://portal.bitrix24.ru/api/1/{CODE}/"),
            format!("https://portal.bitrix24.ru/rest/admin/{CODE}/"),
            "https://portal.bitrix24.ru/rest/1/".to_owned(),
            format!("https://portal.bitrix24.ru/rest/1/{CODE}/extra/"),
            format!("https://portal.bitrix24.ru/rest/1/{CODE}/?x=1"),
            format!("portal.bitrix24.ru/rest/1/{CODE}/"),
        ];
        for input in bad {
            let err = Webhook::parse(&input).unwrap_err();
            let shown = format!("{err} {err:?}");
            assert!(!shown.contains(CODE), "{input}: {shown}");
        }
    }

    #[test]
    fn http_is_allowed_on_loopback_only() {
        assert!(Webhook::parse(&format!("http://127.0.0.1:8080/rest/1/{CODE}/")).is_ok());
        assert!(Webhook::parse(&format!("http://[::1]:8080/rest/1/{CODE}/")).is_ok());
        assert!(Webhook::parse(&format!("http://localhost/rest/1/{CODE}/")).is_ok());
        assert!(Webhook::parse(&format!("http://10.0.0.1/rest/1/{CODE}/")).is_err());
    }
}
