//! Reporting a high-risk case upward (上报): to whom, how, when and by whom. DOMAIN.md: a
//! high-risk case is reported the same day, and the report is itself a record inspectors
//! ask for.
use crate::domain::text::clean_line;
use crate::i18n::Msg;
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

/// How the report went up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportMethod {
    /// 电话
    Phone,
    /// 书面
    Written,
    /// 当面
    InPerson,
    /// 系统 (the petition information system)
    System,
}

impl ReportMethod {
    pub const ALL: [ReportMethod; 4] = [
        ReportMethod::Phone,
        ReportMethod::Written,
        ReportMethod::InPerson,
        ReportMethod::System,
    ];

    /// The stable code kept in the database.
    pub fn code(self) -> &'static str {
        match self {
            ReportMethod::Phone => "phone",
            ReportMethod::Written => "written",
            ReportMethod::InPerson => "in_person",
            ReportMethod::System => "system",
        }
    }

    pub fn from_code(code: &str) -> Option<ReportMethod> {
        ReportMethod::ALL.into_iter().find(|m| m.code() == code)
    }

    /// The catalog key of the method's name.
    pub fn label_key(self) -> &'static str {
        match self {
            ReportMethod::Phone => "petition.risk_report.method.phone",
            ReportMethod::Written => "petition.risk_report.method.written",
            ReportMethod::InPerson => "petition.risk_report.method.in_person",
            ReportMethod::System => "petition.risk_report.method.system",
        }
    }
}

/// One report of a high-risk case upward.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RiskReport {
    /// The body or person reported to (县信访局值班室…).
    pub to: String,
    pub method: ReportMethod,
    pub at: NaiveDateTime,
    /// The officer who made the report.
    pub by: String,
}

impl RiskReport {
    /// The report cleaned and checked against the case received at `received` and the
    /// clock's `now`: it names whom it went to and who made it, and is dated neither before
    /// the case was received nor in the future.
    pub fn checked(&self, received: NaiveDateTime, now: NaiveDateTime) -> Result<RiskReport, Msg> {
        let to = clean_line(&self.to);
        let by = clean_line(&self.by);
        if to.is_empty() {
            return Err(Msg::new("petition.risk_report.to_required"));
        }
        if by.is_empty() {
            return Err(Msg::new("petition.step.officer_required"));
        }
        if self.at > now {
            return Err(Msg::new("petition.step.future"));
        }
        if self.at < received {
            return Err(Msg::new("petition.risk_report.before_receipt")
                .arg("at", received.format("%Y-%m-%d %H:%M")));
        }
        Ok(RiskReport {
            to,
            by,
            ..self.clone()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(h: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, 2)
            .unwrap()
            .and_hms_opt(h, 0, 0)
            .unwrap()
    }

    #[test]
    fn a_report_names_whom_and_is_dated_in_the_case() {
        let r = RiskReport {
            to: " 县信访局 ".into(),
            method: ReportMethod::Phone,
            at: at(11),
            by: "wang".into(),
        };
        assert_eq!(r.checked(at(9), at(12)).unwrap().to, "县信访局");
        let key = |r: &RiskReport| r.checked(at(9), at(12)).unwrap_err().key;
        assert_eq!(
            key(&RiskReport {
                to: "  ".into(),
                ..r.clone()
            }),
            "petition.risk_report.to_required"
        );
        assert_eq!(
            key(&RiskReport {
                at: at(13),
                ..r.clone()
            }),
            "petition.step.future"
        );
        assert_eq!(
            key(&RiskReport { at: at(8), ..r }),
            "petition.risk_report.before_receipt"
        );
        for m in ReportMethod::ALL {
            assert_eq!(ReportMethod::from_code(m.code()), Some(m));
        }
    }
}
