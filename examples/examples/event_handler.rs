//! An event handler: an axum endpoint that reads the portal's event POST, checks its
//! application token and dispatches on the typed event.
//!
//! `B24_APPLICATION_TOKEN=… cargo run -p b24-examples --example event_handler`, then bind
//! `http://your-host:3000/events` with `event.bind`. The token is the `application_token`
//! the portal sent with `ONAPPINSTALL`; events that do not carry it are refused.

use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use b24_api::Secret;
use b24_api::events::Event;
use b24_api::runtime::events::IncomingEvent;

struct App {
    application_token: Secret,
}

// ANCHOR: handler
async fn events(State(app): State<Arc<App>>, body: Bytes) -> StatusCode {
    let incoming = match IncomingEvent::from_form(&body) {
        Ok(incoming) => incoming,
        Err(error) => {
            eprintln!("not an event POST: {error}");
            return StatusCode::BAD_REQUEST;
        }
    };
    // Constant-time; `false` for a missing or wrong token, never a panic.
    if !incoming.verify(&app.application_token) {
        return StatusCode::FORBIDDEN;
    }
    let portal = incoming.domain().unwrap_or("?").to_owned();
    match Event::try_from(incoming) {
        Ok(Event::OnCrmDealAdd(added)) => {
            let id = added.data.and_then(|data| data.fields).and_then(|f| f.id);
            println!("{portal}: deal {id:?} added");
        }
        Ok(Event::OnCrmDealUpdate(updated)) => {
            let id = updated.data.and_then(|data| data.fields).and_then(|f| f.id);
            println!("{portal}: deal {id:?} updated");
        }
        Ok(Event::OnAppUninstall(_)) => println!("{portal}: uninstalled, forget its tokens"),
        // `Debug` of any event masks its tokens, so logging it is safe.
        Ok(Event::Other(unknown)) => println!("{portal}: undocumented event {unknown:?}"),
        Ok(other) => println!("{portal}: {}", other.event_name()),
        Err(error) => {
            // Names the event and the field that did not fit its documented type.
            eprintln!("{error}");
            return StatusCode::UNPROCESSABLE_ENTITY;
        }
    }
    StatusCode::OK
}
// ANCHOR_END: handler

fn router(application_token: Secret) -> Router {
    Router::new()
        .route("/events", post(events))
        .with_state(Arc::new(App { application_token }))
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let token = Secret::new(std::env::var("B24_APPLICATION_TOKEN")?);
    let listener = tokio::net::TcpListener::bind("0.0.0.0:3000").await?;
    axum::serve(listener, router(token)).await?;
    Ok(())
}
