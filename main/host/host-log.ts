// Where the host reports what it refused or dropped. Never given the token.
export type HostLogLevel = 'info' | 'warn' | 'error';
export type HostLog = (level: HostLogLevel, message: string) => void;

export const silentHostLog: HostLog = () => undefined;
