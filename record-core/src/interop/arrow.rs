//! Apache Arrow: a record's schema, and its [`Soa`] container to and from a
//! [`RecordBatch`], without copying the primitive columns.
//!
//! Enabled by the `arrow` feature. Every record whose field types have an
//! Arrow mapping ([`ArrowValue`]) gets, with no change to the derive:
//!
//! * `Point::arrow_schema()` ([`ArrowRecord`]): one Arrow field per record
//!   field, in declaration order, nullable exactly for the `Option<T>`
//!   fields;
//! * `RecordBatch::from(soa)` / `soa.into_record_batch()`: each `Vec<T>` of
//!   an integer or float column becomes the Arrow buffer as it is (the
//!   allocation changes owner; nothing is copied, whatever the length);
//!   `bool`, `String` and `Option<T>` columns are converted (Arrow stores
//!   them as bitmaps and offsets);
//! * `PointSoa::try_from(batch)` (also from `&RecordBatch`, and
//!   `Soa<Point>` the same): checks the whole batch first (every field has a
//!   column by name, no other column, each of the expected type, no null in
//!   a field that is not an `Option`), then takes each primitive buffer over
//!   when the batch owned it alone and it was allocated like a `Vec`, and
//!   copies otherwise. An error names the column, the expected and the
//!   actual type or the row; nothing is returned partly filled.
//!
//! ```
//! use compact_record::CompactRecord;
//! use compact_record::arrow::{ArrowRecord, ArrowSoa};
//!
//! #[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
//! pub struct Point { pub x: i32, pub y: i32, pub z: i32 }
//!
//! let points: PointSoa = (0..1000).map(|i| Point { x: i, y: 2 * i, z: -i }).collect();
//! let x_ptr = points.x().as_ptr();
//!
//! let batch = points.into_record_batch();              // no copy
//! assert_eq!(batch.schema().as_ref(), &Point::arrow_schema());
//! assert_eq!(batch.num_rows(), 1000);
//!
//! // `PointSoa::try_from(batch)` with `use compact_record::...` in a user crate.
//! let back = PointSoa::try_from_record_batch(batch).unwrap(); // no copy either
//! assert_eq!(back.x().as_ptr(), x_ptr);
//! assert_eq!(back.get(7).map(|p| *p.y), Some(14));
//! ```
//!
//! # Nested records
//!
//! A `#[record(nested)]` field (`pos: Vec3` in `Particle`) is a
//! non-nullable `Struct` column whose children are the nested record's own
//! fields. Its columns, spliced into the outer record's, move into the
//! `StructArray` without a copy and come back out of it the same way; on
//! import the children are matched by name and checked like top-level
//! columns, a null struct entry is refused, and errors name the dotted
//! column (`pos.x`).
//!
//! # Supported field types
//!
//! | Rust | Arrow |
//! | --- | --- |
//! | `i8` .. `i64`, `u8` .. `u64` | `Int8` .. `Int64`, `UInt8` .. `UInt64` (no copy) |
//! | `f32`, `f64` | `Float32`, `Float64` (no copy) |
//! | `bool` | `Boolean` (a bitmap: converted) |
//! | `String` | `Utf8` (reads `LargeUtf8` and `Utf8View` too; converted) |
//! | `Option<T>` of the above | the same type, nullable (converted) |
//! | `[T; N]`, `T` an integer or float | `FixedSizeList(T, N)` (no copy) |
//! | a `CompactEnum` enum | `Dictionary(UInt8/16/32, Utf8)` of variant names, or its code (see [`arrow_enum`](super::arrow_enum)) |
//!
//! Any other field type (`usize`, `char`, a user type, a borrowed `&str`,
//! `Option<[T; N]>`, ...) does not implement [`ArrowValue`]: calling these
//! methods on its record is a compile error that says so.

use alloc::format;
use alloc::string::String;
use alloc::sync::Arc;
use alloc::vec::Vec;

use arrow_array::cast::AsArray;
use arrow_array::types::{
    ArrowPrimitiveType, Float32Type, Float64Type, Int16Type, Int32Type, Int64Type, Int8Type,
    UInt16Type, UInt32Type, UInt64Type, UInt8Type,
};
use arrow_array::{
    Array, ArrayRef, BooleanArray, FixedSizeListArray, LargeStringArray, PrimitiveArray,
    StringArray, StructArray,
};
use arrow_buffer::ScalarBuffer;
use arrow_schema::{DataType, Field as ArrowField, Fields, Schema, SchemaRef};

pub use arrow_array::RecordBatch;
/// The arrow-rs crates this module is built on, re-exported so that users
/// name the same versions.
pub use {arrow_array, arrow_buffer, arrow_schema};

pub use super::batch_reader::SoaBatches;
pub use super::read_options::ReadOptions;
use super::InteropError;
use crate::layout::FieldInfo;
use crate::record::CompactRecord;
use crate::soa::{Columns, Shape, Soa, SoaContainer, SoaRecord};

