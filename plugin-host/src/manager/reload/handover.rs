//! Moving a library's plugins from their old instances to new ones, with
//! their state, under the handles' locks so that no call sees a plugin half
//! swapped; or, if a step fails, putting the old instances back as they were.

use std::sync::Arc;
use std::time::{Duration, Instant};

use super::ReloadStep;
use crate::{CallError, Instance, Phase, PluginHandle};

/// One plugin to move: its handle and the new instance (created, assumed
/// installed).
pub(super) struct Move {
    pub(super) name: String,
    pub(super) handle: Arc<PluginHandle>,
    pub(super) successor: Instance,
}

/// What the hand-over did for one plugin.
#[derive(Debug)]
pub(super) struct Moved {
    pub(super) state_bytes: usize,
}

/// Why a hand-over failed; everything was put back except the old instances
/// in `not_reactivated`.
#[derive(Debug)]
pub(super) struct HandoverError {
    pub(super) plugin: String,
    pub(super) step: ReloadStep,
    pub(super) source: CallError,
    /// Whether the failing call ran on the old instance (the old build).
    pub(super) on_old: bool,
    pub(super) not_reactivated: Vec<(String, CallError)>,
}

/// Hands every plugin in `moves` over to its successor. `moves` is ordered
/// so that each plugin comes before the plugins it needs: the old instances
/// save their state and are deactivated in that order, the new ones restore
/// the state and are activated (if the old one was active) in the reverse
/// order, so that a plugin never runs without what it needs. Calls wait
/// while this runs, then go to the new instances.
/// Also returns how long calls were held.
pub(super) fn hand_over(moves: Vec<Move>) -> Result<(Vec<Moved>, Duration), Box<HandoverError>> {
    let handles: Vec<Arc<PluginHandle>> = moves.iter().map(|m| Arc::clone(&m.handle)).collect();
    let handle_refs: Vec<&PluginHandle> = handles.iter().map(Arc::as_ref).collect();
    let mut moved = Vec::new();
    let mut locked_at = None;
    PluginHandle::replace(&handle_refs, |olds| {
        locked_at = Some(Instant::now());
        let (successors, done) = swap_in(olds, moves)?;
        moved = done;
        Ok::<_, Box<HandoverError>>(successors)
    })?;
    let pause = locked_at.map_or(Duration::ZERO, |at| at.elapsed());
    Ok((moved, pause))
}

fn swap_in(
    olds: &mut [&mut Instance],
    moves: Vec<Move>,
) -> Result<(Vec<Instance>, Vec<Moved>), Box<HandoverError>> {
    let mut names = Vec::with_capacity(moves.len());
    let mut news = Vec::with_capacity(moves.len());
    for step in moves {
        names.push(step.name);
        news.push(step.successor);
    }

    let mut states: Vec<Vec<u8>> = Vec::with_capacity(names.len());
    let mut deactivated: Vec<usize> = Vec::new();
    for index in 0..olds.len() {
        // A failed instance has no state to give and cannot be deactivated.
        if olds[index].failure().is_some() {
            states.push(Vec::new());
            continue;
        }
        let old = &mut *olds[index];
        let result = old.save_state().map(|state| states.push(state));
        let result = result
            .map_err(|e| (ReloadStep::SaveState, e))
            .and_then(|()| {
                if old.phase() != Phase::Active {
                    return Ok(());
                }
                // A failed deactivate still ends the active phase, so the
                // instance is put back like the ones deactivated before it.
                deactivated.push(index);
                old.deactivate().map_err(|e| (ReloadStep::Deactivate, e))
            });
        if let Err((step, source)) = result {
            return Err(Box::new(HandoverError {
                plugin: names[index].clone(),
                step,
                source,
                on_old: true,
                not_reactivated: reactivate(olds, &deactivated, &names),
            }));
        }
    }

    let mut activated: Vec<usize> = Vec::new();
    for index in (0..news.len()).rev() {
        let new = &mut news[index];
        let mut result = new
            .restore_state(&states[index])
            .map_err(|e| (ReloadStep::RestoreState, e));
        if result.is_ok() && deactivated.contains(&index) {
            result = new.activate().map_err(|e| (ReloadStep::Activate, e));
            activated.push(index);
        }
        if let Err((step, source)) = result {
            for &done in activated.iter().rev() {
                // The new build is dropped; its deactivate hook still runs
                // so that it can let go of what its activate started.
                if news[done].phase() == Phase::Active {
                    let _ = news[done].deactivate();
                }
            }
            drop(news);
            return Err(Box::new(HandoverError {
                plugin: names[index].clone(),
                step,
                source,
                on_old: false,
                not_reactivated: reactivate(olds, &deactivated, &names),
            }));
        }
    }
    let moved = states
        .iter()
        .map(|state| Moved {
            state_bytes: state.len(),
        })
        .collect();
    Ok((news, moved))
}

/// Activates again the old instances in `deactivated` (dependencies first,
/// the reverse of the order they were deactivated in) and returns those
/// that refused.
fn reactivate(
    olds: &mut [&mut Instance],
    deactivated: &[usize],
    names: &[String],
) -> Vec<(String, CallError)> {
    let mut refused = Vec::new();
    for &index in deactivated.iter().rev() {
        if let Err(e) = olds[index].activate() {
            refused.push((names[index].clone(), e));
        }
    }
    refused
}
