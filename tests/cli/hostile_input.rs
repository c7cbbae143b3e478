//! Hostile or odd input (DESIGN.md, "Output is inert"): a zip bomb, 100,000 columns, escape
//! sequences in cells, a closed pipe. Every file is built here, in a temporary directory.
#![allow(clippy::unwrap_used)]
use rust_xlsxwriter::Workbook;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn bin(db: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_stationdesk"));
    c.env("STATIONDESK_CONFIG_DIR", db.with_extension("config"))
        .env("STATIONDESK_NOW", "2026-11-25 10:00")
        .env("USER", "tester")
        .arg("--db")
        .arg(db);
    c
}

fn new_db(dir: &Path) -> PathBuf {
    let db = dir.join("t.db");
    drop(stationdesk::store::Store::open(&db).unwrap());
    db
}

/// What a child process printed, how it ended, and the most memory it held (VmHWM).
struct Measured {
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    code: Option<i32>,
    peak_mb: u64,
}

fn drain(mut from: impl Read + Send + 'static) -> std::thread::JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut out = Vec::new();
        let _ = from.read_to_end(&mut out);
        out
    })
}

/// The high-water mark of the resident memory of a running process, in MB.
fn peak_mb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}

/// Runs the command, watching its memory; a process past `limit_mb` (the old reader
/// inflating a bomb) is killed at once rather than allowed to take the machine.
fn run_measured(cmd: &mut Command, limit_mb: u64) -> Measured {
    let mut child: Child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let out = drain(child.stdout.take().unwrap());
    let err = drain(child.stderr.take().unwrap());
    let pid = child.id();
    let started = Instant::now();
    let mut peak = 0;
    let status = loop {
        if let Some(mb) = peak_mb(pid) {
            peak = peak.max(mb);
        }
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if peak > limit_mb || started.elapsed() > Duration::from_secs(120) {
            child.kill().unwrap();
            break child.wait().unwrap();
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    Measured {
        stdout: out.join().unwrap(),
        stderr: err.join().unwrap(),
        code: status.code(),
        peak_mb: peak,
    }
}

/// A small real workbook (its header row only), as a template for the bombs.
fn template(dir: &Path) -> PathBuf {
    let path = dir.join("template.xlsx");
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    for (col, header) in ["姓名", "身份证号", "人员类别"].iter().enumerate() {
        sheet.write_string(0, col as u16, *header).unwrap();
    }
    workbook.save(&path).unwrap();
    path
}

const SHEET: &str = "xl/worksheets/sheet1.xml";

/// The template with its worksheet replaced by one whose second row is a single cell of
/// `mb` megabytes of `x` (deflated about a thousand times): the old reader held the whole
/// cell in memory.
fn bomb(dir: &Path, name: &str, mb: usize) -> PathBuf {
    let template = template(dir);
    let mut source = zip::ZipArchive::new(std::fs::File::open(&template).unwrap()).unwrap();
    let path = dir.join(name);
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    for i in 0..source.len() {
        let part = source.by_index_raw(i).unwrap();
        if part.name().unwrap() != SHEET {
            zip.raw_copy_file(part).unwrap();
        }
    }
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(9));
    zip.start_file(SHEET, options).unwrap();
    zip.write_all(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet \
          xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>\
          <row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>姓名</t></is></c>\
          <c r=\"B1\" t=\"inlineStr\"><is><t>身份证号</t></is></c>\
          <c r=\"C1\" t=\"inlineStr\"><is><t>人员类别</t></is></c></row>\
          <row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>"
            .as_bytes(),
    )
    .unwrap();
    let block = vec![b'x'; 1024 * 1024];
    for _ in 0..mb {
        zip.write_all(&block).unwrap();
    }
    zip.write_all(b"</t></is></c></row></sheetData></worksheet>")
        .unwrap();
    zip.finish().unwrap();
    path
}

/// Rewrites the declared uncompressed size of `part` in its local header and its central
/// directory entry: a bomb that lies about its size.
fn declare_size(path: &Path, part: &str, size: u32) {
    let mut bytes = std::fs::read(path).unwrap();
    let name = part.as_bytes();
    let mut patched = 0;
    for at in 0..bytes.len() - name.len() {
        if &bytes[at..at + name.len()] != name {
            continue;
        }
        if at >= 30 && bytes[at - 30..at - 26] == *b"PK\x03\x04" {
            bytes[at - 8..at - 4].copy_from_slice(&size.to_le_bytes());
            patched += 1;
        } else if at >= 46 && bytes[at - 46..at - 42] == *b"PK\x01\x02" {
            bytes[at - 22..at - 18].copy_from_slice(&size.to_le_bytes());
            patched += 1;
        }
    }
    assert_eq!(patched, 2, "the part's two headers");
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn a_zip_bomb_is_refused_before_it_is_inflated() {
    let dir = tempfile::tempdir().unwrap();
    let db = new_db(dir.path());
    // 2 GiB of worksheet.
    let path = bomb(dir.path(), "bomb.xlsx", 2048);
    let size_mb = std::fs::metadata(&path).unwrap().len() / (1024 * 1024);
    assert!(size_mb <= 3, "a small file: {size_mb} MB");
    let run = run_measured(bin(&db).arg("import").arg(&path), 300);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.peak_mb < 300, "peak {} MB; {stderr}", run.peak_mb);
    assert_eq!(run.code, Some(1), "{stderr}");
    assert!(
        stderr.contains("bomb.xlsx 解压后有 2048 MB") && stderr.contains("上限"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "one sentence: {stderr}");
    assert!(run.stdout.is_empty());
}

#[test]
fn a_bomb_that_lies_about_its_size_stops_at_the_declared_size() {
    let dir = tempfile::tempdir().unwrap();
    let db = new_db(dir.path());
    // 512 MiB of worksheet declared as 4 KB: the declared total passes the first check.
    let path = bomb(dir.path(), "liar.xlsx", 512);
    declare_size(&path, SHEET, 4096);
    let run = run_measured(bin(&db).arg("import").arg(&path), 300);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.peak_mb < 300, "peak {} MB; {stderr}", run.peak_mb);
    assert_eq!(run.code, Some(1), "{stderr}");
    assert!(stderr.contains("比它声明的大小还大"), "{stderr}");
}

#[test]
fn a_roster_of_100000_extra_columns_is_one_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let db = new_db(dir.path());
    let extra: Vec<String> = (0..100_000).map(|i| format!("x{i}")).collect();
    let text = format!(
        "姓名,身份证号,人员类别,{}\n单雄信,11010519491231002X,退役士兵\n",
        extra.join(",")
    );
    let path = dir.path().join("wide.csv");
    std::fs::write(&path, text).unwrap();
    let run = run_measured(bin(&db).arg("import").arg(&path).arg("--dry-run"), 300);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.code, Some(1), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("第 1 行有 100003 列"), "{stderr}");
}

