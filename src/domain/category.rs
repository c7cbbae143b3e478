//! Person categories (人员类别), as DOMAIN.md lists them.

/// The categories of people on file, in the order of the national collection form.
pub const CATEGORIES: [&str; 12] = [
    "退役士兵",
    "军队转业干部",
    "复员干部",
    "退休军人",
    "残疾军人",
    "烈士遗属",
    "因公牺牲军人遗属",
    "病故军人遗属",
    "带病回乡退伍军人",
    "参战参试退役军人",
    "现役军人家属",
    "其他优抚对象",
];

/// English names, in the same order.
pub const CATEGORIES_EN: [&str; 12] = [
    "Discharged soldier",
    "Transferred officer",
    "Demobilised officer",
    "Retired serviceman",
    "Disabled veteran",
    "Martyr's survivor",
    "Survivor (died on duty)",
    "Survivor (died of illness)",
    "Veteran returned home ill",
    "War or test veteran",
    "Family of serving member",
    "Other entitled person",
];

/// The index of a category written exactly as on the list (Chinese or English, trimmed).
pub fn parse_category(text: &str) -> Option<usize> {
    let t = text.trim();
    CATEGORIES
        .iter()
        .position(|c| *c == t)
        .or_else(|| CATEGORIES_EN.iter().position(|c| c.eq_ignore_ascii_case(t)))
}

/// The category's display name in a language.
pub fn category_name(index: usize, lang: crate::i18n::Lang) -> &'static str {
    let i = index.min(CATEGORIES.len() - 1);
    match lang {
        crate::i18n::Lang::Zh => CATEGORIES[i],
        crate::i18n::Lang::En => CATEGORIES_EN[i],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_names_only() {
        assert_eq!(parse_category("退役士兵"), Some(0));
        assert_eq!(parse_category(" 烈士遗属 "), Some(5));
        assert_eq!(parse_category("disabled veteran"), Some(4));
        assert_eq!(parse_category("退役"), None);
    }
}
