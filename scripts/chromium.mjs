#!/usr/bin/env node
// The one place that finds the browser for the browser suite (issue 13), used by `npm test` (scripts/test.mjs),
// by `.ci/run` (through npm test) and by e2e/playwright.config.ts. Chromium comes from Debian, never from a
// download (../shared/design/toolchain.md: `npx playwright install` cannot reach its server here).
//
// Search order: $CERTLAB_CHROMIUM if set, else Debian's /usr/bin/chromium, else `chromium` or
// `chromium-browser` on $PATH. When none is found and the machine can install it without asking (running as
// root with apt-get on $PATH), ensureChromium() installs Debian's `chromium` once, with one line before and
// one after; otherwise it returns the one-line reason and the command that fixes it.
//
// Test hooks (so the tests can drive a fake machine): $PATH is read from the env given; the fixed candidate
// list is $CERTLAB_CHROMIUM_CANDIDATES (colon-separated, empty = none; default /usr/bin/chromium); and
// $CERTLAB_CHROMIUM_INSTALL_CMD replaces the apt-get install (run with `sh -c`; it needs no root).
//
// CLI: `node scripts/chromium.mjs` ensures the browser and prints its path (exit 0), or prints the reason
// (exit 1). `node scripts/chromium.mjs --find` only looks, never installs.
import { spawnSync } from "node:child_process";
import { accessSync, constants, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const DEBIAN_CHROMIUM = "/usr/bin/chromium";
export const PATH_NAMES = ["chromium", "chromium-browser"];
export const FIX = "sudo apt-get install chromium, or CERTLAB_CHROMIUM=/path/to/chromium";
/**
 * The flags every headless Chromium of ours runs with (Playwright, the bench's Lighthouse): without the
 * background-networking ones Chromium floods the closed network with refused connections (toolchain.md).
 */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

/** "ok", or why the file cannot be run ("does not exist", "is not a file", "is not executable"). */
function executableProblem(file) {
  let st;
  try {
    st = statSync(file);
  } catch {
    return "does not exist";
  }
  if (!st.isFile()) return "is not a file";
  try {
    accessSync(file, constants.X_OK);
  } catch {
    return "is not executable";
  }
  return "ok";
}

const isExecutable = (file) => executableProblem(file) === "ok";

/** The first `name` in the directories of `pathVar` that is an executable file, or null. */
export function onPath(name, pathVar) {
  for (const dir of (pathVar ?? "").split(path.delimiter)) {
    if (!dir) continue;
    const file = path.join(dir, name);
    if (isExecutable(file)) return file;
  }
  return null;
}

function candidates(env) {
  const raw = env.CERTLAB_CHROMIUM_CANDIDATES;
  if (raw === undefined) return [DEBIAN_CHROMIUM];
  return raw.split(path.delimiter).filter(Boolean);
}

/**
 * Finds Chromium without installing anything.
 * @returns {{ path: string | null, via: string | null, notes: string[], looked: string }}
 *   `via` says where it was found; `notes` holds what the user should hear (CERTLAB_CHROMIUM set but unusable);
 *   `looked` lists the places searched, for the "not found" line.
 */
export function findChromium({ env = process.env } = {}) {
  const notes = [];
  const looked = [];
  const override = env.CERTLAB_CHROMIUM;
  if (override) {
    const problem = executableProblem(override);
    if (problem === "ok") return { path: override, via: "CERTLAB_CHROMIUM", notes, looked: "CERTLAB_CHROMIUM" };
    notes.push(`CERTLAB_CHROMIUM=${override} ${problem}; looking for Debian's chromium instead.`);
    looked.push(`CERTLAB_CHROMIUM (${override} ${problem})`);
  }
  for (const file of candidates(env)) {
    if (isExecutable(file)) return { path: file, via: file, notes, looked: looked.join(", ") };
    looked.push(file);
  }
  for (const name of PATH_NAMES) {
    const file = onPath(name, env.PATH);
    if (file) return { path: file, via: `${name} on PATH`, notes, looked: looked.join(", ") };
  }
  looked.push(`${PATH_NAMES.join(" or ")} on PATH`);
  return { path: null, via: null, notes, looked: looked.join(", ") };
}

function lastLines(text, n = 5) {
  return String(text ?? "")
    .trim()
    .split("\n")
    .slice(-n)
    .join(" | ");
}

/** Runs the installer; returns null on success or a short reason. */
function install(env, aptGet) {
  const run = (cmd, args) =>
    spawnSync(cmd, args, {
      env: { ...env, DEBIAN_FRONTEND: "noninteractive" },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
  const steps = env.CERTLAB_CHROMIUM_INSTALL_CMD
    ? [["/bin/sh", ["-c", env.CERTLAB_CHROMIUM_INSTALL_CMD]]]
    : [
        [aptGet, ["update", "-qq"]],
        [aptGet, ["install", "-y", "-qq", "chromium"]],
      ];
  for (const [cmd, args] of steps) {
    const res = run(cmd, args);
    if (res.error) return `${cmd} ${args.join(" ")} could not start (${res.error.message})`;
    if (res.status !== 0) {
      const tail = lastLines(res.stderr) || lastLines(res.stdout);
      return `${path.basename(cmd)} ${args.join(" ")} failed (exit ${res.status}${tail ? `: ${tail}` : ""})`;
    }
  }
  return null;
}

/**
 * Finds Chromium, installing Debian's chromium when it is missing and the machine can do so without asking.
 * @param {{ env?: NodeJS.ProcessEnv, isRoot?: boolean, log?: (line: string) => void, now?: () => number }} [opts]
 * @returns {{ outcome: "found" | "installed" | "missing", path: string | null, message: string | null }}
 *   `message` (when missing) is the one line to show: what is missing and the command that fixes it.
 */
export function ensureChromium({ env = process.env, isRoot = process.getuid?.() === 0, log = console.log, now = Date.now } = {}) {
  const first = findChromium({ env });
  if (first.path) {
    for (const note of first.notes) log(note);
    return { outcome: "found", path: first.path, message: null };
  }

  const custom = Boolean(env.CERTLAB_CHROMIUM_INSTALL_CMD);
  const aptGet = onPath("apt-get", env.PATH);
  const missing = `No Chromium for the browser tests (looked at ${first.looked})`;
  if (!custom && !(isRoot && aptGet)) {
    const why = aptGet ? "not running as root, so nothing was installed" : "no apt-get here to install it";
    return { outcome: "missing", path: null, message: `${missing}; ${why}. Fix: ${FIX}.` };
  }
  for (const note of first.notes) log(note);

  log(
    custom
      ? `Installing chromium for the browser tests (${env.CERTLAB_CHROMIUM_INSTALL_CMD})…`
      : "Installing Debian's chromium for the browser tests (apt-get install chromium)…",
  );
  const started = now();
  const failure = install(env, aptGet);
  const seconds = ((now() - started) / 1000).toFixed(1);
  if (failure) {
    return { outcome: "missing", path: null, message: `${missing}, and installing it failed: ${failure}. Fix: ${FIX}.` };
  }
  const after = findChromium({ env });
  if (!after.path) {
    return {
      outcome: "missing",
      path: null,
      message: `${missing}; the install finished but still no Chromium at ${after.looked}. Fix: ${FIX}.`,
    };
  }
  log(`Installed chromium in ${seconds} s: ${after.path}`);
  return { outcome: "installed", path: after.path, message: null };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.includes("--find")) {
    const found = findChromium();
    for (const note of found.notes) console.error(note);
    if (found.path) console.log(found.path);
    else console.error(`No Chromium for the browser tests (looked at ${found.looked}). Fix: ${FIX}.`);
    process.exit(found.path ? 0 : 1);
  }
  const res = ensureChromium({ log: (line) => console.error(line) });
  if (res.path) console.log(res.path);
  else console.error(res.message);
  process.exit(res.path ? 0 : 1);
}