/// A field type with an Arrow column type: how a `Vec` of it becomes an
/// Arrow array and back. Implemented for the types listed in the
/// [module documentation](self); not meant to be implemented elsewhere.
#[diagnostic::on_unimplemented(
    message = "the field type `{Self}` has no Arrow column type",
    label = "no Arrow mapping for `{Self}`",
    note = "Arrow columns exist for the integers i8..i64 and u8..u64, f32, f64, bool, String, `Option<T>` of those, and `[T; N]` of integers or floats",
    note = "change the field's type, or convert the records yourself"
)]
pub trait ArrowValue: Sized {
    /// Whether the column may hold nulls (`Option<T>`).
    const NULLABLE: bool;

    /// The Arrow type of the column.
    fn data_type() -> DataType;

    /// Whether a column of Arrow type `actual` can be read into this type.
    fn accepts(actual: &DataType) -> bool {
        *actual == Self::data_type()
    }

    /// The first row holding a null this type cannot hold (for a fixed-size
    /// list, also a null inside an element), or `None`. Called only on an
    /// array this type [accepts](Self::accepts).
    fn first_null(array: &dyn Array) -> Option<usize> {
        if Self::NULLABLE {
            None
        } else {
            first_null(array)
        }
    }

    /// The first row whose value this type has no value for (an enum
    /// column's name or code no variant has), and that value as text, or
    /// `None`. Called only on an array this type
    /// [accepts](Self::accepts); every value of the other types is valid.
    fn first_invalid(array: &dyn Array) -> Option<(usize, String)> {
        let _ = array;
        None
    }

    /// The column as an Arrow array; integers and floats without copying.
    fn into_array(column: Vec<Self>) -> ArrayRef;

    /// The column from an array that passed [`accepts`](Self::accepts) and
    /// [`first_null`](Self::first_null). Takes the buffer over when the
    /// array holds the only reference to it; copies otherwise.
    #[doc(hidden)]
    fn from_array(array: ArrayRef) -> Vec<Self>;
}

fn first_null(array: &dyn Array) -> Option<usize> {
    if array.null_count() == 0 {
        return None;
    }
    array
        .logical_nulls()
        .and_then(|nulls| nulls.iter().position(|valid| !valid))
}

/// Integers and floats: their `Vec` is an Arrow buffer as it is.
pub trait ArrowPrimitive: ArrowValue + arrow_buffer::ArrowNativeType {
    /// The arrow-rs type marker (`Int32Type` for `i32`).
    type Type: ArrowPrimitiveType<Native = Self>;
}

/// The buffer of a primitive array, taken over if unshared and allocated
/// like a `Vec<T::Native>`, else copied.
fn primitive_vec<T: ArrowPrimitiveType>(array: ArrayRef) -> Vec<T::Native> {
    let typed: PrimitiveArray<T> = array.as_primitive::<T>().clone();
    // Dropping the `ArrayRef` leaves `typed` the only owner of the buffer
    // when the batch was.
    drop(array);
    let (_, values, _) = typed.into_parts();
    match values.into_inner().into_vec::<T::Native>() {
        Ok(vec) => vec,
        Err(shared) => ScalarBuffer::<T::Native>::from(shared).to_vec(),
    }
}

macro_rules! primitive {
    ($($t:ty => $arrow:ty),* $(,)?) => {$(
        impl ArrowPrimitive for $t {
            type Type = $arrow;
        }

        impl ArrowValue for $t {
            const NULLABLE: bool = false;
            fn data_type() -> DataType {
                <$arrow as ArrowPrimitiveType>::DATA_TYPE
            }
            fn into_array(column: Vec<Self>) -> ArrayRef {
                // `ScalarBuffer::from(Vec)` is `Buffer::from_vec`: the
                // allocation changes owner, nothing is copied.
                Arc::new(PrimitiveArray::<$arrow>::new(ScalarBuffer::from(column), None))
            }
            fn from_array(array: ArrayRef) -> Vec<Self> {
                primitive_vec::<$arrow>(array)
            }
        }

        impl ArrowValue for Option<$t> {
            const NULLABLE: bool = true;
            fn data_type() -> DataType {
                <$arrow as ArrowPrimitiveType>::DATA_TYPE
            }
            fn into_array(column: Vec<Self>) -> ArrayRef {
                Arc::new(PrimitiveArray::<$arrow>::from(column))
            }
            fn from_array(array: ArrayRef) -> Vec<Self> {
                array.as_primitive::<$arrow>().iter().collect()
            }
        }

        impl<const N: usize> ArrowValue for [$t; N] {
            const NULLABLE: bool = false;
            fn data_type() -> DataType {
                DataType::FixedSizeList(Arc::new(list_item::<$t>()), fixed_len::<N>())
            }
            fn accepts(actual: &DataType) -> bool {
                matches!(actual, DataType::FixedSizeList(item, n)
                    if *n == fixed_len::<N>() && *item.data_type() == <$t as ArrowValue>::data_type())
            }
            fn first_null(array: &dyn Array) -> Option<usize> {
                let list = array.as_fixed_size_list();
                let row = first_null(list);
                let inner = first_null(list.values().as_ref()).map(|i| i / N.max(1));
                match (row, inner) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                }
            }
            fn into_array(column: Vec<Self>) -> ArrayRef {
                let rows = column.len();
                // `Vec<[T; N]>` to `Vec<T>` reuses the allocation.
                let flat: Vec<$t> = column.into_flattened();
                let values = <$t as ArrowValue>::into_array(flat);
                // The length is given: with `N == 0` the values say nothing
                // about the rows.
                match FixedSizeListArray::try_new_with_length(
                    Arc::new(list_item::<$t>()),
                    fixed_len::<N>(),
                    values,
                    None,
                    rows,
                ) {
                    Ok(list) => Arc::new(list),
                    // `rows * N` values of the item's type, no nulls.
                    Err(e) => unreachable!("a column of `[T; N]` makes a fixed-size list: {e}"),
                }
            }
            fn from_array(array: ArrayRef) -> Vec<Self> {
                let list: FixedSizeListArray = array.as_fixed_size_list().clone();
                drop(array);
                if N == 0 {
                    // No values: the rows are the list's length.
                    return (0..list.len()).map(|_| core::array::from_fn(|_| <$t>::default())).collect();
                }
                let (_, _, values, _) = list.into_parts();
                let flat = primitive_vec::<$arrow>(values);
                // Same alignment, and the byte sizes are multiples of
                // `[T; N]` whenever the capacity is a multiple of `N`: then
                // the allocation is reused, else copied.
                match bytemuck::allocation::try_cast_vec::<$t, [$t; N]>(flat) {
                    Ok(rows) => rows,
                    Err((_, flat)) => flat
                        .chunks_exact(N.max(1))
                        .map(|c| core::array::from_fn(|i| c[i]))
                        .collect(),
                }
            }
        }
    )*};
}

