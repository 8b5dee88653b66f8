// The gateway simulator's test-only control API (/__sim/*), called the way the simulator demands:
// on the gateway port with the companion's admin token as a bearer.
import type { CompanionHandle } from './companion-process';

export interface RaisedApproval {
  approval_id: string;
  tool_name?: string;
}

export interface DecisionLogEntry {
  approval_id: string;
  approved: boolean;
  decision_scope: string;
  decision_scope_ttl_ms?: number;
  reason?: string;
}

export class SimulatorControl {
  constructor(private readonly companion: CompanionHandle) {}

  private async call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.companion.gatewayOrigin}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.companion.adminToken()}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status}: ${text}`);
    return JSON.parse(text) as T;
  }

  async raiseApproval(input: {
    title: string;
    toolName?: string;
    timeoutSeconds?: number;
    riskLevel?: 'low' | 'medium' | 'high' | 'critical';
    /** The tool call's input (prompt.details_json.input_json). */
    input?: unknown;
  }): Promise<RaisedApproval> {
    const reply = await this.call<{ approvals: RaisedApproval[] }>('POST', '/__sim/approvals', {
      title: input.title,
      tool_name: input.toolName ?? 'palyra.process.run',
      risk_level: input.riskLevel ?? 'high',
      timeout_seconds: input.timeoutSeconds ?? 300,
      ...(input.input === undefined ? {} : { input_json: input.input }),
    });
    const approval = reply.approvals[0];
    if (!approval) throw new Error('the simulator raised no approval');
    return approval;
  }

  async decisions(): Promise<DecisionLogEntry[]> {
    return (await this.call<{ decisions: DecisionLogEntry[] }>('GET', '/__sim/decisions')).decisions;
  }
}
