//! `#[record(nested)]`: a record field stored as its record's own columns.

use compact_record::{CompactRecord, Soa};

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq, Default)]
pub struct Vec3 {
    pub x: f32,
    pub y: f32,
    pub z: f32,
}

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq, Default)]
pub struct Particle {
    #[record(nested)]
    pub pos: Vec3,
    #[record(nested)]
    pub vel: Vec3,
    pub mass: f32,
}

fn particle(i: u16) -> Particle {
    let f = f32::from(i);
    Particle {
        pos: Vec3 {
            x: f,
            y: f + 0.25,
            z: f + 0.5,
        },
        vel: Vec3 {
            x: -f,
            y: -f - 0.25,
            z: -f - 0.5,
        },
        mass: f * 10.0,
    }
}

#[test]
fn nested_columns_are_slices() {
    let particles: ParticleSoa = (0..5).map(particle).collect();
    // `pos()` is a `Vec3Slice<'_>` over the `pos.x`, `pos.y`, `pos.z` columns.
    let pos: Vec3Slice<'_> = particles.pos();
    let xs: &[f32] = pos.x();
    assert_eq!(xs, &[0.0, 1.0, 2.0, 3.0, 4.0]);
    assert_eq!(particles.pos().x().iter().sum::<f32>(), 10.0);
    assert_eq!(particles.vel().z(), &[-0.5, -1.5, -2.5, -3.5, -4.5]);
    assert_eq!(particles.mass(), &[0.0, 10.0, 20.0, 30.0, 40.0]);
    assert_eq!(
        particles.column(Particle::POS.then(Vec3::Y)),
        &[0.25, 1.25, 2.25, 3.25, 4.25]
    );
    assert_eq!(
        particles.column(Particle::VEL.then(Vec3::X)),
        &[0.0, -1.0, -2.0, -3.0, -4.0]
    );
    assert_eq!(particles.column(Particle::MASS)[2], 20.0);
}

#[test]
fn rows_view_nested_records() {
    let mut particles: ParticleSoa = (0..3).map(particle).collect();
    let row: ParticleRef<'_> = particles.get(1).unwrap();
    let pos: Vec3Ref<'_> = row.pos;
    assert_eq!(*pos.y, 1.25);
    assert_eq!(row.to_record(), particle(1));
    let row: ParticleMut<'_> = particles.get_mut(2).unwrap();
    *row.vel.x = 99.0;
    *row.mass = 1.0;
    assert_eq!(particles.vel().x(), &[0.0, -1.0, 99.0]);
    assert_eq!(particles.mass()[2], 1.0);
}

#[test]
fn vec_api_round_trips() {
    let mut particles = ParticleSoa::default();
    for i in 0..10 {
        particles.push(particle(i));
    }
    assert_eq!(particles.pop(), Some(particle(9)));
    particles.insert(0, particle(42));
    assert_eq!(particles.remove(1), particle(0));
    particles.retain(|p| *p.pos.x != 3.0);
    let expect: Vec<Particle> = [42, 1, 2, 4, 5, 6, 7, 8]
        .into_iter()
        .map(particle)
        .collect();
    let got: Vec<Particle> = particles.iter().map(|r| r.to_record()).collect();
    assert_eq!(got, expect);
    particles.sort_by_column(Particle::POS.then(Vec3::X));
    assert_eq!(
        particles.pos().x(),
        &[1.0, 2.0, 4.0, 5.0, 6.0, 7.0, 8.0, 42.0]
    );
    let back: Vec<Particle> = particles.into_iter().collect();
    assert_eq!(back.len(), 8);
}

#[test]
fn nested_views_of_slices() {
    let mut particles: ParticleSoa = (0..6).map(particle).collect();
    let (left, right) = particles.as_slice().split_at(2);
    assert_eq!(left.pos().x(), &[0.0, 1.0]);
    assert_eq!(right.vel().y(), &[-2.25, -3.25, -4.25, -5.25]);
    for x in particles.pos_mut().x_mut() {
        *x += 100.0;
    }
    assert_eq!(particles.pos().x()[5], 105.0);
    let mut view = particles.slice_mut(1..3);
    view.vel_mut().z_mut()[0] = 7.0;
    assert_eq!(particles.vel().z()[1], 7.0);
}

#[test]
fn forms_convert() {
    let p = particle(3);
    let fixed = ParticleFixed::from(p);
    assert_eq!(Particle::from(fixed), p);
    let packed = ParticlePacked::from(p);
    assert_eq!(Particle::from(packed), p);
}

