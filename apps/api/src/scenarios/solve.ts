// Running an objective's solution (issue 11): each ApiRequest is a real HTTP call to Certlab's own API or Graph as
// the portal makes it; before each request its {{pointer}} and {{now…}} placeholders are resolved against the
// tenant's CURRENT document (GET /api/scenarios/document), so a request can use what an earlier one created.
// Transport-agnostic: the runner passes fetch against a server, the tests a supertest agent.
import { resolvePlaceholders } from "@certlab/domain/scenarios/patch";
import type { ApiRequest } from "@certlab/domain/scenarios/schema";

export type HttpResponse = { status: number; body: unknown };
export type Http = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<HttpResponse>;

export type SolutionStep = { method: string; path: string; status: number; ok: boolean; error?: string };

/** A request path with each placeholder's value URL-encoded (a path segment must not gain a "/"). */
function resolvePath(path: string, ctx: { now: Date; doc: unknown }): string {
  return path.replace(/\{\{\s*([^{}]+?)\s*\}\}/g, (_m, expr: string) => {
    const v = resolvePlaceholders(`{{${expr}}}`, ctx);
    return encodeURIComponent(typeof v === "string" ? v : JSON.stringify(v));
  });
}

/** Runs the requests in order; stops at the first that fails (placeholder unresolved, or an unexpected status). */
export async function runSolution(http: Http, requests: readonly ApiRequest[], now: Date = new Date()): Promise<{ ok: boolean; steps: SolutionStep[] }> {
  const steps: SolutionStep[] = [];
  for (const r of requests) {
    const doc = await http("GET", "/api/scenarios/document");
    if (doc.status !== 200) {
      steps.push({ method: r.method, path: r.path, status: doc.status, ok: false, error: `GET /api/scenarios/document answered ${doc.status}` });
      return { ok: false, steps };
    }
    let path: string;
    let body: unknown;
    try {
      path = resolvePath(r.path, { now, doc: doc.body });
      body = r.body === undefined ? undefined : resolvePlaceholders(r.body, { now, doc: doc.body });
    } catch (e) {
      steps.push({ method: r.method, path: r.path, status: 0, ok: false, error: (e as Error).message });
      return { ok: false, steps };
    }
    const res = await http(r.method, path, body, r.headers);
    const ok = r.expectStatus !== undefined ? res.status === r.expectStatus : res.status >= 200 && res.status < 300;
    const message = (res.body as { error?: { message?: string } } | undefined)?.error?.message;
    steps.push({ method: r.method, path, status: res.status, ok, ...(ok ? {} : { error: `${res.status}${r.expectStatus ? ` (expected ${r.expectStatus})` : ""}${message ? `: ${message}` : ""}` }) });
    if (!ok) return { ok: false, steps };
  }
  return { ok: true, steps };
}
