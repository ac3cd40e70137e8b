//! With `embed-dist`, the binary carries `dist/`: rebuild when a new app
//! build lands there (its file names are hashed, so files come and go).
fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    if std::env::var_os("CARGO_FEATURE_EMBED_DIST").is_some() {
        println!("cargo:rerun-if-changed=../../dist");
    }
}
