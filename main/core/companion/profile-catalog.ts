// Palyra's CLI connection profiles (`PALYRA_CLI_PROFILES_PATH`, default `<state root>/cli/profiles.toml`),
// resolved the way Palyra's desktop does (apps/desktop profile_registry.rs): derived mode,
// environment, risk and colour, plus the implicit `desktop-local` profile that always exists.
// The schema is the CLI's own (the CLI writes the file), unknown keys rejected as it does.
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { z } from 'zod';
import type { ConnectionProfileView } from '../../contract/model';
import { CompanionError } from '../errors';
import { parseTomlSubset, TomlSubsetError } from './profile-toml';

export const IMPLICIT_PROFILE = 'desktop-local';
export const PROFILES_PATH_ENV = 'PALYRA_CLI_PROFILES_PATH';

const text = z.string();
const profileSchema = z
  .object({
    config_path: text,
    state_root: text,
    daemon_url: z.url({ protocol: /^https?$/ }),
    grpc_url: text,
    admin_token: text,
    admin_token_env: text,
    principal: text,
    device_id: text,
    channel: text,
    label: text,
    environment: text,
    color: text,
    risk_level: text,
    strict_mode: z.boolean(),
    mode: z.enum(['local', 'remote']),
    created_at_unix_ms: z.number().int(),
    updated_at_unix_ms: z.number().int(),
    last_used_at_unix_ms: z.number().int(),
  })
  .partial()
  .strict();

const documentSchema = z
  .object({
    version: z.literal(1).optional(),
    default_profile: text.optional(),
    profiles: z.record(z.string().min(1).max(128), profileSchema).optional(),
  })
  .strict();

export interface ResolvedProfile extends Omit<ConnectionProfileView, 'active'> {
  /** Absolute runtime root for a local profile (null: the companion's default). */
  stateRoot: string | null;
  adminToken: string | null;
  adminTokenEnv: string | null;
}

export interface ProfileCatalog {
  path: string | null;
  defaultProfile: string | null;
  profiles: ResolvedProfile[];
}

export function profilesPath(stateRoot: string, env: NodeJS.ProcessEnv): string | null {
  const fromEnv = env[PROFILES_PATH_ENV];
  if (fromEnv !== undefined) return fromEnv.trim() === '' ? null : fromEnv.trim();
  const fallback = join(stateRoot, 'cli', 'profiles.toml');
  return existsSync(fallback) ? fallback : null;
}

/** Reads the catalog; a broken file throws one actionable error naming the file and the line. */
export function loadProfileCatalog(input: {
  stateRoot: string;
  env: NodeJS.ProcessEnv;
  localDaemonUrl: string;
}): ProfileCatalog {
  const path = profilesPath(input.stateRoot, input.env);
  const implicit = implicitProfile(input.localDaemonUrl);
  if (path === null || !existsSync(path)) return { path, defaultProfile: null, profiles: [implicit] };
  const fix = `Fix ${path} (or point ${PROFILES_PATH_ENV} elsewhere), then reopen the profile picker.`;
  let raw: unknown;
  try {
    raw = parseTomlSubset(readFileSync(path, 'utf8'));
  } catch (err) {
    const why = err instanceof TomlSubsetError ? err.message : `it cannot be read (${String(err)})`;
    throw new CompanionError('profiles_invalid', `The CLI profiles file is not valid: ${why}.`, fix);
  }
  const parsed = documentSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || 'file';
    throw new CompanionError(
      'profiles_invalid',
      `The CLI profiles file is not valid at ${where}: ${issue?.message ?? 'unexpected shape'}.`,
      fix,
    );
  }
  const profiles = Object.entries(parsed.data.profiles ?? {}).map(([name, p]) => {
    const stateRoot = p.state_root?.trim() || null;
    if (stateRoot !== null && !isAbsolute(stateRoot)) {
      throw new CompanionError(
        'profiles_invalid',
        `Profile '${name}' has a relative state_root (${stateRoot}).`,
        `Use an absolute path in ${path}.`,
      );
    }
    return resolveProfile(name, p, stateRoot, input.localDaemonUrl);
  });
  if (!profiles.some((p) => p.name === IMPLICIT_PROFILE)) profiles.push(implicit);
  // Palyra keeps profiles in a BTreeMap: ordered by name.
  profiles.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { path, defaultProfile: parsed.data.default_profile?.trim() || null, profiles };
}

function resolveProfile(
  name: string,
  p: z.output<typeof profileSchema>,
  stateRoot: string | null,
  localDaemonUrl: string,
): ResolvedProfile {
  const daemonUrl = (p.daemon_url ?? localDaemonUrl).replace(/\/+$/, '');
  const mode = p.mode ?? (p.daemon_url && !/127\.0\.0\.1|localhost/.test(p.daemon_url) ? 'remote' : 'local');
  const strictMode = p.strict_mode ?? false;
  const environment = nonBlank(p.environment) ?? (strictMode || mode === 'remote' ? 'production' : 'local');
  const riskLevel = nonBlank(p.risk_level) ?? (strictMode ? 'high' : mode === 'remote' ? 'elevated' : 'low');
  const color =
    nonBlank(p.color) ??
    (['critical', 'high'].includes(riskLevel)
      ? 'red'
      : ['elevated', 'medium'].includes(riskLevel)
        ? 'amber'
        : 'emerald');
  return {
    name,
    label: nonBlank(p.label) ?? name,
    environment,
    color,
    riskLevel,
    strictMode,
    mode,
    daemonUrl,
    implicit: false,
    lastUsedAtMs: p.last_used_at_unix_ms ?? null,
    stateRoot,
    adminToken: nonBlank(p.admin_token),
    adminTokenEnv: nonBlank(p.admin_token_env),
  };
}

function implicitProfile(localDaemonUrl: string): ResolvedProfile {
  return {
    name: IMPLICIT_PROFILE,
    label: 'Desktop local',
    environment: 'local',
    color: 'emerald',
    riskLevel: 'low',
    strictMode: false,
    mode: 'local',
    daemonUrl: localDaemonUrl,
    implicit: true,
    lastUsedAtMs: null,
    stateRoot: null,
    adminToken: null,
    adminTokenEnv: null,
  };
}

function nonBlank(value: string | undefined): string | null {
  const v = value?.trim();
  return v ? v : null;
}
