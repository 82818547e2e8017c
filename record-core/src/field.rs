//! Typed, offset-based field descriptors: the Rust analogue of recordclass's
//! `dataslotgetset`.
//!
//! A [`Field<R, T, A>`] is a name, a declared position and a byte offset,
//! nothing more: like recordclass's descriptor it adds no per-record
//! overhead. Its type parameters carry what the offset alone cannot: the form
//! `R` it belongs to, the field type `T`, and whether writes are allowed
//! (`A` = [`ReadWrite`] or [`ReadOnly`]). The derive creates one descriptor per
//! field per form as an associated constant (`Point::X`, `PointFixed::X`,
//! `PointPacked::X`).

use core::fmt;
use core::marker::PhantomData;
use core::ptr;

use crate::byte_field::ByteField;
use crate::error::Error;
use crate::layout::{Aligned, ByteLayout};
use crate::proof::{At, FieldList, Index};

/// Marker for descriptors that may write their field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct ReadWrite;

/// Marker for descriptors of fields declared `#[record(readonly)]`: they can
/// read their field but offer no `set`, `replace`, `get_mut` or `write`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct ReadOnly;

/// Implemented by [`ReadWrite`] only: the access markers whose descriptors
/// can write.
#[diagnostic::on_unimplemented(
    message = "this field descriptor is read-only",
    label = "the field was declared `#[record(readonly)]`",
    note = "read the field with `get`, `get_ref` or `read`, or drop `#[record(readonly)]` from the field to allow writes"
)]
pub trait Writable: sealed::Sealed {}
impl Writable for ReadWrite {}

/// The access markers [`ReadWrite`] and [`ReadOnly`].
pub trait Access: sealed::Sealed + Copy + 'static {
    /// Whether descriptors with this marker may write their field.
    const WRITABLE: bool;
}
impl Access for ReadWrite {
    const WRITABLE: bool = true;
}
impl Access for ReadOnly {
    const WRITABLE: bool = false;
}

mod sealed {
    pub trait Sealed {}
    impl Sealed for super::ReadWrite {}
    impl Sealed for super::ReadOnly {}
}

/// A typed descriptor of one field of the form `R`: the field has type `T`
/// and sits `offset()` bytes into `R`.
///
/// Descriptors are `Copy` constants created by `#[derive(CompactRecord)]`:
///
/// ```
/// use compact_record::CompactRecord;
///
/// #[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
/// pub struct Point { pub x: i32, pub y: i32, pub z: i32 }
///
/// let mut p = Point { x: 1, y: 2, z: 3 };
/// assert_eq!(Point::Y.get(&p), 2);
/// Point::Y.set(&mut p, 20);
/// assert_eq!(p.y, 20);
/// assert_eq!(Point::Z.offset(), core::mem::offset_of!(Point, z));
///
/// // The same descriptor names exist on every form, and the packed form's
/// // descriptors read and write by value, never by reference.
/// let mut packed = PointPacked::from(p);
/// assert_eq!(PointPacked::Y.replace(&mut packed, 7), 20);
/// assert_eq!(packed.y(), 7);
/// ```
///
/// What a descriptor offers depends on its form and access marker:
///
/// | method | needs |
/// |---|---|
/// | [`get`](Self::get) | `T: Copy` |
/// | [`get_ref`](Self::get_ref) | an aligned form (`R:` [`Aligned`]) |
/// | [`get_mut`](Self::get_mut) | an aligned form and `A = ReadWrite` |
/// | [`set`](Self::set), [`replace`](Self::replace) | `A = ReadWrite` |
/// | [`read`](Self::read) | a byte form (`R:` [`ByteLayout`]) and `T:` [`ByteField`] (checked on read) |
/// | [`write`](Self::write) | a byte form, `T:` [`ByteField`] and `A = ReadWrite` |
pub struct Field<R, T, A = ReadWrite> {
    name: &'static str,
    path: &'static str,
    index: usize,
    offset: usize,
    // Invariant in `R` and `T`: a descriptor of `Rec<'long>` must not be usable
    // on `Rec<'short>` to store a short-lived value, nor the reverse.
    _marker: Invariant<R, T, A>,
}

/// Invariant in `R` and `T`, `Send + Sync` whatever they are.
type Invariant<R, T, A> = PhantomData<(fn(R) -> R, fn(T) -> T, fn() -> A)>;

