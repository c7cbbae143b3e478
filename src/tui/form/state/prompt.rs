//! A question on the form's bottom line and the keys that answer it.
use crate::i18n::Msg;

/// A key a prompt answers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKey {
    Char(char),
    Enter,
    Esc,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PromptChoice {
    pub key: PromptKey,
    /// Catalog key of what the choice does (`tui.form.yes`).
    pub label_key: &'static str,
    /// What [`FormEvent::Answer`] reports.
    pub answer: &'static str,
}

/// A question on the form's bottom line; every other key waits until it is answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub message: Msg,
    pub choices: Vec<PromptChoice>,
}

impl Prompt {
    /// A yes/no question: `y` answers `yes`, `n` and Esc answer `no`.
    pub fn yes_no(message: Msg, yes: &'static str, no: &'static str) -> Prompt {
        Prompt {
            message,
            choices: vec![
                PromptChoice {
                    key: PromptKey::Char('y'),
                    label_key: "tui.form.yes",
                    answer: yes,
                },
                PromptChoice {
                    key: PromptKey::Char('n'),
                    label_key: "tui.form.no",
                    answer: no,
                },
                PromptChoice {
                    key: PromptKey::Esc,
                    label_key: "tui.form.no",
                    answer: no,
                },
            ],
        }
    }

    /// A record changed at another desk since the form opened: reload theirs (Enter,
    /// answers `reload`), keep mine (`k`, answers `keep`), or back to the form (Esc).
    pub fn reload_or_keep(message: Msg, reload: &'static str, keep: &'static str) -> Prompt {
        Prompt {
            message,
            choices: vec![
                PromptChoice {
                    key: PromptKey::Enter,
                    label_key: "record_walkins.reload",
                    answer: reload,
                },
                PromptChoice {
                    key: PromptKey::Char('k'),
                    label_key: "record_walkins.keep_mine",
                    answer: keep,
                },
                PromptChoice {
                    key: PromptKey::Esc,
                    label_key: "tui.person.back_to_form",
                    answer: crate::tui::form::lifecycle::STAY,
                },
            ],
        }
    }
}
