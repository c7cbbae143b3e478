//! The privacy promises in one place: an audit row for every kind of action, masked ID
//! numbers and phones in lists and exports, private file modes for the database and its
//! backups, and SQL metacharacters kept as plain text in every free-text field.
#![allow(clippy::unwrap_used)]
use crate::common;

use common::Harness;
use stationdesk::domain::mask::{mask_id, mask_phone};
use stationdesk::domain::officer::{HashCost, HashedPassword, Role};
use stationdesk::domain::person::IdRule;
use stationdesk::domain::visit::VisitInput;
use stationdesk::exchange::exports::{ExportRequest, Ledger, build_table};
use stationdesk::i18n::Lang;
use stationdesk::store::Store;
use stationdesk::store::audit::AuditEntry;
use stationdesk::tui::action::Action;
use stationdesk::tui::effect::DbJob;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output};

const PASSWORD: &str = "correct horse 站";

fn cheap(password: &str) -> HashedPassword {
    HashedPassword::with_cost(password, HashCost::TESTING).unwrap()
}

fn cli(db: &Path, args: &[&str]) -> Output {
    cli_with_stdin(db, args, "")
}

/// An administrator's command: `--admin boss --password-stdin` with boss's password.
fn cli_as_boss(db: &Path, args: &[&str]) -> Output {
    let mut all = args.to_vec();
    all.extend(["--admin", "boss", "--password-stdin"]);
    cli_with_stdin(db, &all, &format!("{PASSWORD}\n"))
}

fn cli_with_stdin(db: &Path, args: &[&str], stdin: &str) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_stationdesk"))
        .env("STATIONDESK_CONFIG_DIR", db.with_extension("config"))
        .env("STATIONDESK_NOW", "2026-11-25 10:00")
        .env("USER", "clerk")
        .arg("--db")
        .arg(crate::common::pg::db(db))
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

fn visit(name: &str, person_id: Option<i64>, summary: &str) -> stationdesk::domain::visit::Visit {
    VisitInput {
        person_id,
        visitor_name: name.into(),
        visitor_phone: "13912345678".into(),
        purpose: Some(3),
        summary: summary.into(),
        outcome: "done".into(),
        handler: "boss".into(),
        ..Default::default()
    }
    .validate(common::now())
    .unwrap()
}

/// (actor, action, entity) of each row, for comparing.
fn keys(rows: &[AuditEntry]) -> Vec<(String, String, String)> {
    rows.iter()
        .map(|e| (e.actor.clone(), e.action.clone(), e.entity.clone()))
        .collect()
}

