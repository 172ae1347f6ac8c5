//! Reads a foreign descriptor into checked, owned data. Nothing here calls
//! into the library.

use plugin_api::abi::{
    self, DEPENDENCY_OPTIONAL, HookDescriptor, PLUGIN_UNLOAD_SAFE, PluginDescriptor, PluginVtable,
    RStr,
};
use semver::{Version, VersionReq};

use crate::names::check_plugin_name;
use crate::vtable::Vtable;
use crate::{
    Dependency, HookSubscription, LoadError, PluginInfo, PluginSource, check_channel_name,
    check_subscription,
};

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
    // SAFETY: the caller's contract: null, or readable as far as `size` says.
    let d = unsafe { abi::read_grown(descriptor) }
        .map_err(|problem| malformed(format!("descriptor #{index} {problem}")))?;

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

    // SAFETY: the library promises `service_count` strings there.
    let raw_services = unsafe { list(d.services, d.service_count) }
        .map_err(|problem| malformed(format!("{whose} has a service list that {problem}")))?;
    let services = channels(
        raw_services,
        |s| field(*s, "service name"),
        |n| match n {
            Ok(n) => check_channel_name(n)
                .map_err(|e| malformed(format!("{whose} provides a service with an {e}"))),
            Err(n) => Err(malformed(format!("{whose} lists service '{n}' twice"))),
        },
    )?;
    // SAFETY: the library promises `subscription_count` strings there.
    let raw_subscriptions = unsafe { list(d.subscriptions, d.subscription_count) }
        .map_err(|problem| malformed(format!("{whose} has a subscription list that {problem}")))?;
    let subscriptions = channels(
        raw_subscriptions,
        |s| field(*s, "subscription"),
        |n| match n {
            Ok(n) => check_subscription(n)
                .map_err(|e| malformed(format!("{whose} subscribes with an {e}"))),
            Err(n) => Err(malformed(format!("{whose} lists subscription '{n}' twice"))),
        },
    )?;
    // SAFETY: the library promises `hook_count` hook descriptors there.
    let raw_hooks: &[HookDescriptor] = unsafe { list(d.hooks, d.hook_count) }
        .map_err(|problem| malformed(format!("{whose} has a hook list that {problem}")))?;
    let hook_names = channels(
        raw_hooks,
        |h| field(h.name, "hook point name"),
        |n| match n {
            Ok(n) => check_channel_name(n)
                .map_err(|e| malformed(format!("{whose} takes part in a hook point with an {e}"))),
            Err(n) => Err(malformed(format!("{whose} lists hook point '{n}' twice"))),
        },
    )?;
    let hooks: Vec<HookSubscription> = hook_names
        .into_iter()
        .zip(raw_hooks)
        .map(|(point, raw)| HookSubscription {
            point,
            priority: raw.priority,
        })
        .collect();
    let unknown = d.flags & !PLUGIN_UNLOAD_SAFE;
    if unknown != 0 {
        return Err(malformed(format!(
            "{whose} sets descriptor flag bits {unknown:#x} that this host does not know"
        )));
    }

    // SAFETY: the vtable pointer comes from the descriptor and, per the ABI,
    // leads to static data of the library.
    let vtable = unsafe { read_vtable(d.vtable) }
        .map_err(|problem| malformed(format!("{whose} has a vtable that {problem}")))?;
    for (declared, entry, what) in [
        (
            !services.is_empty(),
            vtable.serve.is_some(),
            "provides services but its vtable has no 'serve' entry",
        ),
        (
            !subscriptions.is_empty(),
            vtable.on_event.is_some(),
            "subscribes to events but its vtable has no 'on_event' entry",
        ),
        (
            !hooks.is_empty(),
            vtable.on_hook.is_some(),
            "takes part in hook points but its vtable has no 'on_hook' entry",
        ),
    ] {
        if declared && !entry {
            return Err(malformed(format!("{whose} {what} (a null pointer)")));
        }
    }

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
        services,
        subscriptions,
        hooks,
        unload_safe: d.flags & PLUGIN_UNLOAD_SAFE != 0,
        source: origin.clone(),
    };
    Ok(Inspected { info, vtable })
}

/// The names of `raw`, read with `read` and each checked with `check`; a
/// name listed twice is refused through `check` with a message for it.
fn channels<T>(
    raw: &[T],
    read: impl Fn(&T) -> Result<String, LoadError>,
    check: impl Fn(Result<&str, &str>) -> Result<(), LoadError>,
) -> Result<Vec<String>, LoadError> {
    let mut names: Vec<String> = Vec::with_capacity(raw.len());
    for entry in raw {
        let name = read(entry)?;
        if names.contains(&name) {
            check(Err(&name))?;
        }
        check(Ok(&name))?;
        names.push(name);
    }
    Ok(names)
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
    // SAFETY: the caller's contract: null, or readable as far as `size` says.
    let v = unsafe { abi::read_grown(vtable) }?;
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
        save_state: v.save_state,
        restore_state: v.restore_state,
        on_event: v.on_event,
        on_hook: v.on_hook,
        serve: v.serve,
    })
}
