//! A form saved with Ctrl+S is saved once, however the program is killed: the save and the
//! removal of the form's draft commit together, so no draft of a saved form is left to be
//! restored and saved a second time. Each test starts the real program in a
//! pseudo-terminal on one database, presses Ctrl+S on a form whose draft is kept, and
//! kills it with SIGKILL 0–50 ms later, try after try.
#![allow(clippy::unwrap_used)]
use crate::common;

use common::pty::{Pty, Setup, setup};
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(20);

/// One form that keeps drafts, as the tries drive it.
struct Form {
    /// Its name in the drafts table.
    draft: &'static str,
    /// The field that tells the tries apart, in a draft and in the record saved.
    field: &'static str,
    table: &'static str,
    column: &'static str,
    /// The text of try `i`.
    text: fn(usize) -> String,
    /// From the dashboard to an empty form.
    open: fn(&mut Pty),
    /// Fills in the empty form for try `i`, whose text is given.
    fill: fn(&mut Pty, usize, &str),
    /// After Ctrl+S, until the form is saved (an unhurried save).
    saved: fn(&mut Pty),
    /// From where a save leaves the program to an empty form again.
    again: fn(&mut Pty),
}

fn start(s: &Setup) -> Pty {
    Pty::spawn(
        &["--db", s.db.as_str()],
        &[
            ("STATIONDESK_CONFIG_DIR", s.config.as_str()),
            ("STATIONDESK_NOW", "2026-11-25 09:30"),
            ("STATIONDESK_LANG", "zh"),
            ("STATIONDESK_DRAFT_SECS", "1"),
        ],
        100,
        30,
    )
}

/// `n` delays after Ctrl+S: half spread over 0–50 ms, half over the first 10 ms, where
/// the save commits on a quiet machine; short and long ones mixed.
fn delays(n: usize) -> Vec<Duration> {
    let half = n / 2;
    (0..n)
        .map(|i| {
            let x = ((i / 2) * 7 % half) as f64 / (half - 1) as f64;
            let span = if i % 2 == 0 { 0.050 } else { 0.010 };
            Duration::from_secs_f64(span * x)
        })
        .collect()
}

/// Kills the program with SIGKILL `delay` after `pressed`, and waits until it is gone.
fn kill_after(pty: &mut Pty, pressed: Instant, delay: Duration) {
    std::thread::sleep(delay.saturating_sub(pressed.elapsed()));
    let pid = pty.pid().unwrap().to_string();
    let killed = std::process::Command::new("kill")
        .args(["-KILL", &pid])
        .status()
        .unwrap();
    assert!(killed.success());
    assert!(!pty.wait_exit(WAIT), "SIGKILL is not a clean exit");
}

fn db(s: &Setup) -> rusqlite::Connection {
    rusqlite::Connection::open(&s.db).unwrap()
}

/// The drafts kept of `form`: `(key, officer, body)`.
fn drafts(s: &Setup, form: &Form) -> Vec<(String, String, serde_json::Value)> {
    let c = db(s);
    let mut stmt = c
        .prepare("SELECT key, officer, body FROM drafts WHERE form = ?1 ORDER BY key")
        .unwrap();
    stmt.query_map([form.draft], |r| {
        let body: String = r.get(2)?;
        Ok((r.get(0)?, r.get(1)?, serde_json::from_str(&body).unwrap()))
    })
    .unwrap()
    .map(Result::unwrap)
    .collect()
}

/// The try texts of the kept drafts of `form`.
fn drafted(s: &Setup, form: &Form) -> Vec<String> {
    drafts(s, form)
        .into_iter()
        .map(|(_, _, body)| body[form.field].as_str().unwrap_or_default().to_string())
        .collect()
}

/// How many records of `form` hold each try text.
fn saved(s: &Setup, form: &Form) -> BTreeMap<String, usize> {
    let c = db(s);
    let sql = format!("SELECT {} FROM {}", form.column, form.table);
    let mut stmt = c.prepare(&sql).unwrap();
    let mut out = BTreeMap::new();
    for v in stmt.query_map([], |r| r.get::<_, String>(0)).unwrap() {
        *out.entry(v.unwrap()).or_insert(0) += 1;
    }
    out
}

/// What the tries left that must not be: a text saved twice, a draft of a saved form.
fn wrong(s: &Setup, form: &Form, mine: &[String]) -> Vec<String> {
    let saved = saved(s, form);
    let mut out = Vec::new();
    for text in mine {
        let n = saved.get(text).copied().unwrap_or(0);
        if n > 1 {
            out.push(format!("{text:?} saved {n} times"));
        }
    }
    for text in drafted(s, form) {
        if saved.contains_key(&text) {
            out.push(format!("the draft of the saved {text:?} was left"));
        }
    }
    out
}

