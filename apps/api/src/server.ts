// npm start: apply migrations, seed the demo directories, and serve the API and the built SPA from one
// process on PORT (default 3000). DATABASE_URL picks the engine (default: SQLite in .data/certlab.db).
import { createServer } from "node:http";
import { createApp } from "./app.ts";
import { DEFAULT_DATABASE_URL, createDb } from "./db/client.ts";
import { migrate } from "./db/migrate.ts";
import { seedDemo } from "./seed/demo.ts";

const databaseUrl = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "127.0.0.1";

migrate(databaseUrl);
const db = await createDb(databaseUrl);
if (await seedDemo(db)) console.log("Seeded the demo directories Contoso and Fabrikam.");

const server = createServer({ maxHeaderSize: 96 * 1024 }, createApp({ db, databaseUrl }));
server.listen(port, host, () => {
  console.log(`Certlab is serving http://${host === "127.0.0.1" ? "localhost" : host}:${port} (database: ${databaseUrl.startsWith("file:") ? databaseUrl : "postgresql"})`);
});

const stop = () => {
  server.close(() => void db.$disconnect().finally(() => process.exit(0)));
  setTimeout(() => process.exit(0), 3000).unref();
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
