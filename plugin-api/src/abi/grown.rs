use std::mem::MaybeUninit;

use super::{
    DESCRIPTOR_V1_SIZE, HOST_API_V1_SIZE, HostApi, PluginDescriptor, PluginVtable, VTABLE_V1_SIZE,
};

/// A `#[repr(C)]` struct that grows at its end within one ABI version and
/// records, in its first field, how many bytes of it the writer knew.
///
/// # Safety
///
/// Implementors are `#[repr(C)]`, start with a `usize` holding their size,
/// and every field accepts the all-zero bit pattern (integers, raw pointers,
/// `Option` of function pointers, [`RStr`](super::RStr)), which reads as
/// "absent". Every field is either 8-byte aligned and a multiple of 8 bytes,
/// or shares an 8-byte slot only with fields of the same layout generation.
pub unsafe trait Grown: Sized {
    /// The size of the first layout of this struct in ABI version 1.
    const V1_SIZE: usize;
}

// SAFETY: `#[repr(C)]`, starts with `size: usize`, every field is a
// `usize`, a raw pointer, an `RStr`, an `Option<fn>` or a trailing `u32`.
unsafe impl Grown for PluginDescriptor {
    const V1_SIZE: usize = DESCRIPTOR_V1_SIZE;
}

// SAFETY: `#[repr(C)]`, starts with `size: usize`, every other field is an
// `Option<fn>`.
unsafe impl Grown for PluginVtable {
    const V1_SIZE: usize = VTABLE_V1_SIZE;
}

// SAFETY: `#[repr(C)]`, starts with `size: usize`; the fields are a raw
// pointer, `RStr`s, two `u32`s sharing one slot, and `Option<fn>`s.
unsafe impl Grown for HostApi {
    const V1_SIZE: usize = HOST_API_V1_SIZE;
}

/// Copies a [`Grown`] struct written by the other side of the boundary,
/// whatever layout generation it has: fields the writer did not know read as
/// zero (absent), fields this side does not know are ignored.
///
/// # Errors
///
/// A message to follow "the struct ..." when `ptr` is null, or its size is
/// smaller than the first layout of ABI version 1 or not a multiple of 8.
///
/// # Safety
///
/// `ptr` must be null or point to memory readable as far as the struct's
/// leading `size` field claims, laid out as the ABI says.
pub unsafe fn read_grown<T: Grown>(ptr: *const T) -> Result<T, String> {
    if ptr.is_null() {
        return Err("is a null pointer".to_owned());
    }
    // SAFETY: non-null, and every `Grown` struct starts with its size.
    let size = unsafe { ptr.cast::<usize>().read() };
    if size < T::V1_SIZE {
        return Err(format!(
            "claims {size} bytes but ABI version {} needs at least {}",
            super::ABI_VERSION,
            T::V1_SIZE
        ));
    }
    if size % 8 != 0 {
        return Err(format!("claims {size} bytes, which is not a multiple of 8"));
    }
    let mut copy = MaybeUninit::<T>::zeroed();
    let known = size.min(size_of::<T>());
    // SAFETY: the caller makes `known <= size` bytes at `ptr` readable; the
    // destination has `size_of::<T>() >= known` bytes; they cannot overlap.
    unsafe { std::ptr::copy_nonoverlapping(ptr.cast::<u8>(), copy.as_mut_ptr().cast(), known) };
    // SAFETY: every field is either copied whole (sizes are multiples of 8
    // and fields do not straddle 8-byte slots across generations) from a
    // valid value, or zero, which `Grown` makes valid.
    Ok(unsafe { copy.assume_init() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_layouts_keep_their_sizes() {
        assert_eq!(DESCRIPTOR_V1_SIZE, 144);
        assert_eq!(VTABLE_V1_SIZE, 80);
        assert_eq!(HOST_API_V1_SIZE, 72);
    }

    #[test]
    #[cfg(target_pointer_width = "64")]
    fn grown_layouts_have_the_offsets_docs_abi_md_gives() {
        use std::mem::offset_of;

        use crate::abi::HookDescriptor;

        let descriptor = [
            offset_of!(PluginDescriptor, services),
            offset_of!(PluginDescriptor, service_count),
            offset_of!(PluginDescriptor, subscriptions),
            offset_of!(PluginDescriptor, subscription_count),
            offset_of!(PluginDescriptor, hooks),
            offset_of!(PluginDescriptor, hook_count),
            offset_of!(PluginDescriptor, flags),
            size_of::<PluginDescriptor>(),
        ];
        assert_eq!(descriptor, [144, 152, 160, 168, 176, 184, 192, 200]);
        let vtable = [
            offset_of!(PluginVtable, save_state),
            offset_of!(PluginVtable, restore_state),
            offset_of!(PluginVtable, on_event),
            offset_of!(PluginVtable, on_hook),
            offset_of!(PluginVtable, serve),
            size_of::<PluginVtable>(),
        ];
        assert_eq!(vtable, [80, 88, 96, 104, 112, 120]);
        assert_eq!(
            [offset_of!(HostApi, publish), size_of::<HostApi>()],
            [72, 80]
        );
        let hook = [
            offset_of!(HookDescriptor, name),
            offset_of!(HookDescriptor, priority),
            offset_of!(HookDescriptor, flags),
            size_of::<HookDescriptor>(),
        ];
        assert_eq!(hook, [0, 16, 20, 24]);
    }

    #[test]
    fn a_first_layout_vtable_reads_with_absent_later_entries() {
        #[repr(C)]
        struct Old {
            size: usize,
            entries: [usize; 9],
        }
        let old = Old {
            size: VTABLE_V1_SIZE,
            entries: [0; 9],
        };
        // SAFETY: `old` is readable for the 80 bytes it claims.
        let read = unsafe { read_grown::<PluginVtable>((&raw const old).cast()) }.unwrap();
        assert_eq!(read.size, VTABLE_V1_SIZE);
        assert!(read.serve.is_none() && read.save_state.is_none());
    }

    #[test]
    fn sizes_below_the_first_layout_or_unaligned_are_refused() {
        let short = [40usize, 0, 0, 0, 0, 0];
        // SAFETY: the buffer covers the 40 bytes claimed.
        let error = unsafe { read_grown::<PluginVtable>(short.as_ptr().cast()) }
            .err()
            .unwrap();
        assert!(error.contains("at least 80"), "{error}");
        let mut odd = [0usize; 12];
        odd[0] = 84;
        // SAFETY: the buffer covers the 84 bytes claimed.
        let error = unsafe { read_grown::<PluginVtable>(odd.as_ptr().cast()) }
            .err()
            .unwrap();
        assert!(error.contains("multiple of 8"), "{error}");
    }
}
