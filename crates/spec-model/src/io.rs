//! Reading and writing spec files.

use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::{ApiVersion, EventSpec, MethodSpec, ReferenceType, SCHEMA_VERSION};

/// Why specs could not be read or written. Every variant names the file.
#[derive(Debug, thiserror::Error)]
pub enum SpecError {
    #[error("{path}: cannot read")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: invalid spec")]
    Yaml {
        path: PathBuf,
        #[source]
        source: Box<serde_saphyr::Error>,
    },
    #[error("{path}: schema_version {found} is not supported (this build reads {SCHEMA_VERSION})")]
    Version { path: PathBuf, found: u32 },
    #[error("cannot serialize the spec of {name}")]
    Serialize {
        name: String,
        #[source]
        source: serde_saphyr::SerializeError,
    },
}

/// The folder under the specs root that holds method files.
pub const METHODS_DIR: &str = "methods";
/// The folder under the specs root that holds event files.
pub const EVENTS_DIR: &str = "events";
/// The folder under the specs root that holds named types.
pub const TYPES_DIR: &str = "types";

/// A spec file kind: methods and events share the reading and writing rules.
pub trait SpecFile: Serialize + DeserializeOwned {
    /// The folder under the specs root.
    const DIR: &'static str;
    fn schema_version(&self) -> u32;
    /// The method or event name.
    fn name(&self) -> &str;
    /// The file name inside [`Self::DIR`].
    fn file_name(&self) -> String;
}

impl SpecFile for MethodSpec {
    const DIR: &'static str = METHODS_DIR;

    fn schema_version(&self) -> u32 {
        self.schema_version
    }

    fn name(&self) -> &str {
        &self.method
    }

    /// The method name, plus `@v3` for REST 3.0 twins.
    fn file_name(&self) -> String {
        match self.api_version {
            ApiVersion::Classic => format!("{}.yaml", self.method),
            ApiVersion::RestV3 => format!("{}@v3.yaml", self.method),
        }
    }
}

impl SpecFile for EventSpec {
    const DIR: &'static str = EVENTS_DIR;

    fn schema_version(&self) -> u32 {
        self.schema_version
    }

    fn name(&self) -> &str {
        &self.event
    }

    fn file_name(&self) -> String {
        format!("{}.yaml", self.event)
    }
}

impl SpecFile for ReferenceType {
    const DIR: &'static str = TYPES_DIR;

    fn schema_version(&self) -> u32 {
        self.schema_version
    }

    fn name(&self) -> &str {
        &self.name
    }

    fn file_name(&self) -> String {
        format!("{}.yaml", self.name)
    }
}

/// The YAML text of a spec, as committed under `specs/`: `serde-saphyr` from the serde
/// model, the same crate that reads it back. It replaced `yaml_serde`, whose libyaml
/// emitter took 1.66 G of the import's 4.42 G instructions (docs/perf.md, round 5).
pub fn to_yaml<T: SpecFile>(spec: &T) -> Result<String, SpecError> {
    serde_saphyr::to_string_with_options(spec, yaml_options()).map_err(|source| {
        SpecError::Serialize {
            name: spec.name().to_owned(),
            source,
        }
    })
}

/// The crate's defaults, except that long one-line strings stay on one line: folding
/// them at 80 columns would turn every edit of a description into a multi-line diff.
/// Text with line breaks is still written as a literal block (`|`).
fn yaml_options() -> serde_saphyr::SerializerOptions {
    let mut options = serde_saphyr::SerializerOptions::default();
    options.folded_wrap_chars = usize::MAX;
    options
}

/// Parses one spec file's text; `path` is only used in errors.
pub fn from_yaml<T: SpecFile>(path: &Path, text: &str) -> Result<T, SpecError> {
    let spec: T = serde_saphyr::from_str(text).map_err(|source| SpecError::Yaml {
        path: path.to_owned(),
        source: Box::new(source),
    })?;
    if spec.schema_version() != SCHEMA_VERSION {
        return Err(SpecError::Version {
            path: path.to_owned(),
            found: spec.schema_version(),
        });
    }
    Ok(spec)
}

/// Loads every method spec under `<root>/methods`.
pub fn load_methods(root: &Path) -> Result<Vec<MethodSpec>, SpecError> {
    load_all(root)
}

/// Loads every event spec under `<root>/events`; none when the folder does not exist.
pub fn load_events(root: &Path) -> Result<Vec<EventSpec>, SpecError> {
    if !root.join(EVENTS_DIR).is_dir() {
        return Ok(Vec::new());
    }
    load_all(root)
}

/// Loads every named type under `<root>/types`; none when the folder does not exist.
pub fn load_types(root: &Path) -> Result<Vec<ReferenceType>, SpecError> {
    if !root.join(TYPES_DIR).is_dir() {
        return Ok(Vec::new());
    }
    load_all(root)
}

/// Loads every `*.yaml` under `<root>/<T::DIR>`, sorted by file name so that everything
/// built from the result is deterministic.
fn load_all<T: SpecFile + Send>(root: &Path) -> Result<Vec<T>, SpecError> {
    let dir = root.join(T::DIR);
    let entries = fs::read_dir(&dir).map_err(|source| SpecError::Read {
        path: dir.clone(),
        source,
    })?;
    let mut paths = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|source| SpecError::Read {
            path: dir.clone(),
            source,
        })?;
        let path = entry.path();
        if path.extension().is_some_and(|ext| ext == "yaml") {
            paths.push(path);
        }
    }
    paths.sort();
    // Parsing the YAML is most of loading (15 MB of specs): on every core. The result keeps
    // the sorted order.
    paths
        .par_iter()
        .map(|path| {
            let text = fs::read_to_string(path).map_err(|source| SpecError::Read {
                path: path.clone(),
                source,
            })?;
            from_yaml(path, &text)
        })
        .collect()
}
