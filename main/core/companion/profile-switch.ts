// `profile.switch`, as Palyra's desktop does it (switch_desktop_companion_profile): a strict
// profile needs explicit confirmation; every sidecar of the old profile is stopped (and checked
// gone) before anything of the new one starts; the console session is dropped with the old
// gateway. A remote profile supervises nothing.
import type { ActionResult } from '../../contract/calls';
import { CompanionError } from '../errors';
import type { ProfileRuntime } from './profile-runtime';

export interface ProfileSwitchHost {
  profiles: ProfileRuntime;
  /** Stops every sidecar of the current profile and drops its supervisor; returns pids still alive. */
  stopSupervision: () => Promise<number[]>;
  /** Points the gateway client at the active profile's gateway (fresh session). */
  retargetGateway: () => void;
  /** For a local profile: builds its supervisor and starts its sidecars. */
  startSupervision: () => Promise<void>;
  publish: () => void;
  log: (line: string) => void;
}

export async function switchProfile(
  host: ProfileSwitchHost,
  input: { profileName: string; allowStrict?: boolean | undefined },
): Promise<ActionResult> {
  const { profiles } = host;
  if (profiles.switching) {
    throw new CompanionError(
      'profile_switch_busy',
      'A profile switch is already in progress.',
      'Wait for it to finish.',
    );
  }
  const target = profiles.resolve(input.profileName);
  if (target.name === profiles.active.name) {
    return { ok: true, message: `'${target.label}' is already the active profile.` };
  }
  if (target.strictMode && input.allowStrict !== true) {
    throw new CompanionError(
      'strict_profile_confirmation',
      `'${target.label}' is a strict profile (${target.environment}, risk ${target.riskLevel}) and requires explicit confirmation.`,
      'Confirm the switch in the profile picker.',
    );
  }
  profiles.switching = true;
  profiles.switchError = null;
  host.publish();
  try {
    const survivors = await host.stopSupervision();
    if (survivors.length > 0) {
      throw new CompanionError(
        'profile_switch_unclean',
        `Sidecars of '${profiles.active.label}' are still running (pids ${survivors.join(', ')}).`,
        'Stop them (they may be stuck), then switch again; the old profile stays active.',
      );
    }
    const from = profiles.active.name;
    await profiles.activate(target);
    host.retargetGateway();
    if (profiles.isLocal) await host.startSupervision();
    host.log(`switched connection profile ${from} → ${target.name} (${target.mode})`);
    return {
      ok: true,
      message:
        target.mode === 'remote'
          ? `Switched to '${target.label}' (remote, ${target.daemonUrl}); no local sidecars are supervised.`
          : `Switched to '${target.label}'; its local sidecars are starting.`,
    };
  } catch (err) {
    profiles.switchError =
      err instanceof CompanionError
        ? err.toJSON()
        : { code: 'profile_switch_failed', message: String(err), hint: 'Try the switch again.' };
    throw err;
  } finally {
    profiles.switching = false;
    host.publish();
  }
}
