//! Request bodies → core calls → response bodies. Everything here is
//! synchronous and runs on a blocking thread; the core does the work.

use crate::error::ApiError;
use copydesk::{InputKind, Options};
use serde::Deserialize;

/// Output formats of `/v1/extract`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    #[default]
    Json,
    Markdown,
    Text,
    Html,
}

impl Format {
    pub fn content_type(self) -> &'static str {
        match self {
            Format::Json => "application/json",
            Format::Markdown => "text/markdown; charset=utf-8",
            Format::Text => "text/plain; charset=utf-8",
            Format::Html => "text/html; charset=utf-8",
        }
    }
}

/// How to read a raw body (`?input=`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InputParam {
    Auto,
    Html,
    Text,
}

/// Query parameters of `/v1/extract`; for raw bodies they are the options,
/// for JSON bodies the body's fields take precedence.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExtractQuery {
    pub format: Option<Format>,
    pub url: Option<String>,
    pub analyze: Option<bool>,
    pub explain: Option<bool>,
    pub input: Option<InputParam>,
    pub published: Option<String>,
}

/// The JSON body of `/v1/extract`. A field may be left out but not be
/// `null` (the OpenAPI document says so).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExtractJson {
    #[serde(default, deserialize_with = "not_null")]
    html: Option<String>,
    #[serde(default, deserialize_with = "not_null")]
    text: Option<String>,
    #[serde(default, deserialize_with = "not_null")]
    url: Option<String>,
    #[serde(default, deserialize_with = "not_null")]
    analyze: Option<bool>,
    #[serde(default, deserialize_with = "not_null")]
    explain: Option<bool>,
    #[serde(default, deserialize_with = "not_null")]
    format: Option<Format>,
    #[serde(default, deserialize_with = "not_null")]
    published: Option<String>,
}

/// The JSON body of `/v1/analyze`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AnalyzeJson {
    text: String,
    #[serde(default, deserialize_with = "not_null")]
    published: Option<String>,
}

/// An optional field that, when present, must hold a value.
fn not_null<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    T::deserialize(d).map(Some)
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnalyzeQuery {
    pub published: Option<String>,
}

/// What the request's `Content-Type` says about the body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BodyType {
    pub json: bool,
    /// `Html`/`Text` when the media type says so.
    pub input: Option<InputKind>,
    pub charset: Option<String>,
}

impl BodyType {
    pub fn parse(content_type: Option<&str>) -> BodyType {
        let Some(ct) = content_type else {
            return BodyType::default();
        };
        let mut parts = ct.split(';');
        let media = parts.next().unwrap_or("").trim().to_ascii_lowercase();
        let charset = parts.find_map(|p| {
            let (k, v) = p.split_once('=')?;
            k.trim()
                .eq_ignore_ascii_case("charset")
                .then(|| v.trim().trim_matches('"').to_string())
        });
        let json = media == "application/json" || media.ends_with("+json");
        let input = match media.as_str() {
            "text/html" | "application/xhtml+xml" => Some(InputKind::Html),
            "text/plain" => Some(InputKind::Text),
            _ => None,
        };
        BodyType {
            json,
            input,
            charset,
        }
    }
}

/// A finished response body with its content type.
#[derive(Debug)]
pub struct Rendered {
    pub content_type: &'static str,
    pub body: Vec<u8>,
}

