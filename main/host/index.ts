export { startHost, type HostOptions, type RunningHost } from './host-server';
export type { HostLog, HostLogLevel } from './host-log';