/// Keeps a draft of `form` as the program would (the `template` it kept, holding `text`),
/// once the draft of the last save is gone.
fn keep_draft(s: &Setup, form: &Form, template: &(String, String, serde_json::Value), text: &str) {
    let deadline = Instant::now() + WAIT;
    while !drafted(s, form).is_empty() {
        assert!(Instant::now() < deadline, "a saved form's draft stays");
        std::thread::sleep(Duration::from_millis(5));
    }
    let (key, officer, mut body) = template.clone();
    body[form.field] = serde_json::Value::String(text.to_string());
    let c = db(s);
    c.busy_timeout(WAIT).unwrap();
    c.execute(
        "INSERT INTO drafts(form, key, officer, body, saved_at) \
         VALUES (?1, ?2, ?3, ?4, '2026-11-25 09:29:00')",
        (form.draft, key, officer, body.to_string()),
    )
    .unwrap();
}

/// Restores the draft the open form offers, waits until `text` shows, and presses Ctrl+S.
fn restore(pty: &mut Pty, text: &str) {
    pty.wait_for("保存的草稿，恢复吗", WAIT);
    pty.send(b"y");
    pty.wait_for(text, WAIT);
    pty.send(b"\x13");
}

/// `tries` times: open the form, get a draft of this try's values kept, press Ctrl+S and
/// kill the program moments later. Every `typed_every`-th try types the values and waits
/// for the program's own draft; the others find the draft kept as a killed program would
/// have left it (the first typed draft, with this try's text), and restore it. A draft
/// left by the try before is first restored and saved, as an officer would: that is where
/// a form whose draft outlived its save is saved twice.
fn kill_after_ctrl_s(form: &Form, tries: usize, typed_every: usize) {
    let s = setup();
    let started = Instant::now();
    let mut template = None;
    let mut mine = Vec::new();
    let mut committed = 0;
    for (i, delay) in delays(tries).into_iter().enumerate() {
        let text = (form.text)(i);
        let typed = i % typed_every == 0 || template.is_none();
        let seed = || keep_draft(&s, form, template.as_ref().unwrap(), &text);
        let left = drafted(&s, form);
        if left.is_empty() && !typed {
            seed();
        }
        let mut pty = start(&s);
        (form.open)(&mut pty);
        if let Some(earlier) = left.first() {
            restore(&mut pty, earlier);
            (form.saved)(&mut pty);
            if !typed {
                seed();
            }
            (form.again)(&mut pty);
        }
        let pressed = if typed {
            (form.fill)(&mut pty, i, &text);
            pty.wait_for("草稿已保存", WAIT);
            template = template.or_else(|| drafts(&s, form).pop());
            pty.send(b"\x13");
            Instant::now()
        } else {
            restore(&mut pty, &text);
            Instant::now()
        };
        kill_after(&mut pty, pressed, delay);
        committed += usize::from(saved(&s, form).contains_key(&text));
        mine.push(text);
    }
    let elapsed = started.elapsed();
    let found = wrong(&s, form, &mine);
    assert!(
        found.is_empty(),
        "{}: {} things wrong after {tries} tries: {found:#?}",
        form.draft,
        found.len()
    );
    // Some kills came after the commit, or they proved nothing.
    assert!(committed > 0, "no save committed before its kill");

    // Once more, unhurried: a draft offered is restored and saved.
    let left = drafted(&s, form);
    let mut pty = start(&s);
    (form.open)(&mut pty);
    if let Some(earlier) = left.first() {
        restore(&mut pty, earlier);
        (form.saved)(&mut pty);
    }
    pty.send(b"\x11"); // Ctrl+Q
    assert!(pty.wait_exit(WAIT));
    assert!(wrong(&s, form, &mine).is_empty());
    assert!(drafted(&s, form).is_empty(), "{:?}", drafted(&s, form));
    eprintln!(
        "{}: {tries} tries in {elapsed:.1?}, {committed} killed after the commit",
        form.draft
    );
}

/// Dashboard → lookup → 张三丰's profile → a walk-in form.
fn open_walk_in(pty: &mut Pty) {
    pty.wait_for("在档人数", WAIT);
    pty.send(b"\x1bOQ"); // F2
    pty.wait_for("索引就绪", WAIT);
    pty.send(b"zsf");
    pty.wait_for("450102********", WAIT);
    pty.send(b"\r");
    pty.wait_for("配偶", WAIT);
    pty.send(b"\x0e"); // Ctrl+N
    pty.wait_for("在档人员", WAIT);
}

