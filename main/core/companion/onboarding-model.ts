// Derives the onboarding wizard from what core already knows. Nothing here is stored apart from
// the operator's own acknowledgements (welcome, state root): every other step is re-checked live,
// so the wizard can never claim a step that has since broken.
import type {
  ActionableError,
  BinaryStatus,
  ConnectionSnapshot,
  KeychainStatus,
  OnboardingSnapshot,
  OnboardingStep,
  OnboardingStepKey,
  ServiceSnapshot,
} from '../../contract/model';
import type { OnboardingProgress } from '../state/schema';

export interface OnboardingInputs {
  progress: OnboardingProgress;
  binaries: BinaryStatus[];
  /** Services whose binary must exist for the app to work (the node host is optional). */
  requiredBinaries: string[];
  keychain: KeychainStatus;
  services: readonly ServiceSnapshot[];
  connection: ConnectionSnapshot;
  stateRoot: string;
  defaultStateRoot: string;
}

type StepCheck = { done: boolean; detail: string; error: ActionableError | null };

const TITLES: Record<OnboardingStepKey, string> = {
  welcome: 'Welcome',
  binaries: 'Palyra binaries',
  state_root: 'State root',
  keychain: 'Keychain',
  sidecars: 'Sidecars running',
  gateway: 'Gateway reachable',
};

function binariesCheck(inputs: OnboardingInputs): StepCheck {
  const missing = inputs.binaries.filter((b) => !b.found && inputs.requiredBinaries.includes(b.service));
  if (missing.length === 0) {
    return {
      done: true,
      detail: inputs.binaries.map((b) => `${b.service}: ${b.path ?? 'not found'}`).join('\n'),
      error: null,
    };
  }
  const first = missing[0]!;
  return {
    done: false,
    detail: `Missing: ${missing.map((b) => b.service).join(', ')}.`,
    error: {
      code: 'binary_missing',
      message: `Could not find the ${first.service} binary. Looked at: ${first.searched.join('; ')}.`,
      hint: 'Install Palyra, or point PALYRA_DESKTOP_PALYRAD_BIN / PALYRA_DESKTOP_BROWSERD_BIN / PALYRA_DESKTOP_PALYRA_BIN at the executables (absolute paths), then press Recheck.',
    },
  };
}

function sidecarsCheck(services: readonly ServiceSnapshot[]): StepCheck {
  const desired = services.filter((s) => s.desired);
  const broken = services.find((s) => s.state === 'failed' || s.state === 'crash-looping');
  if (broken) {
    return {
      done: false,
      detail: `${broken.displayName} is ${broken.state}.`,
      error: broken.error ?? {
        code: broken.state === 'crash-looping' ? 'crash_looping' : 'service_failed',
        message: `${broken.displayName} keeps failing${broken.lastExit ? ` (${broken.lastExit})` : ''}.`,
        hint: 'Open Logs to see why, fix the cause, then press Retry on the Health tab.',
      },
    };
  }
  if (desired.length === 0) {
    return { done: false, detail: 'No sidecar is running. Start them from the Health tab.', error: null };
  }
  const notReady = desired.filter((s) => !(s.state === 'running' && s.health === 'healthy'));
  if (notReady.length > 0) {
    return {
      done: false,
      detail: `Waiting for ${notReady.map((s) => s.displayName).join(', ')}…`,
      error: null,
    };
  }
  return { done: true, detail: `${desired.map((s) => s.displayName).join(', ')} healthy.`, error: null };
}

export function buildOnboarding(inputs: OnboardingInputs): OnboardingSnapshot {
  const checks: Record<OnboardingStepKey, StepCheck> = {
    welcome: {
      done: inputs.progress.welcomeAcknowledgedAtMs !== null,
      detail: 'Palyra Companion keeps palyrad, palyra-browserd and the node host running for you.',
      error: null,
    },
    binaries: binariesCheck(inputs),
    state_root: {
      done: inputs.progress.stateRootConfirmedAtMs !== null,
      detail: `Runtime data lives in ${inputs.stateRoot}.`,
      error: null,
    },
    keychain: {
      done: inputs.keychain.backend !== 'unavailable',
      detail: inputs.keychain.detail,
      error: inputs.keychain.error,
    },
    sidecars: sidecarsCheck(inputs.services),
    gateway: {
      done: inputs.connection.state === 'connected',
      detail:
        inputs.connection.state === 'connected'
          ? 'The companion is signed in to the gateway console.'
          : `Gateway ${inputs.connection.state}.`,
      error: inputs.connection.state === 'connected' ? null : inputs.connection.error,
    },
  };
  const order: OnboardingStepKey[] = ['welcome', 'binaries', 'state_root', 'keychain', 'sidecars', 'gateway'];
  let currentAssigned = false;
  const steps: OnboardingStep[] = order.map((key) => {
    const c = checks[key];
    let status: OnboardingStep['status'];
    if (c.done) status = 'complete';
    else if (c.error) status = 'blocked';
    else if (!currentAssigned) status = 'current';
    else status = 'pending';
    if (!c.done) currentAssigned = true;
    return { key, title: TITLES[key], status, detail: c.detail, error: c.error };
  });
  return {
    completed: steps.every((s) => s.status === 'complete'),
    steps,
    binaries: inputs.binaries,
    stateRoot: inputs.stateRoot,
    defaultStateRoot: inputs.defaultStateRoot,
    stateRootOverridden: inputs.stateRoot !== inputs.defaultStateRoot,
  };
}
