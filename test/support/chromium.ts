// Debian's Chromium and chromedriver as WebDriver capabilities, for the e2e suite and the UI bench.
// A plain object (no wdio import) so it compiles with the benches; it fits WebdriverIO.Capabilities.

export interface ChromiumCapabilities {
  browserName: 'chrome';
  'goog:chromeOptions': { binary: string; args: string[] };
  'wdio:chromedriverOptions': { binary: string };
}

/** A fresh object each call: callers append their own flags (e.g. a per-run profile dir). */
export function chromiumCapabilities(): ChromiumCapabilities {
  return {
    // No browserVersion: naming one makes wdio download Chrome for Testing (no network here).
    browserName: 'chrome',
    'goog:chromeOptions': {
      binary: '/usr/bin/chromium',
      args: [
        '--headless=new',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
        // The popover's size in the tray.
        '--window-size=380,560',
      ],
    },
    'wdio:chromedriverOptions': { binary: '/usr/bin/chromedriver' },
  };
}
