//! Pinyin search keys of a name: every full-pinyin reading and its initials.
//!
//! `pinyin`'s first reading of a character is its most common reading, which for surnames
//! such as 单, 曾, 解, 仇 is wrong (单 reads shàn as a surname, not dān). A curated table gives
//! the surname readings, compound surnames (欧阳, 尉迟, 万俟…) are recognised at the start of
//! the name, and every other character contributes all of its readings, so that a polyphonic
//! given name is found whichever way the officer reads it.
use pinyin::ToPinyinMulti;

/// The pinyin keys of one name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NameKeys {
    /// Full pinyin without tones, lower case, one entry per reading combination: `zhangsanfeng`.
    pub full: Vec<String>,
    /// Initials, one per reading combination: `zsf`.
    pub initials: Vec<String>,
}

/// At most this many reading combinations are kept per name; a long name made of polyphonic
/// characters would otherwise explode (3 readings × 8 characters = 6,561 keys).
pub const MAX_COMBINATIONS: usize = 16;

/// Compound surnames and their readings, one syllable per character.
const COMPOUND_SURNAMES: &[(&str, &[&str])] = &[
    ("欧阳", &["ou", "yang"]),
    ("诸葛", &["zhu", "ge"]),
    ("司马", &["si", "ma"]),
    ("上官", &["shang", "guan"]),
    ("令狐", &["ling", "hu"]),
    ("长孙", &["zhang", "sun"]),
    ("单于", &["chan", "yu"]),
    ("澹台", &["tan", "tai"]),
    ("皇甫", &["huang", "fu"]),
    ("东方", &["dong", "fang"]),
    ("慕容", &["mu", "rong"]),
    ("宇文", &["yu", "wen"]),
    ("公孙", &["gong", "sun"]),
    ("夏侯", &["xia", "hou"]),
    ("轩辕", &["xuan", "yuan"]),
    ("尉迟", &["yu", "chi"]),
    ("万俟", &["mo", "qi"]),
    ("司徒", &["si", "tu"]),
    ("司空", &["si", "kong"]),
    ("西门", &["xi", "men"]),
    ("南宫", &["nan", "gong"]),
    ("端木", &["duan", "mu"]),
    ("呼延", &["hu", "yan"]),
    ("百里", &["bai", "li"]),
    ("钟离", &["zhong", "li"]),
    ("闻人", &["wen", "ren"]),
    ("赫连", &["he", "lian"]),
    ("申屠", &["shen", "tu"]),
    ("太史", &["tai", "shi"]),
    ("濮阳", &["pu", "yang"]),
];

/// Single-character surnames whose surname reading is not `pinyin`'s first reading.
const SURNAME_READINGS: &[(char, &str)] = &[
    ('单', "shan"),
    ('曾', "zeng"),
    ('解', "xie"),
    ('仇', "qiu"),
    ('区', "ou"),
    ('朴', "piao"),
    ('查', "zha"),
    ('盖', "ge"),
    ('缪', "miao"),
    ('乐', "yue"),
    ('翟', "zhai"),
    ('覃', "qin"),
    ('种', "chong"),
    ('繁', "po"),
    ('员', "yun"),
    ('黑', "he"),
    ('秘', "bi"),
    ('尉', "wei"),
    ('折', "she"),
    ('召', "shao"),
    ('句', "gou"),
    ('燕', "yan"),
    ('隗', "wei"),
    ('任', "ren"),
    ('华', "hua"),
    ('纪', "ji"),
    ('过', "guo"),
    ('宁', "ning"),
    ('沈', "shen"),
    ('柏', "bai"),
    ('薄', "bo"),
    ('长', "chang"),
    ('重', "chong"),
    ('谌', "chen"),
    ('冼', "xian"),
    ('恽', "yun"),
];

/// The toneless syllables one position of the name may read as, best first.
type Readings = Vec<String>;

/// Computes the keys of a name.
///
/// The surname reading comes first in every list, so `full[0]` / `initials[0]` are how the
/// name is usually read; other readings of the surname character are kept after it (typing
/// `ceng` for 曾 still finds the person, which is harmless).
pub fn name_keys(name: &str) -> NameKeys {
    let positions = positions(name);
    if positions.is_empty() {
        return NameKeys::default();
    }
    let combos = combinations(&positions);
    let mut full = Vec::with_capacity(combos.len());
    let mut initials = Vec::with_capacity(combos.len());
    for combo in combos {
        let mut f = String::new();
        let mut i = String::new();
        for (pos, &r) in positions.iter().zip(&combo) {
            let syllable = &pos[r];
            f.push_str(syllable);
            // A run of Latin letters or digits is one "syllable" per character (see
            // `positions`), so its initial is the character itself.
            if let Some(c) = syllable.chars().next() {
                i.push(c);
            }
        }
        push_unique(&mut full, f);
        push_unique(&mut initials, i);
    }
    NameKeys { full, initials }
}

fn push_unique(list: &mut Vec<String>, item: String) {
    if !list.contains(&item) {
        list.push(item);
    }
}

