//! Records whose field types are `#[repr(align(N))]` (issue 8): every form
//! compiles, the packed form is still packed (size = sum of the field
//! sizes, alignment 1) with its over-aligned fields unaligned and read by
//! value, the Fixed form pads each field to its alignment, and values
//! round-trip through every form and the SoA container.
//!
//! Runs under valgrind in `.ci/memcheck.sh`: the packed reads and writes
//! here are unaligned.

use core::mem::{align_of, offset_of, size_of};

use compact_record::{CompactRecord, FormKind, RecordBytes};

/// 16-aligned, 16 bytes (4 of them padding).
#[repr(align(16))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct A16(pub u32);

/// 8-aligned, 8 bytes of plain data: no padding, so it can be `Pod`.
#[repr(C, align(8))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct A8(pub [u8; 8]);

// SAFETY: `A8` is `repr(C)` around `[u8; 8]` with alignment 8: 8 bytes,
// no padding, any bit pattern valid (all zero included), `Copy`, 'static.
unsafe impl bytemuck::Zeroable for A8 {}
// SAFETY: see `Zeroable` above.
unsafe impl bytemuck::Pod for A8 {}

/// 16-aligned and owning heap memory: not `Copy`, dropped from every form.
#[repr(align(16))]
#[derive(Clone, Debug, PartialEq)]
pub struct Name(pub String);

/// A byte before a 16-aligned field: 15 bytes of padding in `repr(C)`,
/// none when packed.
#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[record(size = 32, align = 16, fixed_size = 32, packed_size = 17)]
pub struct Tagged {
    pub tag: u8,
    pub v: A16,
}

/// 8-aligned fields with byte views: the Fixed form's padding is explicit.
#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
#[record(bytes, fixed_size = 24, packed_size = 11)]
pub struct Mixed {
    pub a: u8,
    pub b: A8,
    pub c: u16,
}

/// Generic, instantiated with an over-aligned type.
#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct Pair<T> {
    pub id: u16,
    pub v: T,
}

/// A nested record that holds an aligned field, and an aligned field of its
/// own.
#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
#[record(fixed_size = 64, packed_size = 26)]
pub struct Outer {
    pub k: u8,
    #[record(nested)]
    pub inner: Tagged,
    pub z: A8,
}

/// A non-`Copy` aligned field.
#[derive(CompactRecord, Clone, Debug, PartialEq)]
pub struct Named {
    pub id: u8,
    pub name: Name,
}

/// Aligned types inside arrays and options (E0588 looks through both).
#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct Wide {
    pub n: u8,
    pub pair: [A16; 2],
    pub opt: Option<A8>,
}

fn tagged(i: u32) -> Tagged {
    Tagged {
        tag: i as u8,
        v: A16(1000 + i),
    }
}

fn a8(i: u8) -> A8 {
    A8([i, i + 1, i + 2, i + 3, i + 4, i + 5, i + 6, i + 7])
}

#[test]
fn packed_forms_are_packed() {
    assert_eq!(
        size_of::<TaggedPacked>(),
        size_of::<u8>() + size_of::<A16>()
    );
    assert_eq!(size_of::<TaggedPacked>(), 17);
    assert_eq!(align_of::<TaggedPacked>(), 1);
    assert_eq!(size_of::<MixedPacked>(), 1 + 8 + 2);
    assert_eq!(align_of::<MixedPacked>(), 1);
    assert_eq!(size_of::<PairPacked<A16>>(), 2 + 16);
    assert_eq!(align_of::<PairPacked<A16>>(), 1);
    assert_eq!(size_of::<PairPacked<A8>>(), 2 + 8);
    assert_eq!(size_of::<OuterPacked>(), 1 + 17 + 8);
    assert_eq!(align_of::<OuterPacked>(), 1);
    assert_eq!(size_of::<WidePacked>(), 1 + 32 + size_of::<Option<A8>>());
    assert_eq!(align_of::<WidePacked>(), 1);
    assert_eq!(WidePacked::OPT.offset(), offset_of!(WidePacked, opt));
    assert_eq!(WidePacked::OPT.offset(), 33);
    assert_eq!((size_of::<WideFixed>(), WideFixed::PAIR.offset()), (64, 16));
    assert_eq!(size_of::<NamedPacked>(), 1 + size_of::<Name>());
    assert_eq!(align_of::<NamedPacked>(), 1);
}

