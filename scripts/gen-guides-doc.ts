// Writes docs/guides.md from packages/domain/src/guides/ (or with --check, fails when it differs).
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { guidesDoc } from "../packages/domain/src/guides/guides-doc.ts";

const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../docs/guides.md");
const text = guidesDoc();
if (process.argv.includes("--check")) {
  let current = "";
  try {
    current = readFileSync(file, "utf8");
  } catch {
    /* missing */
  }
  if (current !== text) {
    console.error("docs/guides.md is out of date: run node --import tsx scripts/gen-guides-doc.ts");
    process.exit(1);
  }
} else writeFileSync(file, text);