/// `/v1/extract`: the document as JSON or rendered.
pub fn extract(
    body: &[u8],
    body_type: &BodyType,
    query: &ExtractQuery,
    max_bytes: usize,
) -> Result<Rendered, ApiError> {
    let mut opts = Options {
        url: query.url.clone(),
        input: match query.input {
            Some(InputParam::Html) => InputKind::Html,
            Some(InputParam::Text) => InputKind::Text,
            Some(InputParam::Auto) => InputKind::Auto,
            None => body_type.input.unwrap_or(InputKind::Auto),
        },
        explain: query.explain.unwrap_or(false),
        analyze: query.analyze.unwrap_or(false),
        published: query.published.clone(),
        http_charset: body_type.charset.clone(),
        ..Options::default()
    };
    opts.max_bytes = max_bytes;
    let mut format = query.format.unwrap_or_default();
    let doc = if body_type.json {
        let req: ExtractJson = parse_json(body)?;
        let (input, kind) = match (req.html, req.text) {
            (Some(h), None) => (h, InputKind::Html),
            (None, Some(t)) => (t, InputKind::Text),
            (Some(_), Some(_)) => {
                return Err(ApiError::Invalid(
                    "give either \"html\" or \"text\", not both".into(),
                ))
            }
            (None, None) => return Err(ApiError::Invalid("give \"html\" or \"text\"".into())),
        };
        opts.input = kind;
        // The JSON string is already decoded text: no transport charset applies.
        opts.http_charset = None;
        opts.url = req.url.or(opts.url);
        opts.analyze = req.analyze.unwrap_or(opts.analyze);
        opts.explain = req.explain.unwrap_or(opts.explain);
        opts.published = req.published.or(opts.published);
        format = req.format.unwrap_or(format);
        copydesk::extract(input.as_bytes(), &opts)?
    } else {
        copydesk::extract(body, &opts)?
    };
    let body = match format {
        Format::Json => to_json(&doc)?,
        Format::Markdown => copydesk::render::markdown(&doc).into_bytes(),
        Format::Text => copydesk::render::text(&doc).into_bytes(),
        Format::Html => copydesk::render::html(&doc).into_bytes(),
    };
    Ok(Rendered {
        content_type: format.content_type(),
        body,
    })
}

/// `/v1/analyze`: quotes, entities and dates in plain text taken as it is.
pub fn analyze(
    body: &[u8],
    body_type: &BodyType,
    query: &AnalyzeQuery,
) -> Result<Rendered, ApiError> {
    if body.is_empty() {
        return Err(copydesk::Error::Empty.into());
    }
    let (text, published) = if body_type.json {
        let req: AnalyzeJson = parse_json(body)?;
        (req.text, req.published.or_else(|| query.published.clone()))
    } else {
        let text = match std::str::from_utf8(body) {
            Ok(t) => t.to_string(),
            Err(_) => {
                return Err(ApiError::Invalid(
                    "the body is not UTF-8 text (offsets would not refer to it)".into(),
                ))
            }
        };
        (text, query.published.clone())
    };
    let analysis = copydesk::analyze(&text, published.as_deref());
    Ok(Rendered {
        content_type: "application/json",
        body: to_json(&analysis)?,
    })
}