impl<R, T, A> Field<R, T, A> {
    /// Creates the descriptor of the field at position `N` of `R`'s
    /// [`FieldList`]: its type `T` and its offset are that list's. Not
    /// public API: descriptors come from `#[derive(CompactRecord)]`,
    /// through this crate's `__cr_field!` macro.
    ///
    /// `name` is the field's name and `path` is `"Form.field"`, for
    /// messages; the field's position is `N`'s value.
    ///
    /// # Panics
    ///
    /// Unless the field lies within `R`: `offset + size_of::<T>()` is at
    /// most `size_of::<R>()` (it does, by `FieldList`'s contract; checked
    /// all the same). In a constant, that is a compile error.
    ///
    /// # Safety
    ///
    /// `A` must be [`ReadOnly`] if the field was declared
    /// `#[record(readonly)]`. Memory safety needs nothing from the caller:
    /// `FieldList` (an `unsafe` trait) guarantees that a `T` lives at
    /// `R::OFFSETS[N]` in every `R`.
    #[doc(hidden)]
    #[inline]
    pub const unsafe fn __at<N: Index>(name: &'static str, path: &'static str) -> Self
    where
        R: FieldList,
        R::Types: At<N, Out = T>,
    {
        let index = N::VALUE;
        Self::within(name, path, index, R::OFFSETS[index])
    }

    /// The descriptor with these parts, after checking that a `T` at
    /// `offset` lies within `R`. Private: every caller passes a position
    /// of `R`'s `FieldList` whose type is `T`, and that position's offset
    /// (which the list already guarantees to lie within `R`); every safe
    /// use of a descriptor rests on that.
    const fn within(name: &'static str, path: &'static str, index: usize, offset: usize) -> Self {
        let size = core::mem::size_of::<R>();
        assert!(
            offset <= size && core::mem::size_of::<T>() <= size - offset,
            "compact-record: a field descriptor reaches past the end of its record"
        );
        Field {
            name,
            path,
            index,
            offset,
            _marker: PhantomData,
        }
    }

    /// The same field in `F`, a byte form of `R` whose field list has
    /// `R`'s types in `R`'s order (a record without nested fields and its
    /// Fixed or Packed form): same name, position and access, `F`'s offset
    /// for that position. Not public API: the derive makes the forms'
    /// descriptors from the record's with it, which spares the compiler
    /// proving each position again (see BENCHMARKS.md).
    ///
    /// `F` must be a form of `R` (`Form<Record = R>`), whose fields the
    /// derive declares read-only exactly where `R`'s are, so the access
    /// `A` carries over; any other `F` has a `FieldList` written with
    /// `unsafe` by its author.
    ///
    /// # Panics
    ///
    /// If `self` has no position in `R`'s field list (a descriptor made by
    /// [`then`](Field::then)), or, as [`__at`](Field::__at), if the field
    /// would not lie within `F`. In a constant, that is a compile error.
    #[doc(hidden)]
    #[inline]
    pub const fn __in_form<F>(self, path: &'static str) -> Field<F, T, A>
    where
        R: FieldList,
        F: crate::Form<Record = R> + FieldList<Types = R::Types>,
    {
        // `self` has a position (`index < OFFSETS.len()`) only if `__at`
        // made it (or `read_only` copied it), so `T` is the type at
        // position `index` of `R::Types`, which is `F::Types`; `FieldList`
        // (an `unsafe` trait) guarantees that every `F` holds that type at
        // `F::OFFSETS[index]`. `then` gives `usize::MAX`, which panics here.
        Field::within(self.name, path, self.index, F::OFFSETS[self.index])
    }

    /// The field's name as declared (raw identifiers without `r#`).
    pub const fn name(&self) -> &'static str {
        self.name
    }