#[test]
fn a_walk_in_killed_just_after_ctrl_s_is_saved_at_most_once() {
    kill_after_ctrl_s(
        &Form {
            draft: "visit",
            field: "summary",
            table: "visits",
            column: "summary",
            text: |i| format!("第{i:02}次询问优待证"),
            open: open_walk_in,
            fill: |pty, _, text| {
                pty.send(b"4\t"); // purpose 4
                pty.send(text.as_bytes());
                pty.send(b"\t1"); // done on the spot
                pty.wait_for("当场办结", WAIT);
                pty.wait_for(text, WAIT);
            },
            saved: |pty| pty.wait_for("来访登记已保存", WAIT),
            // Back on the profile.
            again: |pty| {
                pty.wait_for("配偶", WAIT);
                pty.send(b"\x0e");
                pty.wait_for("在档人员", WAIT);
            },
        },
        32,
        4,
    );
}

/// A name per try that no sample person has: 孙 and two of the heavenly stems.
fn name(i: usize) -> String {
    const STEMS: [char; 10] = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'];
    format!("孙{}{}", STEMS[i / 10 % 10], STEMS[i % 10])
}

#[test]
fn a_person_killed_just_after_ctrl_s_is_saved_at_most_once() {
    kill_after_ctrl_s(
        &Form {
            draft: "person",
            field: "name",
            table: "people",
            column: "name",
            text: name,
            open: |pty| {
                pty.wait_for("在档人数", WAIT);
                pty.send(b"\x1bOQ"); // F2
                pty.wait_for("索引就绪", WAIT);
                pty.send(b"\x0e"); // Ctrl+N
                pty.wait_for("人员登记(新建档案)", WAIT);
            },
            fill: |pty, _, text| {
                pty.send(text.as_bytes());
                pty.send(b"\t\t\t\t\t\t1"); // the first category
                pty.wait_for("退役士兵", WAIT);
                pty.wait_for(text, WAIT);
            },
            saved: |pty| pty.wait_for("的档案", WAIT),
            // On the new person's profile.
            again: |pty| {
                pty.wait_for("档案:", WAIT);
                pty.send(b"\x1bOQ\x15\x0e"); // F2, Ctrl+U, Ctrl+N
                pty.wait_for("人员登记(新建档案)", WAIT);
            },
        },
        24,
        4,
    );
}

/// Dashboard → the petition ledger → a new intake form.
fn open_petition(pty: &mut Pty) {
    pty.wait_for("在档人数", WAIT);
    pty.send(b"\x1bOS"); // F4
    pty.wait_for("案件编号", WAIT);
    pty.send(b"\x0e"); // Ctrl+N
    pty.wait_for("信访人姓名", WAIT);
}

#[test]
fn a_petition_killed_just_after_ctrl_s_is_registered_at_most_once() {
    kill_after_ctrl_s(
        &Form {
            draft: "petition",
            field: "subject",
            table: "petitions",
            column: "subject",
            text: |i| format!("第{i:02}件退役金发放延迟"),
            open: open_petition,
            // A petitioner per try: another's earlier case on the same matter would be
            // a repeat, which asks before saving.
            fill: |pty, i, text| {
                pty.send(b"\t\t"); // the first petitioner's name
                pty.send(name(50 + i).as_bytes());
                pty.send(b"\t13900002222");
                pty.send(b"\t\t\t\t\t\t"); // to the subject
                pty.send(text.as_bytes());
                pty.send(b"\t");
                pty.send("要求补发".as_bytes());
                pty.wait_for("要求补发", WAIT);
                pty.wait_for(text, WAIT);
            },
            // A restored draft of a case already on file is a repeat: the officer is told
            // and saves again.
            saved: |pty| {
                pty.wait_until("saved or a repeat", WAIT, |p| {
                    p.screen().contains("已登记") || p.screen().contains("发现同一事项")
                });
                if !pty.screen().contains("已登记") {
                    pty.send(b"\x13");
                    pty.wait_for("已登记", WAIT);
                }
            },
            // Back on the ledger.
            again: |pty| {
                pty.wait_for("案件编号", WAIT);
                pty.send(b"\x0e");
                pty.wait_for("信访人姓名", WAIT);
            },
        },
        24,
        4,
    );
}
