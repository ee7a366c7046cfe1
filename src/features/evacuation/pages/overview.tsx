/** The ride network's page for every member: what it is, their own registrations, and their role's links. */
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import type { MyDay } from '../board.ts';
import type { Overview } from '../service.ts';
import { MyDaySection } from './alert-member.tsx';
import { base } from './common.tsx';

/** The overview: register a household or as a driver (consent first), see one's route, coordinate, read the log. */
export function OverviewPage({ view, overview, day }: { view: View; overview: Overview; day: MyDay | null }) {
  const { t } = view;
  const b = base(view);
  return (
    <Layout view={view} title={t('evacuation.title')}>
      <h1>{t('evacuation.title')}</h1>
      {day && <MyDaySection view={view} day={day} />}
      <p class="prose">{t('evacuation.overview.intro')}</p>
      <h2>{t('evacuation.overview.household')}</h2>
      {overview.household ? (
        <p>
          {t('evacuation.overview.household_registered')}{' '}
          <a href={`${b}/household`}>{t('evacuation.overview.see_household')}</a>
        </p>
      ) : (
        <>
          <p>{t('evacuation.overview.household_why')}</p>
          <p class="actions">
            <a href={`${b}/household/edit`}>{t('evacuation.overview.register_household')}</a>
          </p>
        </>
      )}
      <h2>{t('evacuation.overview.driver')}</h2>
      {overview.driver ? (
        <p>
          {t('evacuation.overview.driver_registered')}{' '}
          <a href={`${b}/driver`}>{t('evacuation.overview.see_driver')}</a>
        </p>
      ) : (
        <>
          <p>{t('evacuation.overview.driver_why')}</p>
          <p class="actions">
            <a href={`${b}/driver/edit`}>{t('evacuation.overview.register_driver')}</a>
          </p>
        </>
      )}
      {(overview.household || overview.driver) && (
        <p>
          <a href={`${b}/reads`}>{t('evacuation.reads.link')}</a>
        </p>
      )}
      <p>
        <a href={`${b}/buddy`}>{t('evacuation.buddy.link')}</a>
      </p>
      {overview.hasRoute && (
        <p class="actions">
          <a href={`${b}/route`}>{t('evacuation.overview.my_route')}</a>
        </p>
      )}
      {overview.mayCoordinate && (
        <>
          <h2>{t('evacuation.overview.coordinate')}</h2>
          <ul>
            <li>
              <a href={`${b}/households`}>{t('evacuation.households.title')}</a>
            </li>
            <li>
              <a href={`${b}/drivers`}>{t('evacuation.drivers.title')}</a>
            </li>
            <li>
              <a href={`${b}/shelters`}>{t('evacuation.shelters.title')}</a>
            </li>
            <li>
              <a href={`${b}/plan`}>{t('evacuation.plan.title')}</a>
            </li>
            <li>
              <a href={`${b}/contacts`}>{t('evacuation.contacts.title')}</a>
            </li>
            <li>
              <a href={`${b}/drills`}>{t('evacuation.drill.title')}</a>
            </li>
            <li>
              <a href={`${b}/alert`}>{t(day ? 'evacuation.board.title' : 'evacuation.alert.title')}</a>
            </li>
          </ul>
          <p class="muted">{t('evacuation.overview.logged')}</p>
        </>
      )}
      {overview.mayReadLog && (
        <>
          <h2>{t('evacuation.overview.oversight')}</h2>
          <p>{t('evacuation.overview.steward_note')}</p>
          <p class="actions">
            <a href={`${b}/log`}>{t('evacuation.log.title')}</a>
          </p>
        </>
      )}
    </Layout>
  );
}
