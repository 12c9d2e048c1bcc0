// Generates docs/rules.md from the rule catalogue in packages/domain (the same data GET /api/rules serves).
//   node --import tsx scripts/gen-rules-doc.ts          write docs/rules.md
//   node --import tsx scripts/gen-rules-doc.ts --check  fail if docs/rules.md is out of date (npm test runs this)
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ruleMetadata } from "../packages/domain/src/rules/catalogue.ts";
import { EXTRA_SOURCES } from "../packages/domain/src/rules/extra-sources.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const target = path.join(root, "docs/rules.md");

const AREAS: Record<string, string> = {
  directory: "Directory (Microsoft Entra tenant)",
  lab: "On-premises lab (AD, CA, templates, NDES, IIS, connectors on their servers)",
  intune: "Intune (trusted certificate and SCEP profiles, assignments, certificate connectors)",
  entra: "Entra application proxy (connectors, connector groups, the NDES application)",
};

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ");

function render(): string {
  const rules = ruleMetadata();
  const lines = [
    "# Rule catalogue",
    "",
    "Generated from `packages/domain` by `npm run docs:rules`; do not edit by hand. The same data is served by",
    "`GET /api/rules`, and `GET /api/tenants/{id}/findings` evaluates a directory against it. Codes are the",
    "contract (see `../shared/design/rules.md`); sources are the seed file names and the catalogue's source keys.",
    "",
    `${rules.length} rules: ${rules.filter((r) => r.severity === "error").length} errors, ${rules.filter((r) => r.severity === "warning").length} warnings, ${rules.filter((r) => r.severity === "info").length} info.`,
    "",
  ];
  for (const [area, title] of Object.entries(AREAS)) {
    const inArea = rules.filter((r) => r.area === area && r.category !== "security").sort((a, b) => a.code.localeCompare(b.code));
    if (!inArea.length) continue;
    lines.push(`## ${title}`, "", "| code | severity | title | fix | sources |", "| --- | --- | --- | --- | --- |");
    for (const r of inArea) lines.push(`| \`${r.code}\` | ${r.severity} | ${cell(r.title)} | ${cell(r.fix)} | ${cell(r.sources.join(", "))} |`);
    lines.push("");
  }
  // Issue 14: attack paths a working setup opens, apart from enrollment failures (see docs/attack-paths.md).
  const security = rules.filter((r) => r.category === "security").sort((a, b) => a.code.localeCompare(b.code));
  if (security.length) {
    lines.push("## Security: AD CS attack paths a working setup opens", "", "See [attack-paths.md](attack-paths.md) for each path, how the lab shows it and the fix that keeps enrollment working.", "");
    lines.push("| code | severity | title | fix | sources |", "| --- | --- | --- | --- | --- |");
    for (const r of security) lines.push(`| \`${r.code}\` | ${r.severity} | ${cell(r.title)} | ${cell(r.fix)} | ${cell(r.sources.join(", "))} |`);
    lines.push("");
  }
  lines.push("## Sources beyond the catalogue", "", "| key | source |", "| --- | --- |");
  for (const [key, text] of Object.entries(EXTRA_SOURCES)) lines.push(`| ${key} | ${cell(text)} |`);
  lines.push("");
  return lines.join("\n");
}

const text = render();
if (process.argv.includes("--check")) {
  if (!existsSync(target) || readFileSync(target, "utf8") !== text) {
    console.error("docs/rules.md is out of date: run npm run docs:rules");
    process.exit(1);
  }
  console.log("docs/rules.md matches the catalogue.");
} else {
  writeFileSync(target, text);
  console.log(`wrote docs/rules.md (${text.split("\n").length} lines)`);
}
