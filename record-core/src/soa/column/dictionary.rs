//! [`DictionaryColumn`]: a `String` column of few distinct values
//! (`#[record(dictionary)]`) as Arrow's `Dictionary` array holds it: one
//! code a row and the distinct values once, in a [`Utf8Column`].
//!
//! The codes are one byte wide while there are at most 256 distinct
//! values, and widen to `u16`, then `u32`, when a new value needs it (a
//! one-time copy of the codes: amortized O(1) a push). A push or a
//! [`Soa::set`](crate::Soa::set) looks the value up in a hash table of the
//! distinct values (amortized O(1)). Values are never forgotten: a value
//! whose rows are all removed stays in the dictionary (and in
//! `heap_bytes`) until the column is rebuilt (`clone` of a view, `collect`).

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;
use core::hash::{Hash, Hasher};

use super::encoded::Encoding;
use super::utf8::{Utf8Column, Utf8Slice};

/// The distinct values and a hash table of them.
#[derive(Clone, Default)]
struct Dictionary {
    values: Utf8Column,
    // Open addressing, linear probing: `code + 1` of the value hashed
    // there, 0 for an empty slot; a power of two, at most half full.
    table: Vec<u32>,
}

/// A string hash (FxHash's mixing, 8 bytes at a time).
#[inline]
fn hash(s: &str) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut h = s.len() as u64;
    let mut chunks = s.as_bytes().chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        h = (h.rotate_left(5) ^ w).wrapping_mul(K);
    }
    for &b in chunks.remainder() {
        h = (h.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
    }
    h
}

impl Dictionary {
    #[inline]
    fn len(&self) -> usize {
        self.values.len()
    }

    /// The code of `value`, if it is in the dictionary.
    fn lookup(&self, value: &str) -> Option<u32> {
        if self.table.is_empty() {
            return None;
        }
        let mask = self.table.len() - 1;
        let mut slot = hash(value) as usize & mask;
        loop {
            match self.table[slot] {
                0 => return None,
                c if self.values.get(c as usize - 1) == Some(value) => return Some(c - 1),
                _ => slot = (slot + 1) & mask,
            }
        }
    }

    /// The code of `value`, adding it if new.
    ///
    /// # Panics
    ///
    /// Past `u32::MAX` distinct values, or past `i32::MAX` bytes of them.
    #[track_caller]
    fn intern(&mut self, value: &str) -> u32 {
        if let Some(code) = self.lookup(value) {
            return code;
        }
        let code = u32::try_from(self.len())
            .ok()
            .filter(|&c| c < u32::MAX)
            .unwrap_or_else(|| panic!("dictionary column full: u32::MAX distinct values"));
        self.values.push(value);
        if (self.len()) * 2 > self.table.len() {
            self.rehash((self.table.len() * 2).max(16));
        } else {
            self.place(value, code);
        }
        code
    }

    fn place(&mut self, value: &str, code: u32) {
        let mask = self.table.len() - 1;
        let mut slot = hash(value) as usize & mask;
        while self.table[slot] != 0 {
            slot = (slot + 1) & mask;
        }
        self.table[slot] = code + 1;
    }

    fn rehash(&mut self, slots: usize) {
        self.table = alloc::vec![0; slots];
        let values = core::mem::take(&mut self.values);
        for (code, value) in values.iter().enumerate() {
            self.place(value, code as u32);
        }
        self.values = values;
    }

    /// Whether the first `other.len()` values of `self` are `other`'s, in
    /// order: codes of `other` then mean the same values in `self`.
    fn extends(&self, other: &Dictionary) -> bool {
        let n = other.len();
        n <= self.len()
            && self.values.offsets()[..=n] == *other.values.offsets()
            && self.values.bytes().as_bytes()[..other.values.bytes().len()]
                == *other.values.bytes().as_bytes()
    }

    fn heap_bytes(&self) -> usize {
        Encoding::heap_bytes(&self.values) + self.table.capacity() * 4
    }
}

