//! The structure-of-arrays container: one `Vec` per field.
//!
//! `#[derive(CompactRecord)]` on `Point { x, y, z }` generates `PointSoa`, a
//! thin newtype around [`Soa<Point>`] that dereferences to it, plus the row
//! views `PointRef<'a>` (`x: &'a i32`, ...) and `PointMut<'a>`
//! (`x: &'a mut i32`, ...). All the container logic lives here, written once
//! for every record; the derive only maps the record to its columns
//! ([`SoaRecord`]).
//!
//! ```
//! use compact_record::CompactRecord;
//!
//! #[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
//! pub struct Point { pub x: i32, pub y: i32, pub z: i32 }
//!
//! let mut points: PointSoa = (0..4).map(|i| Point { x: i, y: 10 * i, z: -i }).collect();
//! points.push(Point { x: 9, y: 9, z: 9 });
//! assert_eq!(points.len(), 5);
//! assert_eq!(points.x(), &[0, 1, 2, 3, 9]);          // one column, a plain slice
//! assert_eq!(points.column(Point::Y)[2], 20);         // the same through a descriptor
//! assert_eq!(*points.get(1).unwrap().z, -1);          // a row, by reference
//! for p in points.iter_mut() {
//!     *p.z += 100;                                    // a row, by exclusive reference
//! }
//! points.sort_by_key(|p| -*p.x);
//! assert_eq!(points.pop(), Some(Point { x: 0, y: 0, z: 100 }));
//! let back: Vec<Point> = points.into_iter().collect();
//! assert_eq!(back[0], Point { x: 9, y: 9, z: 109 });
//! ```
//!
//! # Memory
//!
//! Each column is its own `Vec`: a `Soa<Point>` holds three allocations,
//! and at exact capacity ([`Soa::with_capacity`] then as many pushes, or
//! after [`Soa::shrink_to_fit`]) [`Soa::heap_bytes`] is exactly
//! `len * (sum of the field sizes)`, 12 bytes per `Point`, with no padding.
//!
//! Separate allocations rather than one: growing one shared block has to
//! move every column but the first to its new offset on each reallocation,
//! while separate `Vec`s grow with `realloc`, which often extends in place
//! and never shuffles columns; separate columns also let every operation
//! be the safe, well-tested `Vec` operation on each column, so that the
//! only `unsafe` here is the typed column look-up of [`Soa::column`] and
//! the sorts' move of each column into a new one by a checked permutation.
//! A column scan reads one contiguous slice either way, so a single block
//! would buy nothing for the scans this container is for.
//!
//! # Invariants and panics
//!
//! All columns have the same length, always: no API hands out a `Vec` of a
//! column, only slices (which cannot change length). Every operation checks
//! its indexes before touching any column, panicking with the message
//! `Vec` would give, and reserves room in every column before writing to
//! any, so that a panic leaves the container as it was. When user code
//! panics midway (a `retain` predicate, a `sort_by` comparator, a key
//! function, an iterator given to `extend`, a field's `Clone` or `Drop`)
//! the container stays valid: equal column lengths, every element dropped
//! at most once, nothing read after it was moved out. `retain` and the
//! sorts run user code before they move anything, so such a panic leaves
//! the container unchanged; a panicking `Drop` during `truncate`/`clear`
//! still truncates every column.

pub mod column;
mod columns;
mod iter;
mod nested;
#[cfg(feature = "rayon")]
mod par;
mod parts;
mod slice;
mod sort;

use alloc::vec::Vec;
use core::cmp::Ordering;
use core::fmt;
use core::hash::{Hash, Hasher};
use core::ops::{Bound, DerefMut, RangeBounds};

pub use column::{BitmapColumn, Codes, DictionaryColumn, NullableColumn, Utf8Column};
#[doc(hidden)]
pub use columns::Zip;
pub use columns::{Columns, DebugColumns, PermIndex, Permutation};
pub use iter::{Drain, IntoIter, Iter, IterMut};
#[doc(hidden)]
pub use nested::{assert_nested, flat_offsets, nested_slice, nested_slice_mut};
pub use nested::{split, Concat, NestedRecord, Shape};
#[cfg(feature = "rayon")]
pub use par::{ParChunks, ParChunksMut, ParColumn, ParColumns, ParIter, ParIterMut};
pub use parts::UnequalColumns;
pub use slice::{
    view_column, view_column_mut, AsSoaSlice, AsSoaSliceMut, Chunks, ChunksExact, ChunksExactMut,
    ChunksMut, CloneColumns, ColumnSlices, SlicesMutOf, SlicesOf, SoaSlice, SoaSliceMut,
};
pub use sort::RadixKey;

use crate::field::{Field, Writable};
use crate::layout::Form;
use crate::record::CompactRecord;

