// Vietnamese users often type names without diacritics ("hung" for "Hùng"). Both the browser-side unit
// filter and the SQL searches fold text the same way: every accented letter to its base letter.
const ACCENTED =
  "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ" +
  "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ";
const BASE =
  "aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd" +
  "AAAAAAAAAAAAAAAAAEEEEEEEEEEEIIIIIOOOOOOOOOOOOOOOOOUUUUUUUUUUUYYYYYD";

/** The two argument strings of SQL `translate(text, from, to)` that fold Vietnamese letters. */
export const FOLD_FROM = ACCENTED;
export const FOLD_TO = BASE;

const map = new Map([...ACCENTED].map((c, i) => [c, BASE[i]!]));

/** Lower case without diacritics: "Cẩm Thành" → "cam thanh". */
export function foldVietnamese(text: string): string {
  return [...text.normalize("NFC")].map((c) => map.get(c) ?? c).join("").toLowerCase();
}
