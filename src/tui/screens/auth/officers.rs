//! The accounts of the station (administrators only): the list, and adding an account,
//! disabling or enabling one, resetting a password, and switching a role. Every change is
//! made, checked (the last administrator stays) and audited by the store.
use crate::domain::officer::{
    Officer, Role, check_password, login_gate, parse_display_name, parse_username,
};
use crate::i18n::Msg;
use crate::tui::action::{Action, Loaded};
use crate::tui::effect::{DbJob, Effect};
use crate::tui::screens::auth::form::{Field, Form, Kind, draw_panel};
use crate::tui::screens::{Cx, Screen, ScreenId, View};
use crate::tui::session::{AuthDone, AuthJob, AuthSettings};
use crate::tui::widgets::chrome;
use crate::tui::widgets::columns::{Column, Widths};
use chrono::NaiveDateTime;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

const ROLES: &[&str] = &["auth.role.officer", "auth.role.admin"];

#[derive(Debug)]
enum Mode {
    List,
    Add(Form),
    Reset { username: String, form: Form },
}

#[derive(Debug)]
pub struct Officers {
    list: Vec<Officer>,
    selected: usize,
    mode: Mode,
    settings: AuthSettings,
    message: Option<(Msg, bool)>,
    now: Option<NaiveDateTime>,
    busy: bool,
}

fn add_form() -> Form {
    Form::new(vec![
        Field::new("tui_auth.field.username", Kind::Text),
        Field::new("tui_auth.field.display_name", Kind::Text),
        Field::new("tui_auth.field.role", Kind::Choice(ROLES)),
        Field::new("tui_auth.field.password", Kind::Secret),
        Field::new("tui_auth.field.password_again", Kind::Secret),
    ])
}

fn reset_form() -> Form {
    Form::new(vec![
        Field::new("tui_auth.field.new_password", Kind::Secret),
        Field::new("tui_auth.field.password_again", Kind::Secret),
    ])
}

/// The password and its repetition, checked.
fn passwords(form: &Form, first: usize) -> Result<(), (usize, Msg)> {
    check_password(form.value(first)).map_err(|m| (first, m))?;
    if form.value(first) != form.value(first + 1) {
        return Err((first + 1, Msg::new("tui_auth.password.mismatch")));
    }
    Ok(())
}

impl Officers {
    pub fn new(settings: AuthSettings) -> Officers {
        Officers {
            list: Vec::new(),
            selected: 0,
            mode: Mode::List,
            settings,
            message: None,
            now: None,
            busy: false,
        }
    }

    pub fn officers(&self) -> &[Officer] {
        &self.list
    }

    pub fn message(&self) -> Option<&Msg> {
        self.message.as_ref().map(|(m, _)| m)
    }

    fn selected(&self) -> Option<&Officer> {
        self.list.get(self.selected)
    }

    fn job(&mut self, job: AuthJob) -> Vec<Effect> {
        self.busy = true;
        vec![Effect::Db(DbJob::Auth(job))]
    }

    fn update_list(&mut self, action: &Action, cx: &Cx) -> Vec<Effect> {
        let last = self.list.len().saturating_sub(1);
        match action {
            Action::MoveUp => self.selected = self.selected.saturating_sub(1),
            Action::MoveDown => self.selected = (self.selected + 1).min(last),
            Action::PageUp => self.selected = self.selected.saturating_sub(cx.page_rows),
            Action::PageDown => self.selected = (self.selected + cx.page_rows).min(last),
            Action::First => self.selected = 0,
            Action::Last => self.selected = last,
            Action::Back => return vec![Effect::Pop],
            Action::NewItem => {
                self.message = None;
                self.mode = Mode::Add(add_form());
            }
            _ if self.busy => {}
            Action::ToggleActive => {
                if let Some(o) = self.selected() {
                    let job = AuthJob::SetActive {
                        username: o.username.clone(),
                        active: !o.active,
                    };
                    return self.job(job);
                }
            }
            Action::ChangeRole => {
                if let Some(o) = self.selected() {
                    let role = match o.role {
                        Role::Admin => Role::Officer,
                        Role::Officer => Role::Admin,
                    };
                    let job = AuthJob::SetRole {
                        username: o.username.clone(),
                        role,
                    };
                    return self.job(job);
                }
            }
            Action::ResetPassword => {
                if let Some(username) = self.selected().map(|o| o.username.clone()) {
                    self.message = None;
                    self.mode = Mode::Reset {
                        username,
                        form: reset_form(),
                    };
                }
            }
            _ => {}
        }
        Vec::new()
    }

