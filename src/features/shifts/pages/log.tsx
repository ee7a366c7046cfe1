/** A place's log of checks, as a health inspector would read it, with its CSV. */
import { ScrollRegion } from '../../../web/components/scroll.tsx';
import { formatDay } from '../../../web/dates.ts';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import type { CheckLine } from '../checks.ts';
import { base, ShiftsNav } from './common.tsx';

/** `GET /c/:community/shifts/places/:placeId/log`. */
export function LogPage({
  view,
  place,
  unit,
  lines,
}: {
  view: View;
  place: { id: string; name: string };
  unit: 'C' | 'F';
  lines: CheckLine[];
}) {
  const { t } = view;
  const title = t('shifts.log.title', { place: place.name });
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <ShiftsNav view={view} mayAdd={false} />
      <p>
        <a href={`${base(view)}/places/${place.id}/log.csv`} download>
          {t('shifts.log.csv')}
        </a>
      </p>
      {lines.length === 0 ? (
        <p class="notice">{t('shifts.log.none')}</p>
      ) : (
        <ScrollRegion label={title}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('shifts.log.when')}</th>
                <th scope="col">{t('shifts.log.reading')}</th>
                <th scope="col">{t('shifts.log.by')}</th>
                <th scope="col">{t('shifts.log.checklist')}</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((l) => (
                <tr>
                  <td>
                    {formatDay(view, l.local.slice(0, 10))} {l.local.slice(11)}
                    <br />
                    {l.shift}
                  </td>
                  <td>
                    {l.temperature === null ? (
                      '–'
                    ) : (
                      <>
                        {t(`shifts.appliance.${l.appliance}`)}:{' '}
                        {t('shifts.log.degrees', { value: l.temperature, unit })}
                        {l.unsafe && (
                          <>
                            {' '}
                            <strong>{t('shifts.log.unsafe')}</strong>
                          </>
                        )}
                      </>
                    )}
                  </td>
                  <td>{l.by}</td>
                  <td>
                    {l.checklist.length === 0
                      ? '–'
                      : l.checklist.map((c) => `${c.done ? '✓' : '✗'} ${c.item}`).join('; ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </Layout>
  );
}
