//! Synthetic, reproducible people for demonstrations, tests and benchmarks.
//!
//! Everything is fictional: the county 青山县 and its towns do not exist; names are drawn from
//! common surnames and given-name characters, with the hard cases a real roster has
//! (polyphonic surnames, compound surnames, minority names with `·`). The same seed always
//! gives the same people, in the same order.
pub mod activity;
pub mod petition_showcase;
pub mod petitions;

use crate::domain::category::DisabilityNature;
use crate::domain::id_number::{Gender, IdNumber};
use crate::domain::person::Person;
use chrono::{Datelike, Days, NaiveDate};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Surnames with rough relative frequencies; the polyphonic ones (单 曾 解 仇 查 翟 区 朴 盖
/// 缪 乐) and compound ones are over-represented so that every test set meets them.
const SURNAMES: &[(&str, u32)] = &[
    ("王", 72),
    ("李", 71),
    ("张", 68),
    ("刘", 53),
    ("陈", 45),
    ("杨", 31),
    ("黄", 25),
    ("赵", 23),
    ("吴", 21),
    ("周", 21),
    ("徐", 15),
    ("孙", 15),
    ("马", 13),
    ("朱", 13),
    ("胡", 12),
    ("郭", 12),
    ("何", 11),
    ("林", 10),
    ("高", 10),
    ("罗", 10),
    ("郑", 9),
    ("梁", 9),
    ("谢", 8),
    ("宋", 7),
    ("唐", 7),
    ("许", 6),
    ("韩", 6),
    ("冯", 6),
    ("邓", 6),
    ("曹", 6),
    ("彭", 5),
    ("曾", 5),
    ("肖", 5),
    ("田", 5),
    ("董", 5),
    ("潘", 4),
    ("袁", 4),
    ("蔡", 4),
    ("蒋", 4),
    ("余", 4),
    ("于", 4),
    ("杜", 4),
    ("叶", 4),
    ("程", 4),
    ("魏", 3),
    ("苏", 3),
    ("吕", 3),
    ("丁", 3),
    ("任", 3),
    ("卢", 3),
    ("姚", 3),
    ("沈", 3),
    ("钟", 3),
    ("姜", 3),
    ("崔", 3),
    ("谭", 3),
    ("陆", 3),
    ("范", 2),
    ("汪", 2),
    ("廖", 2),
    ("石", 2),
    ("金", 2),
    ("韦", 4),
    ("贾", 2),
    ("夏", 2),
    ("付", 2),
    ("方", 2),
    ("邹", 2),
    ("熊", 2),
    ("白", 2),
    ("孟", 2),
    ("秦", 2),
    ("邱", 2),
    ("侯", 2),
    ("江", 2),
    ("尹", 2),
    ("薛", 2),
    ("覃", 3),
    ("莫", 2),
    ("黎", 2),
    ("蒙", 2),
    ("农", 1),
    ("单", 2),
    ("解", 2),
    ("仇", 1),
    ("查", 1),
    ("翟", 1),
    ("区", 1),
    ("朴", 1),
    ("盖", 1),
    ("缪", 1),
    ("乐", 1),
    ("欧阳", 1),
    ("尉迟", 1),
    ("诸葛", 1),
    ("万俟", 1),
    ("司马", 1),
    ("上官", 1),
    ("长孙", 1),
];

const MALE_GIVEN: &[&str] = &[
    "伟", "强", "军", "勇", "杰", "涛", "明", "超", "华", "建", "国", "平", "志", "刚", "海", "林",
    "波", "斌", "辉", "鹏", "磊", "峰", "东", "春", "兵", "文", "武", "新", "民", "永", "庆", "福",
    "德", "忠", "红", "卫", "正", "宏", "立", "荣", "成", "振", "光", "长", "乐", "重", "行", "和",
    "朝", "健", "飞", "龙", "虎", "山", "江", "利", "生", "金", "保", "贵", "发", "祥", "俊", "凯",
];

const FEMALE_GIVEN: &[&str] = &[
    "芳", "娟", "敏", "静", "丽", "艳", "秀", "霞", "玲", "燕", "梅", "兰", "英", "华", "红", "萍",
    "莉", "琴", "云", "珍", "桂", "凤", "春", "月", "小", "婷", "雪", "慧", "佳", "颖", "玉", "乐",
];

/// Parts of Uyghur and Kazakh names as written in Chinese, joined with `·`.
const MINORITY_PARTS: &[&str] = &[
    "阿依古丽",
    "买买提",
    "艾力",
    "古丽娜尔",
    "热依拉",
    "阿不都",
    "吐尔逊",
    "努尔",
    "麦麦提",
    "依明",
    "帕提古丽",
    "阿迪力",
    "热合曼",
    "巴哈尔",
    "阿斯哈尔",
    "玛依拉",
    "木拉提",
    "迪丽娜尔",
];

const TOWNS: &[&str] = &[
    "城关镇",
    "青山镇",
    "石桥镇",
    "柳河镇",
    "龙潭镇",
    "白沙镇",
    "新圩镇",
    "大塘镇",
    "黄岭乡",
    "马山乡",
    "双溪乡",
    "金竹乡",
    "长乐镇",
    "古城镇",
    "平安乡",
];

const VILLAGE_STEMS: &[&str] = &[
    "东岭", "西坪", "南村", "北屯", "上寨", "下寨", "石门", "枫林", "桃源", "竹山", "清水", "高田",
    "新联", "红星", "和平", "团结", "前进", "光明", "河口", "岭背", "大坡", "小江", "塘边", "松林",
    "坝子", "花园", "永安", "同心", "富民", "兴隆", "三合",
];

/// Region codes of the fictional county (most people) and of places people moved from.
const REGIONS: &[(&str, u32)] = &[
    ("450127", 70),
    ("450126", 8),
    ("450125", 6),
    ("450102", 5),
    ("450103", 4),
    ("110105", 2),
    ("370102", 2),
    ("510104", 2),
    ("430102", 1),
];

/// Category weights, in the order of [`CATEGORIES`]: mostly 退役士兵.
/// The categories demo people are drawn from, with their weights (the same draws as when
/// the list was fixed, so a seed still gives the same people).
const DEMO_CATEGORIES: [&str; 12] = [
    "退役士兵",
    "军队转业干部",
    "复员干部",
    "军队退休干部",
    "残疾军人",
    "烈士遗属",
    "因公牺牲军人遗属",
    "病故军人遗属",
    "带病回乡退伍军人",
    "参战退役人员",
    "现役军人家属",
    "其他优抚对象",
];
const CATEGORY_WEIGHTS: [u32; DEMO_CATEGORIES.len()] = [70, 5, 2, 3, 4, 2, 1, 2, 2, 4, 4, 1];

const ETHNICITIES: &[(&str, u32)] = &[
    ("汉族", 90),
    ("壮族", 6),
    ("瑶族", 2),
    ("苗族", 1),
    ("侗族", 1),
];
const POLITICAL: &[(&str, u32)] = &[
    ("中共党员", 40),
    ("群众", 50),
    ("共青团员", 8),
    ("中共预备党员", 2),
];
const BRANCHES: &[(&str, u32)] = &[
    ("陆军", 70),
    ("海军", 10),
    ("空军", 10),
    ("火箭军", 5),
    ("武警部队", 5),
];
const RANKS: &[(&str, u32)] = &[
    ("列兵", 10),
    ("上等兵", 40),
    ("下士", 25),
    ("中士", 15),
    ("上士", 7),
    ("少尉", 3),
];

/// Day 0 of the birth-date range, and its length (1930-01-01 to 2004-12-31).
const FIRST_BIRTH: (i32, u32, u32) = (1930, 1, 1);
const BIRTH_DAYS: usize = 27_394;

/// `count` synthetic people from `seed`; the same arguments give the same people. ID numbers
/// are valid and unique across the whole set; no person has an `id` (they are not saved).
pub fn generate(count: usize, seed: u64) -> impl Iterator<Item = Person> {
    let mut generator = Generator {
        rng: ChaCha8Rng::seed_from_u64(seed),
        used: vec![0; REGIONS.len() * BIRTH_DAYS * 2],
        surnames: Weighted::new(SURNAMES),
        regions: Weighted::new(REGIONS),
        ethnicities: Weighted::new(ETHNICITIES),
        political: Weighted::new(POLITICAL),
        branches: Weighted::new(BRANCHES),
        ranks: Weighted::new(RANKS),
        categories: Weighted::from_weights(&CATEGORY_WEIGHTS),
    };
    (0..count).map(move |_| generator.person())
}

/// A demo person's categories from the drawn one, without another draw: some disabled
/// veterans also served in a war.
fn demo_categories(drawn: usize, grade: Option<u8>) -> Vec<String> {
    let mut out = vec![DEMO_CATEGORIES[drawn.min(DEMO_CATEGORIES.len() - 1)].to_string()];
    if grade.is_some_and(|g| g % 4 == 0) {
        out.push("参战退役人员".to_string());
    }
    out
}

/// Cumulative weights, for picking an item with probability proportional to its weight.
struct Weighted<T: Copy> {
    items: Vec<T>,
    cumulative: Vec<u32>,
}

impl<T: Copy> Weighted<T> {
    fn new(pairs: &[(T, u32)]) -> Weighted<T> {
        let mut total = 0;
        let cumulative = pairs.iter().map(|(_, w)| {
            total += w;
            total
        });
        Weighted {
            cumulative: cumulative.collect(),
            items: pairs.iter().map(|(t, _)| *t).collect(),
        }
    }

    fn pick(&self, rng: &mut ChaCha8Rng) -> T {
        let total = self.cumulative.last().copied().unwrap_or(1);
        let x = rng.random_range(0..total);
        let i = self.cumulative.partition_point(|&c| c <= x);
        self.items[i.min(self.items.len() - 1)]
    }
}

impl Weighted<usize> {
    fn from_weights(weights: &[u32]) -> Weighted<usize> {
        let pairs: Vec<(usize, u32)> = weights.iter().copied().enumerate().collect();
        Weighted::new(&pairs)
    }
}

struct Generator {
    rng: ChaCha8Rng,
    /// People given so far per (region, birth day, gender): the ID sequence is derived from
    /// it, which keeps every ID number unique without remembering the numbers.
    used: Vec<u16>,
    surnames: Weighted<&'static str>,
    regions: Weighted<&'static str>,
    ethnicities: Weighted<&'static str>,
    political: Weighted<&'static str>,
    branches: Weighted<&'static str>,
    ranks: Weighted<&'static str>,
    categories: Weighted<usize>,
}

fn pick<'a>(rng: &mut ChaCha8Rng, list: &[&'a str]) -> &'a str {
    list[rng.random_range(0..list.len())]
}