primitive! {
    i8 => Int8Type, i16 => Int16Type, i32 => Int32Type, i64 => Int64Type,
    u8 => UInt8Type, u16 => UInt16Type, u32 => UInt32Type, u64 => UInt64Type,
    f32 => Float32Type, f64 => Float64Type,
}

fn list_item<T: ArrowValue>() -> ArrowField {
    ArrowField::new("item", T::data_type(), false)
}

fn fixed_len<const N: usize>() -> i32 {
    // A record of a `[T; N]` field with `N` over `i32::MAX` cannot exist
    // in memory for any `T` Arrow stores (at least 1 byte each, and a
    // column of 2 GiB elements per row is outside Arrow's format).
    i32::try_from(N).unwrap_or(i32::MAX)
}

impl ArrowValue for bool {
    const NULLABLE: bool = false;
    fn data_type() -> DataType {
        DataType::Boolean
    }
    fn into_array(column: Vec<Self>) -> ArrayRef {
        Arc::new(BooleanArray::from(column))
    }
    fn from_array(array: ArrayRef) -> Vec<Self> {
        array.as_boolean().values().iter().collect()
    }
}

impl ArrowValue for Option<bool> {
    const NULLABLE: bool = true;
    fn data_type() -> DataType {
        DataType::Boolean
    }
    fn into_array(column: Vec<Self>) -> ArrayRef {
        Arc::new(BooleanArray::from(column))
    }
    fn from_array(array: ArrayRef) -> Vec<Self> {
        array.as_boolean().iter().collect()
    }
}

fn is_string(actual: &DataType) -> bool {
    matches!(
        actual,
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View
    )
}

/// The strings of a `Utf8`, `LargeUtf8` or `Utf8View` array, `None` for
/// nulls.
fn strings(array: &dyn Array) -> Vec<Option<String>> {
    let own = |s: Option<&str>| s.map(String::from);
    match array.data_type() {
        DataType::LargeUtf8 => array.as_string::<i64>().iter().map(own).collect(),
        DataType::Utf8View => array.as_string_view().iter().map(own).collect(),
        _ => array.as_string::<i32>().iter().map(own).collect(),
    }
}

/// The bytes of the `Utf8View` strings in `array` and its struct
/// children: what copying them into `String`s allocates (views may repeat
/// the same bytes, so this can exceed the array's size many times).
pub(crate) fn string_view_bytes(array: &dyn Array) -> usize {
    match array.data_type() {
        DataType::Utf8View => array
            .as_string_view()
            .views()
            .iter()
            // The low 32 bits of a view are its string's length.
            .map(|view| *view as u32 as usize)
            .fold(0, usize::saturating_add),
        DataType::Struct(_) => array
            .as_struct()
            .columns()
            .iter()
            .map(|c| string_view_bytes(c.as_ref()))
            .fold(0, usize::saturating_add),
        _ => 0,
    }
}

/// Whether strings of `bytes` bytes in all need `LargeUtf8`'s `i64`
/// offsets (`Utf8`'s `i32` offsets end at `limit`, `i32::MAX`).
fn needs_large_offsets(bytes: usize, limit: usize) -> bool {
    bytes > limit
}

/// A string column as `Utf8`, or as `LargeUtf8` when its bytes exceed
/// `limit` (the export decides the schema from the arrays' types).
fn string_array<S: AsRef<str>>(column: Vec<Option<S>>, limit: usize) -> ArrayRef {
    let bytes = column
        .iter()
        .flatten()
        .map(|s| s.as_ref().len())
        .fold(0usize, usize::saturating_add);
    if needs_large_offsets(bytes, limit) {
        Arc::new(LargeStringArray::from_iter(column))
    } else {
        Arc::new(StringArray::from_iter(column))
    }
}

/// The end of `Utf8`'s `i32` offsets.
const UTF8_LIMIT: usize = i32::MAX as usize;

