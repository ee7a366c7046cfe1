/**
 * A map block for the pages that show one (places, the evacuation plan) or take a pin (forms with
 * a point): Leaflet from our own assets, tiles from the configured server.
 */
import type { View } from '../view.ts';

/** The tile server and its attribution (settings `MAP_TILE_URL`, `MAP_ATTRIBUTION`). */
export interface MapSettings {
  tiles: string;
  attribution: string;
}

/**
 * A map, hidden until the map script shows it (so without JavaScript nothing is missing): the
 * places' map (`places` given, and `lines` between points: a plan's routes) or a form's pin map. Its stylesheet and script are here, in the
 * page's body, so a page swapped in by a boosted link loads them too.
 */
export function MapBlock(props: {
  view: View;
  settings: MapSettings;
  id: 'places-map' | 'pin-map';
  label: string;
  places?: { name: string; url: string; lat: number; lon: number; kind: string }[];
  /** Lines to draw, each a list of [latitude, longitude] points (a route, in order). */
  lines?: [number, number][][];
  /** The accessible name of a form's pin (default: the place's point). */
  pinLabel?: string;
}) {
  const { view, settings } = props;
  const community = view.community;
  return (
    <>
      <link rel="stylesheet" href={view.assets.mapStyle} />
      <section
        id={props.id}
        class="map"
        aria-label={props.label}
        hidden
        data-tiles={settings.tiles}
        data-attribution={settings.attribution}
        data-images={view.assets.mapStyle.replace(/leaflet\.css$/, 'images/')}
        data-lat={community?.areaLat ?? undefined}
        data-lon={community?.areaLng ?? undefined}
        data-pin-label={props.pinLabel ?? view.t('places.map.pin')}
        data-places={props.places ? JSON.stringify(props.places) : undefined}
        data-lines={props.lines ? JSON.stringify(props.lines) : undefined}
      />
      <script src={view.assets.map} defer />
    </>
  );
}
