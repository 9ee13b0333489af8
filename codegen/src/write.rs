//! Writing generated files: all or nothing, and a check mode that writes nothing.

use std::path::{Path, PathBuf};

use crate::GeneratedFile;

/// How one file compares with what is on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileChange {
    Unchanged(PathBuf),
    Created(PathBuf),
    Updated { path: PathBuf, lines_added: usize, lines_removed: usize },
}

impl FileChange {
    pub fn is_change(&self) -> bool {
        !matches!(self, FileChange::Unchanged(_))
    }
}

impl std::fmt::Display for FileChange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FileChange::Unchanged(p) => write!(f, "unchanged {}", p.display()),
            FileChange::Created(p) => write!(f, "created   {}", p.display()),
            FileChange::Updated { path, lines_added, lines_removed } => {
                write!(f, "updated   {} (+{lines_added} -{lines_removed} lines)", path.display())
            }
        }
    }
}

/// Compares `files` with the contents of `dir`.
pub fn compare(dir: &Path, files: &[GeneratedFile]) -> Vec<FileChange> {
    files
        .iter()
        .map(|f| {
            let path = dir.join(f.name);
            match std::fs::read_to_string(&path) {
                Err(_) => FileChange::Created(path),
                Ok(old) if old == f.contents => FileChange::Unchanged(path),
                Ok(old) => {
                    let (lines_added, lines_removed) = line_delta(&old, &f.contents);
                    FileChange::Updated { path, lines_added, lines_removed }
                }
            }
        })
        .collect()
}

/// Lines only in `new` and lines only in `old`, as multisets: enough for a
/// summary without a diff algorithm.
fn line_delta(old: &str, new: &str) -> (usize, usize) {
    use std::collections::HashMap;
    let mut counts: HashMap<&str, isize> = HashMap::new();
    for l in old.lines() {
        *counts.entry(l).or_default() -= 1;
    }
    for l in new.lines() {
        *counts.entry(l).or_default() += 1;
    }
    let added = counts.values().filter(|c| **c > 0).map(|c| *c as usize).sum();
    let removed = counts.values().filter(|c| **c < 0).map(|c| (-*c) as usize).sum();
    (added, removed)
}

/// Writes every changed file through a temporary file and a rename. All
/// temporary files are written before the first rename, so an error while
/// writing leaves `dir` as it was.
pub fn write_all(dir: &Path, files: &[GeneratedFile]) -> std::io::Result<Vec<FileChange>> {
    std::fs::create_dir_all(dir)?;
    let changes = compare(dir, files);
    let mut staged = Vec::new();
    let result = (|| {
        for (f, change) in files.iter().zip(&changes) {
            if !change.is_change() {
                continue;
            }
            let tmp = dir.join(format!(".{}.tmp", f.name));
            std::fs::write(&tmp, &f.contents)?;
            staged.push((tmp, dir.join(f.name)));
        }
        Ok::<_, std::io::Error>(())
    })();
    if let Err(e) = result {
        for (tmp, _) in &staged {
            let _ = std::fs::remove_file(tmp);
        }
        return Err(e);
    }
    for (tmp, dest) in &staged {
        std::fs::rename(tmp, dest)?;
    }
    Ok(changes)
}
