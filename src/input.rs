//! Arguments refused before anything is sent.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use crate::{Error, Operation};

/// Everything but RFC 3986's unreserved characters is percent-encoded.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Encodes `value` as exactly one URL path segment that decodes back to it:
/// `/`, `\`, `?`, `#`, `%`, controls and non-ASCII are all escaped. The
/// generated client calls this for every path parameter (the codegen puts
/// it in place of progenitor's `encode_path`).
pub fn encode_path_segment(value: &str) -> String {
    utf8_percent_encode(value, SEGMENT).to_string()
}

/// A path parameter must be exactly one path segment that decodes back to the
/// value given. The generated client encodes it with
/// [`encode_path_segment`]; what no encoding can make safe is refused: an
/// empty value, and `.` or `..`, which URL parsers resolve (as they do `%2e`)
/// so that `DELETE /processes/..` would become `DELETE /`.
pub fn check_path_segment(op: &Operation, name: &str, value: &str) -> Result<(), Error> {
    let problem = match value {
        "" => "is empty",
        "." | ".." => "is a relative path segment",
        _ => return Ok(()),
    };
    Err(Error::invalid_input(
        op,
        format!("path parameter `{name}` {problem} ({value:?}); it must name one resource"),
    ))
}
