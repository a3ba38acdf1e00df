//! A method's example in Rust, where one is simple: every required parameter is a scalar, a
//! list of scalars, an open enum or a struct built with `new()` (an entity's `…Fields`).
//! The same text goes into the method's rustdoc and, with its hidden lines shown, into the
//! module's `#[cfg(test)] mod examples`, so `cargo test` compiles every example shown.

use std::collections::{BTreeMap, BTreeSet};

use b24_spec::MethodSpec;
use proc_macro2::TokenStream;
use quote::quote;

use crate::naming::{ident, snake_name};
use crate::types::{Codec, Ty};

use super::engine::TypeEngine;
use crate::model::StructDef;

/// The crate name examples are written with (the test build names itself so too).
const CRATE: &str = "b24_api";

/// One example: the rustdoc section and the test module that compiles it.
pub struct Example {
    /// `# Example` and a fenced Rust block, hidden lines marked with `# `.
    pub doc: String,
    /// `mod {method}_example { … }` with the same code.
    pub test: TokenStream,
}

/// The example of `spec`, whose request type `type_text` lives in the module `module`
/// (`["crm", "item"]`) and has the fields `body`; `None` when an argument of `new` has no
/// simple value, or the method is deprecated (its docs name the replacement instead).
pub fn example(
    spec: &MethodSpec,
    module: &[String],
    type_text: &str,
    body: &StructDef,
    engine: &TypeEngine<'_>,
) -> Option<Example> {
    if spec.deprecated.is_some() {
        return None;
    }
    let module = module.join("::");
    let mut imports = Imports::default();
    imports.add(&module, type_text);
    let mut arguments = Vec::new();
    for field in body.fields.iter().filter(|field| field.required) {
        arguments.push(argument(&field.ty, engine, &module, &mut imports)?);
    }
    let code = format!(
        "{imports}\n\
         # async fn example(client: &{CRATE}::Client) -> Result<(), {CRATE}::Error> {{\n\
         let result = client.send(&{type_text}::new({args})).await?;\n\
         println!(\"{{result:?}}\");\n\
         # Ok(())\n\
         # }}",
        imports = imports.lines(),
        args = arguments.join(", "),
    );
    let compiled: TokenStream = shown(&code).parse().ok()?;
    let name = ident(&format!("{}_example", snake_name(&spec.method)?));
    Some(Example {
        doc: format!("# Example\n\n```rust\n{code}\n```\n"),
        test: quote! {
            mod #name {
                #compiled
            }
        },
    })
}

/// The code as compiled: hidden lines (`# …`) shown.
fn shown(code: &str) -> String {
    code.lines()
        .map(|line| match line.strip_prefix('#') {
            Some(rest) if rest.is_empty() || rest.starts_with(' ') => rest.trim_start(),
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A value of `ty` for an example, or `None` when there is no short one.
fn argument(
    ty: &Ty,
    engine: &TypeEngine<'_>,
    module: &str,
    imports: &mut Imports,
) -> Option<String> {
    match ty {
        Ty::Scalar(Codec::Int) => Some("1".to_owned()),
        Ty::Scalar(Codec::Float) => Some("1.0".to_owned()),
        Ty::Scalar(Codec::Yn | Codec::Boolean) => Some("true".to_owned()),
        Ty::Scalar(Codec::Text) => Some("\"text\".into()".to_owned()),
        Ty::List(inner) => Some(format!(
            "vec![{}]",
            argument(inner, engine, module, imports)?
        )),
        Ty::Named { path, .. } => {
            let built = engine.constructor(ty)?;
            let (home, name) = match path.rsplit_once("::") {
                // `crate::values::Gender`: a type of another module, by its crate path.
                Some((home, name)) => (home.strip_prefix("crate::")?.to_owned(), name),
                None => (module.to_owned(), path.as_str()),
            };
            if !imports.add(&home, name) {
                return None;
            }
            Some(format!("{name}{built}"))
        }
        Ty::Scalar(Codec::Secret | Codec::Date | Codec::DateTime | Codec::File(_))
        | Ty::Json
        | Ty::Boxed(_)
        | Ty::Map(_) => None,
    }
}

/// The `use` lines of an example, by module; a name imported from two modules makes the
/// example ambiguous.
#[derive(Default)]
struct Imports {
    by_module: BTreeMap<String, BTreeSet<String>>,
}

impl Imports {
    /// Adds `module::name`; `false` when another module already gave `name`.
    fn add(&mut self, module: &str, name: &str) -> bool {
        let taken_elsewhere = self
            .by_module
            .iter()
            .any(|(other, names)| other != module && names.contains(name));
        if taken_elsewhere {
            return false;
        }
        self.by_module
            .entry(module.to_owned())
            .or_default()
            .insert(name.to_owned());
        true
    }

    fn lines(&self) -> String {
        self.by_module
            .iter()
            .map(|(module, names)| {
                let names: Vec<&str> = names.iter().map(String::as_str).collect();
                if names.len() == 1 {
                    format!("use {CRATE}::{module}::{};\n", names[0])
                } else {
                    format!("use {CRATE}::{module}::{{{}}};\n", names.join(", "))
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_lines_are_shown_in_the_compiled_code() {
        assert_eq!(
            shown("use a::B;\n\n# fn f() {\nlet x = 1;\n#\n# }\n#[derive(Debug)]"),
            "use a::B;\n\nfn f() {\nlet x = 1;\n\n}\n#[derive(Debug)]"
        );
    }

    #[test]
    fn imports_group_by_module_and_refuse_a_clash() {
        let mut imports = Imports::default();
        assert!(imports.add("crm::item", "CrmItemAdd"));
        assert!(imports.add("crm::item", "ItemFields"));
        assert!(imports.add("values", "Gender"));
        assert!(!imports.add("im", "Gender"));
        assert_eq!(
            imports.lines(),
            "use b24_api::crm::item::{CrmItemAdd, ItemFields};\nuse b24_api::values::Gender;\n"
        );
    }
}