/// The codes of a [`DictionaryColumn`], as wide as its dictionary needs.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Codes {
    /// At most 256 distinct values.
    U8(Vec<u8>),
    /// At most 65,536 distinct values.
    U16(Vec<u16>),
    /// More.
    U32(Vec<u32>),
}

/// A shared view of codes of a [`DictionaryColumn`].
#[derive(Clone, Copy, Debug)]
pub enum CodesSlice<'a> {
    /// One-byte codes.
    U8(&'a [u8]),
    /// Two-byte codes.
    U16(&'a [u16]),
    /// Four-byte codes.
    U32(&'a [u32]),
}

/// An exclusive view of codes (reordered by the views' sorts).
#[derive(Debug)]
pub enum CodesMut<'a> {
    /// One-byte codes.
    U8(&'a mut [u8]),
    /// Two-byte codes.
    U16(&'a mut [u16]),
    /// Four-byte codes.
    U32(&'a mut [u32]),
}

macro_rules! each_width {
    ($codes:expr, $v:ident => $body:expr) => {
        match $codes {
            Codes::U8($v) => $body,
            Codes::U16($v) => $body,
            Codes::U32($v) => $body,
        }
    };
}

macro_rules! each_slice {
    ($enum:ident, $codes:expr, $v:ident => $body:expr) => {
        match $codes {
            $enum::U8($v) => $body,
            $enum::U16($v) => $body,
            $enum::U32($v) => $body,
        }
    };
}

impl Codes {
    #[inline]
    fn len(&self) -> usize {
        each_width!(self, v => v.len())
    }

    #[inline]
    fn as_slice(&self) -> CodesSlice<'_> {
        match self {
            Codes::U8(v) => CodesSlice::U8(v),
            Codes::U16(v) => CodesSlice::U16(v),
            Codes::U32(v) => CodesSlice::U32(v),
        }
    }

    #[inline]
    fn as_mut(&mut self) -> CodesMut<'_> {
        match self {
            Codes::U8(v) => CodesMut::U8(v),
            Codes::U16(v) => CodesMut::U16(v),
            Codes::U32(v) => CodesMut::U32(v),
        }
    }

    /// Widens the codes so that `code` fits (a one-time copy).
    fn fit(&mut self, code: u32) {
        match self {
            Codes::U8(v) if code > u32::from(u8::MAX) => {
                *self = if code > u32::from(u16::MAX) {
                    Codes::U32(v.iter().map(|&c| u32::from(c)).collect())
                } else {
                    Codes::U16(v.iter().map(|&c| u16::from(c)).collect())
                };
            }
            Codes::U16(v) if code > u32::from(u16::MAX) => {
                *self = Codes::U32(v.iter().map(|&c| u32::from(c)).collect());
            }
            _ => {}
        }
    }

    /// Pushes a code that fits.
    #[inline]
    fn push(&mut self, code: u32) {
        self.fit(code);
        match self {
            Codes::U8(v) => v.push(code as u8),
            Codes::U16(v) => v.push(code as u16),
            Codes::U32(v) => v.push(code),
        }
    }

    #[inline]
    fn set(&mut self, index: usize, code: u32) {
        self.fit(code);
        match self {
            Codes::U8(v) => v[index] = code as u8,
            Codes::U16(v) => v[index] = code as u16,
            Codes::U32(v) => v[index] = code,
        }
    }

    fn heap_bytes(&self) -> usize {
        each_width!(self, v => v.capacity() * core::mem::size_of_val(&v.first().copied().unwrap_or_default()))
    }

    /// Empty codes as wide as `like`.
    fn empty_like(like: CodesSlice<'_>, n: usize) -> Self {
        match like {
            CodesSlice::U8(_) => Codes::U8(Vec::with_capacity(n)),
            CodesSlice::U16(_) => Codes::U16(Vec::with_capacity(n)),
            CodesSlice::U32(_) => Codes::U32(Vec::with_capacity(n)),
        }
    }
}

impl<'a> CodesSlice<'a> {
    /// The number of codes.
    #[inline]
    pub fn len(&self) -> usize {
        each_slice!(CodesSlice, self, v => v.len())
    }

    /// Whether there are no codes.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Code `index`, widened.
    #[inline]
    pub fn code(&self, index: usize) -> u32 {
        match self {
            CodesSlice::U8(v) => u32::from(v[index]),
            CodesSlice::U16(v) => u32::from(v[index]),
            CodesSlice::U32(v) => v[index],
        }
    }

    /// How many codes are `code` (a tight loop over the codes' own width).
    pub fn count(&self, code: u32) -> usize {
        match *self {
            CodesSlice::U8(v) => {
                u8::try_from(code).map_or(0, |c| v.iter().filter(|&&x| x == c).count())
            }
            CodesSlice::U16(v) => {
                u16::try_from(code).map_or(0, |c| v.iter().filter(|&&x| x == c).count())
            }
            CodesSlice::U32(v) => v.iter().filter(|&&x| x == code).count(),
        }
    }

    #[inline]
    fn split_at(self, mid: usize) -> (Self, Self) {
        match self {
            CodesSlice::U8(v) => {
                let (a, b) = v.split_at(mid);
                (CodesSlice::U8(a), CodesSlice::U8(b))
            }
            CodesSlice::U16(v) => {
                let (a, b) = v.split_at(mid);
                (CodesSlice::U16(a), CodesSlice::U16(b))
            }
            CodesSlice::U32(v) => {
                let (a, b) = v.split_at(mid);
                (CodesSlice::U32(a), CodesSlice::U32(b))
            }
        }
    }
}

impl CodesMut<'_> {
    #[inline]
    fn len(&self) -> usize {
        each_slice!(CodesMut, self, v => v.len())
    }

    fn shared(&self) -> CodesSlice<'_> {
        match self {
            CodesMut::U8(v) => CodesSlice::U8(v),
            CodesMut::U16(v) => CodesSlice::U16(v),
            CodesMut::U32(v) => CodesSlice::U32(v),
        }
    }

    fn reborrow(&mut self) -> CodesMut<'_> {
        match self {
            CodesMut::U8(v) => CodesMut::U8(v),
            CodesMut::U16(v) => CodesMut::U16(v),
            CodesMut::U32(v) => CodesMut::U32(v),
        }
    }

    fn swap(&mut self, a: usize, b: usize) {
        each_slice!(CodesMut, self, v => v.swap(a, b))
    }

    fn permute(&mut self, order: &[usize]) {
        each_slice!(CodesMut, self, v => {
            let old: Vec<_> = order.iter().map(|&i| v[i]).collect();
            v.copy_from_slice(&old);
        })
    }
}

