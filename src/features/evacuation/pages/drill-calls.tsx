/**
 * Paper members in a drill: the printed sheet of their personal links (with QR codes), and the
 * phone script a coordinator reads, with a form to record each answer they were given.
 */
import { formatInstant } from '../../../web/dates.ts';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import type { Call, DrillView } from '../drill-report.ts';
import type { SheetLine } from '../drills.ts';
import { base } from './common.tsx';

/** The printed sheet: one block per paper member's household or driver, the link and its QR code. */
export function SheetPage({
  view,
  drillId,
  lines,
}: {
  view: View;
  drillId: string;
  lines: (SheetLine & { qrSvg: string })[];
}) {
  const { t } = view;
  const title = t('evacuation.sheet.title');
  return (
    <Layout view={view} title={title} personal>
      <h1>{title}</h1>
      <p class="actions">
        <a href={`${base(view)}/drills/${drillId}`}>{t('evacuation.back')}</a>
      </p>
      <p class="notice warning no-print">{t('evacuation.sheet.new_links')}</p>
      {lines.length === 0 ? (
        <p>{t('evacuation.sheet.none')}</p>
      ) : (
        <ul class="cards">
          {lines.map((l) => (
            <li class="card flyer route-card">
              <h2>
                {t(`evacuation.sheet.for_${l.kind}`, { name: l.name, community: view.community?.name ?? '' })}
              </h2>
              <div
                class="qr"
                role="img"
                aria-label={t('evacuation.sheet.qr_label', { name: l.name })}
                // The SVG comes from the QR library, built from our own URL: no user markup.
                dangerouslySetInnerHTML={{ __html: l.qrSvg }}
              />
              <p>{t('evacuation.sheet.scan')}</p>
              <p class="link-text">{l.url}</p>
              <p>{t('evacuation.sheet.or_call')}</p>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

/** The phone script for one paper member, with their details read back to them. */
function Script({ view, call: c }: { view: View; call: Call }) {
  const { t } = view;
  if (c.household)
    return (
      <p class="prose">
        {t('evacuation.calls.script_household', {
          name: c.name,
          community: view.community?.name ?? '',
          address: c.household.address || t('evacuation.fields.not_said'),
          people: t('evacuation.needs.people', { count: c.household.people }),
          wheelchairs: t('evacuation.calls.wheelchairs', { count: c.household.wheelchairs }),
          pets: t('evacuation.calls.pets', { count: c.household.pets }),
          phone: c.phone || t('evacuation.fields.not_said'),
        })}
      </p>
    );
  const d = c.driver as NonNullable<Call['driver']>;
  return (
    <p class="prose">
      {t('evacuation.calls.script_driver', {
        name: c.name,
        community: view.community?.name ?? '',
        seats: t('evacuation.calls.seats', { count: d.seats }),
        wheelchairPlaces: t('evacuation.calls.wheelchair_places', { count: d.wheelchairPlaces }),
        availability: d.availability.length
          ? d.availability.map((s) => t(`evacuation.slot.${s}`)).join(', ')
          : t('evacuation.driver.no_availability'),
      })}
    </p>
  );
}

/** Whom to phone in the drill, what to read, and the form for what they said. */
export function CallsPage({ view, drill, calls }: { view: View; drill: DrillView; calls: Call[] }) {
  const { t } = view;
  const self = `${base(view)}/drills/${drill.id}`;
  const title = t('evacuation.calls.title');
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <p class="actions">
        <a href={self}>{t('evacuation.back')}</a>
      </p>
      <p class="prose">{t('evacuation.calls.intro', { deadline: formatInstant(view, drill.deadline) })}</p>
      {calls.length === 0 ? (
        <p>{t('evacuation.calls.none')}</p>
      ) : (
        <ul class="cards">
          {calls.map((c) => {
            const action = `${self}/answers/${c.answerId}`;
            return (
              <li class="card">
                <h2>
                  <bdi>{c.name}</bdi> <span class="muted">{t(`evacuation.drill.kind.${c.kind}`)}</span>
                </h2>
                <p>
                  {t('evacuation.calls.phone', { phone: c.phone || t('evacuation.fields.not_said') })} ·{' '}
                  {t(`evacuation.drill.answer.${c.status}`)}
                </p>
                <Script view={view} call={c} />
                <p>
                  <a href={action}>{t('evacuation.calls.record', { name: c.name })}</a>
                </p>
              </li>
            );
          })}
        </ul>
      )}
    </Layout>
  );
}