impl Generator {
    fn person(&mut self) -> Person {
        let category = self.categories.pick(&mut self.rng);
        let survivor = (5..=7).contains(&category) || category == 10;
        // Veterans are mostly men; survivors and families mostly women.
        let male_share = if survivor { 0.25 } else { 0.96 };
        let gender = if self.rng.random_bool(male_share) {
            Gender::Male
        } else {
            Gender::Female
        };
        let minority = self.rng.random_bool(0.01);
        let name = if minority {
            self.minority_name()
        } else {
            self.han_name(gender)
        };
        let (id, birth) = self.id_number(gender);
        let ethnicity = if minority {
            "维吾尔族"
        } else {
            self.ethnicities.pick(&mut self.rng)
        };
        let town_i = self.rng.random_range(0..TOWNS.len());
        let village_stem =
            VILLAGE_STEMS[(town_i * 3 + self.rng.random_range(0..10)) % VILLAGE_STEMS.len()];
        let village = if town_i == 0 {
            format!("{village_stem}社区")
        } else {
            format!("{village_stem}村")
        };
        let served = !survivor;
        let (enlist, discharge) = if served {
            self.service_dates(birth)
        } else {
            (String::new(), String::new())
        };
        let phone = if self.rng.random_bool(0.97) {
            self.mobile()
        } else {
            String::new()
        };
        let address = format!(
            "青山县{}{village}{}号",
            TOWNS[town_i],
            self.rng.random_range(1..200)
        );
        let political_status = self.political.pick(&mut self.rng).to_string();
        let branch = if served {
            self.branches.pick(&mut self.rng).to_string()
        } else {
            String::new()
        };
        let rank = if served {
            self.ranks.pick(&mut self.rng).to_string()
        } else {
            String::new()
        };
        let grade = (category == 4).then(|| self.rng.random_range(1..=10));
        Person {
            name,
            gender: Some(gender),
            ethnicity: ethnicity.to_string(),
            birth_date: Some(birth),
            id_number: id,
            phone,
            hukou: format!("青山县{}", TOWNS[town_i]),
            town: TOWNS[town_i].to_string(),
            address,
            village,
            categories: demo_categories(category, grade),
            disability_nature: grade.map(|g| DisabilityNature::ALL[usize::from(g) % 3]),
            political_status,
            enlist_date: enlist,
            discharge_date: discharge,
            branch,
            rank,
            disability_grade: grade,
            hardship: self.rng.random_bool(0.05),
            key_person: self.rng.random_bool(0.02),
            ..Person::default()
        }
    }

