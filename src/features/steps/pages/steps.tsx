/** The six steps guide: each step in order, where it stands, and the one thing to do next. */
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import type { Guide } from '../service.ts';

/** `GET /c/:community/steps`: stewards. */
export function StepsPage({ view, guide }: { view: View; guide: Guide }) {
  const { t } = view;
  const base = `/c/${view.community?.slug ?? ''}`;
  const title = t('steps.title');
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <p>{t('steps.intro')}</p>
      {guide.next === null && <p class="notice success">{t('steps.all_done')}</p>}
      <ol class="steps">
        {guide.steps.map((s) => (
          <li
            id={`step-${s.key}`}
            class={`step step-${s.state}`}
            aria-current={s.key === guide.next ? 'step' : undefined}
          >
            <h2>{t(`steps.step.${s.key}.title`)}</h2>
            <p>
              <strong>{t(`steps.state.${s.state}`)}</strong>
              {s.key === guide.next && ` · ${t('steps.next')}`}
            </p>
            <p class="hint">{t(`steps.step.${s.key}.why`)}</p>
            <p class="actions">
              <a href={`${base}${s.action.path}`}>{t(`steps.action.${s.action.key}`)}</a>
            </p>
          </li>
        ))}
      </ol>
    </Layout>
  );
}
