/** Request and response shapes of the lending library: the edge schema is the API's documentation. */
import { Type } from 'typebox';
import { Name } from '../../platform/names.ts';
import { maxFileBytes } from '../../platform/uploads/multipart.ts';
import { loanActions } from './policy.ts';

/** Item categories, in the order forms offer them. */
export const categories = [
  'tools',
  'garden',
  'kitchen',
  'outdoors',
  'children',
  'electronics',
  'books',
  'games',
  'sports',
  'household',
  'mobility',
  'other',
] as const;
/** Item conditions, best first. */
export const conditions = ['new', 'good', 'fair', 'worn'] as const;
/** Value bands, lowest first. */
export const valueBands = ['low', 'medium', 'high'] as const;
/** Every loan status; "overdue" is derived, see `LoanOut.overdue`. */
export const loanStatuses = [
  'requested',
  'approved',
  'declined',
  'cancelled',
  'out',
  'returned',
  'thanked',
  'lost',
  'damaged',
] as const;

const Uuid = Type.String({ format: 'uuid' });
const Slug = Type.String({ maxLength: 100, description: 'The community slug.' });
/** A calendar day `YYYY-MM-DD` in the community's time zone. */
const Day = Type.String({ format: 'date', description: 'A calendar day, YYYY-MM-DD.' });

/** Route parameters: the community, and the item, loan, photo or member addressed. */
export const CommunityParams = Type.Object({ community: Slug });
export const ItemParams = Type.Object({ community: Slug, itemId: Uuid });
export const LoanParams = Type.Object({ community: Slug, loanId: Uuid });
export const PhotoParams = Type.Object({ community: Slug, itemId: Uuid, photoId: Uuid });
export const MemberParams = Type.Object({ community: Slug, accountId: Uuid });

/** An item's category, condition and value band, as codes (pages translate them). */
export const Category = Type.Enum(categories, { description: 'What kind of thing it is.' });
export const Condition = Type.Enum(conditions, { description: 'How worn it is.' });
export const ValueBand = Type.Enum(valueBands, { description: 'Roughly what it is worth.' });

/** A new item, or all of an item's fields when editing. */
export const ItemIn = Type.Object({
  name: Name({ minLength: 1, maxLength: 120 }),
  category: Category,
  condition: Condition,
  valueBand: ValueBand,
  pickupPlace: Type.Optional(Type.String({ maxLength: 200, description: 'Where to pick it up, in words.' })),
  rules: Type.Optional(Type.String({ maxLength: 2000, description: 'The lender’s rules.' })),
  loanDays: Type.Integer({ minimum: 1, maximum: 90, description: 'Longest loan, in days.' }),
  placeId: Type.Optional(
    Type.String({
      format: 'uuid',
      description: 'The place it is kept at or picked up from (the shed, a pantry).',
    }),
  ),
  owner: Type.Optional(
    Type.Union([Type.Literal('me'), Type.Literal('shed')], {
      description: '`shed`: the community owns it (stewards only). Default `me`.',
    }),
  ),
});
/** The item form of the pages: the item fields plus photo files. */
export const ItemFormIn = Type.Object({ ...ItemIn.properties, photos: Type.Optional(Type.Unknown()) });
/** The page form that adds photos to an item. */
export const PhotosFormIn = Type.Object({ photos: Type.Optional(Type.Unknown()) });
/**
 * An item's photo through the JSON API: a `multipart/form-data` body with an image file in
 * `photo` (checked and re-encoded by platform uploads; not a JSON value, hence no type here).
 */
export const ItemPhotoIn = Type.Object({
  photo: Type.Unknown({
    description: `The image file: JPEG, PNG, WebP, GIF, AVIF, HEIF or TIFF, at most ${maxFileBytes / 1024 / 1024} MB. Repeat the part to add several.`,
    contentMediaType: 'image/*',
  }),
});

/** Catalog search and filters. */
export const CatalogQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100, description: 'Part of the name.' })),
  category: Type.Optional(Category),
  available: Type.Optional(Type.Boolean({ description: 'Only items free today.' })),
  page: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 10_000, description: '1-based page of 40 items.' }),
  ),
});

/** A loan request: inclusive days, and a note to the lender. */
export const LoanRequestIn = Type.Object({
  startsOn: Day,
  dueOn: Day,
  message: Type.Optional(Type.String({ maxLength: 500 })),
});
/** The library settings stewards choose. */
export const SettingsIn = Type.Object({
  maxActivePerMember: Type.Integer({ minimum: 1, maximum: 50 }),
  holdDays: Type.Integer({ minimum: 1, maximum: 14 }),
  reminderDays: Type.Integer({ minimum: 0, maximum: 14 }),
});

/** Desk mode: finding a member, checking out and in. */
/** What the import page says after an import: how many rows added, changed or left an item. */
export const ImportDoneQuery = Type.Object({
  new: Type.Optional(Type.Integer({ minimum: 0 })),
  changed: Type.Optional(Type.Integer({ minimum: 0 })),
  unchanged: Type.Optional(Type.Integer({ minimum: 0 })),
});
export const DeskQuery = Type.Object({ q: Type.Optional(Type.String({ maxLength: 100 })) });
export const CheckOutIn = Type.Object({
  accountId: Uuid,
  itemId: Uuid,
  dueOn: Type.Optional(Day),
});
export const CheckInIn = Type.Object({
  loanId: Uuid,
  accountId: Type.Optional(Uuid),
  condition: Condition,
  problem: Type.Optional(Type.String({ maxLength: 1000 })),
});

