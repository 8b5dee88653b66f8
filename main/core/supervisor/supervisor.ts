// Runs every configured sidecar: start/stop/restart/retry, health, logs, crash handling, and
// recovery of sidecars left behind by a companion that was killed.
//
// Leftover policy (adoptOrReapLeftovers): for each entry of <stateRoot>/companion/sidecars.json
//  - the pid is gone, or is now a different process (start time or cmdline differ) → drop the
//    entry and touch nothing (pid reuse must never kill an unrelated process);
//  - it is ours, its spec still exists with the same launch fingerprint (binary, args, env incl.
//    tokens), and it is ready (HTTP probe healthy, or its readiness line in its output file) →
//    ADOPT it (supervise by pid, stop by process group, keep following its output files);
//  - otherwise (config changed, unhealthy, or no way to verify readiness) → REAP it:
//    graceful group stop, then a fresh spawn on start().
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import type { LogLine, LogStream, ServiceSnapshot } from '../../contract/model';
import { CompanionError } from '../errors';
import { LogBatcher } from '../logs/log-batcher';
import { RotatingLogFile } from '../logs/rotating-log-file';
import { isProcessAlive, readCmdline, readProcStat } from '../process/procfs';
import { ownerIsAlive } from '../process/instance-lock';
import { stopProcessTree } from '../process/process-tree-stopper';
import { redactCmdline } from './cmdline-redaction';
import { checkHttpHealth } from './http-health-check';
import { sameLaunchCommand } from './leftover-identity';
import { ManagedService, type CrashedEvent, type ServiceHost } from './managed-service';
import { PidRegistry, type PidRecord } from './pid-registry';
import { DEFAULT_RESTART_POLICY, RestartPolicy, type RestartPolicyConfig } from './restart-policy';
import type { ServiceSpec } from './service-spec';
import { findMarkedProcesses, sidecarMarker, type MarkedProcess } from './sidecar-marker';
import { outputFileMatches, sidecarOutputDir } from './sidecar-output';
import { specFingerprint } from './spec-fingerprint';

export type { CrashedEvent };

export interface SupervisorEvents {
  service: ServiceSnapshot;
  log: LogLine[];
  crashed: CrashedEvent;
  'crash-looping': { service: string };
  recovered: { service: string };
}

export interface SupervisorOptions {
  /** Companion state root; the pid registry and optional log files live under <stateRoot>/companion. */
  stateRoot: string;
  specs: ServiceSpec[];
  restartPolicy?: Partial<RestartPolicyConfig>;
  /** Health probe interval while a sidecar comes up (default 50 ms); seldom once healthy. */
  healthIntervalMs?: number;
  /** Health probe interval once healthy (default 30 s). */
  stableHealthIntervalMs?: number;
  healthTimeoutMs?: number;
  healthHistorySize?: number;
  /** Lines kept per service (Palyra: 400). */
  logRingSize?: number;
  logBatchMs?: number;
  maxLineChars?: number;
  /** Rotating files under <stateRoot>/companion/logs; off when absent. */
  logFiles?: { maxBytes: number; maxFiles: number } | null;
  /** How often the sidecars' output files are read (default 100 ms). */
  outputPollMs?: number;
}

export interface LeftoverReport {
  adopted: string[];
  reaped: string[];
  /** Entries whose pid was gone or belonged to an unrelated process: dropped, nothing killed. */
  dropped: string[];
}

export interface LogQuery {
  service?: string;
  stream?: LogStream;
  limit?: number;
}

const STOP_ORDER = ['nodehost', 'browserd', 'gateway'];

export class Supervisor {
  private readonly services = new Map<string, ManagedService>();
  private readonly emitter = new EventEmitter();
  private readonly registry: PidRegistry;
  private readonly batcher: LogBatcher;
  private readonly logFiles: RotatingLogFile[] = [];
  private seq = 0;
  /** Lines the batcher could not deliver to listeners (rings still hold the newest). */
  droppedLogEvents = 0;

  private readonly outputDir: string;
  private readonly stateRoot: string;

