// Ordered upgrades of the raw state.json object. Each step takes the object written by version
// `from` and returns one valid for `from + 1`; loading runs every step above the file's version.
import { CURRENT_SCHEMA_VERSION } from './schema';

type RawObject = Record<string, unknown>;

export interface Migration {
  from: number;
  describe: string;
  migrate(raw: RawObject): RawObject;
}

function asObject(value: unknown): RawObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as RawObject) : {};
}

function pick(source: RawObject, from: string, to: string, target: RawObject): void {
  if (source[from] !== undefined) target[to] = source[from];
}

/**
 * v0 = Palyra's desktop layout: either legacy top-level `companion`/`onboarding`/
 * `runtime_state_root`, or `profile_states["desktop-local"]` holding the same three keys.
 */
const fromPalyraLayout: Migration = {
  from: 0,
  describe: 'Palyra desktop layout (companion/onboarding, snake_case) → companion state v1',
  migrate(raw) {
    const profiles = asObject(raw.profile_states);
    const activeName =
      typeof raw.active_profile_name === 'string' ? raw.active_profile_name : 'desktop-local';
    const profile = asObject(profiles[activeName] ?? profiles['desktop-local']);
    const companion = asObject(profile.companion ?? raw.companion);
    const onboarding = asObject(profile.onboarding ?? raw.onboarding);
    const ambient = asObject(companion.ambient);
    const runtimeRoot = profile.runtime_state_root ?? raw.runtime_state_root ?? null;

    const preferences: RawObject = {};
    pick(ambient, 'global_hotkey', 'globalHotkey', preferences);
    pick(ambient, 'global_hotkey_enabled', 'globalHotkeyEnabled', preferences);
    pick(ambient, 'start_on_login_enabled', 'startAtLogin', preferences);

    const notifications = Array.isArray(companion.notifications)
      ? companion.notifications.map((n) => {
          const o = asObject(n);
          return {
            id: o.notification_id,
            kind: o.kind,
            title: o.title,
            detail: o.detail,
            createdAtMs: o.created_at_unix_ms,
            read: o.read ?? false,
          };
        })
      : [];
    const drafts = Array.isArray(companion.offline_drafts)
      ? companion.offline_drafts.map((d) => {
          const o = asObject(d);
          return {
            draftId: o.draft_id,
            sessionId: o.session_id ?? null,
            text: o.text,
            reason: o.reason ?? '',
            createdAtMs: o.created_at_unix_ms,
            attempts: 0,
            lastError: null,
            sendingSinceMs: null,
          };
        })
      : [];

    return {
      schema_version: 1,
      onboarding: {
        welcomeAcknowledgedAtMs: onboarding.welcome_acknowledged_at_unix_ms ?? null,
        stateRootConfirmedAtMs: onboarding.state_root_confirmed_at_unix_ms ?? null,
        completedAtMs: onboarding.completed_at_unix_ms ?? null,
        // Palyra records when its desktop opened the dashboard; the companion's step is the same.
        dashboardHandoffAtMs: onboarding.dashboard_handoff_at_unix_ms ?? null,
      },
      rollout: asObject(companion.rollout),
      preferences,
      runtimeStateRoot: runtimeRoot,
      insecureSecretStoreAccepted: false,
      activeSessionId: companion.active_session_id ?? null,
      notifications,
      drafts,
    };
  },
};

export const migrations: readonly Migration[] = [fromPalyraLayout];

export function isPalyraLayout(raw: RawObject): boolean {
  return 'profile_states' in raw || 'companion' in raw;
}

/** The version a raw file was written with; Palyra's own layout counts as 0 whatever it says. */
export function detectVersion(raw: RawObject): number {
  if (isPalyraLayout(raw)) return 0;
  const v = raw.schema_version;
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : 0;
}

export interface MigrationOutcome {
  raw: RawObject;
  fromVersion: number;
  applied: string[];
}

export function runMigrations(
  raw: RawObject,
  steps: readonly Migration[] = migrations,
  target = CURRENT_SCHEMA_VERSION,
): MigrationOutcome {
  const fromVersion = detectVersion(raw);
  let current = raw;
  let version = fromVersion;
  const applied: string[] = [];
  for (const step of [...steps].sort((a, b) => a.from - b.from)) {
    if (step.from < version || step.from >= target) continue;
    if (step.from !== version) break; // a gap in the chain: stop rather than guess
    current = step.migrate(current);
    version = step.from + 1;
    applied.push(step.describe);
  }
  return { raw: { ...current, schema_version: version }, fromVersion, applied };
}

/** Palyra v1 kept tokens in plaintext at the top level; they are lifted out, never kept. */
export function extractLegacySecrets(raw: RawObject): { adminToken?: string; browserAuthToken?: string } {
  const out: { adminToken?: string; browserAuthToken?: string } = {};
  if (typeof raw.admin_token === 'string' && raw.admin_token.trim() !== '') out.adminToken = raw.admin_token;
  if (typeof raw.browser_auth_token === 'string' && raw.browser_auth_token.trim() !== '') {
    out.browserAuthToken = raw.browser_auth_token;
  }
  return out;
}
