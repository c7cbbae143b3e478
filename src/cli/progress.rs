//! What a long command shows while it works, and how Ctrl+C stops it.
//!
//! On a terminal (stderr is one) a bar on stderr says what the command is doing, how far
//! it has got and about how long is left, in the user's language; anywhere else (a script,
//! a pipe, a log) nothing is drawn and the command's closing line is the only word. The
//! library knows nothing of this: it calls [`Watcher`] at its safe points, and [`Meter`]
//! is the command line's watcher.
//!
//! A stoppable meter catches SIGINT and SIGTERM: the first asks the work to stop at its
//! next safe point (it then undoes what it began and the command says so, exiting 130 or
//! 143); a second one ends the program at once, leaving what a crash leaves, which the
//! store, the exports and the backups are all built to survive.
use super::{CliError, Ctx};
use crate::i18n::{Lang, Msg, t, tf};
use crate::work::{Progress, Stage, Unit, Watcher};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};
use std::fmt::Write;
use std::io::IsTerminal;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// How often the bar is redrawn: often enough to look alive, rarely enough to cost nothing.
const TICK: Duration = Duration::from_millis(100);

/// Exit codes of a command stopped by a signal, as shells report them (128 + the signal).
const EXIT_SIGINT: i32 = 130;
const EXIT_SIGTERM: i32 = 143;

/// The command line's watcher: draws the bar on a terminal and holds the stop flag.
pub struct Meter {
    lang: Lang,
    /// Whether stderr is a terminal: nothing is drawn otherwise.
    terminal: bool,
    /// The bar of the stage under way.
    bar: Option<ProgressBar>,
    /// The stage under way, and whether its total is known (the bar's look depends on it).
    stage: Option<(Stage, bool)>,
    /// Set by SIGINT or SIGTERM (never set for a meter that does not catch them).
    stop: Arc<AtomicBool>,
    /// Set by SIGTERM alone, for the exit code.
    terminated: Arc<AtomicBool>,
}

impl Meter {
    /// A meter for work that Ctrl+C and SIGTERM may stop at a safe point.
    pub fn stoppable(lang: Lang) -> Meter {
        let meter = Meter::showing(lang);
        #[cfg(unix)]
        {
            use signal_hook::consts::{SIGINT, SIGTERM};
            use signal_hook::flag;
            for (signal, code) in [(SIGINT, EXIT_SIGINT), (SIGTERM, EXIT_SIGTERM)] {
                // The shutdown is registered first so that it sees the flag as the earlier
                // signal left it: only a second signal ends the program at once.
                // Registration fails only for signals that cannot be caught; these can.
                let _ = flag::register_conditional_shutdown(signal, code, Arc::clone(&meter.stop));
                let _ = flag::register(signal, Arc::clone(&meter.stop));
            }
            let _ = flag::register(SIGTERM, Arc::clone(&meter.terminated));
        }
        // A write waiting for another desk's is a safe point too.
        crate::store::busy::give_up_when(Arc::clone(&meter.stop));
        meter
    }

    /// A meter that only shows progress; Ctrl+C ends the program as usual.
    pub fn showing(lang: Lang) -> Meter {
        Meter {
            lang,
            terminal: std::io::stderr().is_terminal(),
            bar: None,
            stage: None,
            stop: Arc::new(AtomicBool::new(false)),
            terminated: Arc::new(AtomicBool::new(false)),
        }
    }

    /// Takes the bar off the screen, so that what is printed next stands alone; the next
    /// progress report draws it again.
    pub fn clear(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
            crate::store::busy::waits_shown_on_bar(false);
        }
        self.stage = None;
    }

    /// Whether a stop was asked for. Work that had passed its last safe point finished all
    /// the same; the command then says so with [`Meter::too_late`].
    pub fn stop_was_requested(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }

    /// The sentence for a stop asked for after the work could no longer stop, if one was.
    pub fn too_late(&self) -> Option<String> {
        self.stop_was_requested()
            .then(|| t(self.lang, "record_progress.too_late"))
    }

    /// The command's failure for work stopped on request: `what` says what was (not)
    /// kept; the exit code tells which signal stopped it.
    pub fn interrupted(&mut self, ctx: &Ctx, what: &Msg) -> CliError {
        self.clear();
        let code = if self.terminated.load(Ordering::Relaxed) {
            EXIT_SIGTERM
        } else {
            EXIT_SIGINT
        };
        CliError {
            message: ctx.msg(what),
            code,
        }
    }

    /// A new bar for a new stage (or a stage that has learned its total), with its own
    /// count and its own estimate.
    fn begin(&mut self, p: Progress) {
        self.clear();
        self.stage = Some((p.stage, p.total.is_some()));
        if !self.terminal {
            return;
        }
        let bar = ProgressBar::with_draw_target(p.total, ProgressDrawTarget::stderr());
        bar.set_style(style(self.lang, p.stage.unit(), p.total.is_some()));
        bar.set_message(t(self.lang, p.stage.key()));
        bar.enable_steady_tick(TICK);
        crate::store::busy::waits_shown_on_bar(true);
        self.bar = Some(bar);
    }
}