/// A column of strings with few distinct values, as codes into a
/// dictionary of them (`#[record(dictionary)]`): one byte a row while
/// there are at most 256 distinct values.
///
/// ```
/// use compact_record::soa::column::{CodesSlice, DictionaryColumn};
///
/// let mut zones = DictionaryColumn::new();
/// for z in ["Queens", "Bronx", "Queens", "Manhattan"] {
///     zones.push(z);
/// }
/// assert_eq!(zones.get(2), Some("Queens"));
/// assert_eq!(zones.values().iter().collect::<Vec<_>>(), ["Queens", "Bronx", "Manhattan"]);
/// assert!(matches!(zones.as_slice().codes(), CodesSlice::U8(&[0, 1, 0, 2])));
/// assert_eq!(zones.as_slice().count("Queens"), 2);
/// ```
#[derive(Clone)]
pub struct DictionaryColumn {
    // Invariant: every code is below `dict.len()`.
    codes: Codes,
    dict: Dictionary,
}

/// A shared view of rows of a [`DictionaryColumn`]: what `trips.zone()`
/// returns.
#[derive(Clone, Copy)]
pub struct DictionarySlice<'a> {
    codes: CodesSlice<'a>,
    dict: &'a Dictionary,
}

/// An exclusive view of rows of a [`DictionaryColumn`]: it can reorder
/// them.
pub struct DictionarySliceMut<'a> {
    codes: CodesMut<'a>,
    dict: &'a Dictionary,
}

