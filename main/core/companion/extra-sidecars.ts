// Extra sidecars the operator declares next to Palyra's three, in
// <stateRoot>/companion/extra-sidecars.json — e.g. a local model server or an MCP bridge that
// should live and die with the gateway. A bad file is reported and ignored, never fatal.
import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { z } from 'zod';
import { companionDir } from '../state/paths';
import type { PalyraPorts, ServiceSpec } from '../supervisor';

const RESERVED = new Set(['gateway', 'browserd', 'nodehost']);

const extraSidecarSchema = z
  .object({
    name: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,31}$/, 'use lower-case letters, digits and dashes')
      .refine((n) => !RESERVED.has(n), 'that name belongs to a Palyra sidecar'),
    displayName: z.string().min(1).max(64).optional(),
    command: z.string().refine(isAbsolute, 'must be an absolute path'),
    args: z.array(z.string()).max(100).default([]),
    env: z.record(z.string(), z.string()).default({}),
    cwd: z.string().refine(isAbsolute, 'must be an absolute path').optional(),
    ports: z
      .array(
        z.object({
          port: z.number().int().min(1).max(65535),
          protocol: z.enum(['tcp', 'udp']).default('tcp'),
        }),
      )
      .max(16)
      .default([]),
    health: z
      .discriminatedUnion('type', [
        z.object({
          type: z.literal('http'),
          url: z.url(),
          expectService: z.string().optional(),
          json: z.boolean().default(true),
        }),
        z.object({ type: z.literal('output'), pattern: z.string().min(1) }),
        z.object({ type: z.literal('none') }),
      ])
      .default({ type: 'none' }),
    startupGraceMs: z.number().int().min(0).max(600_000).default(30_000),
    stopSignal: z.enum(['SIGINT', 'SIGTERM', 'SIGHUP']).default('SIGTERM'),
    stopTimeoutMs: z.number().int().min(100).max(120_000).default(5_000),
    autoStart: z.boolean().default(true),
  })
  .strict();

const fileSchema = z.object({ sidecars: z.array(extraSidecarSchema).max(16) }).strict();

export interface ExtraSidecars {
  specs: ServiceSpec[];
  autoStart: string[];
  /** Why the file was ignored, for the UI's warnings; null when it was fine or absent. */
  problem: string | null;
}

/** Who uses each of Palyra's ports, as the port-clash warning names them. */
export function palyraPortOwners(ports: PalyraPorts): Map<number, string> {
  return new Map([
    [ports.gatewayHttp, 'the Palyra gateway (HTTP)'],
    [ports.gatewayGrpc, 'the Palyra gateway (gRPC)'],
    [ports.gatewayQuic, 'the Palyra gateway (QUIC)'],
    [ports.browserdHealth, 'the browser service (health)'],
    [ports.browserdGrpc, 'the browser service (gRPC)'],
  ]);
}

export function extraSidecarsPath(stateRoot: string): string {
  return join(companionDir(stateRoot), 'extra-sidecars.json');
}

/**
 * `reservedPorts`: port → who uses it (Palyra's daemons). A sidecar declaring one of those, or a
 * port an earlier extra sidecar declared, is refused here with a warning: started, it would only
 * sit in "starting" behind a busy port.
 */
export function loadExtraSidecars(
  stateRoot: string,
  secrets: string[],
  reservedPorts: ReadonlyMap<number, string> = new Map(),
): ExtraSidecars {
  const path = extraSidecarsPath(stateRoot);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { specs: [], autoStart: [], problem: null };
    return {
      specs: [],
      autoStart: [],
      problem: `${path} could not be read (${String(err)}); no extra sidecars run.`,
    };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return {
      specs: [],
      autoStart: [],
      problem: `${path} is not valid JSON (${(err as Error).message}); no extra sidecars run. Fix the file and restart the companion.`,
    };
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') ?? '';
    return {
      specs: [],
      autoStart: [],
      problem: `${path}: ${where ? `${where}: ` : ''}${issue?.message ?? 'invalid'}; no extra sidecars run. Fix the file and restart the companion.`,
    };
  }
  const names = new Set<string>();
  for (const s of parsed.data.sidecars) {
    if (names.has(s.name)) {
      return {
        specs: [],
        autoStart: [],
        problem: `${path}: the name "${s.name}" is used twice; no extra sidecars run.`,
      };
    }
    names.add(s.name);
  }
  const taken = new Map(reservedPorts);
  const clashes: string[] = [];
  const accepted = parsed.data.sidecars.filter((s) => {
    const clash = s.ports.find((p) => taken.has(p.port));
    if (clash) {
      clashes.push(`"${s.name}" declares port ${clash.port}, which ${taken.get(clash.port)} uses`);
      return false;
    }
    for (const p of s.ports) taken.set(p.port, `extra sidecar "${s.name}"`);
    return true;
  });
  const specs: ServiceSpec[] = accepted.map((s) => ({
    name: s.name,
    kind: 'extra',
    displayName: s.displayName ?? s.name,
    binary: s.command,
    binaryError: null,
    args: s.args,
    env: s.env,
    ...(s.cwd ? { cwd: s.cwd } : {}),
    ports: s.ports,
    health: s.health,
    startupGraceMs: s.startupGraceMs,
    stopSignal: s.stopSignal,
    stopTimeoutMs: s.stopTimeoutMs,
    secrets,
  }));
  return {
    specs,
    autoStart: accepted.filter((s) => s.autoStart).map((s) => s.name),
    problem:
      clashes.length > 0
        ? `${path}: ${clashes.join('; ')}; refused (${clashes.length === 1 ? 'that sidecar does' : 'those sidecars do'} not run). Give it a free port and restart the companion.`
        : null,
  };
}
