//! What an .xlsx sheet's XML says that calamine 0.38 does not read or
//! does not check: which rows are hidden (`<row r="5" hidden="1">`), and
//! whether a cell reference lies beyond Excel's range (`<c
//! r="ABCDEFGH1">`: calamine adds up its letters and digits in a `u32`
//! unchecked, which panics in a debug build and silently wraps to a wrong
//! cell in a release one; tafia/calamine#709). The sheet's XML part is
//! found (`_rels/.rels` → the workbook part → its `<sheet>`s in order →
//! their relationships' targets) and scanned here before calamine reads
//! it, tag by tag.
//!
//! A small byte scanner, not an XML parser: it looks only at start tags,
//! skips any tag longer than [`MAX_TAG`], reads a part in chunks (never
//! whole) and at most `budget` bytes of it, and answers “nothing hidden,
//! nothing out of range” (or no parts) for anything it cannot follow. The
//! archive has been decompressed once under a budget before this runs
//! (`check_archive`), so a crafted part costs at most that much reading;
//! nothing here panics.

use std::collections::{BTreeSet, HashMap};
use std::io::{Cursor, Read};

/// The longest start tag looked into, in bytes; a longer one is skipped.
const MAX_TAG: usize = 4096;

/// The most bytes read of a small part (the relationships, the workbook).
const MAX_SMALL_PART: u64 = 16 * 1024 * 1024;

/// Calls `each` with every start tag's text between `<` and `>` (`row
/// r="5" hidden="1"`, or `row r="5"/` when it closes itself), reading at
/// most `budget` bytes. Closing tags, declarations, comments and tags
/// longer than [`MAX_TAG`] are passed over; a `>` inside quotes does not
/// end a tag.
fn start_tags(reader: impl Read, budget: u64, mut each: impl FnMut(&[u8])) {
    let mut reader = reader.take(budget);
    let mut chunk = vec![0u8; 64 * 1024];
    let mut tag: Vec<u8> = Vec::new();
    let mut in_tag = false;
    let mut too_long = false;
    let mut quote: Option<u8> = None;
    loop {
        let n = match reader.read(&mut chunk) {
            Ok(0) | Err(_) => return,
            Ok(n) => n,
        };
        for &b in &chunk[..n] {
            if !in_tag {
                if b == b'<' {
                    in_tag = true;
                    too_long = false;
                    quote = None;
                    tag.clear();
                }
                continue;
            }
            match quote {
                Some(q) if b == q => quote = None,
                Some(_) => {}
                None if b == b'"' || b == b'\'' => quote = Some(b),
                None if b == b'>' => {
                    in_tag = false;
                    if !too_long && !matches!(tag.first(), None | Some(b'/' | b'?' | b'!')) {
                        each(&tag);
                    }
                    continue;
                }
                None => {}
            }
            if tag.len() < MAX_TAG {
                tag.push(b);
            } else {
                too_long = true;
            }
        }
    }
}

/// A start tag's local name (`x:row` → `row`).
fn tag_name(tag: &[u8]) -> &[u8] {
    let end = tag.iter().position(|&b| b.is_ascii_whitespace() || b == b'/').unwrap_or(tag.len());
    local(&tag[..end])
}

/// A start tag's attributes as written, keys by local name (`r:id` →
/// `id`), values not unescaped, namespace declarations (`xmlns:r=…`)
/// left out. Stops at the first thing it cannot read.
fn raw_attrs(tag: &[u8]) -> impl Iterator<Item = (&[u8], &[u8])> {
    all_attrs(tag)
        .filter(|(key, _)| !(*key == b"xmlns" || key.starts_with(b"xmlns:")))
        .map(|(key, value)| (local(key), value))
}

/// Every attribute of a start tag, keys and values as written.
fn all_attrs(tag: &[u8]) -> impl Iterator<Item = (&[u8], &[u8])> {
    let is_space = |b: u8| b.is_ascii_whitespace();
    let mut i = tag.iter().position(|&b| is_space(b) || b == b'/').unwrap_or(tag.len());
    std::iter::from_fn(move || {
        while i < tag.len() && (is_space(tag[i]) || tag[i] == b'/') {
            i += 1;
        }
        let key_start = i;
        while i < tag.len() && !is_space(tag[i]) && tag[i] != b'=' {
            i += 1;
        }
        let key = &tag[key_start..i];
        while i < tag.len() && is_space(tag[i]) {
            i += 1;
        }
        if key.is_empty() || tag.get(i) != Some(&b'=') {
            i = tag.len();
            return None;
        }
        i += 1;
        while i < tag.len() && is_space(tag[i]) {
            i += 1;
        }
        let Some(&q) = tag.get(i).filter(|&&q| q == b'"' || q == b'\'') else {
            i = tag.len();
            return None;
        };
        let start = i + 1;
        let Some(len) = tag[start..].iter().position(|&b| b == q) else {
            i = tag.len();
            return None;
        };
        i = start + len + 1;
        Some((key, &tag[start..start + len]))
    })
}