impl ArrowValue for String {
    const NULLABLE: bool = false;
    fn data_type() -> DataType {
        DataType::Utf8
    }
    fn accepts(actual: &DataType) -> bool {
        is_string(actual)
    }
    fn into_array(column: Vec<Self>) -> ArrayRef {
        string_array(column.into_iter().map(Some).collect(), UTF8_LIMIT)
    }
    fn from_array(array: ArrayRef) -> Vec<Self> {
        strings(array.as_ref())
            .into_iter()
            .map(Option::unwrap_or_default)
            .collect()
    }
}

impl ArrowValue for Option<String> {
    const NULLABLE: bool = true;
    fn data_type() -> DataType {
        DataType::Utf8
    }
    fn accepts(actual: &DataType) -> bool {
        is_string(actual)
    }
    fn into_array(column: Vec<Self>) -> ArrayRef {
        string_array(column, UTF8_LIMIT)
    }
    fn from_array(array: ArrayRef) -> Vec<Self> {
        strings(array.as_ref())
    }
}

#[diagnostic::on_unimplemented(
    message = "a field type of this record has no Arrow column type",
    note = "Arrow columns exist for the integers i8..i64 and u8..u64, f32, f64, bool, String, `Option<T>` of those, and `[T; N]` of integers or floats"
)]
/// The columns of a record whose every field type is an [`ArrowValue`]:
/// the nested tuple `(Vec<A>, (Vec<B>, ()))` of [`SoaRecord::Columns`].
/// Implemented for those tuples; the methods are used by [`ArrowRecord`]
/// and the `Soa` conversions.
pub trait ArrowColumns: Columns {
    /// Appends one Arrow field per column, named after `names`.
    #[doc(hidden)]
    fn schema_fields(names: &[&str], out: &mut Vec<ArrowField>);
    /// Checks `arrays` (one per column, in order) against the column types;
    /// `paths` names the columns in errors.
    #[doc(hidden)]
    fn check(arrays: &[ArrayRef], paths: &[String]) -> Result<(), InteropError>;
    /// Checks only the Arrow types, for a schema seen before any data.
    #[doc(hidden)]
    fn check_types(types: &[&DataType], paths: &[String]) -> Result<(), InteropError>;
    /// Moves every column into an array.
    #[doc(hidden)]
    fn into_arrays(self, out: &mut Vec<ArrayRef>);
    /// Builds the columns from arrays that passed [`check`](Self::check).
    #[doc(hidden)]
    fn from_arrays(arrays: &mut alloc::vec::IntoIter<ArrayRef>) -> Self;
}

impl ArrowColumns for () {
    fn schema_fields(_: &[&str], _: &mut Vec<ArrowField>) {}
    fn check(_: &[ArrayRef], _: &[String]) -> Result<(), InteropError> {
        Ok(())
    }
    fn check_types(_: &[&DataType], _: &[String]) -> Result<(), InteropError> {
        Ok(())
    }
    fn into_arrays(self, _: &mut Vec<ArrayRef>) {}
    fn from_arrays(_: &mut alloc::vec::IntoIter<ArrayRef>) -> Self {}
}

fn split<T>(items: &[T]) -> (Option<&T>, &[T]) {
    match items.split_first() {
        Some((first, rest)) => (Some(first), rest),
        None => (None, &[]),
    }
}

fn path_of(path: Option<&String>) -> String {
    path.cloned().unwrap_or_else(|| String::from("?"))
}

impl<H: ArrowValue, T: ArrowColumns> ArrowColumns for (Vec<H>, T) {
    fn schema_fields(names: &[&str], out: &mut Vec<ArrowField>) {
        let (name, rest) = split(names);
        out.push(ArrowField::new(
            name.copied().unwrap_or("?"),
            H::data_type(),
            H::NULLABLE,
        ));
        T::schema_fields(rest, out);
    }

    fn check_types(types: &[&DataType], paths: &[String]) -> Result<(), InteropError> {
        let (path, rest_paths) = split(paths);
        let (actual, rest) = split(types);
        if let Some(actual) = actual {
            if !H::accepts(actual) {
                return Err(InteropError::WrongType {
                    column: path_of(path),
                    expected: H::data_type(),
                    actual: (*actual).clone(),
                });
            }
        }
        T::check_types(rest, rest_paths)
    }

    fn check(arrays: &[ArrayRef], paths: &[String]) -> Result<(), InteropError> {
        let (path, rest_paths) = split(paths);
        let (array, rest) = split(arrays);
        if let Some(array) = array {
            if !H::accepts(array.data_type()) {
                return Err(InteropError::WrongType {
                    column: path_of(path),
                    expected: H::data_type(),
                    actual: array.data_type().clone(),
                });
            }
            if let Some(row) = H::first_null(array.as_ref()) {
                return Err(InteropError::Null {
                    column: path_of(path),
                    expected: H::data_type(),
                    row,
                });
            }
            if let Some((row, value)) = H::first_invalid(array.as_ref()) {
                return Err(super::arrow_enum::invalid(path_of(path), row, value));
            }
        }
        T::check(rest, rest_paths)
    }

    fn into_arrays(self, out: &mut Vec<ArrayRef>) {
        out.push(H::into_array(self.0));
        self.1.into_arrays(out);
    }

