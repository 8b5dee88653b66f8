// One supervised sidecar: spawn, capture output, probe health, restart on crash, stop the
// whole process tree. The Supervisor owns a ManagedService per spec and relays its events.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync } from 'node:fs';
import type {
  HealthState,
  LogLine,
  LogLevel,
  LogStream,
  ServiceSnapshot,
  ServiceState,
} from '../../contract/model';
import { CompanionError, fromActionable } from '../errors';
import { LineSplitter } from '../logs/line-splitter';
import { LogRing } from '../logs/log-ring';
import { finishLine, rawLogLine } from '../logs/raw-line';
import { Redactor } from '../logs/redactor';
import type { RotatingLogFile } from '../logs/rotating-log-file';
import { assertPortsFree } from '../process/port-preflight';
import { isProcessAlive, readCmdline, readProcStat } from '../process/procfs';
import { killGroupNow, stopProcessTree } from '../process/process-tree-stopper';
import { redactCmdline } from './cmdline-redaction';
import { DEFAULT_HEALTH_CADENCE, HealthCadence } from './health-cadence';
import { HealthHistory } from './health-history';
import { checkHttpHealth } from './http-health-check';
import type { PidRecord, PidRegistry } from './pid-registry';
import { RestartPolicy } from './restart-policy';
import type { ServiceSpec } from './service-spec';
import { ADOPTED_BACKLOG_BYTES, openSpawnOutput, SidecarOutput, type OutputStream } from './sidecar-output';
import { SIDECAR_MARKER_VAR } from './sidecar-marker';
import { specFingerprint } from './spec-fingerprint';

export interface CrashedEvent {
  service: string;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  detail: string;
}

/** What a ManagedService needs from its Supervisor. */
export interface ServiceHost {
  nextSeq(): number;
  registry: PidRegistry;
  onLog(line: LogLine): void;
  onChange(service: ManagedService): void;
  onCrashed(event: CrashedEvent): void;
  onCrashLooping(service: string): void;
  onRecovered(service: string): void;
}

export interface ManagedServiceOptions {
  /** Probe interval while a sidecar is coming up (after a spawn or a suspicion), until healthy. */
  healthIntervalMs: number;
  /** Probe interval once healthy (default 30 s): exit events, not probes, report crashes. */
  stableHealthIntervalMs?: number;
  healthTimeoutMs: number;
  healthHistorySize: number;
  logRingSize: number;
  maxLineChars: number;
  logFile: RotatingLogFile | null;
  /** Where the sidecar's stdout/stderr files live (sidecar-output.ts). */
  outputDir: string;
  /** How often those files are read. */
  outputPollMs: number;
  /** Put in the sidecar's environment, so an unrecorded leftover can still be found. */
  marker: string;
}

const OUTPUT_TAIL_LINES = 64;
const NOT_BLANK = /\S/;
/** An adopted sidecar is not our child (no 'exit' event): check it is alive this often (no I/O). */
const ADOPTED_LIVENESS_MS = 1_000;

export class ManagedService {
  readonly ring: LogRing;
  readonly policy: RestartPolicy;
  private readonly redactor: Redactor;
  private readonly history: HealthHistory;
  private readonly cadence: HealthCadence;
  private readonly outputPattern: RegExp | null;
  private readonly output: SidecarOutput;
  private readonly splitters: Record<OutputStream, LineSplitter>;

  private desired = false;
  private state: ServiceState = 'stopped';
  private health: HealthState = 'unknown';
  private pid: number | null = null;
  private pgid: number | null = null;
  private startedAtMs: number | null = null;
  private version: string | null = null;
  private nextRestartAtMs: number | null = null;
  private lastExit: string | null = null;
  private adopted = false;
  private error: CompanionError | null = null;

  private child: ChildProcess | null = null;
  /** Bumped by every stop/spawn so late events from an old process are ignored. */
  private epoch = 0;
  private stopping = false;
  private stopInFlight: Promise<void> | null = null;
  private healthTimer: NodeJS.Timeout | null = null;
  private livenessTimer: NodeJS.Timeout | null = null;
  private graceTimer: NodeJS.Timeout | null = null;
  private restartTimer: NodeJS.Timeout | null = null;
  private probeInFlight = false;
  private healthySinceMs: number | null = null;
  private crashedSinceHealthy = false;
  private outputTail: string[] = [];
  /** Last stderr lines, kept only for services with `parkOnExit`. */
  private stderrTail: string[] = [];
  private outputMatched = false;
  private lastUnhealthyDetail: string | null = null;

