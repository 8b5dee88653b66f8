export {
  Supervisor,
  type SupervisorEvents,
  type SupervisorOptions,
  type LeftoverReport,
  type LogQuery,
  type CrashedEvent,
} from './supervisor';
export type { ServiceSpec, HealthProbeSpec, ServiceKind } from './service-spec';
export {
  RestartPolicy,
  DEFAULT_RESTART_POLICY,
  type RestartPolicyConfig,
  type RestartDecision,
} from './restart-policy';
export { HealthHistory } from './health-history';
export { PidRegistry, type PidRecord } from './pid-registry';
export {
  palyraServiceSpecs,
  DEFAULT_PALYRA_PORTS,
  ADMIN_BOUND_PRINCIPAL,
  type PalyraPorts,
  type PalyraSpecConfig,
} from './palyra-specs';
export { BinaryResolver, type BinaryLookup, type BinaryResolution } from '../process/binary-resolver';
