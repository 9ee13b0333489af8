//! Arguments refused before anything is sent.

use crate::{Error, Operation};

/// A path parameter must be exactly one path segment that decodes back to the
/// value given. progenitor percent-encodes `/`, `?` and `#`, but leaves `.` and
/// `..` as they are, and the URL parser then resolves them: `DELETE
/// /processes/..` would become `DELETE /`. It also leaves `\` as it is, which
/// the URL parser reads as `/` in http(s) URLs (`..\..` would address `/`).
/// Empty values would likewise change which resource is addressed.
pub fn check_path_segment(op: &Operation, name: &str, value: &str) -> Result<(), Error> {
    let problem = match value {
        "" => "is empty",
        "." | ".." => "is a relative path segment",
        v if v.contains('\\') => "contains a backslash, which URLs read as `/`",
        _ => return Ok(()),
    };
    Err(Error::invalid_input(
        op,
        format!("path parameter `{name}` {problem} ({value:?}); it must name one resource"),
    ))
}
