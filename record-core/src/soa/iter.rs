//! Row iterators of [`Soa`](super::Soa): each wraps the zipped iterators of
//! the columns and turns nested tuples into records or row views.

use core::fmt;
use core::iter::FusedIterator;

use super::{Columns, SoaRecord, SoaRow};

macro_rules! row_iterator {
    (
        $(#[$doc:meta])*
        $name:ident [$($lt:lifetime)?] => $inner:ty, $item:ty, $convert:expr
    ) => {
        $(#[$doc])*
        pub struct $name<$($lt,)? R: SoaRecord $(+ $lt)?> {
            inner: $inner,
        }

        impl<$($lt,)? R: SoaRecord $(+ $lt)?> $name<$($lt,)? R> {
            #[inline]
            pub(super) fn new(inner: $inner) -> Self {
                $name { inner }
            }
        }

        impl<$($lt,)? R: SoaRecord $(+ $lt)?> Iterator for $name<$($lt,)? R> {
            type Item = $item;

            #[inline]
            fn next(&mut self) -> Option<$item> {
                self.inner.next().map($convert)
            }

            #[inline]
            fn size_hint(&self) -> (usize, Option<usize>) {
                self.inner.size_hint()
            }
        }

        impl<$($lt,)? R: SoaRecord $(+ $lt)?> DoubleEndedIterator for $name<$($lt,)? R> {
            #[inline]
            fn next_back(&mut self) -> Option<$item> {
                self.inner.next_back().map($convert)
            }
        }

        // The first column's iterator is a std slice/vec iterator, whose
        // size hint is exact; the zip reports it.
        impl<$($lt,)? R: SoaRecord $(+ $lt)?> ExactSizeIterator for $name<$($lt,)? R> {}

        impl<$($lt,)? R: SoaRecord $(+ $lt)?> FusedIterator for $name<$($lt,)? R> {}

        impl<$($lt,)? R: SoaRecord $(+ $lt)?> fmt::Debug for $name<$($lt,)? R> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_struct(stringify!($name)).field("remaining", &self.inner.size_hint().0).finish()
            }
        }
    };
}

row_iterator! {
    /// Iterator over the rows of a [`Soa`](super::Soa) by shared reference
    /// (`PointRef`), from [`Soa::iter`](super::Soa::iter).
    Iter['a] => <R::Columns as Columns>::Iter<'a>, <R as SoaRow<'a>>::Ref, R::new_ref
}

row_iterator! {
    /// Iterator over the rows of a [`Soa`](super::Soa) by exclusive
    /// reference (`PointMut`), from [`Soa::iter_mut`](super::Soa::iter_mut).
    IterMut['a] => <R::Columns as Columns>::IterMut<'a>, <R as SoaRow<'a>>::Mut, R::new_mut
}

row_iterator! {
    /// Iterator over the rows of a [`Soa`](super::Soa) by value, from
    /// `into_iter`. Dropping it drops the rows not yet yielded.
    IntoIter[] => <R::Columns as Columns>::IntoIter, R, R::from_row
}

row_iterator! {
    /// Draining iterator from [`Soa::drain`](super::Soa::drain): yields the
    /// removed rows by value. Dropping it drops the rows not yet yielded and
    /// closes the gap; leaking it leaves the rows before the range only.
    Drain['a] => <R::Columns as Columns>::Drain<'a>, R, R::from_row
}
