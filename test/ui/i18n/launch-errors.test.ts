// The errors that keep a sidecar from starting (port_busy, binary_missing) carry their values, so
// the UI says them in Czech instead of falling back to core's English. The errors come from core's
// own code where a test can provoke them; the catalogue's English must be exactly core's English
// (that is how the UI knows a hint is the stock one and may translate it).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ActionableError } from '../../../main/contract/model';
import { BinaryResolver } from '../../../main/core/process/binary-resolver';
import { assertPortsFree } from '../../../main/core/process/port-preflight';
import { setLocale } from '../../../tray-ui/src/lib/i18n';
import { errorText } from '../../../tray-ui/src/lib/i18n/core-text';
import { english_, hasKey, type MessageKey } from '../../../tray-ui/src/lib/i18n/translate.svelte';

const cleanups: (() => void)[] = [];
afterEach(() => {
  setLocale('en');
  for (const undo of cleanups.splice(0)) undo();
});

function listen<T extends Server | HttpServer>(server: T): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      cleanups.push(() => server.close());
      resolve(typeof address === 'object' && address ? address.port : 0);
    }),
  );
}

async function portBusy(health?: 'other' | 'same'): Promise<ActionableError> {
  const port = health
    ? await listen(
        createHttpServer((_req, res) =>
          res.end(JSON.stringify({ service: health === 'other' ? 'foo' : 'palyrad', status: 'ok' })),
        ),
      )
    : await listen(createServer());
  try {
    await assertPortsFree(
      'palyrad',
      [{ port, protocol: 'tcp' }],
      health ? { port, expectService: 'palyrad' } : undefined,
    );
  } catch (err) {
    return (err as { toJSON(): ActionableError }).toJSON();
  }
  throw new Error('the port was not busy');
}

function resolverError(env: Record<string, string>): ActionableError {
  const r = new BinaryResolver({ env }).resolve({ name: 'palyrad', envVar: 'PALYRA_DESKTOP_PALYRAD_BIN' });
  if (r.found) throw new Error('found a binary');
  return r.error.toJSON();
}

/** The catalogue's English for an error's message and hint, as errorText picks the keys. */
function catalogueEnglish(error: ActionableError): { message: string; hint: string } {
  const variant = error.params?.variant;
  const stem = `errors.${error.code}${typeof variant === 'string' ? `.${variant}` : ''}`;
  const hintKey = hasKey(`${stem}.hint`) ? `${stem}.hint` : `errors.${error.code}.hint`;
  expect(hasKey(`${stem}.message`), stem).toBe(true);
  return {
    message: english_(`${stem}.message` as MessageKey, error.params),
    hint: english_(hintKey as MessageKey, error.params),
  };
}

