//! [`Utf8Column`]: a `String` column (`#[record(utf8)]`) as Arrow's `Utf8`
//! array holds it: the strings one after another in one buffer, and
//! `len + 1` `i32` offsets, row `i` being `bytes[offsets[i]..offsets[i + 1]]`.
//!
//! The buffer is a `String`, so every row is a `str` slice of it, checked
//! by `str` indexing (two byte tests): no `unsafe` on the read path.
//! Arrow's offsets are `i32`, so a column holds at most `i32::MAX` bytes of
//! strings: a push past that **panics** (before anything changes) with a
//! message saying so; [`Utf8Column::try_push`] returns an error instead.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;
use core::hash::{Hash, Hasher};

use super::encoded::Encoding;

/// The most bytes of strings a [`Utf8Column`] holds: `i32::MAX`, as
/// Arrow's `i32` offsets allow.
pub const UTF8_MAX_BYTES: usize = i32::MAX as usize;

/// A column of strings in one byte buffer with `i32` offsets
/// (`#[record(utf8)]`): 4 bytes a row plus the strings' bytes, instead of
/// 24 bytes and a heap block per `String`.
///
/// ```
/// use compact_record::soa::Utf8Column;
///
/// let mut names = Utf8Column::new();
/// names.push("ab");
/// names.push("");
/// names.push("cde");
/// assert_eq!(names.get(2), Some("cde"));
/// assert_eq!(names.offsets(), &[0, 2, 2, 5]);
/// assert_eq!(names.bytes(), "abcde");
/// assert_eq!(names.iter().collect::<Vec<_>>(), ["ab", "", "cde"]);
/// ```
#[derive(Clone)]
pub struct Utf8Column {
    // Invariants: `offsets` starts with 0, never decreases, ends with
    // `bytes.len() <= i32::MAX`, and every offset is a char boundary.
    offsets: Vec<i32>,
    bytes: String,
}

/// A shared view of rows of a [`Utf8Column`]: what `trips.note()` returns.
#[derive(Clone, Copy)]
pub struct Utf8Slice<'a> {
    // Row `i` is `bytes[start(i) - first..ends[i] - first]`, where
    // `start(0) = first` and `start(i) = ends[i - 1]`.
    first: i32,
    ends: &'a [i32],
    bytes: &'a str,
}

/// An exclusive view of rows of a [`Utf8Column`]: it can reorder its rows
/// (within its own bytes), not change them.
pub struct Utf8SliceMut<'a> {
    first: i32,
    ends: &'a mut [i32],
    bytes: &'a mut str,
}

/// A push that would take a [`Utf8Column`] past [`UTF8_MAX_BYTES`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Utf8Overflow {
    /// The bytes the column holds.
    pub held: usize,
    /// The bytes that were to be added.
    pub added: usize,
}

impl fmt::Display for Utf8Overflow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "utf8 column full: {} bytes of strings plus {} would pass i32::MAX ({UTF8_MAX_BYTES}), \
             the most Arrow's i32 offsets address",
            self.held, self.added
        )
    }
}

#[cold]
#[inline(never)]
#[track_caller]
fn overflow(e: Utf8Overflow) -> ! {
    panic!("{e}")
}

/// The offset after adding `added` bytes to `held`, or the error.
#[inline]
fn end_after(held: usize, added: usize) -> Result<i32, Utf8Overflow> {
    held.checked_add(added)
        .and_then(|end| i32::try_from(end).ok())
        .ok_or(Utf8Overflow { held, added })
}

impl Default for Utf8Column {
    fn default() -> Self {
        Self::new()
    }
}

impl Utf8Column {
    /// An empty column that allocates nothing (its one offset lives in a
    /// static until the first push): for `static`s.
    pub(crate) const EMPTY: Utf8Column = Utf8Column {
        offsets: Vec::new(),
        bytes: String::new(),
    };

    /// An empty column.
    pub fn new() -> Self {
        Utf8Column {
            offsets: alloc::vec![0],
            bytes: String::new(),
        }
    }

