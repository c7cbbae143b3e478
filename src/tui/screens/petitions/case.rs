//! The case view: every field of a petition, its statutory deadlines with the days left or
//! overdue, and the dated timeline of its steps; the "add step" key opens the step dialog.
use crate::domain::petition::{CaseState, PetitionCase, Status};
use crate::i18n::{Lang, Msg, t};
use crate::tui::action::{Action, Loaded};
use crate::tui::data::CaseData;
use crate::tui::effect::{DbJob, Effect};
use crate::tui::screens::petitions::case_history::{report_lines, timeline_lines, unreported_flag};
use crate::tui::screens::petitions::case_report::ReportDialog;
use crate::tui::screens::petitions::case_void::VoidDialog;
use crate::tui::screens::petitions::jobs::PetitionJob;
use crate::tui::screens::petitions::notice_menu::{MenuOutcome, NoticeMenu, history_lines};
use crate::tui::screens::petitions::step::{StepDialog, StepOutcome};
use crate::tui::screens::{Cx, Screen, ScreenId, View};
use crate::tui::widgets::chrome;
use crate::tui::widgets::text::{fit, width};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

mod dialogs;

#[derive(Debug)]
pub struct PetitionCaseView {
    id: i64,
    case_no: String,
    /// Opened from the ledger: going back reloads it (a step may have changed the case).
    from_ledger: bool,
    data: Option<Box<CaseData>>,
    state: Option<CaseState>,
    dialog: Option<StepDialog>,
    void: Option<VoidDialog>,
    report: Option<ReportDialog>,
    /// The notice chooser, while open.
    menu: Option<NoticeMenu>,
    scroll: usize,
}

impl PetitionCaseView {
    pub fn new(id: i64, case_no: &str, from_ledger: bool) -> PetitionCaseView {
        PetitionCaseView {
            id,
            case_no: case_no.to_string(),
            from_ledger,
            data: None,
            state: None,
            dialog: None,
            void: None,
            report: None,
            menu: None,
            scroll: 0,
        }
    }

    pub fn dialog(&self) -> Option<&StepDialog> {
        self.dialog.as_ref()
    }

    pub fn void_dialog(&self) -> Option<&VoidDialog> {
        self.void.as_ref()
    }

    pub fn report_dialog(&self) -> Option<&ReportDialog> {
        self.report.as_ref()
    }

    fn any_dialog(&self) -> bool {
        self.dialog.is_some() || self.void.is_some() || self.report.is_some()
    }

    pub fn status(&self) -> Option<Status> {
        self.state.as_ref().map(|s| s.status)
    }
}

impl Screen for PetitionCaseView {
    fn data_changed(&mut self, changes: &[crate::store::Change], _cx: &Cx) -> Vec<Effect> {
        use crate::store::changes::{PETITION, PETITION_STEP};
        // A step names its case only through its own row: any step reloads the open case.
        let mine = changes
            .iter()
            .any(|c| (c.is(PETITION) && c.entity_id == self.id) || c.is(PETITION_STEP));
        if mine {
            vec![Effect::Db(DbJob::Petitions(PetitionJob::Case(self.id)))]
        } else {
            Vec::new()
        }
    }

    fn id(&self) -> ScreenId {
        ScreenId::PetitionCase
    }

