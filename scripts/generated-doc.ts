// Writes a docs/*.md file that is generated from packages/domain data, or with --check fails when it differs
// (npm test runs every generator with --check, so the docs cannot drift from the data).
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export function writeOrCheckDoc(docName: string, text: string, generator: string): void {
  const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../docs", docName);
  if (!process.argv.includes("--check")) {
    writeFileSync(file, text);
    return;
  }
  let current = "";
  try {
    current = readFileSync(file, "utf8");
  } catch {
    /* missing */
  }
  if (current !== text) {
    console.error(`docs/${docName} is out of date: run node --import tsx scripts/${generator}`);
    process.exit(1);
  }
}
