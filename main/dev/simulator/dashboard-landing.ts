// Where "Open dashboard" lands in demo mode. Palyra serves its web console here; the simulator
// has none, so it serves one small page that shows the hand-off worked: the one-time token in the
// URL is checked (not spent, so the console's own session exchange still works) and the page
// says who it signs in, or why the link is no good. No script: the page is server-rendered.
import { sendRaw } from './http-io';
import type { Route, RouteRequest } from './simulator-state';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="color-scheme" content="light dark">
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:36rem;margin:12vh auto;padding:0 1.2rem}
h1{font-size:1.3rem}.ok{color:#15803d}.bad{color:#b91c1c}code{font-size:.9em}
@media (prefers-color-scheme:dark){body{background:#17181b;color:#e8e9eb}.ok{color:#4ade80}.bad{color:#f87171}}
</style></head><body>${body}</body></html>`;
}

function landing(r: RouteRequest): Promise<null> {
  const token = r.url.searchParams.get('desktop_handoff_token');
  let html: string;
  let status = 200;
  if (!token) {
    html = page(
      'Palyra gateway simulator',
      '<h1>Palyra gateway simulator</h1><p>This is the simulator standing in for palyrad. Open the dashboard from the companion (Settings → Open dashboard) to try the hand-off.</p>',
    );
  } else {
    try {
      const grant = r.state.handoffs.peek(token);
      html = page(
        'Dashboard hand-off worked',
        `<h1 class="ok">Dashboard hand-off worked</h1>
<p>The companion opened this page with a valid one-time sign-in link for <strong>${escapeHtml(grant.context.principal)}</strong>.</p>
<p>In a real install Palyra's web console opens here, signed in. The simulator has no console, so this page is where the demo ends.</p>`,
      );
    } catch {
      status = 403;
      html = page(
        'Hand-off link expired',
        '<h1 class="bad">This sign-in link is invalid or expired</h1><p>Links are good for 60 seconds and one use. Open the dashboard from the companion again.</p>',
      );
    }
  }
  sendRaw(r.res, status, 'text/html; charset=utf-8', html);
  return Promise.resolve(null);
}

export const dashboardLandingRoutes: Route[] = [{ method: 'GET', pattern: /^\/$/, handler: landing }];
