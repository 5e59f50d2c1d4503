//! A file is what its first bytes say only if the rest agrees: a picture must decode (within
//! limits, so that a small file cannot ask for an enormous picture) and a PDF must parse, with a
//! document catalogue. Both with maintained crates (`image`, `lopdf`).

use std::io::Cursor;

/// Pixels on a side, and memory, that decoding an uploaded picture may take.
const MAX_SIDE: u32 = 12_000;
const MAX_DECODE_BYTES: u64 = 256 * 1024 * 1024;

/// Whether `bytes` really are a file of `content_type` (one of the types uploads accept).
pub fn holds(content_type: &str, bytes: &[u8]) -> bool {
    match content_type {
        "image/png" | "image/jpeg" => picture_decodes(bytes),
        "application/pdf" => lopdf::Document::load_mem(bytes).is_ok_and(|document| document.catalog().is_ok()),
        _ => false,
    }
}

fn picture_decodes(bytes: &[u8]) -> bool {
    let Ok(mut reader) = image::ImageReader::new(Cursor::new(bytes)).with_guessed_format() else { return false };
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    reader.limits(limits);
    reader.decode().is_ok()
}
