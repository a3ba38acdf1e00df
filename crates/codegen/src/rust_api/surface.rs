//! Reads a generated crate's source into its public surface: every public type by path,
//! every method's request and `Output` type, and each type's roles.
//!
//! Modules are followed from `src/lib.rs` as the compiler does (`mod x;` is `x.rs` or
//! `x/mod.rs`); a private module whose items the parent re-exports with `pub use
//! self::x::*` (the generator's `part1`, `part2` split of large modules) adds its items to
//! the parent's path, which is where a user names them. Private modules otherwise, and
//! `#[cfg(test)]` ones, are not part of the surface.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use super::roles::{self, Edge};

/// Why a crate's surface could not be read.
#[derive(Debug, thiserror::Error)]
pub enum SurfaceError {
    #[error("{path}: not valid Rust")]
    Parse {
        path: PathBuf,
        #[source]
        source: syn::Error,
    },
    #[error("{path}: cannot read")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{0}: no src/lib.rs, not a crate")]
    NoLib(PathBuf),
}

/// What kind of public type an item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Struct,
    Enum,
    Alias,
    Trait,
    Union,
}

impl Kind {
    pub fn word(self) -> &'static str {
        match self {
            Kind::Struct => "struct",
            Kind::Enum => "enum",
            Kind::Alias => "type",
            Kind::Trait => "trait",
            Kind::Union => "union",
        }
    }
}

/// A generated method: its request type and `Output`, as paths in the crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Method {
    /// The name as the crate writes it (`disk.file.markDeleted`, ` (REST 3.0)` after a
    /// REST 3.0 one).
    pub name: String,
    pub request: String,
    /// The `Output` type with crate types by path (`Vec<crm::lead::Lead>`).
    pub output: String,
}

/// The public surface of one generated crate. Paths are relative to the crate root
/// (`crm::lead::Lead`); methods are keyed by their lowercase name, REST 3.0 ones with
/// ` (rest 3.0)`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Surface {
    pub types: BTreeMap<String, Kind>,
    pub methods: BTreeMap<String, Method>,
    /// What each type is for (see `roles`); types no method, entity or event reaches have
    /// none.
    pub roles: BTreeMap<String, BTreeSet<String>>,
    /// A struct's field wire names, an enum's variant names, sorted: how a type is
    /// recognised under a new name when its roles changed with it.
    pub shapes: BTreeMap<String, Vec<String>>,
}

impl Surface {
    /// The surface of the crate in `dir` (holding `src/lib.rs`).
    pub fn from_dir(dir: &Path) -> Result<Self, SurfaceError> {
        let lib = dir.join("src/lib.rs");
        if !lib.is_file() {
            return Err(SurfaceError::NoLib(dir.to_owned()));
        }
        let read = |relative: &Path| -> Result<Option<String>, SurfaceError> {
            let path = dir.join(relative);
            match std::fs::read_to_string(&path) {
                Ok(text) => Ok(Some(text)),
                Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
                Err(source) => Err(SurfaceError::Read { path, source }),
            }
        };
        Self::build(&read)
    }

    /// The surface of generated files (paths relative to the crate root, as
    /// `b24_generator::generate` returns them).
    pub fn from_files<'a>(
        files: impl IntoIterator<Item = (&'a Path, &'a str)>,
    ) -> Result<Self, SurfaceError> {
        let files: BTreeMap<&Path, &str> = files.into_iter().collect();
        let read = |relative: &Path| -> Result<Option<String>, SurfaceError> {
            Ok(files.get(relative).map(|text| (*text).to_owned()))
        };
        Self::build(&read)
    }

    fn build(
        read: &dyn Fn(&Path) -> Result<Option<String>, SurfaceError>,
    ) -> Result<Self, SurfaceError> {
        let mut modules = Vec::new();
        let lib = Path::new("src/lib.rs");
        let text = read(lib)?.ok_or_else(|| SurfaceError::NoLib(PathBuf::from(".")))?;
        let file = parse(lib, &text)?;
        collect_modules(read, lib, Vec::new(), Vec::new(), file.items, &mut modules)?;
        Ok(Builder::new(&modules).finish(&modules))
    }

    /// The surface as sorted lines of text: `struct crm::lead::Lead`, `method crm.lead.get:
    /// crm::lead::CrmLeadGet -> crm::lead::Lead`.
    pub fn listing(&self) -> String {
        let mut out = String::new();
        for (path, kind) in &self.types {
            out.push_str(&format!("{} {path}\n", kind.word()));
        }
        for method in self.methods.values() {
            out.push_str(&format!(
                "method {}: {} -> {}\n",
                method.name, method.request, method.output
            ));
        }
        out
    }
}