/// A start tag's local name and its attributes, values unescaped.
fn parse_tag(tag: &[u8]) -> (&[u8], Vec<(&[u8], String)>) {
    (tag_name(tag), raw_attrs(tag).map(|(k, v)| (k, unescape(v))).collect())
}

/// A cell reference or range (`A1`, `B2:H9`, a row number `5`) within
/// what calamine can add up: at most three letters and seven digits a
/// part (Excel's own limits are `XFD` and `1048576`). Anything else that
/// is no reference is left to calamine, which refuses it.
fn in_range(reference: &[u8]) -> bool {
    reference.split(|&b| b == b':').all(|part| {
        let letters = part.iter().take_while(|b| b.is_ascii_alphabetic()).count();
        let digits = part[letters..].iter().take_while(|b| b.is_ascii_digit()).count();
        letters <= 3 && digits <= 7
    })
}

/// The part of a name after its namespace prefix.
fn local(name: &[u8]) -> &[u8] {
    name.iter().rposition(|&b| b == b':').map_or(name, |i| &name[i + 1..])
}

/// An attribute value with XML's five named entities replaced.
fn unescape(value: &[u8]) -> String {
    String::from_utf8_lossy(value)
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

fn attr<'a>(attrs: &'a [(&[u8], String)], key: &str) -> Option<&'a str> {
    attrs.iter().find(|(k, _)| *k == key.as_bytes()).map(|(_, v)| v.as_str())
}

/// A part's path joined to the folder of the part that names it (`xl/`
/// + `worksheets/sheet1.xml`; `/xl/…` is from the root; `..` goes up).
fn resolve(folder: &str, target: &str) -> String {
    let target = target.replace('\\', "/");
    let joined = if let Some(abs) = target.strip_prefix('/') {
        abs.to_string()
    } else {
        format!("{folder}{target}")
    };
    let mut parts: Vec<&str> = Vec::new();
    for p in joined.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// The archive, and its part names by their lower-case form (as calamine
/// finds parts: case and `\` do not matter).
struct Parts<'a> {
    archive: zip::ZipArchive<Cursor<&'a [u8]>>,
    names: HashMap<String, String>,
}

impl<'a> Parts<'a> {
    fn open(bytes: &'a [u8]) -> Option<Parts<'a>> {
        let archive = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
        let names = archive
            .file_names()
            .flatten()
            .map(|n| (n.replace('\\', "/").to_ascii_lowercase(), n.to_string()))
            .collect();
        Some(Parts { archive, names })
    }

    /// The archive's own name of a part, if it has it.
    fn name(&self, path: &str) -> Option<String> {
        self.names.get(&path.to_ascii_lowercase()).cloned()
    }

    /// Every start tag of a part, parsed, read to at most `budget` bytes.
    fn scan(&mut self, path: &str, budget: u64, each: impl FnMut(&[u8])) -> Option<()> {
        let name = self.name(path)?;
        let part = self.archive.by_name(&name).ok()?;
        start_tags(part, budget, each);
        Some(())
    }

    /// `Id` → `Target` of a relationships part, the targets resolved from
    /// `folder`.
    fn relationships(&mut self, path: &str, folder: &str) -> HashMap<String, (String, String)> {
        let mut found = HashMap::new();
        self.scan(path, MAX_SMALL_PART, |tag| {
            let (name, attrs) = parse_tag(tag);
            if name == b"Relationship" {
                if let (Some(id), Some(target)) = (attr(&attrs, "Id"), attr(&attrs, "Target")) {
                    let kind = attr(&attrs, "Type").unwrap_or("").to_string();
                    found.insert(id.to_string(), (resolve(folder, target), kind));
                }
            }
        });
        found
    }
}

/// The archive paths of the workbook's sheets, in the workbook's order
/// (the order calamine names them in); `None` for a sheet whose part is
/// not found, and `None` altogether when the workbook's parts cannot be
/// followed.
pub(super) fn sheet_parts(bytes: &[u8]) -> Option<Vec<Option<String>>> {
    let mut parts = Parts::open(bytes)?;
    let root = parts.relationships("_rels/.rels", "");
    let workbook = root
        .values()
        .find(|(_, kind)| kind.ends_with("/officeDocument"))
        .map_or_else(|| "xl/workbook.xml".to_string(), |(t, _)| t.clone());
    let (folder, file) = match workbook.rfind('/') {
        Some(i) => workbook.split_at(i + 1),
        None => ("", workbook.as_str()),
    };
    let rels = parts.relationships(&format!("{folder}_rels/{file}.rels"), folder);
    let mut ids = Vec::new();
    parts.scan(&workbook, MAX_SMALL_PART, |tag| {
        let (name, attrs) = parse_tag(tag);
        if name == b"sheet" {
            ids.push(attr(&attrs, "id").map(String::from));
        }
    })?;
    Some(
        ids.into_iter()
            .map(|id| {
                let (target, _) = rels.get(&id?)?;
                parts.name(target)
            })
            .collect(),
    )
}

/// What a sheet's part says beyond its cells.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Scan {
    /// The hidden rows, as 0-based row indices below the scan's limit.
    pub hidden: BTreeSet<u32>,
    /// A cell, row or range reference beyond Excel's range (see the
    /// module docs): the sheet must not be handed to calamine.
    pub out_of_range: bool,
}