    fn submit(&mut self) -> Vec<Effect> {
        if self.busy {
            return Vec::new();
        }
        let cost = self.settings.cost;
        let (checked, job) = match &mut self.mode {
            Mode::List => return Vec::new(),
            Mode::Add(form) => {
                let checked = parse_username(form.value(0))
                    .map_err(|m| (0, m))
                    .and_then(|u| parse_display_name(form.value(1), &u).map_err(|m| (1, m)))
                    .and_then(|_| passwords(form, 3));
                let job = AuthJob::AddOfficer {
                    username: form.value(0).to_string(),
                    display_name: form.value(1).to_string(),
                    role: if form.choice(2) == 1 {
                        Role::Admin
                    } else {
                        Role::Officer
                    },
                    password: form.value(3).to_string(),
                    cost,
                };
                (checked.map(|_| ()).map_err(|e| (form, e)), job)
            }
            Mode::Reset { username, form } => {
                let job = AuthJob::ResetPassword {
                    username: username.clone(),
                    password: form.value(0).to_string(),
                    cost,
                };
                (passwords(form, 0).map_err(|e| (form, e)), job)
            }
        };
        match checked {
            Err((form, (field, msg))) => {
                form.focus_on(field);
                self.message = Some((msg, true));
                Vec::new()
            }
            Ok(()) => {
                if let Mode::Add(form) | Mode::Reset { form, .. } = &mut self.mode {
                    form.clear_secrets();
                }
                self.message = Some((Msg::new("tui_auth.login.checking"), false));
                self.job(job)
            }
        }
    }

    /// An officer's row as the list shows it.
    fn cells(&self, o: &Officer, view: &View) -> [String; 5] {
        let state = if o.active {
            view.t("tui_auth.officers.active")
        } else {
            view.t("tui_auth.officers.disabled")
        };
        let locked = match (self.now, o.locked_until) {
            (Some(now), until) => match login_gate(o.failed_logins, until, now) {
                crate::domain::officer::LoginGate::Locked { until } => {
                    until.format("%m-%d %H:%M").to_string()
                }
                _ => String::new(),
            },
            _ => String::new(),
        };
        [
            o.username.clone(),
            o.display_name.clone(),
            o.role.label().render(view.lang),
            state,
            locked,
        ]
    }

    fn render_list(&self, frame: &mut Frame, area: Rect, view: &View) {
        let block = chrome::boxed(view.t("tui_auth.screen.officers"), view);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let header = [
            "tui_auth.officers.col_username",
            "tui_auth.officers.col_display_name",
            "tui_auth.officers.col_role",
            "tui_auth.officers.col_state",
            "tui_auth.officers.col_locked",
        ]
        .map(|k| view.t(k));
        let rows: Vec<[String; 5]> = self.list.iter().map(|o| self.cells(o, view)).collect();
        let table = Widths::fit(
            &COLUMNS,
            &header,
            rows.iter().map(|r| r.as_slice()),
            0,
            usize::from(inner.width),
        );
        let mut lines = vec![Line::styled(table.line("", &header), view.theme.title)];
        let [list_area, note_area] =
            Layout::vertical([Constraint::Min(0), Constraint::Length(2)]).areas(inner);
        let visible = usize::from(list_area.height.saturating_sub(1)).max(1);
        let first = self.selected.saturating_sub(visible - 1);
        for (i, cells) in rows.iter().enumerate().skip(first).take(visible) {
            let text = table.line("", cells);
            let style = if i == self.selected {
                view.theme.selection
            } else {
                view.theme.text
            };
            lines.push(Line::from(Span::styled(text, style)));
        }
        frame.render_widget(Paragraph::new(lines), list_area);
        let note = match &self.message {
            Some((m, true)) => Line::styled(m.render(view.lang), view.theme.error),
            Some((m, false)) => Line::styled(m.render(view.lang), view.theme.muted),
            None => Line::styled(view.t("tui_auth.officers.keys"), view.theme.muted),
        };
        frame.render_widget(
            Paragraph::new(note).wrap(ratatui::widgets::Wrap { trim: true }),
            note_area,
        );
    }
}

