// Run as a separate process by tests/integration/embedded.test.ts: starts the embedded cluster in the
// given folder, writes a row, says READY, and waits to be killed without a chance to stop the cluster.
import pg from "pg";
import { startEmbeddedPostgres } from "../../db/embedded.js";

const server = await startEmbeddedPostgres({ dir: process.argv[2]! });
const client = new pg.Client({ connectionString: server.url() });
await client.connect();
await client.query("create table kept (note text); insert into kept values ('còn nguyên')");
await client.end();
console.log("READY");
setInterval(() => {}, 1000);
