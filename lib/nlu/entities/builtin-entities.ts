import type { EntityFinder } from './entity-match';
import { findDates } from './find-dates';
import { findEmails } from './find-emails';
import { findNumbers } from './find-numbers';
import { findPhoneNumbers } from './find-phone-numbers';
import { findUrls } from './find-urls';
import { findYesNo } from './find-yes-no';

/**
 * The entities every bot understands without declaring them, by name. The names are the
 * capture types that read them, and the `entity` of their matches.
 */
export const BUILTIN_ENTITIES = {
  number: findNumbers,
  email: findEmails,
  phone: findPhoneNumbers,
  url: findUrls,
  date: findDates,
  yesNo: findYesNo,
} as const satisfies Record<string, EntityFinder>;

export type BuiltinEntityName = keyof typeof BUILTIN_ENTITIES;
