//! Hook points: named places in the host where active plugins run in
//! priority order, each able to replace the payload or stop the chain.

use std::sync::{Arc, PoisonError};

use serde::Serialize;
use serde::de::{DeserializeOwned, IgnoredAny};

use super::{Hub, HubError};
use crate::{InvalidChannelName, PluginHandle, check_channel_name};

/// What running a hook point did.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct HookOutcome<T = Vec<u8>> {
    /// The payload as the last plugin left it (the host's own if none
    /// replaced it).
    pub payload: T,
    /// The plugin that stopped the chain, if one did.
    pub stopped_by: Option<String>,
    /// The plugins that ran, in order.
    pub ran: Vec<String>,
}

impl Hub {
    /// Declares hook point `name`, so that plugins taking part in it run
    /// when the host runs it. Returns whether it was new.
    ///
    /// # Errors
    ///
    /// [`InvalidChannelName`] if the name breaks the naming rules.
    pub fn declare_hook_point(&self, name: &str) -> Result<bool, InvalidChannelName> {
        check_channel_name(name)?;
        Ok(self
            .hook_points
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(name.to_owned()))
    }

    /// The hook points the host declares, by name.
    pub fn hook_points(&self) -> Vec<String> {
        self.hook_points
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .iter()
            .cloned()
            .collect()
    }

    /// The registered plugins taking part in hook point `point`, with their
    /// priorities, in the order they run: lower priority first, equal
    /// priorities by plugin name.
    pub fn participants(&self, point: &str) -> Vec<(String, i32)> {
        self.chain(point)
            .into_iter()
            .map(|(name, priority, _)| (name, priority))
            .collect()
    }

    /// Runs hook point `point` on `payload`: every active plugin taking part
    /// runs in turn (see [`participants`](Self::participants)) and sees the
    /// payload as the plugins before it left it; any of them may replace it
    /// or stop the chain. Returns the final payload read back as `T`.
    ///
    /// ```no_run
    /// # let host = plugin_host::Host::builder("1.0.0".parse().unwrap())
    /// #     .hook_point("pre_parse").unwrap()
    /// #     .build();
    /// let outcome = host.hub().run_hook("pre_parse", &"  some input ".to_owned())?;
    /// println!("{} after {:?}", outcome.payload, outcome.ran);
    /// # Ok::<(), plugin_host::HubError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`HubError::UnknownHookPoint`] if the host does not declare `point`;
    /// [`HubError::Hook`] when a plugin fails, which stops the chain (a
    /// plugin running on this thread already is refused with
    /// [`CallError::Reentrant`](crate::CallError::Reentrant) and fails the
    /// same way); [`HubError::HookPayload`] when a plugin's replacement is
    /// not JSON, or the final payload not a `T`; [`HubError::Json`] if
    /// `payload` cannot be serialized.
    pub fn run_hook<T: Serialize + DeserializeOwned>(
        &self,
        point: &str,
        payload: &T,
    ) -> Result<HookOutcome<T>, HubError> {
        let json = serde_json::to_vec(payload).map_err(|source| HubError::Json {
            what: format!("the payload of hook point '{point}'"),
            source,
        })?;
        let (outcome, replaced_by) = self.run_chain(point, json)?;
        let payload =
            serde_json::from_slice(&outcome.payload).map_err(|source| HubError::HookPayload {
                point: point.to_owned(),
                plugin: replaced_by.unwrap_or_else(|| "none (the host's own payload)".to_owned()),
                source,
            })?;
        Ok(HookOutcome {
            payload,
            stopped_by: outcome.stopped_by,
            ran: outcome.ran,
        })
    }

    /// Runs hook point `point` on a payload that is JSON already; see
    /// [`run_hook`](Self::run_hook).
    ///
    /// # Errors
    ///
    /// As [`run_hook`](Self::run_hook), and [`HubError::Json`] if `payload`
    /// is not JSON.
    pub fn run_hook_raw(&self, point: &str, payload: &[u8]) -> Result<HookOutcome, HubError> {
        serde_json::from_slice::<IgnoredAny>(payload).map_err(|source| HubError::Json {
            what: format!("the payload of hook point '{point}'"),
            source,
        })?;
        self.run_chain(point, payload.to_vec())
            .map(|(outcome, _)| outcome)
    }

    /// Runs the chain; also returns the plugin that replaced the payload
    /// last, if any.
    fn run_chain(
        &self,
        point: &str,
        mut payload: Vec<u8>,
    ) -> Result<(HookOutcome, Option<String>), HubError> {
        if !self
            .hook_points
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .contains(point)
        {
            return Err(HubError::UnknownHookPoint {
                point: point.to_owned(),
                declared: self.hook_points(),
            });
        }
        let mut ran = Vec::new();
        let mut replaced_by = None;
        for (name, _, handle) in self.chain(point) {
            let result = handle
                .try_with(|instance| instance.run_hook(point, &payload))
                .and_then(|flow| flow);
            let flow = match result {
                Ok(flow) => flow,
                Err(error) => {
                    return Err(HubError::Hook {
                        point: point.to_owned(),
                        source: Box::new(self.note_plugin_error(&name, error)),
                        plugin: name,
                    });
                }
            };
            ran.push(name.clone());
            let stops = flow.stops();
            if let Some(replacement) = flow.into_replacement() {
                serde_json::from_slice::<IgnoredAny>(&replacement).map_err(|source| {
                    HubError::HookPayload {
                        point: point.to_owned(),
                        plugin: name.clone(),
                        source,
                    }
                })?;
                payload = replacement;
                replaced_by = Some(name.clone());
            }
            if stops {
                let outcome = HookOutcome {
                    payload,
                    stopped_by: Some(name),
                    ran,
                };
                return Ok((outcome, replaced_by));
            }
        }
        let outcome = HookOutcome {
            payload,
            stopped_by: None,
            ran,
        };
        Ok((outcome, replaced_by))
    }

    /// The registered participants of `point` in running order.
    fn chain(&self, point: &str) -> Vec<(String, i32, Arc<PluginHandle>)> {
        let mut chain: Vec<(String, i32, Arc<PluginHandle>)> = self
            .registry
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .plugins
            .iter()
            .flat_map(|(name, r)| {
                r.hooks
                    .iter()
                    .filter(|h| h.point == point)
                    .map(|h| (name.clone(), h.priority, Arc::clone(&r.handle)))
            })
            .collect();
        chain.sort_by(|a, b| (a.1, &a.0).cmp(&(b.1, &b.0)));
        chain
    }
}