    fn from_arrays(arrays: &mut alloc::vec::IntoIter<ArrayRef>) -> Self {
        let head = arrays.next().map_or_else(Vec::new, H::from_array);
        (head, T::from_arrays(arrays))
    }
}

/// One field of a record as Arrow sees it: a column, or a nested record
/// stored as a struct of its own fields.
enum Node {
    /// A field in one column: its name and dotted path (`pos.x`).
    Leaf { name: &'static str, path: String },
    /// A `#[record(nested)]` field: its name, dotted path and fields.
    Struct {
        name: &'static str,
        path: String,
        children: Vec<Node>,
    },
}

impl Node {
    fn name(&self) -> &'static str {
        match self {
            Node::Leaf { name, .. } | Node::Struct { name, .. } => name,
        }
    }

    fn path(&self) -> &str {
        match self {
            Node::Leaf { path, .. } | Node::Struct { path, .. } => path,
        }
    }
}

fn dotted(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        String::from(name)
    } else {
        format!("{prefix}.{name}")
    }
}

/// The tree of a record's fields (`shape` empty: every field one column).
fn nodes(fields: &[FieldInfo], shape: &[Shape], prefix: &str) -> Vec<Node> {
    if shape.is_empty() {
        return fields
            .iter()
            .map(|f| Node::Leaf {
                name: f.name,
                path: dotted(prefix, f.name),
            })
            .collect();
    }
    shape
        .iter()
        .map(|part| match *part {
            Shape::Field(name) => Node::Leaf {
                name,
                path: dotted(prefix, name),
            },
            Shape::Nested {
                name,
                fields,
                shape,
                ..
            } => {
                let path = dotted(prefix, name);
                let children = nodes(fields, shape, &path);
                Node::Struct {
                    name,
                    path,
                    children,
                }
            }
        })
        .collect()
}

fn record_nodes<R: CompactRecord>() -> Vec<Node> {
    nodes(R::FIELDS, R::__SHAPE, "")
}

/// The leaves (columns) of a tree in column order: plain names and paths.
fn leaves(nodes: &[Node], names: &mut Vec<&'static str>, paths: &mut Vec<String>) {
    for node in nodes {
        match node {
            Node::Leaf { name, path } => {
                names.push(name);
                paths.push(path.clone());
            }
            Node::Struct { children, .. } => leaves(children, names, paths),
        }
    }
}

/// The column paths of a record, in column order (`pos.x`, ..., `mass`).
pub(crate) fn column_paths<R: CompactRecord>() -> Vec<String> {
    let (mut names, mut paths) = (Vec::new(), Vec::new());
    leaves(&record_nodes::<R>(), &mut names, &mut paths);
    paths
}

/// Groups flat leaf items into the tree: `leaf` takes the next leaf,
/// `group` makes a struct item from a node and its children's items.
fn regroup<T>(
    nodes: &[Node],
    flat: &mut alloc::vec::IntoIter<T>,
    group: &mut impl FnMut(&Node, Vec<T>) -> T,
) -> Vec<T> {
    let mut out = Vec::with_capacity(nodes.len());
    for node in nodes {
        match node {
            Node::Leaf { .. } => out.extend(flat.next()),
            Node::Struct { children, .. } => {
                let items = regroup(children, flat, group);
                out.push(group(node, items));
            }
        }
    }
    out
}

/// The Arrow fields of a tree, from the flat leaf fields.
fn tree_fields(nodes: &[Node], flat: Vec<ArrowField>) -> Vec<ArrowField> {
    regroup(nodes, &mut flat.into_iter(), &mut |node, children| {
        ArrowField::new(node.name(), DataType::Struct(Fields::from(children)), false)
    })
}

/// The Arrow schema of a record: `Point::arrow_schema()`. Implemented for
/// every [`CompactRecord`] whose field types all have an Arrow mapping.
#[diagnostic::on_unimplemented(
    message = "`{Self}` has a field type with no Arrow column type",
    note = "Arrow columns exist for the integers i8..i64 and u8..u64, f32, f64, bool, String, `Option<T>` of those, and `[T; N]` of integers or floats"
)]
pub trait ArrowRecord: CompactRecord {
    /// One Arrow field per record field, in declaration order, with the
    /// field's name and Arrow type, nullable for the `Option<T>` fields.
    fn arrow_schema() -> Schema;

    /// A batch of records given by value, in any form that converts to the
    /// record: `Vec<PointFixed>`, `Vec<PointPacked>`, a `CellBitVec`'s
    /// iterator. Copies each record into columns, then hands the columns
    /// over.
    fn record_batch_from<I>(records: I) -> RecordBatch
    where
        I: IntoIterator,
        I::Item: Into<Self>;
}

impl<R: CompactRecord> ArrowRecord for R
where
    R::Columns: ArrowColumns,
{
    fn arrow_schema() -> Schema {
        let nodes = record_nodes::<R>();
        let (mut names, mut paths) = (Vec::new(), Vec::new());
        leaves(&nodes, &mut names, &mut paths);
        let mut flat = Vec::with_capacity(names.len());
        <R::Columns as ArrowColumns>::schema_fields(&names, &mut flat);
        super::logical::export_schema::<R>(Schema::new(tree_fields(&nodes, flat)))
    }

    fn record_batch_from<I>(records: I) -> RecordBatch
    where
        I: IntoIterator,
        I::Item: Into<Self>,
    {
        RecordBatch::from(records.into_iter().map(Into::into).collect::<Soa<R>>())
    }
}