#[test]
fn soa_generic_container() {
    let soa: Soa<Particle> = vec![particle(1); 3].into();
    assert_eq!(soa.column(Particle::POS.then(Vec3::Z)), &[1.5, 1.5, 1.5]);
}

#[test]
fn descriptors_that_name_no_column_panic() {
    let particles: ParticleSoa = (0..2).map(particle).collect();
    // `pos` itself is stored as three columns, not as a column of `Vec3`s.
    let err = std::panic::catch_unwind(|| particles.column(Particle::POS).len()).unwrap_err();
    let message = err.downcast_ref::<String>().expect("a formatted message");
    assert_eq!(
        message,
        "descriptor `Particle.pos` (index 0, offset 0) names no column of `Particle`: it has 7 columns"
            .replace("offset 0", &format!("offset {}", core::mem::offset_of!(Particle, pos)))
            .as_str()
    );
    // Descriptors compose offsets: `vel.z` sits where the record says.
    let vz = Particle::VEL.then(Vec3::Z);
    assert_eq!(
        vz.offset(),
        core::mem::offset_of!(Particle, vel) + core::mem::offset_of!(Vec3, z)
    );
    assert_eq!(particles.column(vz), &[-0.5, -1.5]);
}

#[test]
fn debug_prints_records_of_records() {
    let particles: ParticleSoa = (0..2).map(particle).collect();
    let model: Vec<Particle> = (0..2).map(particle).collect();
    assert_eq!(format!("{particles:?}"), format!("{model:?}"));
    let row = particles.get(0).unwrap();
    assert_eq!(
        format!("{row:?}"),
        "ParticleRef { pos: Vec3Ref { x: 0.0, y: 0.25, z: 0.5 }, vel: Vec3Ref { x: -0.0, y: -0.25, z: -0.5 }, mass: 0.0 }"
    );
}

#[test]
fn heap_bytes_have_no_padding_of_the_nested_record() {
    #[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
    pub struct Padded {
        pub a: u8,
        pub b: u32,
    }
    #[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
    pub struct Holder {
        #[record(nested)]
        pub p: Padded,
        pub c: u8,
    }
    let mut soa = HolderSoa::default();
    soa.reserve_exact(100);
    for i in 0..100u8 {
        soa.push(Holder {
            p: Padded {
                a: i,
                b: u32::from(i),
            },
            c: i,
        });
    }
    // 1 + 4 + 1 bytes per row, where `Vec<Holder>` takes 12.
    assert_eq!(soa.heap_bytes(), 600);
    assert_eq!(std::mem::size_of::<Holder>(), 12);
    assert_eq!(soa.p().b()[99], 99);
}

#[test]
fn forms_use_the_nested_records_forms() {
    let p = particle(5);
    let fixed = ParticleFixed::from(p);
    let pos: Vec3Fixed = fixed.pos;
    assert_eq!(pos.y, 5.25);
    assert_eq!(Particle::from(fixed), p);
    let packed = ParticlePacked::from(p);
    let vel: Vec3Packed = packed.vel();
    assert_eq!(Vec3::from(vel), p.vel);
    assert_eq!(Particle::from(packed), p);
    // Seven `f32`s and no padding anywhere.
    assert_eq!(std::mem::size_of::<ParticlePacked>(), 28);
    assert_eq!(std::mem::size_of::<ParticleFixed>(), 28);
    // Descriptors of the forms compose with the nested forms' descriptors.
    let y = ParticleFixed::POS.then(Vec3Fixed::Y);
    assert_eq!(y.get(&fixed), 5.25);
    assert_eq!(
        y.offset(),
        core::mem::offset_of!(ParticleFixed, pos) + core::mem::offset_of!(Vec3Fixed, y)
    );
}

#[test]
fn packed_form_of_a_padded_nested_record_has_no_padding() {
    #[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
    pub struct Padded {
        pub a: u8,
        pub b: u32,
    }
    #[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
    pub struct Holder {
        pub c: u8,
        #[record(nested)]
        pub p: Padded,
    }
    let h = Holder {
        c: 1,
        p: Padded { a: 2, b: 3 },
    };
    assert_eq!(std::mem::size_of::<HolderPacked>(), 6);
    let packed = HolderPacked::from(h);
    assert_eq!(Holder::from(packed), h);
    assert_eq!(HolderPacked::P.get(&packed).b(), 3);
    assert_eq!(Holder::from(HolderFixed::from(h)), h);
}