#[test]
fn descriptor_offsets_are_the_compilers() {
    assert_eq!(TaggedPacked::TAG.offset(), offset_of!(TaggedPacked, tag));
    assert_eq!(TaggedPacked::V.offset(), offset_of!(TaggedPacked, v));
    assert_eq!(TaggedPacked::V.offset(), 1);
    assert_eq!(TaggedFixed::V.offset(), offset_of!(TaggedFixed, v));
    assert_eq!(TaggedFixed::V.offset(), 16);
    assert_eq!(Tagged::V.offset(), offset_of!(Tagged, v));

    assert_eq!(MixedPacked::B.offset(), offset_of!(MixedPacked, b));
    assert_eq!(MixedPacked::C.offset(), 9);
    assert_eq!(MixedFixed::B.offset(), 8);
    assert_eq!(MixedFixed::C.offset(), offset_of!(MixedFixed, c));
    assert_eq!(MixedFixed::C.offset(), 16);

    assert_eq!(PairPacked::<A16>::V.offset(), 2);
    assert_eq!(PairFixed::<A16>::V.offset(), 16);
    assert_eq!(PairFixed::<A16>::V.offset(), offset_of!(PairFixed<A16>, v));

    assert_eq!(OuterPacked::INNER.offset(), 1);
    assert_eq!(OuterPacked::Z.offset(), offset_of!(OuterPacked, z));
    assert_eq!(OuterPacked::Z.offset(), 18);
    assert_eq!(OuterFixed::INNER.offset(), 16);
    assert_eq!(OuterFixed::Z.offset(), 48);
    assert_eq!(OuterFixed::INNER.then(TaggedFixed::V).offset(), 32);

    assert_eq!(NamedPacked::NAME.offset(), 1);
    assert_eq!(NamedFixed::NAME.offset(), 16);
}

#[test]
fn fixed_forms_align_every_field() {
    assert_eq!(
        (size_of::<TaggedFixed>(), align_of::<TaggedFixed>()),
        (32, 16)
    );
    assert_eq!((size_of::<MixedFixed>(), align_of::<MixedFixed>()), (24, 8));
    assert_eq!(
        (size_of::<PairFixed<A16>>(), align_of::<PairFixed<A16>>()),
        (32, 16)
    );
    assert_eq!(
        (size_of::<OuterFixed>(), align_of::<OuterFixed>()),
        (64, 16)
    );
    // A reference into the Fixed form is aligned for its type.
    let fixed: Vec<TaggedFixed> = (0..5).map(|i| tagged(i).into()).collect();
    for (i, f) in fixed.iter().enumerate() {
        let r: &A16 = TaggedFixed::V.get_ref(f);
        assert_eq!(r as *const A16 as usize % 16, 0);
        assert_eq!(*r, A16(1000 + i as u32));
    }
    let outer = OuterFixed::from(Outer {
        k: 1,
        inner: tagged(2),
        z: a8(3),
    });
    let z: &A8 = OuterFixed::Z.get_ref(&outer);
    assert_eq!(z as *const A8 as usize % 8, 0);
    assert_eq!(*z, a8(3));
    let v: &A16 = OuterFixed::INNER.then(TaggedFixed::V).get_ref(&outer);
    assert_eq!(v as *const A16 as usize % 16, 0);
    assert_eq!(*v, A16(1002));
}

#[test]
fn layout_tables_show_the_alignment() {
    let forms: Vec<_> = Tagged::FORMS
        .iter()
        .map(|f| (f.name, f.size, f.align))
        .collect();
    assert_eq!(
        forms,
        [
            ("Tagged", 32, 16),
            ("TaggedFixed", 32, 16),
            ("TaggedPacked", 17, 1)
        ]
    );
    let v = &Tagged::FIELDS[1];
    assert_eq!((v.name, v.size, v.align, v.type_name), ("v", 16, 16, "A16"));
    let packed = Tagged::layout().form(FormKind::Packed).unwrap();
    let offsets: Vec<_> = packed.fields.iter().map(|f| (f.name, f.offset)).collect();
    assert_eq!(offsets, [("tag", 0), ("v", 1)]);
    let fixed = Tagged::layout().form(FormKind::Fixed).unwrap();
    let offsets: Vec<_> = fixed.fields.iter().map(|f| (f.name, f.offset)).collect();
    assert_eq!(offsets, [("tag", 0), ("v", 16)]);
    let table = Tagged::layout().to_string();
    assert!(
        table.contains("|      1 | [padding]        |              |    15 |"),
        "{table}"
    );
    // Nested: the packed inner record's aligned field sits at offset 2.
    let table = Outer::layout().to_string();
    let packed = "\
OuterPacked (#[repr(C, packed)], no padding, align 1)
| offset | field            | type         | bytes |
| -----: | :--------------- | :----------- | ----: |
|      0 | k                | u8           |     1 |
|      1 | inner.tag        | u8           |     1 |
|      2 | inner.v          | A16          |    16 |
|     18 | z                | A8           |     8 |
|        | TOTAL            | align 1      |    26 |
";
    assert!(table.contains(packed), "{table}");
    assert!(
        table.contains("|     32 | inner.v          | A16          |    16 |"),
        "{table}"
    );
}

