//! Any bytes as a roster workbook: a clear error or rows, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let dir = std::env::temp_dir().join(format!("stationdesk-fuzz-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join("roster.xlsx");
    if std::fs::write(&path, data).is_ok() {
        let _ = stationdesk::exchange::read_roster(&path);
    }
});
