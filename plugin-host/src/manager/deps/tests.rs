//! Tests of activation order, conflicts, active dependents and the dependency tree.

use std::fmt;

use super::*;
use crate::PluginSource;

fn plugin(name: &str, version: &str) -> PluginInfo {
    PluginInfo {
        name: name.to_owned(),
        version: Version::parse(version).unwrap(),
        description: String::new(),
        authors: Vec::new(),
        license: String::new(),
        requires: VersionReq::STAR,
        dependencies: Vec::new(),
        conflicts: Vec::new(),
        services: Vec::new(),
        subscriptions: Vec::new(),
        hooks: Vec::new(),
        unload_safe: false,
        source: PluginSource::Static,
    }
}

trait Declare {
    fn needs(self, name: &str, requirement: &str) -> Self;
    fn may_use(self, name: &str, requirement: &str) -> Self;
    fn conflicts_with(self, name: &str) -> Self;
}

impl Declare for PluginInfo {
    fn needs(mut self, name: &str, requirement: &str) -> Self {
        self.dependencies.push(dependency(name, requirement, false));
        self
    }

    fn may_use(mut self, name: &str, requirement: &str) -> Self {
        self.dependencies.push(dependency(name, requirement, true));
        self
    }

    fn conflicts_with(mut self, name: &str) -> Self {
        self.conflicts.push(name.to_owned());
        self
    }
}

fn dependency(name: &str, requirement: &str, optional: bool) -> Dependency {
    Dependency {
        name: name.to_owned(),
        requirement: VersionReq::parse(requirement).unwrap(),
        optional,
    }
}

fn order(plugins: &[PluginInfo], target: &str) -> Result<Vec<String>, DependencyError> {
    Graph::new(plugins).activation_order(target)
}

fn names(names: &[&str]) -> Vec<String> {
    names.iter().map(|&name| name.to_owned()).collect()
}

fn set(names: &[&str]) -> BTreeSet<String> {
    names.iter().map(|&name| name.to_owned()).collect()
}

fn message(result: Result<impl fmt::Debug, DependencyError>) -> String {
    result.unwrap_err().to_string()
}

#[test]
fn a_plugin_without_dependencies_is_activated_alone() {
    let plugins = [plugin("solo", "1.0.0"), plugin("other", "1.0.0")];
    assert_eq!(order(&plugins, "solo").unwrap(), names(&["solo"]));
}

#[test]
fn an_uninstalled_target_has_nothing_to_activate() {
    let plugins = [plugin("solo", "1.0.0")];
    assert_eq!(order(&plugins, "ghost").unwrap(), Vec::<String>::new());
}

#[test]
fn a_chain_is_activated_from_the_bottom() {
    let plugins = [
        plugin("c", "1.0.0").needs("b", "^1"),
        plugin("a", "1.2.0"),
        plugin("b", "1.0.0").needs("a", "^1.1"),
    ];
    assert_eq!(order(&plugins, "c").unwrap(), names(&["a", "b", "c"]));
    assert_eq!(order(&plugins, "b").unwrap(), names(&["a", "b"]));
}

#[test]
fn a_diamond_activates_the_shared_dependency_once_and_first() {
    let plugins = [
        plugin("app", "1.0.0")
            .needs("right", "^1")
            .needs("left", "^1"),
        plugin("left", "1.0.0").needs("base", "^1"),
        plugin("right", "1.0.0").needs("base", "^1"),
        plugin("base", "1.0.0"),
    ];
    assert_eq!(
        order(&plugins, "app").unwrap(),
        names(&["base", "left", "right", "app"])
    );
}

#[test]
fn the_order_does_not_depend_on_declaration_or_installation_order() {
    let forward = [
        plugin("app", "1.0.0").needs("x", "^1").needs("y", "^1"),
        plugin("x", "1.0.0"),
        plugin("y", "1.0.0"),
    ];
    let backward = [
        plugin("y", "1.0.0"),
        plugin("x", "1.0.0"),
        plugin("app", "1.0.0").needs("y", "^1").needs("x", "^1"),
    ];
    assert_eq!(order(&forward, "app").unwrap(), names(&["x", "y", "app"]));
    assert_eq!(order(&backward, "app").unwrap(), names(&["x", "y", "app"]));
}