/// The name of a record (its type's name), for messages.
pub(crate) fn record_name<R: CompactRecord>() -> &'static str {
    R::FORMS.first().map_or("record", |f| f.name)
}

/// For each node of one level (the record's fields, or a nested record's
/// inside its struct column) in order, the position of its column in
/// `names`; an error for a missing or an extra column.
fn match_level(
    record: &'static str,
    nodes: &[Node],
    expected: &Fields,
    prefix: &str,
    names: &[&str],
    types: &[&DataType],
) -> Result<Vec<usize>, InteropError> {
    let mut order = Vec::with_capacity(nodes.len());
    for (node, want) in nodes.iter().zip(expected.iter()) {
        match names.iter().position(|n| *n == node.name()) {
            Some(i) => order.push(i),
            None => {
                return Err(InteropError::MissingColumn {
                    record,
                    column: String::from(node.path()),
                    expected: want.data_type().clone(),
                })
            }
        }
    }
    if let Some((i, name)) = names
        .iter()
        .enumerate()
        .find(|(_, n)| !nodes.iter().any(|node| node.name() == **n))
    {
        return Err(InteropError::ExtraColumn {
            record,
            column: dotted(prefix, name),
            actual: types.get(i).map_or(DataType::Null, |t| (*t).clone()),
        });
    }
    // A name given twice: `position` found the first one; the duplicate is
    // an extra column.
    if names.len() != order.len() {
        let dup = names
            .iter()
            .enumerate()
            .find(|(i, _)| !order.contains(i))
            .map_or("?", |(_, n)| *n);
        return Err(InteropError::ExtraColumn {
            record,
            column: format!("{} (a second column of that name)", dotted(prefix, dup)),
            actual: DataType::Null,
        });
    }
    Ok(order)
}

/// The fields of a struct type (empty for any other type: a leaf).
fn struct_fields(data_type: &DataType) -> Fields {
    match data_type {
        DataType::Struct(fields) => fields.clone(),
        _ => Fields::empty(),
    }
}

/// Checks one level of a schema and collects its leaf types in column
/// order.
fn check_level(
    record: &'static str,
    nodes: &[Node],
    expected: &Fields,
    prefix: &str,
    fields: &Fields,
    out: &mut Vec<DataType>,
) -> Result<(), InteropError> {
    let names: Vec<&str> = fields.iter().map(|f| f.name().as_str()).collect();
    let types: Vec<&DataType> = fields.iter().map(|f| f.data_type()).collect();
    let order = match_level(record, nodes, expected, prefix, &names, &types)?;
    for ((node, want), &i) in nodes.iter().zip(expected.iter()).zip(&order) {
        match node {
            Node::Leaf { .. } => out.push(types[i].clone()),
            Node::Struct { children, path, .. } => match types[i] {
                DataType::Struct(inner) => check_level(
                    record,
                    children,
                    &struct_fields(want.data_type()),
                    path,
                    inner,
                    out,
                )?,
                other => {
                    return Err(InteropError::WrongType {
                        column: path.clone(),
                        expected: want.data_type().clone(),
                        actual: other.clone(),
                    })
                }
            },
        }
    }
    Ok(())
}

/// Checks a schema against the record's: every field present by name, no
/// other column, each of a type the field accepts (nulls are checked on the
/// data). A nested record's field is a struct column checked the same way
/// inside; errors name its columns by their dotted path (`pos.x`).
pub fn check_schema<R: CompactRecord>(schema: &Schema) -> Result<(), InteropError>
where
    R::Columns: ArrowColumns,
{
    let schema = &super::logical::import_schema::<R>(schema)?;
    let nodes = record_nodes::<R>();
    let expected = R::arrow_schema();
    let mut leaf_types = Vec::new();
    check_level(
        record_name::<R>(),
        &nodes,
        expected.fields(),
        "",
        schema.fields(),
        &mut leaf_types,
    )?;
    let paths = column_paths::<R>();
    let types: Vec<&DataType> = leaf_types.iter().collect();
    <R::Columns as ArrowColumns>::check_types(&types, &paths)
}