    /// The number of rows.
    #[inline]
    pub fn len(&self) -> usize {
        self.offsets.len().saturating_sub(1)
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

    /// Appends a row.
    ///
    /// # Panics
    ///
    /// If the column would hold more than [`UTF8_MAX_BYTES`] bytes.
    #[inline]
    #[track_caller]
    pub fn push(&mut self, value: &str) {
        if let Err(e) = self.try_push(value) {
            overflow(e)
        }
    }

    /// Appends a row, or returns an error if the column would hold more
    /// than [`UTF8_MAX_BYTES`] bytes (the column is then unchanged).
    #[inline]
    pub fn try_push(&mut self, value: &str) -> Result<(), Utf8Overflow> {
        let end = end_after(self.bytes.len(), value.len())?;
        self.bytes.push_str(value);
        self.offsets.push(end);
        Ok(())
    }

    /// The rows in order.
    #[inline]
    pub fn iter(&self) -> Utf8Iter<'_> {
        self.as_slice().iter()
    }

    /// The `len + 1` offsets (Arrow's offsets buffer).
    #[inline]
    pub fn offsets(&self) -> &[i32] {
        &self.offsets
    }

    /// The strings' bytes, one after another (Arrow's values buffer).
    #[inline]
    pub fn bytes(&self) -> &str {
        &self.bytes
    }

    /// All rows as a view.
    #[inline]
    pub fn as_slice(&self) -> Utf8Slice<'_> {
        Utf8Slice {
            first: 0,
            ends: self.offsets.get(1..).unwrap_or(&[]),
            bytes: &self.bytes,
        }
    }

    /// The offsets and the bytes, to hand over (Arrow export).
    pub fn into_parts(self) -> (Vec<i32>, String) {
        (self.offsets, self.bytes)
    }

    /// A column from Arrow-style offsets and bytes.
    ///
    /// # Errors
    ///
    /// A message naming the first problem: no offsets, a first offset
    /// other than 0, a decreasing offset, an offset past the bytes or not
    /// on a char boundary, or a last offset short of the bytes' end.
    pub fn from_parts(offsets: Vec<i32>, bytes: String) -> Result<Self, String> {
        Self::check_parts(&offsets, &bytes)?;
        Ok(Utf8Column { offsets, bytes })
    }

    /// What [`from_parts`](Self::from_parts) checks, on borrowed parts.
    ///
    /// # Errors
    ///
    /// As `from_parts`.
    pub fn check_parts(offsets: &[i32], bytes: &str) -> Result<(), String> {
        use alloc::format;
        match offsets.first() {
            None => return Err("no offsets (a utf8 column of n rows has n + 1)".into()),
            Some(&0) => {}
            Some(&o) => return Err(format!("the first offset is {o}, not 0")),
        }
        let mut prev = 0i32;
        for (i, &o) in offsets.iter().enumerate() {
            if o < prev {
                return Err(format!(
                    "offset {i} is {o}, below offset {} ({prev})",
                    i - 1
                ));
            }
            let at = o as usize;
            if at > bytes.len() {
                return Err(format!(
                    "offset {i} is {o}, past the {} bytes of strings",
                    bytes.len()
                ));
            }
            if !bytes.is_char_boundary(at) {
                return Err(format!("offset {i} ({o}) is inside a UTF-8 character"));
            }
            prev = o;
        }
        if prev as usize != bytes.len() {
            return Err(format!(
                "the last offset is {prev}, but there are {} bytes of strings",
                bytes.len()
            ));
        }
        Ok(())
    }

    #[inline]
    fn range(&self, index: usize) -> core::ops::Range<usize> {
        self.offsets[index] as usize..self.offsets[index + 1] as usize
    }
}