#[test]
fn packed_descriptors_read_and_write_unaligned_fields() {
    // Back to back in a Vec: element `i` starts at byte 17 * i, so `v` is
    // at every alignment.
    let mut packed: Vec<TaggedPacked> = (0..20).map(|i| tagged(i).into()).collect();
    for (i, p) in packed.iter_mut().enumerate() {
        let i = i as u32;
        assert_eq!(TaggedPacked::V.get(p), A16(1000 + i));
        assert_eq!(p.v(), A16(1000 + i));
        assert_eq!(Tagged::V.get(&Tagged::from(*p)), A16(1000 + i));
        TaggedPacked::V.set(p, A16(i));
        assert_eq!(TaggedPacked::V.replace(p, A16(2 * i)), A16(i));
        p.set_tag(7);
        assert_eq!({ p.v }, A16(2 * i));
    }
    let back: Vec<Tagged> = packed.iter().map(|&p| p.into()).collect();
    let expected: Vec<Tagged> = (0..20)
        .map(|i| Tagged {
            tag: 7,
            v: A16(2 * i),
        })
        .collect();
    assert_eq!(back, expected);
    // The forms' own traits.
    let p = TaggedPacked::from(tagged(3));
    let q = p;
    assert_eq!(p, q);
    assert_ne!(p, TaggedPacked::from(tagged(4)));
    assert_eq!(format!("{p:?}"), "TaggedPacked { tag: 3, v: A16(1003) }");
    assert_eq!(
        format!("{:?}", TaggedFixed::from(tagged(3))),
        "TaggedFixed { tag: 3, v: A16(1003) }"
    );
}

#[test]
fn records_round_trip_through_every_form() {
    for i in 0..10 {
        let t = tagged(i);
        assert_eq!(Tagged::from(TaggedPacked::from(t)), t);
        assert_eq!(Tagged::from(TaggedFixed::from(t)), t);

        let m = Mixed {
            a: i as u8,
            b: a8(i as u8),
            c: 500 + i as u16,
        };
        assert_eq!(Mixed::from(MixedPacked::from(m)), m);
        assert_eq!(Mixed::from(MixedFixed::from(m)), m);

        let p = Pair {
            id: i as u16,
            v: A16(i),
        };
        let packed = PairPacked::from(p);
        assert_eq!(packed.v(), A16(i));
        assert_eq!(PairPacked::<A16>::V.get(&packed), A16(i));
        assert_eq!(Pair::from(packed), p);
        assert_eq!(Pair::from(PairFixed::from(p)), p);

        let o = Outer {
            k: i as u8,
            inner: tagged(i + 1),
            z: a8(i as u8),
        };
        let packed = OuterPacked::from(o);
        assert_eq!(packed.z(), a8(i as u8));
        let inner: TaggedPacked = OuterPacked::INNER.get(&packed);
        assert_eq!(TaggedPacked::V.get(&inner), A16(1001 + i));
        assert_eq!(Outer::from(packed), o);
        assert_eq!(Outer::from(OuterFixed::from(o)), o);

        let w = Wide {
            n: i as u8,
            pair: [A16(i), A16(i + 1)],
            opt: (i % 2 == 0).then(|| a8(i as u8)),
        };
        let packed = WidePacked::from(w);
        assert_eq!(packed.pair(), [A16(i), A16(i + 1)]);
        assert_eq!(WidePacked::OPT.get(&packed), w.opt);
        assert_eq!(Wide::from(packed), w);
        assert_eq!(Wide::from(WideFixed::from(w)), w);

        let n = Named {
            id: i as u8,
            name: Name(format!("name {i}")),
        };
        let mut packed = NamedPacked::from(n.clone());
        NamedPacked::NAME.set(&mut packed, Name(format!("renamed {i}")));
        let old = NamedPacked::NAME.replace(&mut packed, Name(format!("again {i}")));
        assert_eq!(old, Name(format!("renamed {i}")));
        assert_eq!(
            Named::from(packed),
            Named {
                id: i as u8,
                name: Name(format!("again {i}"))
            }
        );
        assert_eq!(Named::from(NamedFixed::from(n.clone())), n);
    }
}

