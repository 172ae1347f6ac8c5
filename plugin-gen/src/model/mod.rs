//! The intermediate model every back end consumes: resources, operations
//! and types, with Rust names that never collide, all ordered so that the
//! same spec always gives the same model.
//!
//! ```
//! use plugin_gen::model::{Model, OperationKind, TypeKind};
//! use plugin_gen::openapi::{self, Format};
//!
//! let spec = openapi::parse(
//!     r##"
//! openapi: 3.1.0
//! info: { title: Shop, version: "1" }
//! paths:
//!   /v1/customers:
//!     post:
//!       requestBody:
//!         content:
//!           application/x-www-form-urlencoded:
//!             schema:
//!               type: object
//!               properties:
//!                 email: { type: string }
//!                 type: { type: [string, "null"], enum: [person, company, null] }
//!       responses:
//!         "200":
//!           description: the customer
//!           content:
//!             application/json: { schema: { $ref: "#/components/schemas/customer" } }
//! components:
//!   schemas:
//!     customer:
//!       type: object
//!       required: [id]
//!       properties: { id: { type: string }, email: { type: [string, "null"] } }
//! "##,
//!     Format::Yaml,
//! )?;
//! let model = Model::from_spec(&spec)?;
//! let create = &model.resources["customers"].operations["create"];
//! assert_eq!(create.kind, OperationKind::Create);
//! let body = create.request_body.as_ref().unwrap();
//! let params = body.contents[0].ty.as_ref().unwrap().named_by_value().unwrap();
//! assert_eq!(params, "CustomerCreateParams");
//! let TypeKind::Struct(fields) = &model.types[params].kind else { unreachable!() };
//! assert_eq!(fields.fields[1].name, "r#type");
//! assert_eq!(fields.fields[1].ty.names(), ["CustomerCreateParamsType"]);
//! assert!(model.types.contains_key("Customer"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Naming
//!
//! - Resources follow the path (see [`Resource`] and the rule below);
//!   commands are CRUD names where the method and path say so
//!   ([`OperationKind`]), else the action's path word or the
//!   `operationId`, made unique within the resource.
//! - Component schemas keep their names in `UpperCamelCase` (`customer` ->
//!   `Customer`, `issuing.card` -> `IssuingCard`), claimed before any
//!   other type. Inline types are named by where they sit: the parent
//!   type's name and the property's (`CustomerAddress`), `Item` for array
//!   items, `Value` for map values, the variant's name for union variants;
//!   an operation's inline types start with the resource's singular
//!   prefix and the command: `CustomerCreateParams` (request body),
//!   `CustomerListQuery` (query struct), `CustomerListResponse` (first
//!   success response), `CustomerListResponse404`, `...ResponseDefault`.
//!   Any name already taken gets a numeric suffix (`CustomerAddress2`), so
//!   an inline type never takes a component's name.
//! - Fields and parameters are `snake_case` with keywords escaped; enum
//!   variants follow [`naming::variant_names`](crate::naming::variant_names).
//!
//! # Resources
//!
//! Leading version segments (`v1`, `2010-04-01`) are dropped; the last
//! static segment is an action when its path has one operation, the path
//! without it exists, and nothing continues below it; the remaining static
//! segments name the resource (`/v1/customers/{customer}/sources` ->
//! `customers sources`). Paths without a static segment use their first
//! tag.

mod build;
mod command;
mod error;
mod grouping;
mod operation;
mod operations;
mod pagination;
mod recursion;
mod resource;
mod singular;
mod types;

use std::collections::BTreeMap;

pub use error::ModelError;
pub use operation::{
    BodyContent, MediaKind, Operation, OperationKind, Pagination, Param, PathTemplate, RequestBody,
    ResponseDef, ResponseHeader,
};
pub use resource::Resource;
pub use types::{
    AliasDef, EnumDef, EnumValue, EnumVariant, Field, IntegerFormat, NumberFormat, Primitive,
    StringFormat, StructDef, StructDiscriminator, Tagging, TypeDef, TypeKind, TypeRef, UnionDef,
    UnionVariant,
};

use crate::naming::{UniqueNames, escape_keyword, upper_camel_case};
use crate::openapi::{SecurityRequirement, SecurityScheme, Server, Spec};