impl<'a> Utf8Slice<'a> {
    /// The number of rows.
    #[inline]
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there are no rows.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Row `index`, or `None` if out of range.
    #[inline]
    pub fn get(&self, index: usize) -> Option<&'a str> {
        (index < self.len()).then(|| self.row(index))
    }

    #[inline]
    fn row(&self, index: usize) -> &'a str {
        let start = if index == 0 {
            self.first
        } else {
            self.ends[index - 1]
        };
        let end = self.ends[index];
        &self.bytes[(start - self.first) as usize..(end - self.first) as usize]
    }

    /// The rows in order.
    #[inline]
    pub fn iter(&self) -> Utf8Iter<'a> {
        Utf8Iter {
            s: *self,
            front: 0,
            back: self.len(),
        }
    }

    /// The offset of the first row's start and the ends of every row
    /// (Arrow's offsets are `first` then `ends`), and the rows' bytes
    /// (offset `first` is byte 0 of them).
    #[inline]
    pub fn raw_parts(&self) -> (i32, &'a [i32], &'a str) {
        (self.first, self.ends, self.bytes)
    }

    #[inline]
    fn split_at(self, mid: usize) -> (Self, Self) {
        let (a, b) = self.ends.split_at(mid);
        let cut = a.last().copied().unwrap_or(self.first);
        let (x, y) = self.bytes.split_at((cut - self.first) as usize);
        (
            Utf8Slice {
                first: self.first,
                ends: a,
                bytes: x,
            },
            Utf8Slice {
                first: cut,
                ends: b,
                bytes: y,
            },
        )
    }
}

/// Iterator over the rows of a [`Utf8Column`] or [`Utf8Slice`].
#[derive(Clone)]
pub struct Utf8Iter<'a> {
    s: Utf8Slice<'a>,
    front: usize,
    back: usize,
}

impl<'a> Iterator for Utf8Iter<'a> {
    type Item = &'a str;
    #[inline]
    fn next(&mut self) -> Option<&'a str> {
        if self.front == self.back {
            return None;
        }
        self.front += 1;
        Some(self.s.row(self.front - 1))
    }
    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.back - self.front;
        (n, Some(n))
    }
}

impl DoubleEndedIterator for Utf8Iter<'_> {
    #[inline]
    fn next_back(&mut self) -> Option<Self::Item> {
        if self.front == self.back {
            return None;
        }
        self.back -= 1;
        Some(self.s.row(self.back))
    }
}

impl ExactSizeIterator for Utf8Iter<'_> {}

impl<'a> Utf8SliceMut<'a> {
    #[inline]
    fn shared(&self) -> Utf8Slice<'_> {
        Utf8Slice {
            first: self.first,
            ends: self.ends,
            bytes: self.bytes,
        }
    }

    /// Row `i` becomes the old row `order[i]`: the same strings, so the
    /// same bytes in total, rewritten in the new order.
    fn permute(&mut self, order: &[usize]) {
        let old = self.shared();
        let mut bytes = String::with_capacity(old.bytes.len());
        let mut ends = Vec::with_capacity(order.len());
        for &i in order {
            bytes.push_str(old.row(i));
            ends.push(self.first + bytes.len() as i32);
        }
        assert_eq!(bytes.len(), self.bytes.len(), "not a permutation");
        // SAFETY: `bytes` is a `String`, so valid UTF-8, of the same length
        // as `self.bytes` (checked just above): overwriting all of
        // `self.bytes` with it leaves valid UTF-8 there.
        unsafe { self.bytes.as_bytes_mut() }.copy_from_slice(bytes.as_bytes());
        self.ends.copy_from_slice(&ends);
    }

    fn split_at(self, mid: usize) -> (Self, Self) {
        let (a, b) = self.ends.split_at_mut(mid);
        let cut = a.last().copied().unwrap_or(self.first);
        let (x, y) = self.bytes.split_at_mut((cut - self.first) as usize);
        (
            Utf8SliceMut {
                first: self.first,
                ends: a,
                bytes: x,
            },
            Utf8SliceMut {
                first: cut,
                ends: b,
                bytes: y,
            },
        )
    }
}

impl PartialEq for Utf8Column {
    fn eq(&self, other: &Self) -> bool {
        self.offsets == other.offsets && self.bytes == other.bytes
    }
}

impl Eq for Utf8Column {}

impl Hash for Utf8Column {
    fn hash<S: Hasher>(&self, state: &mut S) {
        for s in self.iter() {
            s.hash(state);
        }
    }
}

