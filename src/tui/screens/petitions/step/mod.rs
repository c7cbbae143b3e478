//! The step dialog of the case view: which step (only those the lifecycle allows from where
//! the case stands), when, a note or reason, and the department forwarded to, the days of
//! an extension, or a reply's content and delivery where the step needs them; and, while a
//! mailed reply waits for its receipt, the day it was received. The rules of recording judge
//! the step before it is sent (a step that will be late says so); the store judges it again
//! against the stored steps.
mod confirm;
mod view;
use crate::domain::calendar::Calendar;
use crate::domain::dates::parse_date_input;
use crate::domain::petition::{
    CaseState, Delivery, MAX_EXTENSION_DAYS, Redirect, Step, StepKind, check_late_delivery,
    parse_datetime_input, record, referral, timing,
};
use crate::domain::text::fold_width;
use crate::i18n::Msg;
use crate::tui::action::Action;
use crate::tui::screens::Cx;
use crate::tui::widgets::input::TextField;
use chrono::{NaiveDate, NaiveDateTime};

/// The dialog's fields, in Tab order; `Forward`, `Days`, `Method` and `Delivered` show only
/// for their step kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepField {
    Kind,
    At,
    Note,
    Forward,
    Days,
    /// How the reply is delivered.
    Method,
    /// The day a mailed reply was received, when known.
    Delivered,
}

/// What the dialog records: a step, or the day a mailed reply was received.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    Step(StepKind),
    Delivered,
}

/// What a key in the dialog leads to.
#[derive(Debug, Clone, PartialEq)]
pub enum StepOutcome {
    /// Nothing for the case view to do.
    Stay,
    /// Close the dialog.
    Cancel,
    /// The lifecycle allows this step: record it.
    Submit(Step),
    /// Record the day the reply was received.
    Delivered(NaiveDate),
}

#[derive(Debug, Clone)]
pub struct StepDialog {
    allowed: Vec<Choice>,
    kind: usize,
    at: TextField,
    note: TextField,
    forward: TextField,
    days: TextField,
    method: usize,
    delivered: TextField,
    focus: StepField,
    /// What was typed in the note of each other kind: changing the kind never carries an
    /// extension's reason over into a reply's content.
    notes: std::collections::HashMap<usize, String>,
    /// The step checked and shown for confirmation: Enter records it, Esc goes back.
    pub confirm: Option<Step>,
    state: CaseState,
    calendar: Calendar,
    /// The refusal or the error shown under the fields.
    error: Option<Msg>,
    /// Sent to the store; waiting for its answer.
    pub busy: bool,
    /// Who the dialog records steps as; the reasons a step is not offered are judged for
    /// them.
    officer: String,
}

/// The step kinds the lifecycle would allow from `state`, taken at `at` by `officer`.
pub fn allowed_steps(state: &CaseState, at: NaiveDateTime, officer: &str) -> Vec<StepKind> {
    let at = at.max(state.last_step);
    StepKind::ALL
        .into_iter()
        .filter(|kind| {
            let mut probe = Step::new(*kind, at, officer);
            probe.note = "-".into();
            match kind {
                StepKind::Extended => probe.extension_days = Some(1),
                StepKind::Forwarded | StepKind::PassedUp => probe.forwarded_to = Some("-".into()),
                _ => {}
            }
            referral::why_not(state, &probe).is_none()
        })
        .collect()
}

impl StepDialog {
    pub fn new(state: &CaseState, calendar: &Calendar, cx: &Cx) -> StepDialog {
        let mut at = TextField::default();
        at.set_value(&cx.now.format("%Y-%m-%d %H:%M").to_string());
        // A mailed reply (or review answer) waiting for its receipt: recording the receipt
        // comes first.
        let mut allowed: Vec<Choice> = Vec::new();
        if crate::domain::petition::awaiting_receipt(state).is_some() {
            allowed.push(Choice::Delivered);
        }
        allowed.extend(
            allowed_steps(state, cx.now, &cx.officer)
                .into_iter()
                .map(Choice::Step),
        );
        StepDialog {
            allowed,
            kind: 0,
            at,
            note: TextField::default(),
            forward: TextField::default(),
            days: TextField::default(),
            method: 0,
            delivered: TextField::default(),
            focus: StepField::Kind,
            notes: std::collections::HashMap::new(),
            confirm: None,
            state: state.clone(),
            calendar: calendar.clone(),
            error: None,
            busy: false,
            officer: cx.officer.clone(),
        }
    }