/** The spreadsheet import: a CSV file (multipart) or pasted text. */
export const ImportIn = Type.Object({
  csv: Type.Optional(Type.String({ maxLength: 1_000_000 })),
  file: Type.Optional(Type.Unknown()),
});

/** An item as members see it. */
export const ItemOut = Type.Object({
  id: Type.String(),
  name: Type.String(),
  category: Category,
  condition: Condition,
  valueBand: ValueBand,
  pickupPlace: Type.String(),
  rules: Type.String(),
  loanDays: Type.Integer(),
  place: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()], {
    description: 'The place it is kept at or picked up from, when one is named.',
  }),
  shed: Type.Boolean({ description: 'Owned by the community.' }),
  ownerId: Type.Union([Type.String(), Type.Null()]),
  ownerName: Type.Union([Type.String(), Type.Null()]),
  availableToday: Type.Boolean(),
  photos: Type.Array(Type.Object({ id: Type.String(), url: Type.String(), thumbUrl: Type.String() })),
});
/** A page of the catalog. */
export const ItemListOut = Type.Object({
  items: Type.Array(ItemOut),
  page: Type.Integer(),
  hasMore: Type.Boolean({ description: 'A next page exists.' }),
});

/** A loan; `overdue` is true while out past its due day. */
export const LoanOut = Type.Object({
  id: Type.String(),
  itemId: Type.String(),
  itemName: Type.String(),
  ownerId: Type.Union([Type.String(), Type.Null()], {
    description: 'The item’s owner; null for the shed’s.',
  }),
  ownerName: Type.Union([Type.String(), Type.Null()], {
    description: 'Who lends it; null for the shed’s (its stewards).',
  }),
  pickupPlace: Type.String({ description: 'Where to collect and bring back the item; may be empty.' }),
  borrowerId: Type.String(),
  borrowerName: Type.String(),
  status: Type.Enum(loanStatuses),
  overdue: Type.Boolean(),
  startsOn: Type.String(),
  dueOn: Type.String(),
  message: Type.String(),
  holdUntil: Type.Union([Type.String(), Type.Null()]),
  renewals: Type.Integer(),
  returnCondition: Type.Union([Condition, Type.Null()]),
  problem: Type.Union([Type.String(), Type.Null()]),
  thanks: Type.Union([Type.String(), Type.Null()]),
  requestedAt: Type.String(),
  pickedUpAt: Type.Union([Type.String(), Type.Null()]),
  returnedAt: Type.Union([Type.String(), Type.Null()]),
  actions: Type.Array(Type.Enum(loanActions), {
    description: 'The actions the caller may take now: POST `/loans/{loanId}/{action}`.',
  }),
  renewsTo: Type.Union([Type.String(), Type.Null()], {
    description: 'The due day a renewal would give, when `actions` has `renew`.',
  }),
});
/** The caller's open loans. */
export const MyLoansOut = Type.Object({
  borrowing: Type.Array(LoanOut),
  lending: Type.Array(LoanOut),
  shedRequests: Type.Array(LoanOut, { description: 'Requests for the shed’s items (stewards).' }),
});
/** What some transitions take. */
export const TransitionIn = Type.Object({
  condition: Type.Optional(Condition),
  problem: Type.Optional(Type.String({ maxLength: 1000 })),
  thanks: Type.Optional(Type.String({ maxLength: 500 })),
  note: Type.Optional(Type.String({ maxLength: 1000 })),
});
/** A loan action in the URL (`/loans/:loanId/approve`), one of the state machine's. */
export const LoanActionParams = Type.Object({
  community: Slug,
  loanId: Uuid,
  action: Type.Enum(loanActions),
});
/** The stewards' overdue call list. */
export const OverdueOut = Type.Object({
  loans: Type.Array(
    Type.Object({
      loanId: Type.String(),
      itemId: Type.String(),
      itemName: Type.String(),
      borrowerId: Type.String(),
      borrowerName: Type.String(),
      phone: Type.Union([Type.String(), Type.Null()], {
        description: 'Only where the borrower lets stewards see it.',
      }),
      email: Type.Union([Type.String(), Type.Null()]),
      dueOn: Type.String(),
      daysOverdue: Type.Integer(),
    }),
  ),
});
/** The library settings as stored (defaults until a steward saves them). */
export const SettingsOut = SettingsIn;

/** One line of an item's history. */
const EventOut = Type.Object({
  kind: Type.String(),
  loanId: Type.Union([Type.String(), Type.Null()], {
    description:
      'The loan, when the reader may open it (its borrower, the lender, a steward); otherwise null.',
  }),
  actorName: Type.Union([Type.String(), Type.Null()]),
  note: Type.String(),
  createdAt: Type.String(),
});
/** An item with its upcoming bookings, waitlist length and history. */
export const ItemDetailOut = Type.Object({
  item: ItemOut,
  bookings: Type.Array(Type.Object({ startsOn: Type.String(), dueOn: Type.String(), status: Type.String() })),
  waiting: Type.Integer({ description: 'Members on the waitlist (waiting or holding).' }),
  history: Type.Array(EventOut),
  overdueSince: Type.Union([Type.String(), Type.Null()], {
    description: 'The due day of a loan still out past it: no booking is taken until it is back.',
  }),
});
/** The caller's place in an item's waitlist. */
export const WaitlistOut = Type.Object({
  status: Type.String(),
  position: Type.Integer({ description: '1 = next in line; 0 when not waiting.' }),
});
