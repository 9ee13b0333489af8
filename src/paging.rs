//! Paging: `listProcesses` as a stream of processes that follows `@nextLink`.

use std::num::NonZeroU32;

use futures_util::Stream;

use crate::{Client, Error, ErrorKind, Operation, types};

/// Query of [`Client::list_processes_stream`].
#[derive(Debug, Clone, Default)]
pub struct ListProcesses {
    /// `$filter`; only `name contains '...'` is supported by the API.
    pub filter: Option<String>,
    /// `$orderBy`, e.g. `name asc`.
    pub order_by: Option<String>,
    /// `$maxpagesize` (1 to 1000).
    pub page_size: Option<NonZeroU32>,
}

#[derive(Debug, Clone, Default)]
struct PageQuery {
    filter: Option<String>,
    order_by: Option<String>,
    page_size: Option<NonZeroU32>,
    next: Option<String>,
}

enum State {
    Next(PageQuery),
    /// A refused next link: reported after the page that carried it.
    Fail(Error),
    Done,
}

impl Client {
    /// Every process, page after page, following `@nextLink`. A next link to
    /// another origin or path than this client's is not followed (the token
    /// would go with it): the stream ends with an [`ErrorKind::InvalidBody`]
    /// error instead.
    pub fn list_processes_stream(
        &self,
        query: ListProcesses,
    ) -> impl Stream<Item = Result<types::Process, Error>> + Send + '_ {
        let first = PageQuery {
            filter: query.filter,
            order_by: query.order_by,
            page_size: query.page_size,
            next: None,
        };
        let pages = futures_util::stream::try_unfold(State::Next(first), move |state| async move {
            let q = match state {
                State::Next(q) => q,
                State::Fail(e) => return Err(e),
                State::Done => return Ok(None),
            };
            let page = self
                .list_processes(
                    q.filter.as_deref(),
                    q.page_size,
                    q.next.as_deref(),
                    q.order_by.as_deref(),
                )
                .await?;
            let next = match page.next_link.as_deref().filter(|l| !l.is_empty()) {
                None => State::Done,
                Some(link) => self.follow(link).map_or_else(State::Fail, State::Next),
            };
            Ok(Some((
                futures_util::stream::iter(page.data.into_iter().map(Ok)),
                next,
            )))
        });
        futures_util::TryStreamExt::try_flatten(pages)
    }

    /// The query a next link asks for, if it points back at this API.
    fn follow(&self, link: &str) -> Result<PageQuery, Error> {
        let op = Operation::find("listProcesses").expect("listProcesses is in the spec");
        let refuse = |why: String| Error::link_refused(op, why);
        let url = self
            .base()
            .join(link)
            .map_err(|e| refuse(format!("@nextLink `{link}` is not a URL: {e}")))?;
        let base = self.base();
        if url.origin() != base.origin() {
            return Err(refuse(format!(
                "@nextLink points at another origin ({}); not following it with the token",
                url.origin().ascii_serialization()
            )));
        }
        let expected = format!("{}{}", base.path().trim_end_matches('/'), op.path);
        if url.path() != expected {
            return Err(refuse(format!(
                "@nextLink points at `{}`, not `{expected}`",
                url.path()
            )));
        }
        let mut q = PageQuery::default();
        for (k, v) in url.query_pairs() {
            match k.as_ref() {
                "$next" => q.next = Some(v.into_owned()),
                "$filter" => q.filter = Some(v.into_owned()),
                "$orderBy" => q.order_by = Some(v.into_owned()),
                "$maxpagesize" => q.page_size = v.parse().ok(),
                _ => {}
            }
        }
        if q.next.is_none() {
            return Err(refuse(format!(
                "@nextLink `{link}` carries no $next cursor"
            )));
        }
        Ok(q)
    }
}

impl Error {
    pub(crate) fn link_refused(op: &Operation, why: String) -> Error {
        let mut e = Error::invalid_input(op, why);
        e.set_kind(ErrorKind::InvalidBody);
        e
    }
}