impl Default for DictionaryColumn {
    fn default() -> Self {
        Self::new()
    }
}

impl DictionaryColumn {
    /// An empty column.
    pub fn new() -> Self {
        DictionaryColumn {
            codes: Codes::U8(Vec::new()),
            dict: Dictionary::default(),
        }
    }

    /// The number of rows.
    #[inline]
    pub fn len(&self) -> usize {
        self.codes.len()
    }

    /// The bytes this column holds on the heap: every buffer's capacity
    /// (values, offsets, string bytes, codes, bits, the dictionary and its
    /// hash table).
    #[inline]
    pub fn heap_bytes(&self) -> usize {
        Encoding::heap_bytes(self)
    }

    /// Whether there are no rows.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Row `index`, or `None` if out of range.
    #[inline]
    pub fn get(&self, index: usize) -> Option<&str> {
        self.as_slice().get(index)
    }

    /// Appends a row: amortized O(1) (a hash look-up; a new value is
    /// added to the dictionary, the 257th widens the codes to `u16`).
    #[track_caller]
    pub fn push(&mut self, value: &str) {
        let code = self.dict.intern(value);
        self.codes.push(code);
    }

    /// Sets row `index` to `value` (amortized O(1)); returns the old
    /// value.
    ///
    /// # Panics
    ///
    /// If `index >= len`.
    #[track_caller]
    pub fn set(&mut self, index: usize, value: &str) -> String {
        let old = String::from(self.as_slice().row(index));
        let code = self.dict.intern(value);
        self.codes.set(index, code);
        old
    }

    /// The rows in order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &str> + ExactSizeIterator + '_ {
        self.as_slice().iter()
    }

    /// The distinct values, in the order they first came (code `c` is
    /// value `c`).
    #[inline]
    pub fn values(&self) -> &Utf8Column {
        &self.dict.values
    }

    /// The codes.
    #[inline]
    pub fn codes(&self) -> &Codes {
        &self.codes
    }

    /// All rows as a view.
    #[inline]
    pub fn as_slice(&self) -> DictionarySlice<'_> {
        DictionarySlice {
            codes: self.codes.as_slice(),
            dict: &self.dict,
        }
    }

    /// The codes and the distinct values, to hand over (Arrow export).
    pub fn into_parts(self) -> (Codes, Utf8Column) {
        (self.codes, self.dict.values)
    }

    /// A column from codes and distinct values.
    ///
    /// # Errors
    ///
    /// A message naming the first code out of range, or a repeated value.
    pub fn from_parts(codes: Codes, values: Utf8Column) -> Result<Self, String> {
        let n = values.len();
        let codes_view = codes.as_slice();
        for i in 0..codes_view.len() {
            let c = codes_view.code(i);
            if c as usize >= n {
                return Err(alloc::format!(
                    "dictionary key {c} at row {i} is out of range: there are {n} values"
                ));
            }
        }
        let mut dict = Dictionary::default();
        for (i, v) in values.iter().enumerate() {
            if dict.intern(v) as usize != i {
                return Err(alloc::format!("dictionary value {v:?} at {i} is repeated"));
            }
        }
        Ok(DictionaryColumn { codes, dict })
    }
}

impl<'a> DictionarySlice<'a> {
    /// The number of rows.
    #[inline]
    pub fn len(&self) -> usize {
        self.codes.len()
    }

    /// Whether there are no rows.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }

