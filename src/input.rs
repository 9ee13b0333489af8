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
pub fn check_path_segment(
    op: &Operation,
    name: &str,
    value: &impl std::fmt::Display,
) -> Result<(), Error> {
    let problem = match Prefix::of(value).as_str() {
        "" => "is empty",
        "." | ".." => "is a relative path segment",
        _ => return Ok(()),
    };
    let value = value.to_string();
    Err(Error::invalid_input(
        op,
        format!("path parameter `{name}` {problem} ({value:?}); it must name one resource"),
    ))
}

/// A value's text if it is at most two bytes long, found without
/// allocating: enough to tell `""`, `.` and `..` from every other value.
struct Prefix {
    bytes: [u8; 2],
    len: usize,
}

impl Prefix {
    fn of(value: &impl std::fmt::Display) -> Prefix {
        use std::fmt::Write as _;
        let mut p = Prefix {
            bytes: [0; 2],
            len: 0,
        };
        let _ = write!(p, "{value}");
        p
    }

    /// The whole text when short, else a marker no check matches.
    fn as_str(&self) -> &str {
        match self.len {
            0..=2 => std::str::from_utf8(&self.bytes[..self.len]).unwrap_or("<long>"),
            _ => "<long>",
        }
    }
}

impl std::fmt::Write for Prefix {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        for b in s.bytes() {
            if self.len < 2 {
                self.bytes[self.len] = b;
            }
            self.len += 1;
        }
        Ok(())
    }
}
