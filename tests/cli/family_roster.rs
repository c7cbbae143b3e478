//! A roster's family link columns (亲属身份证号, 亲属关系, 亲属依据): the people are linked
//! both ways, a row may point at a person further down, a relative not found is a notice
//! naming the row, and the people export writes the links back.
use stationdesk::domain::family::{Basis, Kinship, Relation};
use stationdesk::domain::mask::mask_id;
use std::path::Path;
use std::process::{Command, Output};

fn run(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stationdesk"))
        .env("STATIONDESK_CONFIG_DIR", db.with_extension("config"))
        .env("STATIONDESK_NOW", "2026-11-25 10:00")
        .env("USER", "tester")
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap()
}

fn id(first17: &str) -> String {
    format!(
        "{first17}{}",
        stationdesk::domain::id_number::check_char(first17).unwrap()
    )
}

#[test]
fn a_roster_with_family_columns_links_people_both_ways_and_the_export_has_them() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    drop(stationdesk::store::Store::open(&db).unwrap());
    let martyr = id("45010219400101001"); // a man
    let widow = id("45010219420202002"); // a woman
    let son = id("45010219700303003");
    let stranger = id("45010219800404005");
    let file = dir.path().join("family.csv");
    let lines = [
        "姓名,身份证号,人员类别,亲属身份证号,亲属关系,亲属依据".to_string(),
        // Row 2 points at row 4, further down the file.
        format!("李秀英,{widow},烈士遗属,{martyr},配偶,遗属"),
        format!("王建国,{son},烈士遗属,{martyr}；{widow},父亲；母亲,遗属；"),
        format!("王德胜,{martyr},其他优抚对象,,,"),
        format!(
            "赵六,{},退役士兵,{stranger},兄弟姐妹,",
            id("45010219850505007")
        ),
    ];
    std::fs::write(&file, lines.join("\n")).unwrap();

    let dry = run(&db, &["import", file.to_str().unwrap(), "--dry-run"]);
    let dry_err = String::from_utf8_lossy(&dry.stderr).to_string();
    assert_eq!(dry.status.code(), Some(0), "{dry_err}");
    assert!(dry_err.contains("第 5 行（亲属关系）"), "{dry_err}");

    let out = run(&db, &["import", file.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(out.status.code(), Some(0), "{err}");
    // Only the stranger is a notice, with its row; the rest linked.
    assert!(err.contains("family.csv 第 5 行（亲属关系）"), "{err}");
    assert!(err.contains("既不在档案中也不在本文件中"), "{err}");
    assert_eq!(err.matches("亲属关系）").count(), 1, "{err}");

    let store = stationdesk::store::Store::open(&db).unwrap();
    let person = |idn: &str| {
        store
            .person_by_id_number(idn)
            .unwrap()
            .and_then(|p| p.id)
            .unwrap()
    };
    let seen_by_martyr: Vec<(String, Kinship)> = store
        .family_links(person(&martyr))
        .unwrap()
        .into_iter()
        .map(|v| (v.relative.name, v.kinship))
        .collect();
    assert_eq!(
        seen_by_martyr,
        vec![
            (
                "李秀英".to_string(),
                Kinship::new(Relation::Spouse, Basis::SurvivorIs)
            ),
            (
                "王建国".to_string(),
                Kinship::new(Relation::Child, Basis::SurvivorIs)
            ),
        ]
    );
    // Gender-aware from the widow's side: her son is her 子女, she is his 母亲.
    let seen_by_widow = store.family_links(person(&widow)).unwrap();
    assert!(
        seen_by_widow
            .iter()
            .any(|v| v.relative.name == "王建国" && v.kinship.relation == Relation::Child)
    );
    let audited = store
        .audit_entries(None, None)
        .unwrap()
        .into_iter()
        .filter(|e| e.action == "family_add")
        .count();
    assert_eq!(audited, 3);
    drop(store);

    let csv = dir.path().join("people.csv");
    let out = run(&db, &["export", "people", "--out", csv.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&csv).unwrap();
    let header = text.lines().next().unwrap();
    assert!(
        header.contains("亲属身份证号") && header.contains("亲属关系"),
        "{header}"
    );
    let martyr_row = text.lines().find(|l| l.contains("王德胜")).unwrap();
    assert!(
        martyr_row.contains(&format!("{}；{}", mask_id(&widow), mask_id(&son))),
        "{martyr_row}"
    );
    assert!(martyr_row.contains("配偶；子女"), "{martyr_row}");
    assert!(martyr_row.contains("烈士；烈士"), "{martyr_row}");
    let son_row = text.lines().find(|l| l.contains("王建国")).unwrap();
    // Paired in order with the ID numbers: the mother (on file first), then the father.
    assert!(
        son_row.contains(&format!(
            "{}；{},母亲；父亲,无；遗属",
            mask_id(&widow),
            mask_id(&martyr)
        )),
        "{son_row}"
    );
}
