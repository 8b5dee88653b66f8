// prefers-color-scheme for the page, through the Chrome DevTools Protocol. wdio's
// emulate('colorScheme') only patches window.matchMedia, which CSS media queries never see, so
// this calls Emulation.setEmulatedMedia through chromedriver's CDP passthrough instead.
import { browser } from '@wdio/globals';

export type ColorScheme = 'light' | 'dark';

export async function emulateColorScheme(scheme: ColorScheme): Promise<void> {
  const { protocol = 'http', hostname = '127.0.0.1', port, path = '/' } = browser.options;
  const base = `${protocol}://${hostname}:${port}${path.endsWith('/') ? path : `${path}/`}`;
  const response = await fetch(`${base}session/${browser.sessionId}/goog/cdp/execute`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      cmd: 'Emulation.setEmulatedMedia',
      params: { features: [{ name: 'prefers-color-scheme', value: scheme }] },
    }),
  });
  if (!response.ok) {
    throw new Error(
      `chromedriver refused Emulation.setEmulatedMedia: ${response.status} ${await response.text()}`,
    );
  }
  await browser.waitUntil(
    () => browser.execute((s: string) => window.matchMedia(`(prefers-color-scheme: ${s})`).matches, scheme),
    { timeout: 10_000, timeoutMsg: `the page never saw prefers-color-scheme: ${scheme}` },
  );
}

/** Relative luminance (0 black … 1 white) of the page background, to prove the theme applied. */
export async function pageBackgroundLuminance(): Promise<number> {
  const rgb = await browser.execute(() => {
    const shell = document.querySelector('.shell') ?? document.body;
    return getComputedStyle(shell).backgroundColor;
  });
  const [r, g, b] = (rgb.match(/\d+(\.\d+)?/g) ?? ['0', '0', '0']).slice(0, 3).map(Number) as [
    number,
    number,
    number,
  ];
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}
