import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { extraSidecarsPath, loadExtraSidecars } from '../../../main/core/companion/extra-sidecars';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'extra-sidecars-'));
  mkdirSync(join(root, 'companion'), { recursive: true });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const write = (content: string): void => writeFileSync(extraSidecarsPath(root), content);

describe('loadExtraSidecars', () => {
  it('is empty and silent without a file', () => {
    expect(loadExtraSidecars(root, [])).toEqual({ specs: [], autoStart: [], problem: null });
  });

  it('turns each declared sidecar into a supervised spec with safe defaults', () => {
    write(
      JSON.stringify({
        sidecars: [
          {
            name: 'ollama',
            displayName: 'Ollama',
            command: '/usr/local/bin/ollama',
            args: ['serve'],
            ports: [{ port: 11434 }],
            health: { type: 'http', url: 'http://127.0.0.1:11434/healthz' },
          },
          { name: 'mcp-bridge', command: '/opt/mcp/bridge', autoStart: false },
        ],
      }),
    );
    const { specs, autoStart, problem } = loadExtraSidecars(root, ['s3cret']);
    expect(problem).toBeNull();
    expect(autoStart).toEqual(['ollama']);
    expect(specs[0]).toMatchObject({
      name: 'ollama',
      kind: 'extra',
      displayName: 'Ollama',
      binary: '/usr/local/bin/ollama',
      args: ['serve'],
      ports: [{ port: 11434, protocol: 'tcp' }],
      health: { type: 'http', url: 'http://127.0.0.1:11434/healthz' },
      stopSignal: 'SIGTERM',
      secrets: ['s3cret'],
    });
    expect(specs[1]).toMatchObject({
      name: 'mcp-bridge',
      displayName: 'mcp-bridge',
      health: { type: 'none' },
    });
  });

  it.each([
    ['not JSON', '{"sidecars": [', /not valid JSON/],
    [
      'a relative command',
      JSON.stringify({ sidecars: [{ name: 'x', command: 'bin/x' }] }),
      /command: must be an absolute path/,
    ],
    [
      'a Palyra name',
      JSON.stringify({ sidecars: [{ name: 'gateway', command: '/bin/true' }] }),
      /belongs to a Palyra sidecar/,
    ],
    [
      'an unknown key',
      JSON.stringify({ sidecars: [{ name: 'x', command: '/bin/true', restart: 'always' }] }),
      /restart|Unrecognized/,
    ],
    [
      'a duplicated name',
      JSON.stringify({
        sidecars: [
          { name: 'x', command: '/bin/true' },
          { name: 'x', command: '/bin/false' },
        ],
      }),
      /used twice/,
    ],
  ])('reports %s and runs no extra sidecar', (_label, content, message) => {
    write(content);
    const result = loadExtraSidecars(root, []);
    expect(result.specs).toEqual([]);
    expect(result.problem).toMatch(message);
    expect(result.problem).toContain(extraSidecarsPath(root));
  });
});

describe('port clashes', () => {
  const palyra = new Map([
    [7142, 'the Palyra gateway (HTTP)'],
    [7543, 'the browser service (gRPC)'],
  ]);
  const sidecar = (name: string, ports: number[]): Record<string, unknown> => ({
    name,
    command: '/usr/bin/true',
    ports: ports.map((port) => ({ port })),
  });

  it("refuses a sidecar declaring a port of Palyra's daemons, with a warning naming both", () => {
    write(JSON.stringify({ sidecars: [sidecar('grabber', [7142]), sidecar('fine', [11434])] }));
    const { specs, autoStart, problem } = loadExtraSidecars(root, [], palyra);
    expect(specs.map((s) => s.name)).toEqual(['fine']);
    expect(autoStart).toEqual(['fine']);
    expect(problem).toContain('"grabber"');
    expect(problem).toContain('7142');
    expect(problem).toContain('the Palyra gateway (HTTP)');
  });

  it('refuses the second of two sidecars declaring the same port', () => {
    write(JSON.stringify({ sidecars: [sidecar('one', [9000]), sidecar('two', [9001, 9000])] }));
    const { specs, problem } = loadExtraSidecars(root, [], palyra);
    expect(specs.map((s) => s.name)).toEqual(['one']);
    expect(problem).toContain('"two"');
    expect(problem).toContain('extra sidecar "one"');
  });
});
