//! An OAuth application: the client renews the token pair when the portal says it expired
//! and hands the new pair to a token store, here a JSON file, so a restart continues with
//! the newest pair (a refresh token works once).
//!
//! ```sh
//! B24_PORTAL=https://example.bitrix24.ru B24_CLIENT_ID=app.… B24_CLIENT_SECRET=… \
//! B24_TOKENS=tokens.json cargo run -p b24-examples --example oauth_app
//! ```
//! `tokens.json` holds `{"access_token": "…", "refresh_token": "…"}` from the install.

use std::path::{Path, PathBuf};

// ANCHOR: client
use b24_api::{Client, OAuth, OAuthApp, Secret, TokenPair};
// ANCHOR_END: client
use b24_api::serde_json::{self, Value, json};

// ANCHOR: store
/// Keeps the token pair in a JSON file. The file holds secrets: keep it out of version
/// control and readable by the application alone.
#[derive(Debug, Clone)]
pub struct FileTokenStore {
    path: PathBuf,
}

impl FileTokenStore {
    pub fn new(path: impl Into<PathBuf>) -> Self {
        Self { path: path.into() }
    }

    pub fn load(&self) -> std::io::Result<TokenPair> {
        let text = std::fs::read_to_string(&self.path)?;
        let value: Value = serde_json::from_str(&text)?;
        let field = |name: &str| -> std::io::Result<Secret> {
            value[name].as_str().map(Secret::from).ok_or_else(|| {
                std::io::Error::new(std::io::ErrorKind::InvalidData, format!("no {name}"))
            })
        };
        Ok(TokenPair::new(
            field("access_token")?,
            field("refresh_token")?,
        ))
    }

    pub fn save(&self, pair: &TokenPair) -> std::io::Result<()> {
        let text = json!({
            "access_token": pair.access_token.expose(),
            "refresh_token": pair.refresh_token.expose(),
        });
        // Write a sibling file and rename it, so a crash never leaves half a pair.
        let partial = self.path.with_extension("partial");
        std::fs::write(&partial, text.to_string())?;
        std::fs::rename(&partial, &self.path)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}
// ANCHOR_END: store

// ANCHOR: client
/// A client for an OAuth application whose renewed tokens go to `store`. Tokens are
/// renewed at Bitrix24's OAuth server unless `app` names another (`OAuthApp::server`).
pub fn oauth_client(
    portal: &str,
    app: OAuthApp,
    store: FileTokenStore,
) -> Result<Client, Box<dyn std::error::Error>> {
    let tokens = store.load()?;
    let oauth = OAuth::new(portal, app, tokens)?.on_refresh(move |pair| {
        // The callback cannot fail the call: report a store that cannot be written.
        if let Err(error) = store.save(pair) {
            eprintln!(
                "could not store the renewed tokens in {}: {error}",
                store.path().display()
            );
        }
    });
    Ok(Client::builder().oauth(oauth).build()?)
}
// ANCHOR_END: client

#[allow(dead_code)] // the tests include this file for the store and the client
#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let var = |name: &str| std::env::var(name).map_err(|_| format!("set {name}"));
    let app = OAuthApp::new(var("B24_CLIENT_ID")?, var("B24_CLIENT_SECRET")?);
    let client = oauth_client(
        &var("B24_PORTAL")?,
        app,
        FileTokenStore::new(var("B24_TOKENS")?),
    )?;
    let me: Value = client.call("user.current", &json!({})).await?;
    println!("signed in as user {}", me["ID"]);
    Ok(())
}