  constructor(options: SupervisorOptions) {
    this.registry = new PidRegistry(options.stateRoot);
    this.outputDir = sidecarOutputDir(options.stateRoot);
    this.stateRoot = options.stateRoot;
    this.batcher = new LogBatcher((batch, dropped) => {
      this.droppedLogEvents += dropped;
      this.emit('log', batch);
    }, options.logBatchMs ?? 50);
    const policyConfig = { ...DEFAULT_RESTART_POLICY, ...options.restartPolicy };
    const host: ServiceHost = {
      nextSeq: () => ++this.seq,
      registry: this.registry,
      onLog: (line) => this.batcher.add(line),
      onChange: (svc) => this.emit('service', svc.snapshot()),
      onCrashed: (e) => this.emit('crashed', e),
      onCrashLooping: (service) => this.emit('crash-looping', { service }),
      onRecovered: (service) => this.emit('recovered', { service }),
    };
    for (const spec of options.specs) {
      if (this.services.has(spec.name)) throw new Error(`duplicate sidecar name ${spec.name}`);
      let logFile: RotatingLogFile | null = null;
      if (options.logFiles) {
        logFile = new RotatingLogFile({
          dir: join(options.stateRoot, 'companion', 'logs'),
          name: spec.name,
          ...options.logFiles,
        });
        this.logFiles.push(logFile);
      }
      this.services.set(
        spec.name,
        new ManagedService(
          spec,
          host,
          {
            healthIntervalMs: options.healthIntervalMs ?? 50,
            ...(options.stableHealthIntervalMs !== undefined
              ? { stableHealthIntervalMs: options.stableHealthIntervalMs }
              : {}),
            healthTimeoutMs: options.healthTimeoutMs ?? 2_000,
            healthHistorySize: options.healthHistorySize ?? 20,
            logRingSize: options.logRingSize ?? 400,
            maxLineChars: options.maxLineChars ?? 8 * 1024,
            logFile,
            outputDir: this.outputDir,
            outputPollMs: options.outputPollMs ?? 100,
            marker: sidecarMarker(options.stateRoot, spec.name),
          },
          new RestartPolicy(policyConfig),
        ),
      );
    }
  }

  on<E extends keyof SupervisorEvents>(
    event: E,
    listener: (payload: SupervisorEvents[E]) => void,
  ): () => void {
    this.emitter.on(event, listener);
    return () => this.emitter.off(event, listener);
  }

  private emit<E extends keyof SupervisorEvents>(event: E, payload: SupervisorEvents[E]): void {
    this.emitter.emit(event, payload);
  }

  private get(name: string): ManagedService {
    const svc = this.services.get(name);
    if (!svc) {
      throw new CompanionError(
        'unknown_service',
        `There is no sidecar named '${name}'.`,
        `Use one of: ${[...this.services.keys()].join(', ')}.`,
      );
    }
    return svc;
  }

  start(name: string): Promise<void> {
    return this.get(name).start();
  }

  stop(name: string): Promise<void> {
    return this.get(name).stop();
  }

  restart(name: string): Promise<void> {
    return this.get(name).restart();
  }

  retry(name: string): Promise<void> {
    return this.get(name).retry();
  }

  /** A call to this sidecar failed: probe its health now and fast until healthy (no-op if unknown). */
  suspect(name: string): void {
    this.services.get(name)?.suspect();
  }

  async startAll(): Promise<void> {
    // Gateway first: browserd and the node host are useless without it.
    const order = [...this.services.keys()].sort((a, b) => STOP_ORDER.indexOf(b) - STOP_ORDER.indexOf(a));
    for (const name of order) await this.get(name).start();
  }

  async stopAll(): Promise<void> {
    const names = [...this.services.keys()];
    const extras = names.filter((n) => !STOP_ORDER.includes(n));
    const order = [...extras, ...STOP_ORDER.filter((n) => names.includes(n))];
    for (const name of order) await this.get(name).stop();
  }

  snapshot(): ServiceSnapshot[] {
    return [...this.services.values()].map((s) => s.snapshot());
  }

  /** Newest last; merged across services by sequence number when no service is given. */
  logs(query: LogQuery = {}): LogLine[] {
    const sources = query.service ? [this.get(query.service)] : [...this.services.values()];
    let lines = sources.flatMap((s) => s.ring.toArray());
    if (sources.length > 1) lines.sort((a, b) => a.seq - b.seq);
    if (query.stream) lines = lines.filter((l) => l.stream === query.stream);
    if (query.limit !== undefined && lines.length > query.limit)
      lines = lines.slice(lines.length - query.limit);
    return lines;
  }

  async adoptOrReapLeftovers(): Promise<LeftoverReport> {
    const report: LeftoverReport = { adopted: [], reaped: [], dropped: [] };
    const records = this.registry.load();
    if (this.registry.loadProblem)
      this.supervisorLine(null, 'warn', `pid registry: ${this.registry.loadProblem}`);
    const owner = this.registry.loadedOwner;
    if (owner && owner.pid !== process.pid && ownerIsAlive({ ...owner, address: null, acquiredAtMs: 0 })) {
      // Another companion is alive and supervising these: adopting or reaping them would fight it.
      throw new CompanionError(
        'already_running',
        `The sidecars in ${this.registry.path} belong to a companion that is still running (pid ${owner.pid}).`,
        `Use that companion, or stop it (kill ${owner.pid}) before starting another on this state root.`,
      );
    }
    for (const record of records) {
      const outcome = await this.handleLeftover(record);
      report[outcome].push(record.service);
    }
    await this.reapUnrecorded(report);
    return report;
  }

