// palyrad logs through tracing-subscriber's JSON layout; supervisors parse these lines, so the
// simulator writes the same shape: {timestamp, level, fields:{message,…}, target}.
// palyrad keeps serving when whoever read its output is gone (checked: it outlives a kill -9 of the
// companion that held its pipes); a write to a closed pipe must not crash the simulator either.
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);

export type TracingLevel = 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

export class TracingLog {
  constructor(
    private readonly target: string,
    private readonly write: (line: string) => void = (line) => process.stdout.write(line),
  ) {}

  log(level: TracingLevel, message: string, fields: Record<string, unknown> = {}): void {
    const line = {
      timestamp: new Date().toISOString(),
      level,
      fields: { message, ...fields },
      target: this.target,
    };
    this.write(`${JSON.stringify(line)}\n`);
  }

  info(message: string, fields?: Record<string, unknown>): void {
    this.log('INFO', message, fields);
  }

  warn(message: string, fields?: Record<string, unknown>): void {
    this.log('WARN', message, fields);
  }
}
