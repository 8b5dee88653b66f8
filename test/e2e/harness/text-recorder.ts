// Records, inside the page, every text an element matching a selector shows. Polling over
// WebDriver can miss fast changes on a loaded machine; a MutationObserver in the page does not.
import { browser } from '@wdio/globals';

declare global {
  interface Window {
    __e2eTextRecords?: Record<string, string[]>;
  }
}

export async function startRecordingText(key: string, selector: string): Promise<void> {
  await browser.execute(
    (recordKey: string, sel: string) => {
      const records = (window.__e2eTextRecords ??= {});
      const seen: string[] = (records[recordKey] = []);
      const capture = (): void => {
        const el = document.querySelector(sel);
        const text = el?.textContent ?? null;
        if (text !== null && seen[seen.length - 1] !== text) seen.push(text);
      };
      new MutationObserver(capture).observe(document.body, {
        subtree: true,
        childList: true,
        characterData: true,
      });
      capture();
    },
    key,
    selector,
  );
}

export async function recordedTexts(key: string): Promise<string[]> {
  return browser.execute((recordKey: string) => window.__e2eTextRecords?.[recordKey] ?? [], key);
}