#[test]
fn a_missing_dependency_is_refused_with_what_to_do() {
    let plugins = [plugin("beta", "1.0.0").needs("alpha", "^0.3")];
    let error = order(&plugins, "beta").unwrap_err();
    assert_eq!(
        error,
        DependencyError::Missing {
            plugin: "beta".into(),
            dependency: "alpha".into(),
            requirement: VersionReq::parse("^0.3").unwrap(),
        }
    );
    assert_eq!(
        error.to_string(),
        "plugin 'beta' needs plugin 'alpha' ^0.3, which is not installed; install alpha (^0.3) first or make the dependency optional"
    );
}

#[test]
fn a_missing_dependency_deep_down_names_the_plugin_that_declares_it() {
    let plugins = [
        plugin("top", "1.0.0").needs("middle", "^1"),
        plugin("middle", "1.0.0").needs("bottom", "^2"),
    ];
    assert_eq!(
        message(order(&plugins, "top")),
        "plugin 'middle' needs plugin 'bottom' ^2, which is not installed; install bottom (^2) first or make the dependency optional"
    );
}

#[test]
fn a_mismatched_dependency_is_refused_with_both_versions() {
    let plugins = [
        plugin("beta", "1.0.0").needs("alpha", "^0.3"),
        plugin("alpha", "0.2.1"),
    ];
    let error = order(&plugins, "beta").unwrap_err();
    assert_eq!(
        error,
        DependencyError::VersionMismatch {
            plugin: "beta".into(),
            dependency: "alpha".into(),
            requirement: VersionReq::parse("^0.3").unwrap(),
            installed: Version::new(0, 2, 1),
        }
    );
    assert_eq!(
        error.to_string(),
        "plugin 'beta' needs plugin 'alpha' ^0.3 but alpha 0.2.1 is installed; install a version of alpha that matches ^0.3"
    );
}

#[test]
fn every_path_to_a_shared_dependency_checks_its_own_requirement() {
    let plugins = [
        plugin("app", "1.0.0")
            .needs("left", "^1")
            .needs("right", "^1"),
        plugin("left", "1.0.0").needs("base", "^1"),
        plugin("right", "1.0.0").needs("base", "^2"),
        plugin("base", "1.4.0"),
    ];
    assert_eq!(
        message(order(&plugins, "app")),
        "plugin 'right' needs plugin 'base' ^2 but base 1.4.0 is installed; install a version of base that matches ^2"
    );
}

#[test]
fn a_plugin_that_needs_itself_is_a_cycle_of_one() {
    let plugins = [plugin("a", "1.0.0").needs("a", "^1")];
    let error = order(&plugins, "a").unwrap_err();
    assert_eq!(
        error,
        DependencyError::Cycle {
            members: names(&["a"])
        }
    );
    assert_eq!(
        error.to_string(),
        "plugin 'a' depends on itself; remove that dependency"
    );
}

#[test]
fn two_plugins_that_need_each_other_are_a_cycle_of_two() {
    let plugins = [
        plugin("a", "1.0.0").needs("b", "^1"),
        plugin("b", "1.0.0").needs("a", "^1"),
    ];
    for target in ["a", "b"] {
        let error = order(&plugins, target).unwrap_err();
        assert_eq!(
            error,
            DependencyError::Cycle {
                members: names(&["a", "b"])
            }
        );
        assert_eq!(
            error.to_string(),
            "plugins 'a' and 'b' depend on each other in a cycle (a -> b -> a); remove one of these dependencies"
        );
    }
}

#[test]
fn a_cycle_of_three_names_every_member_in_cycle_order() {
    let plugins = [
        plugin("a", "1.0.0").needs("b", "^1"),
        plugin("b", "1.0.0").needs("c", "^1"),
        plugin("c", "1.0.0").needs("a", "^1"),
        plugin("entry", "1.0.0").needs("b", "^1"),
    ];
    for target in ["a", "b", "c", "entry"] {
        let error = order(&plugins, target).unwrap_err();
        assert_eq!(
            error,
            DependencyError::Cycle {
                members: names(&["a", "b", "c"])
            },
            "from {target}"
        );
        assert_eq!(
            error.to_string(),
            "plugins 'a', 'b' and 'c' depend on each other in a cycle (a -> b -> c -> a); remove one of these dependencies"
        );
    }
}

