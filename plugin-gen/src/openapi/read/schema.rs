//! Reading schemas into the arena.
//!
//! Inline schemas are read where they stand, nesting bounded by
//! [`MAX_DEPTH`]; `$ref` targets get an id at once and are read later from
//! a queue, so chains and cycles of references never deepen the stack.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde_json::Value;

use crate::openapi::documents::{DocId, Documents};
use crate::openapi::error::SpecError;
use crate::openapi::location::Location;
use crate::openapi::node::Node;
use crate::openapi::reference::{ReadError, resolve};
use crate::openapi::schema::{
    Additional, Discriminator, ObjectSchema, ScalarType, Schema, SchemaId, SchemaKind, Union,
};

/// How deep inline schemas may nest.
pub(crate) const MAX_DEPTH: usize = 64;

/// Keywords that may stand next to `$ref` without changing its shape.
const ANNOTATIONS: &[&str] = &[
    "$ref",
    "$comment",
    "title",
    "description",
    "summary",
    "nullable",
    "readOnly",
    "writeOnly",
    "deprecated",
    "default",
    "example",
    "examples",
    "externalDocs",
    "xml",
    "$schema",
    "$id",
];

/// Keywords whose meaning the generator cannot represent.
const UNSUPPORTED: &[(&str, &str)] = &[
    (
        "not",
        "describe the allowed values positively (enum, oneOf)",
    ),
    ("if", "describe the variants with oneOf"),
    ("then", "describe the variants with oneOf"),
    ("else", "describe the variants with oneOf"),
    (
        "prefixItems",
        "use an array of one item schema, or an object",
    ),
    ("patternProperties", "use additionalProperties"),
    ("dependentSchemas", "describe the variants with oneOf"),
    ("$dynamicRef", "use a plain $ref"),
    ("$recursiveRef", "use a plain $ref"),
];

/// Keywords that give a schema a shape other than through `type`.
const SHAPE_KEYWORDS: &[&str] = &[
    "properties",
    "additionalProperties",
    "items",
    "enum",
    "const",
    "required",
];

pub(crate) struct SchemaReader<'a> {
    docs: &'a Documents,
    schemas: Vec<Schema>,
    index: HashMap<(DocId, String), SchemaId>,
    pending: Vec<(SchemaId, Node<'a>)>,
}

impl<'a> SchemaReader<'a> {
    pub(crate) fn new(docs: &'a Documents) -> Self {
        Self {
            docs,
            schemas: Vec::new(),
            index: HashMap::new(),
            pending: Vec::new(),
        }
    }

    /// Reads the schema at `node`, or returns its id if it has been read
    /// (or is queued) already.
    pub(crate) fn read(&mut self, node: &Node<'a>) -> Result<SchemaId, ReadError> {
        self.read_nested(node, 0)
    }

    /// Reads every queued `$ref` target, then checks that no chain of
    /// plain references loops, and hands out the arena.
    pub(crate) fn finish(mut self) -> Result<Vec<Schema>, ReadError> {
        while let Some((id, node)) = self.pending.pop() {
            let schema = self.parse(&node, 0)?;
            self.schemas[id.0] = schema;
        }
        check_reference_chains(&self.schemas)?;
        Ok(self.schemas)
    }

    fn read_nested(&mut self, node: &Node<'a>, depth: usize) -> Result<SchemaId, ReadError> {
        if depth > MAX_DEPTH {
            return Err(SpecError::TooDeep {
                at: node.loc.clone(),
                limit: MAX_DEPTH,
            }
            .into());
        }
        let key = (node.doc, node.loc.pointer().as_str().to_owned());
        if let Some(&id) = self.index.get(&key) {
            return Ok(id);
        }
        let id = self.reserve(node);
        self.index.insert(key, id);
        let schema = self.parse(node, depth)?;
        self.schemas[id.0] = schema;
        Ok(id)
    }

    /// The id of a `$ref` target, queued for reading if new.
    fn target(&mut self, node: Node<'a>) -> SchemaId {
        let key = (node.doc, node.loc.pointer().as_str().to_owned());
        if let Some(&id) = self.index.get(&key) {
            return id;
        }
        let id = self.reserve(&node);
        self.index.insert(key, id);
        self.pending.push((id, node));
        id
    }

    fn reserve(&mut self, node: &Node<'a>) -> SchemaId {
        self.push(blank(node.loc.clone(), SchemaKind::Any))
    }

