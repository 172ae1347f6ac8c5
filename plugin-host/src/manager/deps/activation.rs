//! The depth-first walk that orders plugins after the plugins they need.

use std::collections::BTreeSet;

use super::{DependencyError, Graph, by_name};
use crate::PluginInfo;

/// A depth-first walk that lists plugins after the plugins they need.
pub(super) struct ActivationWalk<'g, 'a> {
    graph: &'g Graph<'a>,
    done: BTreeSet<&'a str>,
    order: Vec<&'a str>,
    path: Vec<&'a str>,
}

impl<'g, 'a> ActivationWalk<'g, 'a> {
    /// A walk over `graph` that has listed nothing yet.
    pub(super) fn new(graph: &'g Graph<'a>) -> Self {
        ActivationWalk {
            graph,
            done: BTreeSet::new(),
            order: Vec::new(),
            path: Vec::new(),
        }
    }

    /// The plugins listed so far, each after the plugins it needs.
    pub(super) fn into_order(self) -> Vec<String> {
        self.order.into_iter().map(str::to_owned).collect()
    }

    pub(super) fn visit(&mut self, plugin: &'a PluginInfo) -> Result<(), DependencyError> {
        self.path.push(&plugin.name);
        for dependency in by_name(plugin.dependencies.iter().filter(|d| !d.optional)) {
            let info = self.graph.resolve(plugin, dependency)?;
            self.reach(info)?;
        }
        for dependency in by_name(plugin.dependencies.iter().filter(|d| d.optional)) {
            let Ok(info) = self.graph.resolve(plugin, dependency) else {
                continue;
            };
            let (order_len, path_len) = (self.order.len(), self.path.len());
            if self.reach(info).is_err() {
                // The plugin works without this dependency, so forget what
                // the attempt listed rather than fail.
                for name in self.order.drain(order_len..) {
                    self.done.remove(name);
                }
                self.path.truncate(path_len);
            }
        }
        self.path.pop();
        self.done.insert(&plugin.name);
        self.order.push(&plugin.name);
        Ok(())
    }

    fn reach(&mut self, info: &'a PluginInfo) -> Result<(), DependencyError> {
        if self.done.contains(info.name.as_str()) {
            return Ok(());
        }
        if let Some(start) = self.path.iter().position(|&name| name == info.name) {
            return Err(cycle(&self.path[start..]));
        }
        self.visit(info)
    }
}

/// The cycle whose members are `members`, each needing the next and the
/// last needing the first, rotated to start at the smallest name.
fn cycle(members: &[&str]) -> DependencyError {
    let smallest = members
        .iter()
        .enumerate()
        .min_by_key(|&(_, name)| name)
        .map_or(0, |(index, _)| index);
    let (before, from_smallest) = members.split_at(smallest);
    DependencyError::Cycle {
        members: from_smallest
            .iter()
            .chain(before)
            .map(|&name| name.to_owned())
            .collect(),
    }
}
