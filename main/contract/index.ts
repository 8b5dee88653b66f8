export * from './model';
export * from './calls';
export * from './events';
export * from './client';
export * from './dispatch';
export * from './native';
export * from './voice';
