//! The method schema model shared by the doc parser (which writes it) and the generator
//! (which reads it). One [`MethodSpec`] is one YAML file under `specs/methods/`, one
//! [`EventSpec`] one under `specs/events/`, one [`ReferenceType`] (a named type the docs'
//! data-types pages define) one under `specs/types/`.
//!
//! The format is described for humans in `specs/README.md`; bump [`SCHEMA_VERSION`] on any
//! change that an older reader would misunderstand.

mod event;
mod io;
mod method;
mod reference_type;
mod required;
mod types;

pub use event::EventSpec;
pub use io::{
    EVENTS_DIR, METHODS_DIR, SpecError, SpecFile, TYPES_DIR, from_yaml, load_events, load_methods,
    load_types, to_yaml,
};
pub use method::{
    ApiVersion, DefaultValue, Deprecation, EnumValue, ErrorSpec, MethodSpec, Param, Response,
    pattern_matches,
};
pub use reference_type::{ReferenceKind, ReferenceType};
pub use required::Required;
pub use types::{TypeExpr, TypeParseError, TypeRef};

/// The version of the spec format this build reads and writes.
pub const SCHEMA_VERSION: u32 = 1;