    fn push(&mut self, schema: Schema) -> SchemaId {
        self.schemas.push(schema);
        SchemaId(self.schemas.len() - 1)
    }

    fn parse(&mut self, node: &Node<'a>, depth: usize) -> Result<Schema, ReadError> {
        let mut schema = blank(node.loc.clone(), SchemaKind::Any);
        schema.component = component_name(&node.loc);
        match node.value {
            Value::Bool(true) => return Ok(schema),
            Value::Bool(false) => {
                return Err(node
                    .unsupported(
                        "the schema 'false' (no value is valid)",
                        "remove what uses it",
                    )
                    .into());
            }
            Value::Object(_) => {}
            _ => return Err(node.wrong_type("a schema object").into()),
        }
        schema.title = node.opt_string("title")?;
        schema.description = node.opt_string("description")?;
        schema.nullable = node.flag("nullable")?;
        schema.read_only = node.flag("readOnly")?;
        schema.write_only = node.flag("writeOnly")?;
        schema.deprecated = node.flag("deprecated")?;
        schema.default = node.get("default")?.map(|default| default.value.clone());
        for (keyword, hint) in UNSUPPORTED {
            if let Some(found) = node.get(keyword)? {
                return Err(found
                    .unsupported(format!("the keyword '{keyword}'"), *hint)
                    .into());
            }
        }
        if let Some(reference) = node.get("$ref")? {
            let text = reference.as_str()?;
            let target = resolve(self.docs, &reference, text)?;
            let target = self.target(target);
            let object = node.object()?;
            let has_siblings = object
                .keys()
                .any(|key| !ANNOTATIONS.contains(&key.as_str()) && !key.starts_with("x-"));
            schema.kind = if has_siblings {
                let rest = self.parse_shape(node, depth, &mut schema.nullable)?;
                let rest = self.push(blank(node.loc.clone(), rest));
                SchemaKind::AllOf(vec![target, rest])
            } else {
                SchemaKind::Ref(target)
            };
            return Ok(schema);
        }
        schema.kind = self.parse_shape(node, depth, &mut schema.nullable)?;
        Ok(schema)
    }

    /// The shape of a schema object, ignoring any `$ref` in it.
    fn parse_shape(
        &mut self,
        node: &Node<'a>,
        depth: usize,
        nullable: &mut bool,
    ) -> Result<SchemaKind, ReadError> {
        let types = read_types(node)?;
        if types.iter().any(|t| t == "null") {
            *nullable = true;
        }
        let only_null = matches!(types.as_slice(), [only] if only == "null");
        let types: Vec<&str> = types
            .iter()
            .map(String::as_str)
            .filter(|t| *t != "null")
            .collect();
        let all_of = self.members(node, "allOf", depth)?;
        let one_of = self.members(node, "oneOf", depth)?;
        let any_of = self.members(node, "anyOf", depth)?;
        let has_shape = SHAPE_KEYWORDS.iter().any(|keyword| node.has(keyword));
        if one_of.is_some() && any_of.is_some() {
            return Err(node
                .unsupported(
                    "'oneOf' and 'anyOf' in one schema",
                    "wrap one of them in an allOf member",
                )
                .into());
        }
        let union = match (one_of, any_of) {
            (Some(variants), None) => Some(SchemaKind::OneOf(Union {
                variants,
                discriminator: self.discriminator(node)?,
            })),
            (None, Some(variants)) => Some(SchemaKind::AnyOf(Union {
                variants,
                discriminator: self.discriminator(node)?,
            })),
            _ => None,
        };
        match (all_of, union) {
            (None, None) if only_null && !has_shape => return Ok(SchemaKind::Null),
            (None, None) => {}
            (None, Some(_)) if has_shape => {
                return Err(node
                    .unsupported(
                        "'oneOf'/'anyOf' next to properties, required, items or enum",
                        "move the shared part into each variant, or into an allOf member",
                    )
                    .into());
            }
            (None, Some(union)) => return Ok(union),
            (Some(mut members), union) => {
                if has_shape {
                    let rest = self.parse_plain(node, &types, depth)?;
                    members.push(self.push(blank(node.loc.clone(), rest)));
                }
                if let Some(union) = union {
                    members.push(self.push(blank(node.loc.clone(), union)));
                }
                return Ok(SchemaKind::AllOf(members));
            }
        }
        self.parse_plain(node, &types, depth)
    }

