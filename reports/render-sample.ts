// Renders the sample conclusion notice and the sample monthly list so that anyone can look at them:
//   npx tsx reports/render-sample.ts out.pdf   → out.pdf (the notice) and out-monthly-list.pdf
import { writeFile } from "node:fs/promises";
import { renderConclusionNotice } from "./conclusion-notice.js";
import { renderMonthlyList } from "./monthly-list.js";
import { sampleConclusionNotice, sampleMonthlyList } from "./samples.js";

const out = process.argv[2] ?? "sample-notice.pdf";
const listOut = out.replace(/(\.pdf)?$/i, "-monthly-list.pdf");

const started = performance.now();
await writeFile(out, await renderConclusionNotice(sampleConclusionNotice({ correction: process.argv.includes("--correction") })));
await writeFile(listOut, await renderMonthlyList(sampleMonthlyList()));
console.log(`${out}\n${listOut}\n(${Math.round(performance.now() - started)} ms)`);
