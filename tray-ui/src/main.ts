import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';
import { createClient } from './lib/client/create-client';
import type { TrayClient } from './lib/client/tray-client';
import { CompanionStore } from './lib/store.svelte';

async function pickClient(): Promise<TrayClient> {
  // `vite dev` without a host: `?fake` runs the UI against sample data. Compiled out of builds.
  if (import.meta.env.DEV && new URLSearchParams(location.search).has('fake')) {
    const { FakeClient } = await import('./lib/client/fake-client');
    return new FakeClient(undefined, { simulateReplies: true });
  }
  return createClient();
}

async function boot(): Promise<void> {
  const target = document.getElementById('app');
  if (!target) throw new Error('missing #app');
  const store = new CompanionStore(await pickClient());
  if (import.meta.env.DEV) {
    // `?fake&view=chat` opens a given view, for screenshots while developing.
    const view = new URLSearchParams(location.search).get('view');
    if (view) store.view = view as typeof store.view;
  }
  mount(App, { target, props: { store } });
  await store.start();
}

// No top-level await: the production bundle is a classic script (see vite.config.mts).
void boot();
