//! Handing out names that never collide.

use std::collections::BTreeSet;

/// A set of names already given out, which hands out new ones that do not
/// collide with them.
///
/// A name that is taken gets the first free numeric suffix, starting at 2:
/// `Customer`, `Customer2`, `Customer3` for type names, `id`, `id_2` for
/// snake_case names. The result depends only on the order of the calls, so
/// the same calls give the same names.
///
/// ```
/// use plugin_gen::naming::UniqueNames;
/// let mut names = UniqueNames::default();
/// assert_eq!(names.claim_type("Customer"), "Customer");
/// assert_eq!(names.claim_type("Customer"), "Customer2");
/// assert_eq!(names.claim_snake("id"), "id");
/// assert_eq!(names.claim_snake("id"), "id_2");
/// ```
#[derive(Clone, Debug, Default)]
pub struct UniqueNames {
    taken: BTreeSet<String>,
}

impl UniqueNames {
    /// A set in which `reserved` are already taken.
    pub fn with_reserved<'a>(reserved: impl IntoIterator<Item = &'a str>) -> Self {
        Self {
            taken: reserved.into_iter().map(str::to_owned).collect(),
        }
    }

    /// Whether `name` has been given out (or reserved).
    pub fn is_taken(&self, name: &str) -> bool {
        self.taken.contains(name)
    }

    /// Gives out `base`, or `base2`, `base3`, ... if it is taken.
    pub fn claim_type(&mut self, base: &str) -> String {
        self.claim(base, "")
    }

    /// Gives out `base`, or `base_2`, `base_3`, ... if it is taken. A raw
    /// identifier (`r#type`) gets its suffix outside the keyword
    /// (`type_2`), which no longer needs the `r#`.
    pub fn claim_snake(&mut self, base: &str) -> String {
        self.claim(base, "_")
    }

    fn claim(&mut self, base: &str, separator: &str) -> String {
        if self.taken.insert(base.to_owned()) {
            return base.to_owned();
        }
        let stem = base.strip_prefix("r#").unwrap_or(base);
        let stem = stem
            .strip_suffix('_')
            .filter(|_| separator == "_")
            .unwrap_or(stem);
        let mut n = 2u64;
        loop {
            let candidate = format!("{stem}{separator}{n}");
            if self.taken.insert(candidate.clone()) {
                return candidate;
            }
            n = n.saturating_add(1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suffixes_skip_names_already_taken() {
        let mut names = UniqueNames::with_reserved(["String", "Customer2"]);
        assert_eq!(names.claim_type("String"), "String2");
        assert_eq!(names.claim_type("Customer"), "Customer");
        assert_eq!(names.claim_type("Customer"), "Customer3");
        assert!(names.is_taken("Customer3"));
    }

    #[test]
    fn raw_identifiers_lose_their_prefix_when_suffixed() {
        let mut names = UniqueNames::default();
        assert_eq!(names.claim_snake("r#type"), "r#type");
        assert_eq!(names.claim_snake("r#type"), "type_2");
        assert_eq!(names.claim_snake("self_"), "self_");
        assert_eq!(names.claim_snake("self_"), "self_2");
    }
}