    /// The form and field, `"PointFixed.x"`, as used in error messages.
    pub const fn path(&self) -> &'static str {
        self.path
    }

    /// The field's position in declaration order, from 0.
    pub const fn index(&self) -> usize {
        self.index
    }

    /// The field's byte offset within `R`: equal to
    /// `core::mem::offset_of!(R, field)`.
    pub const fn offset(&self) -> usize {
        self.offset
    }

    /// The field's size in bytes, `size_of::<T>()`.
    pub const fn size(&self) -> usize {
        core::mem::size_of::<T>()
    }

    /// Whether this descriptor may write its field.
    pub const fn is_writable(&self) -> bool
    where
        A: Access,
    {
        A::WRITABLE
    }

    /// The same descriptor without write access.
    pub const fn read_only(self) -> Field<R, T, ReadOnly> {
        Field {
            name: self.name,
            path: self.path,
            index: self.index,
            offset: self.offset,
            _marker: PhantomData,
        }
    }

    fn ptr(&self, record: *const R) -> *const T {
        // `wrapping_add` keeps this function safe; every caller passes a
        // pointer to a live `R`, where `offset` stays in bounds.
        record.cast::<u8>().wrapping_add(self.offset).cast::<T>()
    }

    fn ptr_mut(&self, record: *mut R) -> *mut T {
        record.cast::<u8>().wrapping_add(self.offset).cast::<T>()
    }

    /// Reads the field by value. Works on every form, packed ones included.
    #[inline]
    pub fn get(&self, record: &R) -> T
    where
        T: Copy,
    {
        // SAFETY: by the contract of `__at`: `FieldList`, a `T` lives `offset`
        // bytes into `*record`, which is a valid, initialised `R` borrowed for
        // the duration of the call. `read_unaligned` makes no alignment
        // assumption, so this is sound for packed forms too, and `T: Copy`
        // means the copy leaves the record untouched.
        unsafe { ptr::read_unaligned(self.ptr(record)) }
    }

    /// Borrows the field. Only aligned forms (the record itself and its
    /// `Fixed` form) offer this: a reference into a packed form could be
    /// unaligned.
    #[inline]
    pub fn get_ref<'r>(&self, record: &'r R) -> &'r T
    where
        R: Aligned,
    {
        let () = R::__PROOF;
        // SAFETY: a valid `T` lives `offset` bytes into `*record` (contract of
        // `__at`: `FieldList`) and is aligned because `R: Aligned`, whose proof (the
        // constant read above) fails to compile otherwise. The returned
        // borrow is tied to the shared borrow of the whole record, which
        // covers the field, so no `&mut` to it can exist meanwhile.
        unsafe { &*self.ptr(record) }
    }

    /// Mutably borrows the field of an aligned form.
    #[inline]
    pub fn get_mut<'r>(&self, record: &'r mut R) -> &'r mut T
    where
        R: Aligned,
        A: Writable,
    {
        let () = R::__PROOF;
        // SAFETY: as in `get_ref`; the exclusive borrow of the record makes
        // this the only live reference to the field.
        unsafe { &mut *self.ptr_mut(record) }
    }

    /// Writes the field, dropping the old value. Works on every form.
    #[inline]
    pub fn set(&self, record: &mut R, value: T)
    where
        A: Writable,
    {
        drop(self.replace(record, value));
    }

    /// Writes the field and returns the old value. Works on every form.
    #[inline]
    pub fn replace(&self, record: &mut R, value: T) -> T
    where
        A: Writable,
    {
        let p = self.ptr_mut(record);
        // SAFETY: a valid `T` lives at `p` (contract of `__at`: `FieldList`) and
        // the record is borrowed exclusively. The old value is moved out with
        // an unaligned read and the slot is immediately refilled with an
        // unaligned write, so the record never holds a moved-out value and
        // nothing in between can panic.
        unsafe {
            let old = ptr::read_unaligned(p);
            ptr::write_unaligned(p, value);
            old
        }
    }

    fn span(&self, len: usize) -> Result<core::ops::Range<usize>, Error> {
        let end = self.offset + core::mem::size_of::<T>();
        if len < end {
            return Err(Error::TooShort {
                what: self.path,
                needed: end,
                given: len,
            });
        }
        Ok(self.offset..end)
    }

    /// Reads the field of one record held in `bytes` in the layout of `R`
    /// (a `Fixed` or `Packed` form). The slice needs no alignment. A
    /// `bool`, `char`, `NonZero*` or enum field is checked first.
    ///
    /// # Errors
    ///
    /// [`Error::TooShort`] when `bytes` ends before the field does;
    /// [`Error::InvalidValue`] when its bytes are no value of `T`.
    pub fn read<M>(&self, bytes: &[u8]) -> Result<T, Error>
    where
        R: ByteLayout,
        T: ByteField<M>,
    {
        let span = self.span(bytes.len())?;
        let bytes = &bytes[span];
        if let Err(value) = T::check(bytes) {
            return Err(Error::InvalidValue {
                what: self.path.split('.').next().unwrap_or(self.path),
                record: 0,
                field: self.name,
                offset: self.offset,
                value,
                expected: T::WHAT,
            });
        }
        // SAFETY: `bytes` is `size_of::<T>()` long and `T::check` accepted
        // it, so it holds a valid `T` (`ByteField`'s contract); the read
        // makes no alignment assumption and `T: Copy`.
        Ok(unsafe { ptr::read_unaligned(bytes.as_ptr().cast::<T>()) })
    }

    /// Writes the field of one record held in `bytes` in the layout of `R`.
    /// The slice needs no alignment; nothing is written on error.
    ///
    /// # Errors
    ///
    /// [`Error::TooShort`] when `bytes` ends before the field does.
    pub fn write<M>(&self, bytes: &mut [u8], value: T) -> Result<(), Error>
    where
        R: ByteLayout,
        T: ByteField<M>,
        A: Writable,
    {
        let span = self.span(bytes.len())?;
        // SAFETY: `ByteField` guarantees that no value of `T` has
        // uninitialised bytes; the slice covers exactly `value`, which
        // lives until the copy is done.
        let raw = unsafe {
            core::slice::from_raw_parts(
                (&value as *const T).cast::<u8>(),
                core::mem::size_of::<T>(),
            )
        };
        bytes[span].copy_from_slice(raw);
        Ok(())
    }
}

