// Issue #11, point 3: honest status. A stopped service is never "All services healthy"; a
// deliberate gateway restart is calm (Starting…, no Degraded/Down, no red connection error, no
// attention dot on Setup); a foreign program on the gateway's port is named once, in words,
// never as its raw HTML reply.
import { createServer, type Server } from 'node:http';
import { $, $$, browser, expect } from '@wdio/globals';
import {
  completeOnboarding,
  openCompanion,
  serviceStateText,
  showTab,
  UI_TIMEOUT,
  waitForServiceState,
} from './harness/companion-page';
import { startCompanion, type CompanionHandle } from './harness/companion-process';
import { SidecarWrapper } from './harness/sidecar-wrapper';
import { recordedTexts, startRecordingText } from './harness/text-recorder';
import { inEveryLook, pageText } from './looks/looks';

const HEADER = '[title="Overall status"]';
const controls = (name: string) => $(`[role="group"][aria-label="${name} controls"]`);

async function headerText(): Promise<string> {
  return (await $(HEADER).getText()).trim();
}

async function waitForHeader(text: string, timeout = UI_TIMEOUT): Promise<void> {
  await browser.waitUntil(async () => (await headerText()) === text, {
    timeout,
    interval: 200,
    timeoutMsg: `the header did not say "${text}" (last: "${await headerText()}")`,
  });
}

describe('honest status', () => {
  let companion: CompanionHandle;
  let wrapper: SidecarWrapper | null = null;
  let foreign: Server | null = null;

  before(async () => {
    companion = await startCompanion();
    await openCompanion(companion);
    await completeOnboarding();
    await showTab('health');
    await waitForHeader('All services healthy', 60_000);
  });

  after(async () => {
    wrapper?.restore();
    foreign?.close();
    await companion?.stop();
  });

  it('never says "All services healthy" while browserd is stopped', async () => {
    await controls('palyra-browserd').$('button=Stop').click();
    await waitForServiceState('palyra-browserd', 'Stopped');
    await waitForHeader('palyra-browserd stopped');
    await inEveryLook('status-browserd-stopped', async () => {
      expect(await headerText()).toBe('palyra-browserd stopped');
      await expect($('[aria-label="Overall status"]')).toHaveText('palyra-browserd stopped');
    });
    await controls('palyra-browserd').$('button=Start').click();
    await waitForHeader('All services healthy', 60_000);
  });

  it('keeps a deliberate gateway restart calm: Starting…, no error, no dot on Setup', async () => {
    wrapper = new SidecarWrapper(companion, 'palyrad');
    wrapper.hold(); // the restarted gateway boots slowly, so the transition can be looked at
    await startRecordingText('header', HEADER);
    await startRecordingText('setup-dot', '#tab-onboarding .dot');
    await startRecordingText('connection-error', '[aria-label="Gateway connection error"]');
    await startRecordingText('alerts', '[role="alert"]');
    await controls('palyrad').$('button=Restart').click();
    await browser.waitUntil(async () => (await serviceStateText('palyrad')) === 'Starting…', {
      timeout: UI_TIMEOUT,
      timeoutMsg: 'the gateway card never showed Starting…',
    });
    await inEveryLook('status-gateway-restarting', async () => {
      expect(await headerText()).toBe('Starting…');
      await expect($('#tab-onboarding .dot')).not.toBeExisting();
    });
    wrapper.release();
    await waitForServiceState('palyrad', 'Running', 60_000);
    await waitForHeader('All services healthy', 60_000);

    const headers = await recordedTexts('header');
    expect(headers.filter((t) => t !== 'All services healthy' && t !== 'Starting…')).toEqual([]);
    expect(await recordedTexts('setup-dot')).toEqual([]);
    expect(await recordedTexts('connection-error')).toEqual([]);
    expect(await recordedTexts('alerts')).toEqual([]);
  });

  it('names a foreign web server on the gateway port once, in words, without its HTML', async () => {
    const port = companion.ports.gatewayHttp;
    await controls('palyrad').$('button=Stop').click();
    await waitForServiceState('palyrad', 'Stopped');
    foreign = createServer((_req, res) => {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<!doctype html><html><body><h1>404 Not Found</h1><p>nginx</p></body></html>');
    });
    await new Promise<void>((resolve) => foreign!.listen(port, '127.0.0.1', resolve));
    await controls('palyrad').$('button=Start').click();
    await waitForServiceState('palyrad', 'Failed');
    await waitForHeader('Down'); // honest: not "Starting…" once the start has failed
    const text = await pageText();
    expect(text).toContain(`port ${port}`);
    expect(text).toContain(`pid ${process.pid}`);
    expect(text).not.toMatch(/<html|<body|404 Not Found|no longer exists/i);
    // Named once: one note about it on the Health view.
    const notes = await $$('[role="alert"]').map((a) => a.getText());
    expect(notes.filter((n) => n.includes(`port ${port}`))).toHaveLength(1);
    await inEveryLook('status-foreign-port', async () => {
      expect(await pageText()).not.toMatch(/<html|no longer exists/i);
    });
    await showTab('onboarding');
    const setupText = await pageText();
    expect(setupText).not.toMatch(/<html|no longer exists/i);
    expect(setupText.split(`port ${port} on`).length - 1).toBeLessThanOrEqual(1);
    await showTab('health');
  });
});
