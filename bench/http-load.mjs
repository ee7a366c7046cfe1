// The load generator of bench:http, in a process of its own (so the server's process CPU time is
// the server's alone): runs autocannon with the options given as JSON in argv[2] — url,
// connections, duration (s) and clients ([{ cookie, path }], connection i asks for clients[i]'s
// path with its cookies, accepting compressed pages as browsers do) — and prints the result's
// figures as JSON.
import autocannon from 'autocannon';

const { url, connections, duration, clients } = JSON.parse(process.argv[2]);
let next = 0;
const result = await autocannon({
  url,
  connections,
  duration,
  setupClient(client) {
    const { cookie, path } = clients[next++ % clients.length];
    client.setRequests([
      { method: 'GET', path, headers: { cookie, 'accept-encoding': 'gzip, deflate, br' } },
    ]);
  },
});
process.stdout.write(
  JSON.stringify({
    p50: result.latency.p50,
    p99: result.latency.p99,
    rps: Math.round(result.requests.average),
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
  }),
);
