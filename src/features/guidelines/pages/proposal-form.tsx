/** Making a proposal, and revising one. */
import {
  ErrorSummary,
  Field,
  Form,
  type FormState,
  Radios,
  TextArea,
} from '../../../web/components/form.tsx';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import { changes, maxGuidelines } from '../schema.ts';
import { GuidelinesNav, proposalsBase } from './common.tsx';

/**
 * `GET /c/:community/proposals/new` and `…/:proposalId/revise`: the proposal's fields; `revising`
 * names the proposal revised and whether it closed (blocked, or passed after the guidelines moved:
 * `stale`; a new deadline then reopens it).
 */
export function ProposalFormPage({
  view,
  state,
  revising,
}: {
  view: View;
  state: FormState;
  revising?: { id: string; blocked: boolean; stale?: boolean };
}) {
  const { t } = view;
  const title = revising ? t('guidelines.proposals.revise') : t('guidelines.proposals.new');
  const action = revising ? `${proposalsBase(view)}/${revising.id}/revise` : proposalsBase(view);
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <GuidelinesNav view={view} mayPropose={false} />
      <p class="hint">{t('guidelines.rules')}</p>
      {revising && (
        <p class="notice">
          {revising.stale
            ? t('guidelines.proposals.stale_hint')
            : revising.blocked
              ? t('guidelines.proposals.reopen_hint')
              : t('guidelines.proposals.revise_hint')}
        </p>
      )}
      <Form view={view} action={action}>
        <ErrorSummary view={view} state={state} />
        <Field state={state} name="title" label={t('guidelines.fields.title')} required maxLength={120} />
        <TextArea state={state} name="body" label={t('guidelines.fields.body')} rows={5} maxLength={8000} />
        <TextArea
          state={state}
          name="rationale"
          label={t('guidelines.fields.rationale')}
          rows={4}
          maxLength={4000}
        />
        <Radios
          state={state}
          name="change"
          label={t('guidelines.fields.change')}
          options={changes.map((c) => [c, t(`guidelines.change.${c}`)])}
        />
        <TextArea
          state={state}
          name="guidelineText"
          label={t('guidelines.fields.guideline_text')}
          hint={t('guidelines.fields.guideline_text_hint')}
          rows={10}
          maxLength={maxGuidelines}
        />
        <Field
          state={state}
          name="deadline"
          type="datetime-local"
          label={t('guidelines.fields.deadline')}
          hint={t('guidelines.fields.deadline_hint')}
          required={!revising}
        />
        <button type="submit">
          {revising ? t('guidelines.proposals.save_revision') : t('guidelines.proposals.submit')}
        </button>
      </Form>
    </Layout>
  );
}
