/** Pages for loans: requesting, each transition, the member's loans, and the waitlist. */
import { h } from 'preact';
import { sendPage } from '../../platform/http/render.ts';
import type { App } from '../../platform/module.ts';
import { emptyForm, refusedForm } from '../../web/components/form.tsx';
import { viewOf } from '../../web/view.ts';
import { promptFor } from '../feedback/service.ts';
import { ItemPage } from './pages/item.tsx';
import { LoanPage, MyLoansPage } from './pages/loan.tsx';
import {
  CommunityParams,
  ItemParams,
  LoanActionParams,
  LoanParams,
  LoanRequestIn,
  TransitionIn,
} from './schema.ts';
import * as library from './service.ts';

/** Registers the loan pages. */
export function loanRoutes(app: App): void {
  const hide = true;
  const path = (slug: string, rest: string) => `/c/${slug}/library${rest}`;

  app.post(
    '/c/:community/library/items/:itemId/loans',
    {
      schema: { hide, params: ItemParams, body: LoanRequestIn },
      config: {
        form: async (req, reply, errors) =>
          h(ItemPage, {
            view: viewOf(req, reply),
            detail: await library.getItem(req.ctx, (req.params as { itemId: string }).itemId),
            state: refusedForm(req.body, errors),
          }),
      },
    },
    async (req, reply) => {
      const loan = await library.requestLoan(req.ctx, req.params.itemId, req.body);
      return reply.redirect(path(req.params.community, `/loans/${loan.id}`), 303);
    },
  );

  app.get(
    '/c/:community/library/loans',
    { schema: { hide, params: CommunityParams } },
    async (req, reply) => {
      const loans = await library.listMyLoans(req.ctx);
      return sendPage(reply, h(MyLoansPage, { view: viewOf(req, reply), loans }));
    },
  );

  app.get(
    '/c/:community/library/loans/:loanId',
    { schema: { hide, params: LoanParams } },
    async (req, reply) => {
      const loan = await library.getLoan(req.ctx, req.params.loanId);
      const feedback = await promptFor(req.ctx, 'loan', loan.id);
      return sendPage(reply, h(LoanPage, { view: viewOf(req, reply), loan, state: emptyForm(), feedback }));
    },
  );

  app.post(
    '/c/:community/library/loans/:loanId/:action',
    {
      schema: { hide, params: LoanActionParams, body: TransitionIn },
      config: {
        // A refused transition (409) or a missing field (422) shows the loan again with the reason.
        form: async (req, reply, errors) =>
          h(LoanPage, {
            view: viewOf(req, reply),
            loan: await library.getLoan(req.ctx, (req.params as { loanId: string }).loanId),
            state: refusedForm(req.body, errors),
          }),
      },
    },
    async (req, reply) => {
      await library.transitionLoan(req.ctx, req.params.loanId, req.params.action, req.body ?? {});
      return reply.redirect(path(req.params.community, `/loans/${req.params.loanId}`), 303);
    },
  );

  const itemPageWith = async (req: any, reply: any, errors: any[]) =>
    h(ItemPage, {
      view: viewOf(req, reply),
      detail: await library.getItem(req.ctx, req.params.itemId),
      state: refusedForm({}, errors),
    });

  app.post(
    '/c/:community/library/items/:itemId/waitlist',
    { schema: { hide, params: ItemParams }, config: { form: itemPageWith } },
    async (req, reply) => {
      await library.joinWaitlist(req.ctx, req.params.itemId);
      return reply.redirect(path(req.params.community, `/items/${req.params.itemId}`), 303);
    },
  );

  app.post(
    '/c/:community/library/items/:itemId/waitlist/leave',
    { schema: { hide, params: ItemParams }, config: { form: itemPageWith } },
    async (req, reply) => {
      await library.leaveWaitlist(req.ctx, req.params.itemId);
      return reply.redirect(path(req.params.community, `/items/${req.params.itemId}`), 303);
    },
  );
}
