import { describe, expect, it } from "vitest";
import { listCodes, parseDossierCodes } from "../../app/domain/dossier-codes.js";

describe("dossier codes typed by an inspector", () => {
  it("are read one per line, comma- or semicolon-separated, or as a pasted spreadsheet column", () => {
    expect(parseDossierCodes("000.00.07.H55-251121-0001\n000.31.06.H55-251120-0001")).toEqual(["000.00.07.H55-251121-0001", "000.31.06.H55-251120-0001"]);
    expect(parseDossierCodes(" A-1, A-2;A-3\r\n\tA-4 ,, \n")).toEqual(["A-1", "A-2", "A-3", "A-4"]);
  });

  it("are kept once each, in the order first given", () => {
    expect(parseDossierCodes("B, A, B\nA")).toEqual(["B", "A"]);
  });

  it("are normalised to NFC, as imports store them", () => {
    expect(parseDossierCodes("HS-Đ\u0301")).toEqual(["HS-Đ\u0301".normalize("NFC")]);
  });

  it("are nothing when the text is blank", () => {
    expect(parseDossierCodes(" \n , ")).toEqual([]);
  });
});

describe("a list of codes in a message", () => {
  it("names every code up to the limit, then says how many more", () => {
    expect(listCodes(["A", "B"])).toBe("A, B");
    expect(listCodes(["A", "B", "C", "D"], 2)).toBe("A, B và 2 mã khác");
  });
});
