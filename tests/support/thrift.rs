//! A thrift compact-protocol value tree with a reader and a writer, to
//! rewrite Parquet footers and page headers in tests (hostile files made
//! from valid ones).
#![allow(dead_code)]

/// A thrift value.
#[derive(Clone, Debug, PartialEq)]
pub enum T {
    Bool(bool),
    I8(i8),
    I16(i16),
    I32(i32),
    I64(i64),
    Double([u8; 8]),
    Bin(Vec<u8>),
    /// Element type (compact code) and elements.
    List(u8, Vec<T>),
    Set(u8, Vec<T>),
    Map(u8, u8, Vec<(T, T)>),
    Struct(Vec<(i16, T)>),
}

impl T {
    pub fn get(&self, id: i16) -> Option<&T> {
        match self {
            T::Struct(f) => f.iter().find(|(i, _)| *i == id).map(|(_, v)| v),
            _ => None,
        }
    }
    pub fn get_mut(&mut self, id: i16) -> Option<&mut T> {
        match self {
            T::Struct(f) => f.iter_mut().find(|(i, _)| *i == id).map(|(_, v)| v),
            _ => None,
        }
    }
    pub fn set(&mut self, id: i16, value: T) {
        if let T::Struct(f) = self {
            match f.iter_mut().find(|(i, _)| *i == id) {
                Some((_, v)) => *v = value,
                None => {
                    f.push((id, value));
                    f.sort_by_key(|(i, _)| *i);
                }
            }
        }
    }
    pub fn list_mut(&mut self, id: i16) -> &mut Vec<T> {
        match self.get_mut(id) {
            Some(T::List(_, items)) => items,
            other => panic!("field {id} is not a list: {other:?}"),
        }
    }
    pub fn int(&self, id: i16) -> i64 {
        match self.get(id) {
            Some(T::I32(v)) => i64::from(*v),
            Some(T::I64(v)) => *v,
            other => panic!("field {id} is not an integer: {other:?}"),
        }
    }
    fn code(&self) -> u8 {
        match self {
            T::Bool(true) => 1,
            T::Bool(false) => 2,
            T::I8(_) => 3,
            T::I16(_) => 4,
            T::I32(_) => 5,
            T::I64(_) => 6,
            T::Double(_) => 7,
            T::Bin(_) => 8,
            T::List(..) => 9,
            T::Set(..) => 10,
            T::Map(..) => 11,
            T::Struct(_) => 12,
        }
    }
}

/// Reads a struct from `bytes`; returns it and the bytes it took.
pub fn read_struct(bytes: &[u8]) -> (T, usize) {
    let mut r = Reader { bytes, pos: 0 };
    let v = r.structure();
    (v, r.pos)
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Reader<'_> {
    fn byte(&mut self) -> u8 {
        let b = self.bytes[self.pos];
        self.pos += 1;
        b
    }
    fn varint(&mut self) -> u64 {
        let mut out = 0u64;
        let mut shift = 0;
        loop {
            let b = self.byte();
            out |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return out;
            }
            shift += 7;
        }
    }
    fn zigzag(&mut self) -> i64 {
        let v = self.varint();
        (v >> 1) as i64 ^ -((v & 1) as i64)
    }
    fn value(&mut self, code: u8) -> T {
        match code {
            1 => T::Bool(true),
            2 => T::Bool(false),
            3 => T::I8(self.byte() as i8),
            4 => T::I16(self.zigzag() as i16),
            5 => T::I32(self.zigzag() as i32),
            6 => T::I64(self.zigzag()),
            7 => {
                let mut d = [0u8; 8];
                d.copy_from_slice(&self.bytes[self.pos..self.pos + 8]);
                self.pos += 8;
                T::Double(d)
            }
            8 => {
                let len = self.varint() as usize;
                let v = self.bytes[self.pos..self.pos + len].to_vec();
                self.pos += len;
                T::Bin(v)
            }
            9 | 10 => {
                let head = self.byte();
                let elem = head & 0x0f;
                let len = match head >> 4 {
                    15 => self.varint() as usize,
                    n => usize::from(n),
                };
                let items = (0..len)
                    .map(|_| {
                        if elem == 1 || elem == 2 {
                            T::Bool(self.byte() == 1)
                        } else {
                            self.value(elem)
                        }
                    })
                    .collect();
                if code == 9 {
                    T::List(elem, items)
                } else {
                    T::Set(elem, items)
                }
            }
            11 => {
                let len = self.varint() as usize;
                if len == 0 {
                    return T::Map(0, 0, Vec::new());
                }
                let kinds = self.byte();
                let (k, v) = (kinds >> 4, kinds & 0x0f);
                let items = (0..len).map(|_| (self.value(k), self.value(v))).collect();
                T::Map(k, v, items)
            }
            12 => self.structure(),
            other => panic!("thrift type {other}"),
        }
    }
    fn structure(&mut self) -> T {
        let mut fields = Vec::new();
        let mut id = 0i16;
        loop {
            let head = self.byte();
            if head == 0 {
                return T::Struct(fields);
            }
            id = match head >> 4 {
                0 => self.zigzag() as i16,
                d => id + i16::from(d),
            };
            fields.push((id, self.value(head & 0x0f)));
        }
    }
}

