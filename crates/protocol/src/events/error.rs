//! Why an event POST could not be read, or did not fit its event's payload type.

use crate::form::FormError;

/// An event POST that is not an event.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EventError {
    /// No `event` field, or an empty one: nothing says which event this is.
    #[error("the event POST has no `event` field")]
    MissingEvent,
    /// `event` is there but is not text.
    #[error("the `event` field of the event POST is not text")]
    EventNotText,
    /// A JSON body that is not an object.
    #[error("the event body is not a JSON object")]
    NotAnObject,
    /// The form body's keys cannot be read.
    #[error("the event POST is not a readable form: {0}")]
    Form(#[from] FormError),
}

/// An event whose payload does not fit the type its documentation gives it. Names the
/// event and the path of the field that did not fit; never quotes a token.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("event `{event}`: the payload does not fit its documented type at `{path}`: {message}")]
#[non_exhaustive]
pub struct DecodeError {
    /// The event name as sent.
    pub event: String,
    /// The path of the field that did not fit (`data.FIELDS.ID`), `.` for the whole payload.
    pub path: String,
    pub message: String,
}
