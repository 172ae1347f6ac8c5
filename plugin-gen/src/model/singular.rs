//! English singulars for resource names (`customers` -> `customer`).

/// The singular of the last word of a `snake_case` name, by the common
/// English endings; words that do not look plural stay as they are.
pub(crate) fn singular(name: &str) -> String {
    let (head, last) = match name.rsplit_once('_') {
        Some((head, last)) => (Some(head), last),
        None => (None, name),
    };
    let singular = singular_word(last);
    match head {
        Some(head) => format!("{head}_{singular}"),
        None => singular,
    }
}

fn singular_word(word: &str) -> String {
    let lower = word.to_ascii_lowercase();
    let cut = |n: usize| word[..word.len() - n].to_owned();
    if lower.len() > 3 && lower.ends_with("ies") {
        return format!("{}y", cut(3));
    }
    if ["sses", "shes", "ches", "xes", "zes", "uses"]
        .iter()
        .any(|end| lower.ends_with(end))
    {
        return cut(2);
    }
    if ["ss", "us", "is"].iter().any(|end| lower.ends_with(end)) {
        return word.to_owned();
    }
    if lower.len() > 1 && lower.ends_with('s') {
        return cut(1);
    }
    word.to_owned()
}

#[cfg(test)]
mod tests {
    use super::singular;

    #[test]
    fn common_plurals() {
        for (plural, one) in [
            ("customers", "customer"),
            ("prices", "price"),
            ("tax_ids", "tax_id"),
            ("addresses", "address"),
            ("taxes", "tax"),
            ("entities", "entity"),
            ("statuses", "status"),
            ("balance", "balance"),
            ("radar", "radar"),
            ("status", "status"),
            ("analysis", "analysis"),
            ("Calls", "Call"),
            ("s", "s"),
        ] {
            assert_eq!(singular(plural), one, "{plural}");
        }
    }
}
