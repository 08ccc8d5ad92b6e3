use thiserror::Error;

/// Why an input could not be turned into an article.
#[derive(Debug, Error)]
pub enum Error {
    #[error("input is empty")]
    Empty,
    #[error("input is {size} bytes, over the limit of {limit} bytes")]
    TooLarge { size: usize, limit: usize },
    #[error("gzip stream is corrupt or truncated: {0}")]
    Gzip(String),
    #[error("input looks like binary data, not HTML or text ({0})")]
    Binary(String),
}

impl Error {
    /// A short stable name for the kind of error (used in batch output).
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Empty => "empty",
            Error::TooLarge { .. } => "too-large",
            Error::Gzip(_) => "gzip",
            Error::Binary(_) => "binary",
        }
    }
}
