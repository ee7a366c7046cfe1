/** The new-post and edit forms. Dates are typed in the community's time zone. */
import {
  Checkbox,
  ErrorSummary,
  Field,
  Form,
  type FormState,
  Radios,
  Select,
  TextArea,
} from '../../../web/components/form.tsx';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import { categories, kinds, limits } from '../schema.ts';
import type { Person } from '../service.ts';
import { base } from './parts.tsx';

/** The fields both forms share: what, where, when, until when. */
function CommonFields({ view, state }: { view: View; state: FormState }) {
  const { t } = view;
  return (
    <>
      <Field
        state={state}
        name="title"
        label={t('posts.fields.title')}
        hint={t('posts.hints.title')}
        maxLength={limits.title}
        required
      />
      <TextArea
        state={state}
        name="details"
        label={t('posts.fields.details')}
        hint={t('posts.hints.details', { limit: limits.details })}
        maxLength={limits.details}
      />
      <Select
        state={state}
        name="category"
        label={t('posts.fields.category')}
        options={categories.map((c) => [c, t(`posts.categories.${c}`)])}
        required
      />
      <Field
        state={state}
        name="place"
        label={t('posts.fields.place')}
        hint={t('posts.hints.place')}
        maxLength={limits.place}
      />
      <Checkbox
        state={state}
        name="useMyLocation"
        label={t('posts.fields.use_location')}
        hint={t('posts.hints.use_location')}
      />
      <Field
        state={state}
        name="whenAt"
        type="datetime-local"
        label={t('posts.fields.when_at')}
        hint={t('posts.hints.when_at')}
      />
      <Field
        state={state}
        name="whenText"
        label={t('posts.fields.when_text')}
        hint={t('posts.hints.when_text')}
        maxLength={limits.whenText}
      />
      <Field
        state={state}
        name="openUntil"
        type="date"
        label={t('posts.fields.open_until')}
        hint={t('posts.hints.open_until', { days: limits.maxOpenDays })}
      />
    </>
  );
}

/** "Offer or ask": a new post, for yourself or for a neighbor. */
export function NewPostPage({ view, state, members }: { view: View; state: FormState; members: Person[] }) {
  const { t } = view;
  const others = members.filter((m) => m.id !== view.account?.id);
  return (
    <Layout view={view} title={t('posts.new.title')}>
      <h1>{t('posts.new.title')}</h1>
      <Form view={view} action={`${base(view)}/board/new`}>
        <ErrorSummary view={view} state={state} />
        <Radios
          state={state}
          name="kind"
          label={t('posts.fields.kind')}
          options={kinds.map((k) => [k, t(`posts.kinds_long.${k}`)])}
        />
        <CommonFields view={view} state={state} />
        <Checkbox
          state={state}
          name="urgent"
          label={t('posts.fields.urgent')}
          hint={t('posts.hints.urgent')}
        />
        {others.length > 0 && (
          <Select
            state={state}
            name="forAccountId"
            label={t('posts.fields.for')}
            hint={t('posts.hints.for')}
            options={[
              ['', t('posts.new.for_me')],
              ...others.map((m): [string, string] => [m.id, m.displayName]),
            ]}
          />
        )}
        <button type="submit">{t('posts.new.submit')}</button>
      </Form>
    </Layout>
  );
}

/** Editing a live post. */
export function EditPostPage({ view, state, postId }: { view: View; state: FormState; postId: string }) {
  const { t } = view;
  return (
    <Layout view={view} title={t('posts.edit.title')}>
      <h1>{t('posts.edit.title')}</h1>
      <Form view={view} action={`${base(view)}/posts/${postId}/edit`}>
        <ErrorSummary view={view} state={state} />
        <CommonFields view={view} state={state} />
        <button type="submit">{t('posts.edit.submit')}</button>
      </Form>
      <p>
        <a href={`${base(view)}/posts/${postId}`}>{t('posts.edit.cancel')}</a>
      </p>
    </Layout>
  );
}
