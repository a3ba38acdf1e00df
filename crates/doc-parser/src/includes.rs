//! Resolving `{% include %}` targets to text.

use crate::text::Search as _;
use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use crate::diagnostics::Diagnostic;
use crate::page::{Node, RestV3};

/// An included file, found and read.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// Its path relative to the docs root, for diagnostics and nested includes.
    pub path: String,
    pub text: Arc<str>,
}

/// Finds included files. `from` is the including file and the result's `path` are relative
/// to the docs root; `target` is the path as written in the tag.
pub trait IncludeLoader: Sync {
    fn load(&self, from: &str, target: &str) -> Result<Loaded, String>;

    /// The blocks of an included file parsed earlier (`notitle` or not), with the
    /// diagnostics that parse gave; `None` when not cached.
    fn parsed(&self, _path: &str, _notitle: bool) -> Option<Parsed> {
        None
    }

    /// Keeps a parse of an included file for the next page that includes it.
    fn keep_parsed(&self, _path: &str, _notitle: bool, _parsed: Parsed) {}
}

/// An included file's blocks and the diagnostics their parse gave (re-reported for every
/// page that includes the file, so reports do not depend on which page came first).
#[derive(Debug, Clone)]
pub struct Parsed {
    pub nodes: Arc<[Node]>,
    pub diagnostics: Arc<[Diagnostic]>,
    /// What the blocks say of REST 3.0, read by the first page that asks.
    pub rest_v3: Arc<OnceLock<RestV3>>,
}

/// For parsing a page on its own: every include is reported as unresolved.
#[derive(Debug, Default, Clone, Copy)]
pub struct NoIncludes;

impl IncludeLoader for NoIncludes {
    fn load(&self, _from: &str, _target: &str) -> Result<Loaded, String> {
        Err("no docs root to resolve includes in".to_owned())
    }
}

/// Reads includes from a docs root on disk; each file is read once however many pages
/// include it.
#[derive(Debug)]
pub struct FsIncludes {
    root: PathBuf,
    cache: Mutex<HashMap<String, Result<Arc<str>, String>>>,
    parsed: Mutex<HashMap<(String, bool), Parsed>>,
    /// What `target` (after a `\0`) resolves to from the folder before it: the pages of
    /// one folder include the same files, and resolving costs more than this look-up.
    resolved: Mutex<HashMap<String, Result<String, String>>>,
}

impl FsIncludes {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self {
            root: root.into(),
            cache: Mutex::new(HashMap::new()),
            parsed: Mutex::new(HashMap::new()),
            resolved: Mutex::new(HashMap::new()),
        }
    }

    /// [`resolve`], remembered per folder of `from` and `target`.
    fn resolve_cached(&self, from: &str, target: &str) -> Result<String, String> {
        // `resolve` reads `from` only up to its last `/` when what follows is a file name;
        // other forms (a trailing `/`, `.`, `..`) are resolved each time.
        let folder = match from.rsplit_once('/') {
            Some((folder, name)) if !matches!(name, "" | "." | "..") => folder,
            _ => return resolve(from, target),
        };
        let mut key = String::with_capacity(folder.len() + 1 + target.len());
        key.push_str(folder);
        key.push('\0');
        key.push_str(target);
        let mut cache = self.resolved.lock().unwrap_or_else(PoisonError::into_inner);
        cache
            .entry(key)
            .or_insert_with(|| resolve(from, target))
            .clone()
    }
}

impl IncludeLoader for FsIncludes {
    fn parsed(&self, path: &str, notitle: bool) -> Option<Parsed> {
        let cache = self.parsed.lock().unwrap_or_else(PoisonError::into_inner);
        cache.get(&(path.to_owned(), notitle)).cloned()
    }

    fn keep_parsed(&self, path: &str, notitle: bool, parsed: Parsed) {
        let mut cache = self.parsed.lock().unwrap_or_else(PoisonError::into_inner);
        cache.entry((path.to_owned(), notitle)).or_insert(parsed);
    }

    fn load(&self, from: &str, target: &str) -> Result<Loaded, String> {
        let path = self.resolve_cached(from, target)?;
        let mut cache = self.cache.lock().unwrap_or_else(PoisonError::into_inner);
        // Pages include the same few files tens of thousands of times: look up before
        // making an owned key.
        if let Some(text) = cache.get(&path) {
            let text = text.clone()?;
            return Ok(Loaded { path, text });
        }
        let text = cache
            .entry(path.clone())
            .or_insert_with(|| {
                let bytes =
                    std::fs::read(self.root.join(&path)).map_err(|error| match error.kind() {
                        std::io::ErrorKind::NotFound => {
                            format!("`{path}` does not exist in the docs root")
                        }
                        _ => format!("cannot read `{path}`: {error}"),
                    })?;
                Ok(Arc::from(String::from_utf8_lossy(&bytes).as_ref()))
            })
            .clone()?;
        Ok(Loaded { path, text })
    }
}

