//! Writing a set of generated files into a folder: only what changed is rewritten, and
//! files this tool generated earlier but no longer produces are removed.

use std::cell::RefCell;
use std::collections::HashSet;
use std::io::Read as _;

use b24_generator::GeneratedFile;
use rayon::prelude::*;
use std::fs;
use std::path::{Path, PathBuf};

use crate::error::CliError;

/// What a sync did, file by file.
#[derive(Debug, Default)]
pub struct SyncReport {
    pub written: Vec<PathBuf>,
    pub unchanged: usize,
    pub removed: Vec<PathBuf>,
}

/// Writes `files` (paths relative to `root`) into `root`. Files under `root` that are not
/// in `files` and for which `is_stale` holds are deleted.
pub fn sync(
    root: &Path,
    files: &[GeneratedFile],
    is_stale: &dyn Fn(&Path) -> bool,
) -> Result<SyncReport, CliError> {
    // Comparing with what is on disk reads every file: do it on all cores.
    let compared: Vec<Compared<'_>> = files
        .par_iter()
        .map(|file| Compared {
            path: &file.path,
            changed: (!is_unchanged(root, &file.path, &file.contents))
                .then_some(file.contents.as_str()),
        })
        .collect();
    sync_compared(root, &compared, is_stale)
}

/// A file to sync, already compared with the disk (see [`is_unchanged`]).
#[derive(Debug, Clone, Copy)]
pub struct Compared<'a> {
    /// Relative to the synced folder.
    pub path: &'a Path,
    /// The new text; `None` when the file on disk holds it already.
    pub changed: Option<&'a str>,
}

/// Whether `root/relative` holds exactly `contents` already. Reads at most one byte more
/// than `contents` (enough to tell a longer file) into a buffer each thread reuses, and,
/// unlike `fs::read`, asks for no size first: one `statx` less per file.
pub fn is_unchanged(root: &Path, relative: &Path, contents: &str) -> bool {
    thread_local! {
        static BUFFER: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    }
    let Ok(mut file) = fs::File::open(root.join(relative)) else {
        return false;
    };
    BUFFER.with_borrow_mut(|old| {
        let limit = contents.len() + 1;
        if old.len() < limit {
            old.resize(limit, 0);
        }
        let mut len = 0;
        while len < limit {
            match file.read(&mut old[len..limit]) {
                Ok(0) => break,
                Ok(read) => len += read,
                Err(error) if error.kind() == std::io::ErrorKind::Interrupted => {}
                Err(_) => return false,
            }
        }
        old[..len] == *contents.as_bytes()
    })
}

/// [`sync`] for files already compared with the disk.
pub fn sync_compared(
    root: &Path,
    files: &[Compared<'_>],
    is_stale: &dyn Fn(&Path) -> bool,
) -> Result<SyncReport, CliError> {
    let mut report = SyncReport::default();
    // Listing the folder before writing finds the same stale files: only files not in
    // `files` are removed, and the writes below add only files in it.
    let (written, existing) = rayon::join(
        || write_changed(root, files, &mut report),
        || {
            let mut existing = Vec::new();
            list_files(root, &mut existing).map(|()| existing)
        },
    );
    written?;
    // A set: the import writes ~1,900 files and a linear search per file is quadratic.
    let wanted: HashSet<&Path> = files.iter().map(|file| file.path).collect();
    for path in existing? {
        let relative = path.strip_prefix(root).unwrap_or(&path);
        if !wanted.contains(relative) && is_stale(&path) {
            fs::remove_file(&path).map_err(|source| CliError::Write {
                path: path.clone(),
                source,
            })?;
            report.removed.push(path);
        }
    }
    // The listing is in no particular order; removals are reported sorted.
    report.removed.sort();
    Ok(report)
}

fn write_changed(
    root: &Path,
    files: &[Compared<'_>],
    report: &mut SyncReport,
) -> Result<(), CliError> {
    for file in files {
        let Some(contents) = file.changed else {
            report.unchanged += 1;
            continue;
        };
        let path = root.join(file.path);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|source| CliError::Write {
                path: parent.to_owned(),
                source,
            })?;
        }
        fs::write(&path, contents).map_err(|source| CliError::Write {
            path: path.clone(),
            source,
        })?;
        report.written.push(path);
    }
    Ok(())
}

fn list_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), CliError> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(source) => {
            return Err(CliError::Read {
                path: dir.to_owned(),
                source,
            });
        }
    };
    for entry in entries {
        let entry = entry.map_err(|source| CliError::Read {
            path: dir.to_owned(),
            source,
        })?;
        let path = entry.path();
        // The entry's type comes with the listing; only a symlink needs a `stat` to tell
        // whether it leads to a folder.
        let is_dir = match entry.file_type() {
            Ok(kind) if !kind.is_symlink() => kind.is_dir(),
            _ => path.is_dir(),
        };
        if is_dir {
            // Build output is not ours to manage.
            if path.file_name().is_some_and(|n| n == "target") {
                continue;
            }
            list_files(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}