describe('errors that keep a sidecar from starting, in Czech', () => {
  it('says a busy port with its number, its holder and who answers there', async () => {
    const plain = await portBusy();
    const other = await portBusy('other');
    const same = await portBusy('same');
    for (const error of [plain, other, same])
      expect(catalogueEnglish(error)).toEqual({ message: error.message, hint: error.hint });
    const port = String(plain.params!.port);
    setLocale('cs');
    const czech = errorText(plain);
    // The holder is this test process, named by pid and name as core found it in /proc.
    expect(plain.params!.holder).toMatch(new RegExp(`^pid ${process.pid} \\(`));
    expect(czech.message).toBe(
      `palyrad nelze spustit: port TCP ${port} na 127.0.0.1 používá ${plain.params!.holder}.`,
    );
    expect(czech.hint).toBe(
      `Ukončete proces, který drží port ${port}, nebo pro palyrad nastavte jiný port, a klikněte na Zkusit znovu.`,
    );
    expect(errorText(other).message).toMatch(/Drží ho proces, který se hlásí jako „foo“, ne palyrad\.$/);
    expect(errorText(same).message).toMatch(
      /Už tam odpovídá jiný palyrad \(nespustil ho tento companion\)\.$/,
    );
    // No process could be named: the Czech words for it, not core's English.
    expect(errorText({ ...plain, params: { ...plain.params, holder: '', holders: 0 } }).message).toContain(
      'používá neznámý proces.',
    );
  });

  it('says a binary that cannot be found or run, naming the variable, the path and where it looked', () => {
    const dir = mkdtempSync(join(tmpdir(), 'launch-errors-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const plainFile = join(dir, 'palyrad');
    writeFileSync(plainFile, 'not executable', { mode: 0o644 });
    const relative = resolverError({ PALYRA_DESKTOP_PALYRAD_BIN: 'palyrad' });
    const notExecutable = resolverError({ PALYRA_DESKTOP_PALYRAD_BIN: plainFile });
    const notFound = resolverError({ PATH: dir });
    const nowhere = resolverError({ PATH: '' });
    for (const error of [relative, notExecutable, notFound, nowhere])
      expect(catalogueEnglish(error)).toEqual({ message: error.message, hint: error.hint });
    setLocale('cs');
    expect(errorText(relative)).toEqual({
      message: 'PALYRA_DESKTOP_PALYRAD_BIN ukazuje na „palyrad“, což není absolutní cesta.',
      hint: 'Nastavte PALYRA_DESKTOP_PALYRAD_BIN na absolutní cestu ke spustitelnému souboru palyrad, nebo proměnnou zrušte a companion ho bude hledat vedle aplikace a v PATH.',
      external: false,
    });
    expect(errorText(notExecutable).message).toBe(
      `PALYRA_DESKTOP_PALYRAD_BIN ukazuje na „${plainFile}“, což není existující spustitelný soubor.`,
    );
    expect(errorText(notFound).message).toBe(
      `palyrad nebyl nalezen; hledáno v: $PALYRA_DESKTOP_PALYRAD_BIN (nenastavena), ${plainFile}.`,
    );
    expect(errorText(nowhere).message).toBe(
      'palyrad nebyl nalezen; hledáno v: $PALYRA_DESKTOP_PALYRAD_BIN (nenastavena).',
    );
  });

  it('says the supervisor’s and the node CLI’s binary errors by their variant', () => {
    // The shapes ManagedService and the node host CLI raise (checked against core in the
    // supervisor's integration tests): English exactly core's, Czech from the catalogue.
    const cases: [ActionableError, string][] = [
      [
        {
          code: 'binary_missing',
          message: 'Cannot run palyrad at /opt/palyra/palyrad: file not found.',
          hint: 'Reinstall Palyra or point the companion at the right binary, then press Retry.',
          params: { variant: 'spawn_not_found', name: 'palyrad', path: '/opt/palyra/palyrad' },
        },
        'palyrad nelze spustit (/opt/palyra/palyrad): soubor nebyl nalezen.',
      ],
      [
        {
          code: 'binary_missing',
          message: 'Cannot run palyrad at /opt/palyra/palyrad: permission denied.',
          hint: 'Reinstall Palyra or point the companion at the right binary, then press Retry.',
          params: { variant: 'spawn_denied', name: 'palyrad', path: '/opt/palyra/palyrad' },
        },
        'palyrad nelze spustit (/opt/palyra/palyrad): přístup odepřen.',
      ],
      [
        {
          code: 'binary_missing',
          message: 'No binary configured for model-server.',
          hint: 'Configure its path in Settings, then press Retry.',
          params: { variant: 'not_configured', name: 'model-server' },
        },
        'Pro model-server není nastavený žádný spustitelný soubor.',
      ],
      [
        {
          code: 'binary_missing',
          message: 'The palyra CLI (which runs the node host) was not found.',
          hint: 'Install Palyra or set PALYRA_DESKTOP_PALYRA_BIN to its absolute path.',
          params: { variant: 'cli', envVar: 'PALYRA_DESKTOP_PALYRA_BIN' },
        },
        'CLI palyra (spouští node host) nebylo nalezeno.',
      ],
      [
        {
          code: 'port_busy',
          message: 'Cannot check the ports of palyrad: Error: EPERM',
          hint: 'Free the port, then press Retry.',
          params: { variant: 'check_failed', name: 'palyrad', said: 'Error: EPERM' },
        },
        'Porty služby palyrad nelze zkontrolovat: Error: EPERM',
      ],
    ];
    for (const [error, czech] of cases) {
      setLocale('en');
      expect(catalogueEnglish(error), error.message).toEqual({ message: error.message, hint: error.hint });
      expect(errorText(error).message).toBe(error.message);
      setLocale('cs');
      const said = errorText(error);
      expect(said.message).toBe(czech);
      expect(said.hint).not.toBe(error.hint);
    }
  });
});
