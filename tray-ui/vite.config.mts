import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: './', // relative asset URLs: the same build loads from file:// (Electron) and the host
  plugins: [svelte({ configFile: `${root}svelte.config.js` })],
  build: {
    outDir: fileURLToPath(new URL('../build/tray-ui', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
  },
});
