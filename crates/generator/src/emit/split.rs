//! Keeps generated files readable: a module whose items would print to more than
//! [`MAX_LINES`] lines keeps its docs, children and tests, and moves the items into private
//! `partN` files it re-exports, so every path stays the same.

use std::path::{Path, PathBuf};

use proc_macro2::TokenStream;
use quote::quote;

use crate::naming::ident;
use crate::render;
use crate::{GenerateError, GeneratedFile};

/// The most lines one file's items may print to.
pub const MAX_LINES: usize = 2_500;

/// The module file at `path`: `head` (docs, child modules) and `items`, or the head plus
/// `partN` files when the items are too long. `tests` stay in the module file. Each item is
/// parsed and printed once: its text counts its lines and goes into the file as it is.
pub fn files(
    path: PathBuf,
    head: TokenStream,
    items: Vec<TokenStream>,
    tests: TokenStream,
) -> Result<Vec<GeneratedFile>, GenerateError> {
    let printed = items
        .into_iter()
        .map(|tokens| Printed::new(&path, tokens))
        .collect::<Result<Vec<_>, _>>()?;
    if printed.iter().map(|item| item.lines).sum::<usize>() <= MAX_LINES {
        let texts: Vec<&str> = printed.iter().map(|item| item.text.as_str()).collect();
        return Ok(vec![render::assemble(path, head, &texts, tests)?]);
    }
    // Each part, and whether it defines a name the module must re-export.
    let mut parts: Vec<(Vec<&str>, bool)> = vec![(Vec::new(), false)];
    let mut filled = 0;
    for item in &printed {
        if filled + item.lines > MAX_LINES && parts.last().is_some_and(|p| !p.0.is_empty()) {
            parts.push((Vec::new(), false));
            filled = 0;
        }
        filled += item.lines;
        if let Some((part, names)) = parts.last_mut() {
            part.push(&item.text);
            *names |= item.names;
        }
    }
    let dir = parts_dir(&path);
    let mut files = Vec::new();
    let mut declarations = TokenStream::new();
    for (index, (part, names)) in parts.into_iter().enumerate() {
        let name = ident(&format!("part{}", index + 1));
        // A part of impls only (a method's extras) has nothing to re-export.
        let reexport = names.then(|| quote!(pub use self::#name::*;));
        declarations.extend(quote! {
            mod #name;
            #reexport
        });
        // Names its module: one sentence on every part file would repeat on 50 of them.
        let doc = crate::docs::inner_attrs(&format!(
            "Part {} of `{}`, split for file size.",
            index + 1,
            module_path(&dir)
        ));
        let head = quote! {
            #doc
            #[allow(unused_imports)]
            use super::*;
        };
        files.push(render::assemble(
            dir.join(format!("{name}.rs")),
            head,
            &part,
            TokenStream::new(),
        )?);
    }
    files.insert(
        0,
        render::assemble(path, quote!(#head #declarations), &[], tests)?,
    );
    Ok(files)
}

/// `src/crm/item/` → `crm::item`.
fn module_path(dir: &Path) -> String {
    let segments: Vec<String> = dir
        .components()
        .map(|part| part.as_os_str().to_string_lossy().into_owned())
        .skip_while(|part| part != "src")
        .skip(1)
        .collect();
    segments.join("::")
}

/// `src/a/mod.rs` → `src/a/`, `src/a/b.rs` → `src/a/b/`.
fn parts_dir(path: &Path) -> PathBuf {
    if path.file_name().is_some_and(|name| name == "mod.rs") {
        return path.parent().map(Path::to_path_buf).unwrap_or_default();
    }
    path.with_extension("")
}

/// One item (the tokens of one emitter call), printed.
struct Printed {
    text: String,
    lines: usize,
    /// Whether it defines a name (a type, function, constant, module), not only impls.
    names: bool,
}

impl Printed {
    fn new(path: &Path, tokens: TokenStream) -> Result<Self, GenerateError> {
        let file = render::parse(path, tokens)?;
        let text = prettyplease::unparse(&file);
        Ok(Self {
            lines: text.lines().count(),
            names: file
                .items
                .iter()
                .any(|item| !matches!(item, syn::Item::Impl(_) | syn::Item::Macro(_))),
            text,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The splitter prints items one by one; the file must read as if printed whole.
    #[test]
    fn items_printed_apart_read_as_the_file_printed_whole() {
        let head = quote! {
            #![doc = " A module."]
            pub mod child;
            pub use b24_protocol::crm::EntityTypeId;
        };
        let items = vec![
            quote! {
                /// A type.
                #[derive(Debug, Clone, serde::Serialize)]
                pub struct Short { pub id: u64 }
                impl Short { pub fn new(id: u64) -> Self { Self { id } } }
            },
            quote! {
                pub enum Kind { A, B(String), #[serde(other)] Other }
            },
            quote! {
                impl b24_protocol::Method for Short {
                    const NAME: &'static str = "crm.lead.list";
                    type Output = Vec<std::collections::BTreeMap<String, serde_json::Value>>;
                    fn params(&self) -> serde_json::Value { serde_json::json!({"id": self.id, "filter": {"a": [1, 2, 3]}}) }
                }
            },
        ];
        let tests = quote! {
            #[cfg(test)]
            mod tests { use super::*; #[test] fn t() { assert_eq!(Short::new(1).id, 1); } }
        };
        let whole =
            render::rust_file(PathBuf::from("src/x.rs"), quote!(#head #(#items)* #tests)).unwrap();
        let apart = files(PathBuf::from("src/x.rs"), head, items, tests).unwrap();
        assert_eq!(apart, [whole]);
    }

    #[test]
    fn long_modules_split_and_reexport_only_parts_that_define_names() {
        let fields = (0..MAX_LINES).map(|i| {
            let field = quote::format_ident!("f{i}");
            quote!(#field: u8,)
        });
        let items = vec![
            quote!(pub struct Long { #(#fields)* }),
            quote!(impl Long { pub fn new() {} }),
        ];
        let files = files(PathBuf::from("src/x/mod.rs"), quote!(), items, quote!()).unwrap();
        let paths: Vec<_> = files.iter().map(|file| file.path.clone()).collect();
        assert_eq!(
            paths,
            ["src/x/mod.rs", "src/x/part1.rs", "src/x/part2.rs"].map(PathBuf::from)
        );
        let module = &files[0].contents;
        assert!(module.contains("pub use self::part1::*;"), "{module}");
        assert!(module.contains("mod part2;"), "{module}");
        assert!(!module.contains("pub use self::part2"), "{module}");
        assert!(
            files[2].contents.contains("//! Part 2 of `x`"),
            "{}",
            files[2].contents
        );
    }
}
