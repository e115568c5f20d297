// Realistic sample documents for reports/render-sample.ts and the renderer tests: every Vietnamese
// vowel with every tone mark appears somewhere (e.g. "Đặng Thị Mỹ Lệ", "Lữ", "ẶNG"), and `findings`
// scales a notice to any length.
import type { ConclusionNoticeDocument, NoticeConclusionItem, NoticeFinding, NoticeRecommendation, RecommendationKind } from "./conclusion-notice.js";
import type { AppraisalSheetDocument } from "./appraisal-sheet.js";
import type { AppraisalSummaryDocument } from "./appraisal-summary.js";
import type { MonthlyListDocument } from "./monthly-list.js";

export const SAMPLE_SHA256 = "3f1c9a7be2d4405f8a6c2e1d9b7a5c3e1f0d2b4a6c8e0f1a3b5c7d9e1f2a4b6c";

const WARDS = [
  { code: "000.31.01.H55", name: "UBND phường Cẩm Thành" },
  { code: "000.32.01.H55", name: "UBND phường Nghĩa Lộ" },
  { code: "000.33.01.H55", name: "UBND xã Tịnh Khê" },
  { code: "000.34.01.H55", name: "UBND xã Nghĩa Hành" },
];

const OFFICERS = [
  { code: "CB0021", name: "Đặng Thị Mỹ Lệ", unit: "Bộ phận Một cửa, UBND phường Cẩm Thành" },
  { code: "CB0035", name: "Lữ Văn Kỳ", unit: "Phòng Kinh tế, Hạ tầng và Đô thị, UBND phường Nghĩa Lộ" },
  { code: "CB0042", name: "Nguyễn Thị Hường", unit: "Văn phòng HĐND và UBND xã Tịnh Khê" },
  { code: "CB0057", name: "Trương Quỹ Ẩn", unit: "Phòng Văn hóa - Xã hội, UBND xã Nghĩa Hành" },
  { code: "CB0063", name: "Phạm Ngọc Ước", unit: "Bộ phận Một cửa, UBND xã Tịnh Khê" },
];

const CRITERIA = [
  { code: "TC1", title: "Hồ sơ giải quyết quá hạn do lỗi của đối tượng kiểm tra" },
  { code: "TC2", title: "Không có hoặc chậm văn bản xin lỗi, hẹn lại ngày trả kết quả" },
  { code: "TC3", title: "Yêu cầu bổ sung hồ sơ nhiều lần" },
  { code: "TC4", title: "Xử lý hồ sơ không đúng quy định (từ chối, dừng giải quyết, trả hồ sơ không có căn cứ)" },
];

const FACTS = [
  "Qua kiểm tra xác suất hồ sơ trên Hệ thống thông tin giải quyết thủ tục hành chính của tỉnh, Đoàn kiểm tra xác định có {n} hồ sơ đăng ký hộ tịch và chứng thực được tiếp nhận tại Bộ phận Một cửa nhưng chuyển xử lý chậm từ 02 đến 05 ngày làm việc so với thời hạn của bước. Phiếu kiểm soát quá trình (Mẫu 05) thể hiện công chức {officer} giữ hồ sơ ở bước thẩm định vượt thời hạn của bước mà không ghi lý do; ý kiến giải trình của đơn vị cho rằng do thiếu nhân sự trong thời gian cao điểm cuối năm, nhưng không kèm tài liệu chứng minh.",
  "Đối với {n} hồ sơ đã quá hạn, đơn vị không ban hành văn bản xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04) trước ít nhất 01 ngày làm việc so với ngày hẹn trả theo quy định; một số văn bản xin lỗi được ban hành sau ngày hẹn trả, chưa ghi rõ lý do quá hạn và thời gian trả kết quả mới. Người dân phải đi lại nhiều lần để hỏi kết quả, ảnh hưởng đến mức độ hài lòng của tổ chức, cá nhân.",
  "Có {n} hồ sơ bị yêu cầu bổ sung từ hai lần trở lên với nội dung không thống nhất giữa các lần yêu cầu; lần yêu cầu thứ hai nêu những giấy tờ đã có trong thành phần hồ sơ ban đầu. Việc yêu cầu bổ sung nhiều lần kéo dài thời gian giải quyết, trái với quy định tại Nghị định số 61/2018/NĐ-CP (được sửa đổi, bổ sung bởi Nghị định số 107/2021/NĐ-CP) về thực hiện cơ chế một cửa, một cửa liên thông.",
  "Đơn vị trả lại {n} hồ sơ đất đai cho người dân với lý do “chờ ý kiến cấp trên” mà không có văn bản trả lời, không nêu căn cứ pháp lý; hồ sơ được tiếp nhận lại sau đó 10 ngày làm việc nhưng thời hạn giải quyết được tính lại từ đầu, làm sai lệch số liệu đúng hạn trên hệ thống. Ông (bà) {officer} là người trực tiếp ký phiếu trả hồ sơ.",
];