#[test]
fn every_kind_of_action_leaves_an_audit_row() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.db");
    let zhang = common::sample_people()[0].clone();
    let (person_id, visit_id) = {
        let mut s = common::store(Some(&db), common::clock());
        s.add_officer("boss", "王站长", Role::Admin, &cheap(PASSWORD))
            .unwrap();
        assert!(s.login("boss", "wrong password", common::now()).is_err());
        s.login("boss", PASSWORD, common::now()).unwrap();
        s.set_actor("boss");
        let mut person = zhang.validate(IdRule::Required).unwrap();
        let id = s.save_person(&person).unwrap();
        person.id = Some(id);
        person.phone = "13955556666".into();
        s.save_person(&person).unwrap();
        // Opening the full profile is recorded (查阅留痕), as the program's worker does it.
        stationdesk::tui::jobs::run(&mut s, DbJob::viewed_person(id), Lang::Zh, &mut |_| {});
        let v = s.save_visit(&visit("张三丰", Some(id), "询问")).unwrap();
        (id, v)
    };
    let roster = dir.path().join("roster.csv");
    std::fs::write(
        &roster,
        "姓名,身份证号,人员类别\n单雄信,11010519491231002X,退役士兵\n",
    )
    .unwrap();
    cli_as_boss(&db, &["import", roster.to_str().unwrap()]);
    let out = dir.path().join("people.xlsx");
    cli(&db, &["export", "people", "--out", out.to_str().unwrap()]);

    let s = Store::open(&crate::common::pg::db(&db)).unwrap();
    let rows = s.audit_entries(None, None).unwrap();
    let k = |a: &str, b: &str, c: &str| (a.to_string(), b.to_string(), c.to_string());
    let got = keys(&rows);
    for want in [
        k("cli:", "create", "officer"),
        // A sign-in is recorded against the account tried (the entity id), by whoever
        // was at the desk before it.
        k("cli:", "login_failed", "officer"),
        k("cli:", "login", "officer"),
        k("boss", "create", "person"),
        k("boss", "update", "person"),
        k("boss", "view", "person"),
        k("boss", "create", "visit"),
        k("boss", "import", "person"),
        // Without an administrator the command line writes as `cli:` and the real
        // operating-system account, never what $USER claims.
        k("cli:", "export", "people"),
    ] {
        assert!(
            got.iter()
                .any(|g| (g.0.starts_with(&want.0), &g.1, &g.2) == (true, &want.1, &want.2)),
            "no audit row {want:?} in {got:#?}"
        );
    }
    let find = |action: &str, entity: &str| {
        rows.iter()
            .find(|e| e.action == action && e.entity == entity)
            .unwrap()
    };
    assert_eq!(find("view", "person").entity_id, person_id.to_string());
    assert_eq!(find("create", "visit").entity_id, visit_id.to_string());
    assert_eq!(find("login_failed", "officer").entity_id, "boss");
    assert_eq!(find("login", "officer").entity_id, "boss");
    // The update says what changed, with the phones masked.
    let update = &find("update", "person").summary;
    assert!(
        update.contains(&mask_phone("13800001234")) && update.contains(&mask_phone("13955556666")),
        "{update}"
    );
    assert!(find("import", "person").summary.contains("1"), "{rows:#?}");
    assert!(find("export", "people").summary.contains("people.xlsx"));
    // Every row is timed, and none holds a full ID number, phone or password.
    for e in &rows {
        assert!(e.at.starts_with("2026-11-25"), "{e:?}");
        for secret in [
            zhang.id_number.as_str(),
            "13800001234",
            "13955556666",
            "11010519491231002X",
            PASSWORD,
        ] {
            assert!(!e.summary.contains(secret), "{e:?}");
        }
    }
    // And the trail cannot be changed or emptied, not even from a raw connection.
    drop(s);
    let mut raw = crate::common::pg::raw(&db);
    assert!(raw.execute("UPDATE audit SET actor = 'x'").is_err());
    assert!(raw.execute("DELETE FROM audit").is_err());
}

#[test]
fn lists_and_exports_are_masked_and_the_profile_is_not() {
    let mut h = Harness::new(Lang::Zh);
    let zhang = common::sample_people()[0].clone();
    h.send(Action::GotoLookup);
    h.type_text("1234"); // 张三丰's phone tail
    let screen = h.draw(120, 40);
    assert!(screen.contains(&mask_id(&zhang.id_number)), "{screen}");
    assert!(screen.contains(&mask_phone(&zhang.phone)), "{screen}");
    for person in common::sample_people() {
        assert!(!screen.contains(&person.id_number), "{screen}");
        assert!(!screen.contains(&person.phone), "{screen}");
    }
    h.send(Action::Open);
    let screen = h.draw(120, 40);
    assert!(
        screen.contains(&zhang.id_number),
        "the profile shows it whole"
    );

    // Exports: masked by default, whole only when asked (the CLI lets only an
    // administrator ask, and audits it: tests/cli_exchange.rs).
    let v = visit("张三丰", Some(h.ids[0]), "询问");
    h.store.save_visit(&v).unwrap();
    for ledger in [Ledger::People, Ledger::Visits] {
        for unmasked in [false, true] {
            let req = ExportRequest {
                ledger,
                from: None,
                to: None,
                unmasked,
                lang: Lang::Zh,
                today: common::now().date(),
            };
            let table = build_table(&h.store, &req).unwrap();
            let text = format!("{:?}", table.rows);
            assert!(
                text.contains(&mask_id(&zhang.id_number)) != unmasked,
                "{ledger:?}"
            );
            assert!(text.contains(&zhang.id_number) == unmasked, "{ledger:?}");
            let phone = if ledger == Ledger::People {
                &zhang.phone
            } else {
                "13912345678"
            };
            assert!(text.contains(phone) == unmasked, "{ledger:?}: {text}");
        }
    }
}

