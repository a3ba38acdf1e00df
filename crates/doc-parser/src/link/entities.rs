//! Entities: objects that several methods share (`crm.lead`, `tasks.task`, `user`), built
//! from every place the docs describe their fields, in the order of how much each place is
//! about the object itself: a field page section the methods link to, the `x.fields`
//! method's table, a `get`/`list` result table, and an `add`/`update` `fields` parameter.
//! A later source only adds the fields the earlier ones lack.

use b24_spec::{Param, ReferenceKind, ReferenceType, TypeExpr};

/// An entity being built.
#[derive(Debug, Clone)]
pub struct Entity {
    pub name: String,
    pub module: String,
    pub rust_name: String,
    pub source: String,
    pub description: String,
    pub fields: Vec<Param>,
}

impl Entity {
    pub fn new(name: &str, module: &str, rust_name: &str, source: &str) -> Self {
        Self {
            name: name.to_owned(),
            module: module.to_owned(),
            rust_name: rust_name.to_owned(),
            source: source.to_owned(),
            description: String::new(),
            fields: Vec::new(),
        }
    }

    /// Adds the fields this entity does not have yet (names compare exactly: `ID` and `id`
    /// are different keys on the wire).
    /// A field a source only showed in its example (no type written, an open object) takes
    /// the type a later table writes for it.
    pub fn merge(&mut self, fields: &[Param]) {
        for field in fields {
            match self.fields.iter_mut().find(|f| f.name == field.name) {
                None => self.fields.push(field.clone()),
                Some(known) => {
                    let guessed = known.ty.written.is_none()
                        && matches!(known.ty.normalized, TypeExpr::Object | TypeExpr::Any)
                        && known.fields.is_empty();
                    // A table without a type column (`biconnector/dataset/index.md`) says
                    // nothing of the type: what an example shows is better than `any`.
                    let shown_over_unknown = known.ty.normalized == TypeExpr::Any
                        && field.ty.normalized != TypeExpr::Any;
                    // One page says "Множественное" where another leaves it out (`PHONE`
                    // of `crm-lead-fields.md` and `crm-lead-add.md`): it is a list.
                    let same_word = field.ty.normalized == known.ty.normalized;
                    if matches!(known.ty.normalized, TypeExpr::Ref(_))
                        && same_word
                        && super::shapes::is_multiple(&field.description)
                    {
                        let one = std::mem::replace(&mut known.ty.normalized, TypeExpr::Any);
                        known.ty.normalized = TypeExpr::Array(Box::new(one));
                    }
                    if guessed && (field.ty.written.is_some() || shown_over_unknown) {
                        known.ty = field.ty.clone();
                        known.fields = field.fields.clone();
                        if known.description.is_empty() {
                            known.description = field.description.clone();
                        }
                    }
                }
            }
        }
    }

    /// The named type, with the custom-field glob taken out of the fields.
    pub fn into_type(mut self) -> ReferenceType {
        let user_fields = take_user_fields(&mut self.fields);
        ReferenceType {
            description: self.description,
            module: Some(self.module),
            rust_name: Some(self.rust_name),
            user_fields,
            fields: self.fields,
            ..ReferenceType::new(&self.name, ReferenceKind::Entity, &self.source)
        }
    }
}

/// The glob of the entity's custom fields (`UF_*`, `ufCrm*`): from a documented family of
/// keys (`UF_...`, `UF_CRM_...`, `ufCrm...`), which is taken out of the fields since the
/// glob stands for it; else from documented custom fields' names.
pub fn take_user_fields(fields: &mut Vec<Param>) -> Option<String> {
    let is_custom = |name: &str| name.starts_with("UF_") || name.starts_with("ufCrm");
    // `UF_\*` loses its star to the required mark: a bare prefix is the family too.
    let is_family = |f: &Param| {
        f.pattern.as_deref().is_some_and(is_custom) || matches!(f.name.as_str(), "UF_" | "ufCrm")
    };
    if let Some(at) = fields.iter().position(is_family) {
        let family = fields.remove(at);
        fields.retain(|f| !is_family(f));
        return Some(general_glob(
            family.pattern.as_deref().unwrap_or(&family.name),
        ));
    }
    // Documented `UF_` fields (`UF_DEPARTMENT`) say custom ones come the same way; a
    // documented `ufCrmTask` is a system field, not a sign of `ufCrm*` custom ones.
    fields
        .iter()
        .any(|f| f.name.starts_with("UF_"))
        .then(|| "UF_*".to_owned())
}

