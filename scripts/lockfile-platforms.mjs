#!/usr/bin/env node
// The npm registry these machines reach answers 404 for some other-platform binaries (e.g. @turbo/darwin-64,
// @turbo/windows-64), so `npm install` leaves them out of package-lock.json — and `npm ci` then refuses the
// lock ("Missing: @turbo/darwin-64@ from lock file"). This restores an entry for every optional platform
// package a locked package declares but the lock lacks. The entries name os/cpu, so npm never fetches them
// on Linux. `--check` only reports (npm test runs it); without it the lock is fixed in place (.ci/run runs it).
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const file = path.join(root, "package-lock.json");
const lock = JSON.parse(readFileSync(file, "utf8"));
const packages = lock.packages ?? {};

function platformOf(name) {
  const os = /darwin|macos/.test(name) ? "darwin" : /win32|windows/.test(name) ? "win32" : /linux/.test(name) ? "linux" : /freebsd/.test(name) ? "freebsd" : undefined;
  const cpu = /arm64|aarch64/.test(name) ? "arm64" : /x64|-64$|amd64/.test(name) ? "x64" : /ia32|-32$/.test(name) ? "ia32" : /arm/.test(name) ? "arm" : undefined;
  return os && cpu ? { os, cpu } : undefined;
}

const missing = [];
for (const [key, entry] of Object.entries(packages)) {
  for (const [dep, spec] of Object.entries(entry.optionalDependencies ?? {})) {
    const depKey = `node_modules/${dep}`;
    if (packages[depKey] || !/^\d+\.\d+\.\d+/.test(spec)) continue;
    const platform = platformOf(dep);
    if (!platform) continue;
    missing.push({ depKey, entry: { version: spec, cpu: [platform.cpu], ...(entry.dev ? { dev: true } : {}), optional: true, os: [platform.os] }, from: key });
  }
}

if (process.argv.includes("--check")) {
  if (missing.length) {
    console.error(`package-lock.json lacks ${missing.length} platform package(s) (${missing.map((m) => m.depKey.slice(13)).join(", ")}): run node scripts/lockfile-platforms.mjs`);
    process.exit(1);
  }
  console.log("package-lock.json lists every optional platform package.");
} else {
  for (const m of missing) packages[m.depKey] = m.entry;
  if (missing.length) {
    lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))));
    writeFileSync(file, JSON.stringify(lock, null, 2) + "\n");
  }
  console.log(`package-lock.json: restored ${missing.length} platform package entr${missing.length === 1 ? "y" : "ies"}.`);
}
