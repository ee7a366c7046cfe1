/** What the guidelines' and proposals' pages share: their paths, their menu, a difference between texts. */
import type { View } from '../../../web/view.ts';
import type { DiffPart } from '../service.ts';

/** `/c/:slug/guidelines`. */
export const guidelinesBase = (view: View) => `/c/${view.community?.slug}/guidelines`;
/** `/c/:slug/proposals`. */
export const proposalsBase = (view: View) => `/c/${view.community?.slug}/proposals`;

/** The menu: the guidelines, the proposals, and making one. */
export function GuidelinesNav({ view, mayPropose }: { view: View; mayPropose: boolean }) {
  const { t } = view;
  return (
    <nav aria-label={t('guidelines.nav.label')} class="actions">
      <a href={guidelinesBase(view)}>{t('guidelines.nav.guidelines')}</a>
      <a href={proposalsBase(view)}>{t('guidelines.nav.proposals')}</a>
      {mayPropose && <a href={`${proposalsBase(view)}/new`}>{t('guidelines.nav.propose')}</a>}
    </nav>
  );
}

/** A text as written, its paragraphs and line breaks kept. */
export function Prose({ text }: { text: string }) {
  return (
    <div class="prose guidelines-text">
      {text.split(/\n{2,}/).map((para) => (
        <p>
          {para.split('\n').map((line, i) => (
            <>
              {i > 0 && <br />}
              {line}
            </>
          ))}
        </p>
      ))}
    </div>
  );
}

/**
 * A difference between two texts: added words in `<ins>`, removed ones in `<del>` (underlined
 * and struck through, not told by colour alone), each also said in words for screen readers
 * ("[added: …]"), with a legend above.
 */
export function Difference({ view, parts }: { view: View; parts: readonly DiffPart[] }) {
  const { t } = view;
  if (parts.every((p) => p.kind === 'same')) return <p>{t('guidelines.diff.same')}</p>;
  const hidden = (text: string) => <span class="visually-hidden">{text}</span>;
  return (
    <>
      <p class="hint">{t('guidelines.diff.legend')}</p>
      <div class="diff">
        {parts.map((p) =>
          p.kind === 'same' ? (
            p.text
          ) : p.kind === 'added' ? (
            <ins>
              {hidden(`${t('guidelines.diff.added_start')} `)}
              {p.text}
              {hidden(t('guidelines.diff.end'))}
            </ins>
          ) : (
            <del>
              {hidden(`${t('guidelines.diff.removed_start')} `)}
              {p.text}
              {hidden(t('guidelines.diff.end'))}
            </del>
          ),
        )}
      </div>
    </>
  );
}