fn parse_json<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    serde_json::from_slice(body).map_err(|e| match e.classify() {
        serde_json::error::Category::Data => ApiError::Invalid(format!("invalid request: {e}")),
        _ => ApiError::BadRequest(format!("the body is not valid JSON: {e}")),
    })
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<Vec<u8>, ApiError> {
    serde_json::to_vec(value).map_err(|e| ApiError::Internal(format!("serialising: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "<html><head><title>Rain | Daily</title></head><body><article>\
        <h1>Rain returns</h1><p>The rain came back on Tuesday after a dry month, \
        and farmers across the valley said they were relieved to see it.</p>\
        </article></body></html>";

    #[test]
    fn content_type_decides_json_kind_and_charset() {
        let t = BodyType::parse(Some("text/html; charset=\"ISO-8859-1\""));
        assert_eq!(t.input, Some(InputKind::Html));
        assert_eq!(t.charset.as_deref(), Some("ISO-8859-1"));
        assert!(!t.json);
        assert!(BodyType::parse(Some("application/problem+json")).json);
        assert_eq!(
            BodyType::parse(Some("text/plain")).input,
            Some(InputKind::Text)
        );
        assert_eq!(BodyType::parse(None), BodyType::default());
    }

    #[test]
    fn raw_html_and_json_html_give_the_same_document() {
        let q = ExtractQuery::default();
        let raw = extract(PAGE.as_bytes(), &BodyType::default(), &q, 1 << 20).unwrap();
        let body = serde_json::json!({ "html": PAGE }).to_string();
        let json_type = BodyType::parse(Some("application/json"));
        let via_json = extract(body.as_bytes(), &json_type, &q, 1 << 20).unwrap();
        assert_eq!(raw.body, via_json.body);
        let v: serde_json::Value = serde_json::from_slice(&raw.body).unwrap();
        assert_eq!(v["title"], "Rain returns");
    }

    #[test]
    fn json_fields_choose_format_and_analysis() {
        let json_type = BodyType::parse(Some("application/json"));
        let body = serde_json::json!({ "html": PAGE, "format": "markdown" }).to_string();
        let r = extract(
            body.as_bytes(),
            &json_type,
            &ExtractQuery::default(),
            1 << 20,
        )
        .unwrap();
        assert!(r.content_type.starts_with("text/markdown"));
        assert!(String::from_utf8_lossy(&r.body).starts_with("# Rain returns"));
        let body = serde_json::json!({ "text": "\"It is wet,\" said Ann Lee.", "analyze": true })
            .to_string();
        let r = extract(
            body.as_bytes(),
            &json_type,
            &ExtractQuery::default(),
            1 << 20,
        )
        .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
        assert!(v["quotes"].is_array(), "{v}");
    }

    #[test]
    fn bad_json_bodies_are_client_errors() {
        let json_type = BodyType::parse(Some("application/json"));
        let q = ExtractQuery::default();
        let e = extract(b"{\"html\":", &json_type, &q, 1 << 20).unwrap_err();
        assert_eq!(e.kind(), "bad-request");
        let e = extract(b"{\"html\":1}", &json_type, &q, 1 << 20).unwrap_err();
        assert_eq!(e.kind(), "invalid-request");
        let e = extract(b"{\"html\":\"a\",\"text\":\"b\"}", &json_type, &q, 1 << 20).unwrap_err();
        assert_eq!(e.kind(), "invalid-request");
        let e = extract(b"{\"html\":null,\"text\":\"x\"}", &json_type, &q, 1 << 20).unwrap_err();
        assert_eq!(e.kind(), "invalid-request");
        let e = extract(b"{\"html\":\"x\",\"url\":null}", &json_type, &q, 1 << 20).unwrap_err();
        assert_eq!(e.kind(), "invalid-request");
        let e = extract(b"{}", &json_type, &q, 1 << 20).unwrap_err();
        assert_eq!(e.kind(), "invalid-request");
        let e = extract(b"{\"html\":\"x\",\"nope\":1}", &json_type, &q, 1 << 20).unwrap_err();
        assert_eq!(e.kind(), "invalid-request");
    }

    #[test]
    fn core_refusals_pass_through() {
        let q = ExtractQuery::default();
        let e = extract(b"   ", &BodyType::default(), &q, 1 << 20).unwrap_err();
        assert_eq!(e.kind(), "empty");
        let e = extract(PAGE.as_bytes(), &BodyType::default(), &q, 10).unwrap_err();
        assert_eq!(e.kind(), "too-large");
    }

    #[test]
    fn analyze_takes_text_or_json_and_refuses_invalid_utf8() {
        let text = "\"We are ready,\" said Maria Lopez, the mayor.";
        let r = analyze(
            text.as_bytes(),
            &BodyType::default(),
            &AnalyzeQuery::default(),
        )
        .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
        assert!(v["quotes"].is_array() && v["entities"].is_array() && v["dates"].is_array());
        let body = serde_json::json!({ "text": text }).to_string();
        let r2 = analyze(
            body.as_bytes(),
            &BodyType::parse(Some("application/json")),
            &AnalyzeQuery::default(),
        )
        .unwrap();
        assert_eq!(r.body, r2.body);
        let e = analyze(b"caf\xe9", &BodyType::default(), &AnalyzeQuery::default()).unwrap_err();
        assert_eq!(e.kind(), "invalid-request");
        let e = analyze(b"", &BodyType::default(), &AnalyzeQuery::default()).unwrap_err();
        assert_eq!(e.kind(), "empty");
    }
}