  constructor(
    readonly spec: ServiceSpec,
    private readonly host: ServiceHost,
    private readonly options: ManagedServiceOptions,
    policy: RestartPolicy,
  ) {
    this.policy = policy;
    this.ring = new LogRing(options.logRingSize);
    this.redactor = new Redactor(spec.secrets);
    this.history = new HealthHistory(options.healthHistorySize);
    this.cadence = new HealthCadence(
      {
        ...DEFAULT_HEALTH_CADENCE,
        fastMs: options.healthIntervalMs,
        stableMs: options.stableHealthIntervalMs ?? DEFAULT_HEALTH_CADENCE.stableMs,
      },
      Date.now(),
    );
    this.outputPattern = spec.health.type === 'output' ? new RegExp(spec.health.pattern) : null;
    const splitter = (stream: OutputStream): LineSplitter =>
      new LineSplitter((line, truncated) => this.onOutputLine(stream, line, truncated), options.maxLineChars);
    this.splitters = { stdout: splitter('stdout'), stderr: splitter('stderr') };
    this.output = new SidecarOutput(
      options.outputDir,
      spec.name,
      (stream, text) => this.splitters[stream].push(text),
      { pollMs: options.outputPollMs, maxBytes: 8 * 1024 * 1024 },
    );
    if (!spec.binary && spec.binaryError) {
      this.error = fromActionable(spec.binaryError);
    }
  }

  get name(): string {
    return this.spec.name;
  }

  get currentPid(): number | null {
    return this.pid;
  }

  get currentState(): ServiceState {
    return this.state;
  }

  snapshot(): ServiceSnapshot {
    return {
      name: this.spec.name,
      kind: this.spec.kind,
      displayName: this.spec.displayName,
      desired: this.desired,
      state: this.state,
      health: this.health,
      pid: this.pid,
      startedAtMs: this.startedAtMs,
      version: this.version,
      restartAttempt: this.policy.restartAttempt,
      nextRestartAtMs: this.nextRestartAtMs,
      lastExit: this.lastExit,
      ports: this.spec.ports.map((p) => p.port),
      adopted: this.adopted,
      binaryPath: this.spec.binary,
      error: this.error ? this.error.toJSON() : null,
      healthHistory: this.history.toArray(),
    };
  }

  // ---- commands ------------------------------------------------------------------------------

  async start(): Promise<void> {
    if (this.desired && ['starting', 'running', 'backoff', 'stopping', 'crash-looping'].includes(this.state))
      return;
    this.desired = true;
    this.log('supervisor', 'info', `start requested for ${this.spec.displayName}`);
    await this.spawnNow();
  }

  async stop(): Promise<void> {
    this.desired = false;
    this.epoch++;
    this.clearRestart();
    this.policy.reset();
    this.error = null;
    if (this.stopInFlight) return this.stopInFlight;
    if (this.pid === null) {
      this.setState('stopped', 'unknown');
      return;
    }
    this.stopInFlight = this.terminate('stop requested').finally(() => (this.stopInFlight = null));
    return this.stopInFlight;
  }

  /** Stop then start; never counted or logged as a crash. */
  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  /** Clears a crash-loop or failure and tries again from the first backoff step. */
  async retry(): Promise<void> {
    // A live process needs restart(), not retry(); retrying it would trip over its own ports.
    if (this.pid !== null || this.state === 'starting' || this.state === 'stopping') return;
    this.policy.reset();
    this.error = null;
    this.clearRestart();
    this.setState('stopped', 'unknown');
    this.desired = false;
    await this.start();
  }

  /** Take over a process a previous companion started (identity and health already verified). */
  adopt(record: PidRecord, version: string | null): void {
    this.desired = true;
    this.adopted = true;
    this.pid = record.pid;
    this.pgid = record.pgid;
    this.startedAtMs = record.spawnedAtMs;
    this.version = version;
    this.healthySinceMs = Date.now();
    // Readiness was verified before adopting (HTTP probe, or the pattern in its output file).
    this.outputMatched = true;
    this.log(
      'supervisor',
      'warn',
      `adopted ${this.spec.displayName} (pid=${record.pid}) left running by an earlier companion; its recent output follows`,
    );
    this.output.followBacklog(ADOPTED_BACKLOG_BYTES);
    this.setState('running', 'healthy');
    this.startHealthLoop();
    this.livenessTimer = setInterval(() => {
      if (this.adopted && this.pid !== null && !this.stopping && !isProcessAlive(this.pid)) void this.probe();
    }, ADOPTED_LIVENESS_MS);
    this.livenessTimer.unref();
  }

