/** The community's milestones, with thanks; and the stewards' thresholds form. */
import { ErrorSummary, Field, Form, type FormState, PostButton } from '../../../web/components/form.tsx';
import { formatInstant } from '../../../web/dates.ts';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import { wordsOf } from '../porch.ts';
import type { MilestoneView, ThresholdView } from '../service.ts';

/** `GET /c/:community/milestones`: every milestone reached, newest first. */
export function MilestonesPage({
  view,
  milestones,
  maySetThresholds,
}: {
  view: View;
  milestones: readonly MilestoneView[];
  maySetThresholds: boolean;
}) {
  const { t } = view;
  const base = `/c/${view.community?.slug ?? ''}/milestones`;
  const title = t('milestones.page.title');
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <p class="hint">{t('milestones.page.intro')}</p>
      {maySetThresholds && (
        <p class="actions">
          <a href={`${base}/thresholds`}>{t('milestones.thresholds.link')}</a>
        </p>
      )}
      {milestones.length === 0 ? (
        <p class="notice">{t('milestones.page.none')}</p>
      ) : (
        <ul class="milestones">
          {milestones.map((m) => {
            const words = wordsOf(view, m);
            const heading = t(words.title.key, words.title.values);
            return (
              <li id={`m-${m.id}`}>
                <h2>{heading}</h2>
                <p>
                  <time dateTime={m.reachedAt}>{formatInstant(view, m.reachedAt, false)}</time>
                </p>
                <p>{t(words.thanks.key, words.thanks.values)}</p>
                {m.mine !== null && (
                  <div>
                    <p class="hint">
                      {t(m.mine ? 'milestones.page.you_named' : 'milestones.page.you_not_named')}
                    </p>
                    <PostButton
                      view={view}
                      action={`${base}/${m.id}/named`}
                      hidden={{ named: m.mine ? '0' : '1' }}
                      label={t(m.mine ? 'milestones.page.unname' : 'milestones.page.name')}
                      kind={m.mine ? 'secondary' : undefined}
                      of={heading}
                    />
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </Layout>
  );
}

/** `GET /c/:community/milestones/thresholds`: stewards. */
export function ThresholdsPage({
  view,
  thresholds,
  state,
}: {
  view: View;
  thresholds: readonly ThresholdView[];
  state: FormState;
}) {
  const { t } = view;
  const base = `/c/${view.community?.slug ?? ''}/milestones`;
  const title = t('milestones.thresholds.title');
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <p class="hint">{t('milestones.thresholds.intro')}</p>
      <ErrorSummary view={view} state={state} />
      <Form view={view} action={`${base}/thresholds`}>
        {thresholds.map((th) => (
          <Field
            state={state}
            name={th.kind}
            type="number"
            inputmode="numeric"
            label={t(`milestones.thresholds.${th.kind}`)}
            hint={t('milestones.thresholds.default', { count: th.default })}
          />
        ))}
        <div class="actions">
          <button type="submit">{t('milestones.thresholds.save')}</button>
        </div>
      </Form>
      <p>
        <a href={base}>{t('milestones.page.back')}</a>
      </p>
    </Layout>
  );
}
