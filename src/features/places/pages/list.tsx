/** The community's places: a list that works without tiles and without JavaScript. */

import { MapBlock, type MapSettings } from '../../../web/components/map.tsx';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import type { PlaceView } from '../service.ts';
import { base } from './common.tsx';

/**
 * Every live place by name, with its kind and stock level; stewards may add one. The map above
 * the list is the map script's (without it, or without tiles, the list is the page).
 */
export function PlacesPage({ view, places, map }: { view: View; places: PlaceView[]; map: MapSettings }) {
  const { t } = view;
  const b = base(view);
  return (
    <Layout view={view} title={t('places.list.title')}>
      <h1>{t('places.list.title')}</h1>
      {view.isSteward && (
        <p class="actions">
          <a href={`${b}/new`}>{t('places.list.add')}</a>
        </p>
      )}
      <MapBlock
        view={view}
        settings={map}
        id="places-map"
        label={t('places.map.label')}
        places={places.flatMap((p) =>
          p.latitude !== null && p.longitude !== null
            ? [
                {
                  name: p.name,
                  url: `${b}/${p.id}`,
                  lat: p.latitude,
                  lon: p.longitude,
                  kind: t(`places.kind.${p.kind}`),
                },
              ]
            : [],
        )}
      />
      {places.length === 0 ? (
        <p>{t('places.list.none')}</p>
      ) : (
        <ul class="cards">
          {places.map((p) => (
            <li class="card">
              <h2>
                <a href={`${b}/${p.id}`}>{p.name}</a>
              </h2>
              <ul class="tags">
                <li>{t(`places.kind.${p.kind}`)}</li>
                {p.stockLevel && (
                  <li>{t('places.list.stock', { level: t(`places.stock.${p.stockLevel}`) })}</li>
                )}
              </ul>
              {p.address && <p>{p.address}</p>}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