    /// Row `index`, or `None` if out of range.
    #[inline]
    pub fn get(&self, index: usize) -> Option<&'a str> {
        (index < self.len()).then(|| self.row(index))
    }

    #[inline]
    fn row(&self, index: usize) -> &'a str {
        let values: Utf8Slice<'a> = self.dict.values.as_slice();
        let code = self.codes.code(index) as usize;
        match values.get(code) {
            Some(s) => s,
            None => unreachable!("a dictionary column's codes are below its length"),
        }
    }

    /// The rows in order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &'a str> + ExactSizeIterator + 'a {
        let s = *self;
        (0..s.len()).map(move |i| s.row(i))
    }

    /// The codes of the rows.
    #[inline]
    pub fn codes(&self) -> CodesSlice<'a> {
        self.codes
    }

    /// The distinct values (of the whole column).
    #[inline]
    pub fn values(&self) -> &'a Utf8Column {
        &self.dict.values
    }

    /// The code of `value`, if the dictionary has it.
    #[inline]
    pub fn code_of(&self, value: &str) -> Option<u32> {
        self.dict.lookup(value)
    }

    /// How many rows are `value`: one look-up, then a scan of the codes.
    pub fn count(&self, value: &str) -> usize {
        self.code_of(value).map_or(0, |c| self.codes.count(c))
    }
}

impl PartialEq for DictionaryColumn {
    /// Equal rows (the dictionaries may differ).
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl Eq for DictionaryColumn {}

impl Hash for DictionaryColumn {
    fn hash<S: Hasher>(&self, state: &mut S) {
        for s in self.iter() {
            s.hash(state);
        }
    }
}

impl fmt::Debug for DictionaryColumn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl fmt::Debug for DictionarySlice<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl Encoding for DictionaryColumn {
    type Item = String;
    type Ref<'a> = &'a str;
    type Slice<'a> = DictionarySlice<'a>;
    type SliceMut<'a> = DictionarySliceMut<'a>;

    fn with_capacity(n: usize) -> Self {
        DictionaryColumn {
            codes: Codes::U8(Vec::with_capacity(n)),
            dict: Dictionary::default(),
        }
    }
    #[inline]
    fn len(&self) -> usize {
        self.codes.len()
    }
    #[inline]
    fn capacity(&self) -> usize {
        each_width!(&self.codes, v => v.capacity())
    }
    fn reserve(&mut self, additional: usize) {
        each_width!(&mut self.codes, v => v.reserve(additional));
    }
    fn reserve_exact(&mut self, additional: usize) {
        each_width!(&mut self.codes, v => v.reserve_exact(additional));
    }
    fn shrink_to_fit(&mut self) {
        each_width!(&mut self.codes, v => v.shrink_to_fit());
        Encoding::shrink_to_fit(&mut self.dict.values);
    }
    #[inline]
    fn heap_bytes(&self) -> usize {
        self.codes.heap_bytes() + self.dict.heap_bytes()
    }
    #[track_caller]
    fn check(&self, value: &String) {
        if self.dict.lookup(value).is_none() {
            Encoding::check(&self.dict.values, value);
        }
    }
    #[inline]
    fn push(&mut self, value: String) {
        DictionaryColumn::push(self, &value);
    }
    fn pop(&mut self) -> Option<String> {
        let last = self.len().checked_sub(1)?;
        let value = String::from(self.as_slice().row(last));
        each_width!(&mut self.codes, v => v.truncate(last));
        Some(value)
    }
    fn truncate(&mut self, len: usize) {
        each_width!(&mut self.codes, v => v.truncate(len));
    }
    fn set(&mut self, index: usize, value: String) -> String {
        DictionaryColumn::set(self, index, &value)
    }
    fn swap(&mut self, a: usize, b: usize) {
        each_width!(&mut self.codes, v => v.swap(a, b));
    }
    #[inline]
    fn to_item(r: &str) -> String {
        String::from(r)
    }
    fn gathered(s: DictionarySlice<'_>, order: impl Iterator<Item = usize>, n: usize) -> Self {
        let mut codes = Codes::empty_like(s.codes, n);
        match (&mut codes, s.codes) {
            (Codes::U8(v), CodesSlice::U8(c)) => v.extend(order.map(|i| c[i])),
            (Codes::U16(v), CodesSlice::U16(c)) => v.extend(order.map(|i| c[i])),
            (Codes::U32(v), CodesSlice::U32(c)) => v.extend(order.map(|i| c[i])),
            _ => unreachable!("`empty_like` has the width of the codes"),
        }
        DictionaryColumn {
            codes,
            dict: s.dict.clone(),
        }
    }
    fn extend_from(&mut self, s: DictionarySlice<'_>) {
        if self.is_empty() && self.dict.len() == 0 {
            self.dict = s.dict.clone();
            self.codes = Codes::empty_like(s.codes, s.len());
        }
        if self.dict.extends(s.dict) {
            // The codes of `s` mean the same values here: copy them.
            Encoding::reserve(self, s.len());
            for i in 0..s.len() {
                self.codes.push(s.codes.code(i));
            }
        } else {
            for v in s.iter() {
                self.push(v);
            }
        }
    }
    fn fmt_at(&self, index: usize, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_slice().row(index), f)
    }

