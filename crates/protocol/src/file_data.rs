//! A file to upload in a REST call, in the documented `fileData` form
//! (`api-reference/files/how-to-upload-files.md`): a pair of the file name and its content
//! in Base64, `["photo.png", "iVBORw0…"]`.

use std::fmt;
use std::path::Path;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::ser::Serializer;
use serde::{Deserialize, Serialize};

/// A file as `[name, base64]`. Serializes as that pair, the form most file fields take
/// (`crm.item.add`, `user.add`'s `PERSONAL_PHOTO`, `bizproc.workflow.template.add`); fields
/// documented as an object with a `fileData` key take [`FileData::as_object`].
///
/// Its `Debug` shows the name and size, not the content.
#[derive(Clone, PartialEq, Eq)]
pub struct FileData {
    name: String,
    base64: String,
}

/// A file that could not be read from disk.
#[derive(Debug, thiserror::Error)]
#[error("cannot read the file to upload `{path}`: {source}")]
pub struct FileReadError {
    pub path: String,
    #[source]
    pub source: std::io::Error,
}

impl FileData {
    /// A file named `name` with `content`, encoded as standard, padded Base64 (what the
    /// portal decodes; no `data:…;base64,` prefix).
    pub fn from_bytes(name: impl Into<String>, content: impl AsRef<[u8]>) -> Self {
        Self {
            name: name.into(),
            base64: STANDARD.encode(content),
        }
    }

    /// The file at `path`, named by its last component.
    pub fn from_path(path: impl AsRef<Path>) -> Result<Self, FileReadError> {
        let path = path.as_ref();
        let content = std::fs::read(path).map_err(|source| FileReadError {
            path: path.display().to_string(),
            source,
        })?;
        let name = path
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default();
        Ok(Self::from_bytes(name, content))
    }

    /// A pair already encoded (read back from a request, or Base64 the caller has).
    pub fn from_base64(name: impl Into<String>, base64: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            base64: base64.into(),
        }
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn base64(&self) -> &str {
        &self.base64
    }

    /// The content, decoded; `None` when the Base64 is not valid.
    pub fn decode(&self) -> Option<Vec<u8>> {
        STANDARD.decode(&self.base64).ok()
    }

    /// `{"fileData": [name, base64]}`, for fields documented in that form (`crm.lead.add`
    /// and the other CRM entities' file fields, `catalog.product.add` pictures).
    pub fn as_object(&self) -> serde_json::Value {
        serde_json::json!({ "fileData": [self.name, self.base64] })
    }
}

impl fmt::Debug for FileData {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FileData")
            .field("name", &self.name)
            .field("base64_len", &self.base64.len())
            .finish()
    }
}

impl Serialize for FileData {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq([&self.name, &self.base64])
    }
}

/// Reads `[name, base64]` and `{"fileData": [name, base64]}`.
impl<'de> Deserialize<'de> for FileData {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Pair;
        impl<'de> Visitor<'de> for Pair {
            type Value = FileData;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a file as [name, base64] or {\"fileData\": [name, base64]}")
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<FileData, A::Error> {
                let name: String = seq
                    .next_element()?
                    .ok_or_else(|| de::Error::invalid_length(0, &self))?;
                let base64: String = seq
                    .next_element()?
                    .ok_or_else(|| de::Error::invalid_length(1, &self))?;
                if seq.next_element::<de::IgnoredAny>()?.is_some() {
                    return Err(de::Error::invalid_length(3, &self));
                }
                Ok(FileData { name, base64 })
            }

            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<FileData, A::Error> {
                let mut found = None;
                while let Some(key) = map.next_key::<String>()? {
                    if key == "fileData" {
                        found = Some(map.next_value::<FileData>()?);
                    } else {
                        map.next_value::<de::IgnoredAny>()?;
                    }
                }
                found.ok_or_else(|| de::Error::missing_field("fileData"))
            }
        }
        deserializer.deserialize_any(Pair)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serializes_as_the_documented_pair() {
        let file = FileData::from_bytes("a.txt", b"hello");
        assert_eq!(
            serde_json::to_value(&file).expect("serializes"),
            serde_json::json!(["a.txt", "aGVsbG8="])
        );
        assert_eq!(
            file.as_object(),
            serde_json::json!({"fileData": ["a.txt", "aGVsbG8="]})
        );
        assert_eq!(file.decode().as_deref(), Some(&b"hello"[..]));
    }

    #[test]
    fn reads_both_documented_forms() {
        let pair: FileData =
            serde_json::from_value(serde_json::json!(["a.jpg", "AAEC"])).expect("pair");
        let object: FileData =
            serde_json::from_value(serde_json::json!({"fileData": ["a.jpg", "AAEC"]}))
                .expect("object");
        assert_eq!(pair, object);
        assert_eq!(pair.decode().as_deref(), Some(&[0u8, 1, 2][..]));
        assert!(serde_json::from_value::<FileData>(serde_json::json!(["a"])).is_err());
        assert!(serde_json::from_value::<FileData>(serde_json::json!("AAEC")).is_err());
    }

    #[test]
    fn from_path_names_the_file_and_debug_hides_the_content() {
        let dir = std::env::temp_dir().join(format!("b24-filedata-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join("report.csv");
        std::fs::write(&path, b"secret,content").expect("writes");
        let file = FileData::from_path(&path).expect("reads");
        assert_eq!(file.name(), "report.csv");
        assert_eq!(file.decode().as_deref(), Some(&b"secret,content"[..]));
        let shown = format!("{file:?}");
        assert!(!shown.contains(file.base64()), "{shown}");
        std::fs::remove_dir_all(&dir).ok();
        let missing = FileData::from_path(dir.join("absent")).expect_err("absent");
        assert!(missing.to_string().contains("absent"));
    }
}