    /// A shape without composition keywords.
    fn parse_plain(
        &mut self,
        node: &Node<'a>,
        types: &[&str],
        depth: usize,
    ) -> Result<SchemaKind, ReadError> {
        if let Some(values) = node.get("enum")? {
            let items = values.items()?;
            if items.is_empty() {
                return Err(values
                    .invalid("'enum' is empty, so no value is valid; list the allowed values")
                    .into());
            }
            let values: Vec<Value> = items
                .iter()
                .map(|item| item.value.clone())
                .filter(|v| !v.is_null())
                .collect();
            let base = match types {
                [single] => scalar_type(single),
                _ => None,
            };
            return Ok(if values.is_empty() {
                SchemaKind::Null
            } else {
                SchemaKind::Enum { base, values }
            });
        }
        if let Some(value) = node.get("const")? {
            return Ok(match value.value {
                Value::Null => SchemaKind::Null,
                other => SchemaKind::Const(other.clone()),
            });
        }
        match types {
            [] if node.has("properties")
                || node.has("additionalProperties")
                || node.has("required") =>
            {
                self.object(node, depth)
            }
            [] if node.has("items") => self.array(node, depth),
            [] => Ok(SchemaKind::Any),
            [single] => self.typed(node, single, depth),
            several => {
                let mut variants = Vec::new();
                for (i, name) in several.iter().enumerate() {
                    let kind = self.typed(node, name, depth)?;
                    let location = node.loc.push("type").push(&i.to_string());
                    variants.push(self.push(blank(location, kind)));
                }
                Ok(SchemaKind::OneOf(Union {
                    variants,
                    discriminator: None,
                }))
            }
        }
    }

    fn typed(
        &mut self,
        node: &Node<'a>,
        name: &str,
        depth: usize,
    ) -> Result<SchemaKind, ReadError> {
        Ok(match name {
            "string" => SchemaKind::String {
                format: string_format(node)?,
            },
            "integer" => SchemaKind::Integer {
                format: node.opt_string("format")?,
            },
            "number" => SchemaKind::Number {
                format: node.opt_string("format")?,
            },
            "boolean" => SchemaKind::Boolean,
            "object" => self.object(node, depth)?,
            "array" => self.array(node, depth)?,
            other => {
                let at = node.get("type")?.unwrap_or_else(|| node.clone());
                return Err(at
                    .invalid(format!(
                        "'{other}' is not a JSON Schema type; use string, integer, number, boolean, object, array or null"
                    ))
                    .into());
            }
        })
    }

    fn object(&mut self, node: &Node<'a>, depth: usize) -> Result<SchemaKind, ReadError> {
        let mut object = ObjectSchema::default();
        if let Some(properties) = node.get("properties")? {
            for (name, property) in properties.entries()? {
                let id = self.read_nested(&property, depth + 1)?;
                object.properties.insert(name.to_owned(), id);
            }
        }
        object.required = node.string_list("required")?.into_iter().collect();
        object.additional = match node.get("additionalProperties")? {
            None => Additional::Unspecified,
            Some(additional) => match additional.value {
                Value::Bool(true) => Additional::Any,
                Value::Bool(false) => Additional::Forbidden,
                Value::Object(map) if map.is_empty() => Additional::Any,
                Value::Object(_) => Additional::Schema(self.read_nested(&additional, depth + 1)?),
                _ => return Err(additional.wrong_type("a boolean or a schema object").into()),
            },
        };
        object.discriminator = self.discriminator(node)?;
        Ok(SchemaKind::Object(object))
    }

    fn array(&mut self, node: &Node<'a>, depth: usize) -> Result<SchemaKind, ReadError> {
        let items = match node.get("items")? {
            None => None,
            Some(items) if items.value.is_array() => {
                return Err(items
                    .unsupported(
                        "'items' as a list (a tuple)",
                        "use one schema for every item, or an object",
                    )
                    .into());
            }
            Some(items) => Some(self.read_nested(&items, depth + 1)?),
        };
        Ok(SchemaKind::Array { items })
    }