/// A record that can be stored column by column in a [`Soa`]: maps the
/// record to the nested tuple of its fields and back. A supertrait of
/// [`CompactRecord`], so an `R: CompactRecord` bound reaches every method
/// of `Soa<R>`. `#[derive(CompactRecord)]` implements it; there is no need
/// to implement it by hand.
///
/// # Safety
///
/// [`Soa::column`] turns a descriptor into a typed slice of a column, so
/// the columns must be what `__COLUMN_OFFSETS` says: column `i` holds the
/// values of the record's field at byte offset `__COLUMN_OFFSETS[i]` (the
/// one field there of non-zero size), moved there and back by `into_row`
/// and `from_row`. `#[derive(CompactRecord)]` implements the trait through
/// this crate's `__cr_soa_record!` macro, which generates `into_row`,
/// `from_row` and the offsets from one list of fields, so the compiler
/// checks the claim.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a record: it does not derive `CompactRecord`",
    label = "not a `#[derive(CompactRecord)]` record",
    note = "a `#[record(nested)]` field's type must derive `CompactRecord` too; derive it on `{Self}`, or remove `nested`"
)]
pub unsafe trait SoaRecord: Form<Record = Self> + for<'a> SoaRow<'a> {
    /// The columns: one `Vec` per field, in declaration order, as a nested
    /// tuple ending in `()`.
    type Columns: ColumnSlices;

    /// The byte offset in the record of the field each column holds. Not
    /// public API.
    #[doc(hidden)]
    const __COLUMN_OFFSETS: &'static [usize];

    /// How the columns group into fields for `Debug`, for a record with
    /// `#[record(nested)]` fields; empty (one column per field) otherwise.
    /// Not public API.
    #[doc(hidden)]
    const __SHAPE: &'static [Shape] = &[];

    /// The record as a nested tuple of its fields.
    fn into_row(self) -> RowOf<Self>;

    /// The record from a nested tuple of its fields.
    fn from_row(row: RowOf<Self>) -> Self;

    /// The `Ref` view from a nested tuple of field references.
    fn new_ref<'a>(refs: RefsOf<'a, Self>) -> RefOf<'a, Self>
    where
        Self: 'a;

    /// The `Mut` view from a nested tuple of exclusive field references.
    fn new_mut<'a>(muts: MutsOf<'a, Self>) -> MutOf<'a, Self>
    where
        Self: 'a;
}

/// The row views of a [`SoaRecord`] borrowed for `'a`: `PointRef<'a>` and
/// `PointMut<'a>`. Name them with [`RefOf`] and [`MutOf`].
///
/// A trait with a lifetime parameter rather than generic associated types:
/// its hidden second parameter, `&'a Self`, limits `for<'a>` bounds to the
/// lifetimes the record outlives, so that closures over rows
/// (`retain(|row| ..)`, `sort_by_key(|row| ..)`) also work for records
/// that borrow (`Name<'s> { name: &'s str }`); a generic associated type
/// `Ref<'a> where Self: 'a` would make such a closure require
/// `Self: 'static`. `#[derive(CompactRecord)]` implements it.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a record: it does not derive `CompactRecord`",
    label = "not a `#[derive(CompactRecord)]` record",
    note = "a `#[record(nested)]` field's type must derive `CompactRecord` too; derive it on `{Self}`, or remove `nested`"
)]
pub trait SoaRow<'a, Outlives = &'a Self> {
    /// The row of shared references, `PointRef<'a>`.
    type Ref: Copy;

    /// The row of exclusive references, `PointMut<'a>`.
    type Mut;
}

/// The row of shared references of `R`, `PointRef<'a>`.
pub type RefOf<'a, R> = <R as SoaRow<'a>>::Ref;

/// The row of exclusive references of `R`, `PointMut<'a>`.
pub type MutOf<'a, R> = <R as SoaRow<'a>>::Mut;

/// The nested tuple of a record's field references, `(&A, (&B, ()))`.
pub type RefsOf<'a, R> = <<R as SoaRecord>::Columns as Columns>::Refs<'a>;

/// The nested tuple of a record's exclusive field references.
pub type MutsOf<'a, R> = <<R as SoaRecord>::Columns as Columns>::Muts<'a>;

/// The nested tuple of a record's field values, `(A, (B, (C, ())))`.
pub type RowOf<R> = <<R as SoaRecord>::Columns as Columns>::Row;