fn parse(path: &Path, text: &str) -> Result<syn::File, SurfaceError> {
    syn::parse_file(text).map_err(|source| SurfaceError::Parse {
        path: path.to_owned(),
        source,
    })
}

/// The items of one module body (a file, or a private part re-exported into its parent).
struct ModuleSource {
    /// Where a user names the items (`crm::lead` for `crm/lead/part1.rs`).
    public: Vec<String>,
    /// What `super` means inside it.
    parent: Vec<String>,
    /// Modules whose items it imports with `use …::*`, in order.
    globs: Vec<Vec<String>>,
    items: Vec<syn::Item>,
}

/// Walks `items` (the body of module `real`, public at `public`) and its submodules.
fn collect_modules(
    read: &dyn Fn(&Path) -> Result<Option<String>, SurfaceError>,
    file: &Path,
    real: Vec<String>,
    public: Vec<String>,
    items: Vec<syn::Item>,
    out: &mut Vec<ModuleSource>,
) -> Result<(), SurfaceError> {
    let parent = real[..real.len().saturating_sub(1)].to_vec();
    let mut globs = Vec::new();
    let mut reexported = BTreeSet::new();
    for item in &items {
        let syn::Item::Use(used) = item else {
            continue;
        };
        let Some(target) = glob_target(&used.tree, &real, &parent) else {
            continue;
        };
        // `pub use self::part1::*`: the private `part1` is public through its parent.
        if is_public(&used.vis)
            && target.len() == real.len() + 1
            && let Some(last) = target.last()
        {
            reexported.insert(last.clone());
        }
        globs.push(target);
    }
    // Where `mod x;` of this file looks for `x.rs`.
    let dir = match file.file_name().and_then(|name| name.to_str()) {
        Some("lib.rs" | "mod.rs") => file.parent().map(Path::to_owned).unwrap_or_default(),
        _ => file.with_extension(""),
    };
    let mut submodules = Vec::new();
    let mut kept = Vec::with_capacity(items.len());
    for item in items {
        let syn::Item::Mod(module) = item else {
            kept.push(item);
            continue;
        };
        let name = ident(&module.ident);
        let public_module = is_public(&module.vis);
        if is_cfg_test(&module.attrs) || !(public_module || reexported.contains(&name)) {
            continue;
        }
        let child_real = [real.clone(), vec![name.clone()]].concat();
        let child_public = if public_module {
            [public.clone(), vec![name.clone()]].concat()
        } else {
            public.clone()
        };
        submodules.push((
            module.content.map(|(_, inner)| inner),
            name,
            child_real,
            child_public,
        ));
    }
    out.push(ModuleSource {
        public,
        parent,
        globs,
        items: kept,
    });
    for (content, name, child_real, child_public) in submodules {
        match content {
            Some(inner) => {
                collect_modules(read, file, child_real, child_public, inner, out)?;
            }
            None => {
                let flat = dir.join(format!("{name}.rs"));
                let nested = dir.join(&name).join("mod.rs");
                let (path, text) = match read(&flat)? {
                    Some(text) => (flat, text),
                    None => match read(&nested)? {
                        Some(text) => (nested, text),
                        // A module the crate declares but does not hold: nothing to list.
                        None => continue,
                    },
                };
                let parsed = parse(&path, &text)?;
                collect_modules(read, &path, child_real, child_public, parsed.items, out)?;
            }
        }
    }
    Ok(())
}

