import { describe, expect, it } from 'vitest';
import { dashboardRedirectPath, validateHandoffUrl } from '../../../main/core/gateway/dashboard-routes';
import { GatewayError } from '../../../main/core/gateway/gateway-error';

describe('dashboardRedirectPath', () => {
  it('maps companion sections to the dashboard hash routes', () => {
    expect(dashboardRedirectPath()).toBe('/#/control/overview');
    expect(dashboardRedirectPath('overview')).toBe('/#/control/overview');
    expect(dashboardRedirectPath('home')).toBe('/#/control/overview');
    expect(dashboardRedirectPath('chat')).toBe('/#/chat');
    expect(dashboardRedirectPath('canvas')).toBe('/#/chat/canvas');
    expect(dashboardRedirectPath('approvals')).toBe('/#/control/approvals');
    expect(dashboardRedirectPath('access')).toBe('/#/settings/access');
    expect(dashboardRedirectPath('operations')).toBe('/#/settings/diagnostics');
    expect(dashboardRedirectPath('browser')).toBe('/#/control/browser');
    expect(dashboardRedirectPath('channels')).toBe('/#/control/channels');
    expect(dashboardRedirectPath('onboarding')).toBe('/#/settings/profiles');
    expect(dashboardRedirectPath('secrets')).toBe('/#/settings/secrets');
    expect(dashboardRedirectPath('/#/custom')).toBe('/#/custom');
    expect(dashboardRedirectPath('cron')).toBe('/#/control/cron');
  });
});

describe('validateHandoffUrl', () => {
  const base = 'http://127.0.0.1:7142';
  const ok = 'http://127.0.0.1:7142/console/v1/auth/browser-handoff/consume?token=abc';

  it('accepts a same-origin URL with a token', () => {
    expect(validateHandoffUrl(ok, base).searchParams.get('token')).toBe('abc');
  });

  it.each([
    ['another host', 'http://evil.example:7142/console/v1/auth/browser-handoff/consume?token=abc'],
    ['another port', 'http://127.0.0.1:9999/console/v1/auth/browser-handoff/consume?token=abc'],
    ['another scheme', 'https://127.0.0.1:7142/console/v1/auth/browser-handoff/consume?token=abc'],
    ['no token', 'http://127.0.0.1:7142/console/v1/auth/browser-handoff/consume'],
    ['an empty token', 'http://127.0.0.1:7142/console/v1/auth/browser-handoff/consume?token='],
    ['credentials', 'http://u:p@127.0.0.1:7142/x?token=abc'],
    ['garbage', 'not a url'],
  ])('rejects %s with handoff_rejected', (_why, url) => {
    let caught: unknown = null;
    try {
      validateHandoffUrl(url, base);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(GatewayError);
    expect((caught as GatewayError).code).toBe('handoff_rejected');
    expect((caught as GatewayError).hint).not.toBe('');
  });
});