#[cfg(unix)]
#[test]
fn the_database_its_journal_and_every_backup_are_private() {
    if crate::common::pg::file_only("the_database_its_journal_and_every_backup_are_private") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.db");
    let mut s = common::store(Some(&db), common::clock());
    common::fill(&mut s);
    // While open: the database and its WAL and shared-memory files.
    for file in ["desk.db", "desk.db-wal", "desk.db-shm"] {
        let path = dir.path().join(file);
        assert!(path.exists(), "{file}");
        assert_eq!(mode(&path), 0o600, "{file}");
    }
    let daily = s
        .daily_backup(common::now().date(), 30)
        .unwrap()
        .expect("the day's first backup");
    assert_eq!(mode(&daily), 0o600, "the daily backup");
    drop(s);

    let by_hand = dir.path().join("copy.db");
    cli(&db, &["backup", by_hand.to_str().unwrap()]);
    assert_eq!(mode(&by_hand), 0o600, "stationdesk backup");

    // A backup made world-readable by someone else is restored into a private file.
    std::fs::set_permissions(&by_hand, std::fs::Permissions::from_mode(0o644)).unwrap();
    cli_as_boss(&db, &["restore", by_hand.to_str().unwrap()]);
    assert_eq!(mode(&db), 0o600, "the restored database");
    let aside: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().contains("before-restore"))
        .collect();
    assert_eq!(aside.len(), 2, "the copy kept aside and its checksum file");
    for file in &aside {
        assert_eq!(mode(file), 0o600, "{}", file.display());
    }

    // `init` on a new file: tests/cli_auth.rs.
}

/// Text that would break string-built SQL, or match too much in a LIKE, in every
/// free-text field: stored and read back exactly, and nothing else touched.
#[test]
fn sql_metacharacters_are_stored_verbatim() {
    const NASTY: &str = "'; DROP TABLE people;-- \" % _ \\ ?1 :a";
    let (mut s, ids) = common::memory_store();
    let mut person = s.person(ids[0]).unwrap().unwrap();
    person.address = NASTY.into();
    person.village = NASTY.into();
    person.notes = NASTY.into();
    person.political_status = NASTY.into();
    s.save_person(&person).unwrap();
    let back = s.person(ids[0]).unwrap().unwrap();
    assert_eq!(
        [
            back.address.as_str(),
            back.village.as_str(),
            back.notes.as_str(),
            back.political_status.as_str()
        ],
        [NASTY; 4]
    );
    let v = s
        .save_visit(&visit("张三", None, &format!("{NASTY}\n{NASTY}")))
        .unwrap();
    let day = common::now().date();
    let saved = s
        .visits_between(day, day)
        .unwrap()
        .into_iter()
        .find(|x| x.id == Some(v))
        .unwrap();
    assert_eq!(saved.summary, format!("{NASTY}\n{NASTY}"));
    let petition = stationdesk::domain::petition::PetitionInput {
        channel: "来访".into(),
        received_at: "2026-11-25 09:00".into(),
        petitioners: vec![stationdesk::domain::petition::PetitionerInput {
            name: "王五".into(),
            phone: "13800001234".into(),
            address: NASTY.into(),
            ..Default::default()
        }],
        category: NASTY.into(),
        subject: NASTY.into(),
        request: NASTY.into(),
        facts: NASTY.into(),
        reasons: NASTY.into(),
        documents: NASTY.into(),
        handler: "tester".into(),
        ..Default::default()
    }
    .validate(common::now().date())
    .unwrap();
    let (pid, _) = s.save_new_petition(&petition).unwrap();
    let back = s.petition(pid).unwrap().unwrap().petition;
    assert_eq!(back.petitioners[0].address, NASTY);
    for field in [
        &back.category,
        &back.subject,
        &back.request,
        &back.facts,
        &back.reasons,
        &back.documents,
    ] {
        assert_eq!(field, NASTY);
    }
    assert_eq!(
        s.count_people().unwrap(),
        5,
        "the people table is still there"
    );
    // A search for LIKE wildcards finds nothing rather than everybody.
    let mut engine = stationdesk::tui::engine::Engine::load(&s).unwrap();
    for query in ["%", "_", "'", "%'--"] {
        let found = stationdesk::tui::jobs::search(&mut engine, &s, query, 1).unwrap();
        assert!(
            found.rows.is_empty(),
            "{query:?} found {}",
            found.rows.len()
        );
    }
}
