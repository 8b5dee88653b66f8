// Every area of the catalogue, joined. Add an area: create `catalog/<area>.ts` with the shape of
// `common.ts`, then add it to `checkedAreas` and to both tables below.
import type { SameKeys } from '../catalog-types';
import { approvals } from './approvals';
import { chat } from './chat';
import { common } from './common';
import { errors } from './errors';
import { health } from './health';
import { logs } from './logs';
import { nav } from './nav';
import { node } from './node';
import { notifications } from './notifications';
import { profiles } from './profiles';
import { providers } from './providers';
import { settings } from './settings';
import { setup } from './setup';
import { time } from './time';
import { voice } from './voice';

/**
 * Fails to compile when an area's Czech table lacks a key or has one English does not: `SameKeys`
 * of a mismatched area is `never`, and the area itself cannot be assigned to it. (A type listing
 * the `SameKeys` alone would compile either way: a tuple may hold `never`.)
 */
export const checkedAreas: readonly [
  SameKeys<typeof common>,
  SameKeys<typeof nav>,
  SameKeys<typeof health>,
  SameKeys<typeof node>,
  SameKeys<typeof profiles>,
  SameKeys<typeof notifications>,
  SameKeys<typeof approvals>,
  SameKeys<typeof chat>,
  SameKeys<typeof logs>,
  SameKeys<typeof setup>,
  SameKeys<typeof settings>,
  SameKeys<typeof time>,
  SameKeys<typeof errors>,
  SameKeys<typeof providers>,
  SameKeys<typeof voice>,
] = [
  common,
  nav,
  health,
  node,
  profiles,
  notifications,
  approvals,
  chat,
  logs,
  setup,
  settings,
  time,
  errors,
  providers,
  voice,
];

export const english = {
  ...common.en,
  ...nav.en,
  ...health.en,
  ...node.en,
  ...profiles.en,
  ...notifications.en,
  ...approvals.en,
  ...chat.en,
  ...logs.en,
  ...setup.en,
  ...settings.en,
  ...time.en,
  ...errors.en,
  ...providers.en,
  ...voice.en,
};
export type MessageKey = keyof typeof english;
export const czech: Record<MessageKey, string> = {
  ...common.cs,
  ...nav.cs,
  ...health.cs,
  ...node.cs,
  ...profiles.cs,
  ...notifications.cs,
  ...approvals.cs,
  ...chat.cs,
  ...logs.cs,
  ...setup.cs,
  ...settings.cs,
  ...time.cs,
  ...errors.cs,
  ...providers.cs,
  ...voice.cs,
};

/** Keys whose Czech is rightly the same as the English (names, loanwords, units). */
export const sameInBothLanguages: ReadonlySet<MessageKey> = new Set<MessageKey>([
  'nav.appTitle',
  'nav.chat',
  'health.link.offline',
  'health.spark.ms',
  'health.binary.nodehost',
  'profiles.option',
  'chat.online',
  'chat.offline',
  'setup.serviceState',
  'settings.dashboard',
  'settings.flag.companion_shell_enabled',
  // Names of protocols and the bot's handle: the same words in Czech.
  'providers.openai.oauth',
  // An approval's words are the gateway's; the list shows them as they came.
  'notifications.text.approval.title',
  'notifications.text.approval.detail',
]);
