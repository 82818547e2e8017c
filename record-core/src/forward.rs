//! The impls that every generated SoA container (`PointSoa`) forwards to
//! the generic [`Soa`](crate::Soa), written once as a hidden
//! `macro_rules!` that the derive calls with the record's names.
//!
//! A newtype cannot inherit trait impls through `Deref`, and a user
//! crate's type can only get impls of `core` traits in that crate (the
//! orphan rule), so these impls must be expanded per record. Stamping them
//! from this template rather than from the derive keeps the logic in one
//! place, keeps the derive's output small, and costs users' builds less:
//! the compiler transcribes a `macro_rules!` template itself, faster than
//! a proc-macro (built without optimisation in debug builds) can emit the
//! same tokens. Nothing here is `unsafe`.

/// The constructors, `Deref`, conversions, iteration and standard traits
/// of a SoA newtype `$soa` around `Soa<$record>`:
///
/// `impl { <generics> } { <'a, generics> } for Soa(ctor) where { preds };
///  record: Point; rows: PointRef<'a>, PointMut<'a>; lifetime: 'a; vis: [pub];`
#[doc(hidden)]
#[macro_export]
macro_rules! __cr_soa_newtype {
    (
        impl { $($g:tt)* } { $($ga:tt)* } for $soa:ty [$ctor:ident] where { $($w:tt)* };
        record: $record:ty; rows: $rref:ty, $rmut:ty; lifetime: $a:lifetime; vis: [$($vis:tt)*];
        $(std: $($std:ident)+;)?
    ) => {
        $crate::__cr_soa_newtype_std! {
            [$($($std)+)?];
            impl { $($g)* } for $soa [$ctor] where { $($w)* }; record: $record;
        }
        #[automatically_derived]
        #[allow(dead_code)]
        impl $($g)* $soa where $($w)* {
            /// An empty container; allocates nothing.
            #[inline]
            $($vis)* fn new() -> Self {
                $ctor($crate::Soa::new())
            }
            /// An empty container with room for `capacity` rows in every column.
            #[inline]
            $($vis)* fn with_capacity(capacity: usize) -> Self {
                $ctor($crate::Soa::with_capacity(capacity))
            }
            /// Splits off rows `at..` into a new container, keeping `..at`.
            ///
            /// # Panics
            ///
            /// If `at > len`.
            #[inline]
            #[track_caller]
            #[must_use = "use `.truncate()` if you don't need the other half"]
            $($vis)* fn split_off(&mut self, at: usize) -> Self {
                $ctor(self.0.split_off(at))
            }
        }
        #[automatically_derived]
        impl $($g)* $crate::__private::core::ops::Deref for $soa where $($w)* {
            type Target = $crate::Soa<$record>;
            #[inline]
            fn deref(&self) -> &Self::Target { &self.0 }
        }
        #[automatically_derived]
        impl $($g)* $crate::__private::core::ops::DerefMut for $soa where $($w)* {
            #[inline]
            fn deref_mut(&mut self) -> &mut Self::Target { &mut self.0 }
        }
        #[automatically_derived]
        impl $($g)* $crate::SoaContainer for $soa where $($w)* {
            type Record = $record;
        }
        #[automatically_derived]
        impl $($g)* $crate::__private::core::convert::From<$crate::Soa<$record>> for $soa where $($w)* {
            #[inline]
            fn from(soa: $crate::Soa<$record>) -> Self { $ctor(soa) }
        }
        #[automatically_derived]
        impl $($g)* $crate::__private::core::convert::From<$soa> for $crate::Soa<$record> where $($w)* {
            #[inline]
            fn from(soa: $soa) -> Self { soa.0 }
        }
        #[automatically_derived]
        impl $($g)* $crate::__private::core::convert::From<$soa> for $crate::__private::Vec<$record> where $($w)* {
            #[inline]
            fn from(soa: $soa) -> Self { $crate::__private::core::convert::From::from(soa.0) }
        }
        #[automatically_derived]
        impl $($g)* $crate::__private::core::convert::From<$crate::__private::Vec<$record>> for $soa where $($w)* {
            #[inline]
            fn from(records: $crate::__private::Vec<$record>) -> Self {
                $ctor($crate::__private::core::convert::From::from(records))
            }
        }
        #[automatically_derived]
        impl $($g)* $crate::__private::core::default::Default for $soa where $($w)* {
            #[inline]
            fn default() -> Self { $ctor($crate::Soa::new()) }
        }
        #[automatically_derived]
        impl $($g)* $crate::__private::core::iter::FromIterator<$record> for $soa where $($w)* {
            #[inline]
            fn from_iter<__I: $crate::__private::core::iter::IntoIterator<Item = $record>>(iter: __I) -> Self {
                $ctor($crate::__private::core::iter::FromIterator::from_iter(iter))
            }
        }
        #[automatically_derived]
        impl $($g)* $crate::__private::core::iter::Extend<$record> for $soa where $($w)* {
            #[inline]
            fn extend<__I: $crate::__private::core::iter::IntoIterator<Item = $record>>(&mut self, iter: __I) {
                $crate::__private::core::iter::Extend::extend(&mut self.0, iter)
            }
        }
        #[automatically_derived]
        impl $($g)* $crate::__private::core::iter::IntoIterator for $soa where $($w)* {
            type Item = $record;
            type IntoIter = $crate::soa::IntoIter<$record>;
            #[inline]
            fn into_iter(self) -> Self::IntoIter { $crate::__private::core::iter::IntoIterator::into_iter(self.0) }
        }
        #[automatically_derived]
        impl $($ga)* $crate::__private::core::iter::IntoIterator for &$a $soa where $($w)* {
            type Item = $rref;
            type IntoIter = $crate::soa::Iter<$a, $record>;
            #[inline]
            fn into_iter(self) -> Self::IntoIter { self.0.iter() }
        }
        #[automatically_derived]
        impl $($ga)* $crate::__private::core::iter::IntoIterator for &$a mut $soa where $($w)* {
            type Item = $rmut;
            type IntoIter = $crate::soa::IterMut<$a, $record>;
            #[inline]
            fn into_iter(self) -> Self::IntoIter { self.0.iter_mut() }
        }
    };
}