/// What every generated SoA container (`PointSoa`) is: a newtype that
/// dereferences to [`Soa<Record>`], where the container API lives, and
/// converts to and from it. `<Point as CompactRecord>::Soa` is `PointSoa`,
/// so generic code can take any record's container:
///
/// ```
/// use compact_record::CompactRecord;
///
/// fn fill<R: CompactRecord>(rows: Vec<R>) -> R::Soa {
///     let mut soa = R::Soa::default();
///     for row in rows {
///         soa.push(row); // `Soa<R>::push`, through `DerefMut`
///     }
///     soa
/// }
///
/// #[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
/// pub struct Point { pub x: i32, pub y: i32, pub z: i32 }
///
/// let points: PointSoa = fill(vec![Point { x: 1, y: 2, z: 3 }]);
/// assert_eq!(points.y(), &[2]);
/// ```
pub trait SoaContainer:
    Sized
    + Default
    + DerefMut<Target = Soa<Self::Record>>
    + From<Soa<Self::Record>>
    + Into<Soa<Self::Record>>
    + From<Vec<Self::Record>>
    + FromIterator<Self::Record>
    + Extend<Self::Record>
    + IntoIterator<Item = Self::Record, IntoIter = IntoIter<Self::Record>>
{
    /// The record stored, `Point`.
    type Record: CompactRecord<Soa = Self>;
}

/// A structure-of-arrays container of records `R`: one `Vec` per field, all
/// of the same length. The API follows `Vec<R>`, with rows seen through
/// [`RefOf<R>`](RefOf) / [`MutOf<R>`](MutOf) views (`PointRef`/`PointMut`) and whole
/// columns as slices ([`column`](Self::column)).
///
/// Usually reached through the generated `PointSoa`, which dereferences to
/// `Soa<Point>`; see the [module documentation](self) for an example, the
/// memory layout and the panic guarantees.
pub struct Soa<R: SoaRecord> {
    // Invariant: every column has the same length.
    cols: R::Columns,
}

/// Panics with `Vec`'s message for an index that is not below `len`.
#[cold]
#[inline(never)]
#[track_caller]
fn index_fail(what: &str, index: usize, len: usize) -> ! {
    panic!("{what} index (is {index}) should be < len (is {len})")
}

impl<R: SoaRecord> Soa<R> {
    /// An empty container; allocates nothing.
    #[inline]
    pub fn new() -> Self {
        Soa {
            cols: R::Columns::with_capacity(0),
        }
    }

    /// An empty container with room for `capacity` rows in every column.
    #[inline]
    pub fn with_capacity(capacity: usize) -> Self {
        Soa {
            cols: R::Columns::with_capacity(capacity),
        }
    }

    /// The number of rows.
    #[inline]
    pub fn len(&self) -> usize {
        self.cols.rows()
    }

    /// Whether there are no rows.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// How many rows fit without reallocating: the smallest capacity of any
    /// column (`usize::MAX` when every field is zero-sized).
    #[inline]
    pub fn capacity(&self) -> usize {
        self.cols.capacity()
    }

    /// Reserves room for at least `additional` more rows in every column.
    ///
    /// # Panics
    ///
    /// If a new capacity exceeds `isize::MAX` bytes, like `Vec::reserve`.
    pub fn reserve(&mut self, additional: usize) {
        self.cols.reserve(additional);
    }

    /// Reserves room for exactly `additional` more rows in every column
    /// (as `Vec::reserve_exact`).
    pub fn reserve_exact(&mut self, additional: usize) {
        self.cols.reserve_exact(additional);
    }

    /// Shrinks every column's capacity to its length (as
    /// `Vec::shrink_to_fit`).
    pub fn shrink_to_fit(&mut self) {
        self.cols.shrink_to_fit();
    }

    /// The bytes this container holds on the heap: the sum over the columns
    /// of capacity times element size. At exact capacity that is
    /// `len * (sum of the field sizes)`.
    ///
    /// An encoded column counts every buffer it owns at its capacity: a
    /// utf8 column its offsets and the strings' bytes, a dictionary column
    /// its codes, its distinct values and their hash table, the bit columns
    /// their bytes. A plain `Vec<T>` column counts `capacity * size_of::<T>()`
    /// only: for a `Vec<String>` that is the 24-byte headers, not the
    /// strings' own blocks (use `#[record(utf8)]` for an honest figure).
    #[inline]
    pub fn heap_bytes(&self) -> usize {
        self.cols.heap_bytes()
    }

    /// Appends a row.
    #[inline]
    pub fn push(&mut self, record: R) {
        let row = record.into_row();
        self.cols.check_row(&row);
        if self.cols.any_full() {
            self.grow_one();
        }
        // Every column has room and takes its value (`check_row`): no push
        // below reallocates or panics.
        self.cols.push(row);
    }

    #[cold]
    #[inline(never)]
    fn grow_one(&mut self) {
        self.cols.reserve(1);
    }

    /// Removes and returns the last row, or `None` if empty.
    #[inline]
    pub fn pop(&mut self) -> Option<R> {
        if self.is_empty() {
            return None;
        }
        self.cols.pop().map(R::from_row)
    }

    /// Inserts a row at `index`, shifting the rows after it.
    ///
    /// # Panics
    ///
    /// If `index > len`.
    #[track_caller]
    pub fn insert(&mut self, index: usize, record: R) {
        let len = self.len();
        if index > len {
            panic!("insertion index (is {index}) should be <= len (is {len})");
        }
        let row = record.into_row();
        self.cols.check_row(&row);
        self.cols.reserve(1);
        self.cols.insert(index, row);
    }