/// Splits a name into positions, each with its candidate syllables, best reading first.
/// Characters without a reading (`·`, spaces, punctuation) are dropped.
fn positions(name: &str) -> Vec<Readings> {
    let name = name.trim();
    let mut out: Vec<Readings> = Vec::new();
    let mut rest = name;
    if let Some((surname, syllables)) = COMPOUND_SURNAMES.iter().find(|(s, _)| name.starts_with(s))
    {
        for (c, syllable) in surname.chars().zip(syllables.iter()) {
            out.push(readings_with_first(c, syllable));
        }
        rest = &name[surname.len()..];
    } else if let Some(first) = name.chars().next()
        && let Some((_, reading)) = SURNAME_READINGS.iter().find(|(c, _)| *c == first)
    {
        out.push(readings_with_first(first, reading));
        rest = &name[first.len_utf8()..];
    }
    for c in rest.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(vec![c.to_ascii_lowercase().to_string()]);
            continue;
        }
        let readings = all_readings(c);
        if !readings.is_empty() {
            out.push(readings);
        }
    }
    out
}

/// A toneless reading as a keyboard types it: ü as `v` (吕 `lv`), ê as `e`.
pub fn typed(plain: &str) -> String {
    plain.replace('ü', "v").replace('ê', "e")
}

/// Every toneless reading of a character, in `pinyin`'s order, without duplicates
/// (好 hǎo and hào are both `hao`).
fn all_readings(c: char) -> Readings {
    let mut out: Readings = Vec::new();
    if let Some(multi) = c.to_pinyin_multi() {
        for p in multi {
            let plain = typed(p.plain());
            if !out.contains(&plain) {
                out.push(plain);
            }
        }
    }
    out
}

/// The given reading first, then the character's other readings.
fn readings_with_first(c: char, first: &str) -> Readings {
    let mut out = vec![first.to_string()];
    for r in all_readings(c) {
        if !out.contains(&r) {
            out.push(r);
        }
    }
    out
}

/// Reading combinations (one index per position), ordered by the sum of the reading ranks so
/// that the most likely readings survive the cap. Truncating after each position keeps the
/// `MAX_COMBINATIONS` lowest sums, because a sum only grows as positions are added.
fn combinations(positions: &[Readings]) -> Vec<Vec<usize>> {
    let mut combos: Vec<(usize, Vec<usize>)> = vec![(0, Vec::new())];
    for pos in positions {
        let mut next = Vec::with_capacity(combos.len() * pos.len());
        for (rank, combo) in &combos {
            for r in 0..pos.len() {
                let mut c = combo.clone();
                c.push(r);
                next.push((rank + r, c));
            }
        }
        // Stable: among equal sums, earlier readings of earlier characters come first.
        next.sort_by_key(|(rank, _)| *rank);
        next.truncate(MAX_COMBINATIONS);
        combos = next;
    }
    combos.into_iter().map(|(_, c)| c).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_name_gives_full_and_initials() {
        let k = name_keys("张三丰");
        assert_eq!(k.full[0], "zhangsanfeng");
        assert_eq!(k.initials[0], "zsf");
    }

    #[test]
    fn polyphonic_surnames_read_as_surnames_first() {
        assert!(name_keys("单雄信").full[0].starts_with("shan"));
        assert!(name_keys("曾国藩").full[0].starts_with("zeng"));
        assert!(name_keys("解缙").full[0].starts_with("xie"));
        assert!(name_keys("仇英").full[0].starts_with("qiu"));
        assert!(name_keys("翟志刚").full[0].starts_with("zhai"));
        assert!(name_keys("查良镛").full[0].starts_with("zha"));
        // Another reading of the surname character is kept after it.
        assert!(
            name_keys("曾国藩")
                .full
                .iter()
                .any(|f| f.starts_with("ceng"))
        );
    }

    #[test]
    fn compound_surnames_are_recognised() {
        let k = name_keys("尉迟恭");
        assert_eq!(k.full[0], "yuchigong");
        assert_eq!(k.initials[0], "ycg");
        assert!(name_keys("万俟卨").full[0].starts_with("moqi"));
        assert_eq!(name_keys("长孙无忌").initials[0], "zswj");
        assert_eq!(name_keys("欧阳修").full[0], "ouyangxiu");
        assert!(name_keys("单于春").full[0].starts_with("chanyu"));
    }

    #[test]
    fn given_names_keep_every_reading() {
        // 乐 in a given name: le and yue.
        let k = name_keys("王乐");
        assert!(k.full.contains(&"wangle".to_string()));
        assert!(k.full.contains(&"wangyue".to_string()));
    }

    #[test]
    fn combinations_are_capped() {
        let k = name_keys("行长还重行乐");
        assert!(k.full.len() <= MAX_COMBINATIONS);
        assert!(k.initials.len() <= MAX_COMBINATIONS);
        assert!(!k.full.is_empty());
    }

    #[test]
    fn dot_in_minority_names_is_ignored() {
        let k = name_keys("阿依古丽·买买提");
        assert_eq!(k.full[0], "ayigulimaimaiti");
        assert_eq!(k.initials[0], "ayglmmt");
    }

    #[test]
    fn latin_letters_and_digits_pass_through() {
        let k = name_keys("Tom李2");
        assert_eq!(k.full[0], "tomli2");
        assert_eq!(k.initials[0], "toml2");
    }

    #[test]
    fn empty_and_unreadable_names_have_no_keys() {
        assert_eq!(name_keys(""), NameKeys::default());
        assert_eq!(name_keys("·"), NameKeys::default());
    }
}
