/**
 * The lending library's JSON API under `/api/v1/communities/:community/`: JSON bodies, except
 * an item's photos (`multipart/form-data`). Active members only
 * (401 signed out, 403 otherwise); another community's item or loan is 404; a transition the
 * loan's state refuses is 409 with a `code`.
 */
import { Type } from 'typebox';
import type { App } from '../../platform/module.ts';
import { libraryPhotoApi } from './api-photos.ts';
import {
  CatalogQuery,
  CheckInIn,
  CheckOutIn,
  CommunityParams,
  ItemDetailOut,
  ItemIn,
  ItemListOut,
  ItemOut,
  ItemParams,
  LoanOut,
  LoanParams,
  LoanRequestIn,
  MyLoansOut,
  OverdueOut,
  SettingsIn,
  SettingsOut,
  TransitionIn,
  WaitlistOut,
} from './schema.ts';
import * as library from './service.ts';

const tags = ['library'];
const access = 'Active members only (403 otherwise); another community’s item or loan is 404.';

/** What the API says of each action of the state machine, beside its statuses. */
const actionDocs: Record<library.LoanAction, { summary: string; description: string }> = {
  approve: {
    summary: 'Approve a loan request',
    description:
      'The item’s owner or a steward. 409 `library.errors.item_already_lent` if the dates were booked meanwhile.',
  },
  decline: {
    summary: 'Decline a loan request',
    description: 'The item’s owner or a steward; optional `note`.',
  },
  cancel: { summary: 'Cancel a loan before pickup', description: 'The borrower.' },
  'pick-up': {
    summary: 'Mark a loan picked up',
    description: 'The item’s owner or a steward; schedules the due and overdue reminders.',
  },
  return: {
    summary: 'Mark a loan returned',
    description:
      'The item’s owner or a steward; `condition` required, `problem` optional. Offers the item to the next in the waitlist.',
  },
  thank: { summary: 'Thank for a loan', description: 'The borrower; optional `thanks`.' },
  lost: { summary: 'Declare a lent item lost', description: 'Stewards only; optional `note`.' },
  damaged: { summary: 'Declare a lent item damaged', description: 'Stewards only; optional `note`.' },
  renew: {
    summary: 'Extend a loan',
    description:
      'The borrower, the item’s owner or a steward; by the item’s loan length, only when nobody waits and the days are free (409 otherwise).',
  },
};

/** The statuses an action moves a loan between, in words, from the state machine. */
function statusesOf(action: library.LoanAction): string {
  const { from, to } = library.loanMachine[action];
  return `From ${from.map((s) => `\`${s}\``).join(' or ')} to \`${to}\`.`;
}