    pub fn allowed(&self) -> &[Choice] {
        &self.allowed
    }

    pub fn choice(&self) -> Option<Choice> {
        self.allowed.get(self.kind).copied()
    }

    /// The step kind chosen, if a step (not a receipt) is chosen.
    pub fn kind(&self) -> Option<StepKind> {
        match self.choice() {
            Some(Choice::Step(k)) => Some(k),
            _ => None,
        }
    }

    fn delivery(&self) -> Delivery {
        Delivery::ALL
            .get(self.method)
            .copied()
            .unwrap_or(Delivery::InPerson)
    }

    /// A step typed so far that will be recorded late, or a request that looks late: the
    /// limit's legal end and the days past it.
    fn lateness(&self, today: NaiveDate) -> Option<(NaiveDate, u32)> {
        let kind = self.kind()?;
        let at = parse_datetime_input(self.at.value(), today).ok()?;
        timing(&self.state, kind, at.date(), &self.calendar)
            .filter(|t| t.is_late())
            .map(|t| (t.due, t.late_days))
    }

    pub fn error(&self) -> Option<&Msg> {
        self.error.as_ref()
    }

    /// The store refused the step: show why.
    pub fn refused(&mut self, msg: Msg) {
        self.error = Some(msg);
        self.busy = false;
    }

    pub fn text_focused(&self) -> bool {
        self.focus != StepField::Kind
    }

    fn fields(&self) -> Vec<StepField> {
        if self.choice() == Some(Choice::Delivered) {
            return vec![StepField::Kind, StepField::At];
        }
        let mut out = vec![StepField::Kind, StepField::At, StepField::Note];
        match self.kind() {
            // The body forwarded, passed up or asked to review; for a refusal, the channel
            // to use.
            Some(k) if k.names_a_body() || k == StepKind::NotAccepted => {
                out.push(StepField::Forward)
            }
            Some(StepKind::Extended) => out.push(StepField::Days),
            Some(k) if k.is_delivered() => {
                out.push(StepField::Method);
                if self.delivery() != Delivery::InPerson {
                    out.push(StepField::Delivered);
                }
            }
            _ => {}
        }
        out
    }

