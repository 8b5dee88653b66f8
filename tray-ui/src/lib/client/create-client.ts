// Electron gives the page a preload bridge; the headless host serves it over HTTP with a token.
import type { PreloadBridge } from '../../../../main/contract/client';
import { takeAccessToken } from './access-token';
import { PreloadClient } from './preload-client';
import type { TrayClient } from './tray-client';
import { WebSocketClient } from './websocket-client';

export function createClient(win: Window & { palyra?: PreloadBridge } = window): TrayClient {
  if (win.palyra) return new PreloadClient(win.palyra);
  const token = takeAccessToken(win) ?? '';
  const scheme = win.location.protocol === 'https:' ? 'wss' : 'ws';
  return new WebSocketClient(`${scheme}://${win.location.host}/ws?token=${encodeURIComponent(token)}`);
}
