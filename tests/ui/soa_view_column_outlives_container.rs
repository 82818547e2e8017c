// A named column of a view (even of a temporary view) borrows the
// container: it cannot outlive it, nor be held while the container
// changes.
use compact_record::CompactRecord;

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct Vec3 {
    pub x: f32,
    pub y: f32,
    pub z: f32,
}

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct Particle {
    #[record(nested)]
    pub pos: Vec3,
    pub mass: f32,
}

fn main() {
    let p = Particle { pos: Vec3 { x: 1.0, y: 2.0, z: 3.0 }, mass: 4.0 };
    let xs: &[f32] = {
        let particles = ParticleSoa::from(vec![p]);
        particles.pos().x()
    };
    println!("{xs:?}");

    let mut particles = ParticleSoa::from(vec![p]);
    let masses = particles.slice(..).mass();
    particles.push(p);
    println!("{masses:?}");
}
