// Benchmarks (f) and (g): what a user pays on first load of each portal of the built SPA (apps/web/dist, built
// first when missing), measured by loading the page for real in Debian's Chromium with Lighthouse 12 (desktop
// preset, its default simulated throttling):
//  (f) first-load JS: every script the page loaded before it settled, gzipped (zlib, default level) from the
//      built files — the bytes a gzip-serving deployment sends; target ≤ 250 KB per portal;
//  (g) the Lighthouse performance score (0–100).
// Signed-in portals get the bench admin's session cookie. Chromium: $CERTLAB_CHROMIUM, else /usr/bin/chromium
// (`apt-get install chromium`; ../shared/design/toolchain.md).
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import * as chromeLauncher from "chrome-launcher";
import lighthouse, { desktopConfig } from "lighthouse";
import { repoRoot, webDist } from "../../apps/api/src/paths.ts";
import type { BenchTarget } from "./server.ts";
import { CHROMIUM_ARGS, findChromium } from "../chromium.mjs";

export const PORTALS = [
  { name: "Sign-in", path: "/signin", signedIn: false },
  { name: "Certlab home", path: "/", signedIn: true },
  { name: "Intune admin center", path: "/intune", signedIn: true },
  { name: "Entra admin center", path: "/entra", signedIn: true },
  { name: "Lab console", path: "/lab", signedIn: true },
] as const;

export const FIRST_LOAD_BUDGET_BYTES = 250 * 1024;

const CHROMIUM_FLAGS = ["--headless=new", ...CHROMIUM_ARGS];

/** The same browser the browser tests use (scripts/chromium.mjs); the bench never installs one. */
export function chromiumPath(): string | undefined {
  return findChromium().path ?? undefined;
}

/** Builds the SPA when apps/web/dist is missing (npm start does the same). */
export function ensureWebBuild(): void {
  if (existsSync(path.join(webDist, "index.html"))) return;
  console.log("    building the portal (apps/web) first...");
  const res = spawnSync("npm", ["run", "build", "--workspace", "@certlab/web"], { cwd: repoRoot, stdio: "inherit" });
  if (res.status !== 0) throw new Error("the web build failed");
}

export interface PortalResult {
  name: string;
  path: string;
  score: number | null;
  scripts: number;
  jsGzipBytes: number;
  jsRawBytes: number;
  /** What the page really received for its scripts (this server does not compress). */
  jsTransferBytes: number;
  lcpMs: number | null;
  error?: string;
}

type NetworkItem = { url: string; resourceType?: string; transferSize?: number };

export async function benchPortals(target: BenchTarget): Promise<PortalResult[] | string> {
  const chromePath = chromiumPath();
  if (!chromePath) return "Chromium not found: apt-get install chromium, or set CERTLAB_CHROMIUM";
  ensureWebBuild();
  const chrome = await chromeLauncher.launch({ chromePath, chromeFlags: CHROMIUM_FLAGS, logLevel: "silent" });
  const origin = new URL(target.base).origin;
  const out: PortalResult[] = [];
  try {
    for (const portal of PORTALS) {
      try {
        // Lighthouse now and then fails to record a trace on a loaded machine (NO_NAVSTART): one more try.
        const run = () => lighthouse(
          `${target.base}${portal.path}`,
          { port: chrome.port, output: "json", logLevel: "error", onlyCategories: ["performance"], extraHeaders: portal.signedIn ? { Cookie: target.cookie } : undefined },
          desktopConfig,
        );
        let result = await run();
        if (result?.lhr.runtimeError) result = await run();
        const lhr = result?.lhr;
        if (!lhr) throw new Error("Lighthouse returned no result");
        if (lhr.runtimeError) throw new Error(lhr.runtimeError.message);
        const items = ((lhr.audits["network-requests"]?.details as { items?: NetworkItem[] } | undefined)?.items ?? []).filter(
          (i) => i.resourceType === "Script" && i.url.startsWith(origin),
        );
        let gz = 0;
        let raw = 0;
        let transfer = 0;
        for (const item of items) {
          const file = path.join(webDist, decodeURIComponent(new URL(item.url).pathname));
          if (!file.startsWith(webDist) || !existsSync(file)) continue;
          const bytes = readFileSync(file);
          raw += bytes.length;
          gz += gzipSync(bytes).length;
          transfer += item.transferSize ?? 0;
        }
        const score = lhr.categories.performance?.score;
        out.push({
          name: portal.name,
          path: portal.path,
          score: typeof score === "number" ? Math.round(score * 100) : null,
          scripts: items.length,
          jsGzipBytes: gz,
          jsRawBytes: raw,
          jsTransferBytes: transfer,
          lcpMs: lhr.audits["largest-contentful-paint"]?.numericValue ?? null,
        });
      } catch (err) {
        out.push({ name: portal.name, path: portal.path, score: null, scripts: 0, jsGzipBytes: 0, jsRawBytes: 0, jsTransferBytes: 0, lcpMs: null, error: String((err as Error).message ?? err) });
      }
    }
  } finally {
    chrome.kill();
  }
  return out;
}
