//! Items the data can answer: the checklist shows what the records say next to the tick box,
//! so the officer does not tick "every walk-in has an outcome" over a walk-in that has none.
use crate::i18n::Msg;

/// What the data can tell about an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LiveCheck {
    /// Every walk-in of the day has a complete outcome.
    VisitsHaveOutcome,
    /// No follow-up due on the day is still open.
    FollowUpsHandled,
    /// Every new high-risk petition of the day has been reported upward.
    HighRiskReported,
    /// A backup was made on the day.
    BackupToday,
}

impl LiveCheck {
    /// All kinds, in the order an administrator's form offers them.
    pub const ALL: [LiveCheck; 4] = [
        LiveCheck::VisitsHaveOutcome,
        LiveCheck::FollowUpsHandled,
        LiveCheck::HighRiskReported,
        LiveCheck::BackupToday,
    ];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            LiveCheck::VisitsHaveOutcome => "visits_have_outcome",
            LiveCheck::FollowUpsHandled => "follow_ups_handled",
            LiveCheck::HighRiskReported => "high_risk_reported",
            LiveCheck::BackupToday => "backup_today",
        }
    }

    /// Reads a stored code.
    pub fn parse(code: &str) -> Option<LiveCheck> {
        LiveCheck::ALL.into_iter().find(|c| c.code() == code.trim())
    }

    /// The catalog key of the kind's name, for the rule editor.
    pub fn label_key(self) -> &'static str {
        match self {
            LiveCheck::VisitsHaveOutcome => "checklist.check_visits",
            LiveCheck::FollowUpsHandled => "checklist.check_follow_ups",
            LiveCheck::HighRiskReported => "checklist.check_high_risk",
            LiveCheck::BackupToday => "checklist.check_backup",
        }
    }

    /// What the facts say about this item.
    pub fn evaluate(self, facts: &LiveFacts) -> LiveState {
        match self {
            LiveCheck::VisitsHaveOutcome if !facts.visits_without_outcome.is_empty() => {
                LiveState::Attention(
                    Msg::new("checklist.live_visits_without_outcome")
                        .arg("count", facts.visits_without_outcome.len())
                        .arg("names", short_list(&facts.visits_without_outcome)),
                )
            }
            LiveCheck::FollowUpsHandled if facts.follow_ups_due_today_open > 0 => {
                LiveState::Attention(
                    Msg::new("checklist.live_follow_ups_open")
                        .arg("count", facts.follow_ups_due_today_open),
                )
            }
            LiveCheck::HighRiskReported if facts.high_risk_unreported > 0 => LiveState::Attention(
                Msg::new("checklist.live_high_risk_unreported")
                    .arg("new", facts.high_risk_new_today)
                    .arg("count", facts.high_risk_unreported),
            ),
            LiveCheck::BackupToday if !facts.backup_made_today => {
                LiveState::Attention(Msg::new("checklist.live_no_backup"))
            }
            _ => LiveState::Ok,
        }
    }
}

/// At most five names, then an ellipsis: the message is one line on the screen.
fn short_list(names: &[String]) -> String {
    let mut shown: Vec<&str> = names.iter().take(5).map(String::as_str).collect();
    if names.len() > 5 {
        shown.push("…");
    }
    shown.join("、")
}

/// What the records say about a day.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LiveFacts {
    /// Walk-ins registered on the day.
    pub visits_today: u32,
    /// The visitors of walk-ins whose outcome is missing or incomplete (a referral without a
    /// department, a follow-up without a date). The schema makes a missing outcome
    /// impossible; the list stays so the check keeps its meaning if that ever changes.
    pub visits_without_outcome: Vec<String>,
    /// Follow-ups due on the day and not yet done.
    pub follow_ups_due_today_open: u32,
    /// High-risk petitions registered on the day.
    pub high_risk_new_today: u32,
    /// High-risk petitions of the day not yet reported upward.
    pub high_risk_unreported: u32,
    /// A backup was made on the day.
    pub backup_made_today: bool,
}

/// The data's verdict on one item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LiveState {
    /// Nothing to point out.
    Ok,
    /// Something the officer should look at before ticking the item.
    Attention(Msg),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean() -> LiveFacts {
        LiveFacts {
            visits_today: 3,
            backup_made_today: true,
            ..Default::default()
        }
    }

    #[test]
    fn clean_facts_are_ok() {
        for check in LiveCheck::ALL {
            assert_eq!(check.evaluate(&clean()), LiveState::Ok, "{check:?}");
            assert_eq!(LiveCheck::parse(check.code()), Some(check));
        }
        assert_eq!(LiveCheck::parse("nothing"), None);
    }

    #[test]
    fn each_check_points_at_its_fact() {
        let facts = LiveFacts {
            visits_without_outcome: (1..=7).map(|i| format!("访客{i}")).collect(),
            follow_ups_due_today_open: 2,
            high_risk_new_today: 3,
            high_risk_unreported: 1,
            backup_made_today: false,
            ..clean()
        };
        let LiveState::Attention(m) = LiveCheck::VisitsHaveOutcome.evaluate(&facts) else {
            panic!("expected attention")
        };
        assert_eq!(m.key, "checklist.live_visits_without_outcome");
        assert!(
            m.args
                .contains(&("names", "访客1、访客2、访客3、访客4、访客5、…".into()))
        );
        let LiveState::Attention(m) = LiveCheck::FollowUpsHandled.evaluate(&facts) else {
            panic!("expected attention")
        };
        assert_eq!(m.args, vec![("count", "2".to_string())]);
        let LiveState::Attention(m) = LiveCheck::HighRiskReported.evaluate(&facts) else {
            panic!("expected attention")
        };
        assert_eq!(m.key, "checklist.live_high_risk_unreported");
        assert_eq!(
            LiveCheck::BackupToday.evaluate(&facts),
            LiveState::Attention(Msg::new("checklist.live_no_backup"))
        );
    }
}
