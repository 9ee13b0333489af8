//! Diagnostics: every failure of the pipeline names the spec file, a JSON
//! pointer into the spec (with its line when the YAML parser knows it) and the
//! rule that was broken, on one line.

use std::fmt;
use std::path::{Path, PathBuf};

/// One problem found in a spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The spec file.
    pub file: PathBuf,
    /// RFC 6901 pointer to the offending node ("" is the whole document).
    pub pointer: String,
    /// 1-based line of that node, when known.
    pub line: Option<usize>,
    /// Short, stable name of the rule (kebab-case), e.g. `duplicate-operation-id`.
    pub rule: &'static str,
    /// What is wrong, for a human.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        let pointer = if self.pointer.is_empty() {
            "#"
        } else {
            &self.pointer
        };
        // Messages from parsers may span lines; keep the diagnostic on one.
        let message = self
            .message
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        write!(f, ": {pointer}: [{}] {message}", self.rule)
    }
}

/// Everything that stopped generation. Never empty.
#[derive(Debug, Clone)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub(crate) fn one(
        file: &Path,
        pointer: impl Into<String>,
        rule: &'static str,
        message: impl Into<String>,
    ) -> Self {
        Diagnostics(vec![Diagnostic {
            file: file.to_path_buf(),
            pointer: pointer.into(),
            line: None,
            rule,
            message: message.into(),
        }])
    }

    /// The first diagnostic (there is always one).
    pub fn first(&self) -> &Diagnostic {
        &self.0[0]
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "error: {d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

/// Escapes one reference token of a JSON pointer (RFC 6901).
pub fn escape_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// Builds a pointer from tokens.
pub fn pointer<I, S>(tokens: I) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    tokens
        .into_iter()
        .map(|t| format!("/{}", escape_token(t.as_ref())))
        .collect()
}