    fn sections(&self) -> &'static [&'static str] {
        if self.any_dialog() {
            &["petition_step", "text"]
        } else if self.menu.is_some() {
            &["notice_menu", "list"]
        } else {
            &["petition_case", "list"]
        }
    }

    fn text_focused(&self) -> bool {
        self.dialog.as_ref().is_some_and(StepDialog::text_focused)
            || self.void.as_ref().is_some_and(VoidDialog::text_focused)
            || self.report.as_ref().is_some_and(ReportDialog::text_focused)
    }

    fn hints(&self) -> &'static [Action] {
        if let Some(hints) = self.dialog_hints() {
            hints
        } else {
            &[
                Action::Help,
                Action::AddStep,
                Action::ReportRisk,
                Action::VoidStep,
                Action::IssueNotice,
                Action::PageDown,
                Action::Back,
            ]
        }
    }

    fn on_enter(&mut self, _cx: &Cx) -> Vec<Effect> {
        vec![Effect::Db(DbJob::Petitions(PetitionJob::Case(self.id)))]
    }

    fn update(&mut self, action: &Action, cx: &Cx) -> Vec<Effect> {
        match action {
            Action::Loaded(Loaded::PetitionCase(data)) if data.case.id == self.id => {
                self.state = Some(data.case.state.clone());
                self.data = Some(data.clone());
                return Vec::new();
            }
            Action::Loaded(Loaded::StepSaved { id, result }) if *id == self.id => {
                if let Some(effects) = self.saved_other(result) {
                    return effects;
                }
                return match result {
                    Ok(()) => {
                        self.dialog = None;
                        vec![
                            Effect::Db(DbJob::Petitions(PetitionJob::Case(self.id))),
                            Effect::Status(Msg::new("tui.petition.step.saved")),
                        ]
                    }
                    Err(text) => {
                        if let Some(d) = &mut self.dialog {
                            d.refused(Msg::new("tui.petition.refused").arg("detail", text));
                        }
                        Vec::new()
                    }
                };
            }
            Action::Loaded(Loaded::NoticeIssued { id, result }) if *id == self.id => {
                let msg = match result {
                    Ok(path) => Msg::new("tui.petition.notice_issued").arg("path", path),
                    Err(text) => Msg::new("tui.petition.notice_failed").arg("detail", text),
                };
                return vec![
                    Effect::Db(DbJob::Petitions(PetitionJob::Case(self.id))),
                    Effect::Status(msg),
                ];
            }
            _ => {}
        }
        if let Some(menu) = &mut self.menu {
            return match menu.update(action) {
                MenuOutcome::Stay => Vec::new(),
                MenuOutcome::Cancel => {
                    self.menu = None;
                    Vec::new()
                }
                MenuOutcome::Issue(kind) => {
                    self.menu = None;
                    vec![Effect::Db(DbJob::Petitions(PetitionJob::IssueNotice {
                        id: self.id,
                        kind,
                    }))]
                }
            };
        }
        if let Some(dialog) = &mut self.dialog {
            return match dialog.update(action, cx) {
                StepOutcome::Stay => Vec::new(),
                StepOutcome::Cancel => {
                    self.dialog = None;
                    Vec::new()
                }
                StepOutcome::Submit(step) => {
                    vec![Effect::Db(DbJob::Petitions(PetitionJob::AddStep {
                        id: self.id,
                        step,
                    }))]
                }
                StepOutcome::Delivered(on) => {
                    vec![Effect::Db(DbJob::Petitions(PetitionJob::RecordDelivery {
                        id: self.id,
                        on,
                    }))]
                }
            };
        }
        if let Some(effects) = self.update_other_dialogs(action, cx) {
            return effects;
        }
        let page = cx.page_rows.max(1);
        match action {
            Action::AddStep => {
                if let (Some(state), Some(data)) = (&self.state, &self.data) {
                    self.dialog = Some(StepDialog::new(state, &data.calendar, cx));
                }
            }
            // Only an administrator voids; anyone else is told so before typing a reason.
            Action::VoidStep if cx.role != Some(crate::domain::officer::Role::Admin) => {
                return vec![Effect::Error(Msg::new("petition.void.admin_only"))];
            }
            Action::VoidStep => {
                if let Some(data) = &self.data {
                    self.void = Some(VoidDialog::new(&data.steps));
                }
            }
            Action::ReportRisk => {
                if let Some(state) = &self.state {
                    self.report = Some(ReportDialog::new(state.received, cx));
                }
            }
            Action::IssueNotice => {
                if let Some(data) = &self.data {
                    self.menu = Some(NoticeMenu::new(&data.steps));
                }
            }
            Action::MoveUp => self.scroll = self.scroll.saturating_sub(1),
            Action::MoveDown => self.scroll += 1,
            Action::PageUp => self.scroll = self.scroll.saturating_sub(page),
            Action::PageDown => self.scroll += page,
            Action::First => self.scroll = 0,
            Action::Last => self.scroll = 200,
            Action::Back if self.from_ledger => return vec![Effect::Switch(ScreenId::Petitions)],
            Action::Back => return vec![Effect::Pop],
            _ => {}
        }
        self.scroll = self.scroll.min(200);
        Vec::new()
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        let title = format!("{} {}", view.t("tui.petition.case.title"), self.case_no);
        let block = chrome::boxed(title, view);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let Some(data) = &self.data else {
            frame.render_widget(
                Paragraph::new(view.t("tui.app.loading")).style(view.theme.muted),
                inner,
            );
            return;
        };
        let (main, side) = if inner.width >= 110 {
            let [a, b] = Layout::horizontal([Constraint::Percentage(55), Constraint::Min(0)])
                .spacing(2)
                .areas(inner);
            (a, Some(b))
        } else {
            (inner, None)
        };
        let mut details = detail_lines(&data.case, view, usize::from(main.width));
        let high = data.case.petition.risk == crate::domain::petition::Risk::High;
        // A high-risk case not yet reported upward says so first, whatever the width.
        let flag = unreported_flag(&data.risk_reports, high, view);
        let deadlines = super::case_deadlines::deadline_lines(
            &data.case.state,
            &data.steps,
            &data.calendar,
            view,
        );
        let mut timeline = report_lines(&data.risk_reports, view);
        timeline.extend(timeline_lines(&data.steps, view));
        timeline.extend(history_lines(&data.notices, view));
        // Narrow terminals show the deadlines first: they are what an officer opens a
        // case to see.
        let (mut lines, right) = if side.is_some() {
            let mut right = deadlines;
            right.extend(timeline);
            if let Some(flag) = flag {
                details.insert(0, flag);
            }
            (details, right)
        } else {
            let mut lines: Vec<Line> = flag.into_iter().collect();
            lines.extend(deadlines.into_iter().skip(1));
            lines.push(Line::from(""));
            lines.extend(details);
            lines.extend(timeline);
            (lines, Vec::new())
        };
        match side {
            Some(side) => {
                let max = right.len().saturating_sub(usize::from(side.height));
                let scroll = u16::try_from(self.scroll.min(max)).unwrap_or(0);
                frame.render_widget(
                    Paragraph::new(right)
                        .wrap(Wrap { trim: false })
                        .scroll((scroll, 0)),
                    side,
                );
            }
            None => lines.extend(right),
        }
        let max = lines.len().saturating_sub(usize::from(main.height));
        let scroll = u16::try_from(self.scroll.min(max)).unwrap_or(0);
        frame.render_widget(
            Paragraph::new(lines)
                .wrap(Wrap { trim: false })
                .scroll((scroll, 0)),
            main,
        );
        if let Some(dialog) = &self.dialog {
            dialog.render(frame, area, view);
        }
        if let Some(dialog) = &self.void {
            dialog.render(frame, area, view);
        }
        if let Some(dialog) = &self.report {
            dialog.render(frame, area, view);
        }
        if let Some(menu) = &self.menu {
            menu.render(frame, area, view);
        }
    }
}

