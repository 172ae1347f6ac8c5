//! Names for enum variants, from the values they stand for.

use super::case::join_upper_camel;
use super::keywords::escape_keyword;
use super::unique::UniqueNames;
use super::words::{Signs, split_words, symbol_name};

/// Names the variants of an enum after their wire values, in order, so that
/// no two collide and each reads like its value.
///
/// - Words become `UpperCamelCase` (`past_due` -> `PastDue`,
///   `America/New_York` -> `AmericaNewYork`).
/// - Signs survive where they tell values apart: `+` before a digit is
///   always `Plus`; `-` before a digit is `Minus` at the start of a value
///   (`-1` -> `Minus1`), and anywhere once some value of the enum has a `+`
///   sign (`Etc/GMT+0` -> `EtcGmtPlus0`, `Etc/GMT-0` -> `EtcGmtMinus0`);
///   otherwise a `-` separates words (`us-east-1` -> `UsEast1`).
/// - A leading digit gets the prefix `N` (`3ds` -> `N3ds`, `1` -> `N1`).
/// - The empty string is `Empty`; a value of symbols only is spelled
///   (`*` -> `Star`); anything else without letters or digits is `Value`.
/// - Names still equal get numeric suffixes in order (`Value`, `Value2`).
///
/// ```
/// use plugin_gen::naming::variant_names;
/// let names = variant_names(&["Etc/GMT+0", "Etc/GMT-0", "", "past_due"]);
/// assert_eq!(names, ["EtcGmtPlus0", "EtcGmtMinus0", "Empty", "PastDue"]);
/// ```
pub fn variant_names<S: AsRef<str>>(values: &[S]) -> Vec<String> {
    let signs = if values.iter().any(|v| has_plus_sign(v.as_ref())) {
        Signs::Spell
    } else {
        Signs::Separate
    };
    let mut unique = UniqueNames::default();
    values
        .iter()
        .map(|value| unique.claim_type(&escape_keyword(&base_name(value.as_ref(), signs))))
        .collect()
}

fn has_plus_sign(value: &str) -> bool {
    value
        .as_bytes()
        .windows(2)
        .any(|pair| pair[0] == b'+' && pair[1].is_ascii_digit())
}

fn base_name(value: &str, signs: Signs) -> String {
    let name = join_upper_camel(&split_words(value, signs));
    if !name.is_empty() {
        return name;
    }
    if value.is_empty() {
        return "Empty".to_owned();
    }
    let spelled: String = value.chars().filter_map(symbol_name).collect();
    if spelled.is_empty() {
        "Value".to_owned()
    } else {
        spelled
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_zones_with_signs_stay_distinct() {
        let names = variant_names(&[
            "Etc/GMT+0",
            "Etc/GMT-0",
            "Etc/GMT0",
            "Etc/GMT-13",
            "America/Port-au-Prince",
        ]);
        assert_eq!(
            names,
            [
                "EtcGmtPlus0",
                "EtcGmtMinus0",
                "EtcGmt0",
                "EtcGmtMinus13",
                "AmericaPortAuPrince"
            ]
        );
    }

    #[test]
    fn dashes_separate_without_plus_signs() {
        assert_eq!(
            variant_names(&["us-east-1", "eu-west-2"]),
            ["UsEast1", "EuWest2"]
        );
    }

    #[test]
    fn numbers_empties_and_symbols() {
        assert_eq!(variant_names(&["1", "-1", "2.5"]), ["N1", "Minus1", "N2_5"]);
        assert_eq!(variant_names(&["", "*", "ü"]), ["Empty", "Star", "Value"]);
        assert_eq!(variant_names(&["Self", "self"]), ["Self_", "Self_2"]);
    }

    #[test]
    fn collisions_get_suffixes_in_order() {
        assert_eq!(variant_names(&["a_b", "a-b", "aB"]), ["AB", "AB2", "AB3"]);
    }
}