    #[inline]
    fn slice(&self) -> DictionarySlice<'_> {
        self.as_slice()
    }
    #[inline]
    fn slice_mut(&mut self) -> DictionarySliceMut<'_> {
        DictionarySliceMut {
            codes: self.codes.as_mut(),
            dict: &self.dict,
        }
    }
    #[inline]
    fn s_empty<'a>() -> DictionarySlice<'a>
    where
        Self: 'a,
    {
        static EMPTY: Dictionary = Dictionary {
            values: Utf8Column::EMPTY,
            table: Vec::new(),
        };
        DictionarySlice {
            codes: CodesSlice::U8(&[]),
            dict: &EMPTY,
        }
    }
    #[inline]
    fn s_len(s: &DictionarySlice<'_>) -> usize {
        s.len()
    }
    #[inline]
    fn s_split<'a>(s: DictionarySlice<'a>, mid: usize) -> (DictionarySlice<'a>, DictionarySlice<'a>)
    where
        Self: 'a,
    {
        let (a, b) = s.codes.split_at(mid);
        (
            DictionarySlice {
                codes: a,
                dict: s.dict,
            },
            DictionarySlice {
                codes: b,
                dict: s.dict,
            },
        )
    }
    #[inline]
    fn s_get<'a>(s: DictionarySlice<'a>, index: usize) -> &'a str
    where
        Self: 'a,
    {
        s.row(index)
    }
    #[inline]
    fn s_shorten<'b, 'a: 'b>(s: DictionarySlice<'a>) -> DictionarySlice<'b>
    where
        Self: 'a,
    {
        s
    }
    #[inline]
    fn m_empty<'a>() -> DictionarySliceMut<'a>
    where
        Self: 'a,
    {
        DictionarySliceMut {
            codes: CodesMut::U8(&mut []),
            dict: Self::s_empty().dict,
        }
    }
    #[inline]
    fn m_len(s: &DictionarySliceMut<'_>) -> usize {
        s.codes.len()
    }
    fn m_split<'a>(
        s: DictionarySliceMut<'a>,
        mid: usize,
    ) -> (DictionarySliceMut<'a>, DictionarySliceMut<'a>)
    where
        Self: 'a,
    {
        let dict = s.dict;
        let (a, b) = match s.codes {
            CodesMut::U8(v) => {
                let (a, b) = v.split_at_mut(mid);
                (CodesMut::U8(a), CodesMut::U8(b))
            }
            CodesMut::U16(v) => {
                let (a, b) = v.split_at_mut(mid);
                (CodesMut::U16(a), CodesMut::U16(b))
            }
            CodesMut::U32(v) => {
                let (a, b) = v.split_at_mut(mid);
                (CodesMut::U32(a), CodesMut::U32(b))
            }
        };
        (
            DictionarySliceMut { codes: a, dict },
            DictionarySliceMut { codes: b, dict },
        )
    }
    #[inline]
    fn m_reborrow<'b, 'a: 'b>(s: &'b mut DictionarySliceMut<'a>) -> DictionarySliceMut<'b>
    where
        Self: 'a,
    {
        DictionarySliceMut {
            codes: s.codes.reborrow(),
            dict: s.dict,
        }
    }
    #[inline]
    fn m_shared<'b, 'a: 'b>(s: &'b DictionarySliceMut<'a>) -> DictionarySlice<'b>
    where
        Self: 'a,
    {
        DictionarySlice {
            codes: s.codes.shared(),
            dict: s.dict,
        }
    }
    #[inline]
    fn m_into_shared<'a>(s: DictionarySliceMut<'a>) -> DictionarySlice<'a>
    where
        Self: 'a,
    {
        let codes = match s.codes {
            CodesMut::U8(v) => CodesSlice::U8(v),
            CodesMut::U16(v) => CodesSlice::U16(v),
            CodesMut::U32(v) => CodesSlice::U32(v),
        };
        DictionarySlice {
            codes,
            dict: s.dict,
        }
    }
    fn m_swap(s: &mut DictionarySliceMut<'_>, a: usize, b: usize) {
        s.codes.swap(a, b);
    }
    fn m_permute(s: &mut DictionarySliceMut<'_>, order: &[usize]) {
        s.codes.permute(order);
    }
}