/// Takes one level's arrays apart into leaf arrays in column order,
/// checking names, struct types and null struct entries.
#[allow(clippy::too_many_arguments)]
fn take_level(
    record: &'static str,
    nodes: &[Node],
    expected: &Fields,
    prefix: &str,
    names: &[&str],
    mut arrays: Vec<ArrayRef>,
    out: &mut Vec<ArrayRef>,
) -> Result<(), InteropError> {
    let types: Vec<&DataType> = arrays.iter().map(|a| a.data_type()).collect();
    let order = match_level(record, nodes, expected, prefix, names, &types)?;
    drop(types);
    for ((node, want), &i) in nodes.iter().zip(expected.iter()).zip(&order) {
        // Move each array out (leaving a cheap empty placeholder), so that
        // it is owned once.
        let empty: ArrayRef = Arc::new(BooleanArray::from(Vec::<bool>::new()));
        let array = core::mem::replace(&mut arrays[i], empty);
        match node {
            Node::Leaf { .. } => out.push(array),
            Node::Struct { children, path, .. } => {
                if !matches!(array.data_type(), DataType::Struct(_)) {
                    return Err(InteropError::WrongType {
                        column: path.clone(),
                        expected: want.data_type().clone(),
                        actual: array.data_type().clone(),
                    });
                }
                if let Some(row) = first_null(array.as_ref()) {
                    return Err(InteropError::Null {
                        column: path.clone(),
                        expected: want.data_type().clone(),
                        row,
                    });
                }
                let whole: StructArray = array.as_struct().clone();
                // Dropping the `ArrayRef` leaves `whole` the only owner of
                // the children when the batch was.
                drop(array);
                let (fields, inner, _) = whole.into_parts();
                let names: Vec<&str> = fields.iter().map(|f| f.name().as_str()).collect();
                take_level(
                    record,
                    children,
                    &struct_fields(want.data_type()),
                    path,
                    &names,
                    inner,
                    out,
                )?;
            }
        }
    }
    Ok(())
}

/// Named top-level arrays (a batch's columns) as the record's column
/// arrays in column order, a nested record's struct column taken apart
/// into its own columns; checks names and struct columns, not the column
/// types (see [`ArrowColumns::check`]). Also returns the column paths.
pub(crate) fn leaf_arrays<R: CompactRecord>(
    names: &[&str],
    arrays: Vec<ArrayRef>,
) -> Result<(Vec<ArrayRef>, Vec<String>), InteropError>
where
    R::Columns: ArrowColumns,
{
    let nodes = record_nodes::<R>();
    let expected = R::arrow_schema();
    let paths = column_paths::<R>();
    let mut out = Vec::with_capacity(paths.len());
    take_level(
        record_name::<R>(),
        &nodes,
        expected.fields(),
        "",
        names,
        arrays,
        &mut out,
    )?;
    Ok((out, paths))
}

/// Named arrays into a container; the checks of `TryFrom<RecordBatch>`,
/// plus equal lengths (a `RecordBatch` guarantees that already).
fn soa_from_named<R: CompactRecord>(
    names: &[&str],
    arrays: Vec<ArrayRef>,
) -> Result<Soa<R>, InteropError>
where
    R::Columns: ArrowColumns,
{
    // arrow-rs panics on some inconsistent arrays it was handed unchecked
    // (`ArrayData` built without validation); such a panic is an error.
    super::guard::guarded(
        || format!("a record batch for `{}`", record_name::<R>()),
        || soa_from_named_unguarded::<R>(names, arrays),
    )
}

fn soa_from_named_unguarded<R: CompactRecord>(
    names: &[&str],
    arrays: Vec<ArrayRef>,
) -> Result<Soa<R>, InteropError>
where
    R::Columns: ArrowColumns,
{
    let arrays = super::logical::import_arrays::<R>(names, arrays)?;
    let (ordered, paths) = leaf_arrays::<R>(names, arrays)?;
    if let Some(first) = ordered.first().map(|a| a.len()) {
        for (array, path) in ordered.iter().zip(&paths) {
            if array.len() != first {
                return Err(InteropError::UnequalLengths {
                    column: path.clone(),
                    expected: first,
                    actual: array.len(),
                });
            }
        }
    }
    <R::Columns as ArrowColumns>::check(&ordered, &paths)?;
    let cols = <R::Columns as ArrowColumns>::from_arrays(&mut ordered.into_iter());
    // Equal lengths were checked above, so this cannot fail; map the error
    // anyway rather than panic.
    Soa::try_from_columns(cols).map_err(|(_, e)| InteropError::UnequalLengths {
        column: paths.get(e.column).cloned().unwrap_or_else(|| "?".into()),
        expected: e.expected,
        actual: e.actual,
    })
}

/// Flat column arrays grouped as `fields` says: a struct field becomes a
/// `StructArray` of its children (the arrays move in, nothing is copied).
fn group_arrays(
    fields: &Fields,
    flat: &mut alloc::vec::IntoIter<ArrayRef>,
    rows: usize,
) -> Vec<ArrayRef> {
    let mut out = Vec::with_capacity(fields.len());
    for field in fields.iter() {
        match field.data_type() {
            DataType::Struct(children) => {
                let arrays = group_arrays(children, flat, rows);
                match StructArray::try_new_with_length(children.clone(), arrays, None, rows) {
                    Ok(array) => out.push(Arc::new(array) as ArrayRef),
                    // The child fields are built from the same column types
                    // and the container's columns have equal lengths.
                    Err(e) => unreachable!("a nested record's columns make a valid struct: {e}"),
                }
            }
            _ => out.extend(flat.next()),
        }
    }
    out
}