#[test]
fn many_unknown_columns_give_a_few_warning_lines() {
    let dir = tempfile::tempdir().unwrap();
    let db = new_db(dir.path());
    let extra: Vec<String> = (0..5_000).map(|i| format!("x{i}")).collect();
    let text = format!(
        "姓名,身份证号,人员类别,{}\n单雄信,11010519491231002X,退役士兵\n",
        extra.join(",")
    );
    let path = dir.path().join("wide.csv");
    std::fs::write(&path, text).unwrap();
    let out = bin(&db).arg("import").arg(&path).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert_eq!(stderr.lines().count(), 11, "{stderr}");
    assert!(
        stderr.contains("「x9」") && !stderr.contains("「x10」"),
        "{stderr}"
    );
    assert!(stderr.contains("另有 4990 条同类提示"), "{stderr}");
}

/// Cells and a file name built to retitle and clear the officer's terminal.
const ATTACK: &str = "\u{1b}]0;pwned\u{7}\u{1b}[2J";

fn assert_inert(what: &str, bytes: &[u8]) {
    for bad in [0x1b_u8, 0x07, 0x00] {
        assert!(
            !bytes.contains(&bad),
            "{what} holds the raw byte {bad:#04x}: {}",
            String::from_utf8_lossy(bytes)
        );
    }
    // U+009B, the one-character form of ESC [, as UTF-8.
    assert!(
        !bytes.windows(2).any(|w| w == [0xc2, 0x9b]),
        "{what} holds U+009B"
    );
}