impl Drop for Meter {
    fn drop(&mut self) {
        self.clear();
    }
}

impl Watcher for Meter {
    fn progress(&mut self, p: Progress) {
        if self.stage != Some((p.stage, p.total.is_some())) {
            self.begin(p);
        }
        let Some(bar) = &self.bar else {
            return;
        };
        // A database copy learns its size as it goes; a backup's pages can grow.
        if let Some(total) = p.total
            && bar.length() != Some(total)
        {
            bar.set_length(total);
        }
        bar.set_position(p.done);
    }

    fn stop_requested(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }

    fn stop_flag(&self) -> Option<&AtomicBool> {
        Some(&self.stop)
    }
}

/// The bar's look: what is done, the counts in their unit, the time left (or, with no
/// total to go by, the time so far and a spinner).
fn style(lang: Lang, unit: Unit, has_total: bool) -> ProgressStyle {
    ProgressStyle::with_template(&template(lang, unit, has_total))
        .unwrap_or_else(|_| ProgressStyle::default_spinner())
        // ASCII only: block characters are drawn two columns wide by terminals set up for
        // Chinese, which would break the line.
        .progress_chars("=> ")
        .tick_chars("|/-\\ ")
        .with_key("time_left", move |s: &ProgressState, w: &mut dyn Write| {
            let text = waiting(lang).unwrap_or_else(|| time_left(lang, s));
            let _ = w.write_str(&text);
        })
        .with_key("time_spent", move |s: &ProgressState, w: &mut dyn Write| {
            let spent = duration(lang, s.elapsed());
            let text = waiting(lang)
                .unwrap_or_else(|| tf(lang, "record_progress.time_spent", &[("time", &spent)]));
            let _ = w.write_str(&text);
        })
}

/// The template of [`style`]: the words of the units come from the catalog.
fn template(lang: Lang, unit: Unit, has_total: bool) -> String {
    let word = |key: &str| t(lang, key).replace('{', "{{").replace('}', "}}");
    let count = match unit {
        Unit::Bytes => return bytes_template(has_total),
        Unit::People => word("record_progress.unit_people"),
        Unit::Rows => word("record_progress.unit_rows"),
        Unit::None => return "{spinner} {msg}  {time_spent}".to_string(),
    };
    if has_total {
        format!("{{msg}} [{{wide_bar}}] {{human_pos}}/{{human_len}} {count}  {{time_left}}")
    } else {
        format!("{{spinner}} {{msg}} {{human_pos}} {count}  {{time_spent}}")
    }
}

fn bytes_template(has_total: bool) -> String {
    if has_total {
        "{msg} [{wide_bar}] {binary_bytes}/{binary_total_bytes}  {time_left}".to_string()
    } else {
        "{spinner} {msg} {binary_bytes}  {time_spent}".to_string()
    }
}

/// What the bar says while the work waits for another desk's write (which the command line
/// otherwise prints on a line of its own after a few seconds).
fn waiting(lang: Lang) -> Option<String> {
    crate::store::busy::waiting()
        .filter(|d| *d >= Duration::from_millis(500))
        .map(|_| t(lang, "store_open.waiting_cli"))
}

/// "About 12 s left", once there is enough to go by.
fn time_left(lang: Lang, s: &ProgressState) -> String {
    // The first moments of a stage say little about its speed.
    if s.pos() == 0 || s.elapsed() < Duration::from_millis(500) {
        return t(lang, "record_progress.estimating");
    }
    // Rounded up: "0 s left" while work remains reads as a hang.
    let eta = s.eta();
    let eta = Duration::from_secs(eta.as_secs() + u64::from(eta.subsec_nanos() > 0));
    tf(
        lang,
        "record_progress.time_left",
        &[("time", &duration(lang, eta))],
    )
}

/// A duration in words, to the second.
fn duration(lang: Lang, d: Duration) -> String {
    let secs = d.as_secs();
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    if h > 0 {
        tf(lang, "record_progress.hours", &[("h", &h), ("m", &m)])
    } else if m > 0 {
        tf(lang, "record_progress.minutes", &[("m", &m), ("s", &s)])
    } else {
        tf(lang, "record_progress.seconds", &[("s", &s)])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_in_both_languages() {
        assert_eq!(duration(Lang::Zh, Duration::from_secs(75)), "1 分 15 秒");
        assert_eq!(duration(Lang::En, Duration::from_secs(3725)), "1 h 2 min");
        assert_eq!(duration(Lang::En, Duration::from_secs(9)), "9 s");
    }

    #[test]
    fn every_template_parses_and_shows_the_stage() {
        for unit in [Unit::People, Unit::Rows, Unit::Bytes, Unit::None] {
            for has_total in [true, false] {
                for lang in [Lang::Zh, Lang::En] {
                    let text = template(lang, unit, has_total);
                    assert!(ProgressStyle::with_template(&text).is_ok(), "{text}");
                    assert!(text.contains("{msg}"), "{text}");
                }
            }
        }
        assert!(template(Lang::Zh, Unit::Rows, true).contains("行"));
    }
}
