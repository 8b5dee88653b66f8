// The only door from the shell to the OS browser. It opens URLs core built (the dashboard
// hand-off), never anything a renderer sent, and only plain loopback-or-https web URLs.
import type { ShellPort } from './electron-ports';
import { CompanionError } from '../core/errors';

export function checkExternalUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new CompanionError(
      'dashboard_url_invalid',
      'The dashboard hand-off URL is not a valid URL.',
      'Check the gateway configuration (gateway_access.remote_base_url) and try again.',
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new CompanionError(
      'dashboard_url_invalid',
      `Refusing to open a ${url.protocol} URL in the browser.`,
      'Only http and https dashboard URLs can be opened; check the gateway configuration.',
    );
  }
  if (url.username || url.password) {
    throw new CompanionError(
      'dashboard_url_invalid',
      'Refusing to open a dashboard URL with embedded credentials.',
      'Remove the user name and password from the configured dashboard URL.',
    );
  }
  return url;
}

export class ExternalOpener {
  private readonly shell: ShellPort;

  constructor(shell: ShellPort) {
    this.shell = shell;
  }

  /** `url` must come from core (e.g. a `dashboard.open` result), not from a renderer. */
  async openCoreUrl(url: string): Promise<void> {
    const checked = checkExternalUrl(url);
    try {
      await this.shell.openExternal(checked.href, { activate: true });
    } catch (err) {
      throw new CompanionError(
        'browser_open_failed',
        'The default browser could not be opened.',
        'Set a default web browser for your desktop, or copy the dashboard URL from Settings.',
        { cause: err },
      );
    }
  }
}
