export { LogRing } from './log-ring';
export { Redactor } from './redactor';
export { parseLogLine, type ParsedLine } from './log-level';
export { LineSplitter } from './line-splitter';
export { LogBatcher } from './log-batcher';
export { RotatingLogFile, type RotatingLogFileOptions } from './rotating-log-file';
export { finishLine, isRaw, rawLogLine } from './raw-line';
