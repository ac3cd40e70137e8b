//! A button that reads a text aloud with the browser's own speech
//! synthesis, in the member's language, for members who read with
//! difficulty. Where the phone has no voice for that language it says so
//! instead of staying silent.
//!
//! ## Usage
//! ```no_run
//! # use leptos::prelude::*;
//! # use linli::shell::ReadAloud;
//! let notice = view! { <p>"周三停水"</p> <ReadAloud text=|| "周三停水".to_owned() /> };
//! ```

use leptos::prelude::*;
use web_sys::{SpeechSynthesis, SpeechSynthesisUtterance};

use crate::i18n::{current_lang, texts, Lang};

/// Speaks `text` in `lang`; `false` when this browser has no speech
/// synthesis, or no voice for the language.
fn speak(text: &str, lang: Lang) -> bool {
    let Some(synth): Option<SpeechSynthesis> = window().speech_synthesis().ok() else {
        return false;
    };
    let Ok(utterance) = SpeechSynthesisUtterance::new_with_text(text) else {
        return false;
    };
    utterance.set_lang(lang.tag());
    let voices = synth.get_voices();
    // Chrome lists its voices only after a moment: with none listed yet,
    // the language tag lets the browser pick one.
    if voices.length() > 0 {
        // A voice of the language, whatever its region: `zh` of `zh-CN`.
        let wanted = lang.tag().split('-').next().unwrap_or_default();
        let voice = voices
            .iter()
            .map(wasm_bindgen::JsCast::unchecked_into::<web_sys::SpeechSynthesisVoice>)
            .find(|voice| voice.lang().to_lowercase().starts_with(wanted));
        let Some(voice) = voice else {
            return false;
        };
        // By its language, not the voice object: the browser picks that
        // voice, and a voice from elsewhere cannot make the setter throw.
        utterance.set_lang(&voice.lang());
    }
    // A little slower than the default: the listeners are often elderly.
    utterance.set_rate(0.85);
    // A new reading replaces the one still going.
    synth.cancel();
    synth.speak(&utterance);
    true
}

#[component]
pub fn ReadAloud(
    /// The words to read, as the screen shows them.
    text: impl Fn() -> String + 'static,
) -> impl IntoView {
    let t = texts();
    let unavailable = RwSignal::new(false);
    let read = move |_| unavailable.set(!speak(&text(), current_lang()));
    view! {
        <button type="button" class="secondary read-aloud" data-testid="read-aloud" on:click=read>
            // A speaker drawn here, not an emoji: a phone without an emoji font shows it too.
            <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20" fill="currentColor">
                <path d="M3 9v6h4l5 5V4L7 9H3zm13.5 3a4.5 4.5 0 0 0-2.5-4v8a4.5 4.5 0 0 0 2.5-4zM14 3.2v2.1a7 7 0 0 1 0 13.4v2.1a9 9 0 0 0 0-17.6z" />
            </svg>
            " " {t.read_aloud}
        </button>
        <Show when=move || unavailable.get()>
            <p class="note" role="status" data-testid="read-aloud-unavailable">{t.read_aloud_unavailable}</p>
        </Show>
    }
}
