//! The written notices (文书) a petitioner receives, composed from the case: what each says,
//! with the dates the program computes. Always in Chinese, whatever the screen's language:
//! the paper goes to a Chinese petitioner and into a Chinese file. Pure: the layout on the
//! page is the writer's business (`exchange::notices`).
use super::PetitionCase;
use super::deadlines::{Due, REVIEW_WINDOW_DAYS, deadlines};
use super::lifecycle::{Step, StepKind};
use crate::domain::calendar::Calendar;
use crate::i18n::{Lang, Msg, t, tf};
use chrono::NaiveDate;

/// Which notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NoticeKind {
    /// 登记回执: the petition is registered; when acceptance will be decided.
    Receipt,
    /// 受理告知书.
    Accepted,
    /// 不予受理告知书, with the channel to use.
    NotAccepted,
    /// 转送告知书: where the matter went.
    Forwarded,
    /// 延期办理告知书, with the reason and the new limit.
    Extended,
    /// 信访事项处理意见书 (答复意见书), with the petitioner's right to ask for review.
    Reply,
}

impl NoticeKind {
    pub const ALL: [NoticeKind; 6] = [
        NoticeKind::Receipt,
        NoticeKind::Accepted,
        NoticeKind::NotAccepted,
        NoticeKind::Forwarded,
        NoticeKind::Extended,
        NoticeKind::Reply,
    ];

    /// The stable code used on the command line and in the audit trail.
    pub fn code(self) -> &'static str {
        match self {
            NoticeKind::Receipt => "receipt",
            NoticeKind::Accepted => "accepted",
            NoticeKind::NotAccepted => "not-accepted",
            NoticeKind::Forwarded => "forwarded",
            NoticeKind::Extended => "extended",
            NoticeKind::Reply => "reply",
        }
    }

    /// Reads a code, or the notice's Chinese title.
    pub fn parse(text: &str) -> Option<NoticeKind> {
        let text = text.trim();
        NoticeKind::ALL
            .into_iter()
            .find(|k| k.code() == text || k.title() == text)
    }

    /// The catalog key of the notice's title.
    pub fn title_key(self) -> &'static str {
        match self {
            NoticeKind::Receipt => "record_notices.title.receipt",
            NoticeKind::Accepted => "record_notices.title.accepted",
            NoticeKind::NotAccepted => "record_notices.title.not_accepted",
            NoticeKind::Forwarded => "record_notices.title.forwarded",
            NoticeKind::Extended => "record_notices.title.extended",
            NoticeKind::Reply => "record_notices.title.reply",
        }
    }

    /// The title as printed (always Chinese).
    pub fn title(self) -> String {
        t(Lang::Zh, self.title_key())
    }

    /// The step the notice reports; `None` for the receipt, which follows registration.
    pub fn step(self) -> Option<StepKind> {
        match self {
            NoticeKind::Receipt => None,
            NoticeKind::Accepted => Some(StepKind::Accepted),
            NoticeKind::NotAccepted => Some(StepKind::NotAccepted),
            NoticeKind::Forwarded => Some(StepKind::Forwarded),
            NoticeKind::Extended => Some(StepKind::Extended),
            NoticeKind::Reply => Some(StepKind::Replied),
        }
    }

    /// The notices a case with these steps can have, in lifecycle order; a voided step
    /// allows none.
    pub fn available(steps: &[Step]) -> Vec<NoticeKind> {
        NoticeKind::ALL
            .into_iter()
            .filter(|k| k.step().is_none_or(|kind| latest(steps, kind).is_some()))
            .collect()
    }
}

/// A composed notice: every piece of text in the order it is printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub kind: NoticeKind,
    pub title: String,
    /// `编号：2026-0001`.
    pub number_line: String,
    /// `张三：` — the petitioners the notice is addressed to.
    pub addressee: String,
    pub paragraphs: Vec<String>,
    pub station: String,
    /// The issue date as printed, `2026年12月5日`.
    pub issued: String,
    /// `承办人：王芳` — the handling officer's display name.
    pub officer_line: String,
}

impl Notice {
    /// Every line of the notice, top to bottom, as plain text.
    pub fn lines(&self) -> Vec<&str> {
        let mut lines = vec![self.title.as_str(), self.number_line.as_str()];
        lines.push(&self.addressee);
        lines.extend(self.paragraphs.iter().map(String::as_str));
        lines.extend([
            self.officer_line.as_str(),
            self.station.as_str(),
            self.issued.as_str(),
        ]);
        lines
    }
}

/// What a notice is composed from besides the case.
#[derive(Debug, Clone, Copy)]
pub struct NoticeContext<'a> {
    pub calendar: &'a Calendar,
    pub station: &'a str,
    /// The handling officer's display name (承办人), never a login name when one is known.
    pub officer: &'a str,
    /// The day the notice is issued.
    pub today: NaiveDate,
    /// The body that reviews the station's reply (上一级机关), when the station has set it.
    pub review_body: Option<&'a str>,
}

/// A date as official Chinese paper writes it: `2026年12月5日`.
pub fn date_zh(date: NaiveDate) -> String {
    date.format("%Y年%-m月%-d日").to_string()
}

/// The latest step of `kind` still standing (a notice reports the decision in force; a
/// voided step no longer is one).
fn latest(steps: &[Step], kind: StepKind) -> Option<&Step> {
    steps
        .iter()
        .rev()
        .find(|s| s.kind == kind && s.voided.is_none())
}

fn zh(key: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
    tf(Lang::Zh, key, args)
}