#[test]
fn byte_views_of_aligned_fields() {
    let m = Mixed {
        a: 0xAA,
        b: a8(1),
        c: 0x0102,
    };
    let packed = MixedPacked::from(m);
    let bytes = packed.as_bytes();
    assert_eq!(bytes, [0xAA, 1, 2, 3, 4, 5, 6, 7, 8, 0x02, 0x01]);
    assert_eq!(MixedPacked::B.read(bytes).unwrap(), a8(1));
    assert_eq!(MixedPacked::read_from_bytes(bytes).unwrap(), packed);

    let fixed = MixedFixed::from(m);
    let bytes = fixed.as_bytes();
    let mut expected = [0u8; 24];
    expected[0] = 0xAA;
    expected[8..16].copy_from_slice(&[1, 2, 3, 4, 5, 6, 7, 8]);
    expected[16..18].copy_from_slice(&[0x02, 0x01]);
    assert_eq!(bytes, expected);
    assert_eq!(MixedFixed::B.read(bytes).unwrap(), a8(1));
    let mut buf = bytes.to_vec();
    MixedFixed::B.write(&mut buf, a8(9)).unwrap();
    assert_eq!(MixedFixed::B.read(&buf).unwrap(), a8(9));
}

#[test]
fn soa_holds_aligned_columns() {
    let mut soa: TaggedSoa = (0..50).map(|i| tagged((i * 37) % 50)).collect();
    soa.push(tagged(50));
    assert_eq!(soa.len(), 51);
    assert_eq!(soa.get(50).unwrap().to_record(), tagged(50));
    assert_eq!(*soa.get(1).unwrap().v, A16(1037));
    let column: &[A16] = soa.v();
    assert_eq!(column.as_ptr() as usize % 16, 0);
    assert_eq!(soa.column(Tagged::V), column);
    soa.sort_by_key(|row| *row.v);
    let records: Vec<Tagged> = soa.iter().map(|row| row.to_record()).collect();
    assert_eq!(records, (0..51).map(tagged).collect::<Vec<_>>());
    assert_eq!(soa.tag()[..3], [0, 1, 2]);

    let mut pairs: compact_record::Soa<Pair<A16>> = (0..10)
        .rev()
        .map(|i| Pair {
            id: i,
            v: A16(u32::from(i)),
        })
        .collect();
    pairs.sort_by_key(|row| *row.id);
    assert_eq!(
        pairs.column(Pair::<A16>::V),
        (0..10).map(A16).collect::<Vec<_>>()
    );

    let mut outers: OuterSoa = (0..10)
        .map(|i| Outer {
            k: 9 - i as u8,
            inner: tagged(i),
            z: a8(i as u8),
        })
        .collect();
    assert_eq!(
        outers.column(Outer::INNER.then(Tagged::V)),
        (0..10).map(|i| A16(1000 + i)).collect::<Vec<_>>()
    );
    outers.sort_by_column(Outer::K);
    assert_eq!(outers.get(0).unwrap().to_record().inner, tagged(9));
    assert_eq!(outers.z()[0], a8(9));

    let mut named: NamedSoa = (0..5)
        .map(|i| Named {
            id: i,
            name: Name(format!("n{i}")),
        })
        .collect();
    let removed = named.remove(2);
    assert_eq!(removed.name, Name("n2".into()));
    assert_eq!(named.name()[2], Name("n3".into()));
    let back: Vec<Named> = named.into_iter().collect();
    assert_eq!(back.len(), 4);
}

/// With the `serde` feature (`cargo test --features serde --test
/// align_fields`): the forms and the container serialize as the records.
#[cfg(feature = "serde")]
#[test]
fn serde_round_trips_aligned_fields() {
    let packed = TaggedPacked::from(tagged(5));
    let json = serde_json::to_string(&packed).unwrap();
    assert_eq!(json, r#"{"tag":5,"v":1005}"#);
    assert_eq!(serde_json::from_str::<TaggedPacked>(&json).unwrap(), packed);
    let fixed: TaggedFixed = serde_json::from_str(&json).unwrap();
    assert_eq!(Tagged::from(fixed), tagged(5));
    let soa: TaggedSoa = (0..3).map(tagged).collect();
    let json = serde_json::to_string(&soa).unwrap();
    assert_eq!(
        json,
        r#"[{"tag":0,"v":1000},{"tag":1,"v":1001},{"tag":2,"v":1002}]"#
    );
    let back: TaggedSoa = serde_json::from_str(&json).unwrap();
    assert_eq!(back.v(), soa.v());
}