#[test]
fn escape_sequences_in_a_roster_never_reach_the_terminal_raw() {
    let dir = tempfile::tempdir().unwrap();
    let db = new_db(dir.path());
    let lines = [
        format!("姓名,身份证号,人员类别,{ATTACK}\u{9b}2J"),
        format!("张三{ATTACK},11010519491231002X,退役士兵,x"),
        format!("李四,4501021980\u{0}0305123,退役士兵{ATTACK},x"),
        "王五,450102196502284410,退役士兵\u{0},x".to_string(),
    ];
    let path = dir.path().join(format!("r{ATTACK}.csv"));
    std::fs::write(&path, lines.join("\n")).unwrap();
    for args in [&["--dry-run"][..], &[][..], &["--skip-invalid"][..]] {
        let out = bin(&db)
            .arg("import")
            .arg(&path)
            .args(args)
            .output()
            .unwrap();
        assert_inert("stdout", &out.stdout);
        assert_inert("stderr", &out.stderr);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("␛]0;pwned␇␛[2J"), "{stderr}");
        assert!(stderr.contains('␀'), "{stderr}");
    }
    let rejects = std::fs::read(dir.path().join(format!("r{ATTACK}.csv.rejects.csv"))).unwrap();
    assert_inert("the rejects file", &rejects);
    assert!(String::from_utf8_lossy(&rejects).contains("张三␛]0;pwned␇␛[2J"));

    // A command-line argument echoed in an error.
    let out = bin(&db).args(["report", ATTACK]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_inert("a usage error", &out.stderr);
}

#[test]
fn find_into_a_pipe_closed_early_exits_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let demo = bin(&db)
        .args(["demo", "--people", "10000", "--seed", "3"])
        .output()
        .unwrap();
    assert!(demo.status.success());
    for json in [false, true] {
        // About 2,000 matches, more than a pipe holds, so the command is still writing when
        // the reader leaves, as with `| head -1`.
        let mut cmd = bin(&db);
        cmd.args(["find", "z", "--limit", "10000"]);
        if json {
            cmd.arg("--json");
        }
        let mut child = cmd
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = String::new();
        let mut reader = BufReader::new(child.stdout.take().unwrap());
        reader.read_line(&mut first).unwrap();
        assert!(!first.is_empty());
        drop(reader);
        let err = drain(child.stderr.take().unwrap());
        let status = child.wait().unwrap();
        let stderr = String::from_utf8(err.join().unwrap()).unwrap();
        assert_eq!(stderr, "", "json {json}: quiet");
        assert_ne!(status.code(), Some(101), "json {json}: no panic");
    }
}

#[test]
fn two_cells_far_apart_are_read_as_two_cells() {
    // calamine's grid is as large as the farthest cell: A1 and XFD1048576 asked the old
    // reader for 17 billion cells.
    let dir = tempfile::tempdir().unwrap();
    let db = new_db(dir.path());
    let path = dir.path().join("far.xlsx");
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    for (col, header) in ["姓名", "身份证号", "人员类别"].iter().enumerate() {
        sheet.write_string(0, col as u16, *header).unwrap();
    }
    sheet.write_string(1_048_575, 16_383, "x").unwrap();
    workbook.save(&path).unwrap();
    let run = run_measured(bin(&db).arg("import").arg(&path), 300);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.peak_mb < 300, "peak {} MB; {stderr}", run.peak_mb);
    assert_eq!(run.code, Some(1), "{stderr}");
    assert!(stderr.contains("第 XFD 列没有表头"), "{stderr}");
    assert!(stderr.contains("第 1048576 行"), "{stderr}");
}

#[test]
fn rows_and_cells_past_the_limits_are_one_sentence() {
    use stationdesk::exchange::read_roster;
    use stationdesk::i18n::Lang;
    let dir = tempfile::tempdir().unwrap();

    let long = dir.path().join("long.csv");
    let cell = "长".repeat(40_000);
    std::fs::write(
        &long,
        format!("姓名,身份证号,人员类别,备注\n张三,11010519491231002X,退役士兵,{cell}\n"),
    )
    .unwrap();
    let err = read_roster(&long).unwrap_err().msg().render(Lang::Zh);
    assert!(
        err.contains("第 2 行 D 列的单元格有 40000 个字符，超过 32767"),
        "{err}"
    );

    let many = dir.path().join("many.csv");
    let mut text = String::from("姓名,身份证号,人员类别\n");
    for _ in 0..200_000 {
        text.push_str("张三,1,退役士兵\n");
    }
    std::fs::write(&many, &text).unwrap();
    let err = read_roster(&many).unwrap_err().msg().render(Lang::Zh);
    assert!(
        err.contains("超过 200000 行") && err.contains("拆成"),
        "{err}"
    );
}