    fn members(
        &mut self,
        node: &Node<'a>,
        keyword: &str,
        depth: usize,
    ) -> Result<Option<Vec<SchemaId>>, ReadError> {
        let Some(list) = node.get(keyword)? else {
            return Ok(None);
        };
        let items = list.items()?;
        if items.is_empty() {
            return Err(list
                .invalid(format!("'{keyword}' is empty; list at least one schema"))
                .into());
        }
        let mut members = Vec::with_capacity(items.len());
        for item in &items {
            members.push(self.read_nested(item, depth + 1)?);
        }
        Ok(Some(members))
    }

    fn discriminator(&mut self, node: &Node<'a>) -> Result<Option<Discriminator>, ReadError> {
        let Some(discriminator) = node.get("discriminator")? else {
            return Ok(None);
        };
        let property = discriminator.req_str("propertyName")?.to_owned();
        let mut mapping = BTreeMap::new();
        if let Some(entries) = discriminator.get("mapping")? {
            for (value, target) in entries.entries()? {
                let text = target.as_str()?;
                let reference = if text.contains(['#', '/'])
                    || text.ends_with(".json")
                    || text.ends_with(".yaml")
                {
                    text.to_owned()
                } else {
                    format!("#/components/schemas/{text}")
                };
                let resolved = resolve(self.docs, &target, &reference)?;
                mapping.insert(value.to_owned(), self.target(resolved));
            }
        }
        Ok(Some(Discriminator { property, mapping }))
    }
}

fn blank(location: Location, kind: SchemaKind) -> Schema {
    Schema {
        location,
        component: None,
        title: None,
        description: None,
        nullable: false,
        read_only: false,
        write_only: false,
        deprecated: false,
        default: None,
        kind,
    }
}

/// `NAME` when `location` is `#/components/schemas/NAME`.
fn component_name(location: &Location) -> Option<String> {
    let tokens: Vec<String> = location.pointer().tokens().collect();
    match tokens.as_slice() {
        [components, schemas, name] if components == "components" && schemas == "schemas" => {
            Some(name.clone())
        }
        _ => None,
    }
}

/// `type` as a list (3.0 writes one name, 3.1 may write a list).
fn read_types(node: &Node<'_>) -> Result<Vec<String>, SpecError> {
    let Some(types) = node.get("type")? else {
        return Ok(Vec::new());
    };
    if let Some(single) = types.value.as_str() {
        return Ok(vec![single.to_owned()]);
    }
    let items = types
        .value
        .as_array()
        .ok_or_else(|| types.wrong_type("a type name or a list of type names"))?;
    let mut names = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let name = item
            .as_str()
            .ok_or_else(|| types.below(&i.to_string(), item).wrong_type("a type name"))?;
        if !names.iter().any(|n| n == name) {
            names.push(name.to_owned());
        }
    }
    Ok(names)
}

fn scalar_type(name: &str) -> Option<ScalarType> {
    match name {
        "string" => Some(ScalarType::String),
        "integer" => Some(ScalarType::Integer),
        "number" => Some(ScalarType::Number),
        "boolean" => Some(ScalarType::Boolean),
        _ => None,
    }
}

/// `format`, or what 3.1's `contentEncoding`/`contentMediaType` say.
fn string_format(node: &Node<'_>) -> Result<Option<String>, SpecError> {
    if let Some(format) = node.opt_string("format")? {
        return Ok(Some(format));
    }
    if node
        .opt_str("contentEncoding")?
        .is_some_and(|e| e.eq_ignore_ascii_case("base64"))
    {
        return Ok(Some("byte".to_owned()));
    }
    if node
        .opt_str("contentMediaType")?
        .is_some_and(|m| m == "application/octet-stream")
    {
        return Ok(Some("binary".to_owned()));
    }
    Ok(None)
}

/// Refuses chains of plain `$ref`s that come back to themselves.
fn check_reference_chains(schemas: &[Schema]) -> Result<(), ReadError> {
    let mut settled = vec![false; schemas.len()];
    for start in 0..schemas.len() {
        let mut seen = BTreeSet::new();
        let mut current = start;
        while let SchemaKind::Ref(target) = schemas[current].kind {
            if settled[current] {
                break;
            }
            if !seen.insert(current) {
                return Err(SpecError::RefCycle {
                    at: schemas[start].location.clone(),
                    reference: schemas[current].location.to_string(),
                }
                .into());
            }
            current = target.0;
        }
        for id in seen {
            settled[id] = true;
        }
    }
    Ok(())
}