#[test]
fn a_cycle_keeps_its_direction() {
    let plugins = [
        plugin("a", "1.0.0").needs("c", "^1"),
        plugin("c", "1.0.0").needs("b", "^1"),
        plugin("b", "1.0.0").needs("a", "^1"),
    ];
    assert_eq!(
        order(&plugins, "b").unwrap_err(),
        DependencyError::Cycle {
            members: names(&["a", "c", "b"])
        }
    );
}

#[test]
fn a_cycle_below_the_target_is_found() {
    let plugins = [
        plugin("top", "1.0.0").needs("x", "^1"),
        plugin("x", "1.0.0").needs("y", "^1"),
        plugin("y", "1.0.0").needs("x", "^1"),
    ];
    assert_eq!(
        order(&plugins, "top").unwrap_err(),
        DependencyError::Cycle {
            members: names(&["x", "y"])
        }
    );
}

#[test]
fn an_installed_optional_dependency_is_activated_with_what_it_needs() {
    let plugins = [
        plugin("app", "1.0.0").may_use("extra", "^1"),
        plugin("extra", "1.1.0").needs("base", "^1"),
        plugin("base", "1.0.0"),
    ];
    assert_eq!(
        order(&plugins, "app").unwrap(),
        names(&["base", "extra", "app"])
    );
}

#[test]
fn an_absent_or_mismatched_optional_dependency_is_skipped() {
    let absent = [plugin("app", "1.0.0").may_use("extra", "^1")];
    assert_eq!(order(&absent, "app").unwrap(), names(&["app"]));

    let mismatched = [
        plugin("app", "1.0.0").may_use("extra", "^1"),
        plugin("extra", "2.0.0"),
    ];
    assert_eq!(order(&mismatched, "app").unwrap(), names(&["app"]));
}

#[test]
fn required_dependencies_come_before_optional_ones() {
    let plugins = [
        plugin("app", "1.0.0")
            .may_use("aaa", "^1")
            .needs("zzz", "^1"),
        plugin("aaa", "1.0.0"),
        plugin("zzz", "1.0.0"),
    ];
    assert_eq!(
        order(&plugins, "app").unwrap(),
        names(&["zzz", "aaa", "app"])
    );
}

#[test]
fn an_optional_dependency_that_cannot_be_activated_is_skipped_whole() {
    let plugins = [
        plugin("app", "1.0.0").may_use("extra", "^1"),
        plugin("extra", "1.0.0")
            .needs("helper", "^1")
            .needs("missing", "^1"),
        plugin("helper", "1.0.0"),
    ];
    assert_eq!(
        order(&plugins, "app").unwrap(),
        names(&["app"]),
        "helper was only wanted for extra, so it is not activated either"
    );
}

#[test]
fn an_optional_dependency_that_would_close_a_cycle_is_skipped() {
    let plugins = [
        plugin("core", "1.0.0").may_use("ui", "^1"),
        plugin("ui", "1.0.0").needs("core", "^1"),
    ];
    assert_eq!(order(&plugins, "core").unwrap(), names(&["core"]));
    assert_eq!(order(&plugins, "ui").unwrap(), names(&["core", "ui"]));
}

#[test]
fn a_conflict_declared_by_the_incoming_plugin_is_refused() {
    let plugins = [
        plugin("beta", "1.0.0").conflicts_with("gamma"),
        plugin("gamma", "1.0.0"),
    ];
    let error = Graph::new(&plugins)
        .check_conflicts(&names(&["beta"]), &set(&["gamma"]))
        .unwrap_err();
    assert_eq!(
        error,
        DependencyError::Conflict {
            plugin: "beta".into(),
            other: "gamma".into(),
        }
    );
    assert_eq!(
        error.to_string(),
        "plugin 'beta' conflicts with plugin 'gamma', which is active; deactivate gamma first"
    );
}

#[test]
fn a_conflict_declared_by_the_active_plugin_is_refused() {
    let plugins = [
        plugin("beta", "1.0.0"),
        plugin("gamma", "1.0.0").conflicts_with("beta"),
    ];
    assert_eq!(
        message(Graph::new(&plugins).check_conflicts(&names(&["beta"]), &set(&["gamma"]))),
        "plugin 'beta' conflicts with plugin 'gamma', which is active; deactivate gamma first"
    );
}

