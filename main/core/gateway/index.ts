export * from './approval-view';
export * from './chat-stream';
export * from './connection-monitor';
export * from './console-transport';
export * from './cookie-jar';
export * from './dashboard-routes';
export { GatewayClient, type ApprovalListQuery } from './gateway-client';
export { ApprovalFeed, FULL_READ_PERIOD_MS } from './approval-feed';
export type {
  GatewayClientOptions,
  ResolveSessionInput,
  DecisionInput,
  DashboardHandoff,
} from './gateway-client';
export * from './gateway-error';
export * from './ndjson-lines';
export * from './schemas';
export * from './session-view';
export * from './provider-api';
export * from './provider-schemas';