    /// Removes and returns the row at `index`, shifting the rows after it.
    ///
    /// # Panics
    ///
    /// If `index >= len`.
    #[track_caller]
    pub fn remove(&mut self, index: usize) -> R {
        let len = self.len();
        if index >= len {
            index_fail("removal", index, len);
        }
        R::from_row(self.cols.remove(index))
    }

    /// Removes and returns the row at `index`, moving the last row into its
    /// place: O(1), does not keep the order.
    ///
    /// # Panics
    ///
    /// If `index >= len`.
    #[track_caller]
    pub fn swap_remove(&mut self, index: usize) -> R {
        let len = self.len();
        if index >= len {
            index_fail("swap_remove", index, len);
        }
        R::from_row(self.cols.swap_remove(index))
    }

    /// Replaces the row at `index` and returns the old one, like
    /// `mem::replace(&mut vec[index], record)`.
    ///
    /// # Panics
    ///
    /// If `index >= len`, with the message of slice indexing.
    #[track_caller]
    pub fn replace(&mut self, index: usize, record: R) -> R {
        let len = self.len();
        if index >= len {
            oob(index, len);
        }
        let row = record.into_row();
        self.cols.check_row(&row);
        R::from_row(self.cols.replace(index, row))
    }

    /// The row at `index`, by shared reference, or `None` if out of range.
    #[inline]
    pub fn get(&self, index: usize) -> Option<RefOf<'_, R>> {
        if index < self.len() {
            Some(R::new_ref(self.cols.get(index)))
        } else {
            None
        }
    }

    /// The row at `index`, by exclusive reference, or `None` if out of
    /// range.
    #[inline]
    pub fn get_mut(&mut self, index: usize) -> Option<MutOf<'_, R>> {
        if index < self.len() {
            Some(R::new_mut(self.cols.get_mut(index)))
        } else {
            None
        }
    }

    /// The row at `index`, by shared reference.
    ///
    /// # Panics
    ///
    /// If `index >= len`, with the message of slice indexing.
    #[inline]
    #[track_caller]
    pub fn row(&self, index: usize) -> RefOf<'_, R> {
        match self.get(index) {
            Some(row) => row,
            None => oob(index, self.len()),
        }
    }

    /// The row at `index`, by exclusive reference.
    ///
    /// # Panics
    ///
    /// If `index >= len`, with the message of slice indexing.
    #[inline]
    #[track_caller]
    pub fn row_mut(&mut self, index: usize) -> MutOf<'_, R> {
        let len = self.len();
        match self.get_mut(index) {
            Some(row) => row,
            None => oob(index, len),
        }
    }

    /// The first row, or `None` if empty.
    #[inline]
    pub fn first(&self) -> Option<RefOf<'_, R>> {
        self.get(0)
    }

    /// The last row, or `None` if empty.
    #[inline]
    pub fn last(&self) -> Option<RefOf<'_, R>> {
        self.len().checked_sub(1).and_then(|i| self.get(i))
    }

    /// The first row by exclusive reference, or `None` if empty.
    #[inline]
    pub fn first_mut(&mut self) -> Option<MutOf<'_, R>> {
        self.get_mut(0)
    }

    /// The last row by exclusive reference, or `None` if empty.
    #[inline]
    pub fn last_mut(&mut self) -> Option<MutOf<'_, R>> {
        match self.len().checked_sub(1) {
            Some(i) => self.get_mut(i),
            None => None,
        }
    }

    /// Swaps rows `a` and `b`.
    ///
    /// # Panics
    ///
    /// If either index is out of range, with the message of slice indexing.
    #[track_caller]
    pub fn swap(&mut self, a: usize, b: usize) {
        let len = self.len();
        if a >= len {
            oob(a, len);
        }
        if b >= len {
            oob(b, len);
        }
        self.cols.swap(a, b);
    }

    /// Keeps the first `len` rows and drops the rest; nothing happens if
    /// there are no more than `len`. O(1) when no field needs dropping.
    ///
    /// If a field's `Drop` panics, every column is still truncated (the
    /// panic then propagates, as with `Vec`).
    #[inline]
    pub fn truncate(&mut self, len: usize) {
        self.cols.truncate(len);
    }

    /// Drops every row, keeping the capacity.
    #[inline]
    pub fn clear(&mut self) {
        self.truncate(0);
    }

    /// Moves every row of `other` to the end of `self`, leaving `other`
    /// empty.
    pub fn append(&mut self, other: &mut Self) {
        // Room first: after this, no column's append can reallocate, so
        // nothing can panic while some columns are moved and others not.
        self.cols.check_append(&other.cols);
        self.cols.reserve(other.len());
        self.cols.append(&mut other.cols);
    }

    /// Splits off rows `at..` into a new container, keeping `..at`.
    ///
    /// # Panics
    ///
    /// If `at > len`.
    #[track_caller]
    #[must_use = "use `.truncate()` if you don't need the other half"]
    pub fn split_off(&mut self, at: usize) -> Self {
        let len = self.len();
        if at > len {
            panic!("`at` split index (is {at}) should be <= len (is {len})");
        }
        // Allocate every column of the tail before moving anything.
        let mut tail = R::Columns::with_capacity(len - at);
        self.cols.move_tail(at, &mut tail);
        Soa { cols: tail }
    }

    /// Removes the rows in `range` and iterates over them by value.
    ///
    /// The rows are removed even if the iterator is not consumed; if it is
    /// leaked (`mem::forget`), the container keeps the rows before the range
    /// only, as `Vec::drain` does.
    ///
    /// # Panics
    ///
    /// If the range is decreasing or ends past `len`, with the messages of
    /// slice indexing.
    #[track_caller]
    pub fn drain<B: RangeBounds<usize>>(&mut self, range: B) -> Drain<'_, R> {
        let len = self.len();
        let start = match range.start_bound() {
            Bound::Included(&s) => s,
            Bound::Excluded(&s) => s
                .checked_add(1)
                .unwrap_or_else(|| panic!("attempted to index slice from after maximum usize")),
            Bound::Unbounded => 0,
        };
        let end = match range.end_bound() {
            Bound::Included(&e) => e
                .checked_add(1)
                .unwrap_or_else(|| panic!("attempted to index slice up to maximum usize")),
            Bound::Excluded(&e) => e,
            Bound::Unbounded => len,
        };
        if end > len {
            panic!("range end index {end} out of range for slice of length {len}");
        }
        if start > len {
            panic!("range start index {start} out of range for slice of length {len}");
        }
        if start > end {
            panic!("slice index starts at {start} but ends at {end}");
        }
        Drain::new(self.cols.drain(start, end))
    }

    /// Keeps only the rows for which `keep` returns `true`, in order.
    ///
    /// `keep` sees every row once, in order, before any row moves: if it
    /// panics, the container is unchanged.
    pub fn retain<F>(&mut self, mut keep: F)
    where
        F: for<'r> FnMut(RefOf<'r, R>) -> bool,
    {
        let mask: Vec<bool> = self.iter().map(&mut keep).collect();
        self.retain_mask(&mask);
    }

    /// Like [`retain`](Self::retain), with rows by exclusive reference.
    pub fn retain_mut<F>(&mut self, mut keep: F)
    where
        F: for<'r> FnMut(MutOf<'r, R>) -> bool,
    {
        let mask: Vec<bool> = self.iter_mut().map(&mut keep).collect();
        self.retain_mask(&mask);
    }

    fn retain_mask(&mut self, mask: &[bool]) {
        // Swaps cannot panic; only the drops in `truncate` can, and it
        // truncates every column even then.
        let kept = self.cols.compact(mask);
        self.truncate(kept);
    }

    /// Sorts the rows with a comparator, stably (equal rows keep their
    /// order).
    ///
    /// The comparator runs on an index permutation before any row moves:
    /// if it panics, the container is unchanged.
    pub fn sort_by<F>(&mut self, mut compare: F)
    where
        F: for<'r> FnMut(RefOf<'r, R>, RefOf<'r, R>) -> Ordering,
    {
        match u32::try_from(self.len()) {
            Ok(len) => {
                let mut perm: Vec<u32> = (0..len).collect();
                perm.sort_by(|&a, &b| {
                    compare(self.row_in_range(a.index()), self.row_in_range(b.index()))
                });
                self.permute(perm);
            }
            Err(_) => {
                let mut perm: Vec<usize> = (0..self.len()).collect();
                perm.sort_by(|&a, &b| compare(self.row_in_range(a), self.row_in_range(b)));
                self.permute(perm);
            }
        }
    }

    /// Sorts the rows with a comparator, not necessarily stably, without
    /// allocating per comparison; as [`sort_by`](Self::sort_by) otherwise.
    pub fn sort_unstable_by<F>(&mut self, mut compare: F)
    where
        F: for<'r> FnMut(RefOf<'r, R>, RefOf<'r, R>) -> Ordering,
    {
        match u32::try_from(self.len()) {
            Ok(len) => {
                let mut perm: Vec<u32> = (0..len).collect();
                perm.sort_unstable_by(|&a, &b| {
                    compare(self.row_in_range(a.index()), self.row_in_range(b.index()))
                });
                self.permute(perm);
            }
            Err(_) => {
                let mut perm: Vec<usize> = (0..self.len()).collect();
                perm.sort_unstable_by(|&a, &b| compare(self.row_in_range(a), self.row_in_range(b)));
                self.permute(perm);
            }
        }
    }

    /// Sorts the rows by a key, stably. The key of each row is computed
    /// once; if `key` or the keys' `Ord` panics, the container is unchanged.
    pub fn sort_by_key<K, F>(&mut self, mut key: F)
    where
        K: Ord,
        F: for<'r> FnMut(RefOf<'r, R>) -> K,
    {
        // Sorting (key, index) pairs, unstably, orders equal keys by index:
        // a stable result at the speed of pattern-defeating quicksort. The
        // index is a `u32` when it fits, which halves the pairs of small
        // keys.
        if u32::try_from(self.len()).is_ok() {
            let perm = sort_keyed(self.iter().map(&mut key).zip(0u32..));
            self.permute(perm);
        } else {
            let perm = sort_keyed(self.iter().map(&mut key).zip(0usize..));
            self.permute(perm);
        }
    }

    /// The row at an index known to be in range (the columns still check).
    #[inline]
    fn row_in_range(&self, index: usize) -> RefOf<'_, R> {
        R::new_ref(self.cols.get(index))
    }

    /// Reorders the rows so that row `i` becomes the old row `perm[i]`.
    /// `perm` comes from sorting `0..len`, so it is a permutation (checked).
    fn permute<I: PermIndex>(&mut self, perm: Vec<I>) {
        // One move per element and column, sequential writes: much faster
        // than following the permutation's cycles with swaps, whose random
        // accesses dominate a sort of millions of rows.
        self.cols.gather(&Permutation::new(perm));
    }

    /// Iterates over the rows by shared reference.
    #[inline]
    pub fn iter(&self) -> Iter<'_, R> {
        Iter::new(self.cols.iter())
    }

    /// Iterates over the rows by exclusive reference.
    #[inline]
    pub fn iter_mut(&mut self) -> IterMut<'_, R> {
        IterMut::new(self.cols.iter_mut())
    }

    /// One column as a slice, chosen by its descriptor (`Point::X`).
    ///
    /// ```
    /// use compact_record::{CompactRecord, Soa};
    ///
    /// #[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
    /// pub struct Point { pub x: i32, pub y: i32, pub z: i32 }
    ///
    /// let points: Soa<Point> = vec![Point { x: 1, y: 2, z: 3 }; 4].into();
    /// let y: &[i32] = points.column(Point::Y);
    /// assert_eq!(y.iter().sum::<i32>(), 8);
    /// ```
    ///
    /// Only a descriptor of `R` itself fits; one of another record or of a
    /// form (`PointFixed::Y`) does not compile.
    #[inline]
    pub fn column<T, A>(&self, field: Field<R, T, A>) -> &[T] {
        let index = column_of::<R, T, A>(&field);
        let Some((ptr, len)) = self.cols.column_raw(index) else {
            unreachable!("`column_of` checked the index")
        };
        // SAFETY: `field` proves that `R` has a field of type `T` at byte
        // offset `field.offset()` (its constructor takes both from one
        // position of `R`'s `FieldList`, an `unsafe` trait written only by
        // `__cr_fields!`, which the compiler checks).
        // `column_of` checked that column `index` holds the field at that
        // same offset (`SoaRecord`'s contract) and that its elements have
        // `T`'s size and alignment; that layout is `Some` only for a `Vec`
        // column (`Column::LAYOUT` is `None` for every encoded column, and
        // `Column` is sealed), whose `column_raw` is its `as_ptr()`/`len()`.
        // Two fields of non-zero size cannot share an offset, so the column
        // is a `Vec<T>`. (With nested
        // records a field and its first sub-field can: `pos` and `pos.x`.
        // Both lie within `R` at the same offset with the same size, so one
        // contains the other and consists of it alone, apart from
        // zero-sized fields: the same bytes, valid as either type.) For a zero-sized
        // `T` no byte is read and the pointer is aligned for `T`. So
        // `ptr`/`len` are a `Vec<T>`'s `as_ptr()`/`len()`: `len`
        // initialised, aligned `T`s, borrowed for as long as `&self`.
        unsafe { core::slice::from_raw_parts(ptr.cast::<T>(), len) }
    }

    /// Sets the field `field` of row `index` to `value` and returns the old
    /// value: the write path of every column, also of the encoded ones
    /// (`trips.set(i, Trip::ZONE, "Queens".to_string())`), whose row views
    /// hold values, not references.
    ///
    /// Costs: O(1) for a `Vec` column, a bitmap and a nullable column;
    /// amortized O(1) for a dictionary column (a hash look-up; a new value
    /// joins the dictionary); for a utf8 column, O(bytes after the row)
    /// when the new string's length differs (the bytes after it move).
    ///
    /// ```
    /// use compact_record::CompactRecord;
    ///
    /// #[derive(CompactRecord, Clone, Debug, PartialEq)]
    /// pub struct Trip {
    ///     pub fare: f32,
    ///     #[record(dictionary)]
    ///     pub zone: String,
    /// }
    ///
    /// let mut trips: TripSoa = vec![Trip { fare: 1.0, zone: "Queens".into() }].into();
    /// let old = trips.set(0, Trip::ZONE, "Bronx".to_string());
    /// assert_eq!(old, "Queens");
    /// trips.set(0, Trip::FARE, 2.5);
    /// assert_eq!(trips.row(0).zone, "Bronx");
    /// assert_eq!(*trips.row(0).fare, 2.5);
    /// ```
    ///
    /// # Panics
    ///
    /// If `index >= len`, with the message of slice indexing.
    #[track_caller]
    pub fn set<T: 'static, A: Writable>(
        &mut self,
        index: usize,
        field: Field<R, T, A>,
        value: T,
    ) -> T {
        let len = self.len();
        if index >= len {
            oob(index, len);
        }
        let column = column_at_offset::<R>(field.path(), field.index(), field.offset());
        if R::Columns::column_layout(column).is_some() {
            return core::mem::replace(&mut self.column_mut(field)[index], value);
        }
        let mut slot = Some(value);
        self.cols.replace_dyn(column, index, &mut slot);
        match slot {
            Some(old) => old,
            None => unreachable!("`replace_dyn` puts the old value back"),
        }
    }

    /// The columns, for the generated named accessors of encoded columns.
    /// Not public API.
    #[doc(hidden)]
    #[inline]
    pub fn __columns(&self) -> &R::Columns {
        &self.cols
    }

    /// One column as a mutable slice, chosen by its descriptor. The slice
    /// can change values but not the column's length. Read-only fields'
    /// descriptors do not fit.
    #[inline]
    pub fn column_mut<T, A: Writable>(&mut self, field: Field<R, T, A>) -> &mut [T] {
        let index = column_of::<R, T, A>(&field);
        let Some((ptr, len)) = self.cols.column_raw_mut(index) else {
            unreachable!("`column_of` checked the index")
        };
        // SAFETY: as in `column`, `ptr`/`len` are the `as_mut_ptr()`/`len()`
        // of column `index`, a `Vec<T>`; `&mut self` makes this the only
        // borrow of that column for the slice's lifetime.
        unsafe { core::slice::from_raw_parts_mut(ptr.cast::<T>(), len) }
    }
}

