// Shared setup for component tests: a FakeClient over a sample snapshot, a started store.
import type { CompanionSnapshot } from '../../main/contract/model';
import { FakeClient } from '../../tray-ui/src/lib/client/fake-client';
import { createSampleSnapshot } from '../../tray-ui/src/lib/client/sample-snapshot';
import { CompanionStore } from '../../tray-ui/src/lib/store.svelte';

export async function startStore(
  overrides: Partial<CompanionSnapshot> = {},
): Promise<{ client: FakeClient; store: CompanionStore }> {
  const client = new FakeClient(createSampleSnapshot(overrides));
  const store = new CompanionStore(client);
  await store.start();
  return { client, store };
}
