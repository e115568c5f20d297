// Rendering a long conclusion notice (at least 30 pages) against the shortest notice the renderer makes,
// in the same run. Every part of a notice (header, six sections, signer, "Nơi nhận") is always printed,
// so the shortest one is not a single page: its page count is printed with it.
import type { ConclusionNoticeDocument } from "../../reports/conclusion-notice.js";
import { renderConclusionNotice } from "../../reports/conclusion-notice.js";
import { sampleConclusionNotice } from "../../reports/samples.js";
import { count, duration, medianMs, type Row } from "./measure.js";

const RUNS = 3;
const MIN_PAGES = 30;

const pagesOf = (pdf: Buffer) => pdf.toString("latin1").match(/\/Type \/Page\b/g)?.length ?? 0;

function shortestNotice(): ConclusionNoticeDocument {
  const s = sampleConclusionNotice({ findings: 1 });
  return {
    ...s,
    basis: { ...s.basis, other: [] },
    scope: { ...s.scope, content: "Giải quyết hồ sơ thủ tục hành chính.", units: s.scope.units.slice(0, 1), team: null },
    findings: s.findings.slice(0, 1).map((f) => ({ ...f, facts: "Có 03 hồ sơ chậm ở bước thẩm định.", dossierCodes: f.dossierCodes.slice(0, 1) })),
    conclusionItems: s.conclusionItems.slice(0, 1).map((i) => ({ ...i, content: "Để hồ sơ quá hạn." })),
    responsibility: [],
    recommendations: s.recommendations.slice(0, 1),
    recipients: s.recipients.slice(0, 1),
  };
}

export async function measurePdf(log: (m: string) => void): Promise<Row> {
  // The first rendering of the process loads the fonts: not part of either figure.
  await renderConclusionNotice(shortestNotice());
  let findings = 60;
  let long = sampleConclusionNotice({ findings });
  let pages = pagesOf(await renderConclusionNotice(long));
  while (pages < MIN_PAGES) {
    findings += 5;
    long = sampleConclusionNotice({ findings });
    pages = pagesOf(await renderConclusionNotice(long));
  }
  const short = shortestNotice();
  const shortPages = pagesOf(await renderConclusionNotice(short));
  const longMs = await medianMs(RUNS, () => renderConclusionNotice(long));
  const shortMs = await medianMs(RUNS, () => renderConclusionNotice(short));
  log(`  ${pages} trang: ${duration(longMs)}; ${shortPages} trang: ${duration(shortMs)}`);
  return {
    what: `PDF thông báo kết luận ${count(pages)} trang (${count(findings)} nội dung kiểm tra, ${count(long.conclusionItems.length)} kết luận, ${count(long.recommendations.length)} kiến nghị), trung vị ${RUNS} lần`,
    value: duration(longMs),
    baseline: `thông báo ngắn nhất (${count(shortPages)} trang, mỗi mục một nội dung): ${duration(shortMs)}`,
    ratio: longMs / shortMs,
  };
}
