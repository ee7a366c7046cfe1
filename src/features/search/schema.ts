/** Shapes of the one search across the board, the library, the seed library and members' skills. */
import { Type } from 'typebox';

const Kind = Type.Union([
  Type.Literal('post'),
  Type.Literal('item'),
  Type.Literal('variety'),
  Type.Literal('member'),
]);

export const SearchQuery = Type.Object({
  q: Type.Optional(
    Type.String({ maxLength: 200, description: 'Words to find; each also matches as a prefix.' }),
  ),
  kind: Type.Optional({ ...Kind, description: 'Only this kind of result.' }),
  page: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: 50,
      description: 'Which page of each kind’s results (20 of each a page); 1 unless given.',
    }),
  ),
});
export const SearchParams = Type.Object({ community: Type.String({ maxLength: 60 }) });

const Hit = Type.Object({
  kind: Kind,
  id: Type.String(),
  title: Type.String(),
  url: Type.String({ description: 'Path of the page that shows it.' }),
  detail: Type.Optional(Type.String({ description: 'For a member: the matching skills they share.' })),
  category: Type.Optional(
    Type.String({ description: 'For an item or a post: its category code (tools, food, …).' }),
  ),
  owner: Type.Optional(
    Type.String({
      description:
        'For an item: who lends it (absent: the community shed). For a post: who it is from (for whom it was posted).',
    }),
  ),
  available: Type.Optional(Type.Boolean({ description: 'For an item: whether it is free today.' })),
  postKind: Type.Optional(
    Type.Union([Type.Literal('offer'), Type.Literal('request')], { description: 'For a post.' }),
  ),
});
export const SearchOut = Type.Object({
  q: Type.String(),
  page: Type.Integer(),
  results: Type.Array(Hit, { description: 'At most 20 of each kind, grouped by kind, best first.' }),
  more: Type.Array(Kind, { description: 'The kinds with results on the next page.' }),
});