/// `UF_CRM_*` and `UF_CRM_25534736` are both custom fields `UF_*`; `ufCrm5_…` is `ufCrm*`.
fn general_glob(name: &str) -> String {
    if name.starts_with("ufCrm") {
        "ufCrm*".to_owned()
    } else {
        "UF_*".to_owned()
    }
}

/// `crm.lead` → `Lead`, `tasks.task` → `Task`, `checklist-item` → `ChecklistItem`.
pub fn rust_name(word: &str) -> String {
    let mut out = String::new();
    for part in word
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|p| !p.is_empty())
    {
        let mut chars = part.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(chars);
        }
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) || out.is_empty() {
        out.insert(0, 'T');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(name: &str, pattern: Option<&str>) -> Param {
        Param {
            name: name.to_owned(),
            pattern: pattern.map(str::to_owned),
            ..Param::default()
        }
    }

    #[test]
    fn user_fields_from_a_family_or_from_names() {
        let mut fields = vec![field("ID", None), field("UF_CRM_...", Some("UF_CRM_*"))];
        assert_eq!(take_user_fields(&mut fields).as_deref(), Some("UF_*"));
        assert_eq!(fields.len(), 1);
        let mut fields = vec![field("id", None), field("ufCrm...", Some("ufCrm*"))];
        assert_eq!(take_user_fields(&mut fields).as_deref(), Some("ufCrm*"));
        assert_eq!(fields.len(), 1);
        let mut fields = vec![
            field("id", None),
            field("ufCrmTask", None),
            field("UF_", None),
        ];
        assert_eq!(take_user_fields(&mut fields).as_deref(), Some("UF_*"));
        assert_eq!(fields.len(), 2);
        let mut fields = vec![field("id", None), field("UF_DEPARTMENT", None)];
        assert_eq!(take_user_fields(&mut fields).as_deref(), Some("UF_*"));
        assert_eq!(fields.len(), 2);
        let mut fields = vec![field("id", None)];
        assert_eq!(take_user_fields(&mut fields), None);
    }

    #[test]
    fn names() {
        assert_eq!(rust_name("lead"), "Lead");
        assert_eq!(rust_name("checklist-item"), "ChecklistItem");
        assert_eq!(rust_name("productrow"), "Productrow");
    }

    #[test]
    fn merge_adds_only_missing_fields() {
        let mut entity = Entity::new("crm.lead", "crm.lead", "Lead", "a.md");
        entity.merge(&[field("ID", None)]);
        entity.merge(&[field("ID", None), field("TITLE", None)]);
        let names: Vec<&str> = entity.fields.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["ID", "TITLE"]);
    }

    #[test]
    fn a_written_type_replaces_one_read_from_an_example() {
        let mut entity = Entity::new("crm.lead.userfield", "crm.lead", "Userfield", "a.md");
        let mut guessed = field("EDIT_FORM_LABEL", None);
        guessed.ty.normalized = TypeExpr::Object;
        entity.merge(&[guessed]);
        let mut written = field("EDIT_FORM_LABEL", None);
        written.ty.written = Some("string".to_owned());
        written.ty.normalized = TypeExpr::String;
        entity.merge(&[written.clone()]);
        assert_eq!(entity.fields[0].ty.normalized, TypeExpr::String);
        // A written type is kept against a later one.
        written.ty.normalized = TypeExpr::Integer;
        entity.merge(&[written]);
        assert_eq!(entity.fields[0].ty.normalized, TypeExpr::String);
    }
}
