#!/usr/bin/env node
// npm start: build the SPA when it is missing or older than its sources, then run the API server
// (which applies migrations and seeds the demo directories) serving both on PORT (default 3000).
// `npm start -- --workers N` serves with N API processes (apps/api/src/server.ts, docs/operations.md).
import { spawnSync, spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dist = path.join(root, "apps/web/dist/index.html");

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function webIsStale() {
  if (!existsSync(dist)) return true;
  const built = statSync(dist).mtimeMs;
  const sources = [path.join(root, "apps/web/src"), path.join(root, "packages/domain/src")];
  return sources.some((d) => existsSync(d) && newestMtime(d) > built) || statSync(path.join(root, "apps/web/index.html")).mtimeMs > built;
}

if (process.env.CERTLAB_SKIP_WEB_BUILD !== "1" && webIsStale()) {
  console.log("Building the portal (apps/web)...");
  const res = spawnSync("npm", ["run", "build", "--workspace", "@certlab/web"], { cwd: root, stdio: "inherit" });
  if (res.status !== 0) process.exit(res.status ?? 1);
}

// Arguments after `npm start --` go to the server: `npm start -- --workers 4` runs four API processes.
const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "apps/api/src/server.ts"), ...process.argv.slice(2)], { cwd: root, stdio: "inherit" });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code) => process.exit(code ?? 0));
