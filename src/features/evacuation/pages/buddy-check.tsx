/**
 * A buddy's drill link: the household they were asked to check on (its name and phone, nothing
 * else), and two plain forms to say whether they reached it, without signing in or JavaScript.
 */
import { ErrorSummary, type FormState } from '../../../web/components/form.tsx';
import { formatInstant } from '../../../web/dates.ts';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import type { BuddyCheckView } from '../check-in.ts';
import { Tap } from './alert-member.tsx';

/** The page; `action` is the link's own address. */
export function BuddyCheckPage({
  view,
  check: c,
  action,
  state,
}: {
  view: View;
  check: BuddyCheckView;
  action: string;
  state: FormState;
}) {
  const { t } = view;
  const title = t('evacuation.buddy_check.title', { name: c.name });
  const open = c.drill.status === 'open';
  return (
    <Layout view={view} title={title} personal>
      <h1>{title}</h1>
      <p class="prose">{t('evacuation.buddy_check.intro', { name: c.name })}</p>
      <p>
        {c.phone ? (
          <a href={`tel:${c.phone.replace(/[^+\d]/g, '')}`}>
            {t('evacuation.card.phone', { phone: c.phone })}
          </a>
        ) : (
          t('evacuation.fields.no_phone')
        )}
      </p>
      {c.answered && <p class="notice">{t('evacuation.buddy_check.answered', { name: c.name })}</p>}
      {c.found && c.foundAt && (
        <p class="notice">
          {t(`evacuation.buddy_check.found.${c.found}`, {
            name: c.name,
            when: formatInstant(view, c.foundAt),
          })}
        </p>
      )}
      {open ? (
        <>
          <ErrorSummary view={view} state={state} />
          <p>{t('evacuation.buddy_check.ask')}</p>
          <div class="actions">
            <Tap
              view={view}
              action={action}
              fields={{ found: 'reached' }}
              label={t('evacuation.buddy_check.reached')}
            />
            <Tap
              view={view}
              action={action}
              fields={{ found: 'not_reached' }}
              label={t('evacuation.buddy_check.not_reached')}
              kind="secondary"
            />
          </div>
        </>
      ) : (
        <p>{t('evacuation.buddy_check.closed')}</p>
      )}
    </Layout>
  );
}
