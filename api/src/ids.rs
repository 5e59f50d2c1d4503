//! Checksummed identifiers of people and organisations. Small hand-written checks (no regex),
//! because this crate is compiled into the wasm bundle too.

/// Resident identity number, GB 11643-1999: 17 digits (region, birth date, sequence) and a
/// check character from the ISO 7064 MOD 11-2 sum.
pub fn is_valid_resident_id(id: &str) -> bool {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK: &[u8; 11] = b"10X98765432";
    let bytes = id.as_bytes();
    if bytes.len() != 18 || !bytes[..17].iter().all(u8::is_ascii_digit) {
        return false;
    }
    let sum: u32 = bytes[..17].iter().zip(WEIGHTS).map(|(b, w)| u32::from(b - b'0') * w).sum();
    let expected = CHECK[(sum % 11) as usize];
    if bytes[17].to_ascii_uppercase() != expected {
        return false;
    }
    let number = |range: std::ops::Range<usize>| id[range].parse::<u32>().unwrap_or(0);
    is_plausible_birth_date(number(6..10), number(10..12), number(12..14))
}

fn is_plausible_birth_date(year: u32, month: u32, day: u32) -> bool {
    (1900..=2100).contains(&year) && is_calendar_day(year, month, day)
}

/// Whether the calendar has this day (no 30 February, and 29 February only in leap years).
pub fn is_calendar_day(year: u32, month: u32, day: u32) -> bool {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days_in_month).contains(&day)
}

/// Unified social credit code, GB 32100-2015: 17 characters from a 31-symbol alphabet (no I, O,
/// S, V, Z) and a MOD 31 check character.
pub fn is_valid_credit_code(code: &str) -> bool {
    const ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
    const WEIGHTS: [u32; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
    let bytes = code.as_bytes();
    if bytes.len() != 18 {
        return false;
    }
    let value = |b: u8| ALPHABET.iter().position(|&a| a == b).map(|p| p as u32);
    let mut sum = 0;
    for (b, w) in bytes[..17].iter().zip(WEIGHTS) {
        match value(*b) {
            Some(v) => sum += v * w,
            None => return false,
        }
    }
    let check = (31 - sum % 31) % 31;
    value(bytes[17]) == Some(check)
}

/// Bank card number: 16 to 19 digits with a Luhn check digit.
pub fn is_valid_bank_card(card: &str) -> bool {
    let bytes = card.as_bytes();
    if !(16..=19).contains(&bytes.len()) || !bytes.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let sum: u32 = bytes
        .iter()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 {
                if d * 2 > 9 {
                    d * 2 - 9
                } else {
                    d * 2
                }
            } else {
                d
            }
        })
        .sum();
    sum % 10 == 0
}

/// Mainland China mobile number: 11 digits starting 13–19.
pub fn is_valid_mobile(phone: &str) -> bool {
    let bytes = phone.as_bytes();
    bytes.len() == 11 && bytes.iter().all(u8::is_ascii_digit) && bytes[0] == b'1' && (b'3'..=b'9').contains(&bytes[1])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resident_ids_with_real_checksums_pass() {
        assert!(is_valid_resident_id("11010519491231002X"));
        assert!(is_valid_resident_id("11010519491231002x"));
        assert!(is_valid_resident_id("31010119900307241X"));
        assert!(is_valid_resident_id("310105198511123624"));
    }

    #[test]
    fn resident_ids_with_wrong_checksum_length_or_date_fail() {
        assert!(!is_valid_resident_id("110105194912310021"));
        assert!(!is_valid_resident_id("11010519491231002"));
        assert!(!is_valid_resident_id("1101051949123100XX"));
        // 30 February, with a checksum that is otherwise right.
        assert!(!is_valid_resident_id("110105194902300025"));
        assert!(!is_valid_resident_id(""));
    }

    #[test]
    fn credit_codes_are_checked_mod_31() {
        assert!(is_valid_credit_code("91310101MA1FPX0T5D"));
        assert!(is_valid_credit_code("91350100M000100Y43"));
        assert!(!is_valid_credit_code("91310101MA1FPX0T5E"));
        assert!(!is_valid_credit_code("91310101MA1FPX0T5"));
        assert!(!is_valid_credit_code("91310101MA1FPXOT5D"));
    }

    #[test]
    fn bank_cards_pass_the_luhn_check() {
        assert!(is_valid_bank_card("6222021234567890128"));
        assert!(is_valid_bank_card("4111111111111111"));
        assert!(!is_valid_bank_card("6222021234567890127"));
        assert!(!is_valid_bank_card("411111111111111"));
    }

    #[test]
    fn mobile_numbers() {
        assert!(is_valid_mobile("13800138000"));
        assert!(!is_valid_mobile("12800138000"));
        assert!(!is_valid_mobile("1380013800"));
        assert!(!is_valid_mobile("1380013800a"));
    }
}