#[cfg(test)]
mod tests {
    use super::super::Column;
    use super::*;
    use alloc::format;

    #[test]
    fn codes_widen_past_256_and_65536_values() {
        let mut col = DictionaryColumn::new();
        for i in 0..256 {
            col.push(&format!("v{i}"));
        }
        assert!(matches!(col.codes(), Codes::U8(_)));
        col.push("v0");
        assert!(matches!(col.codes(), Codes::U8(_)));
        col.push("new");
        assert!(matches!(col.codes(), Codes::U16(_)));
        for i in 0..70_000 {
            col.push(&format!("w{i}"));
        }
        assert!(matches!(col.codes(), Codes::U32(_)));
        assert_eq!(col.get(256), Some("v0"));
        assert_eq!(col.get(257), Some("new"));
        assert_eq!(col.get(col.len() - 1), Some("w69999"));
        assert_eq!(col.values().len(), 256 + 1 + 70_000);
    }

    #[test]
    fn row_operations_match_a_vec_of_strings() {
        let names = ["Bronx", "Queens", "Manhattan", "Brooklyn"];
        let mut col = DictionaryColumn::new();
        let mut model: Vec<String> = Vec::new();
        for i in 0..50 {
            let s = String::from(names[i * 7 % 4]);
            Column::push(&mut col, s.clone());
            model.push(s);
        }
        Column::insert(&mut col, 3, "Staten Island".into());
        model.insert(3, "Staten Island".into());
        assert_eq!(Column::remove(&mut col, 10), model.remove(10));
        assert_eq!(Column::replace(&mut col, 0, "EWR".into()), model[0]);
        model[0] = "EWR".into();
        let drained: Vec<String> = Column::drain(&mut col, 5, 9).collect();
        assert_eq!(drained, model.drain(5..9).collect::<Vec<_>>());
        let mut other = DictionaryColumn::new();
        other.push("Queens");
        other.push("elsewhere");
        Column::append(&mut col, &mut other);
        model.push("Queens".into());
        model.push("elsewhere".into());
        assert_eq!(col.iter().collect::<Vec<_>>(), model);
        assert_eq!(
            col.as_slice().count("Queens"),
            model.iter().filter(|s| *s == "Queens").count()
        );
        assert_eq!(col.as_slice().count("nowhere"), 0);
        assert!(col.heap_bytes() >= col.len());
    }

    #[test]
    fn from_parts_checks_keys() {
        let mut values = Utf8Column::new();
        values.push("a");
        values.push("b");
        let e =
            DictionaryColumn::from_parts(Codes::U8(alloc::vec![0, 2]), values.clone()).unwrap_err();
        assert!(
            e.contains("key 2 at row 1 is out of range: there are 2 values"),
            "{e}"
        );
        let col = DictionaryColumn::from_parts(Codes::U8(alloc::vec![1, 0]), values).unwrap();
        assert_eq!(col.iter().collect::<Vec<_>>(), ["b", "a"]);
        let mut dup = Utf8Column::new();
        dup.push("a");
        dup.push("a");
        assert!(DictionaryColumn::from_parts(Codes::U8(alloc::vec![]), dup).is_err());
    }
}
