//! `listProcesses`: the `$filter` and `$orderBy` grammars, and keyset paging
//! with an opaque `$next` cursor.
//!
//! The cursor holds the sort key of the last process served rather than an
//! offset, so processes created or trashed between two pages neither repeat
//! nor skip one of the others.

use std::cmp::Ordering;

use base64::Engine as _;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::{Deserialize, Serialize};
use workiva_processes::types::{Process, ProcessListResult};

use crate::error::ApiError;
use crate::spec::ValidRequest;
use crate::state::Entry;

/// Page size without `$maxpagesize`.
pub(crate) const DEFAULT_PAGE_SIZE: usize = 100;

pub(crate) const NEXT: &str = "$next";
pub(crate) const MAX_PAGE_SIZE: &str = "$maxpagesize";
pub(crate) const FILTER: &str = "$filter";
pub(crate) const ORDER_BY: &str = "$orderBy";

/// Characters a query value keeps as they are (RFC 3986 unreserved).
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Name,
    DueDate,
    RunCreated,
}

impl Field {
    const ALL: [(&'static str, Field); 3] = [
        ("name", Field::Name),
        ("dueDate", Field::DueDate),
        ("run.created.dateTime", Field::RunCreated),
    ];

    fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, f)| *f == self)
            .map(|(n, _)| *n)
            .unwrap_or_default()
    }
}

/// A parsed `$orderBy`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Order {
    field: Field,
    descending: bool,
}

impl Default for Order {
    /// The documented default, `run.created.dateTime desc`.
    fn default() -> Self {
        Order {
            field: Field::RunCreated,
            descending: true,
        }
    }
}

impl Order {
    fn parse(text: &str) -> Result<Order, ApiError> {
        let bad = || {
            let fields: Vec<&str> = Field::ALL.iter().map(|(n, _)| *n).collect();
            ApiError::invalid(
                ORDER_BY,
                format!(
                    "Unsupported $orderBy {text:?}: use one of {}, optionally followed by asc or desc.",
                    fields.join(", ")
                ),
            )
        };
        let mut words = text.split_whitespace();
        let Some(field) = words.next() else {
            return Ok(Order::default());
        };
        let field = Field::ALL
            .iter()
            .find(|(n, _)| *n == field)
            .map(|(_, f)| *f)
            .ok_or_else(bad)?;
        let descending = match words.next() {
            None => false,
            Some(d) if d.eq_ignore_ascii_case("asc") => false,
            Some(d) if d.eq_ignore_ascii_case("desc") => true,
            Some(_) => return Err(bad()),
        };
        if words.next().is_some() {
            return Err(bad());
        }
        Ok(Order { field, descending })
    }

    fn canonical(self) -> String {
        format!(
            "{} {}",
            self.field.name(),
            if self.descending { "desc" } else { "asc" }
        )
    }

    fn key(self, p: &Process) -> Option<SortValue> {
        match self.field {
            Field::Name => p.name.as_ref().map(|n| SortValue::Text(n.to_lowercase())),
            Field::DueDate => p
                .due_date
                .map(|d| SortValue::Int(i64::from(chrono::Datelike::num_days_from_ce(&d)))),
            Field::RunCreated => p
                .run
                .as_ref()
                .and_then(|r| r.created.as_ref())
                .and_then(|c| c.date_time)
                .map(|t| SortValue::Int(t.timestamp_micros())),
        }
    }