impl fmt::Debug for Utf8Column {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl fmt::Debug for Utf8Slice<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl PartialEq for Utf8Slice<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl Encoding for Utf8Column {
    type Item = String;
    type Ref<'a> = &'a str;
    type Slice<'a> = Utf8Slice<'a>;
    type SliceMut<'a> = Utf8SliceMut<'a>;

    fn with_capacity(n: usize) -> Self {
        let mut offsets = Vec::with_capacity(n.saturating_add(1));
        offsets.push(0);
        Utf8Column {
            offsets,
            bytes: String::new(),
        }
    }
    #[inline]
    fn len(&self) -> usize {
        Utf8Column::len(self)
    }
    #[inline]
    fn capacity(&self) -> usize {
        self.offsets.capacity().saturating_sub(1)
    }
    fn reserve(&mut self, additional: usize) {
        self.offsets.reserve(additional);
    }
    fn reserve_exact(&mut self, additional: usize) {
        self.offsets.reserve_exact(additional);
    }
    fn shrink_to_fit(&mut self) {
        self.offsets.shrink_to_fit();
        self.bytes.shrink_to_fit();
    }
    #[inline]
    fn heap_bytes(&self) -> usize {
        self.offsets.capacity() * 4 + self.bytes.capacity()
    }
    #[inline]
    #[track_caller]
    fn check(&self, value: &String) {
        if let Err(e) = end_after(self.bytes.len(), value.len()) {
            overflow(e)
        }
    }
    #[track_caller]
    fn check_append(&self, other: &Self) {
        if let Err(e) = end_after(self.bytes.len(), other.bytes.len()) {
            overflow(e)
        }
    }
    #[inline]
    fn push(&mut self, value: String) {
        Utf8Column::push(self, &value);
    }
    fn pop(&mut self) -> Option<String> {
        let last = self.len().checked_sub(1)?;
        let value = String::from(&self.bytes[self.range(last)]);
        Encoding::truncate(self, last);
        Some(value)
    }
    fn truncate(&mut self, len: usize) {
        if len < self.len() {
            self.bytes.truncate(self.offsets[len] as usize);
            self.offsets.truncate(len + 1);
        }
    }
    #[track_caller]
    fn set(&mut self, index: usize, value: String) -> String {
        let range = self.range(index);
        let old = String::from(&self.bytes[range.clone()]);
        let held = self.bytes.len() - old.len();
        if let Err(e) = end_after(held, value.len()) {
            overflow(e)
        }
        self.bytes.replace_range(range, &value);
        // Fits in `i32`: checked above.
        let delta = value.len() as i64 - old.len() as i64;
        if delta != 0 {
            for o in &mut self.offsets[index + 1..] {
                *o = (i64::from(*o) + delta) as i32;
            }
        }
        old
    }
    fn swap(&mut self, a: usize, b: usize) {
        if a != b {
            let (lo, hi) = (a.min(b), a.max(b));
            let view = Encoding::slice_mut(self);
            let (_, rest) = view.split_at(lo);
            let (mut mid, _) = rest.split_at(hi - lo + 1);
            let mut order: Vec<usize> = (0..=hi - lo).collect();
            order.swap(0, hi - lo);
            mid.permute(&order);
        }
    }
    #[inline]
    fn to_item(r: &str) -> String {
        String::from(r)
    }
    fn gathered(s: Utf8Slice<'_>, order: impl Iterator<Item = usize>, n: usize) -> Self {
        let mut col = <Self as Encoding>::with_capacity(n);
        col.bytes.reserve(s.bytes.len());
        for i in order {
            col.push(s.row(i));
        }
        col
    }
    #[track_caller]
    fn extend_from(&mut self, s: Utf8Slice<'_>) {
        let base = match end_after(self.bytes.len(), s.bytes.len()) {
            Ok(_) => self.bytes.len() as i32,
            Err(e) => overflow(e),
        };
        self.bytes.push_str(s.bytes);
        self.offsets
            .extend(s.ends.iter().map(|&e| base + (e - s.first)));
    }
    fn fmt_at(&self, index: usize, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.bytes[self.range(index)], f)
    }

