// Route modules reach the database only through this `.server` seam, so the client bundle never sees pg.
export { getDb, getPool, type Database, type Tx } from "../db/index.js";