/// The module a `use a::b::*` imports from, as a path from the crate root.
fn glob_target(tree: &syn::UseTree, real: &[String], parent: &[String]) -> Option<Vec<String>> {
    let mut path: Vec<String> = Vec::new();
    let mut tree = tree;
    loop {
        match tree {
            syn::UseTree::Path(step) => {
                path.push(ident(&step.ident));
                tree = &step.tree;
            }
            syn::UseTree::Glob(_) => break,
            _ => return None,
        }
    }
    let (base, rest) = match path.first().map(String::as_str) {
        Some("crate") => (Vec::new(), &path[1..]),
        Some("self") => (real.to_vec(), &path[1..]),
        Some("super") => (parent.to_vec(), &path[1..]),
        // An external crate (`serde_json::*`): nothing of this crate.
        _ => return None,
    };
    Some([base, rest.to_vec()].concat())
}

fn ident(ident: &syn::Ident) -> String {
    syn::ext::IdentExt::unraw(ident).to_string()
}

/// A path's segments without their generic arguments.
fn segments(path: &syn::Path) -> Vec<String> {
    path.segments.iter().map(|s| ident(&s.ident)).collect()
}

fn is_cfg_test(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|attr| match &attr.meta {
        syn::Meta::List(list) => list.path.is_ident("cfg") && list.tokens.to_string() == "test",
        _ => false,
    })
}

fn is_public(vis: &syn::Visibility) -> bool {
    matches!(vis, syn::Visibility::Public(_))
}

fn join(module: &[String], name: &str) -> String {
    if module.is_empty() {
        name.to_owned()
    } else {
        format!("{}::{name}", module.join("::"))
    }
}

/// The `///` lines of an item, without the leading space.
fn doc_lines(attrs: &[syn::Attribute]) -> Vec<String> {
    attrs
        .iter()
        .filter_map(|attr| match &attr.meta {
            syn::Meta::NameValue(pair) if pair.path.is_ident("doc") => {
                str_value(&pair.value).map(|text| text.trim().to_owned())
            }
            _ => None,
        })
        .collect()
}

/// The text between the first pair of backticks after `prefix`.
fn quoted_after<'a>(line: &'a str, prefix: &str) -> Option<&'a str> {
    let rest = line.strip_prefix(prefix)?;
    let rest = rest.strip_prefix('`')?;
    rest.split_once('`').map(|(quoted, _)| quoted)
}

/// A field's name on the wire: the generator documents it (`Wire name `ID` of …` on
/// response fields, a lone `` `id` `` line on request fields); the Rust name otherwise.
fn wire_name(field: &syn::Field, position: usize) -> String {
    let docs = doc_lines(&field.attrs);
    let documented = docs
        .iter()
        .find_map(|line| quoted_after(line, "Wire name "))
        .or_else(|| {
            let first = docs.first()?.strip_prefix('`')?.strip_suffix('`')?;
            (!first.is_empty() && !first.contains('`')).then_some(first)
        });
    match documented {
        Some(name) => name.to_owned(),
        None => field
            .ident
            .as_ref()
            .map_or_else(|| position.to_string(), ident),
    }
}

/// A string constant's value (`const NAME: &str = "crm.lead.get"`).
fn str_value(expr: &syn::Expr) -> Option<String> {
    match expr {
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(text),
            ..
        }) => Some(text.value()),
        _ => None,
    }
}

/// Collects the surface from the module sources: names first (so every reference can be
/// resolved), then fields, impls and docs.
struct Builder {
    types: BTreeMap<String, Kind>,
}

