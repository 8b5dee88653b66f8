// Shared setup for component tests: a FakeClient over a sample snapshot, a started store.
// Every call the UI makes is also checked against the contract's real zod schemas, so a view
// cannot pass a test while sending params core would reject.
import { afterEach, expect } from 'vitest';
import { callSchemas, type CallName, type CallParams, type CallResult } from '../../main/contract/calls';
import type { CompanionSnapshot } from '../../main/contract/model';
import { FakeClient } from '../../tray-ui/src/lib/client/fake-client';
import { createSampleSnapshot } from '../../tray-ui/src/lib/client/sample-snapshot';
import { CompanionStore } from '../../tray-ui/src/lib/store.svelte';

export class SchemaCheckedClient extends FakeClient {
  readonly schemaViolations: string[] = [];

  override call<K extends CallName>(name: K, params: CallParams<K>): Promise<CallResult<K>> {
    const parsed = callSchemas[name].safeParse(params);
    if (!parsed.success) {
      const message = `${name} params rejected by the contract: ${parsed.error.message}`;
      this.schemaViolations.push(message);
      throw new Error(message);
    }
    return super.call(name, params);
  }
}

const clients: SchemaCheckedClient[] = [];

// Registered by importing this module: a test fails if any call it made broke the contract.
afterEach(() => {
  const violations = clients.splice(0).flatMap((c) => c.schemaViolations);
  expect(violations).toEqual([]);
});

export async function startStore(
  overrides: Partial<CompanionSnapshot> = {},
): Promise<{ client: SchemaCheckedClient; store: CompanionStore }> {
  const client = new SchemaCheckedClient(createSampleSnapshot(overrides));
  clients.push(client);
  const store = new CompanionStore(client);
  await store.start();
  return { client, store };
}
