// A stand-in for the browser's speech synthesis that records what the app
// asks it to say, with the voices a phone might have: headless Chromium has
// none, and a test cannot listen.
import { type BrowserContext, type Page } from "@playwright/test";

export interface Spoken {
  text: string;
  lang: string;
}

/** Every page of `context` speaks into the recorder, with voices of `langs`. */
export async function recordSpeech(context: BrowserContext, langs: string[]): Promise<void> {
  await context.addInitScript((voiceLangs) => {
    const said: { text: string; lang: string }[] = [];
    (window as unknown as { said: typeof said }).said = said;
    Object.defineProperty(window, "speechSynthesis", {
      configurable: true,
      value: {
        getVoices: () => voiceLangs.map((lang) => ({ lang, name: `stub ${lang}` })),
        cancel: () => {},
        speak: (utterance: SpeechSynthesisUtterance) => said.push({ text: utterance.text, lang: utterance.lang }),
      },
    });
  }, langs);
}

/** What the page has asked to be said, oldest first. */
export async function spoken(page: Page): Promise<Spoken[]> {
  return page.evaluate(() => (window as unknown as { said: Spoken[] }).said);
}
