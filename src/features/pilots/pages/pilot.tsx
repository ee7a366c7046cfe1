/**
 * A pilot: the need it answers, its hypothesis and measure, its days, team and what it uses; for
 * its team and stewards, changing it, launching a draft, the halfway note and the retrospective.
 */
import {
  ErrorSummary,
  Form,
  type FormState,
  PostButton,
  Radios,
  TextArea,
} from '../../../web/components/form.tsx';
import { formatDay, formatInstant } from '../../../web/dates.ts';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import type { Named, PilotView } from '../service.ts';
import { base, PilotsNav, statusLine } from './common.tsx';

function Names({ view, list, path }: { view: View; list: Named[]; path?: (id: string) => string }) {
  if (list.length === 0) return <>{view.t('pilots.pilot.none')}</>;
  return (
    <ul>
      {list.map((n) => (
        <li>{path ? <a href={path(n.id)}>{n.name}</a> : <bdi>{n.name}</bdi>}</li>
      ))}
    </ul>
  );
}

/** `GET /c/:community/pilots/:pilotId`. */
export function PilotPage({
  view,
  pilot: p,
  mayRun,
  mayStart,
  halfwayState,
  retroState,
}: {
  view: View;
  pilot: PilotView;
  mayRun: boolean;
  mayStart: boolean;
  halfwayState: FormState;
  retroState: FormState;
}) {
  const { t } = view;
  const slug = view.community?.slug;
  const path = `${base(view)}/${p.id}`;
  return (
    <Layout view={view} title={p.title}>
      <h1>{p.title}</h1>
      <PilotsNav view={view} mayStart={mayStart} />
      <p>{statusLine(view, p)}</p>
      <dl>
        <dt>{t('pilots.fields.need')}</dt>
        <dd class="prose">{p.need}</dd>
        {p.surveyId && (
          <>
            <dt>{t('pilots.pilot.from_survey')}</dt>
            <dd>
              <a href={`/c/${slug}/surveys/${p.surveyId}`}>{t('pilots.pilot.survey_link')}</a>
              {p.needCount !== null &&
                p.offerCount !== null &&
                ` — ${t('pilots.pilot.counts', { count: p.needCount, offers: p.offerCount })}`}
            </dd>
          </>
        )}
        <dt>{t('pilots.fields.hypothesis')}</dt>
        <dd class="prose">{p.hypothesis}</dd>
        <dt>{t('pilots.fields.measure')}</dt>
        <dd class="prose">{p.measure}</dd>
        <dt>{t('pilots.pilot.halfway_on')}</dt>
        <dd>{formatDay(view, p.halfwayOn)}</dd>
        <dt>{t('pilots.fields.team')}</dt>
        <dd>
          <Names view={view} list={p.team} />
        </dd>
        <dt>{t('pilots.fields.shifts')}</dt>
        <dd>
          <Names view={view} list={p.shiftSeries} />
        </dd>
        <dt>{t('pilots.fields.gatherings')}</dt>
        <dd>
          <Names view={view} list={p.gatherings} />
        </dd>
        <dt>{t('pilots.fields.items')}</dt>
        <dd>
          <Names view={view} list={p.items} path={(id) => `/c/${slug}/library/items/${id}`} />
        </dd>
      </dl>
      {mayRun && p.status !== 'finished' && (
        <p class="actions">
          <a href={`${path}/edit`}>{t('pilots.pilot.edit')}</a>
          {p.status === 'draft' && (
            <PostButton view={view} action={`${path}/launch`} label={t('pilots.pilot.launch')} />
          )}
        </p>
      )}
      {p.status === 'draft' && <p class="notice">{t('pilots.pilot.draft_hint')}</p>}
      <section aria-labelledby="halfway" id="halfway-section">
        <h2 id="halfway">{t('pilots.halfway.title')}</h2>
        {p.halfway ? (
          <>
            <p class="prose">{p.halfway.note}</p>
            <p class="muted">
              {p.halfway.by
                ? t('pilots.halfway.by', { name: p.halfway.by, when: formatInstant(view, p.halfway.at) })
                : formatInstant(view, p.halfway.at)}
            </p>
          </>
        ) : (
          <p>{t('pilots.halfway.none')}</p>
        )}
        {mayRun && p.status === 'running' && (
          <Form view={view} action={`${path}/halfway`} id="halfway-form">
            <ErrorSummary view={view} state={halfwayState} />
            <TextArea
              state={halfwayState}
              name="note"
              label={t('pilots.halfway.note')}
              hint={t('pilots.halfway.hint')}
              required
              maxLength={2000}
            />
            <button type="submit">{t('pilots.halfway.submit')}</button>
          </Form>
        )}
      </section>
      <section aria-labelledby="retrospective">
        <h2 id="retrospective">{t('pilots.retro.title')}</h2>
        {p.retrospective ? (
          <dl>
            <dt>{t('pilots.retro.worked')}</dt>
            <dd class="prose">{p.retrospective.worked}</dd>
            <dt>{t('pilots.retro.did_not_work')}</dt>
            <dd class="prose">{p.retrospective.didNotWork}</dd>
            <dt>{t('pilots.retro.decision')}</dt>
            <dd>{t(`pilots.decision.${p.retrospective.decision}`)}</dd>
          </dl>
        ) : (
          <p>{t('pilots.retro.none')}</p>
        )}
        {mayRun && p.status === 'running' && (
          <Form view={view} action={`${path}/retrospective`} id="retro-form">
            <ErrorSummary view={view} state={retroState} />
            <TextArea
              state={retroState}
              name="worked"
              label={t('pilots.retro.worked')}
              required
              maxLength={2000}
            />
            <TextArea
              state={retroState}
              name="didNotWork"
              label={t('pilots.retro.did_not_work')}
              required
              maxLength={2000}
            />
            <Radios
              state={retroState}
              name="decision"
              label={t('pilots.retro.decision')}
              options={(['continue', 'adapt', 'stop'] as const).map((d) => [d, t(`pilots.decision.${d}`)])}
            />
            <button type="submit">{t('pilots.retro.submit')}</button>
          </Form>
        )}
      </section>
    </Layout>
  );
}
