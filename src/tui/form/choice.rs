//! Picking an option by typing: a number (`1`..`9`, or two digits typed in a row for
//! longer lists), or the start of its label, or the pinyin initials of a Chinese label
//! (`fx` for 抚恤补助).
use crate::i18n::Lang;
use crate::search::keys::name_keys;
use crate::tui::form::spec::ChoiceOption;

/// The option a typed `buffer` points at, if any.
pub fn pick(options: &[ChoiceOption], buffer: &str, lang: Lang) -> Option<usize> {
    if buffer.is_empty() {
        return None;
    }
    if buffer.bytes().all(|b| b.is_ascii_digit()) {
        return pick_number(options.len(), buffer);
    }
    let want = buffer.to_lowercase();
    let labels: Vec<String> = options
        .iter()
        .map(|o| o.label.text(lang).to_lowercase())
        .collect();
    if let Some(i) = labels.iter().position(|l| l.starts_with(&want)) {
        return Some(i);
    }
    if want.is_ascii() {
        // Pinyin initials or full pinyin of a Chinese label.
        let found = labels.iter().position(|l| {
            let keys = name_keys(l);
            keys.initials.iter().any(|k| k.starts_with(&want))
                || keys.full.iter().any(|k| k.starts_with(&want))
        });
        if found.is_some() {
            return found;
        }
    }
    labels.iter().position(|l| l.contains(&want))
}

/// `12` is the twelfth option when there are that many. (The form starts over from the
/// last digit when a number runs past the end, so `1` then `5` on a list of 14 picks the
/// fifth.)
fn pick_number(len: usize, digits: &str) -> Option<usize> {
    let n: usize = digits.parse().ok()?;
    (1..=len).contains(&n).then(|| n - 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::form::spec::Label;

    fn purposes() -> Vec<ChoiceOption> {
        crate::domain::visit::PURPOSES
            .iter()
            .zip(crate::domain::visit::PURPOSES_EN)
            .enumerate()
            .map(|(i, (zh, en))| {
                ChoiceOption::new(
                    i.to_string(),
                    Label::ByLang {
                        zh: zh.to_string(),
                        en: en.to_string(),
                    },
                )
            })
            .collect()
    }

    #[test]
    fn numbers_letters_and_initials() {
        let o = purposes();
        assert_eq!(pick(&o, "4", Lang::Zh), Some(3));
        assert_eq!(pick(&o, "12", Lang::Zh), Some(11));
        assert_eq!(pick(&o, "15", Lang::Zh), None);
        assert_eq!(pick(&o, "0", Lang::Zh), None);
        assert_eq!(pick(&o, "抚恤", Lang::Zh), Some(3));
        assert_eq!(pick(&o, "fx", Lang::Zh), Some(3));
        assert_eq!(pick(&o, "xinf", Lang::Zh), Some(9));
        assert_eq!(pick(&o, "le", Lang::En), Some(7));
        assert_eq!(pick(&o, "qq", Lang::Zh), None);
    }
}
