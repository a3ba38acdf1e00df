//! Rendering of a module's model: each item of [`crate::model::ModuleModel`] as tokens,
//! in the model's order.

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::{Alias, Item};
use crate::naming::ident;
use crate::types::Ty;

use super::{enums, events, lists, methods, structs, unions, v3};

/// The items' tokens, one entry per item.
pub fn render(items: Vec<Item>) -> Vec<TokenStream> {
    items.into_iter().flat_map(render_item).collect()
}

/// An item's entries: one, or a method's several.
fn render_item(item: Item) -> Vec<TokenStream> {
    let entry = match item {
        Item::Struct { name, doc, def } => {
            structs::define(&ident(&name), &doc, &def, TokenStream::new())
        }
        Item::Enum { name, def } => {
            enums::open_enum(&ident(&name), &def.doc, &def.values, &def.source)
        }
        Item::Union { name, def } => unions::render(&ident(&name), &def),
        Item::Alias(alias) => render_alias(&alias),
        Item::Method(def) => return methods::render(&def),
        Item::Event(def) => events::render(&def),
        Item::List(def) => lists::render_list(&def),
        Item::FieldNames { request, names } => v3::render_field_names(&request, &names),
        Item::FieldEnum(def) => lists::render_field_enum(&def),
    };
    vec![entry]
}

/// `pub type {name} = {target};`, its docs pointing at the target.
fn render_alias(alias: &Alias) -> TokenStream {
    let name = ident(&alias.name);
    let target_ty = alias.target.rust();
    let target_text = match &alias.target {
        Ty::Named { path, .. } => path.clone(),
        other => other.rust().to_string(),
    };
    let doc = crate::docs::attrs(&format!(
        "{}\n\nThe same type as [`{target_text}`].",
        alias.doc
    ));
    quote! {
        #doc
        pub type #name = #target_ty;
    }
}
