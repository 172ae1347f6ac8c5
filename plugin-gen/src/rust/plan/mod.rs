//! Decisions about the crate made before any code is written: feature and
//! module names, which feature compiles which type, where each type is
//! declared, and which credentials the plugin reads.

pub(crate) mod auth;
pub(crate) mod gating;
pub(crate) mod inputs;
pub(crate) mod placement;

use crate::model::Model;
use crate::naming::{UniqueNames, is_keyword, upper_camel_case};
use crate::rust::error::GenError;
use crate::rust::options::Options;

use auth::AuthPlan;
use gating::Gating;
use placement::Placement;

/// Feature names the crate defines besides the resources'.
pub(crate) const FULL_FEATURE: &str = "full";

/// Everything decided about the crate.
#[derive(Debug)]
pub(crate) struct Plan<'m> {
    /// The model.
    pub(crate) model: &'m Model,
    /// The caller's options.
    pub(crate) options: &'m Options,
    /// Which features compile which types.
    pub(crate) gating: Gating,
    /// Where types are declared.
    pub(crate) placement: Placement,
    /// Each resource's feature, by resource index (model order).
    pub(crate) features: Vec<String>,
    /// Each resource's module under `src/resources/`, by resource index.
    pub(crate) resource_modules: Vec<String>,
    /// Authentication.
    pub(crate) auth: AuthPlan,
    /// The plugin type's name (`Stripe`).
    pub(crate) plugin_type: String,
    /// The configuration type's name (`StripeConfig`).
    pub(crate) config_type: String,
}

impl<'m> Plan<'m> {
    /// Plans the crate for `model`.
    pub(crate) fn new(model: &'m Model, options: &'m Options) -> Result<Self, GenError> {
        let mut features = Vec::with_capacity(model.resources.len());
        let mut feature_names = UniqueNames::with_reserved(["default", FULL_FEATURE]);
        let mut resource_modules = Vec::with_capacity(model.resources.len());
        let mut module_names = UniqueNames::with_reserved(["mod"]);
        for resource in model.resources.values() {
            let name = resource
                .module
                .trim_start_matches("r#")
                .trim_end_matches('_');
            let name = if name.is_empty() { "resource" } else { name };
            features.push(feature_names.claim_snake(name));
            let module = if is_keyword(name) {
                format!("{name}_")
            } else {
                name.to_owned()
            };
            resource_modules.push(module_names.claim_snake(&module));
        }
        let plugin_type =
            upper_camel_case(&options.plugin_name).unwrap_or_else(|| "Api".to_owned());
        let plugin_type = if is_keyword(&plugin_type) {
            format!("{plugin_type}Plugin")
        } else {
            plugin_type
        };
        Ok(Self {
            model,
            options,
            gating: Gating::compute(model),
            placement: Placement::compute(model),
            features,
            resource_modules,
            auth: AuthPlan::compute(model)?,
            config_type: format!("{plugin_type}Config"),
            plugin_type,
        })
    }
}
