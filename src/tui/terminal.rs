//! The terminal itself: raw mode, alternate screen, bracketed paste; the loop; and putting
//! everything back on exit, on a panic, and on SIGTERM or SIGHUP.
//!
//! Two things are deliberately not done: the kitty keyboard enhancement flags (they garble
//! input-method commits in several terminals), and asking the terminal where its cursor is
//! (a bare pseudo-terminal never answers, and the program would hang).
use crate::clock::SharedClock;
use crate::tui::action::{Action, Incoming};
use crate::tui::app::App;
use crate::tui::workers::Workers;
use crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use std::io::{self, Stdout};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

type Term = Terminal<CrosstermBackend<Stdout>>;

/// How long a save waits for another desk before the status line says so.
const WAIT_SHOWN_AFTER: Duration = Duration::from_millis(500);

/// Testing aid: with `STATIONDESK_TEST_PANIC` set (to anything but empty or `0`) the
/// program panics on purpose at the first key press it reads, after the first frame has
/// been drawn, so that a test in a pseudo-terminal can check that the panic hook puts the
/// terminal back. With the value `worker` the panic happens on another thread instead, as a
/// bug in a worker would. Nothing else reads it, and nobody sets it by accident.
pub const TEST_PANIC_ENV: &str = "STATIONDESK_TEST_PANIC";

fn test_panic_wanted() -> bool {
    std::env::var(TEST_PANIC_ENV).is_ok_and(|v| !v.is_empty() && v != "0")
}

/// Puts the terminal back as the shell expects it. Safe to call more than once.
pub fn restore() {
    let _ = disable_raw_mode();
    let _ = execute!(
        io::stdout(),
        DisableBracketedPaste,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
}

fn enter() -> io::Result<Term> {
    enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen, EnableBracketedPaste)?;
    // A fullscreen viewport takes its size from the terminal and never queries the cursor.
    Terminal::new(CrosstermBackend::new(io::stdout()))
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
        // A panic on a worker thread would otherwise leave the screen loop running on a
        // terminal that was just put back to normal, drawing garbage over the shell. Every
        // save is already committed or refused, and open forms are kept as drafts every few
        // seconds, so ending here loses at most those seconds of typing.
        std::process::exit(101);
    }));
}

/// Reads terminal events on its own thread so that the loop can wait on one queue for keys
/// and worker results alike.
fn spawn_input(out: Sender<Incoming>, stop: Arc<AtomicBool>) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || {
        while !stop.load(Ordering::Relaxed) {
            match event::poll(Duration::from_millis(100)) {
                Ok(true) => match event::read() {
                    Ok(ev) => {
                        if out.send(Incoming::Terminal(ev)).is_err() {
                            return;
                        }
                    }
                    Err(_) => return,
                },
                Ok(false) => {}
                Err(_) => return,
            }
        }
    })
}

/// Runs the program until it quits or is told to stop; the terminal is restored whatever
/// happens. Returns a description of an I/O failure.
pub fn run_loop(
    app: &mut App,
    workers: &Workers,
    inbox: Receiver<Incoming>,
    outbox: Sender<Incoming>,
    clock: SharedClock,
) -> Result<(), String> {
    let terminate = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        signal_hook::flag::register(signal, Arc::clone(&terminate)).map_err(|e| e.to_string())?;
    }
    install_panic_hook();
    let mut terminal = match enter() {
        Ok(t) => t,
        Err(e) => {
            restore();
            return Err(e.to_string());
        }
    };
    let stop = Arc::new(AtomicBool::new(false));
    // The input thread is not joined: when the terminal has gone away (an SSH connection
    // dropped) crossterm's reader never returns from its read loop, and waiting for it
    // would keep the program running forever after SIGHUP. It stops at the flag when it
    // can, and with the process otherwise.
    let _input = spawn_input(outbox, Arc::clone(&stop));
    let result = event_loop(&mut terminal, app, workers, &inbox, &terminate, &clock);
    stop.store(true, Ordering::Relaxed);
    restore();
    result
}

fn event_loop(
    terminal: &mut Term,
    app: &mut App,
    workers: &Workers,
    inbox: &Receiver<Incoming>,
    terminate: &AtomicBool,
    clock: &SharedClock,
) -> Result<(), String> {
    if let Ok(size) = terminal.size() {
        workers.perform(app.update(Action::Resize(size.width, size.height)));
    }
    let mut shown_minute = clock.now().format("%H:%M").to_string();
    // A tick every second drives form drafts even when the clock is fixed.
    let mut last_tick = std::time::Instant::now();
    let mut dirty = true;
    let test_panic = test_panic_wanted();
    let mut shown_wait = None;
    loop {
        // A save waiting for another desk's write is shown after a moment (and Esc gives
        // it up); the worker doing it cannot say so itself, being blocked in the wait.
        let wait = crate::store::busy::waiting()
            .filter(|d| *d >= WAIT_SHOWN_AFTER)
            .map(|d| d.as_secs());
        if wait != shown_wait {
            shown_wait = wait;
            workers.perform(app.update(Action::WriteWaiting(wait)));
            dirty = true;
        }
        if terminate.load(Ordering::Relaxed) {
            workers.perform(app.update(Action::Terminate));
        }
        if app.should_quit() {
            return Ok(());
        }
        if dirty {
            if let Err(e) = terminal.draw(|frame| app.render(frame)) {
                // The terminal has gone (an SSH connection dropped, and its SIGHUP may not
                // have been seen yet): end as on SIGHUP, so open forms are kept as drafts.
                workers.perform(app.update(Action::Terminate));
                return Err(e.to_string());
            }
            dirty = false;
        }
        let incoming = match inbox.recv_timeout(Duration::from_millis(250)) {
            Ok(item) => Some(item),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => return Ok(()),
        };
        // Everything already waiting is handled before the next frame is drawn.
        for item in incoming
            .into_iter()
            .chain(std::iter::from_fn(|| inbox.try_recv().ok()))
        {
            let action = match item {
                Incoming::Terminal(ev) => {
                    if matches!(ev, event::Event::Resize(..)) {
                        dirty = true;
                    }
                    if test_panic && matches!(ev, event::Event::Key(_)) {
                        if std::env::var(TEST_PANIC_ENV).is_ok_and(|v| v == "worker") {
                            let _ = std::thread::spawn(|| {
                                panic!("{TEST_PANIC_ENV}: a deliberate panic on a worker")
                            })
                            .join();
                        } else {
                            panic!("{TEST_PANIC_ENV}: a deliberate panic for the terminal test");
                        }
                    }
                    app.action_for(&ev)
                }
                Incoming::Action(a) => Some(a),
            };
            if let Some(action) = action {
                workers.perform(app.update(action));
                dirty = true;
            }
        }
        let now = clock.now();
        let minute = now.format("%H:%M").to_string();
        if minute != shown_minute || last_tick.elapsed() >= Duration::from_secs(1) {
            shown_minute = minute;
            last_tick = std::time::Instant::now();
            workers.perform(app.update(Action::Tick(now)));
            dirty = true;
        }
    }
}
