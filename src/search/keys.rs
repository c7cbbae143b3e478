//! Pinyin search keys of a name. (Placeholder until the lookup engine lands: plain
//! first readings only.)
/// The pinyin keys of one name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NameKeys {
    /// Full pinyin without tones, lower case, one entry per reading combination: `zhangsanfeng`.
    pub full: Vec<String>,
    /// Initials, one per reading combination: `zsf`.
    pub initials: Vec<String>,
}

/// Computes the keys of a name.
pub fn name_keys(name: &str) -> NameKeys {
    use pinyin::ToPinyin;
    let mut full = String::new();
    let mut initials = String::new();
    for (c, p) in name.chars().zip(name.to_pinyin()) {
        match p {
            Some(p) => {
                full.push_str(p.plain());
                initials.push_str(p.first_letter());
            }
            None if c.is_ascii_alphanumeric() => {
                full.push(c.to_ascii_lowercase());
                initials.push(c.to_ascii_lowercase());
            }
            None => {}
        }
    }
    NameKeys {
        full: vec![full],
        initials: vec![initials],
    }
}
