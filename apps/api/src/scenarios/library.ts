// The shipped scenario library (issue 11): scenarios/<stage>/<id>.json at the repository root, found from the repo
// root like docs/ (paths.ts). Read on each call (a few dozen small files), so an author's edit shows without restart.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseScenario, type Scenario, type ScenarioIssue } from "@certlab/domain/scenarios/schema";
import { repoRoot } from "../paths.ts";

export const scenariosDir = path.join(repoRoot, "scenarios");

export type LibraryEntry = { file: string; scenario?: Scenario; issues: ScenarioIssue[] };

/** Every *.json under `dir` (recursively), sorted by path. */
export function scenarioFiles(dir: string = scenariosDir): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .flatMap((e) => (e.isDirectory() ? scenarioFiles(path.join(dir, e.name)) : e.name.endsWith(".json") ? [path.join(dir, e.name)] : []))
    .sort();
}

/** A scenario file parsed with the scenario schema; a JSON syntax error is an issue at path "(file)". */
export function readScenarioFile(file: string): LibraryEntry {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    return { file, issues: [{ path: "(file)", message: (e as Error).message }] };
  }
  const r = parseScenario(json);
  return r.ok ? { file, scenario: r.scenario, issues: [] } : { file, issues: r.issues };
}

export function library(dir: string = scenariosDir): LibraryEntry[] {
  return scenarioFiles(dir).map((f) => readScenarioFile(f));
}

/** The shipped scenarios that parse, by id (the first file wins if two share an id; validate reports it). */
export function shippedScenarios(dir: string = scenariosDir): Scenario[] {
  const seen = new Set<string>();
  const out: Scenario[] = [];
  for (const e of library(dir)) {
    if (!e.scenario || seen.has(e.scenario.id)) continue;
    seen.add(e.scenario.id);
    out.push(e.scenario);
  }
  return out;
}

export function findShippedScenario(id: string, dir: string = scenariosDir): Scenario | undefined {
  return shippedScenarios(dir).find((s) => s.id === id);
}
