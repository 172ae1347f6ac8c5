/// The option closest to a misspelt `word`, if one is close enough to be a
/// likely typo.
pub(crate) fn closest<'a>(word: &str, options: &[&'a str]) -> Option<&'a str> {
    if word.is_empty() {
        return None;
    }
    options
        .iter()
        .map(|option| (distance(word, option), *option))
        .filter(|(d, option)| {
            *d <= option.len().div_ceil(3) || option.starts_with(word) || word.starts_with(option)
        })
        .min_by_key(|(d, _)| *d)
        .map(|(_, option)| option)
}

/// `" (did you mean `x`?)"` for the closest option, or nothing.
pub(crate) fn did_you_mean(word: &str, options: &[&str]) -> String {
    closest(word, options)
        .map(|o| format!(" (did you mean `{o}`?)"))
        .unwrap_or_default()
}

/// The Levenshtein distance between two short ASCII words.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current.push(substitution.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEYS: &[&str] = &["name", "version", "requires", "dependency", "conflicts"];

    #[test]
    fn finds_typos_and_prefixes() {
        assert_eq!(closest("nmae", KEYS), Some("name"));
        assert_eq!(closest("verison", KEYS), Some("version"));
        assert_eq!(closest("depends", KEYS), Some("dependency"));
        assert_eq!(closest("dependencies", KEYS), Some("dependency"));
        assert_eq!(closest("conflict", KEYS), Some("conflicts"));
    }

    #[test]
    fn suggests_nothing_for_unrelated_words() {
        assert_eq!(closest("colour", KEYS), None);
        assert_eq!(closest("", KEYS), None);
        assert_eq!(did_you_mean("homepage", KEYS), "");
    }

    #[test]
    fn distance_counts_edits() {
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("same", "same"), 0);
    }
}
