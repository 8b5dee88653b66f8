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
  ProvidersSnapshot,
  ServiceSnapshot,
} from '../../contract/model';
import { discordCheck, openAiCheck, WAITING, type StepCheck } from './provider-steps';
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
  /** What the gateway reports about OpenAI and Discord (absent: not asked yet). */
  providers?: ProvidersSnapshot;
}

const TITLES: Record<OnboardingStepKey, string> = {
  welcome: 'Welcome',
  binaries: 'Palyra binaries',
  state_root: 'State root',
  keychain: 'Keychain',
  sidecars: 'Sidecars running',
  gateway: 'Gateway reachable',
  openai: 'OpenAI connect',
  discord: 'Discord connect',
  dashboard: 'Dashboard hand-off',
  completion: 'Completion',
};

/** Palyra's optional provider steps: the operator may skip them (and undo the skip). */
const SKIPPABLE: ReadonlySet<OnboardingStepKey> = new Set(['openai', 'discord']);

const BINARY_LABEL: Record<string, string> = {
  gateway: 'gateway (palyrad)',
  browserd: 'browser service (palyra-browserd)',
  nodehost: 'node host (palyra)',
};

/** "a", "a and b", "a, b and c". */
function listInWords(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/**
 * Missing binaries first, each listed once, with their search paths de-duplicated: the wizard
 * and the Health view show this order, and the first thing listed is the thing to fix.
 */
export function orderBinaries(binaries: readonly BinaryStatus[]): BinaryStatus[] {
  return [...binaries]
    .filter((b, i, all) => all.findIndex((o) => o.service === b.service) === i)
    .map((b) => ({ ...b, searched: [...new Set(b.searched)] }))
    .sort((a, b) => Number(a.found) - Number(b.found));
}

/**
 * The one error every action that needs the sidecars reports while required binaries are missing:
 * it names all missing ones (required or not) so nothing is discovered one at a time.
 */
export function missingBinariesError(
  binaries: readonly BinaryStatus[],
  requiredBinaries: readonly string[],
): ActionableError | null {
  if (!binaries.some((b) => !b.found && requiredBinaries.includes(b.service))) return null;
  const missing = orderBinaries(binaries).filter((b) => !b.found);
  const names = missing.map((b) => BINARY_LABEL[b.service] ?? b.service);
  return {
    code: 'binary_missing',
    params: { services: missing.map((b) => b.service).join(','), count: missing.length },
    message: `Palyra is not installed here: the ${listInWords(names)} ${names.length > 1 ? 'binaries are' : 'binary is'} missing.`,
    hint: 'Install Palyra (or point PALYRA_DESKTOP_PALYRAD_BIN / PALYRA_DESKTOP_BROWSERD_BIN / PALYRA_DESKTOP_PALYRA_BIN at the executables), then press Check again in Setup. To try the app without Palyra, run npm start -- --demo.',
  };
}

function binariesCheck(inputs: OnboardingInputs): StepCheck {
  const error = missingBinariesError(inputs.binaries, inputs.requiredBinaries);
  if (!error) {
    // The wizard lists each binary with its path right below: no need to say it twice.
    return { done: true, detail: '', error: null };
  }
  // The error names what is missing; the list below it shows where each was looked for.
  return { done: false, detail: '', error };
}

function sidecarsCheck(services: readonly ServiceSnapshot[]): StepCheck {
  const desired = services.filter((s) => s.desired);
  const broken = services.find((s) => s.state === 'failed' || s.state === 'crash-looping');
  if (broken) {
    return {
      done: false,
      detail:
        broken.state === 'crash-looping'
          ? `${broken.displayName} keeps crashing.`
          : `${broken.displayName} could not start.`,
      detailCode: broken.state === 'crash-looping' ? 'service_crash_looping' : 'service_failed',
      detailParams: { name: broken.displayName },
      error: broken.error ?? {
        code: broken.state === 'crash-looping' ? 'crash_looping' : 'service_failed',
        params: { name: broken.displayName },
        message: `${broken.displayName} keeps failing${broken.lastExit ? ` (${broken.lastExit})` : ''}.`,
        hint: 'Open Logs to see why, fix the cause, then press Retry on the Health tab.',
      },
    };
  }
  // A deliberate start or restart: calm, no error, nothing to do but wait.
  const moving = services.filter((s) => s.desired && (s.state === 'starting' || s.state === 'stopping'));
  if (moving.length > 0) {
    const names = moving.map((s) => s.displayName).join(', ');
    return {
      done: false,
      detail: `Starting ${names}…`,
      detailCode: 'starting',
      detailParams: { names },
      error: null,
    };
  }
  if (desired.length === 0) {
    return {
      done: false,
      detail: 'No sidecar is running. Start them from the Health tab.',
      detailCode: 'none_running',
      error: null,
    };
  }
  const notReady = desired.filter((s) => !(s.state === 'running' && s.health === 'healthy'));
  if (notReady.length > 0) {
    const names = notReady.map((s) => s.displayName).join(', ');
    return {
      done: false,
      detail: `Waiting for ${names}…`,
      detailCode: 'waiting',
      detailParams: { names },
      error: null,
    };
  }
  const names = desired.map((s) => s.displayName).join(', ');
  return {
    done: true,
    detail: `${names} healthy.`,
    detailCode: 'healthy',
    detailParams: { names },
    error: null,
  };
}

const TRANSIENT_CONNECTION_CODES = new Set(['gateway_unreachable', 'gateway_timeout', 'gateway_unavailable']);

function gatewayCheck(inputs: OnboardingInputs): StepCheck {
  if (inputs.connection.state === 'connected') {
    return {
      done: true,
      detail: 'The companion is signed in to the gateway console.',
      detailCode: 'signed_in',
      error: null,
    };
  }
  const gateway = inputs.services.find((s) => s.kind === 'gateway');
  // Until our own gateway runs and answers its health check, a refused connection is expected,
  // not a problem: the sidecars step says what is happening (or what is wrong) already.
  if (!gateway || gateway.state !== 'running' || gateway.health !== 'healthy') {
    return {
      done: false,
      detail: 'Waits for the gateway to start.',
      detailCode: 'waits_for_gateway',
      error: null,
    };
  }
  // Our gateway has just passed the supervisor's health check, so a refusal left over from while it
  // was down (or restarting) is stale: the monitor probes again at once. Only a refusal that
  // outlives the reconnect window (offline) or a reply that is not a refusal (auth, bad reply)
  // is something for the operator to fix.
  const staleRefusal =
    inputs.connection.state === 'reconnecting' &&
    TRANSIENT_CONNECTION_CODES.has(inputs.connection.error?.code ?? '');
  if (!inputs.connection.error || staleRefusal)
    return { done: false, detail: 'Signing in to the gateway…', detailCode: 'signing_in', error: null };
  return { done: false, detail: '', error: inputs.connection.error };
}

function dashboardCheck(inputs: OnboardingInputs): StepCheck {
  if (inputs.progress.dashboardHandoffAtMs !== null) {
    return {
      done: true,
      detail: 'The dashboard was opened from the companion.',
      detailCode: 'dashboard_opened',
      error: null,
    };
  }
  if (inputs.connection.state !== 'connected') return WAITING;
  return {
    done: false,
    detail: 'Open the dashboard once for the full operator surface (a one-time sign-in link).',
    detailCode: 'dashboard_open_once',
    error: null,
  };
}

function isSkipped(key: OnboardingStepKey, progress: OnboardingProgress): boolean {
  if (key === 'openai') return progress.openaiSkippedAtMs !== null;
  if (key === 'discord') return progress.discordSkippedAtMs !== null;
  return false;
}

function statusOf(key: OnboardingStepKey, c: StepCheck, progress: OnboardingProgress, currentTaken: boolean) {
  if (c.done) return 'complete' as const;
  if (isSkipped(key, progress)) return 'skipped' as const;
  if (c.error) return 'blocked' as const;
  return currentTaken ? ('pending' as const) : ('current' as const);
}

export function buildOnboarding(inputs: OnboardingInputs): OnboardingSnapshot {
  const checks: Record<Exclude<OnboardingStepKey, 'completion'>, StepCheck> = {
    welcome: {
      done: inputs.progress.welcomeAcknowledgedAtMs !== null,
      detail: 'Palyra Companion keeps palyrad, palyra-browserd and the node host running for you.',
      detailCode: 'welcome',
      error: null,
    },
    binaries: binariesCheck(inputs),
    state_root: {
      done: inputs.progress.stateRootConfirmedAtMs !== null,
      detail: `Runtime data lives in ${inputs.stateRoot}.`,
      detailCode: 'state_root',
      detailParams: { path: inputs.stateRoot },
      error: null,
    },
    // The error already says what the detail would: show it once.
    keychain: {
      done: inputs.keychain.backend !== 'unavailable',
      detail: inputs.keychain.error ? '' : inputs.keychain.detail,
      ...(inputs.keychain.error ? {} : { detailCode: `keychain_${inputs.keychain.backend}` }),
      error: inputs.keychain.error,
    },
    sidecars: sidecarsCheck(inputs.services),
    gateway: gatewayCheck(inputs),
    openai: openAiCheck(inputs.connection, inputs.providers?.openai),
    discord: discordCheck(inputs.connection, inputs.providers?.discord),
    dashboard: dashboardCheck(inputs),
  };
  const order = Object.keys(checks) as (keyof typeof checks)[];
  let currentAssigned = false;
  const steps: OnboardingStep[] = order.map((key) => {
    const c = checks[key];
    const status = statusOf(key, c, inputs.progress, currentAssigned);
    // A step still to do (or blocked) holds the "current" mark; done and skipped steps pass it on.
    if (status !== 'complete' && status !== 'skipped') currentAssigned = true;
    const step: OnboardingStep = {
      key,
      title: TITLES[key],
      status,
      detail: c.detail,
      ...(c.detailCode ? { detailCode: c.detailCode, detailParams: c.detailParams ?? {} } : {}),
      error: c.error,
    };
    if (SKIPPABLE.has(key)) step.skippable = true;
    if (status === 'skipped') {
      step.detail = skippedDetail(key);
      step.detailCode = `skipped_${key}`;
      step.detailParams = {};
    }
    return step;
  });
  const ready = steps.every((s) => s.status === 'complete' || s.status === 'skipped');
  steps.push({
    key: 'completion',
    title: TITLES.completion,
    status: ready ? 'complete' : currentAssigned ? 'pending' : 'current',
    detail: ready
      ? 'Palyra is set up: the companion keeps it running; Health, Approvals and Chat are ready.'
      : 'Finishes once every step above is done (or skipped, where that is allowed).',
    detailCode: ready ? 'completion_ready' : 'completion_waiting',
    detailParams: {},
    error: null,
  });
  return {
    completed: ready,
    steps,
    binaries: orderBinaries(inputs.binaries),
    stateRoot: inputs.stateRoot,
    defaultStateRoot: inputs.defaultStateRoot,
    stateRootOverridden: inputs.stateRoot !== inputs.defaultStateRoot,
  };
}

function skippedDetail(key: OnboardingStepKey): string {
  return key === 'openai'
    ? 'Skipped: Palyra keeps its current model provider. Connect OpenAI here at any time.'
    : 'Skipped: no Discord connector. Connect a bot here at any time.';
}
