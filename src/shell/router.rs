//! Which page the address names, and moving between pages without a
//! reload: a click on a link to one of the app's own addresses, the back
//! and forward buttons, and [`use_navigate`].
//!
//! Written here rather than taken from leptos_router: the app has ten fixed
//! addresses without parameters, and the router's nested-route matching was
//! several kilobytes of the first load that every visit pays for.
//!
//! ## Usage
//! ```ignore
//! provide_router(); // once, in the root component
//! let path = use_path();
//! view! {
//!     {move || match path.get().as_str() {
//!         "/" => view! { <HomePage /> }.into_any(),
//!         _ => view! { <NotFound /> }.into_any(),
//!     }}
//!     <a href="/rules" aria-current=move || is_current(&path.get(), "/rules").then_some("page")>"村规民约"</a>
//! }
//! let navigate = use_navigate(); // in the component, for an action's later
//! navigate("/");                  // e.g. after switching member
//! ```

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The path of the page shown: `address`, set from the address bar only
/// here, and `page`, which the pages follow.
#[derive(Clone, Copy)]
struct CurrentPath {
    address: RwSignal<String>,
    page: Memo<String>,
}

/// Starts following the address, for [`use_path`] and [`use_navigate`].
pub fn provide_router() {
    let address = RwSignal::new(address_path());
    let page = Memo::new(move |_| address.get());
    provide_context(CurrentPath { address, page });
    let _ = window_event_listener(leptos::ev::popstate, move |_| address.set(address_path()));
    let _ = window_event_listener(leptos::ev::click, move |click| {
        if let Some(href) = in_app_link(&click) {
            click.prevent_default();
            go(address, &href);
        }
    });
}

/// The path of the page shown, without a trailing slash (`/rules/` is
/// `/rules`); a click on the link to the page already open changes nothing.
pub fn use_path() -> Memo<String> {
    expect_context::<CurrentPath>().page
}

/// A function that shows the page at an address of this app (such as
/// `/`), as a click on a link to it would. Taken in a component's body: an
/// action that runs later, after an `await`, has no context to look in.
pub fn use_navigate() -> impl Fn(&str) + Copy {
    let address = expect_context::<CurrentPath>().address;
    move |to| go(address, to)
}

/// Whether a link to `href` leads to the page at `path` or to one under it
/// (`/volunteers` is current at `/volunteers/certificate`): what the bottom
/// navigation marks with `aria-current`.
pub fn is_current(path: &str, href: &str) -> bool {
    path == href || (href != "/" && path.strip_prefix(href).is_some_and(|rest| rest.starts_with('/')))
}

fn go(address: RwSignal<String>, to: &str) {
    let window = window();
    if let Ok(history) = window.history() {
        let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(to));
    }
    address.set(address_path());
    window.scroll_to_with_x_and_y(0.0, 0.0);
}

fn address_path() -> String {
    let path = window().location().pathname().unwrap_or_default();
    match path.trim_end_matches('/') {
        "" => "/".to_owned(),
        trimmed => trimmed.to_owned(),
    }
}

/// The `href` of the link `click` follows, when the app should show it
/// itself: a plain click on a link to one of its own absolute paths. Links
/// with a target, a download, `rel="external"`, to another origin or to a
/// place on the same page (`#main`) are left to the browser, as are clicks
/// with a modifier key (a new tab) or another button.
fn in_app_link(click: &web_sys::MouseEvent) -> Option<String> {
    if click.default_prevented()
        || click.button() != 0
        || click.meta_key()
        || click.alt_key()
        || click.ctrl_key()
        || click.shift_key()
    {
        return None;
    }
    let link = click
        .target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest("a[href]")
        .ok()??;
    let external = link
        .get_attribute("rel")
        .is_some_and(|rel| rel.split_ascii_whitespace().any(|word| word == "external"));
    if link.has_attribute("target") || link.has_attribute("download") || external {
        return None;
    }
    let href = link.get_attribute("href")?;
    (href.starts_with('/') && !href.starts_with("//")).then_some(href)
}