/// The column of `field`: its `index()`, after checking that the column
/// holds the field at `field.offset()` and has elements of `T`'s size and
/// alignment. The descriptor's index is not trusted; for descriptors made
/// by the derive the check folds away.
#[inline(always)]
#[track_caller]
fn column_of<R: SoaRecord, T, A>(field: &Field<R, T, A>) -> usize {
    let fits = |index: usize| {
        R::__COLUMN_OFFSETS.get(index) == Some(&field.offset())
            && R::Columns::column_layout(index)
                == Some((core::mem::size_of::<T>(), core::mem::align_of::<T>()))
    };
    let index = field.index();
    if fits(index) {
        return index;
    }
    // A record with `#[record(nested)]` fields has more columns than
    // fields, and a composed descriptor (`Particle::POS.then(Vec3::X)`)
    // carries no column index: find the column by offset and layout. (A
    // record without nested fields keeps the strict index check.)
    let found = if R::__SHAPE.is_empty() {
        None
    } else {
        (0..R::Columns::COUNT).find(|&i| fits(i))
    };
    match found {
        Some(i) => i,
        None => no_column::<R>(field.path(), index, field.offset()),
    }
}

/// The column that holds the field at `offset` (one of non-zero size, or
/// the column `index` names), whatever its kind.
#[track_caller]
fn column_at_offset<R: SoaRecord>(path: &str, index: usize, offset: usize) -> usize {
    if R::__COLUMN_OFFSETS.get(index) == Some(&offset) {
        return index;
    }
    match R::__COLUMN_OFFSETS.iter().position(|&o| o == offset) {
        Some(i) if !R::__SHAPE.is_empty() => i,
        _ => no_column::<R>(path, index, offset),
    }
}