/** Registers the library's API routes. */
export function libraryApi(app: App): void {
  const root = '/api/v1/communities/:community';

  app.get(
    `${root}/items`,
    {
      schema: {
        tags,
        summary: 'The catalog',
        description: `Search by name, filter by category and availability today. ${access}`,
        params: CommunityParams,
        querystring: CatalogQuery,
        response: { 200: ItemListOut },
      },
    },
    async (req) => {
      return library.listCatalog(req.ctx, req.query);
    },
  );

  app.post(
    `${root}/items`,
    {
      schema: {
        tags,
        summary: 'Add an item',
        description: `Lent by the caller, or by the community (\`owner: "shed"\`, stewards). ${access}`,
        params: CommunityParams,
        body: ItemIn,
        response: { 201: ItemOut },
      },
    },
    async (req, reply) => {
      return reply.code(201).send(await library.addItem(req.ctx, req.body));
    },
  );

  app.get(
    `${root}/items/:itemId`,
    {
      schema: {
        tags,
        summary: 'An item with its bookings, waitlist length and history',
        description: access,
        params: ItemParams,
        response: { 200: ItemDetailOut },
      },
    },
    async (req) => {
      const d = await library.getItem(req.ctx, req.params.itemId);
      return {
        item: d.item,
        bookings: d.bookings,
        waiting: d.waiting,
        history: d.history,
        overdueSince: d.overdueSince,
      };
    },
  );

  app.put(
    `${root}/items/:itemId`,
    {
      schema: {
        tags,
        summary: 'Change an item',
        description: `Its owner, or a steward. ${access}`,
        params: ItemParams,
        body: ItemIn,
        response: { 200: ItemOut },
      },
    },
    async (req) => {
      return library.editItem(req.ctx, req.params.itemId, req.body);
    },
  );

  app.delete(
    `${root}/items/:itemId`,
    {
      schema: {
        tags,
        summary: 'Take an item out of the library',
        description: `Its owner, or a steward. Open requests are cancelled and the waitlist closed; the history stays. 409 \`library.errors.item_in_use\` while it is lent out or a loan is approved. ${access}`,
        params: ItemParams,
        response: { 204: Type.Null() },
      },
    },
    async (req, reply) => {
      await library.archiveItem(req.ctx, req.params.itemId);
      return reply.code(204).send(null);
    },
  );

  libraryPhotoApi(app, root, tags, access);

  app.post(
    `${root}/items/:itemId/loans`,
    {
      schema: {
        tags,
        summary: 'Ask to borrow an item',
        description: `Days inclusive, from today, at most the item’s loan length (422 otherwise); 409 when the days are booked or the caller has too many open requests. ${access}`,
        params: ItemParams,
        body: LoanRequestIn,
        response: { 201: LoanOut },
      },
    },
    async (req, reply) => {
      return reply.code(201).send(await library.requestLoan(req.ctx, req.params.itemId, req.body));
    },
  );

  app.post(
    `${root}/items/:itemId/waitlist`,
    {
      schema: {
        tags,
        summary: 'Join an item’s waitlist',
        description: `409 when the item is free (request it), when already waiting, or beyond the per-member limit. ${access}`,
        params: ItemParams,
        response: { 200: WaitlistOut },
      },
    },
    async (req) => {
      return library.joinWaitlist(req.ctx, req.params.itemId);
    },
  );

  app.delete(
    `${root}/items/:itemId/waitlist`,
    {
      schema: {
        tags,
        summary: 'Leave an item’s waitlist',
        description: `A hold passes to the next in line. ${access}`,
        params: ItemParams,
        response: { 200: WaitlistOut },
      },
    },
    async (req) => {
      return library.leaveWaitlist(req.ctx, req.params.itemId);
    },
  );

  app.get(
    `${root}/loans`,
    {
      schema: {
        tags,
        summary: 'The caller’s loans',
        description: `Open loans the caller borrows and lends; stewards also get the shed’s requests. ${access}`,
        params: CommunityParams,
        response: { 200: MyLoansOut },
      },
    },
    async (req) => {
      return library.listMyLoans(req.ctx);
    },
  );

  app.get(
    `${root}/loans/:loanId`,
    {
      schema: {
        tags,
        summary: 'A loan',
        description: `Its borrower, the item’s owner or a steward (403 otherwise). ${access}`,
        params: LoanParams,
        response: { 200: LoanOut },
      },
    },
    async (req) => {
      return library.getLoan(req.ctx, req.params.loanId);
    },
  );

  for (const action of library.loanActions) {
    const docs = actionDocs[action];
    app.post(
      `${root}/loans/:loanId/${action}`,
      {
        schema: {
          tags,
          summary: docs.summary,
          description: `${docs.description} ${statusesOf(action)} 409 \`library.errors.loan_wrong_state\` from any other status. ${access}`,
          params: LoanParams,
          body: TransitionIn,
          response: { 200: LoanOut },
        },
      },
      async (req) => {
        return library.transitionLoan(req.ctx, req.params.loanId, action, req.body ?? {});
      },
    );
  }

  app.get(
    `${root}/library/overdue`,
    {
      schema: {
        tags,
        summary: 'Loans past due (stewards)',
        description:
          'The call list: phone numbers and emails only where the borrower lets stewards see them.',
        params: CommunityParams,
        response: { 200: OverdueOut },
      },
    },
    async (req) => {
      return { loans: await library.listOverdue(req.ctx) };
    },
  );

  app.post(
    `${root}/library/check-out`,
    {
      schema: {
        tags,
        summary: 'Desk: hand an item to a member now (stewards)',
        description: 'Creates, approves and picks up a loan in one step; 409 if the item is out or booked.',
        params: CommunityParams,
        body: CheckOutIn,
        response: { 201: LoanOut },
      },
    },
    async (req, reply) => {
      return reply.code(201).send(await library.checkOut(req.ctx, req.body));
    },
  );

  app.post(
    `${root}/library/check-in`,
    {
      schema: {
        tags,
        summary: 'Desk: take an item back (stewards)',
        description: 'The `return` transition.',
        params: CommunityParams,
        body: CheckInIn,
        response: { 200: LoanOut },
      },
    },
    async (req) => {
      return library.checkIn(req.ctx, req.body);
    },
  );

  app.get(
    `${root}/library/settings`,
    {
      schema: {
        tags,
        summary: 'Library settings (stewards)',
        params: CommunityParams,
        response: { 200: SettingsOut },
      },
    },
    async (req) => {
      return library.getSettings(req.ctx);
    },
  );

  app.put(
    `${root}/library/settings`,
    {
      schema: {
        tags,
        summary: 'Change the library settings (stewards)',
        params: CommunityParams,
        body: SettingsIn,
        response: { 200: SettingsOut },
      },
    },
    async (req) => {
      return library.saveSettings(req.ctx, req.body);
    },
  );
}
