/** The notifications' input and output shapes (pages and API). */
import { Type } from 'typebox';
import { Name } from '../../platform/names.ts';
import { allKinds, channels } from '../../platform/notify/kinds.ts';
import { fieldOf } from '../../platform/notify/preferences.ts';

const Cadence = Type.String({
  maxLength: 20,
  description: '`immediate`, `daily`, `weekly` (digests, mail only) or `off`.',
});
const Time = Type.String({ maxLength: 5, description: 'A local time `HH:mm`; empty to clear.' });
const Zone = Type.String({
  maxLength: 64,
  description: 'IANA time zone, e.g. `America/Chicago`; empty: each community’s own.',
});

/**
 * The preferences form: a field per kind and channel (`library.loans:mail`), the time zone and
 * quiet hours. Built when routes are registered, from the kinds the features declared.
 */
export function preferencesForm() {
  const fields: Record<string, ReturnType<typeof Type.Optional<typeof Cadence>>> = {};
  for (const kind of allKinds())
    for (const channel of channels) fields[fieldOf(kind.name, channel)] = Type.Optional(Cadence);
  return Type.Object({
    ...fields,
    timeZone: Type.Optional(Zone),
    quietStart: Type.Optional(Time),
    quietEnd: Type.Optional(Time),
  });
}

/** The API's preferences: choices per kind and channel, time zone and quiet hours. */
export const PreferencesIn = Type.Object({
  choices: Type.Optional(
    Type.Array(
      Type.Object({
        kind: Type.String({ maxLength: 100, description: 'A kind of notification, e.g. `posts.urgent`.' }),
        channel: Type.String({ maxLength: 20, description: '`mail` or `push`.' }),
        cadence: Cadence,
      }),
      { maxItems: 200, description: 'Choices to change; kinds and channels not given keep theirs.' },
    ),
  ),
  timeZone: Type.Optional(Type.Union([Zone, Type.Null()])),
  quietStart: Type.Optional(Type.Union([Time, Type.Null()])),
  quietEnd: Type.Optional(Type.Union([Time, Type.Null()])),
});

/** The preferences as the API gives them. */
export const PreferencesOut = Type.Object({
  choices: Type.Record(Type.String(), Type.Record(Type.String(), Type.String()), {
    description: 'Per kind, per channel (`mail`, `push`): the cadence in force (chosen or default).',
  }),
  timeZone: Type.Union([Type.String(), Type.Null()]),
  quietStart: Type.Union([Type.String(), Type.Null()]),
  quietEnd: Type.Union([Type.String(), Type.Null()]),
});

/** An unsubscribe link's parts. */
export const UnsubscribeParams = Type.Object({
  accountId: Type.String({ format: 'uuid' }),
  kinds: Type.String({ maxLength: 1000 }),
  token: Type.String({ maxLength: 100 }),
});

/** A steward's announcement. */
export const AnnouncementIn = Type.Object({
  subject: Name({ minLength: 1, maxLength: 120, description: 'A short title.' }),
  body: Type.String({ minLength: 1, maxLength: 2000, description: 'What to tell everyone.' }),
});

/** An announcement as the API gives it; `stats` for stewards only. */
export const AnnouncementOut = Type.Object({
  id: Type.String(),
  subject: Type.String(),
  body: Type.String(),
  authorName: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  stats: Type.Union([
    Type.Object({
      reached: Type.Integer({ description: 'Members told (their inbox).' }),
      mailed: Type.Integer({ description: 'Mails sent.' }),
      waiting: Type.Integer({
        description: 'Mails waiting for a daily or weekly summary, quiet hours or a retry.',
      }),
      failed: Type.Integer({ description: 'Mails that failed every attempt.' }),
    }),
    Type.Null(),
  ]),
});