const RESPONSIBILITY = [
  "Chủ tịch Ủy ban nhân dân các phường, xã được kiểm tra chịu trách nhiệm chính về những thiếu sót, vi phạm trong việc chỉ đạo, kiểm tra, đôn đốc giải quyết thủ tục hành chính tại đơn vị; chưa thực hiện nghiêm việc công khai xin lỗi tổ chức, cá nhân khi hồ sơ quá hạn.",
  "Công chức Bộ phận Một cửa và công chức chuyên môn được giao thẩm định hồ sơ chịu trách nhiệm trực tiếp đối với các hồ sơ quá hạn thuộc bước xử lý do mình đảm nhận, như đã nêu tại Mục III và Mục IV của Thông báo này.",
];

const REC_KINDS: RecommendationKind[] = ["review", "discipline", "reassign", "remedy"];
const REC_TEXT: Record<RecommendationKind, string> = {
  review: "Tổ chức kiểm điểm trách nhiệm đối với tập thể lãnh đạo và công chức có liên quan đến các hồ sơ quá hạn nêu tại Mục III",
  discipline: "Xem xét, xử lý kỷ luật theo thẩm quyền đối với công chức để hồ sơ quá hạn nhiều lần, không ghi lý do chậm trên phiếu kiểm soát quá trình",
  reassign: "Điều chuyển công chức không đáp ứng yêu cầu khỏi vị trí tiếp nhận, trả kết quả tại Bộ phận Một cửa; bố trí người thay thế có đủ năng lực",
  remedy: "Rà soát toàn bộ hồ sơ đang giải quyết, ban hành văn bản xin lỗi đối với hồ sơ quá hạn, cập nhật đầy đủ trạng thái hồ sơ lên Hệ thống thông tin giải quyết thủ tục hành chính của tỉnh",
};

const pad = (n: number, width = 4) => String(n).padStart(width, "0");