#[test]
fn a_conflict_of_a_dependency_about_to_be_activated_is_refused() {
    let plugins = [
        plugin("app", "1.0.0").needs("lib", "^1"),
        plugin("lib", "1.0.0").conflicts_with("rival"),
        plugin("rival", "1.0.0"),
        plugin("bystander", "1.0.0"),
    ];
    let graph = Graph::new(&plugins);
    let incoming = graph.activation_order("app").unwrap();
    assert_eq!(
        graph.check_conflicts(&incoming, &set(&["bystander", "rival"])),
        Err(DependencyError::Conflict {
            plugin: "lib".into(),
            other: "rival".into(),
        })
    );
}

#[test]
fn conflicts_with_inactive_plugins_do_not_count() {
    let plugins = [
        plugin("beta", "1.0.0").conflicts_with("gamma"),
        plugin("gamma", "1.0.0").conflicts_with("beta"),
        plugin("delta", "1.0.0"),
    ];
    let graph = Graph::new(&plugins);
    assert_eq!(
        graph.check_conflicts(&names(&["beta"]), &set(&["delta"])),
        Ok(())
    );
    assert_eq!(graph.check_conflicts(&names(&["beta"]), &set(&[])), Ok(()));
    assert_eq!(
        graph.check_conflicts(&names(&["beta"]), &set(&["beta"])),
        Ok(()),
        "a plugin is not compared with itself"
    );
}

#[test]
fn active_dependents_come_before_the_plugins_they_need() {
    let plugins = [
        plugin("alpha", "1.0.0"),
        plugin("beta", "1.0.0").needs("alpha", "^1"),
        plugin("delta", "1.0.0").needs("beta", "^1"),
        plugin("epsilon", "1.0.0")
            .needs("alpha", "^1")
            .needs("delta", "^1"),
        plugin("unrelated", "1.0.0"),
    ];
    let active = set(&["alpha", "beta", "delta", "epsilon", "unrelated"]);
    let graph = Graph::new(&plugins);
    assert_eq!(
        graph.active_dependents("alpha", &active),
        names(&["epsilon", "delta", "beta"])
    );
    assert_eq!(
        graph.active_dependents("delta", &active),
        names(&["epsilon"])
    );
    assert_eq!(
        graph.active_dependents("epsilon", &active),
        Vec::<String>::new()
    );
}

#[test]
fn inactive_plugins_and_optional_users_are_not_dependents() {
    let plugins = [
        plugin("alpha", "1.0.0"),
        plugin("beta", "1.0.0").needs("alpha", "^1"),
        plugin("delta", "1.0.0").needs("beta", "^1"),
        plugin("user", "1.0.0").may_use("alpha", "^1"),
    ];
    let graph = Graph::new(&plugins);
    assert_eq!(
        graph.active_dependents("alpha", &set(&["alpha", "delta", "user"])),
        Vec::<String>::new(),
        "delta needs alpha only through beta, which is not active"
    );
    assert_eq!(
        graph.active_dependents("alpha", &set(&["alpha", "beta", "user"])),
        names(&["beta"])
    );
}

#[test]
fn deactivating_a_needed_plugin_is_refused_naming_its_dependents() {
    let plugins = [
        plugin("alpha", "1.0.0"),
        plugin("beta", "1.0.0").needs("alpha", "^1"),
        plugin("delta", "1.0.0").needs("beta", "^1"),
        plugin("gamma", "1.0.0").needs("alpha", "^1"),
    ];
    let graph = Graph::new(&plugins);

    let one = graph
        .refuse_if_needed("alpha", &set(&["alpha", "beta"]))
        .unwrap_err();
    assert_eq!(
        one,
        DependencyError::ActiveDependents {
            plugin: "alpha".into(),
            dependents: names(&["beta"]),
        }
    );
    assert_eq!(
        one.to_string(),
        "plugin 'alpha' is needed by the active plugin 'beta'; deactivate it first, or ask for a cascade"
    );

    assert_eq!(
        message(graph.refuse_if_needed("alpha", &set(&["alpha", "beta", "delta"]))),
        "plugin 'alpha' is needed by the active plugins 'beta' and 'delta'; deactivate them first, or ask for a cascade"
    );
    assert_eq!(
        message(graph.refuse_if_needed("alpha", &set(&["alpha", "beta", "delta", "gamma"]))),
        "plugin 'alpha' is needed by the active plugins 'beta', 'delta' and 'gamma'; deactivate them first, or ask for a cascade"
    );
    assert_eq!(
        graph.refuse_if_needed("delta", &set(&["alpha", "beta", "delta"])),
        Ok(())
    );
}