/// Scans a sheet's part, reading at most `budget` bytes of it: its hidden
/// rows below `limit` (a `<row>` without `r` follows the one before it)
/// and whether any `r` or `ref` is out of range. Unreadable: nothing.
pub(super) fn scan_sheet(bytes: &[u8], part: &str, budget: u64, limit: u32) -> Scan {
    let mut scan = Scan::default();
    let Some(mut parts) = Parts::open(bytes) else { return scan };
    let mut next = 0u32;
    parts.scan(part, budget, |tag| {
        let is_row = tag_name(tag) == b"row";
        let (mut r, mut hidden) = (None, false);
        for (key, value) in raw_attrs(tag) {
            match key {
                b"r" | b"ref" if !in_range(value) => scan.out_of_range = true,
                b"r" if is_row => r = std::str::from_utf8(value).ok(),
                b"hidden" if is_row => hidden = matches!(value, b"1" | b"true"),
                _ => {}
            }
        }
        if !is_row {
            return;
        }
        let at = match r.and_then(|r| r.trim().parse::<u32>().ok()) {
            Some(r) if r >= 1 => r - 1,
            _ => next,
        };
        next = at.saturating_add(1);
        if hidden && at < limit {
            scan.hidden.insert(at);
        }
    });
    scan
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        start_tags(text.as_bytes(), u64::MAX, |t| out.push(String::from_utf8_lossy(t).into()));
        out
    }

    #[test]
    fn start_tags_skip_closing_tags_and_honour_quotes() {
        let t = tags(r#"<?xml v="1"?><a x="1>2"><!-- c --><b/></a><row r='3' hidden="1">"#);
        assert_eq!(t, vec![r#"a x="1>2""#, "b/", "row r='3' hidden=\"1\""]);
        let (name, attrs) = parse_tag(br#"x:row r="3" x14ac:dyDescent="0.25" hidden="1"/"#);
        assert_eq!(name, b"row");
        assert_eq!(attr(&attrs, "r"), Some("3"));
        assert_eq!(attr(&attrs, "dyDescent"), Some("0.25"));
        assert_eq!(attr(&attrs, "hidden"), Some("1"));
        let (_, attrs) = parse_tag(br#"sheet xmlns:r="urn:x" name="A&amp;B" r:id="rId2""#);
        assert_eq!(attrs.len(), 2, "a namespace declaration is no attribute");
        assert_eq!(attr(&attrs, "name"), Some("A&B"));
        assert_eq!(attr(&attrs, "id"), Some("rId2"));
    }

    #[test]
    fn broken_tags_are_read_as_far_as_they_go() {
        for t in ["", "=", "a =", "a b=", "a b=\"", "a b=x", "a\u{0}b='1' c", "row r=\"-1\""] {
            let _ = parse_tag(t.as_bytes());
        }
        let long = format!("<row r=\"1\" hidden=\"1\" {}>", "x".repeat(MAX_TAG * 2));
        assert!(tags(&long).is_empty(), "a tag too long is skipped");
        assert_eq!(tags("<a b=\"never closed>"), Vec::<String>::new());
    }

    #[test]
    fn references_beyond_excel_are_told() {
        for ok in ["A1", "XFD1048576", "B2:H9", "5", "", "$A$1"] {
            assert!(in_range(ok.as_bytes()), "{ok}");
        }
        for bad in ["ABCDEFGH1", "A99999999999", "A1:ZZZZZZZZ9", "12345678901"] {
            assert!(!in_range(bad.as_bytes()), "{bad}");
        }
    }

    #[test]
    fn paths_resolve_like_the_workbook_names_them() {
        assert_eq!(resolve("xl/", "worksheets/sheet1.xml"), "xl/worksheets/sheet1.xml");
        assert_eq!(resolve("xl/", "/xl/worksheets/s.xml"), "xl/worksheets/s.xml");
        assert_eq!(resolve("xl/sub/", "../worksheets/s.xml"), "xl/worksheets/s.xml");
        assert_eq!(resolve("", "../../../x"), "x");
    }
}
