//! Packing: deflate, optionally with a preset dictionary, and 15 bits per
//! UTF-16 code unit, because Chromium counts `localStorage` in UTF-16 code
//! units (2 bytes each) against ~10 MiB per origin (base64 would carry 6).

/// The first code point of the packing alphabet: U+4000..U+BFFF holds
/// 2^15 code points and no surrogates.
const PACK_BASE: u32 = 0x4000;

/// The most of a dictionary deflate can use (its window).
const WINDOW: usize = 32 * 1024;

/// Deflates `text` and packs it as `Z<byte count>:<15 bits per char>`.
pub fn pack(text: &str) -> String {
    let bytes = miniz_oxide::deflate::compress_to_vec(text.as_bytes(), 9);
    pack_bytes("Z", &bytes)
}

/// Deflates `text` with `dict` (its last 32 KiB) as the preset history
/// and packs it as `Y<byte count>:…`. Sealed chunks use the previous
/// chunk's text: a chunk alone is too short for deflate to find much to
/// refer back to (with it, 20,000 cases take ~20 % less).
pub fn pack_with_dict(dict: &str, text: &str) -> String {
    use miniz_oxide::deflate::core::{
        compress, create_comp_flags_from_zip_params, CompressorOxide, TDEFLFlush, TDEFLStatus,
    };
    let dict = &dict.as_bytes()[dict.len().saturating_sub(WINDOW)..];
    let mut c = CompressorOxide::new(create_comp_flags_from_zip_params(9, -15, 0));
    let mut run = |mut input: &[u8], flush: TDEFLFlush| -> Vec<u8> {
        let mut out = vec![0u8; (input.len() / 2).max(1024)];
        let mut pos = 0;
        loop {
            let (status, used, wrote) = compress(&mut c, input, &mut out[pos..], flush);
            input = &input[used..];
            pos += wrote;
            let full = pos == out.len();
            match status {
                TDEFLStatus::Done => break,
                TDEFLStatus::Okay if input.is_empty() && !full => break,
                TDEFLStatus::Okay => {
                    if out.len() - pos < 1024 {
                        out.resize(out.len() * 2, 0);
                    }
                }
                // Only on a bug of the compressor: an empty result, which
                // then fails to unpack (reported, never silently wrong).
                _ => return Vec::new(),
            }
        }
        out.truncate(pos);
        out
    };
    // The history: compressed and flushed to a block boundary, then dropped.
    run(dict, TDEFLFlush::Sync);
    let bytes = run(text.as_bytes(), TDEFLFlush::Finish);
    pack_bytes("Y", &bytes)
}

fn inflate_with_dict(dict: &[u8], data: &[u8]) -> Result<Vec<u8>, String> {
    use miniz_oxide::inflate::core::inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
    use miniz_oxide::inflate::core::{decompress, DecompressorOxide};
    use miniz_oxide::inflate::TINFLStatus;
    let dict = &dict[dict.len().saturating_sub(WINDOW)..];
    let mut out = dict.to_vec();
    out.resize(dict.len() + (data.len() * 8).max(4096), 0);
    let mut r = DecompressorOxide::new();
    let (mut input, mut pos) = (data, dict.len());
    loop {
        let flags = TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
        let (status, used, wrote) = decompress(&mut r, input, &mut out, pos, flags);
        input = &input[used..];
        pos += wrote;
        match status {
            TINFLStatus::Done => {
                out.truncate(pos);
                return Ok(out.split_off(dict.len()));
            }
            TINFLStatus::HasMoreOutput if out.len() < 512 << 20 => {
                let len = out.len();
                out.resize(len * 2, 0);
            }
            status => return Err(format!("inflate: {status:?}")),
        }
    }
}

/// Packs `bytes` 15 bits per UTF-16 code unit as `<marker><byte count>:…`
/// (the sealed chunks' packing; also the sealed values of [`crate::persist::crypt`]).
pub fn pack_bytes(marker: &str, bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 8 / 15 * 3 + 16 + marker.len());
    out.push_str(marker);
    out.push_str(&bytes.len().to_string());
    out.push(':');
    let push = |out: &mut String, v: u32| {
        // In range by construction: v < 2^15.
        out.push(char::from_u32(PACK_BASE + v).unwrap_or('\u{4000}'));
    };
    let (mut acc, mut bits) = (0u32, 0u32);
    for &b in bytes {
        acc = (acc << 8) | u32::from(b);
        bits += 8;
        if bits >= 15 {
            bits -= 15;
            push(&mut out, (acc >> bits) & 0x7fff);
        }
        acc &= (1 << bits) - 1;
    }
    if bits > 0 {
        push(&mut out, (acc << (15 - bits)) & 0x7fff);
    }
    out
}

/// Reverses [`pack`]; `None` if `text` is not packed, an error if it is
/// but damaged.
pub fn unpack(text: &str) -> Option<Result<String, String>> {
    unpack_with_dict(text, "")
}

/// Reverses [`pack`] and [`pack_with_dict`] (given the same dictionary).
pub fn unpack_with_dict(text: &str, dict: &str) -> Option<Result<String, String>> {
    let (rest, with_dict) = match text.strip_prefix('Z') {
        Some(rest) => (rest, false),
        None => (text.strip_prefix('Y')?, true),
    };
    Some((|| {
        let bytes = unpack_bytes(rest)?;
        let raw = if with_dict {
            inflate_with_dict(dict.as_bytes(), &bytes)?
        } else {
            miniz_oxide::inflate::decompress_to_vec_with_limit(&bytes, 512 << 20)
                // The status only: the error also carries every byte
                // inflated so far, which a message must not dump.
                .map_err(|e| format!("inflate: {:?}", e.status))?
        };
        String::from_utf8(raw).map_err(|e| e.to_string())
    })())
}

/// Reverses [`pack_bytes`] after its marker: `<byte count>:…` to the bytes.
pub fn unpack_bytes(rest: &str) -> Result<Vec<u8>, String> {
    let (len, body) = rest.split_once(':').ok_or("no length")?;
    let len: usize = len.parse().map_err(|_| "bad length")?;
    let mut bytes = Vec::with_capacity(len.min(body.len() * 2) + 2);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in body.chars() {
        let v = u32::from(c).wrapping_sub(PACK_BASE);
        if v > 0x7fff {
            return Err(format!("unexpected character U+{:04X}", u32::from(c)));
        }
        acc = (acc << 15) | v;
        bits += 15;
        while bits >= 8 {
            bits -= 8;
            bytes.push((acc >> bits) as u8);
        }
        acc &= (1 << bits) - 1;
    }
    if bytes.len() < len {
        return Err("cut short".to_owned());
    }
    bytes.truncate(len);
    Ok(bytes)
}

/// The text of a value that may be packed.
pub fn unpacked(text: &str) -> Result<String, String> {
    match unpack(text) {
        Some(result) => result,
        None => Ok(text.to_owned()),
    }
}