/// Sorts `(key, index)` pairs and returns the indexes in key order.
fn sort_keyed<K: Ord, I: Ord + Copy>(pairs: impl Iterator<Item = (K, I)>) -> Vec<I> {
    let mut keyed: Vec<(K, I)> = pairs.collect();
    keyed.sort_unstable();
    keyed.into_iter().map(|(_, i)| i).collect()
}

// `PermIndex for u32` widens with `as`: lossless only if `usize` has at
// least 32 bits.
const _: () = assert!(
    usize::BITS >= 32,
    "compact-record needs a usize of 32 bits or more"
);

/// Panics for a descriptor that names no column (impossible for
/// descriptors and containers made by the derive).
#[cold]
#[inline(never)]
#[track_caller]
fn no_column<R: SoaRecord>(path: &str, index: usize, offset: usize) -> ! {
    let at = R::__COLUMN_OFFSETS.get(index) == Some(&offset);
    if at && R::Columns::column_layout(index).is_none() {
        panic!(
            "descriptor `{path}` names an encoded column of `{}` (utf8, dictionary, nullable or \
             bitmap), which is no slice: use its named accessor, `get`/`iter` rows or `set`",
            <R as Form>::FORM.name
        )
    }
    panic!(
        "descriptor `{path}` (index {index}, offset {offset}) names no column of `{}`: it has {} columns",
        <R as Form>::FORM.name,
        R::Columns::COUNT
    )
}

