// The popover's UI scheme handler (what protocol.handle answers) and the page's meta CSP.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../../main/host/security-headers';
import { createUiHandler, POPOVER_CSP, UI_INDEX_URL, uiFileFor } from '../../../main/shell/ui-protocol';

function uiFixture(): string {
  const root = mkdtempSync(join(tmpdir(), 'ui-scheme-'));
  const uiDir = join(root, 'tray-ui');
  mkdirSync(join(uiDir, 'assets'), { recursive: true });
  writeFileSync(join(uiDir, 'index.html'), '<!doctype html><title>ui</title>');
  writeFileSync(join(uiDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(uiDir, 'assets', 'notes.txt'), 'not a UI asset type');
  writeFileSync(join(root, 'secret.js'), 'secret');
  writeFileSync(join(root, 'tray-ui-secret.js'), 'secret');
  return uiDir;
}

const get = (url: string, method = 'GET') => createUiHandler(uiFixture())(new Request(url, { method }));

describe('UI scheme handler', () => {
  it('serves index.html and assets with the CSP header on the response', async () => {
    const index = await get(UI_INDEX_URL);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('content-security-policy')).toBe(POPOVER_CSP);
    expect(index.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await index.text()).toContain('<title>ui</title>');
    const script = await get('palyra-companion://ui/assets/app.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log(1)');
    expect((await get('palyra-companion://ui/')).status).toBe(200);
    const head = await get(UI_INDEX_URL, 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('answers 404 (with the CSP) for unknown files, other hosts and every traversal', async () => {
    for (const url of [
      'palyra-companion://ui/missing.js',
      'palyra-companion://ui/assets/notes.txt',
      'palyra-companion://ui/assets',
      'palyra-companion://evil/index.html',
      'palyra-companion://ui/../secret.js',
      'palyra-companion://ui/%2e%2e/secret.js',
      'palyra-companion://ui/assets/..%2f..%2fsecret.js',
      'palyra-companion://ui/..%5csecret.js',
      'palyra-companion://ui/%2e%2e%2ftray-ui-secret.js',
      'palyra-companion://ui/index.html%00.js',
      'palyra-companion://ui/%E0%A4%A',
    ]) {
      const response = await get(url);
      expect(response.status, url).toBe(404);
      expect(response.headers.get('content-security-policy'), url).toBe(POPOVER_CSP);
      expect(await response.text(), url).not.toContain('secret');
    }
    expect(uiFileFor('/ui', 'file:///ui/index.html')).toBeNull();
  });

  it('refuses anything but GET and HEAD', async () => {
    expect((await get(UI_INDEX_URL, 'POST')).status).toBe(405);
  });
});

/** directive -> sources, for a policy string. */
function parsePolicy(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives.set(name, sources);
  }
  return directives;
}

/** The sources a policy allows for a directive, with default-src as the fallback. */
function sourcesFor(policy: Map<string, string[]>, directive: string): string[] {
  return policy.get(directive) ?? policy.get('default-src') ?? ['*'];
}

function metaPolicy(): Map<string, string[]> {
  const html = readFileSync(join(__dirname, '..', '..', '..', 'tray-ui', 'index.html'), 'utf8');
  const match = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
  if (!match) throw new Error('tray-ui/index.html has no CSP meta tag');
  return parsePolicy(match[1]!);
}

/** Every directive of `header` that a meta tag can carry is at least as strict in `meta`. */
function looserDirectives(meta: Map<string, string[]>, header: Map<string, string[]>): string[] {
  const looser: string[] = [];
  const directives = new Set([...header.keys(), ...meta.keys()]);
  // frame-ancestors is ignored in a <meta> tag (CSP3 §6.4.2); it only works as a header.
  directives.delete('frame-ancestors');
  for (const directive of directives) {
    const allowed = sourcesFor(header, directive);
    const metaSources = sourcesFor(meta, directive);
    if (metaSources.includes("'none'")) continue;
    if (allowed.includes("'none'") || !metaSources.every((s) => allowed.includes(s))) looser.push(directive);
  }
  return looser;
}

describe("the page's meta CSP", () => {
  it('is as strict as the Electron header, but for its own origin, which only serves static UI files', () => {
    const meta = metaPolicy();
    expect(looserDirectives(meta, parsePolicy(POPOVER_CSP))).toEqual(['connect-src']);
    // In the popover 'self' is palyra-companion://ui: static files, nothing on the network.
    expect(meta.get('connect-src')).toEqual(["'self'"]);
  });

  it("is as strict as the browser host's header, so the browser mode keeps working under both", () => {
    const host = parsePolicy(contentSecurityPolicy(['ws://127.0.0.1:43123']));
    expect(looserDirectives(metaPolicy(), host)).toEqual([]);
  });

  it('allows no loopback port, scheme or wildcard source', () => {
    for (const sources of metaPolicy().values()) {
      for (const source of sources) expect(source).toMatch(/^('[a-z-]+'|data:)$/);
    }
  });
});
