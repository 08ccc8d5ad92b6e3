//! Plain-text path: scraped text in, clean article out. (in progress)