/// Composes the notice of `kind` for `case`. Refused, with the reason, when the case has no
/// step the notice reports (a 受理告知书 for a case not accepted).
pub fn compose(
    kind: NoticeKind,
    case: &PetitionCase,
    steps: &[Step],
    cx: &NoticeContext<'_>,
) -> Result<Notice, Msg> {
    let step = match kind.step() {
        None => None,
        Some(sk) => Some(latest(steps, sk).ok_or_else(|| {
            Msg::new("record_notices.no_step")
                .arg("notice", kind.title())
                .arg("case_no", &case.case_no)
        })?),
    };
    let p = &case.petition;
    let d = deadlines(&case.state, cx.calendar);
    let received = date_zh(p.received_at.date());
    let subject = p.subject.as_str();
    let case_no = case.case_no.as_str();
    let opening = zh(
        "record_notices.opening",
        &[
            ("received", &received),
            ("channel", &t(Lang::Zh, p.channel.label_key())),
            ("subject", &subject),
            ("case_no", &case_no),
        ],
    );
    let step_day = |s: Option<&Step>| s.map(|s| date_zh(s.at.date())).unwrap_or_default();
    let ahead = |due: Due| due.end >= cx.today;
    let mut paragraphs = Vec::new();
    match kind {
        NoticeKind::Receipt => {
            paragraphs.push(zh(
                "record_notices.receipt.body",
                &[("opening", &opening), ("station", &cx.station)],
            ));
            // An anonymous letter runs no notice deadline, so its receipt promises none.
            if let Some(acceptance) = d.acceptance {
                let key = if ahead(acceptance) {
                    "record_notices.receipt.promise"
                } else {
                    "record_notices.receipt.passed"
                };
                paragraphs.push(zh(key, &[("due", &date_zh(acceptance.end))]));
            }
        }
        NoticeKind::Accepted => {
            paragraphs.push(zh(
                "record_notices.accepted.body",
                &[("opening", &opening), ("on", &step_day(step))],
            ));
            if let Some(h) = d.handling {
                let key = if ahead(h) {
                    "record_notices.accepted.promise"
                } else {
                    "record_notices.accepted.passed"
                };
                paragraphs.push(zh(key, &[("due", &date_zh(h.end))]));
            }
        }
        NoticeKind::NotAccepted => {
            let reason = step.map(|s| s.note.trim()).unwrap_or("");
            paragraphs.push(zh(
                "record_notices.not_accepted.body",
                &[("opening", &opening), ("on", &step_day(step))],
            ));
            if !reason.is_empty() {
                paragraphs.push(zh(
                    "record_notices.not_accepted.reason",
                    &[("reason", &reason)],
                ));
            }
            // The channel told on the refusal step; none is named when none was recorded
            // (a refusal for another reason has no other channel to point to).
            if let Some(redirect) = step.and_then(|s| s.redirect.as_ref()) {
                let channel = redirect.text(|key| t(Lang::Zh, key));
                paragraphs.push(zh(
                    "record_petfollow.not_accepted.channel",
                    &[("channel", &channel)],
                ));
            }
        }
        NoticeKind::Forwarded => {
            let to = step
                .and_then(|s| s.forwarded_to.clone())
                .or_else(|| case.state.forwarded_to.clone())
                .unwrap_or_default();
            paragraphs.push(zh(
                "record_notices.forwarded.body",
                &[("opening", &opening), ("on", &step_day(step)), ("to", &to)],
            ));
        }
        NoticeKind::Extended => {
            let reason = step.map(|s| s.note.trim()).unwrap_or("");
            let days = step.and_then(|s| s.extension_days).unwrap_or(0);
            paragraphs.push(zh(
                "record_notices.extended.body",
                &[("opening", &opening), ("reason", &reason), ("days", &days)],
            ));
            if let Some(h) = d.handling {
                let key = if ahead(h) {
                    "record_notices.extended.promise"
                } else {
                    "record_notices.extended.passed"
                };
                paragraphs.push(zh(key, &[("due", &date_zh(h.end))]));
            }
        }
        NoticeKind::Reply => {
            paragraphs.push(zh(
                "record_notices.reply.body",
                &[("opening", &opening), ("on", &step_day(step))],
            ));
            for (key, text) in [
                ("record_notices.reply.request", p.request.trim()),
                ("record_notices.reply.facts", p.facts.trim()),
                ("record_notices.reply.reasons", p.reasons.trim()),
                (
                    "record_notices.reply.opinion",
                    step.map_or("", |s| s.note.trim()),
                ),
            ] {
                if !text.is_empty() {
                    paragraphs.push(zh(key, &[("text", &text)]));
                }
            }
            let body = cx
                .review_body
                .map(str::trim)
                .filter(|b| !b.is_empty())
                .map(str::to_string)
                .unwrap_or_else(|| t(Lang::Zh, "record_notices.reply.higher_body"));
            paragraphs.push(zh(
                "record_notices.reply.review_rights",
                &[("days", &REVIEW_WINDOW_DAYS), ("body", &body)],
            ));
        }
    }
    let names = p
        .petitioners
        .iter()
        .map(|x| x.name.trim())
        .filter(|n| !n.is_empty())
        .collect::<Vec<_>>()
        .join("、");
    let addressee = if names.is_empty() {
        t(Lang::Zh, "record_notices.addressee_unknown")
    } else {
        names
    };
    Ok(Notice {
        kind,
        title: kind.title(),
        number_line: zh("record_notices.number", &[("case_no", &case_no)]),
        addressee: format!("{addressee}："),
        paragraphs,
        station: cx.station.to_string(),
        issued: date_zh(cx.today),
        officer_line: zh("record_notices.officer", &[("officer", &cx.officer)]),
    })
}

#[cfg(test)]
#[path = "notice_tests.rs"]
mod tests;