#[cold]
#[inline(never)]
#[track_caller]
fn oob(index: usize, len: usize) -> ! {
    panic!("index out of bounds: the len is {len} but the index is {index}")
}

impl<R: SoaRecord> Default for Soa<R> {
    fn default() -> Self {
        Self::new()
    }
}

impl<R: SoaRecord> Extend<R> for Soa<R> {
    /// Pushes every record of `iter`. If the iterator panics midway, the
    /// records pushed so far stay.
    fn extend<I: IntoIterator<Item = R>>(&mut self, iter: I) {
        let iter = iter.into_iter();
        self.reserve(iter.size_hint().0);
        for record in iter {
            self.push(record);
        }
    }
}

impl<R: SoaRecord> FromIterator<R> for Soa<R> {
    fn from_iter<I: IntoIterator<Item = R>>(iter: I) -> Self {
        let mut soa = Soa::new();
        soa.extend(iter);
        soa
    }
}

impl<R: SoaRecord> From<Vec<R>> for Soa<R> {
    /// Moves the records into columns, allocating each at exact capacity.
    fn from(records: Vec<R>) -> Self {
        let mut soa = Soa::with_capacity(records.len());
        for record in records {
            soa.push(record);
        }
        soa
    }
}

impl<R: SoaRecord> From<Soa<R>> for Vec<R> {
    fn from(soa: Soa<R>) -> Self {
        soa.into_iter().collect()
    }
}

