//! Runs the real binary in a pseudo-terminal and reads its screen with a terminal emulator.
//! Output is drained continuously on a thread; waits poll the parsed screen with a
//! deadline instead of sleeping a fixed time.
use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub struct Pty {
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    /// `None` once the terminal was closed from the outside ([`Pty::hang_up`]).
    writer: Option<Box<dyn Write + Send>>,
    /// Tells the reading thread to let go of its copy of the master.
    closing: Arc<AtomicBool>,
    child: Box<dyn Child + Send + Sync>,
    master: Option<Box<dyn MasterPty + Send>>,
    /// Single keys sent through [`Pty::key`], counted where they are sent.
    keys: usize,
}

impl Pty {
    /// Starts the stationdesk binary with `args` and `envs` on a `cols`x`rows` terminal
    /// (vt100 needs at least 2 columns for wide characters).
    pub fn spawn(args: &[&str], envs: &[(&str, &str)], cols: u16, rows: u16) -> Pty {
        assert!(cols >= 2);
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_stationdesk"));
        for a in args {
            cmd.arg(a);
        }
        cmd.env("TERM", "xterm-256color");
        // A database without accounts would open the first-run wizard: run as a test
        // officer unless the test names one itself (an empty name means the wizard).
        cmd.env("STATIONDESK_TEST_OFFICER", "tester");
        for (k, v) in envs {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn stationdesk");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            std::num::NonZeroU16::new(rows).unwrap(),
            std::num::NonZeroU16::new(cols).unwrap(),
            0,
        )));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (p, r) = (Arc::clone(&parser), Arc::clone(&raw));
        let closing = Arc::new(AtomicBool::new(false));
        let stop = Arc::clone(&closing);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => return,
                    Ok(n) => {
                        p.lock().unwrap().process(&buf[..n]);
                        r.lock().unwrap().extend_from_slice(&buf[..n]);
                    }
                }
                // Hanging up: this thread's copy of the master must close too.
                if stop.load(Ordering::SeqCst) {
                    return;
                }
            }
        });
        Pty {
            parser,
            raw,
            writer: Some(writer),
            closing,
            child,
            master: Some(pair.master),
            keys: 0,
        }
    }

    /// Sends one key (the bytes a terminal sends for it) and counts it.
    pub fn key(&mut self, bytes: &[u8]) {
        self.keys += 1;
        self.send(bytes);
    }

    /// How many single keys [`Pty::key`] has sent.
    pub fn keys_sent(&self) -> usize {
        self.keys
    }

    pub fn send(&mut self, bytes: &[u8]) {
        let writer = self.writer.as_mut().expect("the terminal is open");
        writer.write_all(bytes).unwrap();
        writer.flush().unwrap();
    }

    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    pub fn raw(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    /// Whether the emulated terminal shows the alternate screen.
    pub fn alternate_screen(&self) -> bool {
        self.parser.lock().unwrap().screen().alternate_screen()
    }

    /// Whether the program has hidden the cursor.
    pub fn cursor_hidden(&self) -> bool {
        self.parser.lock().unwrap().screen().hide_cursor()
    }

    /// Whether bracketed paste is on.
    pub fn bracketed_paste(&self) -> bool {
        self.parser.lock().unwrap().screen().bracketed_paste()
    }

    /// Whether the terminal's line discipline is in raw mode (no canonical input, no
    /// echo), read from the pseudo-terminal's termios; `None` where that cannot be read.
    pub fn raw_mode(&self) -> Option<bool> {
        let termios = self.master.as_ref()?.get_termios()?;
        let flags = termios.local_flags.bits();
        Some(flags & (libc::ICANON | libc::ECHO) == 0)
    }

    /// Changes the terminal's size, as a window being resized does (the program gets
    /// SIGWINCH); the emulator follows.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.master
            .as_ref()
            .expect("the terminal is open")
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        assert!(cols >= 2 && rows >= 1);
        self.parser.lock().unwrap().set_size(
            std::num::NonZeroU16::new(rows).unwrap(),
            std::num::NonZeroU16::new(cols).unwrap(),
        );
    }

    /// Whether the program is still running.
    pub fn running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// Waits until `check` holds for the emulated screen; panics after `timeout`.
    pub fn wait_until(&self, what: &str, timeout: Duration, check: impl Fn(&Pty) -> bool) {
        let deadline = Instant::now() + timeout;
        while Instant::now() < deadline {
            if check(self) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("timed out waiting until {what}; screen:\n{}", self.screen());
    }

    /// Closes the terminal from the outside, as a dropped SSH connection does (the kernel
    /// sends SIGHUP), and waits for the program to exit; its success, or a panic after
    /// `timeout` if it hangs.
    pub fn hang_up(&mut self, timeout: Duration) -> bool {
        // Every copy of the master must close. The reading thread holds one, blocked in a
        // read: a size change makes the program draw, and after that read it lets go.
        self.closing.store(true, Ordering::SeqCst);
        drop(self.writer.take());
        if let Some(master) = self.master.take() {
            let size = master.get_size().unwrap();
            master
                .resize(PtySize {
                    cols: size.cols + 1,
                    ..size
                })
                .unwrap();
        }
        self.wait_exit(timeout)
    }

    pub fn pid(&self) -> Option<u32> {
        self.child.process_id()
    }

    /// Waits until the screen shows `text`; panics with the screen after `timeout`.
    pub fn wait_for(&self, text: &str, timeout: Duration) {
        let deadline = Instant::now() + timeout;
        while Instant::now() < deadline {
            if self.screen().contains(text) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("timed out waiting for {text:?}; screen:\n{}", self.screen());
    }

    /// Waits for the program to exit; its success, or panics after `timeout`.
    pub fn wait_exit(&mut self, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.success();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        panic!("the program did not exit; screen:\n{}", self.screen());
    }

    /// Waits for the program to exit; its exit code, or panics after `timeout`.
    pub fn wait_exit_code(&mut self, timeout: Duration) -> u32 {
        let deadline = Instant::now() + timeout;
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.exit_code();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        panic!("the program did not exit; screen:\n{}", self.screen());
    }

    /// Waits until the output so far contains `bytes` (the reader may lag the exit).
    pub fn wait_output(&self, bytes: &[u8], timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        while Instant::now() < deadline {
            if self.raw().windows(bytes.len()).any(|w| w == bytes) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        false
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
    }
}

/// A temporary station for a program under test: a database with the sample people, and
/// an empty config directory. Paths as text, ready to pass as arguments.
pub struct Setup {
    pub dir: tempfile::TempDir,
    pub db: String,
    pub config: String,
}

pub fn setup() -> Setup {
    let dir = tempfile::tempdir().unwrap();
    // On the server run the desks share a server database instead of the file.
    let db = super::pg::db(dir.path().join("desk.db"));
    let config = dir.path().join("config");
    std::fs::create_dir_all(&config).unwrap();
    let mut store = stationdesk::store::Store::open_with_clock(&db, super::clock()).unwrap();
    super::fill(&mut store);
    Setup {
        db: db.display().to_string(),
        config: config.display().to_string(),
        dir,
    }
}