  /**
   * Something suggests the sidecar is in trouble (a call to it failed): probe it now and fast
   * until it is healthy again, instead of waiting for the stable interval.
   */
  suspect(): void {
    if (this.pid === null || this.stopping) return;
    this.cadence.quicken(Date.now());
    this.scheduleProbe(0);
  }

  /** Stop timers without touching the process (used on dispose after stopAll). */
  detach(): void {
    this.epoch++;
    this.clearRestart();
    this.stopHealthLoop();
    this.drainOutput();
  }

  /** Reads the output files to their end, emits a last unterminated line, and stops following. */
  private drainOutput(): void {
    this.output.stop();
    this.splitters.stdout.flush();
    this.splitters.stderr.flush();
  }

  // ---- spawning ------------------------------------------------------------------------------

  private async spawnNow(): Promise<void> {
    this.clearRestart();
    const epoch = ++this.epoch;
    const spec = this.spec;
    if (!spec.binary) {
      const e = spec.binaryError;
      this.fail(
        e
          ? fromActionable(e)
          : new CompanionError(
              'binary_missing',
              `No binary configured for ${spec.displayName}.`,
              'Configure its path in Settings, then press Retry.',
              { params: { variant: 'not_configured', name: spec.displayName } },
            ),
      );
      return;
    }
    this.setState('starting', 'unknown');
    const healthPort = spec.health.type === 'http' ? Number(new URL(spec.health.url).port) : null;
    try {
      await assertPortsFree(
        spec.displayName,
        spec.ports,
        healthPort
          ? {
              port: healthPort,
              expectService: spec.health.type === 'http' ? spec.health.expectService : undefined,
            }
          : undefined,
      );
    } catch (err) {
      if (epoch !== this.epoch || !this.desired) return;
      this.fail(
        err instanceof CompanionError
          ? err
          : new CompanionError(
              'port_busy',
              `Cannot check the ports of ${spec.displayName}: ${String(err)}`,
              'Free the port, then press Retry.',
              { params: { variant: 'check_failed', name: spec.displayName, said: String(err) } },
            ),
      );
      return;
    }
    if (epoch !== this.epoch || !this.desired) return;

    let child: ChildProcess;
    let fds: [number, number] | null = null;
    try {
      fds = openSpawnOutput(this.options.outputDir, spec.name);
      child = spawn(spec.binary, spec.args, {
        cwd: spec.cwd,
        env: { ...process.env, ...spec.env, [SIDECAR_MARKER_VAR]: this.options.marker },
        // Own process group: stop() signals the whole tree, double-forked orphans included.
        detached: true,
        // Files, not pipes: the sidecar must not die of EPIPE when the companion does.
        stdio: ['ignore', fds[0], fds[1]],
      });
    } catch (err) {
      this.fail(this.spawnError(err as NodeJS.ErrnoException));
      return;
    } finally {
      // The child holds its own copies now.
      for (const fd of fds ?? []) closeSync(fd);
    }
    this.child = child;
    this.outputTail = [];
    this.outputMatched = false;
    this.stderrTail = [];
    this.healthySinceMs = null;
    this.lastUnhealthyDetail = null;
    this.output.followFromStart();

    child.once('error', (err: NodeJS.ErrnoException) => {
      if (epoch !== this.epoch) return;
      if (this.pid === null) {
        // Never started (ENOENT, EACCES): a configuration problem, not a crash.
        this.child = null;
        this.fail(this.spawnError(err));
      }
    });
    child.once('spawn', () => {
      if (child.pid === undefined) return;
      if (epoch !== this.epoch) {
        // Stopped while the exec was in flight: nobody supervises this one, so end it now.
        killGroupNow(child.pid);
        return;
      }
      this.onSpawned(child.pid);
    });
    child.once('exit', (code, signal) => {
      if (this.child === child) this.child = null;
      if (epoch !== this.epoch) return;
      this.drainOutput();
      this.onExit(code, signal);
    });
  }