#[test]
fn fixed_form_of_a_nested_record_laid_out_differently_by_repr_c() {
    // 8 bytes as a Rust struct (reordered), 12 as `#[repr(C)]`.
    #[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
    pub struct Odd {
        pub a: u8,
        pub b: u32,
        pub c: u8,
    }
    #[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
    pub struct Outer {
        #[record(nested)]
        pub odd: Odd,
        pub d: u16,
    }
    let o = Outer {
        odd: Odd { a: 1, b: 2, c: 3 },
        d: 4,
    };
    assert_eq!(std::mem::size_of::<OddFixed>(), 12);
    assert_eq!(Outer::from(OuterFixed::from(o)), o);
    assert_eq!(Outer::from(OuterPacked::from(o)), o);
    assert_eq!(std::mem::size_of::<OuterPacked>(), 8);
    let soa: OuterSoa = vec![o; 3].into();
    assert_eq!(soa.odd().c(), &[3, 3, 3]);
}

#[test]
fn layout_table_shows_nested_fields_dotted() {
    let table = Particle::layout().to_string();
    for name in ["pos.x", "pos.y", "pos.z", "vel.x", "vel.z", "mass"] {
        assert!(table.contains(name), "{name} missing from\n{table}");
    }
    let fixed = <ParticleFixed as compact_record::Form>::FORM;
    assert_eq!(fixed.fields.len(), 3);
    assert_eq!(fixed.fields[0].type_name, "Vec3Fixed");
    assert_eq!(fixed.fields[0].nested.map(|n| n.name), Some("Vec3Fixed"));
    let packed = <ParticlePacked as compact_record::Form>::FORM.to_string();
    // `vel.y` of the packed form: 12 bytes of `pos`, then `vel.x`.
    assert!(
        packed.contains("|     16 | vel.y            | f32          |     4 |"),
        "{packed}"
    );
    assert!(!packed.contains("[padding]"), "{packed}");
    println!("{table}");
}

#[test]
fn records_nest_two_levels_deep() {
    #[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
    pub struct Mid {
        pub w: u8,
        #[record(nested)]
        pub v: Vec3,
    }
    #[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
    pub struct Top {
        #[record(nested)]
        pub mid: Mid,
        pub id: u32,
    }
    let top = |i: u8| Top {
        mid: Mid {
            w: i,
            v: Vec3 {
                x: f32::from(i),
                y: 0.5,
                z: -1.0,
            },
        },
        id: u32::from(i) * 10,
    };
    let mut soa: TopSoa = (0..5).rev().map(top).collect();
    assert_eq!(soa.mid().v().x(), &[4.0, 3.0, 2.0, 1.0, 0.0]);
    assert_eq!(soa.column(Top::MID.then(Mid::V).then(Vec3::Z)), &[-1.0; 5]);
    soa.sort_by_column(Top::MID.then(Mid::V.then(Vec3::X)));
    assert_eq!(soa.id(), &[0, 10, 20, 30, 40]);
    assert_eq!(soa.get(2).unwrap().to_record(), top(2));
    let model: Vec<Top> = (0..5).map(top).collect();
    assert_eq!(format!("{soa:?}"), format!("{model:?}"));
    assert_eq!(Top::from(TopPacked::from(top(3))), top(3));
    assert_eq!(std::mem::size_of::<TopPacked>(), 1 + 12 + 4);
    let table = <TopPacked as compact_record::Form>::FORM.to_string();
    assert!(table.contains("mid.v.y"), "{table}");
    let _ = soa.pop();
    assert_eq!(soa.len(), 4);
}

// `particles.pos()` is a temporary view; its columns borrow `particles`.
#[test]
fn columns_of_a_nested_view_outlive_the_view() {
    let mut particles: ParticleSoa = (0..4).map(particle).collect();
    let xs = particles.pos().x();
    let vys = particles.slice(1..3).vel().y();
    let zs = particles.as_slice().pos().column(Vec3::Z);
    assert_eq!(xs, &[0.0, 1.0, 2.0, 3.0]);
    assert_eq!(vys, &[-1.25, -2.25]);
    assert_eq!(zs, &[0.5, 1.5, 2.5, 3.5]);
    assert_eq!(xs.iter().sum::<f32>(), 6.0);
    // Through an exclusive view: `pos()` borrows it, `pos_mut()` borrows
    // it exclusively.
    let mut view = particles.slice_mut(2..);
    let ys = view.pos().y();
    assert_eq!(ys, &[2.25, 3.25]);
    let mut pos = view.pos_mut();
    pos.x_mut()[1] = 30.0;
    view.vel_mut().z_mut()[0] = 7.0;
    assert_eq!(view.pos().x(), &[2.0, 30.0]);
    assert_eq!(particles.pos().x(), &[0.0, 1.0, 2.0, 30.0]);
    assert_eq!(particles.vel().z()[2], 7.0);
}
