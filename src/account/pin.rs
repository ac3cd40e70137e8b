//! A member's PIN on a shared device: checked on the device alone (the
//! chooser works with no network), kept only as a salted PBKDF2 hash made by
//! the browser's Web Crypto.
//!
//! ## Usage
//! ```ignore
//! let kept = pin::protect("4821").await?;      // store `kept` with the member
//! assert!(pin::matches("4821", &kept).await);
//! ```

use js_sys::{Array, Object, Reflect, Uint8Array};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::store::device_members::PinHash;

/// Digits a PIN may have: short enough for an elder to remember, long
/// enough that the next person at the counter does not guess it.
pub const PIN_DIGITS: std::ops::RangeInclusive<usize> = 4..=6;

/// Slows each guess down; a tablet's browser does this in well under a
/// second.
const ITERATIONS: u32 = 100_000;

/// Whether `pin` has the shape of a PIN (the form says so before saving).
pub fn is_pin(pin: &str) -> bool {
    PIN_DIGITS.contains(&pin.len()) && pin.bytes().all(|byte| byte.is_ascii_digit())
}

/// A fresh salt and the hash of `pin` with it.
pub async fn protect(pin: &str) -> Result<PinHash, JsValue> {
    let salt = random_hex(16)?;
    let hash = derive(pin, &salt).await?;
    Ok(PinHash { salt, hash })
}

/// Whether `pin` is the one `kept` was made from.
pub async fn matches(pin: &str, kept: &PinHash) -> bool {
    derive(pin, &kept.salt).await.is_ok_and(|hash| hash == kept.hash)
}

fn subtle() -> Result<JsValue, JsValue> {
    let crypto = Reflect::get(&js_sys::global(), &"crypto".into())?;
    Reflect::get(&crypto, &"subtle".into())
}

fn call(target: &JsValue, method: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
    let function: js_sys::Function = Reflect::get(target, &method.into())?.dyn_into()?;
    function.apply(target, &args.iter().collect::<Array>())
}

async fn derive(pin: &str, salt: &str) -> Result<String, JsValue> {
    let subtle = subtle()?;
    let usages = Array::of1(&"deriveBits".into());
    let key = JsFuture::from(js_sys::Promise::from(call(
        &subtle,
        "importKey",
        &[
            "raw".into(),
            Uint8Array::from(pin.as_bytes()).into(),
            "PBKDF2".into(),
            false.into(),
            usages.into(),
        ],
    )?))
    .await?;
    let params = Object::new();
    Reflect::set(&params, &"name".into(), &"PBKDF2".into())?;
    Reflect::set(&params, &"hash".into(), &"SHA-256".into())?;
    Reflect::set(&params, &"iterations".into(), &ITERATIONS.into())?;
    Reflect::set(&params, &"salt".into(), &Uint8Array::from(salt.as_bytes()).into())?;
    let bits = JsFuture::from(js_sys::Promise::from(call(
        &subtle,
        "deriveBits",
        &[params.into(), key, 256.into()],
    )?))
    .await?;
    Ok(hex(&Uint8Array::new(&bits).to_vec()))
}

fn random_hex(bytes: u32) -> Result<String, JsValue> {
    let crypto = Reflect::get(&js_sys::global(), &"crypto".into())?;
    let buffer = Uint8Array::new_with_length(bytes);
    call(&crypto, "getRandomValues", &[buffer.clone().into()])?;
    Ok(hex(&buffer.to_vec()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// A PIN's field: digits only on a phone's keyboard, hidden as typed.
#[component]
pub fn PinInput(
    /// What is typed.
    typed: RwSignal<String>,
    /// `off` to open an account, `new-password` to set a PIN.
    autocomplete: &'static str,
    test_id: &'static str,
) -> impl IntoView {
    view! {
        <input
            type="password"
            inputmode="numeric"
            autocomplete=autocomplete
            maxlength="6"
            required
            prop:value=typed
            on:input=move |ev| typed.set(event_target_value(&ev))
            data-testid=test_id
        />
    }
}
