//! The binary's allocator: mimalloc, asked for plain blocks where a plain block is
//! aligned enough.

/// Extraction makes and drops many small strings and vectors per document; mimalloc's
/// thread-local free lists cut a run by 6-8% against glibc's malloc. Built without
/// transparent huge pages: with them, the kernel's page compaction added up to 0.15 s of
/// system time to some runs of 0.7 s.
///
/// Called directly rather than through the `mimalloc` crate, whose allocator asks for
/// every block by its alignment: mimalloc's aligned entry point costs about three times
/// its plain one, and nearly every Rust allocation needs no more alignment than a plain
/// block has.
pub struct MiMalloc;

/// What every plain mimalloc block of at least this size is aligned to (mimalloc's
/// `MI_MAX_ALIGN_SIZE`, asserted for each block it hands out); smaller blocks are
/// aligned to the word.
const PLAIN_ALIGN: usize = 16;

impl MiMalloc {
    /// A plain block serves a layout when its alignment is what mimalloc gives any
    /// block of that size (the rule `std`'s system allocator applies to `malloc`).
    fn plain(align: usize, size: usize) -> bool {
        align <= PLAIN_ALIGN && align <= size
    }
}

// SAFETY: every pointer comes from mimalloc and goes back to it; a layout whose
// alignment a plain block might not meet takes mimalloc's aligned entry points.
unsafe impl std::alloc::GlobalAlloc for MiMalloc {
    #[inline]
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        if Self::plain(layout.align(), layout.size()) {
            unsafe { libmimalloc_sys::mi_malloc(layout.size()).cast() }
        } else {
            unsafe { libmimalloc_sys::mi_malloc_aligned(layout.size(), layout.align()).cast() }
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: std::alloc::Layout) -> *mut u8 {
        if Self::plain(layout.align(), layout.size()) {
            unsafe { libmimalloc_sys::mi_zalloc(layout.size()).cast() }
        } else {
            unsafe { libmimalloc_sys::mi_zalloc_aligned(layout.size(), layout.align()).cast() }
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: std::alloc::Layout) {
        unsafe { libmimalloc_sys::mi_free(ptr.cast()) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, new_size: usize) -> *mut u8 {
        if Self::plain(layout.align(), new_size) {
            unsafe { libmimalloc_sys::mi_realloc(ptr.cast(), new_size).cast() }
        } else {
            unsafe { libmimalloc_sys::mi_realloc_aligned(ptr.cast(), new_size, layout.align()).cast() }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::alloc::{GlobalAlloc, Layout};

    use super::*;

    #[test]
    fn every_block_is_aligned_as_its_layout_asks() {
        for align in [1, 2, 4, 8, 16, 32, 64, 4096] {
            for size in [1, 3, 8, 12, 16, 24, 40, 100, 1000, 70_000] {
                let layout = Layout::from_size_align(size, align).unwrap();
                // SAFETY: the layout has a non-zero size; each block is freed once.
                unsafe {
                    let p = MiMalloc.alloc(layout);
                    assert!(!p.is_null() && (p as usize).is_multiple_of(align), "alloc {size} bytes at {align}");
                    let q = MiMalloc.realloc(p, layout, size * 3);
                    assert!(
                        !q.is_null() && (q as usize).is_multiple_of(align),
                        "realloc to {} bytes at {align}",
                        size * 3
                    );
                    MiMalloc.dealloc(q, Layout::from_size_align(size * 3, align).unwrap());
                    let z = MiMalloc.alloc_zeroed(layout);
                    assert!(
                        (z as usize).is_multiple_of(align)
                            && std::slice::from_raw_parts(z, size).iter().all(|&b| b == 0)
                    );
                    MiMalloc.dealloc(z, layout);
                }
            }
        }
    }
}