impl Screen for Officers {
    fn id(&self) -> ScreenId {
        ScreenId::Officers
    }

    fn sections(&self) -> &'static [&'static str] {
        match self.mode {
            Mode::List => &["officers", "list"],
            _ => &["auth", "text"],
        }
    }

    fn text_focused(&self) -> bool {
        !matches!(self.mode, Mode::List)
    }

    fn hints(&self) -> &'static [Action] {
        match self.mode {
            Mode::List => &[
                Action::NewItem,
                Action::ToggleActive,
                Action::ResetPassword,
                Action::ChangeRole,
                Action::Back,
            ],
            _ => &[Action::NextField, Action::Submit, Action::Back],
        }
    }

    fn on_enter(&mut self, _cx: &Cx) -> Vec<Effect> {
        vec![Effect::Db(DbJob::Auth(AuthJob::Officers))]
    }

    fn update(&mut self, action: &Action, cx: &Cx) -> Vec<Effect> {
        match action {
            Action::Loaded(Loaded::Auth(done)) => {
                self.busy = false;
                match done {
                    AuthDone::Officers(list) => {
                        self.list = list.clone();
                        self.now = Some(cx.now);
                        self.selected = self.selected.min(self.list.len().saturating_sub(1));
                        Vec::new()
                    }
                    AuthDone::Changed(m) => {
                        self.mode = Mode::List;
                        self.message = Some((m.clone(), false));
                        vec![
                            Effect::Status(m.clone()),
                            Effect::Db(DbJob::Auth(AuthJob::Officers)),
                        ]
                    }
                    AuthDone::Failed(m) => {
                        self.message = Some((m.clone(), true));
                        Vec::new()
                    }
                    _ => Vec::new(),
                }
            }
            _ if matches!(self.mode, Mode::List) => self.update_list(action, cx),
            Action::Back => {
                self.mode = Mode::List;
                self.message = None;
                Vec::new()
            }
            Action::Submit | Action::Save => {
                let on_last = match &self.mode {
                    Mode::Add(f) | Mode::Reset { form: f, .. } => f.on_last(),
                    Mode::List => true,
                };
                if matches!(action, Action::Submit) && !on_last {
                    if let Mode::Add(f) | Mode::Reset { form: f, .. } = &mut self.mode {
                        f.apply(&Action::NextField);
                    }
                    return Vec::new();
                }
                self.submit()
            }
            other => {
                if let Mode::Add(f) | Mode::Reset { form: f, .. } = &mut self.mode {
                    f.apply(other);
                }
                Vec::new()
            }
        }
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        self.render_list(frame, area, view);
        let message = self
            .message
            .as_ref()
            .map(|(m, e)| (m.render(view.lang), *e));
        let message = message.as_ref().map(|(m, e)| (m.as_str(), *e));
        match &self.mode {
            Mode::List => {}
            Mode::Add(form) => draw_panel(
                frame,
                area,
                view,
                &view.t("tui_auth.officers.add_title"),
                &[view.t("tui_auth.officers.add_intro")],
                form,
                message,
            ),
            Mode::Reset { username, form } => draw_panel(
                frame,
                area,
                view,
                &view.t("tui_auth.officers.reset_title"),
                &[crate::i18n::tf(
                    view.lang,
                    "tui_auth.officers.reset_intro",
                    &[("username", username)],
                )],
                form,
                message,
            ),
        }
    }
}

/// The accounts' columns: the display name gives way first.
const COLUMNS: [Column; 5] = [
    Column::new(8, 20),
    Column::new(6, 24).flexible(),
    Column::new(6, 16),
    Column::new(6, 12),
    Column::new(11, 24),
];
