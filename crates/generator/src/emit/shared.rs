//! Value sets used in more than one module (`animate`/`inanimate`, entity types, sort
//! orders) become one open enum in `crate::values`; each use gets an alias in its own
//! module.

use std::collections::{BTreeMap, BTreeSet};

use b24_spec::{EnumValue, EventSpec, MethodSpec, Param};
use proc_macro2::TokenStream;
use quote::quote;

use crate::naming::{NameSet, ident, type_name};
use crate::types::{self, Values, walk_params};

use super::enums::{open_enum, round_trip_test};

/// The module the shared enums live in.
pub const MODULE: &str = "values";

/// Where a value set is used.
#[derive(Default)]
struct Uses<'a> {
    modules: BTreeSet<String>,
    /// Wire name → how often it carries this set; the commonest names the enum.
    wire_names: BTreeMap<&'a str, usize>,
    /// Method or event names, sorted.
    users: BTreeSet<&'a str>,
    /// The first use's values and page, for the variants' docs.
    first: Option<(&'a [EnumValue], &'a str)>,
}

/// One shared enum.
struct Shared<'a> {
    name: String,
    uses: Uses<'a>,
}

pub struct SharedEnums<'a> {
    enums: Vec<Shared<'a>>,
    by_values: BTreeMap<Vec<String>, usize>,
}

impl<'a> SharedEnums<'a> {
    /// `event_module` tells which module an event's payload lands in.
    pub fn collect(
        methods: &[&'a MethodSpec],
        events: &[&'a EventSpec],
        event_module: impl Fn(&EventSpec) -> String,
    ) -> Self {
        let mut uses: BTreeMap<Vec<String>, Uses<'a>> = BTreeMap::new();
        for spec in methods {
            let module = crate::layout::module_path(spec).join("::");
            let mut record = |param: &'a Param| {
                note(&mut uses, param, &module, &spec.method, &spec.source);
            };
            walk_params(&spec.params, &mut record);
            walk_params(&spec.response.fields, &mut record);
        }
        for event in events {
            let module = event_module(event);
            walk_params(&event.payload, &mut |param| {
                note(&mut uses, param, &module, &event.event, &event.source);
            });
        }
        let mut shared: Vec<(Vec<String>, Uses<'a>)> = uses
            .into_iter()
            .filter(|(_, uses)| uses.modules.len() >= 2)
            .collect();
        // The most used sets claim names first.
        shared.sort_by(|(a_values, a), (b_values, b)| {
            b.users
                .len()
                .cmp(&a.users.len())
                .then_with(|| a_values.cmp(b_values))
        });
        let mut names = NameSet::default();
        let mut enums = Vec::new();
        let mut by_values = BTreeMap::new();
        for (values, uses) in shared {
            let wire = uses
                .wire_names
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                .map(|(wire, _)| *wire)
                .unwrap_or("Value");
            let base = type_name(wire).unwrap_or_else(|| "Value".to_owned());
            let first_value = values
                .first()
                .and_then(|v| type_name(v))
                .unwrap_or_default();
            let preferred = if names.is_taken(&base) {
                format!("{base}{first_value}")
            } else {
                base
            };
            let name = names.claim(preferred);
            by_values.insert(values, enums.len());
            enums.push(Shared { name, uses });
        }
        Self { enums, by_values }
    }

    /// `crate::values::Name` for a value set that is shared.
    pub fn path_of(&self, values: &[&str]) -> Option<String> {
        let key: Vec<String> = values.iter().map(|v| (*v).to_owned()).collect();
        let index = self.by_values.get(&key)?;
        Some(format!("crate::{MODULE}::{}", self.enums[*index].name))
    }

    /// The `values` module's items.
    pub fn module(&self) -> TokenStream {
        let mut items = TokenStream::new();
        let mut tests = TokenStream::new();
        for shared in &self.enums {
            let Some((values, source)) = shared.uses.first else {
                continue;
            };
            let users: Vec<&str> = shared.uses.users.iter().copied().collect();
            let listed = crate::docs::code_list(users.iter().take(8));
            let more = users.len().saturating_sub(8);
            let more = if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            };
            let doc = format!(
                "Values shared by {} places ({listed}{more}). Descriptions are those of the \
                 first, `{}`.",
                users.len(),
                users.first().copied().unwrap_or_default()
            );
            let name = ident(&shared.name);
            items.extend(open_enum(&name, &doc, values, source));
            tests.extend(round_trip_test(&name));
        }
        let doc = crate::docs::inner_attrs(
            "Open enums whose value sets several modules use; each use has an alias named \
             after its parameter in its own module.",
        );
        quote! {
            #doc
            #items
            #[cfg(test)]
            mod tests {
                use super::*;
                #tests
            }
        }
    }
}

fn note<'a>(
    uses: &mut BTreeMap<Vec<String>, Uses<'a>>,
    param: &'a Param,
    module: &str,
    user: &'a str,
    source: &'a str,
) {
    if !super::structs::is_concrete(&param.name) {
        return;
    }
    let Values::Enum { values, .. } = types::values(param) else {
        return;
    };
    let entry = uses
        .entry(values.iter().map(|v| (*v).to_owned()).collect())
        .or_default();
    entry.modules.insert(module.to_owned());
    *entry.wire_names.entry(&param.name).or_default() += 1;
    entry.users.insert(user);
    entry.first.get_or_insert((&param.enum_values, source));
}