/** A notice with `findings` findings (and as many conclusion items and recommendations, at least four each). */
export function sampleConclusionNotice(options: { findings?: number; correction?: boolean } = {}): ConclusionNoticeDocument {
  const count = options.findings ?? 8;
  const findings: NoticeFinding[] = Array.from({ length: count }, (_, i) => {
    const officer = OFFICERS[i % OFFICERS.length]!;
    const n = 3 + (i % 5);
    return {
      number: i + 1,
      criterion: CRITERIA[i % CRITERIA.length]!,
      facts: FACTS[i % FACTS.length]!.replaceAll("{n}", pad(n, 2)).replaceAll("{officer}", officer.name),
      dossierCodes: Array.from({ length: n }, (_, k) => `H55.31-25${pad(((i + k) % 12) + 1, 2)}${pad(((i * 7 + k) % 28) + 1, 2)}-${pad(i * 10 + k + 1)}`),
      proposedDeduction: [5, 2.5, 4, 10][i % 4]!,
    };
  });
  const items: NoticeConclusionItem[] = Array.from({ length: Math.max(4, Math.ceil(count / 2)) }, (_, i) => {
    if (i % 4 === 3) {
      const ward = WARDS[i % WARDS.length]!;
      return {
        subject: { kind: "unit", code: ward.code, name: ward.name },
        kind: "commendation",
        content: "Đơn vị đã niêm yết công khai đầy đủ thủ tục hành chính, tỷ lệ hồ sơ trực tuyến toàn trình đạt trên 80%, chủ động rà soát và khắc phục ngay các thiếu sót trong thời gian kiểm tra.",
        points: 2,
        effect: { attributedDelays: 0, disciplineLevel: null, parIndexDeduction: 0 },
      };
    }
    if (i % 4 === 2) {
      const ward = WARDS[i % WARDS.length]!;
      return {
        subject: { kind: "unit", code: ward.code, name: ward.name },
        kind: "shortcoming",
        content: "Chưa kiểm tra, đôn đốc thường xuyên việc giải quyết hồ sơ; chưa ban hành quy chế phối hợp giữa Bộ phận Một cửa và các bộ phận chuyên môn; chưa công khai xin lỗi đối với các hồ sơ quá hạn.",
        points: 4,
        effect: { attributedDelays: 7 + i, disciplineLevel: null, parIndexDeduction: 0.5 },
      };
    }
    const officer = OFFICERS[i % OFFICERS.length]!;
    return {
      subject: { kind: "officer", code: officer.code, name: officer.name, unitName: officer.unit },
      kind: "violation",
      content: `Để ${pad(3 + i, 2)} hồ sơ quá hạn tại bước thẩm định do mình đảm nhận, không báo cáo lãnh đạo và không đề xuất văn bản xin lỗi; vi phạm trách nhiệm công vụ trong giải quyết thủ tục hành chính.`,
      points: 10,
      effect: { attributedDelays: 3 + i, disciplineLevel: i % 2 === 0 ? "Khiển trách" : null, parIndexDeduction: 0 },
    };
  });
  const recommendations: NoticeRecommendation[] = Array.from({ length: Math.max(4, Math.ceil(count / 2)) }, (_, i) => {
    const kind = REC_KINDS[i % REC_KINDS.length]!;
    return { kind, content: REC_TEXT[kind], ownerUnit: WARDS[i % WARDS.length]!.name, deadline: ["2026-03-31", "2026-04-15", "2026-01-09", "2026-02-02"][i % 4]! };
  });
  return {
    parentAgency: "UBND TỈNH QUẢNG NGÃI",
    issuingAgency: "SỞ NỘI VỤ",
    number: options.correction ? "09/TB-SNV" : "07/TB-SNV",
    place: "Quảng Ngãi",
    date: "2026-03-05",
    subject: "Kết luận kiểm tra trách nhiệm công vụ trong giải quyết thủ tục hành chính tại UBND phường Cẩm Thành và các đơn vị liên quan",
    replaces: options.correction ? { number: "05/TB-SNV", date: "2026-03-02" } : null,
    basis: {
      legalBasis: "Luật Thanh tra số 11/2022/QH15",
      legalBasisDate: "2022-11-14",
      decision: {
        number: "15/QĐ-SNV",
        date: "2026-01-09",
        signer: "Giám đốc Sở Nội vụ",
        title: "kiểm tra trách nhiệm công vụ trong giải quyết thủ tục hành chính tại một số cơ quan, đơn vị trên địa bàn tỉnh",
      },
      other: ["Xét Báo cáo kết quả kiểm tra ngày 25/02/2026 của Đoàn kiểm tra và ý kiến giải trình của các đơn vị được kiểm tra, Sở Nội vụ thông báo kết luận kiểm tra như sau:"],
    },
    scope: {
      content: "Trách nhiệm công vụ của cơ quan, đơn vị, cán bộ, công chức trong tiếp nhận, giải quyết và trả kết quả hồ sơ thủ tục hành chính; việc ban hành văn bản xin lỗi, hẹn lại ngày trả kết quả đối với hồ sơ quá hạn.",
      periodFrom: "2025-01-01",
      periodTo: "2025-12-31",
      units: WARDS,
      team: "Đoàn kiểm tra gồm 05 thành viên do bà Võ Thị Ngọc Ánh, Chánh Thanh tra Sở Nội vụ, làm Trưởng đoàn.",
    },
    findings,
    conclusionItems: items,
    responsibility: RESPONSIBILITY,
    recommendations,
    closing: "Yêu cầu Chủ tịch Ủy ban nhân dân các phường, xã nêu trên nghiêm túc thực hiện các kiến nghị tại Thông báo này và báo cáo kết quả khắc phục về Sở Nội vụ (qua Thanh tra Sở) đúng thời hạn",
    signer: { authority: "KT. GIÁM ĐỐC", title: "PHÓ GIÁM ĐỐC", name: "Huỳnh Thị Ỷ Lan" },
    recipients: ["Như Mục VI", "UBND tỉnh (để báo cáo)", "Thanh tra tỉnh", "Giám đốc, các Phó Giám đốc Sở", "Cổng thông tin điện tử Sở"],
    archive: "VT, TTr",
    verification: { sha256: SAMPLE_SHA256, url: `https://ktcv.quangngai.gov.vn/xac-thuc/${options.correction ? "09" : "07"}-TB-SNV-2026` },
  };
}

