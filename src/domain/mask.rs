//! Masking of ID and phone numbers in lists and exports (PIPL: minimum exposure).

/// `450102********123X`: the region code and the last four characters stay.
pub fn mask_id(id: &str) -> String {
    let chars: Vec<char> = id.chars().collect();
    if chars.len() < 10 {
        return "*".repeat(chars.len());
    }
    let head: String = chars[..6].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}{}{tail}", "*".repeat(chars.len() - 10))
}

/// `138****1234` for mobiles; a landline keeps its area code and last four digits.
pub fn mask_phone(phone: &str) -> String {
    let chars: Vec<char> = phone.chars().collect();
    if chars.len() < 7 {
        return "*".repeat(chars.len());
    }
    if let Some(dash) = phone.find('-') {
        let (area, local) = phone.split_at(dash);
        let local: Vec<char> = local[1..].chars().collect();
        let keep = local.len().min(4);
        let tail: String = local[local.len() - keep..].iter().collect();
        return format!("{area}-{}{tail}", "*".repeat(local.len() - keep));
    }
    let head: String = chars[..3].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}{}{tail}", "*".repeat(chars.len() - 7))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks() {
        assert_eq!(mask_id("45010219800305123X"), "450102********123X");
        assert_eq!(mask_phone("13800001234"), "138****1234");
        assert_eq!(mask_phone("0771-1234567"), "0771-***4567");
        assert_eq!(mask_phone(""), "");
        assert_eq!(mask_id("123"), "***");
    }
}
