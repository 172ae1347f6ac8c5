//! The dependency tree of a plugin: built from the graph, kept as data, drawn like `cargo tree`.

use std::fmt;

use super::{Graph, by_name};
use crate::{Dependency, PluginInfo};

/// One node of a dependency tree: a plugin, with how it is depended on and
/// whether the installed plugins satisfy that.
///
/// Its [`Display`](fmt::Display) is an indented tree like `cargo tree`'s:
///
/// ```text
/// beta 1.0.0
/// ├── alpha ^0.3 (0.3.1)
/// │   └── gamma ^1 (optional, missing)
/// └── delta ^2 (2.0.0, does not match)
/// ```
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DependencyTree {
    /// The plugin's name.
    pub name: String,
    /// The versions of it that will do, as declared by its parent; `None`
    /// for the root.
    pub requirement: Option<String>,
    /// Whether its parent works without it.
    pub optional: bool,
    /// Whether it is installed in a matching version.
    pub status: TreeStatus,
    /// Its own dependencies, in name order; empty unless it is installed in
    /// a matching version and not already an ancestor.
    pub children: Vec<DependencyTree>,
}

/// How the installed plugins satisfy one node of a [`DependencyTree`].
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TreeStatus {
    /// Installed in a version that matches.
    Installed {
        /// The installed version.
        version: String,
    },
    /// Not installed.
    Missing,
    /// Installed in a version that does not match the requirement.
    Mismatch {
        /// The installed version.
        installed: String,
    },
    /// One of its own ancestors in the tree: the dependencies form a cycle.
    Cycle,
}

impl DependencyTree {
    fn write_line(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)?;
        if let Some(requirement) = &self.requirement {
            write!(f, " {requirement}")?;
        }
        if let (None, false, TreeStatus::Installed { version }) =
            (&self.requirement, self.optional, &self.status)
        {
            return writeln!(f, " {version}");
        }
        f.write_str(" (")?;
        if self.optional {
            f.write_str("optional, ")?;
        }
        match &self.status {
            TreeStatus::Installed { version } => f.write_str(version)?,
            TreeStatus::Missing => f.write_str("missing")?,
            TreeStatus::Mismatch { installed } => write!(f, "{installed}, does not match")?,
            TreeStatus::Cycle => f.write_str("cycle")?,
        }
        f.write_str(")\n")
    }

    fn write_children(&self, f: &mut fmt::Formatter<'_>, prefix: &str) -> fmt::Result {
        for (index, child) in self.children.iter().enumerate() {
            let last = index + 1 == self.children.len();
            let (branch, indent) = if last {
                ("└── ", "    ")
            } else {
                ("├── ", "│   ")
            };
            write!(f, "{prefix}{branch}")?;
            child.write_line(f)?;
            child.write_children(f, &format!("{prefix}{indent}"))?;
        }
        Ok(())
    }
}

impl fmt::Display for DependencyTree {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_line(f)?;
        self.write_children(f, "")
    }
}

impl<'a> Graph<'a> {
    /// The dependency tree of `target` for display, each plugin's
    /// dependencies in name order. A dependency that is missing, does not
    /// match or closes a cycle is a leaf.
    pub(crate) fn tree(&self, target: &str) -> DependencyTree {
        let Some(&info) = self.plugins.get(target) else {
            return DependencyTree {
                name: target.to_owned(),
                requirement: None,
                optional: false,
                status: TreeStatus::Missing,
                children: Vec::new(),
            };
        };
        DependencyTree {
            name: target.to_owned(),
            requirement: None,
            optional: false,
            status: TreeStatus::Installed {
                version: info.version.to_string(),
            },
            children: self.subtrees(info, &mut Vec::new()),
        }
    }

    fn subtrees(&self, info: &'a PluginInfo, path: &mut Vec<&'a str>) -> Vec<DependencyTree> {
        path.push(&info.name);
        let children = by_name(info.dependencies.iter())
            .into_iter()
            .map(|dependency| self.subtree(dependency, path))
            .collect();
        path.pop();
        children
    }

    fn subtree(&self, dependency: &Dependency, path: &mut Vec<&'a str>) -> DependencyTree {
        let (status, children) = match self.plugins.get(dependency.name.as_str()) {
            None => (TreeStatus::Missing, Vec::new()),
            Some(&info) if !dependency.requirement.matches(&info.version) => (
                TreeStatus::Mismatch {
                    installed: info.version.to_string(),
                },
                Vec::new(),
            ),
            Some(&info) if path.contains(&info.name.as_str()) => (TreeStatus::Cycle, Vec::new()),
            Some(&info) => (
                TreeStatus::Installed {
                    version: info.version.to_string(),
                },
                self.subtrees(info, path),
            ),
        };
        DependencyTree {
            name: dependency.name.clone(),
            requirement: Some(dependency.requirement.to_string()),
            optional: dependency.optional,
            status,
            children,
        }
    }
}
