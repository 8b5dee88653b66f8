// The four ways every view must look right: the popover (380×560, as the Electron popover and
// the emulated viewport) and a full browser window, each in the light and the dark scheme.
import { browser } from '@wdio/globals';
import { emulateColorScheme, type ColorScheme } from '../harness/color-scheme';
import { screenshot } from '../harness/companion-page';

export interface Look {
  viewport: 'popover' | 'window';
  width: number;
  height: number;
  scheme: ColorScheme;
}

export const LOOKS: Look[] = (['popover', 'window'] as const).flatMap((viewport) =>
  (['light', 'dark'] as const).map((scheme) => ({
    viewport,
    scheme,
    ...(viewport === 'popover' ? { width: 380, height: 560 } : { width: 1280, height: 860 }),
  })),
);

export const lookName = (look: Look): string => `${look.viewport}-${look.scheme}`;

export async function applyLook(look: Look): Promise<void> {
  await browser.setViewport({ width: look.width, height: look.height });
  await emulateColorScheme(look.scheme);
}

/** Runs `check` in every look and saves `<name>-<look>.png` after it. */
export async function inEveryLook(name: string, check: (look: Look) => Promise<void>): Promise<void> {
  for (const look of LOOKS) {
    await applyLook(look);
    await check(look);
    await screenshot(`${name}-${lookName(look)}`);
  }
  await applyLook(LOOKS[0]!);
}

/** Visible text of the whole page (what an operator can read). */
export async function pageText(): Promise<string> {
  return browser.execute(() => document.body.innerText);
}
