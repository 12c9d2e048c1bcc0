// Writes docs/complete-setup.md from packages/domain/src/setup/ (or with --check, fails when it differs).
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { completeSetupDoc } from "../packages/domain/src/setup/complete-setup-doc.ts";

const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../docs/complete-setup.md");
const text = completeSetupDoc();
if (process.argv.includes("--check")) {
  let current = "";
  try {
    current = readFileSync(file, "utf8");
  } catch {
    /* missing */
  }
  if (current !== text) {
    console.error("docs/complete-setup.md is out of date: run node --import tsx scripts/gen-complete-setup-doc.ts");
    process.exit(1);
  }
} else writeFileSync(file, text);
