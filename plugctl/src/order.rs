//! The order in which the manager activated or deactivated plugins, which
//! its operations do not return, rebuilt from the dependency declarations.

use plugin_host::{DependencyTree, PluginInfo};

/// `changed` in the order the manager activates them for the plugin whose
/// dependency tree is `tree`: each plugin after its required dependencies
/// (in name order), then its optional ones, as the manager walks them.
pub(crate) fn activation(tree: &DependencyTree, changed: &[String]) -> Vec<String> {
    let mut walk = Vec::new();
    post_order(tree, &mut walk);
    let mut order: Vec<String> = walk.into_iter().filter(|n| changed.contains(n)).collect();
    let rest: Vec<String> = changed
        .iter()
        .filter(|n| !order.contains(n))
        .cloned()
        .collect();
    order.extend(rest);
    order
}

fn post_order(tree: &DependencyTree, walk: &mut Vec<String>) {
    let required = tree.children.iter().filter(|c| !c.optional);
    let optional = tree.children.iter().filter(|c| c.optional);
    for child in required.chain(optional) {
        post_order(child, walk);
    }
    if !walk.contains(&tree.name) {
        walk.push(tree.name.clone());
    }
}

/// `changed` ordered so that each plugin comes before the plugins it
/// requires, as the manager deactivates them; ties in name order.
pub(crate) fn dependents_first<'a>(
    changed: &[String],
    plugin: impl Fn(&str) -> Option<&'a PluginInfo>,
) -> Vec<String> {
    let requires = |dependent: &str, dependency: &str| {
        plugin(dependent).is_some_and(|info| {
            info.dependencies
                .iter()
                .any(|d| !d.optional && d.name == dependency)
        })
    };
    let mut left: Vec<String> = changed.to_vec();
    left.sort();
    let mut order = Vec::with_capacity(left.len());
    while !left.is_empty() {
        let next = left
            .iter()
            .position(|candidate| !left.iter().any(|other| requires(other, candidate)))
            .unwrap_or(0);
        order.push(left.remove(next));
    }
    order
}