    fn han_name(&mut self, gender: Gender) -> String {
        let pool = if gender == Gender::Male {
            MALE_GIVEN
        } else {
            FEMALE_GIVEN
        };
        let mut name = self.surnames.pick(&mut self.rng).to_string();
        name.push_str(pick(&mut self.rng, pool));
        if self.rng.random_bool(0.7) {
            name.push_str(pick(&mut self.rng, pool));
        }
        name
    }

    fn minority_name(&mut self) -> String {
        let first = pick(&mut self.rng, MINORITY_PARTS);
        let second = pick(&mut self.rng, MINORITY_PARTS);
        format!("{first}·{second}")
    }

    /// A valid, unique ID number and the birth date it encodes.
    fn id_number(&mut self, gender: Gender) -> (String, NaiveDate) {
        let region_code = self.regions.pick(&mut self.rng);
        let region = REGIONS
            .iter()
            .position(|(r, _)| *r == region_code)
            .unwrap_or(0);
        let male = usize::from(gender == Gender::Male);
        let mut day = self.rng.random_range(0..BIRTH_DAYS);
        let first = NaiveDate::from_ymd_opt(FIRST_BIRTH.0, FIRST_BIRTH.1, FIRST_BIRTH.2)
            .unwrap_or_default();
        // 500 sequence numbers per gender and day; a full day moves on to the next one.
        for _ in 0..BIRTH_DAYS {
            let slot = (region * BIRTH_DAYS + day) * 2 + male;
            let n = self.used[slot];
            if n < 500 {
                self.used[slot] = n + 1;
                let birth = first
                    .checked_add_days(Days::new(day as u64))
                    .unwrap_or(first);
                // Spread the sequence over 0..1000 (193 is coprime with 500, so this is a
                // permutation of each slot's 500 numbers): real ID tails are not all 00xx,
                // and tail lookups must not find thousands of people.
                let spread = (u32::from(n) * 193 + (slot as u32).wrapping_mul(7919)) % 500;
                let sequence = spread as u16 * 2 + male as u16;
                // Region codes are six digits, so composing cannot fail.
                let id = IdNumber::compose(region_code, birth, sequence);
                return (
                    id.map(|id| id.as_str().to_string()).unwrap_or_default(),
                    birth,
                );
            }
            day = (day + 1) % BIRTH_DAYS;
        }
        // Beyond 27 million people of one gender per region the numbers run out.
        (String::new(), first)
    }

