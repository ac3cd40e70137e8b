//! Reading a QR code with the camera (pickup codes at the canteen counter,
//! volunteers' member codes at an activity), where the browser has the
//! BarcodeDetector API (Chrome on Android does); elsewhere the button is not
//! shown and the code is typed.

use js_sys::{Array, Function, Object, Promise, Reflect};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::i18n::texts;

fn get(target: &JsValue, name: &str) -> Option<JsValue> {
    Reflect::get(target, &name.into())
        .ok()
        .filter(|value| !value.is_undefined() && !value.is_null())
}

fn call(target: &JsValue, method: &str, args: &Array) -> Option<JsValue> {
    let function = get(target, method)?.dyn_into::<Function>().ok()?;
    Reflect::apply(&function, target, args).ok()
}

async fn wait(promise: JsValue) -> Option<JsValue> {
    JsFuture::from(promise.dyn_into::<Promise>().ok()?).await.ok()
}

/// Whether this browser can read QR codes from the camera.
pub fn can_scan() -> bool {
    get(&js_sys::global(), "BarcodeDetector").is_some()
        && get(&window().navigator(), "mediaDevices").is_some()
}

/// Opens the back camera in `container`, reads the first QR code it sees,
/// closes the camera and returns the code; `None` if the camera could not be
/// used (refused, absent) or was closed.
async fn scan_once(container: web_sys::HtmlElement) -> Option<String> {
    let constructor = get(&js_sys::global(), "BarcodeDetector")?
        .dyn_into::<Function>()
        .ok()?;
    let options = Object::new();
    Reflect::set(&options, &"formats".into(), &Array::of1(&"qr_code".into())).ok()?;
    let detector = Reflect::construct(&constructor, &Array::of1(&options)).ok()?;

    let constraints = Object::new();
    let video_constraints = Object::new();
    Reflect::set(&video_constraints, &"facingMode".into(), &"environment".into()).ok()?;
    Reflect::set(&constraints, &"video".into(), &video_constraints).ok()?;
    let media = get(&window().navigator(), "mediaDevices")?;
    let stream = wait(call(&media, "getUserMedia", &Array::of1(&constraints))?).await?;

    let video = document().create_element("video").ok()?;
    video.set_attribute("playsinline", "").ok()?;
    video.set_attribute("muted", "").ok()?;
    Reflect::set(&video, &"srcObject".into(), &stream).ok()?;
    container.append_child(&video).ok()?;
    let _ = call(&video, "play", &Array::new());

    let mut found = None;
    for _ in 0..600 {
        // About a minute at five looks a second.
        crate::timer::sleep(200).await;
        if !container.contains(Some(&video)) {
            break; // closed by the member
        }
        let Some(codes) = call(&detector, "detect", &Array::of1(&video)) else {
            break;
        };
        if let Some(codes) = wait(codes).await {
            let first = Array::from(&codes).get(0);
            if let Some(text) = get(&first, "rawValue").and_then(|value| value.as_string()) {
                found = Some(text);
                break;
            }
        }
    }
    if let Some(tracks) = call(&stream, "getTracks", &Array::new()) {
        for track in Array::from(&tracks).iter() {
            let _ = call(&track, "stop", &Array::new());
        }
    }
    video.remove();
    found
}

/// A "scan" button that fills `code` from the camera; absent where the
/// browser cannot scan.
#[component]
pub fn ScanButton(
    /// Where the scanned code goes.
    code: RwSignal<String>,
) -> impl IntoView {
    let t = texts();
    let container = NodeRef::<leptos::html::Div>::new();
    let scanning = RwSignal::new(false);
    let start = move |_| {
        let Some(element) = container.get_untracked() else {
            return;
        };
        if scanning.get_untracked() {
            // A second press closes the camera.
            element.set_inner_html("");
            return;
        }
        scanning.set(true);
        let element: web_sys::HtmlElement = element.into();
        leptos::task::spawn_local(async move {
            if let Some(scanned) = scan_once(element).await {
                code.set(scanned);
            }
            scanning.set(false);
        });
    };
    view! {
        <Show when=can_scan>
            <button type="button" class="secondary" on:click=start data-testid="scan">{t.scan}</button>
        </Show>
        <div class="scanner" node_ref=container></div>
    }
}
