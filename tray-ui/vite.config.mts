import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

// Electron loads the popover from file://, where module scripts and `crossorigin` assets are
// fetched in CORS mode from an opaque origin and may be refused. The bundle is one file with no
// dynamic imports, so it ships as a classic deferred script (IIFE) that loads the same way from
// file:// and from the host.
const fileProtocolSafe: Plugin = {
  name: 'palyra-file-protocol-safe',
  enforce: 'post',
  transformIndexHtml: (html) =>
    html.replace(/ crossorigin(?=[ >])/g, '').replace(/<script type="module"/g, '<script defer'),
};

export default defineConfig({
  root,
  base: './', // relative asset URLs: the same build loads from file:// (Electron) and the host
  plugins: [svelte({ configFile: `${root}svelte.config.js` }), fileProtocolSafe],
  build: {
    outDir: fileURLToPath(new URL('../build/tray-ui', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: false,
    rollupOptions: { output: { format: 'iife' } },
  },
});