/// What is attached to a request type through its impls, before its method name is known.
#[derive(Default)]
struct Pending {
    methods: Vec<(String, String, String)>,
    attached: Vec<(String, &'static str, Vec<String>)>,
    outputs: BTreeMap<String, Vec<String>>,
}

impl Builder {
    fn new(modules: &[ModuleSource]) -> Self {
        let mut types = BTreeMap::new();
        for module in modules {
            for item in &module.items {
                let (name, kind, vis) = match item {
                    syn::Item::Struct(s) => (&s.ident, Kind::Struct, &s.vis),
                    syn::Item::Enum(e) => (&e.ident, Kind::Enum, &e.vis),
                    syn::Item::Type(t) => (&t.ident, Kind::Alias, &t.vis),
                    syn::Item::Trait(t) => (&t.ident, Kind::Trait, &t.vis),
                    syn::Item::Union(u) => (&u.ident, Kind::Union, &u.vis),
                    _ => continue,
                };
                if is_public(vis) {
                    types.insert(join(&module.public, &ident(name)), kind);
                }
            }
        }
        Self { types }
    }

    fn finish(self, modules: &[ModuleSource]) -> Surface {
        let mut edges = Vec::new();
        let mut seeds = Vec::new();
        let mut pending = Pending::default();
        let mut shapes = BTreeMap::new();
        for module in modules {
            let scope = Scope {
                module,
                types: &self.types,
            };
            for item in &module.items {
                scope.item(item, &mut edges, &mut seeds, &mut pending);
                if let Some((path, shape)) = scope.shape(item) {
                    shapes.insert(path, shape);
                }
            }
        }
        let mut methods = BTreeMap::new();
        let mut keys: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        for (name, request, output) in &pending.methods {
            // The portal reads method names case-insensitively, and the docs change the
            // case between versions (`disk.file.markdeleted` → `markDeleted`): one method.
            let key = name.to_lowercase();
            keys.entry(request.as_str()).or_default().push(key.clone());
            seeds.push((request.clone(), format!("m:{key}#")));
            for used in pending.outputs.get(request).into_iter().flatten() {
                seeds.push((used.clone(), format!("m:{key}#>output")));
            }
            methods.insert(
                key,
                Method {
                    name: name.clone(),
                    request: request.clone(),
                    output: output.clone(),
                },
            );
        }
        for (request, what, used) in &pending.attached {
            for key in keys.get(request.as_str()).into_iter().flatten() {
                for ty in used {
                    seeds.push((ty.clone(), format!("m:{key}#>{what}")));
                }
            }
        }
        let known: BTreeSet<String> = self.types.keys().cloned().collect();
        let roles = roles::propagate(&seeds, &edges, &known);
        Surface {
            types: self.types,
            methods,
            roles,
            shapes,
        }
    }
}

/// Name resolution inside one module source.
struct Scope<'a> {
    module: &'a ModuleSource,
    types: &'a BTreeMap<String, Kind>,
}

