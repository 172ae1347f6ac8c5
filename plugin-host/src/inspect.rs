//! Reads a foreign descriptor into checked, owned data. Nothing here calls
//! into the library.

use plugin_api::abi::{self, DEPENDENCY_OPTIONAL, PluginDescriptor, PluginVtable, RStr};
use semver::{Version, VersionReq};

use crate::names::check_plugin_name;
use crate::vtable::Vtable;
use crate::{Dependency, LoadError, PluginInfo, PluginSource};

/// More entries than any real plugin has; a larger count means garbage.
const MAX_LIST_LEN: usize = 4096;

/// A checked descriptor.
pub(crate) struct Inspected {
    pub(crate) info: PluginInfo,
    pub(crate) vtable: Vtable,
}

/// Reads and checks the descriptor at `descriptor`.
///
/// # Safety
///
/// `descriptor` must be null or point to memory of the library that stays
/// mapped while this runs, laid out as the ABI says as far as the descriptor's
/// `size` field claims.
pub(crate) unsafe fn inspect(
    descriptor: *const PluginDescriptor,
    index: usize,
    origin: &PluginSource,
) -> Result<Inspected, LoadError> {
    let malformed = |reason: String| LoadError::Malformed {
        origin: origin.clone(),
        reason,
    };
    if descriptor.is_null() {
        return Err(malformed(format!("descriptor #{index} is a null pointer")));
    }
    // SAFETY: non-null, and every descriptor starts with its `size`, which
    // the caller's contract makes readable.
    let size = unsafe { (&raw const (*descriptor).size).read() };
    if size < size_of::<PluginDescriptor>() {
        return Err(malformed(format!(
            "descriptor #{index} claims {size} bytes but ABI version {} descriptors have at least {}",
            abi::ABI_VERSION,
            size_of::<PluginDescriptor>()
        )));
    }
    // SAFETY: `size` covers the whole struct as this host knows it.
    let d = unsafe { &*descriptor };

    let name = text(d.name, &format!("descriptor #{index}"), "name").map_err(malformed)?;
    check_plugin_name(&name).map_err(|e| malformed(format!("descriptor #{index}: {e}")))?;
    let whose = format!("plugin '{name}'");
    let field = |s: RStr<'_>, field: &str| text(s, &whose, field).map_err(malformed);

    let version = field(d.version, "version")?;
    let version = Version::parse(&version).map_err(|e| {
        malformed(format!(
            "{whose} has the version '{version}', which is not semver ({e})"
        ))
    })?;
    let requires = field(d.requires, "requires")?;
    let requires = VersionReq::parse(&requires).map_err(|e| {
        malformed(format!("{whose} requires host '{requires}', which is not a semver requirement ({e}); \"*\" means any"))
    })?;

    // SAFETY: the library promises `dependency_count` descriptors there.
    let raw_dependencies = unsafe { list(d.dependencies, d.dependency_count) }
        .map_err(|problem| malformed(format!("{whose} has a dependency list that {problem}")))?;
    let mut dependencies = Vec::with_capacity(raw_dependencies.len());
    for dependency in raw_dependencies {
        let dep_name = field(dependency.name, "dependency name")?;
        let requirement = field(dependency.requirement, "dependency requirement")?;
        let requirement = VersionReq::parse(&requirement).map_err(|e| {
            malformed(format!("{whose} needs '{dep_name}' at '{requirement}', which is not a semver requirement ({e})"))
        })?;
        let unknown = dependency.flags & !DEPENDENCY_OPTIONAL;
        if unknown != 0 {
            return Err(malformed(format!(
                "{whose} marks its dependency '{dep_name}' with flag bits {unknown:#x} that this host does not know"
            )));
        }
        dependencies.push(Dependency {
            name: dep_name,
            requirement,
            optional: dependency.flags & DEPENDENCY_OPTIONAL != 0,
        });
    }

    // SAFETY: the library promises `conflict_count` strings there.
    let raw_conflicts = unsafe { list(d.conflicts, d.conflict_count) }
        .map_err(|problem| malformed(format!("{whose} has a conflict list that {problem}")))?;
    let conflicts = raw_conflicts
        .iter()
        .map(|c| field(*c, "conflict"))
        .collect::<Result<Vec<_>, _>>()?;

    // SAFETY: the vtable pointer comes from the descriptor and, per the ABI,
    // leads to static data of the library.
    let vtable = unsafe { read_vtable(d.vtable) }
        .map_err(|problem| malformed(format!("{whose} has a vtable that {problem}")))?;

    let info = PluginInfo {
        name,
        version,
        description: field(d.description, "description")?,
        authors: field(d.authors, "authors")?
            .split(':')
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(String::from)
            .collect(),
        license: field(d.license, "license")?,
        requires,
        dependencies,
        conflicts,
        source: origin.clone(),
    };
    Ok(Inspected { info, vtable })
}

fn text(s: RStr<'_>, whose: &str, field: &str) -> Result<String, String> {
    s.to_str()
        .map(str::to_owned)
        .map_err(|e| format!("{whose} has a {field} that is unreadable: {e}"))
}

/// # Safety
///
/// Unless null or `len` is zero, `ptr` must point to `len` readable `T`s that
/// live as long as `'a`.
pub(crate) unsafe fn list<'a, T>(ptr: *const T, len: usize) -> Result<&'a [T], String> {
    if len == 0 {
        return Ok(&[]);
    }
    if ptr.is_null() {
        return Err(format!("is a null pointer with {len} entries"));
    }
    if len > MAX_LIST_LEN {
        return Err(format!(
            "claims {len} entries, more than the limit of {MAX_LIST_LEN}"
        ));
    }
    // SAFETY: non-null with a plausible length, and the caller's contract.
    Ok(unsafe { std::slice::from_raw_parts(ptr, len) })
}

/// # Safety
///
/// `vtable` must be null or point to a vtable readable as far as its `size`
/// field claims, living as long as the library.
unsafe fn read_vtable(vtable: *const PluginVtable) -> Result<Vtable, String> {
    if vtable.is_null() {
        return Err("is a null pointer".into());
    }
    // SAFETY: non-null; every vtable starts with its `size`.
    let size = unsafe { (&raw const (*vtable).size).read() };
    if size < size_of::<PluginVtable>() {
        return Err(format!(
            "claims {size} bytes but ABI version {} vtables have at least {}",
            abi::ABI_VERSION,
            size_of::<PluginVtable>()
        ));
    }
    // SAFETY: `size` covers the whole struct as this host knows it.
    let v = unsafe { &*vtable };
    let missing = |entry: &str| format!("has no '{entry}' entry (a null pointer)");
    Ok(Vtable {
        create: v.create.ok_or_else(|| missing("create"))?,
        destroy: v.destroy.ok_or_else(|| missing("destroy"))?,
        install: v.install.ok_or_else(|| missing("install"))?,
        activate: v.activate.ok_or_else(|| missing("activate"))?,
        deactivate: v.deactivate.ok_or_else(|| missing("deactivate"))?,
        uninstall: v.uninstall.ok_or_else(|| missing("uninstall"))?,
        config_changed: v.config_changed.ok_or_else(|| missing("config_changed"))?,
        call: v.call.ok_or_else(|| missing("call"))?,
        describe_config: v
            .describe_config
            .ok_or_else(|| missing("describe_config"))?,
    })
}
