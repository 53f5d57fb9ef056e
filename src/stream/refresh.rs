//! `refresh` (turbo-streams.md §5.8, §5.11): the server cannot re-fetch the page, so the
//! action becomes an effect for the host, suppressed as Turbo suppresses it when the request
//! id is one of the client's recent ones.

use std::collections::VecDeque;

/// How many request ids Turbo remembers (`new LimitedSet(20)`).
pub const RECENT_REQUESTS: usize = 20;

/// A page refresh Turbo would start: the host re-renders the page and morphs (or replaces)
/// `<body>` with it.
///
/// Turbo debounces `refresh` (150 ms by default, the last call's arguments win), so a message
/// yields at most one: its last `refresh` stream's. Debouncing across messages is the host's
/// business. Empty attribute values count as absent, as in Turbo.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Refresh {
    /// The `request-id` attribute.
    pub request_id: Option<String>,
    /// The `method` attribute (`morph` or `replace`), overriding the page's
    /// `<meta name="turbo-refresh-method">`.
    pub method: Option<String>,
    /// The `scroll` attribute (`preserve` or `reset`), overriding the page's
    /// `<meta name="turbo-refresh-scroll">`.
    pub scroll: Option<String>,
}

/// Something the host has to do after a message, that the page cannot do itself.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Effect {
    /// A `refresh` stream asked for a page refresh.
    Refresh(Refresh),
}

impl std::fmt::Display for Effect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Effect::Refresh(r) => {
                f.write_str("refresh requested")?;
                for (name, value) in [
                    ("request-id", &r.request_id),
                    ("method", &r.method),
                    ("scroll", &r.scroll),
                ] {
                    if let Some(v) = value {
                        write!(f, " {name}={v:?}")?;
                    }
                }
                Ok(())
            }
        }
    }
}

/// The request ids a client sent last (Turbo's `recentRequests`, a `LimitedSet(20)`): a
/// `refresh` whose `request-id` is among them is the echo of the client's own request and is
/// ignored.
///
/// The host records the `X-Turbo-Request-Id` of each request the page's client makes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RecentRequests {
    ids: VecDeque<String>,
}

impl RecentRequests {
    /// An empty set.
    pub fn new() -> RecentRequests {
        RecentRequests::default()
    }

    /// Records a request id exactly as Turbo's `LimitedSet.add` does: when 20 are held the
    /// oldest is dropped first (even if `id` is already held), and an id already held keeps
    /// its place.
    pub fn record(&mut self, id: &str) {
        if self.ids.len() >= RECENT_REQUESTS {
            self.ids.pop_front();
        }
        if !self.ids.iter().any(|x| x == id) {
            self.ids.push_back(id.to_owned());
        }
    }

    /// Whether `id` is held.
    pub fn contains(&self, id: &str) -> bool {
        self.ids.iter().any(|x| x == id)
    }

    /// The ids held, oldest first.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.ids.iter().map(String::as_str)
    }

    /// How many ids are held (at most [`RECENT_REQUESTS`]).
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether none is held.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Whether Turbo would ignore a refresh with this request id (`requestId &&
    /// recentRequests.has(requestId)`: an empty or missing id never is).
    pub fn suppresses(&self, request_id: Option<&str>) -> bool {
        request_id.is_some_and(|id| !id.is_empty() && self.contains(id))
    }
}