  private spawnError(err: NodeJS.ErrnoException): CompanionError {
    if (err.code === 'ENOENT' || err.code === 'EACCES') {
      const missing = err.code === 'ENOENT';
      return new CompanionError(
        'binary_missing',
        `Cannot run ${this.spec.displayName} at ${this.spec.binary}: ${missing ? 'file not found' : 'permission denied'}.`,
        'Reinstall Palyra or point the companion at the right binary, then press Retry.',
        {
          params: {
            variant: missing ? 'spawn_not_found' : 'spawn_denied',
            name: this.spec.displayName,
            path: this.spec.binary ?? '',
          },
        },
      );
    }
    return new CompanionError(
      'spawn_failed',
      `Cannot start ${this.spec.displayName}: ${err.message}.`,
      'See the supervisor log, fix the cause, then press Retry.',
    );
  }

  private onSpawned(pid: number): void {
    const now = Date.now();
    this.pid = pid;
    this.pgid = pid;
    this.adopted = false;
    this.startedAtMs = now;
    this.version = null;
    this.error = null;
    const stat = readProcStat(pid);
    this.host.registry.set({
      service: this.spec.name,
      pid,
      pgid: pid,
      startTime: stat?.startTime ?? null,
      cmdline: redactCmdline(
        readCmdline(pid) ?? [this.spec.binary ?? '', ...this.spec.args],
        this.spec.secrets,
      ),
      fingerprint: specFingerprint(this.spec),
      spawnedAtMs: now,
    });
    this.log('supervisor', 'info', `${this.spec.displayName} started (pid=${pid})`);
    // Already `starting`, so setState would stay silent: announce the new pid explicitly, or a
    // sidecar that dies inside its grace period is never shown with a pid at all.
    if (this.state === 'starting' && this.health === 'unknown') this.host.onChange(this);
    else this.setState('starting', 'unknown');
    this.startHealthLoop();
    this.graceTimer = setTimeout(() => {
      this.graceTimer = null;
      void this.probe();
    }, this.spec.startupGraceMs);
    this.graceTimer.unref();
  }

  private onExit(code: number | null, signal: NodeJS.Signals | null): void {
    this.stopHealthLoop();
    const pgid = this.pgid;
    const detail =
      code !== null
        ? `${this.spec.displayName} exited with code ${code}`
        : `${this.spec.displayName} was killed by ${signal ?? 'an unknown signal'}`;
    this.lastExit = detail;
    this.pid = null;
    this.pgid = null;
    this.adopted = false;
    this.host.registry.remove(this.spec.name);
    if (this.stopping) return; // terminate() finishes the bookkeeping.
    if (!this.desired) {
      this.log('supervisor', 'info', `${this.spec.displayName} process stopped`);
      this.setState('stopped', 'unknown');
      return;
    }
    // Its helpers may still hold ports the next instance needs.
    if (pgid !== null) killGroupNow(pgid);
    const now = Date.now();
    const healthyUptimeMs = this.healthySinceMs !== null ? now - this.healthySinceMs : 0;
    this.healthySinceMs = null;
    const clean = code === 0;
    const park = this.spec.parkOnExit;
    if (!clean && park && new RegExp(park.pattern).test(this.stderrTail.join('\n'))) {
      this.desired = false;
      this.fail(new CompanionError(park.code, park.message, park.hint));
      return;
    }
    if (!clean) {
      this.crashedSinceHealthy = true;
      this.host.onCrashed({ service: this.spec.name, exitCode: code, signal, detail });
    }
    const decision = this.policy.onExit({ nowMs: now, clean, healthyUptimeMs });
    if (decision.kind === 'crash-loop') {
      this.error = new CompanionError(
        'crash_looping',
        `${this.spec.displayName} failed ${decision.failures} times within ${Math.round(this.policy.config.crashLoopWindowMs / 1000)} s; automatic restarts are paused. Last: ${detail}.`,
        'Check its log for the cause, fix it, then press Retry.',
      );
      this.log('supervisor', 'error', `${detail}; crash loop detected, not restarting until Retry`);
      this.setState('crash-looping', 'unhealthy');
      this.host.onCrashLooping(this.spec.name);
      return;
    }
    this.nextRestartAtMs = now + decision.delayMs;
    this.log(
      'supervisor',
      clean ? 'info' : 'warn',
      `${detail}${clean ? '' : ' (crashed or exited unexpectedly)'}; restart in ${decision.delayMs} ms`,
    );
    this.setState('backoff', 'unhealthy');
    // Anchored to the exit, not to now: the crash listeners above (notifications, state writes)
    // must not push the respawn past the back-off.
    this.restartTimer = setTimeout(
      () => {
        this.restartTimer = null;
        this.nextRestartAtMs = null;
        if (this.desired) void this.spawnNow();
      },
      Math.max(0, now + decision.delayMs - Date.now()),
    );
  }