/// The standard traits of a SoA newtype, forwarded to `Soa<$record>`.
///
/// `[]`: each impl bounded by `Soa<$record>` having the trait (which
/// depends on the columns' types). `[scalars]` (`[scalars eq]` when no field is a
/// float): every field is a primitive scalar, so the columns are always
/// `Clone`, `Debug` and `PartialEq` (and `Eq`, `Hash` with `eq`); the same
/// impls then need no bound but the record's own `Clone`, which keeps them
/// cheap to check. An impl whose bound never holds is left out.
#[doc(hidden)]
#[macro_export]
macro_rules! __cr_soa_newtype_std {
    (
        [];
        impl { $($g:tt)* } for $soa:ty [$ctor:ident] where { $($w:tt)* }; record: $record:ty;
    ) => {
        #[automatically_derived]
        impl $($g)* $crate::__private::core::clone::Clone for $soa
        where $($w)* for<'__cr> $crate::Soa<$record>: $crate::__private::core::clone::Clone
        {
            #[inline]
            fn clone(&self) -> Self { $ctor($crate::__private::core::clone::Clone::clone(&self.0)) }
        }
        #[automatically_derived]
        impl $($g)* $crate::__private::core::fmt::Debug for $soa
        where $($w)* for<'__cr> $crate::Soa<$record>: $crate::__private::core::fmt::Debug
        {
            #[inline]
            fn fmt(&self, f: &mut $crate::__private::core::fmt::Formatter<'_>) -> $crate::__private::core::fmt::Result {
                $crate::__private::core::fmt::Debug::fmt(&self.0, f)
            }
        }
        #[automatically_derived]
        impl $($g)* $crate::__private::core::cmp::PartialEq for $soa
        where $($w)* for<'__cr> $crate::Soa<$record>: $crate::__private::core::cmp::PartialEq
        {
            #[inline]
            fn eq(&self, other: &Self) -> bool { self.0 == other.0 }
        }
        #[automatically_derived]
        impl $($g)* $crate::__private::core::cmp::Eq for $soa
        where $($w)* for<'__cr> $crate::Soa<$record>: $crate::__private::core::cmp::Eq
        {}
        #[automatically_derived]
        impl $($g)* $crate::__private::core::hash::Hash for $soa
        where $($w)* for<'__cr> $crate::Soa<$record>: $crate::__private::core::hash::Hash
        {
            fn hash<__H: $crate::__private::core::hash::Hasher>(&self, state: &mut __H) {
                $crate::__private::core::hash::Hash::hash(&self.0, state)
            }
        }
    };
    (
        [scalars];
        impl { $($g:tt)* } for $soa:ty [$ctor:ident] where { $($w:tt)* }; record: $record:ty;
    ) => {
        #[automatically_derived]
        impl $($g)* $crate::__private::core::clone::Clone for $soa
        where $($w)* for<'__cr> $record: $crate::__private::core::clone::Clone
        {
            #[inline]
            fn clone(&self) -> Self { $ctor($crate::__private::core::clone::Clone::clone(&self.0)) }
        }
        #[automatically_derived]
        impl $($g)* $crate::__private::core::fmt::Debug for $soa where $($w)* {
            #[inline]
            fn fmt(&self, f: &mut $crate::__private::core::fmt::Formatter<'_>) -> $crate::__private::core::fmt::Result {
                $crate::__private::core::fmt::Debug::fmt(&self.0, f)
            }
        }
        #[automatically_derived]
        impl $($g)* $crate::__private::core::cmp::PartialEq for $soa where $($w)* {
            #[inline]
            fn eq(&self, other: &Self) -> bool { self.0 == other.0 }
        }
    };
    (
        [scalars eq];
        impl { $($g:tt)* } for $soa:ty [$ctor:ident] where { $($w:tt)* }; record: $record:ty;
    ) => {
        $crate::__cr_soa_newtype_std! {
            [scalars];
            impl { $($g)* } for $soa [$ctor] where { $($w)* }; record: $record;
        }
        $crate::__cr_soa_newtype_std! {
            [eq];
            impl { $($g)* } for $soa [$ctor] where { $($w)* }; record: $record;
        }
    };
    (
        [eq];
        impl { $($g:tt)* } for $soa:ty [$ctor:ident] where { $($w:tt)* }; record: $record:ty;
    ) => {
        #[automatically_derived]
        impl $($g)* $crate::__private::core::cmp::Eq for $soa where $($w)* {}
        #[automatically_derived]
        impl $($g)* $crate::__private::core::hash::Hash for $soa where $($w)* {
            fn hash<__H: $crate::__private::core::hash::Hasher>(&self, state: &mut __H) {
                $crate::__private::core::hash::Hash::hash(&self.0, state)
            }
        }
    };
}

