//! Entry point of the browser app; trunk builds this binary to WebAssembly.

fn main() {
    linli::mount();
}
