//! The traits behind the layout locks of `#[record(...)]`.
//!
//! A lock `size = 12` expands to a call `lock_size::<Point, 12, ACTUAL>()`
//! whose bound holds only when the two numbers are equal; when it fails,
//! `#[diagnostic::on_unimplemented]` prints the type and both numbers.

/// Holds when `EXPECTED == ACTUAL` (the `size = N` lock).
#[diagnostic::on_unimplemented(
    message = "layout lock failed: `{R}` is {ACTUAL} bytes, but `#[record(size = {EXPECTED})]` expects {EXPECTED}",
    label = "`size_of::<{R}>()` is {ACTUAL}",
    note = "if the new layout is intended, change the lock to `size = {ACTUAL}`"
)]
pub trait SizeLock<R: ?Sized, const EXPECTED: usize, const ACTUAL: usize> {}
impl<R: ?Sized, const N: usize> SizeLock<R, N, N> for () {}

/// Holds when `EXPECTED == ACTUAL` (the `align = N` lock).
#[diagnostic::on_unimplemented(
    message = "layout lock failed: `{R}` has alignment {ACTUAL}, but `#[record(align = {EXPECTED})]` expects {EXPECTED}",
    label = "`align_of::<{R}>()` is {ACTUAL}",
    note = "if the new layout is intended, change the lock to `align = {ACTUAL}`"
)]
pub trait AlignLock<R: ?Sized, const EXPECTED: usize, const ACTUAL: usize> {}
impl<R: ?Sized, const N: usize> AlignLock<R, N, N> for () {}

/// Holds when `EXPECTED == ACTUAL` (the `fixed_size = N` lock).
#[diagnostic::on_unimplemented(
    message = "layout lock failed: `{R}` is {ACTUAL} bytes, but `#[record(fixed_size = {EXPECTED})]` expects {EXPECTED}",
    label = "`size_of::<{R}>()` is {ACTUAL}",
    note = "if the new layout is intended, change the lock to `fixed_size = {ACTUAL}`"
)]
pub trait FixedSizeLock<R: ?Sized, const EXPECTED: usize, const ACTUAL: usize> {}
impl<R: ?Sized, const N: usize> FixedSizeLock<R, N, N> for () {}

/// Holds when `EXPECTED == ACTUAL` (the `packed_size = N` lock).
#[diagnostic::on_unimplemented(
    message = "layout lock failed: `{R}` is {ACTUAL} bytes, but `#[record(packed_size = {EXPECTED})]` expects {EXPECTED}",
    label = "`size_of::<{R}>()` is {ACTUAL}",
    note = "if the new layout is intended, change the lock to `packed_size = {ACTUAL}`"
)]
pub trait PackedSizeLock<R: ?Sized, const EXPECTED: usize, const ACTUAL: usize> {}
impl<R: ?Sized, const N: usize> PackedSizeLock<R, N, N> for () {}

/// Holds when `EXPECTED == ACTUAL` (the `bits_size = N` lock).
#[diagnostic::on_unimplemented(
    message = "layout lock failed: `{R}` is {ACTUAL} bytes, but `#[record(bits_size = {EXPECTED})]` expects {EXPECTED}",
    label = "`size_of::<{R}>()` is {ACTUAL}",
    note = "if the new layout is intended, change the lock to `bits_size = {ACTUAL}`"
)]
pub trait BitsSizeLock<R: ?Sized, const EXPECTED: usize, const ACTUAL: usize> {}
impl<R: ?Sized, const N: usize> BitsSizeLock<R, N, N> for () {}

/// Checks the `size = N` lock.
pub const fn lock_size<R: ?Sized, const E: usize, const A: usize>()
where
    (): SizeLock<R, E, A>,
{
}

/// Checks the `align = N` lock.
pub const fn lock_align<R: ?Sized, const E: usize, const A: usize>()
where
    (): AlignLock<R, E, A>,
{
}

/// Checks the `fixed_size = N` lock.
pub const fn lock_fixed_size<R: ?Sized, const E: usize, const A: usize>()
where
    (): FixedSizeLock<R, E, A>,
{
}

/// Checks the `packed_size = N` lock.
pub const fn lock_packed_size<R: ?Sized, const E: usize, const A: usize>()
where
    (): PackedSizeLock<R, E, A>,
{
}

/// Checks the `bits_size = N` lock.
pub const fn lock_bits_size<R: ?Sized, const E: usize, const A: usize>()
where
    (): BitsSizeLock<R, E, A>,
{
}
