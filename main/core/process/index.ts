export {
  BinaryResolver,
  type BinaryLookup,
  type BinaryResolution,
  type BinaryResolverOptions,
} from './binary-resolver';
export {
  assertPortsFree,
  isPortFree,
  describePortHolder,
  serviceAnsweringOn,
  type PortRequirement,
} from './port-preflight';
export {
  stopProcessTree,
  descendantsOf,
  killGroupNow,
  type StopTarget,
  type StopOutcome,
} from './process-tree-stopper';
export { isProcessAlive, readProcStat, readCmdline, processGroupMembers, type ProcStat } from './procfs';