  /** Sidecars of this state root that no registry entry names (the companion died before saving). */
  private async reapUnrecorded(report: LeftoverReport): Promise<void> {
    const supervised = new Set(
      [...this.services.values()].map((s) => s.currentPid).filter((pid): pid is number => pid !== null),
    );
    const groups = new Map<number, MarkedProcess>();
    for (const found of findMarkedProcesses(this.stateRoot)) {
      if (supervised.has(found.pgid) || groups.has(found.pgid)) continue;
      groups.set(found.pgid, found);
    }
    for (const [pgid, found] of groups) {
      const svc = this.services.get(found.service) ?? null;
      this.supervisorLine(
        svc,
        'warn',
        `reaping ${found.service} (pid ${found.pid}) left by an earlier companion that died before recording it`,
      );
      await stopProcessTree({
        pid: found.pid,
        pgid,
        stopSignal: svc?.spec.stopSignal ?? 'SIGTERM',
        stopTimeoutMs: svc?.spec.stopTimeoutMs ?? 3_000,
      });
      report.reaped.push(found.service);
    }
  }

  private async handleLeftover(record: PidRecord): Promise<keyof LeftoverReport> {
    const svc = this.services.get(record.service) ?? null;
    const stat = readProcStat(record.pid);
    const cmdline = readCmdline(record.pid);
    const sameProcess =
      stat !== null &&
      isProcessAlive(record.pid) &&
      record.startTime !== null &&
      stat.startTime === record.startTime &&
      stat.pgid === record.pgid &&
      cmdline !== null &&
      // The registry holds the command line redacted; compare like with like.
      sameLaunchCommand(
        redactCmdline(record.cmdline, svc?.spec.secrets ?? []),
        redactCmdline(cmdline, svc?.spec.secrets ?? []),
        svc?.spec.binary ?? null,
      );
    if (!sameProcess) {
      const why =
        stat === null || !isProcessAlive(record.pid)
          ? 'is no longer running'
          : 'now belongs to an unrelated process (start time or command line differ); left untouched';
      this.supervisorLine(
        svc,
        'info',
        `leftover ${record.service} pid ${record.pid} ${why}; dropping its registry entry`,
      );
      this.registry.remove(record.service);
      return 'dropped';
    }
    let reason: string | null = null;
    let version: string | null = null;
    if (!svc) reason = 'no such sidecar is configured any more';
    else if (specFingerprint(svc.spec) !== record.fingerprint)
      reason = 'it was launched with a different configuration';
    else if (svc.spec.health.type === 'output') {
      // Its output file outlived the old companion: readiness is still visible there.
      if (!outputFileMatches(this.outputDir, svc.name, new RegExp(svc.spec.health.pattern)))
        reason = 'its output file does not show it ready';
    } else if (svc.spec.health.type !== 'http') reason = 'its readiness cannot be verified';
    else {
      const probe = svc.spec.health;
      let healthy = false;
      for (let attempt = 0; attempt < 3 && !healthy; attempt++) {
        if (attempt > 0) await new Promise((r) => setTimeout(r, 500));
        const r = await checkHttpHealth(probe.url, probe.expectService, 2_000, probe.json);
        healthy = r.ok;
        version = r.version;
        if (!healthy) reason = `it is not healthy (${r.detail ?? 'probe failed'})`;
      }
      if (healthy) reason = null;
    }
    if (svc && reason === null) {
      svc.adopt(record, version);
      return 'adopted';
    }
    this.supervisorLine(
      svc,
      'warn',
      `reaping leftover ${record.service} (pid ${record.pid}) from an earlier companion: ${reason}`,
    );
    const outcome = await stopProcessTree({
      pid: record.pid,
      pgid: record.pgid,
      stopSignal: svc?.spec.stopSignal ?? 'SIGINT',
      stopTimeoutMs: svc?.spec.stopTimeoutMs ?? 3_000,
    });
    if (outcome.survivors.length > 0)
      this.supervisorLine(
        svc,
        'error',
        `leftover ${record.service} survivors after SIGKILL: ${outcome.survivors.join(', ')}`,
      );
    this.registry.remove(record.service);
    return 'reaped';
  }

  private supervisorLine(
    svc: ManagedService | null,
    level: 'info' | 'warn' | 'error',
    message: string,
  ): void {
    const target = svc ?? [...this.services.values()][0];
    target?.log('supervisor', level, message);
  }

  /** Stops every sidecar (unless told not to), then releases timers and files. */
  async dispose(options: { stopServices?: boolean } = {}): Promise<void> {
    if (options.stopServices ?? true) await this.stopAll();
    for (const svc of this.services.values()) svc.detach();
    this.batcher.dispose();
    for (const f of this.logFiles) f.close();
    this.emitter.removeAllListeners();
  }
}
