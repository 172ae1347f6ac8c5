//! Descriptions from a specification as Rust doc comments.
//!
//! Descriptions are Markdown (often with HTML) written for a web page.
//! In a doc comment, some of it would be read as Rust: an indented or
//! fenced block as a doctest, `[name]` as an intra-doc link that cannot
//! resolve. So each paragraph becomes one line, HTML tags are dropped,
//! links with an absolute URL stay links, other brackets and angle
//! brackets are escaped, bare URLs become autolinks, and code fences lose
//! their meaning.

/// The doc comment lines for `text`: one line per paragraph, an empty
/// line between paragraphs; empty when there is no text.
pub(crate) fn doc_lines(text: &str) -> Vec<String> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut paragraphs: Vec<String> = Vec::new();
    for paragraph in text.split("\n\n") {
        let joined = paragraph.split_whitespace().collect::<Vec<_>>().join(" ");
        let clean = escape(&strip_tags(&joined));
        let clean = clean.split_whitespace().collect::<Vec<_>>().join(" ");
        if !clean.is_empty() {
            paragraphs.push(clean);
        }
    }
    let mut lines = Vec::new();
    for paragraph in paragraphs {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.push(paragraph);
    }
    lines
}

/// `text` without HTML tags (`<p>`, `</a>`, `<br/>`), and with the
/// common entities decoded.
fn strip_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let is_tag = after.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!');
        match after.find('>') {
            Some(close) if is_tag && !after[..close].contains('<') => rest = &after[close + 1..],
            _ => {
                out.push('<');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Escapes what rustdoc would misread, keeping absolute links.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(start) = rest.find(['[', ']', '<', '>', '`', '~', 'h']) {
        push_plain(&mut out, &rest[..start]);
        let here = &rest[start..];
        if let Some((link, used)) = markdown_link(here) {
            out.push_str(&link);
            rest = &here[used..];
            continue;
        }
        if let Some(len) = url_length(here) {
            out.push('<');
            out.push_str(&here[..len]);
            out.push('>');
            rest = &here[len..];
            continue;
        }
        let c = here.chars().next().unwrap_or(' ');
        match c {
            '[' | ']' | '<' | '>' => {
                out.push('\\');
                out.push(c);
            }
            '`' if here.starts_with("```") => {
                out.push_str("'''");
                rest = &here[3..];
                continue;
            }
            '~' if here.starts_with("~~~") => {
                out.push_str("---");
                rest = &here[3..];
                continue;
            }
            other => out.push(other),
        }
        rest = &here[c.len_utf8()..];
    }
    push_plain(&mut out, rest);
    out
}

/// Text with no special characters, minus the ones that change a doc
/// comment's meaning invisibly.
fn push_plain(out: &mut String, text: &str) {
    out.extend(
        text.chars()
            .filter(|c| {
                !matches!(
                    c,
                    '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}'
                )
            })
            .map(|c| if c.is_control() { ' ' } else { c }),
    );
}

/// A Markdown link `[text](url)` at the start of `text`: kept as a link
/// when the URL is absolute, else reduced to its text. Returns the
/// replacement and how many bytes it replaces.
fn markdown_link(text: &str) -> Option<(String, usize)> {
    let inner = text.strip_prefix('[')?;
    let close = inner.find(']')?;
    let label = &inner[..close];
    if label.contains('[') {
        return None;
    }
    let after = inner[close + 1..].strip_prefix('(')?;
    let end = after.find(')')?;
    let url = &after[..end];
    if url.contains(char::is_whitespace) {
        return None;
    }
    let used = 1 + close + 2 + end + 1;
    let label = escape_label(label);
    let absolute = url.starts_with("https://") || url.starts_with("http://");
    if absolute && !url.contains(['<', '>', '(', '[', ']']) {
        Some((format!("[{label}]({url})"), used))
    } else {
        Some((label, used))
    }
}

fn escape_label(label: &str) -> String {
    let mut out = String::new();
    for c in label.chars() {
        if matches!(c, '[' | ']' | '<' | '>') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The length of a bare `http://` or `https://` URL at the start of
/// `text`, trailing punctuation left out.
fn url_length(text: &str) -> Option<usize> {
    if !(text.starts_with("https://") || text.starts_with("http://")) {
        return None;
    }
    let end = text
        .find(|c: char| {
            c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`' | '[' | ']' | '(' | ')')
        })
        .unwrap_or(text.len());
    let url = text[..end].trim_end_matches(['.', ',', ';', ':', '!', '?', '\'']);
    (url.len() > "https://".len()).then_some(url.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_become_lines() {
        assert_eq!(
            doc_lines("one\ntwo\n\n\nthree  four"),
            ["one two", "", "three four"]
        );
        assert!(doc_lines(" \n\n ").is_empty());
    }

    #[test]
    fn links_stay_when_absolute() {
        assert_eq!(
            doc_lines("See [the guide](https://stripe.com/docs/x) and [terms](/legal#a)."),
            ["See [the guide](https://stripe.com/docs/x) and terms."]
        );
        assert_eq!(
            doc_lines("contact https://support.stripe.com/contact/ now."),
            ["contact <https://support.stripe.com/contact/> now."]
        );
    }

    #[test]
    fn rust_looking_markdown_is_defused() {
        assert_eq!(doc_lines("a [b] c <-> e"), ["a \\[b\\] c \\<-\\> e"]);
        assert_eq!(
            doc_lines("a <d> e"),
            ["a e"],
            "a tag-like word is dropped as a tag"
        );
        assert_eq!(
            doc_lines("<p>Hello <b>you</b></p> 1 < 2"),
            ["Hello you 1 \\< 2"]
        );
        assert_eq!(doc_lines("```\nfn x() {}\n```"), ["''' fn x() {} '''"]);
        assert_eq!(doc_lines("    indented code"), ["indented code"]);
        assert_eq!(doc_lines("zero\u{200b}width\ttab"), ["zerowidth tab"]);
        assert_eq!(doc_lines("hash http:// nothing"), ["hash http:// nothing"]);
    }
}