    #[inline]
    fn slice(&self) -> Utf8Slice<'_> {
        self.as_slice()
    }
    #[inline]
    fn slice_mut(&mut self) -> Utf8SliceMut<'_> {
        Utf8SliceMut {
            first: 0,
            ends: &mut self.offsets[1..],
            bytes: self.bytes.as_mut_str(),
        }
    }
    #[inline]
    fn s_empty<'a>() -> Utf8Slice<'a>
    where
        Self: 'a,
    {
        Utf8Slice {
            first: 0,
            ends: &[],
            bytes: "",
        }
    }
    #[inline]
    fn s_len(s: &Utf8Slice<'_>) -> usize {
        s.len()
    }
    #[inline]
    fn s_split<'a>(s: Utf8Slice<'a>, mid: usize) -> (Utf8Slice<'a>, Utf8Slice<'a>)
    where
        Self: 'a,
    {
        s.split_at(mid)
    }
    #[inline]
    fn s_get<'a>(s: Utf8Slice<'a>, index: usize) -> &'a str
    where
        Self: 'a,
    {
        s.row(index)
    }
    #[inline]
    fn s_shorten<'b, 'a: 'b>(s: Utf8Slice<'a>) -> Utf8Slice<'b>
    where
        Self: 'a,
    {
        s
    }
    #[inline]
    fn m_empty<'a>() -> Utf8SliceMut<'a>
    where
        Self: 'a,
    {
        Utf8SliceMut {
            first: 0,
            ends: &mut [],
            bytes: <&mut str>::default(),
        }
    }
    #[inline]
    fn m_len(s: &Utf8SliceMut<'_>) -> usize {
        s.ends.len()
    }
    #[inline]
    fn m_split<'a>(s: Utf8SliceMut<'a>, mid: usize) -> (Utf8SliceMut<'a>, Utf8SliceMut<'a>)
    where
        Self: 'a,
    {
        s.split_at(mid)
    }
    #[inline]
    fn m_reborrow<'b, 'a: 'b>(s: &'b mut Utf8SliceMut<'a>) -> Utf8SliceMut<'b>
    where
        Self: 'a,
    {
        Utf8SliceMut {
            first: s.first,
            ends: &mut *s.ends,
            bytes: &mut *s.bytes,
        }
    }
    #[inline]
    fn m_shared<'b, 'a: 'b>(s: &'b Utf8SliceMut<'a>) -> Utf8Slice<'b>
    where
        Self: 'a,
    {
        s.shared()
    }
    #[inline]
    fn m_into_shared<'a>(s: Utf8SliceMut<'a>) -> Utf8Slice<'a>
    where
        Self: 'a,
    {
        Utf8Slice {
            first: s.first,
            ends: s.ends,
            bytes: s.bytes,
        }
    }
    fn m_swap(s: &mut Utf8SliceMut<'_>, a: usize, b: usize) {
        if a != b {
            let (lo, hi) = (a.min(b), a.max(b));
            let (_, rest) = Utf8Column::m_reborrow(s).split_at(lo);
            let (mut mid, _) = rest.split_at(hi - lo + 1);
            let mut order: Vec<usize> = (0..=hi - lo).collect();
            order.swap(0, hi - lo);
            mid.permute(&order);
        }
    }
    fn m_permute(s: &mut Utf8SliceMut<'_>, order: &[usize]) {
        s.permute(order);
    }
}

#[cfg(test)]
mod tests {
    use super::super::Column;
    use super::*;
    use alloc::string::ToString;
    use alloc::vec;

    fn strings(col: &Utf8Column) -> Vec<&str> {
        col.iter().collect()
    }

