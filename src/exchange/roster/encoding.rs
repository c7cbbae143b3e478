//! Deciding how the bytes of a CSV file are text.
//!
//! Excel on Chinese Windows saves "CSV" in the ANSI code page (GBK, a subset of GB18030);
//! "CSV UTF-8" adds a BOM; other tools write plain UTF-8; "Unicode text" is UTF-16 with a
//! BOM. Valid UTF-8 is taken as UTF-8: a GBK file of Chinese text is practically never valid
//! UTF-8, while the reverse guess would garble every UTF-8 file.
use std::borrow::Cow;

/// The text of the file and whether decoding had to replace unreadable bytes.
pub(crate) fn decode(bytes: &[u8]) -> (Cow<'_, str>, bool) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return encoding_rs::UTF_8.decode_without_bom_handling(rest);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return encoding_rs::UTF_16LE.decode_without_bom_handling(rest);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return encoding_rs::UTF_16BE.decode_without_bom_handling(rest);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (Cow::Borrowed(text), false),
        Err(_) => encoding_rs::GB18030.decode_without_bom_handling(bytes),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("姓名".as_bytes()).0, "姓名");
        assert_eq!(decode(b"\xEF\xBB\xBF\xE5\xA7\x93").0, "姓");
    }

    #[test]
    fn gbk_bytes_are_read_as_gb18030() {
        let (bytes, _, _) = encoding_rs::GBK.encode("姓名,尉迟恭");
        let (text, damaged) = decode(&bytes);
        assert_eq!(text, "姓名,尉迟恭");
        assert!(!damaged);
    }

    #[test]
    fn utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "姓名\tname".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&bytes).0, "姓名\tname");
    }
}
