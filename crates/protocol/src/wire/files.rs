//! The codecs of generated file parameters: one [`FileData`] written in the form the
//! method's page asks for (`api-reference/files/how-to-upload-files.md` lists three).
//!
//! Reading accepts any of the three forms, so a request read back (tests, logs) decodes
//! whichever way it was written.

use serde::de::Deserializer;
use serde::ser::Serializer;
use serde::{Deserialize, Serialize};

use super::adapters::Codec;
use crate::FileData;

/// `["name", "base64"]`: `bizproc.workflow.template.add`, `entity.item.add`,
/// `crm.item.add` file fields, `documentgenerator.template.add`.
#[derive(Debug)]
pub struct FilePair;
/// `{"fileData": ["name", "base64"]}`: the file fields of `crm.lead.*`, `crm.deal.*`,
/// `crm.contact.*`, `crm.company.*` and the pictures of `catalog.product.*`.
#[derive(Debug)]
pub struct FileObject;
/// The Base64 string alone, no name: bot and chat avatars, `sonet_group.create`'s `IMAGE`.
#[derive(Debug)]
pub struct FileBase64;

/// Any of the three forms as it comes in.
#[derive(Deserialize)]
#[serde(untagged)]
enum Incoming {
    Base64(String),
    File(FileData),
}

fn decode_any<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<FileData>, D::Error> {
    Ok(match Option::<Incoming>::deserialize(deserializer)? {
        None => None,
        Some(Incoming::Base64(text)) if text.is_empty() => None,
        Some(Incoming::Base64(text)) => Some(FileData::from_base64(String::new(), text)),
        Some(Incoming::File(file)) => Some(file),
    })
}

impl Codec<FileData> for FilePair {
    fn encode<S: Serializer>(value: &FileData, serializer: S) -> Result<S::Ok, S::Error> {
        value.serialize(serializer)
    }

    fn decode<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<FileData>, D::Error> {
        decode_any(deserializer)
    }
}

impl Codec<FileData> for FileObject {
    fn encode<S: Serializer>(value: &FileData, serializer: S) -> Result<S::Ok, S::Error> {
        value.as_object().serialize(serializer)
    }

    fn decode<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<FileData>, D::Error> {
        decode_any(deserializer)
    }
}

impl Codec<FileData> for FileBase64 {
    fn encode<S: Serializer>(value: &FileData, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(value.base64())
    }

    fn decode<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<FileData>, D::Error> {
        decode_any(deserializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::adapters::Encoded;
    use serde_json::json;
    use std::marker::PhantomData;

    fn written<C: Codec<FileData>>(file: &FileData) -> serde_json::Value {
        serde_json::to_value(Encoded::<FileData, C>(file, PhantomData)).expect("serializes")
    }

    #[test]
    fn each_codec_writes_its_documented_form() {
        let file = FileData::from_bytes("a.txt", b"hello");
        assert_eq!(written::<FilePair>(&file), json!(["a.txt", "aGVsbG8="]));
        assert_eq!(
            written::<FileObject>(&file),
            json!({"fileData": ["a.txt", "aGVsbG8="]})
        );
        assert_eq!(written::<FileBase64>(&file), json!("aGVsbG8="));
    }

    #[test]
    fn reads_every_form_and_absent() {
        for value in [
            json!(["a.txt", "aGVsbG8="]),
            json!({"fileData": ["a.txt", "aGVsbG8="]}),
            json!("aGVsbG8="),
        ] {
            let file = FilePair::decode(&value).expect("reads").expect("present");
            assert_eq!(file.decode().as_deref(), Some(&b"hello"[..]), "{value}");
        }
        assert!(FileBase64::decode(&json!(null)).expect("reads").is_none());
        assert!(FileObject::decode(&json!("")).expect("reads").is_none());
        assert!(FilePair::decode(&json!(42)).is_err());
    }
}