impl Scope<'_> {
    fn item(
        &self,
        item: &syn::Item,
        edges: &mut Vec<Edge>,
        seeds: &mut Vec<(String, String)>,
        pending: &mut Pending,
    ) {
        match item {
            syn::Item::Struct(s) if is_public(&s.vis) => {
                let path = join(&self.module.public, &ident(&s.ident));
                self.entity_seed(&path, &s.attrs, seeds);
                self.fields(&path, "", &s.fields, edges);
            }
            syn::Item::Enum(e) if is_public(&e.vis) => {
                let path = join(&self.module.public, &ident(&e.ident));
                self.entity_seed(&path, &e.attrs, seeds);
                for variant in &e.variants {
                    let label = format!("|{}", ident(&variant.ident));
                    self.fields(&path, &label, &variant.fields, edges);
                }
            }
            syn::Item::Type(t) if is_public(&t.vis) => {
                let path = join(&self.module.public, &ident(&t.ident));
                self.entity_seed(&path, &t.attrs, seeds);
                let mut used = Vec::new();
                self.render(&t.ty, &mut used);
                for to in used {
                    edges.push(Edge {
                        from: path.clone(),
                        label: String::new(),
                        to,
                    });
                }
            }
            syn::Item::Impl(block) => self.impl_block(block, seeds, pending),
            _ => {}
        }
    }

    /// The sorted field wire names of a public struct, variant names of a public enum.
    fn shape(&self, item: &syn::Item) -> Option<(String, Vec<String>)> {
        let (name, mut shape) = match item {
            syn::Item::Struct(s) if is_public(&s.vis) => (
                &s.ident,
                s.fields
                    .iter()
                    .enumerate()
                    .map(|(position, field)| wire_name(field, position))
                    .collect::<Vec<_>>(),
            ),
            syn::Item::Enum(e) if is_public(&e.vis) => (
                &e.ident,
                e.variants.iter().map(|v| ident(&v.ident)).collect(),
            ),
            _ => return None,
        };
        shape.sort();
        Some((join(&self.module.public, &ident(name)), shape))
    }

    /// `/// The `crm.lead` entity.` on an entity type.
    fn entity_seed(&self, path: &str, attrs: &[syn::Attribute], seeds: &mut Vec<(String, String)>) {
        for line in doc_lines(attrs) {
            if let Some(name) = quoted_after(&line, "The ")
                && line.ends_with(&format!("`{name}` entity."))
            {
                seeds.push((path.to_owned(), format!("entity:{name}#")));
            }
        }
    }

    fn fields(&self, from: &str, prefix: &str, fields: &syn::Fields, edges: &mut Vec<Edge>) {
        for (position, field) in fields.iter().enumerate() {
            let mut used = Vec::new();
            self.render(&field.ty, &mut used);
            let label = match fields {
                syn::Fields::Named(_) => format!("{prefix}.{}", wire_name(field, position)),
                // A newtype variant or struct: the wrapped type plays the same part.
                _ if fields.len() == 1 => prefix.to_owned(),
                _ => format!("{prefix}.{position}"),
            };
            for to in used {
                edges.push(Edge {
                    from: from.to_owned(),
                    label: label.clone(),
                    to,
                });
            }
        }
    }

    fn impl_block(
        &self,
        block: &syn::ItemImpl,
        seeds: &mut Vec<(String, String)>,
        pending: &mut Pending,
    ) {
        let Some(owner) = self.self_type(&block.self_ty) else {
            return;
        };
        let trait_name = block
            .trait_
            .as_ref()
            .and_then(|(path, _)| path.segments.last())
            .map(|segment| ident(&segment.ident));
        match trait_name.as_deref() {
            Some("Method") => {
                let mut name = None;
                let mut rest_v3 = false;
                let mut output = None;
                for member in &block.items {
                    match member {
                        syn::ImplItem::Const(c) if c.ident == "NAME" => name = str_value(&c.expr),
                        syn::ImplItem::Const(c) if c.ident == "API" => {
                            rest_v3 = matches!(&c.expr, syn::Expr::Path(p)
                                if p.path.segments.last().is_some_and(|s| s.ident == "RestV3"));
                        }
                        syn::ImplItem::Type(t) if t.ident == "Output" => {
                            let mut used = Vec::new();
                            output = Some(self.render(&t.ty, &mut used));
                            pending.outputs.insert(owner.clone(), used);
                        }
                        _ => {}
                    }
                }
                if let Some(name) = name {
                    let key = if rest_v3 {
                        format!("{name} (REST 3.0)")
                    } else {
                        name
                    };
                    let output = output.unwrap_or_else(|| "()".to_owned());
                    pending.methods.push((key, owner, output));
                }
            }
            Some("ListMethod") => {
                for member in &block.items {
                    if let syn::ImplItem::Type(t) = member
                        && t.ident == "Item"
                    {
                        let mut used = Vec::new();
                        self.render(&t.ty, &mut used);
                        pending.attached.push((owner.clone(), "item", used));
                    }
                }
            }
            Some(_) => {}
            None => {
                for member in &block.items {
                    match member {
                        // `CrmLeadGet::error(&err) -> Option<CrmLeadGetError>`.
                        syn::ImplItem::Fn(f) if f.sig.ident == "error" => {
                            if let syn::ReturnType::Type(_, ty) = &f.sig.output {
                                let mut used = Vec::new();
                                self.render(ty, &mut used);
                                pending.attached.push((owner.clone(), "error", used));
                            }
                        }
                        // An event payload's `EVENT` name.
                        syn::ImplItem::Const(c) if c.ident == "EVENT" => {
                            if let Some(event) = str_value(&c.expr) {
                                // Event names, like methods, change case between
                                // versions (`OnExternalCallBackStart`).
                                let event = event.to_lowercase();
                                seeds.push((owner.clone(), format!("e:{event}#")));
                            }
                        }
                        _ => {}
                    }
                }
            }
        }
    }

    fn self_type(&self, ty: &syn::Type) -> Option<String> {
        match ty {
            syn::Type::Path(path) => self.resolve(&path.path),
            _ => None,
        }
    }

    /// The crate path a type path names, when it is one of the crate's public types.
    fn resolve(&self, path: &syn::Path) -> Option<String> {
        let names = segments(path);
        let found = |base: &[String], rest: &[String]| -> Option<String> {
            let candidate = [base, rest].concat().join("::");
            self.types.contains_key(&candidate).then_some(candidate)
        };
        match names.first().map(String::as_str) {
            Some("crate") => return found(&[], &names[1..]),
            Some("self") => return found(&self.module.public, &names[1..]),
            Some("super") => {
                let mut base = self.module.parent.clone();
                let mut rest = &names[1..];
                while rest.first().is_some_and(|n| n == "super") {
                    base.pop();
                    rest = &rest[1..];
                }
                return found(&base, rest);
            }
            _ => {}
        }
        found(&self.module.public, &names).or_else(|| {
            self.module
                .globs
                .iter()
                .find_map(|glob| found(glob, &names))
        })
    }

    /// A type as text with the crate's types by path; their paths are added to `used`.
    fn render(&self, ty: &syn::Type, used: &mut Vec<String>) -> String {
        match ty {
            syn::Type::Path(path) => {
                let resolved = self.resolve(&path.path);
                let mut text = match &resolved {
                    Some(local) => {
                        used.push(local.clone());
                        local.clone()
                    }
                    None => segments(&path.path).join("::"),
                };
                if let Some(last) = path.path.segments.last()
                    && let syn::PathArguments::AngleBracketed(args) = &last.arguments
                {
                    let inner: Vec<String> = args
                        .args
                        .iter()
                        .map(|arg| match arg {
                            syn::GenericArgument::Type(ty) => self.render(ty, used),
                            _ => "_".to_owned(),
                        })
                        .collect();
                    text.push_str(&format!("<{}>", inner.join(", ")));
                }
                text
            }
            syn::Type::Reference(reference) => format!("&{}", self.render(&reference.elem, used)),
            syn::Type::Slice(slice) => format!("[{}]", self.render(&slice.elem, used)),
            syn::Type::Array(array) => format!("[{}; _]", self.render(&array.elem, used)),
            syn::Type::Paren(inner) => self.render(&inner.elem, used),
            syn::Type::Group(inner) => self.render(&inner.elem, used),
            syn::Type::Tuple(tuple) => {
                let inner: Vec<String> =
                    tuple.elems.iter().map(|ty| self.render(ty, used)).collect();
                format!("({})", inner.join(", "))
            }
            _ => "_".to_owned(),
        }
    }
}
