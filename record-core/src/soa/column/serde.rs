//! With the `serde` feature: one value of a column, serialized
//! ([`SerializeColumn`]): a `Vec<T>`'s `T`, an encoded column's `&str`,
//! `Option<T>` or `bool`. What `Soa`'s `Serialize` writes row by row.

use serde::{Serialize, Serializer};

use super::encoded::Encoding;
use super::Column;

/// A column whose values serialize.
pub trait SerializeColumn: Column {
    /// Serializes the value of row `index`.
    #[doc(hidden)]
    fn serialize_at<S: Serializer>(&self, index: usize, serializer: S) -> Result<S::Ok, S::Error>;
}

impl<H: Serialize> SerializeColumn for alloc::vec::Vec<H> {
    #[inline]
    fn serialize_at<S: Serializer>(&self, index: usize, serializer: S) -> Result<S::Ok, S::Error> {
        self[index].serialize(serializer)
    }
}

impl<E: Encoding> SerializeColumn for E
where
    for<'a> E::Ref<'a>: Serialize,
{
    #[inline]
    fn serialize_at<S: Serializer>(&self, index: usize, serializer: S) -> Result<S::Ok, S::Error> {
        E::s_get(self.slice(), index).serialize(serializer)
    }
}

/// Row `index` of a column, as a `Serialize` value.
pub struct At<'a, C>(pub &'a C, pub usize);

impl<C: SerializeColumn> Serialize for At<'_, C> {
    #[inline]
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize_at(self.1, serializer)
    }
}