impl<R, T, A> Clone for Field<R, T, A> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<R, T, A> Copy for Field<R, T, A> {}

impl<R, T, A> PartialEq for Field<R, T, A> {
    fn eq(&self, other: &Self) -> bool {
        self.index == other.index && self.offset == other.offset && self.path == other.path
    }
}

impl<R, T, A> Eq for Field<R, T, A> {}

impl<R, T, A> core::hash::Hash for Field<R, T, A> {
    fn hash<H: core::hash::Hasher>(&self, state: &mut H) {
        self.path.hash(state);
        self.index.hash(state);
        self.offset.hash(state);
    }
}

impl<R, T, A> fmt::Debug for Field<R, T, A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Field")
            .field("path", &self.path)
            .field("index", &self.index)
            .field("offset", &self.offset)
            .field("type", &core::any::type_name::<T>())
            .finish()
    }
}

impl<R, T: crate::Form> Field<R, T, crate::ReadWrite> {
    /// The descriptor of a field of a nested record: `Particle::POS`
    /// followed by `Vec3::X` is `Particle`'s `pos.x`, a `Field<Particle,
    /// f32>` at `pos`'s offset plus `x`'s. `Soa::column` finds its column
    /// when `pos` is `#[record(nested)]`:
    ///
    /// ```
    /// use compact_record::{CompactRecord, Soa};
    ///
    /// #[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
    /// pub struct Vec3 { pub x: f32, pub y: f32, pub z: f32 }
    ///
    /// #[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
    /// pub struct Particle {
    ///     #[record(nested)]
    ///     pub pos: Vec3,
    ///     pub mass: f32,
    /// }
    ///
    /// let pos = Vec3 { x: 1.0, y: 2.0, z: 3.0 };
    /// let particles: Soa<Particle> = vec![Particle { pos, mass: 4.0 }; 2].into();
    /// assert_eq!(particles.column(Particle::POS.then(Vec3::Y)), &[2.0, 2.0]);
    /// ```
    ///
    /// `T` is a record or one of its forms (`ParticleFixed::POS.then(Vec3Fixed::X)`).
    /// The result is read-only when `inner` is.
    ///
    /// # Panics
    ///
    /// If `U` would not be aligned where `T` is (`T` a packed form); in a
    /// constant, that is a compile error.
    #[inline]
    pub const fn then<U, B>(self, inner: Field<T, U, B>) -> Field<R, U, B> {
        compose(self, inner)
    }
}

impl<R, T: crate::Form> Field<R, T, crate::ReadOnly> {
    /// The descriptor of a field of a nested record, read-only because
    /// `self` is (see the read-write `then`).
    #[inline]
    pub const fn then<U, B>(self, inner: Field<T, U, B>) -> Field<R, U, crate::ReadOnly> {
        compose(self, inner)
    }
}

/// `outer` followed by `inner`: the offsets add up. Its index is
/// `usize::MAX` (no declared position); `Soa::column` finds the column by
/// offset.
const fn compose<R, T, U, A, B, C>(outer: Field<R, T, A>, inner: Field<T, U, B>) -> Field<R, U, C> {
    // `outer` proves that every `R` holds a `T` at `outer.offset`, and
    // `inner` that every `T` holds a `U` at `inner.offset`, so every `R`
    // holds a `U` at the sum. Alignment is checked, not assumed: `U` is
    // aligned in `T` and `T` at least as aligned as `U`, so that `U` is
    // aligned in `R` wherever `T` is (a packed form as `T`, or a record
    // smuggled past the derive's `repr(packed)` check, fails here).
    assert!(
        inner.offset % core::mem::align_of::<U>() == 0
            && core::mem::align_of::<T>() >= core::mem::align_of::<U>(),
        "compact-record: a nested field is not aligned in its record"
    );
    Field {
        name: inner.name,
        path: inner.path,
        index: usize::MAX,
        offset: outer.offset + inner.offset,
        _marker: PhantomData,
    }
}
