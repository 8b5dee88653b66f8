// The active connection profile and what follows from it: where the gateway is, whether the
// companion supervises sidecars (local) or only talks to a gateway elsewhere (remote), the
// runtime root and ports of a local profile, and the admin token a remote console login uses.
// Active-profile resolution follows Palyra's desktop: persisted name → catalog default →
// desktop-local.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ActionableError, ProfilesSnapshot } from '../../contract/model';
import { CompanionError } from '../errors';
import { writeFileAtomic } from '../state/atomic-file';
import { companionDir } from '../state/paths';
import type { PalyraPorts } from '../supervisor';
import {
  IMPLICIT_PROFILE,
  loadProfileCatalog,
  type ProfileCatalog,
  type ResolvedProfile,
} from './profile-catalog';

export interface ProfileRuntimeOptions {
  stateRoot: string;
  env: NodeJS.ProcessEnv;
  /** The implicit profile's runtime root (the companion's default or onboarding override). */
  implicitRuntimeRoot: string;
  ports: PalyraPorts;
}

/** Why nothing is supervised: the active profile is remote. */
export function remoteProfileError(label: string): CompanionError {
  return new CompanionError(
    'remote_profile',
    `The profile '${label}' is remote: the companion supervises no sidecars for it.`,
    'Switch to a local profile to run palyrad here.',
  );
}

export class ProfileRuntime {
  private catalog: ProfileCatalog;
  private catalogError: ActionableError | null = null;
  private activeProfile: ResolvedProfile;
  switching = false;
  switchError: ActionableError | null = null;

  constructor(private readonly options: ProfileRuntimeOptions) {
    this.catalog = this.load();
    const persisted = this.readPersisted();
    this.activeProfile =
      this.find(persisted) ?? this.find(this.catalog.defaultProfile) ?? this.find(IMPLICIT_PROFILE)!;
  }

  get active(): ResolvedProfile {
    return this.activeProfile;
  }

  get isLocal(): boolean {
    return this.activeProfile.mode === 'local';
  }

  get localDaemonUrl(): string {
    return `http://127.0.0.1:${this.options.ports.gatewayHttp}`;
  }

  /** The gateway the companion talks to. */
  get daemonUrl(): string {
    return this.activeProfile.implicit ? this.localDaemonUrl : this.activeProfile.daemonUrl;
  }

  /** A local profile's PALYRA_STATE_ROOT (Palyra: `<state root>/profiles/<name>/state` by default). */
  get runtimeRoot(): string {
    const p = this.activeProfile;
    if (p.implicit) return this.options.implicitRuntimeRoot;
    return p.stateRoot ?? join(this.options.stateRoot, 'profiles', p.name, 'state');
  }

  /** A local profile's ports: its daemon_url decides the HTTP port, the rest are the companion's. */
  get ports(): PalyraPorts {
    const port = Number(new URL(this.daemonUrl).port);
    return { ...this.options.ports, ...(port > 0 ? { gatewayHttp: port } : {}) };
  }

  /** The admin token for the console login: the keychain's locally, the profile's remotely. */
  adminToken(localToken: () => Promise<string>): Promise<string> {
    const p = this.activeProfile;
    if (p.mode === 'local') return localToken();
    const fromEnv = p.adminTokenEnv ? this.options.env[p.adminTokenEnv]?.trim() : undefined;
    const token = fromEnv || p.adminToken;
    if (token) return Promise.resolve(token);
    return Promise.reject(
      new CompanionError(
        'remote_token_missing',
        `The remote profile '${p.name}' names no admin token.`,
        p.adminTokenEnv
          ? `Set ${p.adminTokenEnv} in the companion's environment, then switch again.`
          : 'Add admin_token_env (the name of an environment variable holding the token) to the profile.',
      ),
    );
  }

  /** Re-reads the catalog (the CLI may have changed it) and returns the named profile. */
  resolve(name: string): ResolvedProfile {
    this.catalog = this.load();
    if (this.catalogError)
      throw new CompanionError(this.catalogError.code, this.catalogError.message, this.catalogError.hint);
    const found = this.find(name);
    if (!found) {
      throw new CompanionError(
        'profile_unknown',
        `There is no connection profile named '${name}'.`,
        `Pick one of: ${this.catalog.profiles.map((p) => p.name).join(', ')}.`,
      );
    }
    return found;
  }

  async activate(profile: ResolvedProfile): Promise<void> {
    this.activeProfile = profile;
    const dir = companionDir(this.options.stateRoot);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    await writeFileAtomic(join(dir, 'active-profile.json'), `${JSON.stringify({ name: profile.name })}\n`);
  }

  view(): ProfilesSnapshot {
    return {
      active: this.activeProfile.name,
      path: this.catalog.path,
      switching: this.switching,
      error: this.switchError ?? this.catalogError,
      profiles: this.catalog.profiles.map((p) => ({
        name: p.name,
        label: p.label,
        environment: p.environment,
        color: p.color,
        riskLevel: p.riskLevel,
        strictMode: p.strictMode,
        mode: p.mode,
        daemonUrl: p.implicit ? this.localDaemonUrl : p.daemonUrl,
        implicit: p.implicit,
        active: p.name === this.activeProfile.name,
        lastUsedAtMs: p.lastUsedAtMs,
      })),
    };
  }

  private find(name: string | null): ResolvedProfile | undefined {
    return name === null ? undefined : this.catalog.profiles.find((p) => p.name === name);
  }

  private load(): ProfileCatalog {
    try {
      const catalog = loadProfileCatalog({
        stateRoot: this.options.stateRoot,
        env: this.options.env,
        localDaemonUrl: this.localDaemonUrl,
      });
      this.catalogError = null;
      return catalog;
    } catch (err) {
      this.catalogError =
        err instanceof CompanionError
          ? err.toJSON()
          : { code: 'profiles_invalid', message: String(err), hint: '' };
      return loadProfileCatalog({
        stateRoot: this.options.stateRoot,
        env: { ...this.options.env, PALYRA_CLI_PROFILES_PATH: '' },
        localDaemonUrl: this.localDaemonUrl,
      });
    }
  }

  private readPersisted(): string | null {
    try {
      const raw: unknown = JSON.parse(
        readFileSync(join(companionDir(this.options.stateRoot), 'active-profile.json'), 'utf8'),
      );
      const name = (raw as { name?: unknown }).name;
      return typeof name === 'string' ? name : null;
    } catch {
      return null;
    }
  }
}
