//! Waiting in async code, on the browser's own timer.

use js_sys::Promise;
use leptos::prelude::window;
use wasm_bindgen_futures::JsFuture;

/// Resolves after about `ms` milliseconds.
///
/// ## Usage
/// ```no_run
/// # async fn example() {
/// linli::timer::sleep(200).await;
/// # }
/// ```
pub async fn sleep(ms: i32) {
    let promise = Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = JsFuture::from(promise).await;
}
