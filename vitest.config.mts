import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';

// Three projects: `unit` (plain Node, fast), `integration` (real processes, sockets and files;
// files run one at a time because they bind real ports), `ui` (Svelte components in jsdom).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['test/unit/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          environment: 'node',
          include: [
            'test/integration/**/*.test.ts',
            'test/chaos/**/*.test.ts',
            'test/security/**/*.test.ts',
            // The Palyra conformance suite: the simulator always, the real daemons when configured.
            'test/conformance/**/*.test.ts',
          ],
          globalSetup: ['test/integration/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        plugins: [svelte({ configFile: './tray-ui/svelte.config.js' }), svelteTesting()],
        test: {
          name: 'ui',
          environment: 'jsdom',
          include: ['test/ui/**/*.test.ts'],
          setupFiles: ['test/ui/setup.ts'],
        },
      },
    ],
  },
});