/// Joins `target` to the folder of `from`, lexically, and refuses paths that leave the
/// docs root. Both are `/`-separated and relative to the root.
pub fn resolve(from: &str, target: &str) -> Result<String, String> {
    let target = target.split(['#', '?']).next().unwrap_or_default();
    if target.is_empty() {
        return Err("empty include path".to_owned());
    }
    if target.starts_with('/') || target.has("://") {
        return Err(format!("`{target}` is not a relative path"));
    }
    if from.starts_with('/') {
        return resolve_by_components(from, target);
    }
    // What `Path::components` does for two relative `/`-separated paths: empty and `.`
    // parts drop out, `..` goes up, the including file's own name is not part of the base.
    let mut folder: Vec<&str> = from
        .split('/')
        .filter(|p| !p.is_empty() && *p != ".")
        .collect();
    folder.pop();
    let mut parts: Vec<&str> = Vec::with_capacity(folder.len() + 4);
    for part in folder.into_iter().chain(target.split('/')) {
        match part {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Err(format!("`{target}` points outside the docs root"));
                }
            }
            part => parts.push(part),
        }
    }
    Ok(parts.join("/"))
}

/// [`resolve`] through `std::path`, for the paths the string walk does not cover.
fn resolve_by_components(from: &str, target: &str) -> Result<String, String> {
    let base = Path::new(from).parent().unwrap_or(Path::new(""));
    let mut parts: Vec<String> = Vec::new();
    for component in base.join(target).components() {
        match component {
            Component::Normal(part) => parts.push(part.to_string_lossy().into_owned()),
            Component::ParentDir => {
                if parts.pop().is_none() {
                    return Err(format!("`{target}` points outside the docs root"));
                }
            }
            Component::CurDir => {}
            Component::RootDir | Component::Prefix(_) => {
                return Err(format!("`{target}` is not a relative path"));
            }
        }
    }
    Ok(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_relative_to_the_including_file() {
        assert_eq!(
            resolve(
                "api-reference/chats/users/x.md",
                "../../../_includes/required.md"
            )
            .unwrap(),
            "_includes/required.md"
        );
        assert_eq!(
            resolve("api-reference/a/x.md", "./_includes/scope.md#part").unwrap(),
            "api-reference/a/_includes/scope.md"
        );
    }

    #[test]
    fn the_string_walk_agrees_with_std_path() {
        let froms = [
            "",
            "x.md",
            "a/x.md",
            "a/b/x.md",
            "a//b/./x.md",
            "./a/x.md",
            "a/b/",
            "a/../b/x.md",
            "a/b/../../x.md",
            "a/./",
            ".",
            "..",
            "../x.md",
        ];
        let targets = [
            "y.md",
            "./y.md",
            "../y.md",
            "../../y.md",
            "../../../y.md",
            "c//d/./y.md",
            "c/../../y.md",
            "c/",
            ".",
            "..",
            "a/..",
            "_includes/x.md#part",
            "x.md?v=1",
        ];
        for from in froms {
            for target in targets {
                let target = target.split(['#', '?']).next().unwrap_or_default();
                assert_eq!(
                    resolve(from, target),
                    resolve_by_components(from, target),
                    "{from:?} + {target:?}"
                );
            }
        }
    }

    #[test]
    fn remembered_resolutions_match_fresh_ones() {
        let includes = FsIncludes::new("/no/docs/root");
        let froms = [
            "a/b/x.md", "a/b/y.md", "a/./x.md", "a/./y.md", "x.md", "a/b/", "a/b/..", "a/.",
        ];
        let targets = [
            "../y.md",
            "../../y.md",
            "./z.md",
            "../../../y.md",
            "/abs.md",
        ];
        for _ in 0..2 {
            for from in froms {
                for target in targets {
                    assert_eq!(
                        includes.resolve_cached(from, target),
                        resolve(from, target),
                        "{from:?} + {target:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn refuses_to_leave_the_root() {
        assert!(resolve("im-user-status-set.md", "../../../_includes/required.md").is_err());
        assert!(resolve("a.md", "/etc/passwd").is_err());
        assert!(resolve("a.md", "").is_err());
    }
}