  private async terminate(reason: string): Promise<void> {
    const pid = this.pid!;
    const pgid = this.pgid ?? pid;
    const child = this.child;
    this.stopping = true;
    this.stopHealthLoop();
    this.setState('stopping', this.health);
    this.log(
      'supervisor',
      'info',
      `${reason}: sending ${this.spec.stopSignal} to ${this.spec.displayName} (pid=${pid}) and its process group`,
    );
    try {
      const exited =
        child && child.exitCode === null && child.signalCode === null
          ? new Promise<string>((r) =>
              child.once('exit', (code, signal) =>
                r(code !== null ? `exited with code ${code}` : `killed by ${signal}`),
              ),
            )
          : null;
      const outcome = await stopProcessTree({
        pid,
        pgid,
        stopSignal: this.spec.stopSignal,
        stopTimeoutMs: this.spec.stopTimeoutMs,
      });
      const how = exited
        ? await Promise.race([exited, new Promise<null>((r) => setTimeout(() => r(null), 2_000))])
        : null;
      if (outcome.survivors.length > 0) {
        this.error = new CompanionError(
          'stop_incomplete',
          `${this.spec.displayName} left processes running after SIGKILL: ${outcome.survivors.join(', ')}.`,
          'They may be stuck in the kernel (state D); kill them manually or reboot if they hold ports.',
        );
      }
      this.log(
        'supervisor',
        outcome.escalatedTo === this.spec.stopSignal ? 'info' : 'warn',
        `${this.spec.displayName} stopped (after ${outcome.escalatedTo})`,
      );
      this.lastExit = `${this.spec.displayName} stopped by the companion${how ? ` (${how})` : ''}`;
    } finally {
      this.drainOutput();
      this.stopping = false;
      this.pid = null;
      this.pgid = null;
      this.adopted = false;
      this.child = null;
      this.healthySinceMs = null;
      this.host.registry.remove(this.spec.name);
      this.setState('stopped', 'unknown');
    }
  }

  private fail(error: CompanionError): void {
    this.error = error;
    this.log('supervisor', 'error', `${error.message} ${error.hint}`);
    this.setState('failed', 'unknown');
  }

  private clearRestart(): void {
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = null;
    this.nextRestartAtMs = null;
  }

  // ---- health --------------------------------------------------------------------------------

  private startHealthLoop(): void {
    this.stopHealthLoop();
    this.cadence.quicken(Date.now());
    this.scheduleProbe(0);
  }

  /** One timer per service; each probe schedules the next from the cadence. */
  private scheduleProbe(delayMs: number): void {
    if (this.healthTimer) clearTimeout(this.healthTimer);
    const epoch = this.epoch;
    this.healthTimer = setTimeout(() => {
      this.healthTimer = null;
      void this.probe().finally(() => {
        if (epoch !== this.epoch || this.pid === null || this.stopping || this.healthTimer) return;
        this.scheduleProbe(this.cadence.nextDelayMs(this.health === 'healthy', Date.now()));
      });
    }, delayMs);
    this.healthTimer.unref();
  }

  private stopHealthLoop(): void {
    if (this.healthTimer) clearTimeout(this.healthTimer);
    if (this.graceTimer) clearTimeout(this.graceTimer);
    if (this.livenessTimer) clearInterval(this.livenessTimer);
    this.healthTimer = null;
    this.graceTimer = null;
    this.livenessTimer = null;
  }

