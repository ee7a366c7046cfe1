/** Request and response shapes of the six steps guide. */

import { Type } from 'typebox';

const stepKeys = ['need', 'gathering', 'guidelines', 'pilot', 'feedback', 'celebrate'] as const;

/** Route parameters. */
export const CommunityParams = Type.Object({
  community: Type.String({ maxLength: 100, description: 'The community slug.' }),
});

/** The guide. */
export const GuideOut = Type.Object({
  steps: Type.Array(
    Type.Object({
      key: Type.Enum(stepKeys),
      state: Type.Enum(['not_started', 'under_way', 'done'] as const),
      action: Type.Object({
        key: Type.String({ description: 'What to do next, as a catalog key under `steps.action.`.' }),
        path: Type.String({ description: 'Where, under the community (`/c/{community}`).' }),
      }),
    }),
    { description: 'The six steps, in order.' },
  ),
  next: Type.Union([Type.Enum(stepKeys), Type.Null()], {
    description: 'The first step not done; null when all are.',
  }),
});
