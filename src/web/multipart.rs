//! A small, strict reader of `multipart/form-data` bodies (file uploads):
//! the CSRF guard reads the token field from it and the CSV import its file.
//! Anything malformed is refused as a whole.

/// One part of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub name: String,
    /// Present for file inputs.
    pub filename: Option<String>,
    pub data: Vec<u8>,
}

/// The boundary of a `multipart/form-data` content type.
pub fn boundary(content_type: &str) -> Option<String> {
    let mut pieces = content_type.split(';');
    let kind = pieces.next()?.trim();
    if !kind.eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    pieces.find_map(|p| {
        let (k, v) = p.trim().split_once('=')?;
        if !k.trim().eq_ignore_ascii_case("boundary") {
            return None;
        }
        let v = v.trim().trim_matches('"');
        (!v.is_empty() && v.len() <= 70).then(|| v.to_string())
    })
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if needle.is_empty() || from > hay.len() {
        return None;
    }
    hay[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// `name="…"` parameter of a Content-Disposition header value.
fn param(disposition: &str, key: &str) -> Option<String> {
    disposition.split(';').skip(1).find_map(|p| {
        let (k, v) = p.trim().split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case(key)
            .then(|| v.trim().trim_matches('"').to_string())
    })
}

/// Splits a body into parts; `None` when it is not well formed.
pub fn parse(content_type: &str, body: &[u8]) -> Option<Vec<Part>> {
    let b = boundary(content_type)?;
    let delim = format!("--{b}");
    let next_delim = format!("\r\n--{b}");
    let mut pos = find(body, delim.as_bytes(), 0)? + delim.len();
    let mut parts = Vec::new();
    loop {
        let rest = body.get(pos..)?;
        if rest.starts_with(b"--") {
            return Some(parts);
        }
        if !rest.starts_with(b"\r\n") {
            return None;
        }
        let head_start = pos + 2;
        let head_end = find(body, b"\r\n\r\n", head_start)?;
        let head = std::str::from_utf8(&body[head_start..head_end]).ok()?;
        let mut name = None;
        let mut filename = None;
        for line in head.split("\r\n") {
            let (k, v) = line.split_once(':')?;
            if k.trim().eq_ignore_ascii_case("content-disposition") {
                if !v.trim().to_ascii_lowercase().starts_with("form-data") {
                    return None;
                }
                name = param(v, "name");
                filename = param(v, "filename");
            }
        }
        let data_start = head_end + 4;
        let data_end = find(body, next_delim.as_bytes(), data_start)?;
        parts.push(Part {
            name: name?,
            filename,
            data: body[data_start..data_end].to_vec(),
        });
        pos = data_end + next_delim.len();
    }
}

/// The value of the non-file field `name`, when there is exactly one.
pub fn text_field(parts: &[Part], name: &str) -> Option<String> {
    let mut found = parts.iter().filter(|p| p.name == name);
    let first = found.next()?;
    if found.next().is_some() || first.filename.is_some() {
        return None;
    }
    String::from_utf8(first.data.clone()).ok()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const CT: &str = "multipart/form-data; boundary=----XyZ";

    fn body() -> Vec<u8> {
        b"------XyZ\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\nabc\r\n\
------XyZ\r\nContent-Disposition: form-data; name=\"csv_file\"; filename=\"a.csv\"\r\n\
Content-Type: text/csv\r\n\r\nnom;email\r\nA;a@b.fr\r\n\r\n------XyZ--\r\n"
            .to_vec()
    }

    #[test]
    fn reads_fields_and_files() {
        let parts = parse(CT, &body()).unwrap();
        assert_eq!(parts.len(), 2);
        assert_eq!(text_field(&parts, "csrf_token").as_deref(), Some("abc"));
        assert_eq!(parts[1].filename.as_deref(), Some("a.csv"));
        assert_eq!(parts[1].data, b"nom;email\r\nA;a@b.fr\r\n");
        assert_eq!(text_field(&parts, "csv_file"), None);
    }

    #[test]
    fn refuses_malformed_bodies() {
        assert!(parse(CT, b"------XyZ\r\nno header end").is_none());
        assert!(parse("multipart/form-data", &body()).is_none());
        assert!(parse("text/plain; boundary=----XyZ", &body()).is_none());
        let mut cut = body();
        cut.truncate(cut.len() - 12);
        assert!(parse(CT, &cut).is_none());
    }
}