    fn service_dates(&mut self, birth: NaiveDate) -> (String, String) {
        // Everyone has left the service by 2025, so nobody enlists later than 2023, and the
        // discharge never comes before the enlistment (the roster rules refuse that).
        let enlist_year = (birth.year() + self.rng.random_range(17..=22)).min(2023);
        let years = self.rng.random_range(2..=16);
        let discharge_year = (enlist_year + years).min(2025);
        let enlist_month = self.rng.random_range(1..=12);
        let discharge_month = self.rng.random_range(1..=12);
        let discharge_month = if discharge_year == enlist_year {
            discharge_month.max(enlist_month)
        } else {
            discharge_month
        };
        (
            format!("{enlist_year}-{enlist_month:02}"),
            format!("{discharge_year}-{discharge_month:02}"),
        )
    }

    fn mobile(&mut self) -> String {
        let second = self.rng.random_range(3..=9u8);
        let rest = self.rng.random_range(0..1_000_000_000u32);
        format!("1{second}{rest:09}")
    }
}

#[cfg(test)]
mod tests {
    use super::generate;
    use crate::domain::person::{IdRule, PersonInput};

    /// Demo people must pass the same rules as an imported roster: an exported demo
    /// database imports again without a rejected row.
    #[test]
    fn every_demo_person_passes_the_roster_rules() {
        for person in generate(20_000, 7) {
            let input = PersonInput::from_person(&person);
            if let Err(errors) = input.validate(IdRule::Required) {
                panic!("{} {}: {errors:?}", person.name, person.id_number);
            }
        }
    }
}
