// Places' map and the pin on a place's form: progressive enhancement only. Without this script
// the list of places and the latitude and longitude fields do everything; with it, the list gets
// a map above it and the form a map to drop the pin on. Tiles come from the configured tile
// server; markers, controls and styles from our own assets.
import L from 'leaflet';

/** A place on the map, as the list page gives it (`data-places`). */
interface MapPlace {
  name: string;
  url: string;
  lat: number;
  lon: number;
  kind: string;
}

/** A map in `el`, with the tiles and attribution its data attributes name. */
function mapIn(el: HTMLElement): L.Map {
  L.Icon.Default.imagePath = el.dataset.images;
  const map = L.map(el, { scrollWheelZoom: false });
  L.tileLayer(el.dataset.tiles ?? '', { attribution: el.dataset.attribution, maxZoom: 19 }).addTo(map);
  el.hidden = false;
  return map;
}

function placesMap(el: HTMLElement): void {
  const places = JSON.parse(el.dataset.places ?? '[]') as MapPlace[];
  const map = mapIn(el);
  const points: L.LatLngExpression[] = [];
  for (const p of places) {
    // Text only: a place's name is never read as HTML.
    const link = document.createElement('a');
    link.href = p.url;
    link.textContent = p.name;
    const popup = document.createElement('p');
    popup.append(link, document.createElement('br'), p.kind);
    L.marker([p.lat, p.lon], { title: p.name, alt: p.name }).bindPopup(popup).addTo(map);
    points.push([p.lat, p.lon]);
  }
  // A plan's routes: each a line from the driver's home through the stops to the shelter.
  for (const line of JSON.parse(el.dataset.lines ?? '[]') as [number, number][][]) {
    L.polyline(line, { weight: 4, opacity: 0.7 }).addTo(map);
    points.push(...line);
  }
  if (points.length > 0) map.fitBounds(L.latLngBounds(points), { padding: [30, 30], maxZoom: 17 });
  else map.setView([Number(el.dataset.lat ?? 0), Number(el.dataset.lon ?? 0)], el.dataset.lat ? 15 : 2);
}

function pinMap(el: HTMLElement): void {
  const form = el.closest('form') ?? document;
  const lat = form.querySelector<HTMLInputElement>('input[name="latitude"]');
  const lon = form.querySelector<HTMLInputElement>('input[name="longitude"]');
  if (!lat || !lon) return;
  const map = mapIn(el);
  const given =
    lat.value !== '' &&
    lon.value !== '' &&
    !Number.isNaN(Number(lat.value)) &&
    !Number.isNaN(Number(lon.value));
  const start: L.LatLngTuple = given
    ? [Number(lat.value), Number(lon.value)]
    : [Number(el.dataset.lat ?? 0), Number(el.dataset.lon ?? 0)];
  map.setView(start, given ? 17 : el.dataset.lat ? 15 : 2);
  let marker: L.Marker | undefined;
  const place = (at: L.LatLng) => {
    // Six decimals: about 10 cm, more than a pin dropped by a finger can mean.
    lat.value = at.lat.toFixed(6);
    lon.value = L.Util.wrapNum(at.lng, [-180, 180], true).toFixed(6);
    if (!marker) {
      marker = L.marker(at, { draggable: true, alt: el.dataset.pinLabel ?? '' }).addTo(map);
      marker.on('dragend', () => place(marker!.getLatLng()));
    } else marker.setLatLng(at);
  };
  if (given) place(L.latLng(start[0], start[1]));
  map.on('click', (event: L.LeafletMouseEvent) => place(event.latlng));
}

const list = document.getElementById('places-map');
if (list) placesMap(list);
const pin = document.getElementById('pin-map');
if (pin) pinMap(pin);
