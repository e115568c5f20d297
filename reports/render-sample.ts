// Renders the sample documents so that anyone can look at them:
//   npx tsx reports/render-sample.ts out.pdf   → out.pdf (the notice), out-monthly-list.pdf,
//   out-appraisal-summary.pdf and out-appraisal-sheet.pdf
import { writeFile } from "node:fs/promises";
import { renderAppraisalSheet } from "./appraisal-sheet.js";
import { renderAppraisalSummary } from "./appraisal-summary.js";
import { renderConclusionNotice } from "./conclusion-notice.js";
import { renderMonthlyList } from "./monthly-list.js";
import { sampleAppraisalSheet, sampleAppraisalSummary, sampleConclusionNotice, sampleMonthlyList } from "./samples.js";

const out = process.argv[2] ?? "sample-notice.pdf";
const listOut = out.replace(/(\.pdf)?$/i, "-monthly-list.pdf");
const summaryOut = out.replace(/(\.pdf)?$/i, "-appraisal-summary.pdf");
const sheetOut = out.replace(/(\.pdf)?$/i, "-appraisal-sheet.pdf");

const started = performance.now();
await writeFile(out, await renderConclusionNotice(sampleConclusionNotice({ correction: process.argv.includes("--correction") })));
await writeFile(listOut, await renderMonthlyList(sampleMonthlyList()));
await writeFile(summaryOut, await renderAppraisalSummary(sampleAppraisalSummary()));
await writeFile(sheetOut, await renderAppraisalSheet(sampleAppraisalSheet()));
console.log(`${out}\n${listOut}\n${summaryOut}\n${sheetOut}\n(${Math.round(performance.now() - started)} ms)`);
