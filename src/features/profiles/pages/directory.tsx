/** The members directory: search, the list, and "who could teach me". */

import { languageName } from '../../../platform/i18n/languages.ts';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import type { DirectoryPage as Directory, MemberSummary, SkillMatch } from '../service.ts';

/** A list of short texts as tags. */
export function Tags({ items }: { items: string[] }) {
  return (
    <ul class="tags">
      {items.map((i) => (
        <li>{i}</li>
      ))}
    </ul>
  );
}

function MemberCard({ view, base, member }: { view: View; base: string; member: MemberSummary }) {
  const { t } = view;
  return (
    <li class="card">
      <h3>
        <a href={`${base}/members/${member.id}`}>{member.displayName}</a>
      </h3>
      <p class="muted">{t(`profiles.role.${member.role}`)}</p>
      {member.languages.length > 0 && (
        <p>
          {t('profiles.directory.speaks')}{' '}
          {member.languages.map((c) => languageName(t, c, view.locale)).join(', ')}
        </p>
      )}
      {member.skillsToShare.length > 0 && (
        <>
          <p>{t('profiles.directory.shares')}</p>
          <Tags items={member.skillsToShare} />
        </>
      )}
    </li>
  );
}

/** Matches shown per skill; the rest are a directory search away (a popular skill has dozens). */
const matchesShown = 10;

function Matches({ view, base, matches }: { view: View; base: string; matches: SkillMatch[] }) {
  const { t } = view;
  return (
    <section aria-labelledby="matches">
      <h2 id="matches">{t('profiles.directory.matches')}</h2>
      {matches.length === 0 ? (
        <p>
          {t('profiles.directory.no_learn')} <a href="/account">{t('profiles.directory.edit_profile')}</a>
        </p>
      ) : (
        <>
          <p>{t('profiles.directory.matches_intro')}</p>
          {matches.map((m) => (
            <>
              <h3>{m.skill}</h3>
              {m.exact.length + m.similar.length === 0 ? (
                <p class="muted">{t('profiles.directory.nobody_yet', { skill: m.skill })}</p>
              ) : (
                <>
                  <ul>
                    {m.exact.slice(0, matchesShown).map((x) => (
                      <li>
                        <a href={`${base}/members/${x.member.id}`}>{x.member.displayName}</a> ·{' '}
                        {t('profiles.directory.same_skill', { skill: x.skill })}
                      </li>
                    ))}
                    {m.similar.slice(0, Math.max(0, matchesShown - m.exact.length)).map((x) => (
                      <li>
                        <a href={`${base}/members/${x.member.id}`}>{x.member.displayName}</a> ·{' '}
                        {t('profiles.directory.similar_skill', { skill: x.skill })}
                      </li>
                    ))}
                  </ul>
                  {m.exact.length > 0 && (
                    <p>
                      <a href={`${base}/gatherings/workshops/new?${new URLSearchParams({ skill: m.skill })}`}>
                        {t('gatherings.workshop.propose', { skill: m.skill })}
                      </a>
                    </p>
                  )}
                  {m.exact.length + m.similar.length > matchesShown && (
                    <p>
                      <a href={`${base}/members?${new URLSearchParams({ q: m.skill, teach: '1' })}`}>
                        {t('profiles.directory.more_matches', {
                          count: m.exact.length + m.similar.length - matchesShown,
                          skill: m.skill,
                        })}
                      </a>
                    </p>
                  )}
                </>
              )}
            </>
          ))}
        </>
      )}
    </section>
  );
}

// The directory URL of the page after (before) the member `accountId`, keeping the search.
function pageLink(
  base: string,
  q: string,
  teachOnly: boolean,
  side: 'after' | 'before',
  accountId: string,
): string {
  const query = new URLSearchParams();
  if (q) query.set('q', q);
  if (teachOnly) query.set('teach', '1');
  query.set(side, accountId);
  return `${base}/members?${query}`;
}

/** The directory page of the view's community: one page of members, and "who could teach me". */
export function DirectoryPage({
  view,
  directory,
  matches,
  q,
  teachOnly,
}: {
  view: View;
  directory: Directory;
  matches: SkillMatch[];
  q: string;
  teachOnly: boolean;
}) {
  const { t } = view;
  const base = `/c/${view.community!.slug}`;
  const { members, total, previous, next } = directory;
  return (
    <Layout view={view} title={t('profiles.directory.title')}>
      <h1>{t('profiles.directory.title')}</h1>
      <form method="get" action={`${base}/members`}>
        <div class="field">
          <label for="f-q">{t('profiles.directory.search')}</label>
          <input id="f-q" name="q" type="search" value={q} data-maxlength={80} />
        </div>
        <div class="field">
          <label class="choice">
            <input type="checkbox" name="teach" value="1" checked={teachOnly} />{' '}
            {t('profiles.directory.teach_only')}
          </label>
        </div>
        <button type="submit">{t('profiles.directory.submit')}</button>
      </form>
      {q ? (
        <p role="status">
          {t('profiles.directory.results', { count: total, q })} ·{' '}
          <a href={`${base}/members`}>{t('profiles.directory.show_all')}</a>
        </p>
      ) : (
        <p class="muted">{t('profiles.directory.count', { count: total })}</p>
      )}
      {members.length === 0 ? (
        <p>{t('profiles.directory.none')}</p>
      ) : (
        <ul class="cards">
          {members.map((m) => (
            <MemberCard view={view} base={base} member={m} />
          ))}
        </ul>
      )}
      {(previous || next) && (
        <nav aria-label={t('profiles.directory.pages')} class="actions">
          {previous && (
            <a href={pageLink(base, q, teachOnly, 'before', previous)} rel="prev">
              {t('profiles.directory.previous')}
            </a>
          )}
          {next && (
            <a href={pageLink(base, q, teachOnly, 'after', next)} rel="next">
              {t('profiles.directory.next')}
            </a>
          )}
        </nav>
      )}
      <Matches view={view} base={base} matches={matches} />
    </Layout>
  );
}
