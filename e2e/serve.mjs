// Starts the portal for the browser tests on a fresh database (the SPA was built by npm test beforehand).
import { rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { spawn } from "node:child_process";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// One folder per port, so two runs on different ports never wipe each other's database.
const port = process.env.CERTLAB_E2E_PORT ?? "3100";
const dir = path.join(root, `.tmp/e2e-${port}`);
rmSync(dir, { recursive: true, force: true });
const child = spawn(process.execPath, [path.join(root, "scripts/start.mjs")], {
  cwd: root,
  stdio: "inherit",
  env: {
    ...process.env,
    PORT: port,
    HOST: "127.0.0.1",
    DATABASE_URL: `file:${path.join(dir, "e2e.db")}`,
    CERTLAB_DEMO_PASSWORD: "E2e-Passw0rd!",
    CERTLAB_SKIP_WEB_BUILD: process.env.CERTLAB_SKIP_WEB_BUILD ?? "1",
    // The browser tests speak HTTP only: no HTTPS listener to compete for port 3443 with a running portal.
    HTTPS_PORT: process.env.CERTLAB_E2E_HTTPS_PORT ?? "off",
  },
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code) => process.exit(code ?? 0));
