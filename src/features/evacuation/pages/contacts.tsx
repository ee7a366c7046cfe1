/** The contact lists and the phone tree (coordinators): print, or download as CSV or vCard. */

import { KeepOffline } from '../../../web/components/keep-offline.tsx';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import type { ContactHousehold, Contacts } from '../service.ts';
import { base } from './common.tsx';

function Line({ view, h }: { view: View; h: ContactHousehold }) {
  const { t } = view;
  return (
    <li>
      <strong>{h.name}</strong> · {h.phone || t('evacuation.fields.not_said')}
      {h.language && ` · ${t('evacuation.needs.language', { language: h.language })}`}
      <br />
      {h.address || t('evacuation.fields.no_address')}
    </li>
  );
}

/** The phone tree first (who calls whom), then every household's contacts. */
export function ContactsPage({ view, contacts: c }: { view: View; contacts: Contacts }) {
  const { t } = view;
  const b = base(view);
  const title = t('evacuation.contacts.title');
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <p class="actions">
        <a href={b}>{t('evacuation.back')}</a>
        <a href={`${b}/export/contacts.csv`} download>
          {t('evacuation.contacts.csv')}
        </a>
        <a href={`${b}/export/contacts.vcf`} download>
          {t('evacuation.contacts.vcard')}
        </a>
      </p>
      <p class="muted">{t('evacuation.contacts.logged')}</p>
      <KeepOffline view={view} />
      <h2>{t('evacuation.contacts.tree')}</h2>
      <p>{t('evacuation.contacts.coordinators_call', { names: c.coordinators.join(', ') })}</p>
      {c.drivers.map((d) => (
        <section class="card" aria-labelledby={`d-${d.id}`}>
          <h3 id={`d-${d.id}`}>
            {t('evacuation.contacts.driver', {
              name: d.name,
              phone: d.phone || t('evacuation.fields.not_said'),
            })}
          </h3>
          {d.households.length === 0 ? (
            <p>{t('evacuation.contacts.no_route')}</p>
          ) : (
            <>
              <p>{t('evacuation.contacts.driver_calls')}</p>
              <ul>
                {d.households.map((h) => (
                  <Line view={view} h={h} />
                ))}
              </ul>
            </>
          )}
        </section>
      ))}
      <p>
        <strong>{t('evacuation.contacts.buddies')}</strong>
      </p>
      {c.buddies.length === 0 ? (
        <p>{t('evacuation.contacts.no_buddies')}</p>
      ) : (
        c.buddies.map((bd) => (
          <>
            <p>{t('evacuation.contacts.buddy_calls', { name: bd.name })}</p>
            <ul>
              {bd.households.map((h) => (
                <Line view={view} h={h} />
              ))}
            </ul>
          </>
        ))
      )}
      <p>
        <strong>{t('evacuation.contacts.coordinators_calls')}</strong>
      </p>
      {c.callByCoordinator.length === 0 ? (
        <p>{t('evacuation.contacts.everyone_called')}</p>
      ) : (
        <ul>
          {c.callByCoordinator.map((h) => (
            <Line view={view} h={h} />
          ))}
        </ul>
      )}
    </Layout>
  );
}
