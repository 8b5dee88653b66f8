// Every area of the catalogue, joined. Add an area: create `catalog/<area>.ts` with the shape of
// `common.ts`, then spread it into both tables below and into the key check.
import type { SameKeys } from '../catalog-types';
import { common } from './common';
import { providers } from './providers';
import { voice } from './voice';

/** Fails to compile when an area's Czech table lacks a key or has one English does not. */
type Checked = [SameKeys<typeof common>, SameKeys<typeof providers>, SameKeys<typeof voice>];
export const areasChecked: Checked['length'] = 3;

export const english = { ...common.en, ...providers.en, ...voice.en };
export type MessageKey = keyof typeof english;
export const czech: Record<MessageKey, string> = { ...common.cs, ...providers.cs, ...voice.cs };
