/**
 * A variety's page: its facts, the packets on the shelf (take some), the open pledges the viewer
 * may see, and the stories as a thread over the years, with the form to add one.
 */

import { formatNumber } from '../../../platform/i18n/index.ts';
import { photoUrl } from '../../../platform/uploads/routes.ts';
import {
  ErrorSummary,
  Field,
  Form,
  type FormState,
  PhotoField,
  Radios,
  TextArea,
  UploadForm,
} from '../../../web/components/form.tsx';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import { can } from '../policy.ts';
import { limits } from '../schema.ts';
import type { LotView, PledgeView, StoryView, VarietyView } from '../service.ts';
import { dateLabel, monthLabel, Paragraphs, seasonsLabel, seedsPath } from './common.tsx';

/**
 * The variety page; `storyForm` keeps a refused story's text and errors; `taken` is how many
 * packets the viewer just took (after the redirect), for a word of thanks.
 */
export function VarietyPage({
  view,
  variety,
  storyForm,
  taken,
}: {
  view: View;
  variety: VarietyView;
  storyForm: FormState;
  taken?: number;
}) {
  const { t, actor } = view;
  const title = `${variety.crop} · ${variety.name}`;
  return (
    <Layout view={view} title={title}>
      <p>
        <a href={seedsPath(view)}>{t('seeds.back_to_catalog')}</a>
      </p>
      <h1>{title}</h1>
      {taken !== undefined && (
        <p class="notice" role="status">
          {t('seeds.take.done', { count: taken })}
        </p>
      )}
      <dl class="facts">
        <dt>{t('seeds.fields.seasons')}</dt>
        <dd>{seasonsLabel(view, variety.seasons)}</dd>
        {variety.daysToMaturity !== null && (
          <>
            <dt>{t('seeds.fields.days_to_maturity')}</dt>
            <dd>{t('seeds.days', { count: variety.daysToMaturity })}</dd>
          </>
        )}
        <dt>{t('seeds.fields.saving_difficulty')}</dt>
        <dd>{t(`seeds.difficulty.${variety.savingDifficulty}`)}</dd>
        {variety.origin && (
          <>
            <dt>{t('seeds.fields.origin')}</dt>
            <dd>{variety.origin}</dd>
          </>
        )}
      </dl>
      {variety.description && <Paragraphs text={variety.description} />}
      {can.editVariety(actor, variety) && (
        <p class="actions">
          <a class="button secondary" href={seedsPath(view, variety.id, 'edit')}>
            {t('seeds.variety.edit')}
          </a>
        </p>
      )}

      <section aria-labelledby="packets">
        <h2 id="packets">{t('seeds.lots.title')}</h2>
        {variety.lots.length === 0 ? (
          <p class="notice">{t('seeds.lots.none')}</p>
        ) : (
          <ul class="cards">
            {variety.lots.map((lot) => (
              <LotCard view={view} varietyId={variety.id} lot={lot} />
            ))}
          </ul>
        )}
        <p class="actions">
          <a class="button secondary" href={seedsPath(view, variety.id, 'lots', 'new')}>
            {t('seeds.lots.add')}
          </a>
        </p>
      </section>

      {variety.pledges.length > 0 && <Pledges view={view} varietyId={variety.id} pledges={variety.pledges} />}

      <section aria-labelledby="stories">
        <h2 id="stories">{t('seeds.stories.title')}</h2>
        <p class="muted">{t('seeds.stories.intro')}</p>
        {variety.stories.length === 0 ? (
          <p class="notice">{t('seeds.stories.none')}</p>
        ) : (
          <ol class="cards">
            {variety.stories.map((story) => (
              <StoryItem view={view} varietyId={variety.id} story={story} />
            ))}
          </ol>
        )}
        <StoryForm view={view} varietyId={variety.id} state={storyForm} />
      </section>
    </Layout>
  );
}

function LotCard({ view, varietyId, lot }: { view: View; varietyId: string; lot: LotView }) {
  const { t } = view;
  const takePath = seedsPath(view, varietyId, 'lots', lot.id, 'take');
  return (
    <li class="card" id={`lot-${lot.id}`}>
      <h3>{t('seeds.lots.harvest', { year: lot.harvestYear })}</h3>
      <dl class="facts">
        <dt>{t('seeds.fields.packets')}</dt>
        <dd>{t('seeds.packets_available', { count: lot.packets })}</dd>
        {lot.germinationRate !== null && (
          <>
            <dt>{t('seeds.fields.germination_rate')}</dt>
            <dd>{t('seeds.percent', { value: lot.germinationRate })}</dd>
          </>
        )}
        {lot.grownByName && (
          <>
            <dt>{t('seeds.fields.grown_by')}</dt>
            <dd>{lot.grownByName}</dd>
          </>
        )}
        {lot.source === 'return' && (
          <>
            <dt>{t('seeds.fields.source')}</dt>
            <dd>{t('seeds.lots.returned')}</dd>
          </>
        )}
      </dl>
      {lot.notes && <p>{lot.notes}</p>}
      <Form view={view} action={takePath} class="inline">
        <label for={`take-${lot.id}`}>{t('seeds.take.how_many')}</label>{' '}
        <input
          id={`take-${lot.id}`}
          name="packets"
          type="number"
          inputMode="numeric"
          min={1}
          max={lot.packets}
          value="1"
          size={3}
        />{' '}
        <button type="submit">{t('seeds.take.submit')}</button>
      </Form>
      <p>
        <a href={takePath}>{t('seeds.take.with_pledge')}</a>
      </p>
    </li>
  );
}

