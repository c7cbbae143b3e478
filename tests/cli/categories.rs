//! Categories as data, run as the built binary: every name of the list and its synonyms
//! imports, several per person with the main one first, the nature and grade of a
//! disability go out in an export and come back in, and a local category an administrator
//! adds is accepted by the import (and refused before, or without the administrator).
use stationdesk::domain::category::{DisabilityNature, shipped};
use stationdesk::store::Store;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const PASSWORD: &str = "a long pass phrase";

fn run(dir: &Path, args: &[&str], stdin: &str) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_stationdesk"));
    cmd.arg("--db")
        .arg(dir.join("station.db"))
        .args(["--lang", "zh"])
        .args(args)
        .env("STATIONDESK_CONFIG_DIR", dir.join("config"))
        .env_remove("STATIONDESK_DB")
        .env_remove("STATIONDESK_NOW")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    {
        let mut input = child.stdin.take().unwrap();
        let _ = input.write_all(stdin.as_bytes());
    }
    child.wait_with_output().unwrap()
}

fn admin(dir: &Path, args: &[&str]) -> Output {
    let mut all = args.to_vec();
    all.extend_from_slice(&["--admin", "boss", "--password-stdin"]);
    run(dir, &all, &format!("{PASSWORD}\n"))
}

fn init(dir: &Path) {
    let out = run(
        dir,
        &[
            "init",
            "--station",
            "城关镇退役军人服务站",
            "--level",
            "town",
            "--admin",
            "boss",
            "--password-stdin",
        ],
        &format!("{PASSWORD}\n"),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn all_text(out: &Output) -> String {
    format!("{}{}", text(&out.stdout), text(&out.stderr))
}

/// A valid ID number, different for each `n`.
fn id(n: usize) -> String {
    let first17 = format!("45010219600101{:03}", n);
    format!(
        "{first17}{}",
        stationdesk::domain::id_number::check_char(&first17).unwrap()
    )
}

/// A name for row `i`: 人 and two of the ten digits written in Chinese.
fn name(i: usize) -> String {
    let digits: Vec<char> = "零一二三四五六七八九".chars().collect();
    format!("人{}{}", digits[i / 10 % 10], digits[i % 10])
}

fn roster(dir: &Path, name: &str, lines: &[String]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, lines.join("\n")).unwrap();
    path
}

fn categories_of(dir: &Path, id_number: &str) -> Vec<String> {
    let store = Store::open(&dir.join("station.db")).unwrap();
    store
        .person_by_id_number(id_number)
        .unwrap()
        .unwrap_or_else(|| panic!("{id_number} not on file"))
        .categories
}

#[test]
fn every_name_and_synonym_of_the_list_imports_as_its_category() {
    let dir = tempfile::tempdir().unwrap();
    init(dir.path());
    // One row per name and per synonym: (ID number, written, expected).
    let mut rows = Vec::new();
    for c in shipped() {
        for written in std::iter::once(&c.zh).chain(&c.synonyms) {
            rows.push((id(rows.len() + 1), written.clone(), c.zh.clone()));
        }
    }
    for must in [
        "在乡老复员军人",
        "60周岁以上农村籍退役士兵",
        "参战退役人员",
        "参试退役人员",
    ] {
        assert!(rows.iter().any(|(_, w, _)| w == must), "{must}");
    }
    for must in [
        "军队离休干部",
        "部分烈士子女",
        "自主就业退役士兵",
        "伤残军人",
    ] {
        assert!(rows.iter().any(|(_, w, _)| w == must), "{must}");
    }
    let mut lines = vec!["姓名,身份证号,人员类别".to_string()];
    lines.extend(
        rows.iter()
            .enumerate()
            .map(|(i, (id, written, _))| format!("{},{id},{written}", name(i))),
    );
    let file = roster(dir.path(), "花名册.csv", &lines);
    let f = file.to_str().unwrap();

    let dry = admin(dir.path(), &["import", f, "--dry-run"]);
    let shown = all_text(&dry);
    assert!(dry.status.success(), "{shown}");
    assert!(
        shown.contains("人员类别“伤残军人”按“残疾军人”导入：1 行"),
        "{shown}"
    );
    assert!(
        shown.contains("参战参试退役军人") && shown.contains("逐人"),
        "{shown}"
    );

    let out = admin(dir.path(), &["import", f]);
    assert!(out.status.success(), "{}", all_text(&out));
    for (id, written, expected) in &rows {
        assert_eq!(
            &categories_of(dir.path(), id),
            std::slice::from_ref(expected),
            "{written}"
        );
    }
    // 参战 and 参试 stay apart.
    assert_ne!(
        categories_of(
            dir.path(),
            &rows.iter().find(|r| r.1 == "参战退役人员").unwrap().0
        ),
        categories_of(
            dir.path(),
            &rows.iter().find(|r| r.1 == "参试退役人员").unwrap().0
        )
    );
}

#[test]
fn several_categories_and_the_disability_go_out_and_come_back() {
    let dir = tempfile::tempdir().unwrap();
    init(dir.path());
    let lines = vec![
        "姓名,身份证号,人员类别,伤残性质,伤残等级".to_string(),
        format!("韦国强,{},伤残军人、参战退役人员；烈士遗属,因战,3级", id(1)),
        format!("黄德明,{},伤残民兵民工 参试退役人员,因公致残,7", id(2)),
        format!("覃秀英,{},现役军人家属,,", id(3)),
    ];
    let file = roster(dir.path(), "花名册.csv", &lines);
    let out = admin(dir.path(), &["import", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", all_text(&out));
    assert_eq!(
        categories_of(dir.path(), &id(1)),
        ["残疾军人", "参战退役人员", "烈士遗属"]
    );
    assert_eq!(
        categories_of(dir.path(), &id(2)),
        ["伤残民兵民工", "参试退役人员"]
    );

    let exported = dir.path().join("people.csv");
    let out = admin(
        dir.path(),
        &[
            "export",
            "people",
            "--unmasked",
            "--out",
            exported.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", all_text(&out));
    let body = std::fs::read_to_string(&exported).unwrap();
    assert!(body.contains("残疾军人、参战退役人员、烈士遗属"), "{body}");
    assert!(body.contains("伤残性质"), "{body}");

    // Into a new station's database: the same people, categories, nature and grade.
    let other = tempfile::tempdir().unwrap();
    init(other.path());
    let out = admin(other.path(), &["import", exported.to_str().unwrap()]);
    assert!(out.status.success(), "{}", all_text(&out));
    let a = Store::open(&dir.path().join("station.db")).unwrap();
    let b = Store::open(&other.path().join("station.db")).unwrap();
    for n in 1..=3 {
        let before = a.person_by_id_number(&id(n)).unwrap().unwrap();
        let after = b.person_by_id_number(&id(n)).unwrap().unwrap();
        assert_eq!(after.categories, before.categories);
        assert_eq!(after.disability_nature, before.disability_nature);
        assert_eq!(after.disability_grade, before.disability_grade);
    }
    let first = b.person_by_id_number(&id(1)).unwrap().unwrap();
    assert_eq!(first.disability_nature, Some(DisabilityNature::War));
    assert_eq!(first.disability_grade, Some(3));
    let second = b.person_by_id_number(&id(2)).unwrap().unwrap();
    assert_eq!(second.disability_nature, Some(DisabilityNature::Duty));
}

#[test]
fn a_nature_without_a_disability_category_is_refused_with_the_column() {
    let dir = tempfile::tempdir().unwrap();
    init(dir.path());
    let lines = vec![
        "姓名,身份证号,人员类别,伤残性质".to_string(),
        format!("韦国强,{},烈士遗属,因战", id(1)),
    ];
    let file = roster(dir.path(), "花名册.csv", &lines);
    let out = admin(dir.path(), &["import", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", all_text(&out));
    assert!(
        all_text(&out).contains("伤残性质只适用于残疾类别"),
        "{}",
        all_text(&out)
    );
}

#[test]
fn a_local_category_added_by_an_administrator_is_accepted_by_the_import() {
    let dir = tempfile::tempdir().unwrap();
    init(dir.path());
    let lines = vec![
        "姓名,身份证号,人员类别".to_string(),
        format!("韦国强,{},三红人员、退役士兵", id(1)),
    ];
    let file = roster(dir.path(), "花名册.csv", &lines);
    let f = file.to_str().unwrap();
    // Not on the list yet: refused, and the error lists the accepted names.
    let out = admin(dir.path(), &["import", f]);
    assert_eq!(out.status.code(), Some(1));
    let shown = all_text(&out);
    assert!(
        shown.contains("三红人员") && shown.contains("参试退役人员"),
        "{shown}"
    );

    // Without the administrator, adding is refused.
    let out = run(dir.path(), &["category", "add", "三红人员"], "");
    assert_eq!(out.status.code(), Some(1), "{}", all_text(&out));
    let out = admin(dir.path(), &["category", "add", "三红人员"]);
    assert!(out.status.success(), "{}", all_text(&out));

    let out = admin(dir.path(), &["import", f]);
    assert!(out.status.success(), "{}", all_text(&out));
    assert_eq!(categories_of(dir.path(), &id(1)), ["三红人员", "退役士兵"]);

    let listed = text(&run(dir.path(), &["category", "list"], "").stdout);
    assert!(
        listed.contains("三红人员") && listed.contains("boss") && listed.contains("1 人"),
        "{listed}"
    );
    // Held by someone: not removed.
    let out = admin(dir.path(), &["category", "remove", "三红人员"]);
    assert_eq!(out.status.code(), Some(1), "{}", all_text(&out));

    let store = Store::open(&dir.path().join("station.db")).unwrap();
    let audit = store.audit_entries(None, None).unwrap();
    assert!(
        audit
            .iter()
            .any(|a| a.entity == "category" && a.action == "add" && a.actor == "boss"),
        "{audit:?}"
    );
}
