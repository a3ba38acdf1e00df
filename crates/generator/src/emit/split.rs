//! Keeps generated files readable: a module whose items would print to more than
//! [`MAX_LINES`] lines keeps its docs, children and tests, and moves the items into private
//! `partN` files it re-exports, so every path stays the same.

use std::path::{Path, PathBuf};

use proc_macro2::TokenStream;
use quote::quote;

use crate::naming::ident;

/// The most lines one file's items may print to.
pub const MAX_LINES: usize = 2_500;

/// The module file at `path`: `head` (docs, child modules) and `items`, or the head plus
/// `partN` files when the items are too long. `tests` stay in the module file.
pub fn files(
    path: PathBuf,
    head: TokenStream,
    items: Vec<TokenStream>,
    tests: TokenStream,
) -> Vec<(PathBuf, TokenStream)> {
    let measured: Vec<Measured> = items.iter().map(measure).collect();
    if measured.iter().map(|m| m.lines).sum::<usize>() <= MAX_LINES {
        return vec![(path, quote!(#head #(#items)* #tests))];
    }
    // Each part, and whether it defines a name the module must re-export.
    let mut parts: Vec<(Vec<TokenStream>, bool)> = vec![(Vec::new(), false)];
    let mut filled = 0;
    for (item, measured) in items.into_iter().zip(measured) {
        if filled + measured.lines > MAX_LINES && parts.last().is_some_and(|p| !p.0.is_empty()) {
            parts.push((Vec::new(), false));
            filled = 0;
        }
        filled += measured.lines;
        if let Some((part, names)) = parts.last_mut() {
            part.push(item);
            *names |= measured.names;
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
        files.push((
            dir.join(format!("{name}.rs")),
            quote! {
                #doc
                #[allow(unused_imports)]
                use super::*;
                #(#part)*
            },
        ));
    }
    files.insert(0, (path, quote!(#head #declarations #tests)));
    files
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
    let parent = path.parent().map(Path::to_path_buf).unwrap_or_default();
    if path.file_name().is_some_and(|name| name == "mod.rs") {
        return parent;
    }
    let stem = path
        .file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_default();
    parent.join(stem)
}

struct Measured {
    /// Lines the item prints to; 0 when it does not parse (the file's rendering reports that).
    lines: usize,
    /// Whether it defines a name (a type, function, constant, module), not only impls.
    names: bool,
}

fn measure(tokens: &TokenStream) -> Measured {
    match syn::parse2::<syn::File>(tokens.clone()) {
        Ok(file) => Measured {
            names: file
                .items
                .iter()
                .any(|item| !matches!(item, syn::Item::Impl(_) | syn::Item::Macro(_))),
            lines: prettyplease::unparse(&file).lines().count(),
        },
        Err(_) => Measured {
            lines: 0,
            names: true,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let files = files(PathBuf::from("src/x/mod.rs"), quote!(), items, quote!());
        let paths: Vec<_> = files.iter().map(|(path, _)| path.clone()).collect();
        assert_eq!(
            paths,
            ["src/x/mod.rs", "src/x/part1.rs", "src/x/part2.rs"].map(PathBuf::from)
        );
        let module = files[0].1.to_string();
        assert!(module.contains("pub use self :: part1 :: *"), "{module}");
        assert!(module.contains("mod part2 ;"), "{module}");
        assert!(!module.contains("pub use self :: part2"), "{module}");
        assert!(
            files[2].1.to_string().contains("Part 2 of `x`"),
            "{}",
            files[2].1
        );
    }
}
