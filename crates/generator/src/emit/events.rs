//! Event payloads: one record struct per event (what the portal posts to a handler), in
//! `crate::events::<section>` by the docs section the event is documented in.

use b24_spec::EventSpec;
use proc_macro2::TokenStream;
use quote::quote;

use crate::docs;
use crate::model::EventDef;
use crate::naming::{ident, snake_name, type_name};

use super::engine::{Role, TypeEngine};
use super::structs;

/// The module the payloads live in.
pub const MODULE: &str = "events";

/// The section of `crate::events` an event goes to, from the docs folders under
/// `api-reference/`: `crm/deals/events/…` is `crm_deals`, `sale/events/…` is `sale`; pages
/// outside `api-reference/` go to `other`.
pub fn section(event: &EventSpec) -> String {
    let Some(rest) = event.source.strip_prefix("api-reference/") else {
        return "other".to_owned();
    };
    let folders: Vec<&str> = rest.split('/').collect();
    let folders = &folders[..folders.len().saturating_sub(1)];
    let words: Vec<&str> = folders
        .iter()
        .take(2)
        .copied()
        .filter(|folder| *folder != "events")
        .collect();
    snake_name(&words.join("_")).unwrap_or_else(|| "other".to_owned())
}

/// The payload struct name of an event.
pub fn type_text(event: &EventSpec) -> String {
    type_name(&event.event).unwrap_or_else(|| "Event".to_owned())
}

/// Emits the payload struct of `event` into `engine`.
pub fn payload(event: &EventSpec, engine: &mut TypeEngine<'_>) {
    let type_text = type_text(event);
    let payload = associative(&event.payload);
    engine.owner = format!("event `{}`", event.event);
    let body = structs::body(engine, &payload, &type_text, Role::Record, &event.source);
    let title = if event.title.is_empty() {
        &event.event
    } else {
        &event.title
    };
    let doc = docs::summary(&docs::Summary {
        heading: format!(
            "{} (event `{}`): the payload a handler receives.",
            docs::markdown(title, &event.source),
            event.event
        ),
        name: ("Event", &event.event),
        description: &event.description,
        scope: (!event.scope.is_empty()).then(|| docs::code_list(&event.scope)),
        who: event
            .who_can_subscribe
            .as_deref()
            .map(|who| ("Who can subscribe", who)),
        source: &event.source,
    });
    engine.model().define_event(EventDef {
        name: type_text,
        event: event.event.clone(),
        doc,
        deprecated: event.deprecated.is_some(),
        body,
    });
}

/// The payload struct and its `EVENT` constant, one entry.
pub fn render(def: &EventDef) -> TokenStream {
    let name = ident(&def.name);
    let deprecated = super::methods::deprecated_attr(
        def.deprecated
            .then_some("the documentation marks this event as outdated"),
    );
    let allow_deprecated = def.deprecated.then(|| quote!(#[allow(deprecated)]));
    let record = structs::define(&name, &def.doc, &def.body, deprecated);
    let event_name = &def.event;
    let event_doc = docs::attrs(&format!(
        "The event name, `{event_name}`, as `event.bind` takes it."
    ));
    quote! {
        #record

        #allow_deprecated
        impl #name {
            #event_doc
            pub const EVENT: &'static str = #event_name;
        }
    }
}

/// The payload with `auth` read as an object wherever a page writes it as `array`: it is
/// the same block in every event (`_includes/auth-params-in-events.md`), a PHP associative
/// array that arrives as a JSON object (`onOfflineEvent`'s table says `array`, its example
/// shows the object). Other `array`s stay lists: the open-line events' `data.DATA` is one.
fn associative(params: &[b24_spec::Param]) -> Vec<b24_spec::Param> {
    params
        .iter()
        .map(|param| {
            let mut param = param.clone();
            if param.name == "auth"
                && !param.fields.is_empty()
                && matches!(&param.ty.normalized, b24_spec::TypeExpr::Array(inner) if **inner == b24_spec::TypeExpr::Any)
            {
                param.ty.normalized = b24_spec::TypeExpr::Object;
            }
            param
        })
        .collect()
}

/// The events grouped by section, in a stable order.
pub struct EventTree<'a> {
    sections: std::collections::BTreeMap<String, Vec<&'a EventSpec>>,
}

pub fn tree(events: &[EventSpec]) -> EventTree<'_> {
    let mut sections: std::collections::BTreeMap<String, Vec<&EventSpec>> = Default::default();
    for event in events {
        sections.entry(section(event)).or_default().push(event);
    }
    for section in sections.values_mut() {
        section.sort_by(|a, b| (&a.event, &a.source).cmp(&(&b.event, &b.source)));
    }
    EventTree { sections }
}

impl<'a> EventTree<'a> {
    pub fn specs(&self) -> Vec<&'a EventSpec> {
        self.sections.values().flatten().copied().collect()
    }

    /// `events::crm` for an event documented under `api-reference/crm/`.
    pub fn module_of(&self, event: &EventSpec) -> String {
        format!("{MODULE}::{}", section(event))
    }

    /// `src/events/mod.rs` and one file per section, printed.
    pub fn files(
        &self,
        shared: &super::SharedEnums<'_>,
        common: &crate::common_texts::CommonTexts,
        named: &crate::types::NamedTypes,
    ) -> Result<Vec<crate::GeneratedFile>, crate::GenerateError> {
        let children = self.sections.keys().map(|section| {
            let name = ident(section);
            quote!(pub mod #name;)
        });
        let doc = docs::inner_attrs(
            "Payloads of the events a handler can subscribe to (`event.bind`), one struct per \
             event, in modules named after the documentation section. Every field is optional \
             and keys the documentation does not list are kept in `extra`; tokens are \
             `b24_protocol::Secret`. [`Event`] decodes an incoming POST into them.",
        );
        // A crate generated without events (a test's single method) has no dispatch enum.
        let specs = self.specs();
        let dispatch = (!specs.is_empty()).then(|| super::event_enum::tokens(&specs));
        let mut files = vec![crate::render::rust_file(
            std::path::PathBuf::from(format!("src/{MODULE}/mod.rs")),
            quote!(#doc #(#children)* #dispatch),
        )?];
        for (section, events) in &self.sections {
            let reserved: Vec<String> = events.iter().map(|event| type_text(event)).collect();
            let mut engine =
                TypeEngine::new(shared, common, named, &[MODULE.to_owned()], &reserved);
            engine.mask_extra = true;
            for event in events {
                payload(event, &mut engine);
            }
            let doc = docs::inner_attrs(&format!("Payloads of `{section}` events."));
            let (items, tests) = engine.finish();
            files.extend(super::split::files(
                std::path::PathBuf::from(format!("src/{MODULE}/{section}.rs")),
                doc,
                items,
                super::tests_module(tests),
            )?);
        }
        Ok(files)
    }
}