fn varint(out: &mut Vec<u8>, mut v: u64) {
    loop {
        if v < 0x80 {
            out.push(v as u8);
            return;
        }
        out.push((v as u8 & 0x7f) | 0x80);
        v >>= 7;
    }
}

fn zigzag(out: &mut Vec<u8>, v: i64) {
    varint(out, ((v << 1) ^ (v >> 63)) as u64);
}

fn write_value(out: &mut Vec<u8>, v: &T) {
    match v {
        T::Bool(_) => {}
        T::I8(x) => out.push(*x as u8),
        T::I16(x) => zigzag(out, i64::from(*x)),
        T::I32(x) => zigzag(out, i64::from(*x)),
        T::I64(x) => zigzag(out, *x),
        T::Double(d) => out.extend_from_slice(d),
        T::Bin(b) => {
            varint(out, b.len() as u64);
            out.extend_from_slice(b);
        }
        T::List(elem, items) | T::Set(elem, items) => {
            if items.len() < 15 {
                out.push(((items.len() as u8) << 4) | elem);
            } else {
                out.push(0xf0 | elem);
                varint(out, items.len() as u64);
            }
            for item in items {
                match item {
                    T::Bool(b) => out.push(if *b { 1 } else { 2 }),
                    other => write_value(out, other),
                }
            }
        }
        T::Map(k, vt, items) => {
            varint(out, items.len() as u64);
            if !items.is_empty() {
                out.push((k << 4) | vt);
                for (a, b) in items {
                    write_value(out, a);
                    write_value(out, b);
                }
            }
        }
        T::Struct(fields) => {
            for (id, value) in fields {
                // The long form of a field header: type, then the id.
                out.push(value.code());
                zigzag(out, i64::from(*id));
                write_value(out, value);
            }
            out.push(0);
        }
    }
}

/// The compact encoding of a struct.
pub fn write_struct(v: &T) -> Vec<u8> {
    let mut out = Vec::new();
    write_value(&mut out, v);
    out
}

/// A Parquet file taken apart: the bytes before the footer and the
/// footer's `FileMetaData`.
pub struct Parquet {
    pub body: Vec<u8>,
    pub meta: T,
}

impl Parquet {
    pub fn parse(file: &[u8]) -> Parquet {
        let n = file.len();
        assert_eq!(&file[n - 4..], b"PAR1");
        let len = u32::from_le_bytes(file[n - 8..n - 4].try_into().unwrap()) as usize;
        let start = n - 8 - len;
        let (meta, used) = read_struct(&file[start..n - 8]);
        assert_eq!(used, len, "the footer re-reads exactly");
        Parquet {
            body: file[..start].to_vec(),
            meta,
        }
    }

    pub fn bytes(&self) -> Vec<u8> {
        let mut out = self.body.clone();
        let footer = write_struct(&self.meta);
        out.extend_from_slice(&footer);
        out.extend_from_slice(&(footer.len() as u32).to_le_bytes());
        out.extend_from_slice(b"PAR1");
        out
    }

    /// The `ColumnMetaData` of column `c` of row group `g`.
    pub fn column_meta(&mut self, g: usize, c: usize) -> &mut T {
        let group = &mut self.meta.list_mut(4)[g];
        let chunk = &mut group.list_mut(1)[c];
        chunk.get_mut(3).expect("column metadata")
    }
}