/// Only for records that are `Clone` themselves: a container must not
/// duplicate records their type does not let anyone duplicate.
impl<R: SoaRecord + Clone> Clone for Soa<R>
where
    R::Columns: Clone,
{
    /// Clones every column, field by field. If a field's `Clone` panics,
    /// the columns cloned so far are dropped and `self` is untouched.
    fn clone(&self) -> Self {
        Soa {
            cols: self.cols.clone(),
        }
    }
}

impl<R: SoaRecord> PartialEq for Soa<R>
where
    R::Columns: PartialEq,
{
    /// Equal when every column is: the same rows in the same order.
    fn eq(&self, other: &Self) -> bool {
        self.cols == other.cols
    }
}

impl<R: SoaRecord> Eq for Soa<R> where R::Columns: Eq {}

impl<R: SoaRecord> Hash for Soa<R>
where
    R::Columns: Hash,
{
    fn hash<S: Hasher>(&self, state: &mut S) {
        self.cols.hash(state);
    }
}

impl<R: SoaRecord> fmt::Debug for Soa<R>
where
    R::Columns: DebugColumns,
{
    /// Prints the rows as a list, like `Vec<R>`'s `Debug`:
    /// `[Point { x: 1, y: 2, z: 3 }]`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        struct Row<'a, C>(&'a C, usize, &'static str, &'static [crate::FieldInfo]);
        impl<C: DebugColumns> fmt::Debug for Row<'_, C> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                let mut out = f.debug_struct(self.2);
                self.0.fmt_row(self.1, self.3, &mut out);
                out.finish()
            }
        }
        let form = <R as Form>::FORM;
        if !R::__SHAPE.is_empty() {
            // A record with nested fields: its rows printed as records of
            // records, from the flat columns.
            let mut leaves = Vec::new();
            let mut list = f.debug_list();
            for i in 0..self.len() {
                leaves.clear();
                self.cols.leaves(i, &mut leaves);
                list.entry(&nested::Shaped::new(
                    form.name,
                    form.fields,
                    R::__SHAPE,
                    &leaves,
                ));
            }
            return list.finish();
        }
        f.debug_list()
            .entries((0..self.len()).map(|i| Row(&self.cols, i, form.name, form.fields)))
            .finish()
    }
}

impl<R: SoaRecord> IntoIterator for Soa<R> {
    type Item = R;
    type IntoIter = IntoIter<R>;

    fn into_iter(self) -> IntoIter<R> {
        IntoIter::new(self.cols.into_iter())
    }
}

impl<'a, R: SoaRecord> IntoIterator for &'a Soa<R> {
    type Item = RefOf<'a, R>;
    type IntoIter = Iter<'a, R>;

    fn into_iter(self) -> Iter<'a, R> {
        self.iter()
    }
}

impl<'a, R: SoaRecord> IntoIterator for &'a mut Soa<R> {
    type Item = MutOf<'a, R>;
    type IntoIter = IterMut<'a, R>;

    fn into_iter(self) -> IterMut<'a, R> {
        self.iter_mut()
    }
}
