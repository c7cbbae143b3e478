//! `import`, `export` and `report` from the command line, as an administrator scripts them.
#![allow(clippy::unwrap_used)]
use calamine::{Data, Reader, Xlsx, open_workbook};
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn bin(db: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_stationdesk"));
    c.env("STATIONDESK_CONFIG_DIR", db.with_extension("config"))
        .env("STATIONDESK_NOW", "2026-11-25 10:00")
        .env("USER", "tester")
        .arg("--db")
        .arg(db);
    c
}

fn run(db: &Path, args: &[&str]) -> Output {
    bin(db).args(args).output().unwrap()
}

fn run_with_stdin(db: &Path, args: &[&str], stdin: &str) -> Output {
    let mut child = bin(db)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn count(db: &Path, sql: &str) -> i64 {
    rusqlite::Connection::open(db)
        .unwrap()
        .query_row(sql, [], |r| r.get(0))
        .unwrap()
}

const GOOD: &str = "姓名,身份证号,人员类别,联系电话,镇街\n单雄信,11010519491231002x,退役士兵,138-0000-1234,城关镇\n尉迟恭,450102196502284419,烈士遗属,,石门镇\n";

fn roster(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// Sets the station up with the administrator `boss` (password "correct horse").
fn init_boss(db: &Path) {
    let init = run_with_stdin(
        db,
        &[
            "init",
            "--station",
            "城关镇",
            "--level",
            "town",
            "--admin",
            "boss",
            "--password-stdin",
        ],
        "correct horse\n",
    );
    assert!(
        init.status.success(),
        "{}",
        String::from_utf8_lossy(&init.stderr)
    );
}

fn valid_id(first17: &str) -> String {
    format!(
        "{first17}{}",
        stationdesk::domain::id_number::check_char(first17).unwrap()
    )
}

#[test]
fn import_is_all_or_nothing_and_reimport_updates() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    drop(stationdesk::store::Store::open(&db).unwrap());
    let good = GOOD.replace("450102196502284419", &valid_id("45010219650228441"));
    let bad = format!("{good}曾国藩,4.50102E+17,退役士兵,,\n");
    let file = roster(dir.path(), "bad.csv", &bad);
    let out = run(&db, &["import", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("第 4 行") && err.contains("科学计数法"),
        "{err}"
    );
    assert_eq!(
        count(&db, "SELECT count(*) FROM people"),
        0,
        "nothing written"
    );

    let out = run(
        &db,
        &[
            "import",
            file.to_str().unwrap(),
            "--dry-run",
            "--skip-invalid",
        ],
    );
    assert!(out.status.success());
    assert_eq!(
        count(&db, "SELECT count(*) FROM people"),
        0,
        "a dry run writes nothing"
    );

    let out = run(&db, &["import", file.to_str().unwrap(), "--skip-invalid"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(count(&db, "SELECT count(*) FROM people"), 2);
    let rejects = std::fs::read_to_string(dir.path().join("bad.csv.rejects.csv")).unwrap();
    assert!(
        rejects.starts_with('\u{feff}') && rejects.contains("曾国藩") && rejects.contains("原因"),
        "{rejects}"
    );

    // The same people again, one renamed: the new name needs the officer's word; then it is
    // an update, not a duplicate, and the other person is left as is.
    let again = roster(dir.path(), "again.csv", &good.replace("单雄信", "单雄义"));
    let out = run(&db, &["import", again.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let out = run(
        &db,
        &["import", again.to_str().unwrap(), "--accept-changes"],
    );
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("更新 1 人") && stdout.contains("1 条记录无变化"),
        "{stdout}"
    );
    assert_eq!(count(&db, "SELECT count(*) FROM people"), 2);
    assert_eq!(
        count(&db, "SELECT count(*) FROM people WHERE name = '单雄义'"),
        1
    );
    assert_eq!(
        count(&db, "SELECT count(*) FROM audit WHERE action = 'import'"),
        2
    );
}

#[test]
fn exports_read_back_cell_by_cell_and_stay_masked() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    // `import` needs an existing database (`init` or `demo` makes one).
    drop(stationdesk::store::Store::open(&db).unwrap());
    let file = roster(
        dir.path(),
        "r.csv",
        &GOOD.replace("450102196502284419", &valid_id("45010219650228441")),
    );
    assert!(
        run(&db, &["import", file.to_str().unwrap()])
            .status
            .success()
    );
    assert!(run(&db, &["_write-loop", "--count", "3"]).status.success());

    let xlsx = dir.path().join("people.xlsx");
    let out = run(&db, &["export", "people", "--out", xlsx.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut book: Xlsx<_> = open_workbook(&xlsx).unwrap();
    let sheet = book.worksheet_range_at(0).unwrap().unwrap();
    let header: Vec<String> = sheet
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(&header[..4], &["姓名", "性别", "出生日期", "身份证号"]);
    let row = sheet.rows().nth(1).unwrap();
    assert_eq!(row[0], Data::String("单雄信".into()));
    assert_eq!(
        row[3],
        Data::String("110105********002X".into()),
        "masked, and text"
    );
    assert!(
        matches!(row[2], Data::DateTime(_)),
        "a real date cell: {:?}",
        row[2]
    );

    let csv = dir.path().join("visits.csv");
    assert!(
        run(
            &db,
            &[
                "export",
                "visits",
                "--from",
                "2026-11-25",
                "--to",
                "2026-11-25",
                "--out",
                csv.to_str().unwrap()
            ]
        )
        .status
        .success()
    );
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.starts_with('\u{feff}'));
    assert_eq!(text.lines().count(), 4, "{text}");
    assert!(text.lines().nth(1).unwrap().starts_with("2026-11-25,"));
    let none = dir.path().join("none.csv");
    assert!(
        run(
            &db,
            &[
                "export",
                "visits",
                "--from",
                "2026-12-01",
                "--out",
                none.to_str().unwrap()
            ]
        )
        .status
        .success()
    );
    assert_eq!(std::fs::read_to_string(&none).unwrap().lines().count(), 1);

    for what in ["petitions", "checklist"] {
        let f = dir.path().join(format!("{what}.xlsx"));
        assert!(
            run(&db, &["export", what, "--out", f.to_str().unwrap()])
                .status
                .success(),
            "{what}"
        );
    }
    let bad = run(
        &db,
        &[
            "export",
            "people",
            "--out",
            dir.path().join("x.pdf").to_str().unwrap(),
        ],
    );
    assert_eq!(bad.status.code(), Some(1));
    let bad = run(
        &db,
        &[
            "export",
            "people",
            "--from",
            "2026-02-30",
            "--out",
            csv.to_str().unwrap(),
        ],
    );
    assert_eq!(bad.status.code(), Some(1));
    assert!(count(&db, "SELECT count(*) FROM audit WHERE action = 'export'") >= 5);
}

#[test]
fn unmasked_and_audit_exports_need_an_administrator() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    // `import` needs an existing database (`init` or `demo` makes one).
    drop(stationdesk::store::Store::open(&db).unwrap());
    let file = roster(
        dir.path(),
        "r.csv",
        &GOOD.replace("450102196502284419", &valid_id("45010219650228441")),
    );
    assert!(
        run(&db, &["import", file.to_str().unwrap()])
            .status
            .success()
    );
    init_boss(&db);
    let add = run_with_stdin(
        &db,
        &[
            "user",
            "add",
            "clerk",
            "--role",
            "officer",
            "--password-stdin",
            "--admin",
            "boss",
        ],
        "correct horse\nclerk pass 1\n",
    );
    assert!(add.status.success());
    let out_file = dir.path().join("full.csv");
    let out = out_file.to_str().unwrap();

    assert_eq!(
        run(&db, &["export", "people", "--unmasked", "--out", out])
            .status
            .code(),
        Some(1)
    );
    assert_eq!(
        run(&db, &["export", "audit", "--out", out]).status.code(),
        Some(1)
    );
    let wrong = run_with_stdin(
        &db,
        &[
            "export",
            "people",
            "--unmasked",
            "--admin",
            "boss",
            "--password-stdin",
            "--out",
            out,
        ],
        "nope nope\n",
    );
    assert_eq!(wrong.status.code(), Some(1));
    let officer = run_with_stdin(
        &db,
        &[
            "export",
            "people",
            "--unmasked",
            "--admin",
            "clerk",
            "--password-stdin",
            "--out",
            out,
        ],
        "clerk pass 1\n",
    );
    assert_eq!(officer.status.code(), Some(1), "an officer is refused");
    assert!(!out_file.exists());

    let ok = run_with_stdin(
        &db,
        &[
            "export",
            "people",
            "--unmasked",
            "--admin",
            "boss",
            "--password-stdin",
            "--out",
            out,
        ],
        "correct horse\n",
    );
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(
        std::fs::read_to_string(&out_file)
            .unwrap()
            .contains("11010519491231002X")
    );
    let audit = dir.path().join("audit.csv");
    let ok = run_with_stdin(
        &db,
        &[
            "export",
            "audit",
            "--admin",
            "boss",
            "--password-stdin",
            "--out",
            audit.to_str().unwrap(),
        ],
        "correct horse\n",
    );
    assert!(ok.status.success());
    let text = std::fs::read_to_string(&audit).unwrap();
    assert!(
        text.contains("UNMASKED")
            && text.contains("boss")
            && text.contains(&format!("cli:{}", stationdesk::store::audit::os_user())),
        "{text}"
    );
}

#[test]
fn reports_print_aligned_tables() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    assert!(run(&db, &["_write-loop", "--count", "5"]).status.success());
    let out = run(&db, &["report", "daily"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("日报 2026-11-25") && text.contains("来访人次"),
        "{text}"
    );
    let en = run(
        &db,
        &["--lang", "en", "report", "monthly", "--date", "2026-11-03"],
    );
    assert!(String::from_utf8(en.stdout).unwrap().contains("Walk-ins"));
    assert_eq!(run(&db, &["report", "weekly"]).status.code(), Some(2));
    let book = dir.path().join("report.xlsx");
    assert!(
        run(&db, &["report", "monthly", "--out", book.to_str().unwrap()])
            .status
            .success()
    );
    let mut xlsx: Xlsx<_> = open_workbook(&book).unwrap();
    let sheet = xlsx.worksheet_range_at(0).unwrap().unwrap();
    let visits = sheet
        .rows()
        .find(|r| r[1] == Data::String("来访人次".into()))
        .unwrap();
    assert_eq!(visits[2].to_string(), "5");
    assert_eq!(
        run(&db, &["report", "daily", "--date", "2026-13-01"])
            .status
            .code(),
        Some(1)
    );
}

/// What an administrator does when a station's records move to another database: demo
/// people out as an unmasked roster (.csv and .xlsx) and into an empty database, every
/// field kept, no row refused.
#[test]
fn an_unmasked_export_imports_again_without_loss() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("from.db");
    let demo = run(&db, &["demo", "--people", "3000", "--seed", "11"]);
    assert!(
        demo.status.success(),
        "{}",
        String::from_utf8_lossy(&demo.stderr)
    );
    init_boss(&db);
    let people = |db: &Path| -> Vec<String> {
        let conn = rusqlite::Connection::open(db).unwrap();
        let mut stmt = conn
            .prepare(
                "SELECT name, id_number, gender, birth_date, ethnicity, phone, categories, town, \
                 village, address, political_status, enlist_date, discharge_date, \
                 disability_grade, hardship, key_person, hukou, branch, unit, rank, awards, \
                 employment, notes, disability_nature FROM people ORDER BY id_number",
            )
            .unwrap();
        stmt.query_map([], |r| {
            let cols: Vec<String> = (0..24)
                .map(|i| {
                    let v: rusqlite::types::Value = r.get(i).unwrap();
                    format!("{v:?}")
                })
                .collect();
            Ok(cols.join("|"))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect()
    };
    let original = people(&db);
    assert_eq!(original.len(), 3000);
    for ext in ["csv", "xlsx"] {
        let file = dir.path().join(format!("roster.{ext}"));
        let out = run_with_stdin(
            &db,
            &[
                "export",
                "people",
                "--out",
                file.to_str().unwrap(),
                "--unmasked",
                "--admin",
                "boss",
                "--password-stdin",
            ],
            "correct horse\n",
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let to = dir.path().join(format!("to-{ext}.db"));
        drop(stationdesk::store::Store::open(&to).unwrap());
        let import = run(&to, &["import", file.to_str().unwrap()]);
        let stderr = String::from_utf8_lossy(&import.stderr);
        assert!(import.status.success(), "{ext}: {stderr}");
        assert!(
            !stderr.contains("未知的列"),
            "{ext}: every exported column is known: {stderr}"
        );
        assert_eq!(people(&to), original, "{ext}");
    }
}