fn pair<'a>(label: &str, value: String, label_cols: usize, view: &View) -> Line<'a> {
    Line::from(vec![
        Span::styled(fit(label, label_cols), view.theme.muted),
        Span::styled(value, view.theme.text),
    ])
}

/// Every field of the petition, one per line; long texts keep their line breaks.
fn detail_lines<'a>(case: &PetitionCase, view: &View, _cols: usize) -> Vec<Line<'a>> {
    let lang = view.lang;
    let p = &case.petition;
    let petitioners = p
        .petitioners
        .iter()
        .map(|x| {
            let mut parts = vec![x.name.clone()];
            if !x.phone.is_empty() {
                parts.push(x.phone.clone());
            }
            if !x.address.is_empty() {
                parts.push(x.address.clone());
            }
            parts.join("  ")
        })
        .collect::<Vec<_>>()
        .join("\n");
    let flags = p
        .flags
        .label_keys()
        .into_iter()
        .map(|k| t(lang, k))
        .collect::<Vec<_>>()
        .join(" ");
    let sep = match lang {
        Lang::Zh => "、",
        Lang::En => ", ",
    };
    let mut pairs: Vec<(&str, String)> = vec![
        (
            "tui.petition.case.status",
            t(lang, case.state.status.label_key()),
        ),
        ("petition.field.channel", t(lang, p.channel.label_key())),
        (
            "petition.field.received_at",
            p.received_at.format("%Y-%m-%d %H:%M").to_string(),
        ),
        ("petition.field.petitioners", petitioners),
        ("petition.field.people_count", p.people_count.to_string()),
        (
            "petition.field.representatives",
            p.representatives.join(sep),
        ),
        ("petition.field.agents", p.agents.join(sep)),
        ("petition.field.category", p.category.clone()),
        ("petition.field.subject", p.subject.clone()),
        ("petition.field.request", p.request.clone()),
        ("petition.field.facts", p.facts.clone()),
        ("petition.field.reasons", p.reasons.clone()),
        ("petition.field.documents", p.documents.clone()),
        ("tui.petition.case.flags", flags),
        ("petition.field.risk", t(lang, p.risk.label_key())),
        ("petition.field.handler", p.handler.clone()),
        (
            "tui.petition.case.forwarded_to",
            case.state.forwarded_to.clone().unwrap_or_default(),
        ),
    ];
    pairs.splice(2..2, super::case_referral::intake_pairs(p, lang));
    let labels: Vec<(String, String)> = pairs.into_iter().map(|(k, v)| (t(lang, k), v)).collect();
    let label_cols = labels.iter().map(|(l, _)| width(l)).max().unwrap_or(8) + 2;
    let mut lines = vec![Line::styled(
        view.t("tui.petition.case.details"),
        view.theme.title,
    )];
    for (label, value) in labels {
        let mut parts = value.split('\n');
        let first = parts.next().unwrap_or("").to_string();
        let mut line = pair(&label, first, label_cols, view);
        if label == t(lang, "petition.field.risk") && p.risk == crate::domain::petition::Risk::High
        {
            line = line.patch_style(view.theme.error);
        }
        lines.push(line);
        for more in parts {
            lines.push(pair("", more.to_string(), label_cols, view));
        }
    }
    lines
}