/// The constructors, `Deref`, conversions, iteration and standard traits
/// of a bit-packed container newtype `$vec` around `BitVec<$record>`:
///
/// `for CellBitVec; record: Cell; name: "CellBitVec"; vis: [pub];`
#[doc(hidden)]
#[macro_export]
macro_rules! __cr_bit_vec_newtype {
    (for $vec:ident; record: $record:ty; name: $name:expr; vis: [$($vis:tt)*];) => {
        #[automatically_derived]
        impl $vec {
            /// An empty container; allocates nothing.
            #[inline]
            $($vis)* const fn new() -> Self {
                $vec($crate::BitVec::new())
            }
            /// An empty container with room for `capacity` records, in exactly `ceil(capacity * BITS / 64)` words.
            #[inline]
            $($vis)* fn with_capacity(capacity: usize) -> Self {
                $vec($crate::BitVec::with_capacity(capacity))
            }
            /// The generic container inside.
            #[inline]
            $($vis)* fn into_inner(self) -> $crate::BitVec<$record> {
                self.0
            }
        }
        #[automatically_derived]
        impl $crate::__private::core::ops::Deref for $vec {
            type Target = $crate::BitVec<$record>;
            #[inline]
            fn deref(&self) -> &Self::Target { &self.0 }
        }
        #[automatically_derived]
        impl $crate::__private::core::ops::DerefMut for $vec {
            #[inline]
            fn deref_mut(&mut self) -> &mut Self::Target { &mut self.0 }
        }
        #[automatically_derived]
        impl $crate::__private::core::convert::From<$crate::BitVec<$record>> for $vec {
            #[inline]
            fn from(vec: $crate::BitVec<$record>) -> Self { $vec(vec) }
        }
        #[automatically_derived]
        impl $crate::__private::core::convert::From<$vec> for $crate::BitVec<$record> {
            #[inline]
            fn from(vec: $vec) -> Self { vec.0 }
        }
        #[automatically_derived]
        impl $crate::__private::core::default::Default for $vec {
            #[inline]
            fn default() -> Self { $vec::new() }
        }
        #[automatically_derived]
        impl $crate::__private::core::clone::Clone for $vec {
            #[inline]
            fn clone(&self) -> Self { $vec($crate::__private::core::clone::Clone::clone(&self.0)) }
        }
        #[automatically_derived]
        impl $crate::__private::core::cmp::PartialEq for $vec {
            #[inline]
            fn eq(&self, other: &Self) -> bool { self.0 == other.0 }
        }
        #[automatically_derived]
        impl $crate::__private::core::cmp::Eq for $vec {}
        #[automatically_derived]
        impl $crate::__private::core::hash::Hash for $vec {
            fn hash<__H: $crate::__private::core::hash::Hasher>(&self, state: &mut __H) {
                $crate::__private::core::hash::Hash::hash(&self.0, state)
            }
        }
        #[automatically_derived]
        impl $crate::__private::core::fmt::Debug for $vec
        where
            for<'__cr> $record: $crate::__private::core::fmt::Debug,
        {
            #[inline]
            fn fmt(&self, f: &mut $crate::__private::core::fmt::Formatter<'_>) -> $crate::__private::core::fmt::Result {
                f.write_str($name)?;
                $crate::__private::core::fmt::Debug::fmt(&self.0, f)
            }
        }
        #[automatically_derived]
        impl $crate::__private::core::iter::FromIterator<$record> for $vec {
            /// Collects records.
            ///
            /// # Panics
            ///
            /// When a field of a record does not fit its bits.
            fn from_iter<__I: $crate::__private::core::iter::IntoIterator<Item = $record>>(iter: __I) -> Self {
                $vec($crate::__private::core::iter::FromIterator::from_iter(iter))
            }
        }
        #[automatically_derived]
        impl $crate::__private::core::iter::Extend<$record> for $vec {
            /// Appends records.
            ///
            /// # Panics
            ///
            /// When a field of a record does not fit its bits.
            fn extend<__I: $crate::__private::core::iter::IntoIterator<Item = $record>>(&mut self, iter: __I) {
                $crate::__private::core::iter::Extend::extend(&mut self.0, iter)
            }
        }
        #[automatically_derived]
        impl<'__a> $crate::__private::core::iter::Extend<&'__a $record> for $vec
        where
            for<'__cr> $record: $crate::__private::core::marker::Copy,
        {
            fn extend<__I: $crate::__private::core::iter::IntoIterator<Item = &'__a $record>>(&mut self, iter: __I) {
                $crate::__private::core::iter::Extend::extend(&mut self.0, iter)
            }
        }
        #[automatically_derived]
        impl<'__a> $crate::__private::core::iter::IntoIterator for &'__a $vec {
            type Item = $record;
            type IntoIter = $crate::bits::Iter<'__a, $record>;
            #[inline]
            fn into_iter(self) -> Self::IntoIter { self.0.iter() }
        }
        #[automatically_derived]
        impl $crate::__private::core::iter::IntoIterator for $vec {
            type Item = $record;
            type IntoIter = $crate::bits::IntoIter<$record>;
            #[inline]
            fn into_iter(self) -> Self::IntoIter { $crate::__private::core::iter::IntoIterator::into_iter(self.0) }
        }
    };
}
