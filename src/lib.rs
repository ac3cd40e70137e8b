//! 邻里 Linli, the browser app: Leptos 0.8 rendered on the client as
//! WebAssembly, installable as a PWA and usable with no network.
//!
//! Build and serve it with the README's run command; `trunk build --release`
//! alone writes it to `dist/`. One folder per module (`canteen/`, `rules/`,
//! `volunteers/`), plus `store/` (browser storage), `pwa/` (service worker),
//! `shell/` (the frame around the pages) and `i18n` (the shell's strings; each module has its own table).

pub mod account;
pub mod app;
pub mod canteen;
pub mod forms;
pub mod home;
pub mod i18n;
pub mod lazy;
pub mod members;
pub mod notices;
pub mod pwa;
pub mod qr;
pub mod rules;
pub mod scan;
pub mod services;
pub mod settings;
pub mod shell;
pub mod store;
pub mod sync;
pub mod timer;
pub mod view;
pub mod village;
pub mod volunteers;

/// Mounts the app on `<body>`; the binary's `main` calls only this.
pub fn mount() {
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