/// A specification as back ends see it.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    /// `info.title`.
    pub title: String,
    /// `info.version`.
    pub version: String,
    /// `info.description`.
    pub description: Option<String>,
    /// The servers (base URLs); the first is the default.
    pub servers: Vec<Server>,
    /// The security schemes, by name.
    pub security_schemes: BTreeMap<String, SecurityScheme>,
    /// The document's security requirements (operations carry their own
    /// effective ones).
    pub security: Vec<SecurityRequirement>,
    /// The resources, by module name (`customers_sources`).
    pub resources: BTreeMap<String, Resource>,
    /// Every named type, by name.
    pub types: BTreeMap<String, TypeDef>,
    /// The cycles of types that hold each other by value, each sorted;
    /// the references inside them are marked `boxed`.
    pub recursive_groups: Vec<Vec<String>>,
}

impl Model {
    /// Builds the model of `spec`.
    ///
    /// # Errors
    ///
    /// [`ModelError`] when a schema combines constructs the model cannot
    /// represent (an `allOf` of an object and a string, an enum of
    /// fractions), naming the schema's location.
    pub fn from_spec(spec: &Spec) -> Result<Self, ModelError> {
        crate::stack::with_large_stack(|| Self::build(spec))
    }

    fn build(spec: &Spec) -> Result<Self, ModelError> {
        let mut types = build::TypeBuilder::new(spec);
        types.build_components()?;
        let placements = grouping::place_operations(spec);
        let mut grouped: BTreeMap<&[String], Vec<usize>> = BTreeMap::new();
        for (index, placement) in placements.iter().enumerate() {
            grouped.entry(&placement.resource).or_default().push(index);
        }
        let mut modules = UniqueNames::default();
        let mut prefixes = UniqueNames::default();
        let mut resources = BTreeMap::new();
        for (segments, members) in grouped {
            let module = modules.claim_snake(&escape_keyword(&segments.join("_")));
            let type_prefix = type_prefix(&mut prefixes, segments);
            let mut commands = UniqueNames::default();
            let mut operations = BTreeMap::new();
            for index in members {
                let op = &spec.operations[index];
                let (kind, wanted) = command::classify(spec, op, &placements[index]);
                let command = if commands.is_taken(&wanted) {
                    let fallback = command::fallback_name(op);
                    if commands.is_taken(&fallback) {
                        commands.claim_snake(&format!("{wanted}_{}", op.method.key()))
                    } else {
                        commands.claim_snake(&fallback)
                    }
                } else {
                    commands.claim_snake(&wanted)
                };
                let command = escape_keyword(&command);
                let command_words =
                    upper_camel_case(command.trim_start_matches("r#")).unwrap_or_default();
                let naming = operations::Naming {
                    command: command.clone(),
                    kind,
                    type_prefix: &format!("{type_prefix}{command_words}"),
                };
                let operation =
                    operations::build_operation(&mut types, op, naming, &spec.security)?;
                operations.insert(command, operation);
            }
            resources.insert(
                module.clone(),
                Resource {
                    segments: segments.to_vec(),
                    name: segments.join(" "),
                    module,
                    type_prefix,
                    operations,
                },
            );
        }
        types.drain()?;
        let mut types = types.types;
        for resource in resources.values_mut() {
            for operation in resource.operations.values_mut() {
                operation.pagination = pagination::detect(operation, &types);
            }
        }
        let recursive_groups = recursion::mark_boxed(&mut types);
        Ok(Self {
            title: spec.info.title.clone(),
            version: spec.info.version.clone(),
            description: spec.info.description.clone(),
            servers: spec.servers.clone(),
            security_schemes: spec.security_schemes.clone(),
            security: spec.security.clone(),
            resources,
            types,
            recursive_groups,
        })
    }

    /// Every operation, by resource and then command.
    pub fn operations(&self) -> impl Iterator<Item = (&Resource, &Operation)> {
        self.resources
            .values()
            .flat_map(|resource| resource.operations.values().map(move |op| (resource, op)))
    }
}

/// The prefix of a resource's type names: its segments singular in
/// `UpperCamelCase` (`CustomerSource`); when another resource has it
/// already (`/v1/account` and `/v1/accounts`), the plural, then a number.
fn type_prefix(prefixes: &mut UniqueNames, segments: &[String]) -> String {
    let camel = |words: Vec<String>| -> String {
        words.iter().filter_map(|w| upper_camel_case(w)).collect()
    };
    let singular = camel(segments.iter().map(|s| singular::singular(s)).collect());
    if !prefixes.is_taken(&singular) {
        return prefixes.claim_type(&singular);
    }
    prefixes.claim_type(&camel(segments.to_vec()))
}
