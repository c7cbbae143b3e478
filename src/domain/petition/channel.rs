//! The channel (形式) a petition reached the station by.
use crate::domain::text::clean_line;
use serde::{Deserialize, Serialize};

/// How the petition reached the station.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// 来信
    Letter,
    /// 来访
    Visit,
    /// 电话
    Phone,
    /// 网上
    Online,
    /// 传真
    Fax,
}

impl Channel {
    /// Every channel, in the order a choice field lists them.
    pub const ALL: [Channel; 5] = [
        Channel::Letter,
        Channel::Visit,
        Channel::Phone,
        Channel::Online,
        Channel::Fax,
    ];

    /// The stable code kept in the database and in exports.
    pub fn code(self) -> &'static str {
        match self {
            Channel::Letter => "letter",
            Channel::Visit => "visit",
            Channel::Phone => "phone",
            Channel::Online => "online",
            Channel::Fax => "fax",
        }
    }

    /// The catalog key of the channel's name.
    pub fn label_key(self) -> &'static str {
        match self {
            Channel::Letter => "petition.channel.letter",
            Channel::Visit => "petition.channel.visit",
            Channel::Phone => "petition.channel.phone",
            Channel::Online => "petition.channel.online",
            Channel::Fax => "petition.channel.fax",
        }
    }

    /// Reads the code, the Chinese name (with or without the leading character: `来信`,
    /// `信`) or the English name; what a choice field or a spreadsheet cell holds.
    pub fn parse(text: &str) -> Option<Channel> {
        let t = clean_line(text).to_lowercase();
        match t.as_str() {
            "letter" | "来信" | "信" => Some(Channel::Letter),
            "visit" | "来访" | "访" => Some(Channel::Visit),
            "phone" | "电话" | "来电" => Some(Channel::Phone),
            "online" | "网上" | "网上信访" => Some(Channel::Online),
            "fax" | "传真" => Some(Channel::Fax),
            _ => None,
        }
    }
}
