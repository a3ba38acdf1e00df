//! Reading and writing spec files.

use std::fs;
use std::path::{Path, PathBuf};

use crate::{ApiVersion, MethodSpec, SCHEMA_VERSION};

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
        source: yaml_serde::Error,
    },
    #[error("{path}: schema_version {found} is not supported (this build reads {SCHEMA_VERSION})")]
    Version { path: PathBuf, found: u32 },
    #[error("cannot serialize the spec of {method}")]
    Serialize {
        method: String,
        #[source]
        source: yaml_serde::Error,
    },
}

/// The folder under the specs root that holds method files.
pub const METHODS_DIR: &str = "methods";

/// File name of a method's spec: the method name, plus `@v3` for REST 3.0 twins.
pub fn file_name(spec: &MethodSpec) -> String {
    match spec.api_version {
        ApiVersion::Classic => format!("{}.yaml", spec.method),
        ApiVersion::RestV3 => format!("{}@v3.yaml", spec.method),
    }
}

/// The YAML text of a spec, as committed under `specs/`.
pub fn to_yaml(spec: &MethodSpec) -> Result<String, SpecError> {
    yaml_serde::to_string(spec).map_err(|source| SpecError::Serialize {
        method: spec.method.clone(),
        source,
    })
}

/// Parses one spec file's text; `path` is only used in errors.
pub fn from_yaml(path: &Path, text: &str) -> Result<MethodSpec, SpecError> {
    let spec: MethodSpec = yaml_serde::from_str(text).map_err(|source| SpecError::Yaml {
        path: path.to_owned(),
        source,
    })?;
    if spec.schema_version != SCHEMA_VERSION {
        return Err(SpecError::Version {
            path: path.to_owned(),
            found: spec.schema_version,
        });
    }
    Ok(spec)
}

/// Loads every `*.yaml` under `<root>/methods`, sorted by file name so that everything
/// built from the result is deterministic.
pub fn load_methods(root: &Path) -> Result<Vec<MethodSpec>, SpecError> {
    let dir = root.join(METHODS_DIR);
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
    paths
        .iter()
        .map(|path| {
            let text = fs::read_to_string(path).map_err(|source| SpecError::Read {
                path: path.clone(),
                source,
            })?;
            from_yaml(path, &text)
        })
        .collect()
}