    /// Processes without the sort key come last in either direction; ties go
    /// by creation order, in the same direction.
    fn compare(self, a: (&Option<SortValue>, u64), b: (&Option<SortValue>, u64)) -> Ordering {
        let primary = match (a.0, b.0) {
            (Some(x), Some(y)) => x.cmp(y),
            (Some(_), None) => return Ordering::Less,
            (None, Some(_)) => return Ordering::Greater,
            (None, None) => Ordering::Equal,
        };
        let ordering = primary.then(a.1.cmp(&b.1));
        if self.descending {
            ordering.reverse()
        } else {
            ordering
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(untagged)]
enum SortValue {
    Int(i64),
    Text(String),
}

/// What `$next` encodes: the listing it continues and where it stopped.
#[derive(Debug, Serialize, Deserialize)]
struct Cursor {
    /// Canonical `$orderBy`.
    o: String,
    /// `$filter` needle, lower-cased.
    f: Option<String>,
    /// Sort key of the last process served.
    k: Option<SortValue>,
    /// Creation order of the last process served.
    s: u64,
}

impl Cursor {
    fn encode(&self) -> String {
        let json = serde_json::to_vec(self).unwrap_or_default();
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(json)
    }

    fn decode(text: &str) -> Result<Cursor, ApiError> {
        let bad = || ApiError::invalid(NEXT, "Invalid $next cursor: pass the one from @nextLink.");
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(text)
            .map_err(|_| bad())?;
        serde_json::from_slice(&bytes).map_err(|_| bad())
    }
}

/// Parses `name contains '<text>'`, the one filter Workiva documents; `''`
/// inside the quotes stands for one quote, as in OData.
fn parse_filter(text: &str) -> Result<String, ApiError> {
    let bad = || {
        ApiError::invalid(
            FILTER,
            format!("Unsupported $filter {text:?}: only name contains '<text>' is supported."),
        )
    };
    let rest = text.trim().strip_prefix("name").ok_or_else(bad)?;
    let after_field = rest.trim_start();
    if after_field.len() == rest.len() {
        return Err(bad());
    }
    let (operator, literal) = after_field
        .split_once(char::is_whitespace)
        .ok_or_else(bad)?;
    if !operator.eq_ignore_ascii_case("contains") {
        return Err(bad());
    }
    let quoted = literal
        .trim()
        .strip_prefix('\'')
        .and_then(|l| l.strip_suffix('\''))
        .ok_or_else(bad)?;
    let mut needle = String::new();
    let mut chars = quoted.chars().peekable();
    while let Some(c) = chars.next() {
        // A quote inside the literal must be doubled.
        if c == '\'' && chars.next() != Some('\'') {
            return Err(bad());
        }
        needle.push(c);
    }
    Ok(needle.to_lowercase())
}

/// One page of live processes, for `listProcesses`.
pub(crate) fn list<'a>(
    entries: impl Iterator<Item = &'a Entry>,
    req: &ValidRequest,
    list_url: &str,
) -> Result<ProcessListResult, ApiError> {
    let given = |name: &str| req.query_str(name).filter(|v| !v.trim().is_empty());
    let order = given(ORDER_BY).map(Order::parse).transpose()?;
    let filter = given(FILTER).map(parse_filter).transpose()?;
    let cursor = given(NEXT).map(Cursor::decode).transpose()?;
    let (order, filter) = match &cursor {
        Some(c) => {
            let cursor_order = Order::parse(&c.o)?;
            // The cursor fixes the listing; parameters sent beside it must
            // agree with it, or the pages would not fit together.
            if order.is_some_and(|o| o != cursor_order)
                || filter.as_ref().is_some_and(|f| Some(f) != c.f.as_ref())
            {
                return Err(ApiError::invalid(
                    NEXT,
                    "$next belongs to a listing with another $orderBy or $filter.",
                ));
            }
            (cursor_order, c.f.clone())
        }
        None => (order.unwrap_or_default(), filter),
    };
    let page_size = req
        .query_u64(MAX_PAGE_SIZE)
        .and_then(|n| usize::try_from(n).ok())
        .unwrap_or(DEFAULT_PAGE_SIZE);

    let mut rows: Vec<(Option<SortValue>, u64, &Process)> = entries
        .filter(|e| match &filter {
            Some(needle) => e
                .process
                .name
                .as_ref()
                .is_some_and(|n| n.to_lowercase().contains(needle.as_str())),
            None => true,
        })
        .map(|e| (order.key(&e.process), e.seq, &e.process))
        .collect();
    rows.sort_by(|a, b| order.compare((&a.0, a.1), (&b.0, b.1)));
    let start = match &cursor {
        Some(c) => {
            rows.partition_point(|r| order.compare((&r.0, r.1), (&c.k, c.s)) != Ordering::Greater)
        }
        None => 0,
    };
    let page: Vec<&(Option<SortValue>, u64, &Process)> =
        rows[start..].iter().take(page_size).collect();
    let more = rows.len() > start + page.len();
    let next_link = match page.last() {
        Some(last) if more => {
            let next = Cursor {
                o: order.canonical(),
                f: filter.clone(),
                k: last.0.clone(),
                s: last.1,
            }
            .encode();
            let mut params: Vec<(&str, String)> = Vec::new();
            for name in [MAX_PAGE_SIZE, FILTER, ORDER_BY] {
                if let Some(value) = req.query.get(name) {
                    let text = value
                        .as_str()
                        .map(str::to_owned)
                        .unwrap_or_else(|| value.to_string());
                    params.push((name, text));
                }
            }
            params.push((NEXT, next));
            let query: Vec<String> = params
                .iter()
                .map(|(k, v)| format!("{k}={}", utf8_percent_encode(v, QUERY_VALUE)))
                .collect();
            Some(format!("{list_url}?{}", query.join("&")))
        }
        _ => None,
    };
    Ok(ProcessListResult {
        data: page.into_iter().map(|r| r.2.clone()).collect(),
        next_link,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters() {
        assert_eq!(parse_filter("name contains 'Q1'").unwrap(), "q1");
        assert_eq!(parse_filter("  name  CONTAINS  'it''s'  ").unwrap(), "it's");
        assert_eq!(parse_filter("name contains ''").unwrap(), "");
        for bad in [
            "name eq 'x'",
            "title contains 'x'",
            "name contains x",
            "name contains 'a'b'",
            "namecontains 'x'",
        ] {
            assert!(parse_filter(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn orders() {
        assert_eq!(
            Order::parse("name").unwrap(),
            Order {
                field: Field::Name,
                descending: false
            }
        );
        assert_eq!(
            Order::parse("dueDate DESC").unwrap(),
            Order {
                field: Field::DueDate,
                descending: true
            }
        );
        assert_eq!(
            Order::parse("run.created.dateTime asc")
                .unwrap()
                .canonical(),
            "run.created.dateTime asc"
        );
        for bad in ["created", "name up", "name asc desc"] {
            assert!(Order::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn missing_keys_sort_last_both_ways() {
        for descending in [false, true] {
            let o = Order {
                field: Field::Name,
                descending,
            };
            let some = Some(SortValue::Text("a".into()));
            assert_eq!(o.compare((&some, 5), (&None, 1)), Ordering::Less);
        }
    }

    #[test]
    fn cursors_round_trip_and_reject_garbage() {
        let c = Cursor {
            o: "name asc".into(),
            f: None,
            k: Some(SortValue::Int(-3)),
            s: 9,
        };
        let back = Cursor::decode(&c.encode()).unwrap();
        assert_eq!((back.k, back.s), (Some(SortValue::Int(-3)), 9));
        assert!(Cursor::decode("not a cursor").is_err());
    }
}
