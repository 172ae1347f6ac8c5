//! Which file of `src/types/` declares which type.
//!
//! Types are grouped by where the specification writes their schema: a
//! component schema and every inline schema inside it share a module named
//! after the component (`customer`: `Customer`, `CustomerAddress`, ...);
//! inline schemas of operations share the module of their path's resource
//! (`customers`: `CustomerCreateParams`, `CustomerListQuery`, ...); other
//! schemas are grouped by the first tokens of their JSON pointer.
//! Components claim their names first, so they keep them.

use std::collections::BTreeMap;

use crate::model::Model;
use crate::naming::{UniqueNames, is_keyword, snake_case};

/// The module that holds the links to resource objects
/// ([`gating`](super::gating)); no group takes its name.
pub(crate) const LINK_MODULE: &str = "link";

/// Where each type is declared.
#[derive(Debug)]
pub(crate) struct Placement {
    /// Type name to module name.
    pub(crate) module_of: BTreeMap<String, String>,
    /// Module name to the names of its types, in name order.
    pub(crate) modules: BTreeMap<String, Vec<String>>,
}

/// What groups a type with others: the file and the tokens that name its
/// place.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Group {
    /// Under `components/schemas/<name>`.
    Component { file: String, name: String },
    /// Under `paths/<path>`, for a path of resource `module`.
    Resource { module: String },
    /// Under `paths/<path>`, for a path no operation has.
    Path { file: String, path: String },
    /// Anywhere else, by its first two tokens.
    Other { file: String, tokens: Vec<String> },
}

impl Placement {
    /// Places every type of `model`.
    pub(crate) fn compute(model: &Model) -> Self {
        let mut path_modules: BTreeMap<(&str, String), &str> = BTreeMap::new();
        for resource in model.resources.values() {
            for op in resource.operations.values() {
                let key = (op.location.file(), op.path.template.clone());
                path_modules.entry(key).or_insert(resource.module.as_str());
            }
        }
        let groups: BTreeMap<&str, Group> = model
            .types
            .iter()
            .map(|(name, def)| {
                let group = match group_of(&def.origin) {
                    Group::Path { file, path } => {
                        match path_modules.get(&(file.as_str(), path.clone())) {
                            Some(module) => Group::Resource {
                                module: (*module).to_owned(),
                            },
                            None => Group::Path { file, path },
                        }
                    }
                    other => other,
                };
                (name.as_str(), group)
            })
            .collect();
        let mut ordered: Vec<&Group> = groups.values().collect();
        ordered.sort();
        ordered.dedup();
        let mut names = UniqueNames::with_reserved([LINK_MODULE, "mod"]);
        let mut module_of_group: BTreeMap<&Group, String> = BTreeMap::new();
        for group in ordered {
            let wanted = match group {
                Group::Component { name, .. } => snake_case(name),
                Group::Resource { module } => Some(
                    module
                        .trim_start_matches("r#")
                        .trim_end_matches('_')
                        .to_owned(),
                ),
                Group::Path { path, .. } => snake_case(path),
                Group::Other { file, tokens } => {
                    snake_case(&tokens.join("_")).or_else(|| file_stem(file))
                }
            }
            .unwrap_or_else(|| "schemas".to_owned());
            let wanted = if is_keyword(&wanted) {
                format!("{wanted}_")
            } else {
                wanted
            };
            module_of_group.insert(group, names.claim_snake(&wanted));
        }
        let mut module_of = BTreeMap::new();
        let mut modules: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (name, group) in &groups {
            let module = module_of_group[group].clone();
            modules
                .entry(module.clone())
                .or_default()
                .push((*name).to_owned());
            module_of.insert((*name).to_owned(), module);
        }
        Self { module_of, modules }
    }
}

fn group_of(origin: &crate::openapi::Location) -> Group {
    let file = origin.file().to_owned();
    let tokens: Vec<String> = origin.pointer().tokens().collect();
    match tokens.as_slice() {
        [components, schemas, name, ..] if components == "components" && schemas == "schemas" => {
            Group::Component {
                file,
                name: name.clone(),
            }
        }
        [paths, path, ..] if paths == "paths" => Group::Path {
            file,
            path: path.clone(),
        },
        _ => Group::Other {
            file,
            tokens: tokens.into_iter().take(2).collect(),
        },
    }
}

fn file_stem(file: &str) -> Option<String> {
    let name = file.rsplit(['/', '\\']).next().unwrap_or(file);
    snake_case(name.split('.').next().unwrap_or(name))
}