    #[test]
    fn row_operations_match_a_vec_of_strings() {
        let mut col = Utf8Column::new();
        let mut model: Vec<String> = Vec::new();
        for i in 0..20 {
            let s = "é".repeat(i % 4) + &i.to_string();
            Column::push(&mut col, s.clone());
            model.push(s);
        }
        Column::insert(&mut col, 4, "new".into());
        model.insert(4, "new".into());
        assert_eq!(Column::remove(&mut col, 7), model.remove(7));
        assert_eq!(
            Column::replace(&mut col, 2, "longer than before".into()),
            model[2]
        );
        model[2] = "longer than before".into();
        assert_eq!(Column::replace(&mut col, 3, String::new()), model[3]);
        model[3] = String::new();
        Column::swap(&mut col, 1, 15);
        model.swap(1, 15);
        assert_eq!(Column::swap_remove(&mut col, 0), model.swap_remove(0));
        let drained: Vec<String> = Column::drain(&mut col, 2, 5).collect();
        assert_eq!(drained, model.drain(2..5).collect::<Vec<_>>());
        assert_eq!(strings(&col), model);
        assert_eq!(Column::pop(&mut col), model.pop());
        assert_eq!(strings(&col), model);
        assert_eq!(*col.offsets().last().unwrap() as usize, col.bytes().len());
        // Honest heap figure: offsets and string bytes.
        assert_eq!(
            col.heap_bytes(),
            col.offsets.capacity() * 4 + col.bytes.capacity()
        );
    }

    #[test]
    fn views_split_and_permute_within_their_bytes() {
        let mut col = Utf8Column::new();
        for s in ["a", "bb", "ccc", "dddd", "e"] {
            col.push(s);
        }
        let view = Encoding::slice_mut(&mut col);
        let (mut left, mut right) = <Utf8Column as Encoding>::m_split(view, 2);
        <Utf8Column as Encoding>::m_swap(&mut left, 0, 1);
        <Utf8Column as Encoding>::m_permute(&mut right, &[2, 0, 1]);
        assert_eq!(
            <Utf8Column as Encoding>::m_shared(&right)
                .iter()
                .collect::<Vec<_>>(),
            ["e", "ccc", "dddd"]
        );
        assert_eq!(strings(&col), ["bb", "a", "e", "ccc", "dddd"]);
        let (a, b) = <Utf8Column as Encoding>::s_split(col.as_slice(), 3);
        assert_eq!(a.iter().collect::<Vec<_>>(), ["bb", "a", "e"]);
        assert_eq!(b.raw_parts(), (4, &[7, 11][..], "cccdddd"));
        assert_eq!(b.get(1), Some("dddd"));
        assert_eq!(b.get(2), None);
    }

    #[test]
    fn the_i32_limit_is_an_error_or_a_clear_panic() {
        let mut col = Utf8Column::new();
        assert_eq!(
            end_after(UTF8_MAX_BYTES, 1),
            Err(Utf8Overflow {
                held: UTF8_MAX_BYTES,
                added: 1
            })
        );
        assert_eq!(end_after(UTF8_MAX_BYTES - 1, 1), Ok(i32::MAX));
        col.push("x");
        let err = end_after(UTF8_MAX_BYTES, 3).unwrap_err();
        assert!(err.to_string().contains("pass i32::MAX"), "{err}");
        assert_eq!(strings(&col), ["x"]);
    }

    #[test]
    fn from_parts_validates() {
        assert!(Utf8Column::from_parts(vec![0, 1, 3], "abc".into()).is_ok());
        let e = Utf8Column::from_parts(vec![0, 4], "abc".into()).unwrap_err();
        assert!(e.contains("past the 3 bytes"), "{e}");
        let e = Utf8Column::from_parts(vec![0, 2, 1], "abc".into()).unwrap_err();
        assert!(e.contains("below offset 1"), "{e}");
        let e = Utf8Column::from_parts(vec![0, 1], "é".into()).unwrap_err();
        assert!(e.contains("inside a UTF-8 character"), "{e}");
        let e = Utf8Column::from_parts(vec![0, 1], "ab".into()).unwrap_err();
        assert!(e.contains("last offset is 1"), "{e}");
        let e = Utf8Column::from_parts(vec![], String::new()).unwrap_err();
        assert!(e.contains("no offsets"), "{e}");
    }
}
