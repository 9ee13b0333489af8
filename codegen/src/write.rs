//! Writing generated files: all or nothing, and a check mode that writes nothing.

use std::path::{Path, PathBuf};

use crate::GeneratedFile;

/// How one file compares with what is on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileChange {
    Unchanged(PathBuf),
    Created(PathBuf),
    Updated {
        path: PathBuf,
        lines_added: usize,
        lines_removed: usize,
    },
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
            FileChange::Updated {
                path,
                lines_added,
                lines_removed,
            } => {
                write!(
                    f,
                    "updated   {} (+{lines_added} -{lines_removed} lines)",
                    path.display()
                )
            }
        }
    }
}

/// Compares `files` with the contents of `dir`.
pub fn compare(dir: &Path, files: &[GeneratedFile]) -> Vec<FileChange> {
    files
        .iter()
        .map(|f| {
            let path = dir.join(&f.name);
            match std::fs::read_to_string(&path) {
                Err(_) => FileChange::Created(path),
                Ok(old) if old == f.contents => FileChange::Unchanged(path),
                Ok(old) => {
                    let (lines_added, lines_removed) = line_delta(&old, &f.contents);
                    FileChange::Updated {
                        path,
                        lines_added,
                        lines_removed,
                    }
                }
            }
        })
        .collect()
}

/// Lines added and removed by a line diff.
fn line_delta(old: &str, new: &str) -> (usize, usize) {
    let diff = similar::TextDiff::from_lines(old, new);
    let (mut added, mut removed) = (0, 0);
    for change in diff.iter_all_changes() {
        match change.tag() {
            similar::ChangeTag::Insert => added += 1,
            similar::ChangeTag::Delete => removed += 1,
            similar::ChangeTag::Equal => {}
        }
    }
    (added, removed)
}

/// The first `max` changed lines of a file against its generated text, in
/// unified style (`-old`, `+new`), for `--check` summaries.
pub fn diff_excerpt(dir: &Path, file: &GeneratedFile, max: usize) -> Vec<String> {
    let old = std::fs::read_to_string(dir.join(&file.name)).unwrap_or_default();
    let diff = similar::TextDiff::from_lines(&old, &file.contents);
    let mut out = Vec::new();
    for change in diff.iter_all_changes() {
        let sign = match change.tag() {
            similar::ChangeTag::Insert => '+',
            similar::ChangeTag::Delete => '-',
            similar::ChangeTag::Equal => continue,
        };
        if out.len() == max {
            out.push("...".to_string());
            break;
        }
        let line_no = change
            .old_index()
            .or(change.new_index())
            .map(|i| i + 1)
            .unwrap_or(0);
        out.push(format!(
            "{:>6} {sign}{}",
            line_no,
            change.value().trim_end()
        ));
    }
    out
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
            let dest = dir.join(&f.name);
            let parent = dest.parent().unwrap_or(dir);
            std::fs::create_dir_all(parent)?;
            let file_name = dest
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let tmp = parent.join(format!(".{file_name}.tmp"));
            std::fs::write(&tmp, &f.contents)?;
            staged.push((tmp, dest));
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
