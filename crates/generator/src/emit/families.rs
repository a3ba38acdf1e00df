//! Families of keys a record documents by pattern (`PARENT_ID_…` with the pattern
//! `PARENT_ID_*`, `parentId…` "код `parentId + {parentEntityTypeId}`"): one key per
//! related object, named by the portal. They are typed like a field, in a map keyed by the
//! wire name (`parent_ids: BTreeMap<String, i64>`), instead of landing in `extra`.
//! User fields (`UF_*`, `ufCrm*`) are not a family here: their values have no documented
//! type, and entities keep them in `user_fields`.

use b24_spec::Param;
use proc_macro2::TokenStream;
use quote::quote;

use crate::model::FamilyDef;
use crate::naming::ident;

/// The glob of a row that documents a family of keys with a typed value: a pattern with
/// one `*` and a prefix of its own, not a user-field family.
pub fn glob(param: &Param) -> Option<&str> {
    let pattern = param.pattern.as_deref()?;
    let prefix = pattern.split('*').next().unwrap_or_default();
    let user_fields = ["UF_", "uf_", "ufCrm"]
        .iter()
        .any(|p| pattern.starts_with(p));
    let plain = pattern
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'*');
    (pattern.matches('*').count() == 1 && prefix.len() >= 2 && plain && !user_fields)
        .then_some(pattern)
}

/// The field's name: the pattern's words, plural (`PARENT_ID_*` → `parent_ids`,
/// `property*` → `properties`).
pub fn field_name(glob: &str) -> Option<String> {
    let stem = crate::naming::snake_name(&glob.replace('*', " "))?;
    Some(if let Some(base) = stem.strip_suffix('y') {
        format!("{base}ies")
    } else if stem.ends_with('s') || stem.ends_with('x') {
        format!("{stem}es")
    } else {
        format!("{stem}s")
    })
}

/// The field definitions of `families` in a record struct.
pub fn defs(families: &[FamilyDef]) -> impl Iterator<Item = TokenStream> + '_ {
    families.iter().map(|family| {
        let doc = crate::docs::attrs(&family.doc);
        let ident = ident(&family.rust_name);
        let ty = family.ty.rust();
        quote!(#doc pub #ident: std::collections::BTreeMap<String, #ty>,)
    })
}

/// The reads of `families`, after the struct's named fields (a family must not take a key
/// a field names: `parentId*` would take `parentIdFoo` if it were documented).
pub fn reads(families: &[FamilyDef]) -> impl Iterator<Item = TokenStream> + '_ {
    families.iter().map(|family| {
        let (ident, glob, codec) = (ident(&family.rust_name), &family.glob, family.ty.codec());
        quote!(#ident: reader.family::<#codec, _>(#glob),)
    })
}

pub fn writes(families: &[FamilyDef]) -> impl Iterator<Item = TokenStream> + '_ {
    families.iter().map(|family| {
        let (ident, codec) = (ident(&family.rust_name), family.ty.codec());
        quote!(writer.family::<#codec, _>(&self.#ident);)
    })
}

/// The doc of a family's field: the keys it holds, then the row's description.
pub fn doc(glob: &str, description: &str) -> String {
    let mut doc = format!("Keys `{glob}`, by wire name (`*` is any text).");
    if !description.is_empty() {
        doc.push_str("\n\n");
        doc.push_str(description);
    }
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(name: &str, pattern: &str) -> Param {
        Param {
            name: name.to_owned(),
            pattern: Some(pattern.to_owned()),
            ..Param::default()
        }
    }

    #[test]
    fn documented_families_are_typed_but_user_fields_are_not() {
        assert_eq!(
            glob(&row("PARENT_ID_...", "PARENT_ID_*")),
            Some("PARENT_ID_*")
        );
        assert_eq!(glob(&row("parentId...", "parentId*")), Some("parentId*"));
        assert_eq!(glob(&row("UF_CRM_...", "UF_CRM_*")), None);
        assert_eq!(glob(&row("ufCrm...", "ufCrm*")), None);
        assert_eq!(glob(&row("<КОД>", "*")), None);
        assert_eq!(glob(&row("A_*_B_*", "A_*_B_*")), None);
    }

    #[test]
    fn field_names_are_the_plural_of_the_pattern() {
        assert_eq!(field_name("PARENT_ID_*").as_deref(), Some("parent_ids"));
        assert_eq!(field_name("parentId*").as_deref(), Some("parent_ids"));
        assert_eq!(field_name("property*").as_deref(), Some("properties"));
    }
}