function Pledges({ view, varietyId, pledges }: { view: View; varietyId: string; pledges: PledgeView[] }) {
  const { t, actor } = view;
  return (
    <section aria-labelledby="pledges">
      <h2 id="pledges">{t('seeds.pledge.title')}</h2>
      <ul class="cards">
        {pledges.map((p) => {
          const base = seedsPath(view, varietyId, 'pledges', p.id);
          const mine = p.accountId === actor.accountId;
          return (
            <li class="card" id={`pledge-${p.id}`}>
              <p>
                {mine
                  ? t('seeds.pledge.mine', {
                      count: p.packetsTaken,
                      month: monthLabel(view, p.expectedMonth),
                    })
                  : t('seeds.pledge.theirs', {
                      name: p.memberName ?? t('seeds.someone'),
                      count: p.packetsTaken,
                      month: monthLabel(view, p.expectedMonth),
                    })}
              </p>
              <div class="actions">
                {can.recordReturn(actor, p) && (
                  <a class="button" href={`${base}/return`}>
                    {t('seeds.pledge.record_return')}
                  </a>
                )}
                {can.closePledge(actor, p) && (
                  <>
                    <Form view={view} action={`${base}/done`} class="inline">
                      <button type="submit" class="secondary">
                        {t('seeds.pledge.mark_done')}
                      </button>
                    </Form>
                    <Form view={view} action={`${base}/cancel`} class="inline">
                      <button type="submit" class="secondary">
                        {t('seeds.pledge.cancel')}
                      </button>
                    </Form>
                  </>
                )}
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function StoryItem({ view, varietyId, story }: { view: View; varietyId: string; story: StoryView }) {
  const { t, actor } = view;
  const base = seedsPath(view, varietyId, 'stories', story.id);
  const author = story.authorName ?? t('seeds.someone');
  const asOwner = { authorId: story.authorId };
  return (
    <li id={`story-${story.id}`} class="card">
      <article>
        <h3>
          {story.memoryYear === null
            ? t('seeds.stories.undated')
            : formatNumber(view.locale, story.memoryYear)}{' '}
          · {t(`seeds.story_kind.${story.kind}`)}
        </h3>
        <p class="muted">
          {t(story.kind === 'tip' ? 'seeds.stories.tip_by' : 'seeds.stories.told_by', { name: author })} ·{' '}
          {dateLabel(view, story.createdAt)}
        </p>
        {story.hidden && <p class="notice warning">{t('seeds.stories.hidden_notice')}</p>}
        <Paragraphs text={story.body} />
        {story.photoId && view.community && (
          <p>
            <a href={photoUrl(view.community.slug, story.photoId, 'full')}>
              <img
                src={photoUrl(view.community.slug, story.photoId, 'thumb')}
                alt={t('seeds.stories.photo_alt', { name: author })}
                loading="lazy"
              />
            </a>
          </p>
        )}
        <div class="actions">
          {can.editStory(actor, asOwner) && <a href={`${base}/edit`}>{t('seeds.stories.edit')}</a>}
          {can.deleteStory(actor, asOwner) && (
            <Form view={view} action={`${base}/delete`} class="inline">
              <button type="submit" class="link">
                {t('seeds.stories.delete')}
              </button>
            </Form>
          )}
          {can.hideStory(actor) && (
            <Form view={view} action={`${base}/${story.hidden ? 'show' : 'hide'}`} class="inline">
              <button type="submit" class="link">
                {t(story.hidden ? 'seeds.stories.show' : 'seeds.stories.hide')}
              </button>
            </Form>
          )}
        </div>
      </article>
    </li>
  );
}

/** The story fields (kind, text, year), shared by the add and edit forms. */
export function StoryFields({ view, state }: { view: View; state: FormState }) {
  const { t } = view;
  return (
    <>
      <Radios
        state={state}
        name="kind"
        label={t('seeds.fields.story_kind')}
        options={[
          ['memory', t('seeds.story_kind.memory')],
          ['tip', t('seeds.story_kind.tip')],
        ]}
      />
      <TextArea
        state={state}
        name="body"
        label={t('seeds.fields.story_body')}
        hint={t('seeds.fields.story_body_hint', { max: limits.story })}
        rows={6}
        maxLength={limits.story}
        required
      />
      <Field
        state={state}
        name="memoryYear"
        type="number"
        inputmode="numeric"
        label={t('seeds.fields.memory_year')}
        hint={t('seeds.fields.memory_year_hint')}
      />
    </>
  );
}

function StoryForm({ view, varietyId, state }: { view: View; varietyId: string; state: FormState }) {
  const { t } = view;
  return (
    <section aria-labelledby="add-story">
      <h3 id="add-story">{t('seeds.stories.add')}</h3>
      <UploadForm view={view} action={seedsPath(view, varietyId, 'stories')} id="story-form">
        <ErrorSummary view={view} state={state} />
        <StoryFields view={view} state={state} />
        <PhotoField
          state={state}
          name="photo"
          label={t('seeds.fields.photo')}
          hint={t('seeds.fields.photo_hint')}
        />
        <button type="submit">{t('seeds.stories.submit')}</button>
      </UploadForm>
    </section>
  );
}