  private async probe(): Promise<void> {
    if (this.probeInFlight || this.pid === null || this.stopping) return;
    const epoch = this.epoch;
    if (this.adopted && !isProcessAlive(this.pid)) {
      // Not our child, so no 'exit' event: notice the death by polling.
      this.drainOutput();
      this.onExit(null, null);
      this.lastExit = `${this.spec.displayName} (adopted) exited; exit status unknown`;
      return;
    }
    const spec = this.spec.health;
    let ok: boolean;
    let detail: string | undefined;
    let latencyMs = 0;
    if (spec.type === 'http') {
      this.probeInFlight = true;
      try {
        const r = await checkHttpHealth(
          spec.url,
          spec.expectService,
          this.options.healthTimeoutMs,
          spec.json,
        );
        ok = r.ok;
        detail = r.detail;
        latencyMs = r.latencyMs;
        if (r.version) this.version = r.version;
      } finally {
        this.probeInFlight = false;
      }
      if (epoch !== this.epoch || this.pid === null || this.stopping) return;
    } else if (spec.type === 'output') {
      ok = this.outputMatched;
      if (!ok) detail = 'readiness output not seen yet';
    } else {
      ok = this.startedAtMs !== null && Date.now() - this.startedAtMs >= this.spec.startupGraceMs;
      if (!ok) detail = 'inside startup grace period';
    }
    this.history.record(
      detail === undefined
        ? { atMs: Date.now(), ok, latencyMs }
        : { atMs: Date.now(), ok, latencyMs, detail },
    );
    this.applyHealth(ok, detail);
  }

  private applyHealth(ok: boolean, detail: string | undefined): void {
    if (this.pid === null || this.stopping) return;
    if (ok) {
      if (this.health !== 'healthy' || this.state !== 'running') {
        this.healthySinceMs = Date.now();
        this.lastUnhealthyDetail = null;
        this.log('supervisor', 'info', `${this.spec.displayName} is healthy`);
        this.setState('running', 'healthy');
        if (this.crashedSinceHealthy) {
          this.crashedSinceHealthy = false;
          this.host.onRecovered(this.spec.name);
        }
      }
      return;
    }
    if (this.health === 'healthy') this.cadence.quicken(Date.now());
    this.healthySinceMs = null;
    const inGrace = this.startedAtMs !== null && Date.now() - this.startedAtMs < this.spec.startupGraceMs;
    if (inGrace && this.state === 'starting') return; // not ready yet is normal while starting
    if (this.health !== 'unhealthy' || this.state !== 'running') {
      if (detail !== this.lastUnhealthyDetail)
        this.log(
          'supervisor',
          'warn',
          `${this.spec.displayName} is not healthy: ${detail ?? 'probe failed'}`,
        );
      this.lastUnhealthyDetail = detail ?? null;
      this.setState('running', 'unhealthy');
    }
  }

  // ---- output --------------------------------------------------------------------------------

  /** The hot path of a flooding sidecar: no regex here; redaction happens when a line is read. */
  private onOutputLine(stream: OutputStream, raw: string, truncated: boolean): void {
    if (!NOT_BLANK.test(raw)) return;
    if (stream === 'stderr' && this.spec.parkOnExit) {
      // Kept only for classifying the exit of a service that parks (rare, short): redact here.
      this.stderrTail.push(this.redactor.redact(raw));
      if (this.stderrTail.length > OUTPUT_TAIL_LINES) this.stderrTail.shift();
    }
    this.record(stream, raw, null, truncated);
    if (this.outputPattern && stream === 'stdout' && !this.outputMatched) {
      this.outputTail.push(raw);
      if (this.outputTail.length > OUTPUT_TAIL_LINES) this.outputTail.shift();
      if (this.outputPattern.test(this.outputTail.join('\n'))) {
        this.outputMatched = true;
        this.outputTail = [];
        this.history.record({ atMs: Date.now(), ok: true, latencyMs: 0 });
        this.applyHealth(true, undefined);
      }
    }
  }

  /** A line from the supervisor itself about this service (stream `supervisor`). */
  log(stream: 'supervisor', level: LogLevel, message: string): void {
    this.record(stream, this.redactor.redact(message), level);
  }

  /** `rawTruncated` set: `line` is raw sidecar output, finished (redacted) only when read. */
  private record(stream: LogStream, line: string, level: LogLevel | null, rawTruncated?: boolean): void {
    const seq = this.host.nextSeq();
    const unixMs = Date.now();
    const service = this.spec.name;
    const entry: LogLine =
      rawTruncated === undefined
        ? { seq, unix_ms: unixMs, service, stream, line, level }
        : rawLogLine({ seq, unix_ms: unixMs, service, stream, line }, this.redactor, rawTruncated);
    this.ring.push(entry);
    const file = this.options.logFile;
    if (file) file.write(`${new Date(entry.unix_ms).toISOString()} ${stream} ${finishLine(entry).line}`);
    this.host.onLog(entry);
  }

  private setState(state: ServiceState, health: HealthState): void {
    if (state === this.state && health === this.health) return;
    this.state = state;
    this.health = health;
    this.host.onChange(this);
  }
}
