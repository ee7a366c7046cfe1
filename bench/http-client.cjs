// autocannon's per-connection setup (a file, as its worker threads need): connection i signs in
// as member i, with the session and CSRF cookies the bench collected in BENCH_COOKIES, and
// accepts compressed pages as browsers do.
const cookies = JSON.parse(process.env.BENCH_COOKIES || '[]');
let next = 0;
module.exports = function setupClient(client) {
  if (cookies.length > 0)
    client.setHeaders({ cookie: cookies[next++ % cookies.length], 'accept-encoding': 'gzip, deflate, br' });
};