/** The monthly list for October 2026 with `units` units and `officers` officers. */
export function sampleMonthlyList(options: { units?: number; officers?: number } = {}): MonthlyListDocument {
  const units = Array.from({ length: options.units ?? 18 }, (_, i) => {
    const ward = WARDS[i % WARDS.length]!;
    return { code: `${ward.code.slice(0, 4)}${pad(31 + i, 2)}.${pad(i + 1, 2)}.H55`, name: i < WARDS.length ? ward.name : `UBND xã Đức Phổ ${pad(i, 2)} (Ặng Thượng)`, lateDossiers: 40 - i * 2 };
  });
  const officers = Array.from({ length: options.officers ?? 70 }, (_, i) => {
    const officer = OFFICERS[i % OFFICERS.length]!;
    return { code: `CB${pad(21 + i)}`, name: i < OFFICERS.length ? officer.name : `${officer.name.split(" ")[0]} Thị Ngọc Hưởng ${i}`, unitName: officer.unit, lateDossiers: Math.max(1, 15 - Math.floor(i / 5)) };
  });
  return {
    parentAgency: "UBND TỈNH QUẢNG NGÃI",
    issuingAgency: "SỞ NỘI VỤ",
    number: "45/DS-SNV",
    place: "Quảng Ngãi",
    date: "2026-11-05",
    year: 2026,
    month: 10,
    units,
    officers,
    note: "Số liệu tổng hợp từ Hệ thống thông tin giải quyết thủ tục hành chính của tỉnh; hồ sơ quá hạn được quy trách nhiệm cho cơ quan, đơn vị và cán bộ, công chức giữ bước xử lý quá hạn theo phiếu kiểm soát quá trình.",
    signer: { authority: "KT. GIÁM ĐỐC", title: "PHÓ GIÁM ĐỐC", name: "Huỳnh Thị Ỷ Lan" },
    recipients: ["UBND tỉnh (để báo cáo)", "Các sở, ban, ngành", "UBND các xã, phường, đặc khu"],
    archive: "VT, TTr",
    verification: { sha256: SAMPLE_SHA256, url: "https://ktcv.quangngai.gov.vn/xac-thuc/45-DS-SNV-2026" },
  };
}

const CYCLE = {
  reference: "DG-2026-001",
  title: "Đánh giá, xếp loại năm 2026 — Ủy ban nhân dân tỉnh Quảng Ngãi",
  period: "năm 2026",
  ruleSet: "nd335-2025 — Nghị định 335/2025/NĐ-CP (công chức, từ 01/01/2026)",
};

/** The summary of cycle DG-2026-001 with `units` units (the first capped at the PAR component's maximum). */
export function sampleAppraisalSummary(options: { units?: number } = {}): AppraisalSummaryDocument {
  const units = Array.from({ length: options.units ?? 6 }, (_, i) => {
    const ward = WARDS[i % WARDS.length]!;
    const officers = [3, 1, 2, 0, 4, 1][i % 6]!;
    return {
      code: i < WARDS.length ? ward.code : `000.${pad(35 + i, 2)}.01.H55`,
      name: i < WARDS.length ? ward.name : `UBND xã Đức Phổ ${pad(i, 2)} (Ặng Thượng)`,
      officersWithItems: officers,
      itemsCounted: officers + (i % 3),
      correctionsAcknowledged: i % 4 === 1 ? 1 : 0,
      attributedDelays: 3 * officers + (i % 3) * 7,
      parDeduction: i === 0 ? 6 : [0.5, 1.2, 0, 0.75][i % 4]!,
      parCapped: i === 0,
      ratings: { excellent: i % 5 === 0 ? 1 : 0, good: officers > 1 ? officers - 1 : 0, complete: i % 2, not_complete: i === 4 ? 1 : 0, none: i % 3 === 2 ? 1 : 0 },
    };
  });
  return {
    parentAgency: "UBND TỈNH QUẢNG NGÃI",
    issuingAgency: "SỞ NỘI VỤ",
    number: CYCLE.reference,
    place: "Quảng Ngãi",
    date: "2026-12-15",
    cycle: { ...CYCLE, scopeUnitName: "Ủy ban nhân dân tỉnh Quảng Ngãi", parTableVersion: 1, parComponentMax: 6, status: "open" },
    asOf: "2026-12-15T02:30:00.000Z",
    units,
    preparedBy: "Nguyễn Thị Thanh Tâm",
  };
}