impl<R: CompactRecord> Soa<R>
where
    R::Columns: ArrowColumns,
{
    /// A container from named columns, checked as `TryFrom<RecordBatch>`
    /// is, and also for columns of unequal lengths (an error naming the
    /// first column whose length differs from the first field's).
    pub fn try_from_arrays<S: AsRef<str>>(
        columns: Vec<(S, ArrayRef)>,
    ) -> Result<Self, InteropError> {
        let (names, arrays): (Vec<S>, Vec<ArrayRef>) = columns.into_iter().unzip();
        let names: Vec<&str> = names.iter().map(AsRef::as_ref).collect();
        soa_from_named(&names, arrays)
    }

    /// The columns as a batch; integer and float columns are handed over
    /// without copying. The same as `RecordBatch::from(self)`.
    pub fn into_record_batch(self) -> RecordBatch {
        let rows = self.len();
        let mut flat = Vec::with_capacity(R::Columns::COUNT);
        self.into_columns().into_arrays(&mut flat);
        let schema: SchemaRef = Arc::new(schema_of_arrays::<R>(&flat));
        let arrays = group_arrays(schema.fields(), &mut flat.into_iter(), rows);
        let names: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
        let arrays = super::logical::export_arrays::<R>(&names, arrays);
        // Logical types (timestamps, dates) retype top-level columns: the
        // schema follows the arrays, as it does for `LargeUtf8` above.
        let fields: Vec<arrow_schema::Field> = schema
            .fields()
            .iter()
            .zip(&arrays)
            .map(|(f, a)| f.as_ref().clone().with_data_type(a.data_type().clone()))
            .collect();
        let schema: SchemaRef = Arc::new(Schema::new(fields));
        let options = arrow_array::RecordBatchOptions::new().with_row_count(Some(rows));
        match RecordBatch::try_new_with_options(schema, arrays, &options) {
            Ok(batch) => batch,
            // The schema is built from the same column types and the
            // container's columns have equal lengths.
            Err(e) => unreachable!("a container's columns always make a valid batch: {e}"),
        }
    }
}

/// The record's schema with each column's type taken from its array (a
/// `String` column over 2 GiB is `LargeUtf8`, not the schema's `Utf8`).
fn schema_of_arrays<R: CompactRecord>(arrays: &[ArrayRef]) -> Schema
where
    R::Columns: ArrowColumns,
{
    let nodes = record_nodes::<R>();
    let (mut names, mut paths) = (Vec::new(), Vec::new());
    leaves(&nodes, &mut names, &mut paths);
    let mut flat = Vec::with_capacity(names.len());
    <R::Columns as ArrowColumns>::schema_fields(&names, &mut flat);
    let flat = flat
        .into_iter()
        .zip(arrays)
        .map(|(field, array)| field.with_data_type(array.data_type().clone()))
        .collect();
    Schema::new(tree_fields(&nodes, flat))
}

impl<R: CompactRecord> From<Soa<R>> for RecordBatch
where
    R::Columns: ArrowColumns,
{
    /// See [`Soa::into_record_batch`].
    fn from(soa: Soa<R>) -> Self {
        soa.into_record_batch()
    }
}

impl<R: CompactRecord> TryFrom<RecordBatch> for Soa<R>
where
    R::Columns: ArrowColumns,
{
    type Error = InteropError;

    /// Checks the batch, then takes the primitive buffers over where the
    /// batch owned them alone (copies otherwise).
    fn try_from(batch: RecordBatch) -> Result<Self, InteropError> {
        let (schema, arrays, _) = batch.into_parts();
        let names: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
        soa_from_named(&names, arrays)
    }
}

impl<R: CompactRecord> TryFrom<&RecordBatch> for Soa<R>
where
    R::Columns: ArrowColumns,
{
    type Error = InteropError;

    /// Checks the batch, then copies its columns (the batch keeps its
    /// buffers).
    fn try_from(batch: &RecordBatch) -> Result<Self, InteropError> {
        Soa::try_from(batch.clone())
    }
}

/// Arrow conversions on every generated container (`PointSoa`), for
/// generic code: the same as the `From`/`TryFrom` impls.
pub trait ArrowSoa: SoaContainer
where
    <Self::Record as SoaRecord>::Columns: ArrowColumns,
{
    /// The container as a batch, without copying primitive columns.
    fn into_record_batch(self) -> RecordBatch {
        self.into().into_record_batch()
    }

    /// A container from a batch, checked (see [`TryFrom<RecordBatch>`]).
    fn try_from_record_batch(batch: RecordBatch) -> Result<Self, InteropError> {
        Soa::<Self::Record>::try_from(batch).map(Self::from)
    }
}

impl<C: SoaContainer> ArrowSoa for C where <C::Record as SoaRecord>::Columns: ArrowColumns {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_past_i32_offsets_are_large_utf8() {
        // The threshold itself, at `Utf8`'s last offset.
        assert!(!needs_large_offsets(UTF8_LIMIT, UTF8_LIMIT));
        assert!(needs_large_offsets(UTF8_LIMIT + 1, UTF8_LIMIT));
        // The same decision with a small limit, so that no 2 GiB column is
        // needed: 6 bytes fit a limit of 6, 7 need `LargeUtf8`.
        let small = string_array(alloc::vec![Some("abc"), None, Some("def")], 6);
        assert_eq!(small.data_type(), &DataType::Utf8);
        let large = string_array(alloc::vec![Some("abc"), None, Some("defg")], 6);
        assert_eq!(large.data_type(), &DataType::LargeUtf8);
        assert_eq!(large.as_string::<i64>().value(2), "defg");
        assert!(large.is_null(1));
    }
}