#[test]
fn the_tree_shows_each_dependency_with_its_status() {
    let plugins = [
        plugin("beta", "1.0.0")
            .needs("alpha", "^0.3")
            .may_use("extra", "^1")
            .needs("old", "^2")
            .may_use("shiny", "^1"),
        plugin("alpha", "0.3.1")
            .needs("beta", "^1")
            .needs("gamma", "*"),
        plugin("gamma", "1.0.0"),
        plugin("old", "1.9.0"),
        plugin("shiny", "1.2.0"),
    ];
    let tree = Graph::new(&plugins).tree("beta");
    assert_eq!(
        tree.to_string(),
        "beta 1.0.0\n\
         ├── alpha ^0.3 (0.3.1)\n\
         │   ├── beta ^1 (cycle)\n\
         │   └── gamma * (1.0.0)\n\
         ├── extra ^1 (optional, missing)\n\
         ├── old ^2 (1.9.0, does not match)\n\
         └── shiny ^1 (optional, 1.2.0)\n"
    );
}

#[test]
fn the_tree_nests_below_a_last_child_without_a_bar() {
    let plugins = [
        plugin("top", "1.0.0")
            .needs("mid", "^1")
            .needs("absent", "^1"),
        plugin("mid", "1.0.0").needs("leaf", "^1"),
        plugin("leaf", "1.0.0"),
    ];
    assert_eq!(
        Graph::new(&plugins).tree("top").to_string(),
        "top 1.0.0\n\
         ├── absent ^1 (missing)\n\
         └── mid ^1 (1.0.0)\n\
         \x20   └── leaf ^1 (1.0.0)\n"
    );
}

#[test]
fn the_tree_is_structured_data_too() {
    let plugins = [
        plugin("beta", "1.0.0").needs("alpha", "^0.3"),
        plugin("alpha", "0.2.1"),
    ];
    let tree = Graph::new(&plugins).tree("beta");
    assert_eq!(
        tree,
        DependencyTree {
            name: "beta".into(),
            requirement: None,
            optional: false,
            status: TreeStatus::Installed {
                version: "1.0.0".into()
            },
            children: vec![DependencyTree {
                name: "alpha".into(),
                requirement: Some("^0.3".into()),
                optional: false,
                status: TreeStatus::Mismatch {
                    installed: "0.2.1".into()
                },
                children: Vec::new(),
            }],
        }
    );
    assert_eq!(
        serde_json::to_value(&tree).unwrap(),
        serde_json::json!({
            "name": "beta",
            "requirement": null,
            "optional": false,
            "status": { "installed": { "version": "1.0.0" } },
            "children": [{
                "name": "alpha",
                "requirement": "^0.3",
                "optional": false,
                "status": { "mismatch": { "installed": "0.2.1" } },
                "children": [],
            }],
        })
    );
}

#[test]
fn the_tree_of_an_uninstalled_plugin_says_so() {
    let tree = Graph::new(&[]).tree("ghost");
    assert_eq!(tree.status, TreeStatus::Missing);
    assert!(tree.children.is_empty());
    assert_eq!(tree.to_string(), "ghost (missing)\n");
    assert_eq!(
        serde_json::to_value(&tree.status).unwrap(),
        serde_json::json!("missing")
    );
}

#[test]
fn a_self_dependency_shows_as_a_cycle_in_the_tree() {
    let plugins = [plugin("a", "1.0.0").needs("a", "^1")];
    assert_eq!(
        Graph::new(&plugins).tree("a").to_string(),
        "a 1.0.0\n└── a ^1 (cycle)\n"
    );
}
