// The scenario runner's engine (issue 11; `npm run scenario -- test`, scripts/scenario.ts): Instruqt's `track test`
// protocol over Certlab's HTTP API — load the scenario, then for each objective in order: its check fails (unless
// initiallyPassing), its solution's requests run, its check passes, the guards hold and no collateral finding
// appears; at the end the score reaches passPoints. Every step is a real HTTP call (Http: fetch against a server,
// or supertest in the API tests), as the portal or a QA script would make it.
import type { Scenario } from "@certlab/domain/scenarios/schema";
import { describeVars, instantiateScenario } from "@certlab/domain/scenarios/variables";
import type { ScenarioStatus } from "./load.ts";
import { runSolution, type Http } from "./solve.ts";

export type CaseResult = { name: string; ok: boolean; message: string; ms: number };
export type ScenarioRun = { id: string; file: string; ok: boolean; cases: CaseResult[]; score?: number; maxScore?: number; passPoints?: number };

const errorOf = (body: unknown) => {
  const e = (body as { error?: { message?: string; details?: { target: string; message: string }[] } } | undefined)?.error;
  if (!e) return JSON.stringify(body).slice(0, 300);
  return [e.message, ...(e.details ?? []).map((d) => `${d.target}: ${d.message}`)].filter(Boolean).join("; ");
};

/**
 * Runs the track test of one (already validated) scenario through `http`. With `seed`, the lab is loaded with that
 * seed, the solutions are the ones of that variant (its variables' values), the server must report the same values,
 * and every step's name starts with "seed N · ".
 */
export async function testScenario(http: Http, template: Scenario, file = "", seed?: number): Promise<ScenarioRun> {
  const cases: CaseResult[] = [];
  const run: ScenarioRun = { id: template.id, file, ok: false, cases };
  const lab = instantiateScenario(template, seed ?? template.seed ?? 1);
  const scenario = lab.scenario;
  const prefix = seed === undefined ? "" : `seed ${seed} · `;
  const step = async (label: string, fn: () => Promise<string>) => {
    const name = `${prefix}${label}`;
    const t0 = Date.now();
    try {
      cases.push({ name, ok: true, message: await fn(), ms: Date.now() - t0 });
      return true;
    } catch (e) {
      cases.push({ name, ok: false, message: (e as Error).message, ms: Date.now() - t0 });
      return false;
    }
  };
  const status = async (): Promise<ScenarioStatus> => {
    const r = await http("GET", "/api/scenarios/status");
    if (r.status !== 200) throw new Error(`GET /api/scenarios/status answered ${r.status}: ${errorOf(r.body)}`);
    return r.body as ScenarioStatus;
  };

  let initial: ScenarioStatus | undefined;
  const loaded = await step("load", async () => {
    const r = await http("POST", "/api/scenarios/load", seed === undefined ? { scenario: template } : { scenario: template, seed });
    if (r.status !== 200) throw new Error(`POST /api/scenarios/load answered ${r.status}: ${errorOf(r.body)}`);
    initial = r.body as ScenarioStatus;
    const got = JSON.stringify(initial.scenario.vars ?? {});
    if (got !== JSON.stringify(lab.vars)) throw new Error(`the server picked the variables ${got}, the runner ${JSON.stringify(lab.vars)}`);
    const vars = Object.keys(lab.vars).length ? `; ${describeVars(lab.vars)}` : "";
    return `loaded ${scenario.id}@${scenario.version} (${scenario.faults.length} fault${scenario.faults.length === 1 ? "" : "s"}${vars})`;
  });
  if (!loaded || !initial) return run;

  let allOk = true;
  for (const o of scenario.objectives) {
    const ok = await step(`objective ${o.id}: ${o.title}`, async () => {
      const before = await status();
      const b = before.objectives.find((x) => x.id === o.id)!;
      if (b.passed && !o.initiallyPassing) throw new Error(`the check passes before the fix (${b.reason})`);
      const solved = await runSolution(http, o.solution.requests);
      if (!solved.ok) {
        const failed = solved.steps.at(-1)!;
        throw new Error(`solution request ${solved.steps.length} (${failed.method} ${failed.path}) failed: ${failed.error}`);
      }
      const after = await status();
      const a = after.objectives.find((x) => x.id === o.id)!;
      if (!a.passed) throw new Error(`the check still fails after the solution: ${a.reason}`);
      const broken = after.guards.filter((g) => !g.holds);
      if (broken.length) throw new Error(`guard ${broken.map((g) => `'${g.id}' (${g.description}): ${g.reason}`).join("; ")} broke`);
      if (after.collateral.length) throw new Error(`collateral findings: ${after.collateral.map((f) => `${f.code} on ${f.objects.map((x) => x.displayName).join(", ")}`).join("; ")}`);
      const regressed = after.objectives.filter((x) => !x.passed && before.objectives.find((y) => y.id === x.id)?.passed);
      if (regressed.length) throw new Error(`the solution broke objective ${regressed.map((x) => `'${x.id}'`).join(", ")}`);
      return `${a.reason} (+${a.points} points)`;
    });
    allOk &&= ok;
  }
  await step("score", async () => {
    const end = await status();
    run.score = end.score;
    run.maxScore = end.maxScore;
    run.passPoints = end.passPoints;
    if (!end.passed) throw new Error(`score ${end.score}/${end.maxScore}, pass needs ${end.passPoints}${end.guards.some((g) => !g.holds) ? " and every guard" : ""}`);
    return `score ${end.score}/${end.maxScore} (pass ${end.passPoints})`;
  });
  run.ok = allOk && cases.every((c) => c.ok);
  return run;
}

const xml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** JUnit XML: one testsuite per scenario, one testcase per step (load, each objective, score). */
export function junitXml(runs: readonly ScenarioRun[], suiteName = "certlab scenarios"): string {
  const total = runs.reduce((n, r) => n + r.cases.length, 0);
  const failures = runs.reduce((n, r) => n + r.cases.filter((c) => !c.ok).length, 0);
  const lines = [`<?xml version="1.0" encoding="UTF-8"?>`, `<testsuites name="${xml(suiteName)}" tests="${total}" failures="${failures}">`];
  for (const r of runs) {
    const f = r.cases.filter((c) => !c.ok).length;
    const time = (r.cases.reduce((n, c) => n + c.ms, 0) / 1000).toFixed(3);
    lines.push(`  <testsuite name="${xml(r.id)}" file="${xml(r.file)}" tests="${r.cases.length}" failures="${f}" time="${time}">`);
    for (const c of r.cases) {
      const open = `    <testcase classname="${xml(r.id)}" name="${xml(c.name)}" time="${(c.ms / 1000).toFixed(3)}"`;
      lines.push(c.ok ? `${open}/>` : `${open}>\n      <failure message="${xml(c.message)}"/>\n    </testcase>`);
    }
    lines.push("  </testsuite>");
  }
  lines.push("</testsuites>", "");
  return lines.join("\n");
}

/** The human-readable lines: one per step, ✔/✘ with the reason. */
export function humanLines(r: ScenarioRun): string[] {
  return [`${r.ok ? "✔" : "✘"} ${r.id}${r.file ? ` (${r.file})` : ""}`, ...r.cases.map((c) => `  ${c.ok ? "✔" : "✘"} ${c.name} — ${c.message}`)];
}
