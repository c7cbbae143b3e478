//! A closed standard output ends a command quietly.
//!
//! Rust starts programs with SIGPIPE ignored, so writing to a pipe whose reader has gone
//! (`stationdesk find zsf | head -1`) returns an error, which `println!` turns into a panic
//! and exit code 101. For a command's output the reader leaving early is normal: the
//! command takes the default action again, as Unix tools do, and ends silently at its next
//! write. Not for the screens, which never write to a pipe and must not die on one.
pub fn end_quietly_on_closed_output() {
    #[cfg(unix)]
    {
        // Registration only fails for a signal that cannot be handled; SIGPIPE can.
        let _ = signal_hook::flag::register_conditional_default(
            signal_hook::consts::SIGPIPE,
            std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true)),
        );
    }
}
