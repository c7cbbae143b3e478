//! What the generator draws from: fictional towns and villages, surnames and given-name
//! characters, and the roster's fields with rough relative frequencies; and the weighted
//! pick that draws by them.
use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// Surnames with rough relative frequencies; the polyphonic ones (单 曾 解 仇 查 翟 区 朴 盖
/// 缪 乐) and compound ones are over-represented so that every test set meets them.
pub(super) const SURNAMES: &[(&str, u32)] = &[
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

pub(super) const MALE_GIVEN: &[&str] = &[
    "伟", "强", "军", "勇", "杰", "涛", "明", "超", "华", "建", "国", "平", "志", "刚", "海", "林",
    "波", "斌", "辉", "鹏", "磊", "峰", "东", "春", "兵", "文", "武", "新", "民", "永", "庆", "福",
    "德", "忠", "红", "卫", "正", "宏", "立", "荣", "成", "振", "光", "长", "乐", "重", "行", "和",
    "朝", "健", "飞", "龙", "虎", "山", "江", "利", "生", "金", "保", "贵", "发", "祥", "俊", "凯",
];

pub(super) const FEMALE_GIVEN: &[&str] = &[
    "芳", "娟", "敏", "静", "丽", "艳", "秀", "霞", "玲", "燕", "梅", "兰", "英", "华", "红", "萍",
    "莉", "琴", "云", "珍", "桂", "凤", "春", "月", "小", "婷", "雪", "慧", "佳", "颖", "玉", "乐",
];

/// Parts of Uyghur and Kazakh names as written in Chinese, joined with `·`.
pub(super) const MINORITY_PARTS: &[&str] = &[
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

pub(super) const TOWNS: &[&str] = &[
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

pub(super) const VILLAGE_STEMS: &[&str] = &[
    "东岭", "西坪", "南村", "北屯", "上寨", "下寨", "石门", "枫林", "桃源", "竹山", "清水", "高田",
    "新联", "红星", "和平", "团结", "前进", "光明", "河口", "岭背", "大坡", "小江", "塘边", "松林",
    "坝子", "花园", "永安", "同心", "富民", "兴隆", "三合",
];

/// Region codes of the fictional county (most people) and of places people moved from.
pub(super) const REGIONS: &[(&str, u32)] = &[
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
pub(super) const DEMO_CATEGORIES: [&str; 12] = [
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
pub(super) const CATEGORY_WEIGHTS: [u32; DEMO_CATEGORIES.len()] =
    [70, 5, 2, 3, 4, 2, 1, 2, 2, 4, 4, 1];

pub(super) const ETHNICITIES: &[(&str, u32)] = &[
    ("汉族", 90),
    ("壮族", 6),
    ("瑶族", 2),
    ("苗族", 1),
    ("侗族", 1),
];
pub(super) const POLITICAL: &[(&str, u32)] = &[
    ("中共党员", 40),
    ("群众", 50),
    ("共青团员", 8),
    ("中共预备党员", 2),
];
pub(super) const BRANCHES: &[(&str, u32)] = &[
    ("陆军", 70),
    ("海军", 10),
    ("空军", 10),
    ("火箭军", 5),
    ("武警部队", 5),
];
pub(super) const RANKS: &[(&str, u32)] = &[
    ("列兵", 10),
    ("上等兵", 40),
    ("下士", 25),
    ("中士", 15),
    ("上士", 7),
    ("少尉", 3),
];

/// Day 0 of the birth-date range, and its length (1930-01-01 to 2004-12-31).
pub(super) const FIRST_BIRTH: (i32, u32, u32) = (1930, 1, 1);
pub(super) const BIRTH_DAYS: usize = 27_394;

/// Cumulative weights, for picking an item with probability proportional to its weight.
pub(super) struct Weighted<T: Copy> {
    items: Vec<T>,
    cumulative: Vec<u32>,
}

impl<T: Copy> Weighted<T> {
    pub(super) fn new(pairs: &[(T, u32)]) -> Weighted<T> {
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

    pub(super) fn pick(&self, rng: &mut ChaCha8Rng) -> T {
        let total = self.cumulative.last().copied().unwrap_or(1);
        let x = rng.random_range(0..total);
        let i = self.cumulative.partition_point(|&c| c <= x);
        self.items[i.min(self.items.len() - 1)]
    }
}

impl Weighted<usize> {
    pub(super) fn from_weights(weights: &[u32]) -> Weighted<usize> {
        let pairs: Vec<(usize, u32)> = weights.iter().copied().enumerate().collect();
        Weighted::new(&pairs)
    }
}
