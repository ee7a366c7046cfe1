// autocannon's per-connection setup (a file, as its worker threads need): connection i asks for
// the path of BENCH_CLIENTS[i] with its session and CSRF cookies (collected by the bench), and
// accepts compressed pages as browsers do.
const clients = JSON.parse(process.env.BENCH_CLIENTS || '[]');
let next = 0;
module.exports = function setupClient(client) {
  if (clients.length === 0) return;
  const { cookie, path } = clients[next++ % clients.length];
  client.setRequests([{ method: 'GET', path, headers: { cookie, 'accept-encoding': 'gzip, deflate, br' } }]);
};
