import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  computeMatrices,
  estimateMatrices,
  haversineMetres,
  osrmTableUrl,
  parseOsrmTable,
} from './matrix.ts';

const a = { lat: 52.52, lng: 13.405 };
const b = { lat: 52.5163, lng: 13.3777 };

describe('the haversine estimate', () => {
  it('measures metres and applies the detour factor and speed', () => {
    const d = haversineMetres(a, b);
    expect(d).toBeGreaterThan(1850);
    expect(d).toBeLessThan(1900);
    const m = estimateMatrices([a, b]);
    expect(m.distances[0][0]).toBe(0);
    expect(m.distances[0][1]).toBe(Math.round(d * 1.3));
    expect(m.durations[0][1]).toBe(Math.round((d * 1.3) / (30 / 3.6)));
    expect(estimateMatrices([a, b], { detourFactor: 1, speedKmh: 36 }).durations[1][0]).toBe(
      Math.round(d / 10),
    );
  });
});

describe('the OSRM table client', () => {
  let url = '';
  let lastPath = '';
  const server = createServer((req, res) => {
    lastPath = req.url ?? '';
    res.setHeader('content-type', 'application/json');
    if (lastPath.includes('13.000000')) {
      res.statusCode = 400;
      res.end(JSON.stringify({ code: 'InvalidQuery', message: 'bad' }));
      return;
    }
    res.end(
      JSON.stringify({
        code: 'Ok',
        durations: [
          [0, 321.4],
          [null, 0],
        ],
        distances: [
          [0, 2500.6],
          [2400, 0],
        ],
      }),
    );
  });
  beforeAll(async () => {
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  it('builds the table URL with lng,lat pairs', () => {
    expect(osrmTableUrl('http://osrm:5000/', [a, b])).toBe(
      'http://osrm:5000/table/v1/driving/13.405000,52.520000;13.377700,52.516300?annotations=duration,distance',
    );
  });

  it('asks the service and fills unroutable pairs from the estimate', async () => {
    const m = await computeMatrices([a, b], { osrmUrl: url });
    expect(lastPath).toBe(
      '/table/v1/driving/13.405000,52.520000;13.377700,52.516300?annotations=duration,distance',
    );
    expect(m.durations[0][1]).toBe(321);
    expect(m.distances[0][1]).toBe(2501);
    expect(m.durations[1][0]).toBe(estimateMatrices([a, b]).durations[1][0]);
  });

  it('reports a service error', async () => {
    await expect(computeMatrices([{ lat: 1, lng: 13 }, b], { osrmUrl: url })).rejects.toThrow(/InvalidQuery/);
    expect(() => parseOsrmTable({ code: 'Ok', durations: [[0]] }, 2, estimateMatrices([a, b]))).toThrow(
      /2×2/,
    );
  });
});