    fn move_focus(&mut self, forward: bool) {
        let fields = self.fields();
        let i = fields.iter().position(|f| *f == self.focus).unwrap_or(0);
        let n = fields.len();
        let j = if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        };
        self.focus = fields[j];
    }

    fn choose_method(&mut self, forward: bool) {
        let n = Delivery::ALL.len();
        self.method = if forward {
            (self.method + 1) % n
        } else {
            (self.method + n - 1) % n
        };
        self.error = None;
    }

    fn choose(&mut self, forward: bool) {
        let n = self.allowed.len();
        if n == 0 {
            return;
        }
        self.notes.insert(self.kind, self.note.value().to_string());
        self.kind = if forward {
            (self.kind + 1) % n
        } else {
            (self.kind + n - 1) % n
        };
        let kept = self.notes.get(&self.kind).cloned().unwrap_or_default();
        self.note.set_value(&kept);
        self.error = None;
    }

    /// The day typed for a reply's receipt, checked; `Err` says what is wrong.
    pub fn build_delivery(&self, cx: &Cx) -> Result<NaiveDate, Msg> {
        let on = parse_date_input(self.at.value().split(' ').next().unwrap_or(""), cx.today)?;
        check_late_delivery(&self.state, on, cx.today)?;
        Ok(on)
    }

    /// The step as typed, checked by the rules of recording; `Err` says what is wrong.
    pub fn build(&self, cx: &Cx) -> Result<Step, Msg> {
        let kind = self
            .kind()
            .ok_or_else(|| Msg::new("tui.petition.step.none_allowed"))?;
        let at = parse_datetime_input(self.at.value(), cx.today)?;
        let mut step = Step::new(kind, at, &cx.officer);
        if kind.is_delivered() {
            step.delivery = Some(self.delivery());
            let typed = self.delivered.value().trim();
            if self.delivery() != Delivery::InPerson && !typed.is_empty() {
                step.delivered_on = Some(parse_date_input(typed, cx.today)?);
            }
        }
        step.note = self.note.value().trim().to_string();
        if kind.names_a_body() {
            step.forwarded_to = Some(self.forward.value().trim().to_string());
        }
        if kind == StepKind::NotAccepted {
            step.redirect = Redirect::parse(self.forward.value());
        }
        if kind == StepKind::Extended {
            let typed = fold_width(self.days.value());
            let typed = typed.trim().trim_end_matches('天').trim();
            let days = typed.parse::<u32>().map_err(|_| {
                Msg::new("tui.petition.step.days_invalid").arg("max", MAX_EXTENSION_DAYS)
            })?;
            step.extension_days = Some(days);
        }
        record(&self.state, &step, cx.today, &self.calendar)?;
        Ok(step)
    }

    /// The case as it will stand once the step in confirmation is recorded.
    pub fn after_confirm(&self, today: NaiveDate) -> Option<CaseState> {
        let step = self.confirm.as_ref()?;
        record(&self.state, step, today, &self.calendar)
            .ok()
            .map(|(_, next)| next)
    }

    pub fn calendar(&self) -> &Calendar {
        &self.calendar
    }

    /// The steps not offered from where the case stands, each with why: the list of steps
    /// never shrinks without a word.
    pub fn not_offered(&self, officer: &str) -> Vec<(StepKind, Msg)> {
        let at = self.state.last_step;
        StepKind::ALL
            .into_iter()
            .filter(|k| *k != StepKind::Registered)
            .filter(|k| !self.allowed.contains(&Choice::Step(*k)))
            .filter_map(|kind| {
                let mut probe = Step::new(kind, at, officer);
                probe.note = "-".into();
                if kind == StepKind::Extended {
                    probe.extension_days = Some(1);
                }
                if kind.names_a_body() {
                    probe.forwarded_to = Some("-".into());
                }
                referral::why_not(&self.state, &probe).map(|m| (kind, m))
            })
            .collect()
    }

    pub fn update(&mut self, action: &Action, cx: &Cx) -> StepOutcome {
        if self.busy {
            return StepOutcome::Stay;
        }
        if let Some(step) = &self.confirm {
            match action {
                Action::Back => self.confirm = None,
                Action::Submit | Action::Save => {
                    let step = step.clone();
                    self.confirm = None;
                    self.busy = true;
                    return StepOutcome::Submit(step);
                }
                _ => {}
            }
            return StepOutcome::Stay;
        }
        match action {
            Action::Back => return StepOutcome::Cancel,
            Action::NextField => self.move_focus(true),
            Action::PrevField => self.move_focus(false),
            Action::Save if self.choice() == Some(Choice::Delivered) => {
                match self.build_delivery(cx) {
                    Ok(on) => {
                        self.error = None;
                        self.busy = true;
                        return StepOutcome::Delivered(on);
                    }
                    Err(msg) => self.error = Some(msg),
                }
            }
            Action::Save => match self.build(cx) {
                Ok(step) => {
                    // Shown before it is kept: what will be recorded and the new deadline.
                    self.error = None;
                    self.confirm = Some(step);
                }
                Err(msg) => self.error = Some(msg),
            },
            Action::CursorLeft | Action::MoveUp if self.focus == StepField::Kind => {
                self.choose(false);
            }
            Action::CursorRight | Action::MoveDown | Action::Toggle
                if self.focus == StepField::Kind =>
            {
                self.choose(true);
            }
            Action::CursorLeft | Action::MoveUp if self.focus == StepField::Method => {
                self.choose_method(false);
            }
            Action::CursorRight | Action::MoveDown | Action::Toggle
                if self.focus == StepField::Method =>
            {
                self.choose_method(true);
            }
            edit => {
                let field = match self.focus {
                    StepField::Kind | StepField::Method => None,
                    StepField::At => Some(&mut self.at),
                    StepField::Note => Some(&mut self.note),
                    StepField::Forward => Some(&mut self.forward),
                    StepField::Days => Some(&mut self.days),
                    StepField::Delivered => Some(&mut self.delivered),
                };
                if let Some(f) = field
                    && f.apply(edit)
                {
                    self.error = None;
                }
            }
        }
        StepOutcome::Stay
    }
}
