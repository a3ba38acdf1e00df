//! `ENTITIES.md` in the generated crate: every entity type's name and path, so the names
//! are documented in one place and a rename shows in the diff of a regeneration.

use std::path::PathBuf;

use crate::GeneratedFile;
use crate::render::header;
use crate::types::NamedTypes;

pub fn file(named: &NamedTypes) -> GeneratedFile {
    // The header's two lines, inside one HTML comment.
    let mut contents = format!("<!--{}-->\n", header(""));
    contents.push_str(
        "\n# Entity types\n\n\
         One Rust type per entity the documentation describes on a field page. Every method \
         whose result (or list item, or map value) is that entity returns this type; its \
         `fields` parameter takes `{Type}Fields` (the fields a caller may send). User fields \
         (`UF_*`, `ufCrm*`) are kept in `user_fields` and read with `user_field(\"UF_CRM_1\")`; \
         keys the documentation does not list stay in `extra`. A scope that uses another \
         scope's entity holds its own copy of the type, so each feature builds alone.\n\n\
         | Entity | Rust type | User fields | Documentation |\n|---|---|---|---|\n",
    );
    for entity in named.entities() {
        let path = entity.path().replacen("crate::", "b24_api::", 1);
        let user_fields = crate::docs::code_list(&entity.user_fields);
        contents.push_str(&format!(
            "| `{}` | `{path}` | {user_fields} | [{}]({}) |\n",
            entity.name,
            entity.source,
            crate::docs::page_url(&entity.source)
        ));
    }
    GeneratedFile {
        path: PathBuf::from("ENTITIES.md"),
        contents,
    }
}
