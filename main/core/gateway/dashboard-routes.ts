import { GatewayError } from './gateway-error';

export type DashboardSection =
  | 'overview'
  | 'chat'
  | 'approvals'
  | 'access'
  | 'operations'
  | 'browser'
  | 'channels'
  | 'canvas'
  | 'auth'
  | 'onboarding'
  | 'config'
  | 'secrets'
  | 'home';

const SECTION_ROUTES: Record<string, string> = {
  canvas: '/#/chat/canvas',
  chat: '/#/chat',
  approvals: '/#/control/approvals',
  browser: '/#/control/browser',
  channels: '/#/control/channels',
  access: '/#/settings/access',
  auth: '/#/settings/profiles',
  onboarding: '/#/settings/profiles',
  config: '/#/settings/config',
  secrets: '/#/settings/secrets',
  operations: '/#/settings/diagnostics',
  overview: '/#/control/overview',
  home: '/#/control/overview',
};

/** The web dashboard's hash route for a companion section (Palyra desktop's mapping, §6). */
export function dashboardRedirectPath(section?: string | null): string {
  const name = section?.trim() ?? '';
  if (name === '') return SECTION_ROUTES.overview!;
  if (name.startsWith('/')) return name;
  return SECTION_ROUTES[name] ?? `/#/control/${encodeURIComponent(name)}`;
}

/**
 * A hand-off URL is opened in the operator's browser, so it must point back at the very gateway
 * we talk to (same scheme, host and port) and carry a token; anything else is refused.
 */
export function validateHandoffUrl(handoffUrl: string, gatewayBaseUrl: string): URL {
  const reject = (why: string): never => {
    throw new GatewayError(
      'handoff_rejected',
      `The dashboard hand-off URL was refused: ${why}`,
      'Restart the gateway from the companion; if it persists, open the dashboard manually and sign in.',
    );
  };
  let url: URL;
  try {
    url = new URL(handoffUrl);
  } catch {
    return reject('it is not a valid URL');
  }
  const base = new URL(gatewayBaseUrl);
  if (url.protocol !== base.protocol) reject(`scheme ${url.protocol} differs from ${base.protocol}`);
  if (url.hostname !== base.hostname) reject(`host ${url.hostname} is not the gateway host ${base.hostname}`);
  if (effectivePort(url) !== effectivePort(base))
    reject(`port ${effectivePort(url)} is not the gateway port`);
  if (url.username || url.password) reject('it embeds credentials');
  if (!url.searchParams.get('token')) reject('it carries no hand-off token');
  return url;
}

function effectivePort(url: URL): string {
  if (url.port) return url.port;
  return url.protocol === 'https:' ? '443' : '80';
}
