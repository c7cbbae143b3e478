//! The user's configuration file (TOML in the platform config directory) and paths.
use crate::i18n::{Lang, Msg};
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// Settings read from `config.toml`; every field is optional in the file.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// `zh` or `en`.
    pub lang: Option<String>,
    /// A bundled theme name or one in `themes/` of the config directory.
    pub theme: Option<String>,
    /// The database file.
    pub db: Option<PathBuf>,
    /// Minutes without a key before the screen locks.
    pub idle_lock_minutes: u32,
    /// The station's name, shown in the title bar (the database's own setting wins).
    pub station_name: Option<String>,
    /// After this time (`HH:MM`) quitting with today's checklist unsigned asks first.
    pub checklist_nudge_after: String,
    /// No longer read: the lockout policy is the station's, kept in the database and set by
    /// an administrator (`stationdesk user lockout`). Still accepted so that an older file
    /// parses; its presence is reported.
    pub lockout_attempts: Option<u32>,
    /// No longer read; see `lockout_attempts`.
    pub lockout_minutes: Option<u32>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            lang: None,
            theme: None,
            db: None,
            idle_lock_minutes: 10,
            station_name: None,
            checklist_nudge_after: "16:30".into(),
            lockout_attempts: None,
            lockout_minutes: None,
        }
    }
}

impl Config {
    /// Parses a config file's text; the error names the bad entry.
    pub fn parse(text: &str) -> Result<Config, Msg> {
        toml::from_str(text).map_err(|e: toml::de::Error| {
            Msg::new("config.invalid").part("detail", crate::toml_problem::describe(text, &e))
        })
    }

    /// Reads the config file if there is one. A bad file gives the defaults and a message.
    pub fn load() -> (Config, Option<Msg>) {
        Config::load_from(&config_dir().join("config.toml"))
    }

    /// Reads the config file at `path`: no file is the defaults; a file that cannot be
    /// read or parsed is the defaults and a message naming it.
    pub fn load_from(path: &Path) -> (Config, Option<Msg>) {
        match read_text(path, "config.not_utf8", "config.unreadable") {
            Ok(None) => (Config::default(), None),
            Ok(Some(text)) => match Config::parse(&text) {
                Ok(c) if c.lockout_attempts.is_some() || c.lockout_minutes.is_some() => {
                    let note = Msg::new("config.lockout_ignored").arg("path", path.display());
                    (c, Some(note))
                }
                Ok(c) => (c, None),
                Err(m) => (Config::default(), Some(m.arg("path", path.display()))),
            },
            Err(m) => (Config::default(), Some(m)),
        }
    }

    pub fn language(&self) -> Option<Lang> {
        self.lang.as_deref().and_then(Lang::parse)
    }
}

/// Reads a user's text file (config, keymap, theme): `None` when there is no such file;
/// a file that is not UTF-8 (saved as GBK, say) or cannot be read is a message naming it,
/// never silently ignored.
pub fn read_text(
    path: &Path,
    not_utf8_key: &'static str,
    unreadable_key: &'static str,
) -> Result<Option<String>, Msg> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) if e.kind() == std::io::ErrorKind::InvalidData => {
            Err(Msg::new(not_utf8_key).arg("path", path.display()))
        }
        Err(e) => Err(Msg::new(unreadable_key)
            .arg("path", path.display())
            .arg("detail", e)),
    }
}

/// The configuration directory: `STATIONDESK_CONFIG_DIR`, else the platform's
/// (`~/.config/stationdesk` on Linux).
pub fn config_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("STATIONDESK_CONFIG_DIR") {
        return PathBuf::from(dir);
    }
    directories::ProjectDirs::from("", "", "stationdesk")
        .map(|d| d.config_dir().to_path_buf())
        .unwrap_or_else(|| PathBuf::from(".stationdesk"))
}

/// The default database: `~/.local/share/stationdesk/stationdesk.db` on Linux.
pub fn default_db_path() -> PathBuf {
    directories::ProjectDirs::from("", "", "stationdesk")
        .map(|d| d.data_dir().join("stationdesk.db"))
        .unwrap_or_else(|| PathBuf::from("stationdesk.db"))
}

/// Which database to open: `--db`, else `STATIONDESK_DB`, else the config file, else the
/// platform default.
pub fn resolve_db(flag: Option<&Path>, config: &Config) -> PathBuf {
    if let Some(p) = flag {
        return p.to_path_buf();
    }
    if let Some(p) = std::env::var_os("STATIONDESK_DB").filter(|p| !p.is_empty()) {
        return PathBuf::from(p);
    }
    config.db.clone().unwrap_or_else(default_db_path)
}

/// The language: `--lang`, else the config file, else `STATIONDESK_LANG`, else Chinese.
pub fn resolve_lang(flag: Option<Lang>, config: &Config) -> Lang {
    flag.or_else(|| config.language())
        .or_else(|| {
            std::env::var("STATIONDESK_LANG")
                .ok()
                .as_deref()
                .and_then(Lang::parse)
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_file_parses() {
        let c = Config::parse("lang = \"en\"\ntheme = \"light\"\nidle_lock_minutes = 5\nstation_name = \"城关镇退役军人服务站\"\n").unwrap();
        assert_eq!(c.language(), Some(Lang::En));
        assert_eq!(c.idle_lock_minutes, 5);
        assert_eq!(c.lockout_attempts, None);
    }

    #[test]
    fn a_bad_entry_is_named() {
        let err = Config::parse("idle_lock_minutes = \"soon\"").unwrap_err();
        assert_eq!(err.key, "config.invalid");
        let err = Config::parse("colour = 1").unwrap_err();
        assert!(err.render(Lang::Zh).contains("colour"), "{err:?}");
    }

    #[test]
    fn the_flag_wins() {
        let c = Config {
            db: Some("/a.db".into()),
            ..Default::default()
        };
        assert_eq!(
            resolve_db(Some(Path::new("/b.db")), &c),
            PathBuf::from("/b.db")
        );
        assert_eq!(
            resolve_lang(
                Some(Lang::En),
                &Config {
                    lang: Some("zh".into()),
                    ..Default::default()
                }
            ),
            Lang::En
        );
    }
}
