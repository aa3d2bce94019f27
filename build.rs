//! Build script: re-embed the diesel migrations when they change.

fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
