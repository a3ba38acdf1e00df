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
    let lines: Vec<usize> = items.iter().map(line_count).collect();
    if lines.iter().sum::<usize>() <= MAX_LINES {
        return vec![(path, quote!(#head #(#items)* #tests))];
    }
    let mut parts: Vec<Vec<TokenStream>> = vec![Vec::new()];
    let mut filled = 0;
    for (item, lines) in items.into_iter().zip(lines) {
        let current = parts.len() - 1;
        if filled + lines > MAX_LINES && !parts[current].is_empty() {
            parts.push(Vec::new());
            filled = 0;
        }
        filled += lines;
        let current = parts.len() - 1;
        parts[current].push(item);
    }
    let dir = parts_dir(&path);
    let mut files = Vec::new();
    let mut declarations = TokenStream::new();
    for (index, part) in parts.into_iter().enumerate() {
        let name = ident(&format!("part{}", index + 1));
        declarations.extend(quote! {
            mod #name;
            pub use self::#name::*;
        });
        let doc = crate::docs::inner_attrs("Part of the parent module, split for file size.");
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

/// Lines `tokens` print to; 0 when they do not parse (the file's rendering reports that).
fn line_count(tokens: &TokenStream) -> usize {
    syn::parse2::<syn::File>(tokens.clone())
        .map(|file| prettyplease::unparse(&file).lines().count())
        .unwrap_or(0)
}
