//! Person categories (人员类别), as DOMAIN.md lists them.
use crate::i18n::Msg;

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

/// Names rosters use for a category on the list, one to one: (name, index). A roster's
/// name here is not taken silently; it is offered as the closest match.
pub const SYNONYMS: &[(&str, usize)] = &[("伤残军人", 4)];

/// The category on the list most likely meant by `text`, which is on no list: a synonym,
/// then a name containing it or contained in it, then the name fewest characters away
/// (less than half of the longer of the two changed).
pub fn closest_category(text: &str) -> Option<usize> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    if let Some((_, i)) = SYNONYMS.iter().find(|(name, _)| *name == t) {
        return Some(*i);
    }
    let lower = t.to_lowercase();
    let names = || {
        CATEGORIES
            .iter()
            .enumerate()
            .chain(CATEGORIES_EN.iter().enumerate())
            .map(|(i, name)| (i, name.to_lowercase()))
    };
    if let Some((i, _)) = names().find(|(_, name)| name.contains(&lower) || lower.contains(name)) {
        return Some(i);
    }
    names()
        .map(|(i, name)| {
            let longer = name.chars().count().max(lower.chars().count());
            (strsim::levenshtein(&name, &lower), longer, i)
        })
        .filter(|(distance, longer, _)| distance * 2 < *longer)
        .min_by_key(|(distance, _, _)| *distance)
        .map(|(_, _, i)| i)
}

/// Why `text` is not a category: the accepted names, and the closest of them when one is
/// close enough to be meant. The names are the Chinese ones in either language: they are
/// what a roster's category column holds.
pub fn category_problem(text: &str) -> Msg {
    let value = text.trim();
    let base = match closest_category(value) {
        Some(i) => Msg::new("rostermsg.category_closest").arg("closest", CATEGORIES[i]),
        None => Msg::new("person.category_invalid"),
    };
    base.arg("value", value).arg("list", CATEGORIES.join("、"))
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

    #[test]
    fn the_closest_category_is_a_synonym_a_part_or_a_near_spelling() {
        assert_eq!(closest_category("伤残军人"), Some(4));
        assert_eq!(closest_category("退役"), Some(0));
        assert_eq!(closest_category("烈士遗孀"), Some(5));
        assert_eq!(closest_category("disabled veterans"), Some(4));
        assert_eq!(closest_category("村干部"), None);
    }
}
