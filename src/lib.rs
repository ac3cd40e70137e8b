//! 邻里 Linli, the browser app: Leptos 0.8 rendered on the client as
//! WebAssembly, installable as a PWA and usable with no network.
//!
//! Build and serve it with the README's run command; `trunk build --release`
//! alone writes it to `dist/`. One folder per module (`canteen/`, `rules/`,
//! `volunteers/`), plus `store/` (browser storage), `pwa/` (service worker),
//! `shell/` (the frame around the pages) and `i18n` (the shell's strings; each module has its own table).

use wasm_bindgen::JsCast;

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
///
/// When index.html has painted the top of a module's page for a visitor
/// (scripts/first-paint.py), the app starts once the browser has shown it
/// (`linliFirstPaint`): on a fast link the shell and the module would
/// otherwise replace it before it was on screen, and the visitor's first
/// sight, and the largest paint the browser reports, would wait for them.
pub fn mount() {
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    let first_paint = web_sys::window()
        .and_then(|window| js_sys::Reflect::get(&window, &"linliFirstPaint".into()).ok())
        .and_then(|painted| painted.dyn_into::<js_sys::Promise>().ok());
    match first_paint {
        Some(painted) => wasm_bindgen_futures::spawn_local(async move {
            let _ = wasm_bindgen_futures::JsFuture::from(painted).await;
            leptos::mount::mount_to_body(app::App);
        }),
        None => leptos::mount::mount_to_body(app::App),
    }
}