/** The input sheet of Đặng Thị Mỹ Lệ in cycle DG-2026-001 with `items` consumed items (the last an acknowledged correction). */
export function sampleAppraisalSheet(options: { items?: number; result?: boolean } = {}): AppraisalSheetDocument {
  const officer = OFFICERS[0]!;
  const n = options.items ?? 3;
  const items = Array.from({ length: n }, (_, i) => {
    const correction = i === n - 1 && n > 1;
    return {
      notice: correction ? "09/TB-SNV" : `${pad(7 + i, 2)}/TB-SNV`,
      publicationDate: ["2026-03-05", "2026-05-02", "2026-09-14"][i % 3]!,
      position: i + 1,
      content: correction
        ? "Đính chính số hồ sơ chậm tại nội dung đã kết luận: 04 hồ sơ (không phải 05 hồ sơ) quá hạn tại bước thẩm định."
        : `Để ${pad(3 + i, 2)} hồ sơ quá hạn tại bước thẩm định do mình đảm nhận, không báo cáo lãnh đạo và không đề xuất văn bản xin lỗi; vi phạm trách nhiệm công vụ trong giải quyết thủ tục hành chính.`,
      effect: correction ? "Vi phạm: trừ 10 điểm; 4 hồ sơ chậm do đối tượng" : `Vi phạm: trừ 10 điểm; ${3 + i} hồ sơ chậm do đối tượng${i === 0 ? "; đề xuất khiển trách" : ""}`,
      mode: correction ? ("acknowledged" as const) : ("counted" as const),
      modeText: correction ? "Đã xác nhận đính chính (không tính lại)" : "Đã ghi nhận vào đánh giá",
      consumer: i === 1 ? "phần mềm Quản lý cán bộ tỉnh (qua API)" : "Nguyễn Thị Thanh Tâm",
      consumedAt: ["2026-03-10T02:15:00.000Z", "2026-05-06T08:40:00.000Z", "2026-09-20T01:05:00.000Z"][i % 3]!,
      channel: i === 1 ? "API" : "Trang KTCV",
      taskTitle: i === 0 ? "Thẩm định hồ sơ hộ tịch, chứng thực" : null,
    };
  });
  return {
    parentAgency: "UBND TỈNH QUẢNG NGÃI",
    issuingAgency: "SỞ NỘI VỤ",
    place: "Quảng Ngãi",
    date: "2026-12-15",
    officer: { code: officer.code, name: officer.name, unitName: officer.unit, category: "Công chức" },
    cycle: CYCLE,
    items,
    result:
      options.result === false
        ? null
        : {
            proposal: {
              rating: "Hoàn thành nhiệm vụ",
              points: 68.5,
              reasons: ["Nhiệm vụ “Thẩm định hồ sơ hộ tịch, chứng thực” bị trừ 25% điểm tiến độ cho mỗi hồ sơ chậm (khoản 2 Điều 10 Nghị định 335/2025/NĐ-CP)"],
            },
            finalRating: "Hoàn thành tốt nhiệm vụ",
            finalPoints: 71,
            reason: "Hội đồng đánh giá xác định 01 hồ sơ chậm do hệ thống một cửa gặp sự cố, không do cán bộ; điểm tiến độ được tính lại",
            recordedBy: "Lê Hoàng Phúc",
            recordedAt: "2026-12-12T03:20:00.000Z",
          },
    preparedBy: "Nguyễn Thị Thanh Tâm",
  };
}
