//! The offsets docs/abi.md gives for the hot reload entries (section 11),
//! on 64-bit targets.

#![cfg(target_pointer_width = "64")]

use std::mem::offset_of;

use plugin_api::abi::{PLUGIN_UNLOAD_SAFE, PluginDescriptor, PluginVtable};

#[test]
fn the_hot_reload_entries_are_where_the_specification_says() {
    assert_eq!(offset_of!(PluginVtable, save_state), 80);
    assert_eq!(offset_of!(PluginVtable, restore_state), 88);
    assert_eq!(offset_of!(PluginDescriptor, flags), 192);
    assert_eq!(PLUGIN_UNLOAD_SAFE, 1);
}
