import { describe, expect, it } from "vitest";
import { canonicalJson } from "../../app/domain/canonical-json.js";

describe("canonical JSON", () => {
  it("sorts keys at every depth, so key order does not change the text", () => {
    const a = { b: 1, a: { d: [3, { z: true, y: null }], c: "x" } };
    const b = { a: { c: "x", d: [3, { y: null, z: true }] }, b: 1 };
    expect(canonicalJson(a)).toBe('{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}');
    expect(canonicalJson(b)).toBe(canonicalJson(a));
  });

  it("keeps array order, which carries meaning (step numbers, event order)", () => {
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
  });

  it("orders keys by code point, not by locale", () => {
    expect(canonicalJson({ b: 1, B: 2, á: 3, a: 4 })).toBe('{"B":2,"a":4,"b":1,"á":3}');
  });

  it("writes Vietnamese text as is and escapes only what JSON must", () => {
    expect(canonicalJson({ tên: "Đăng ký khai tử \"mới\"\n" })).toBe('{"tên":"Đăng ký khai tử \\"mới\\"\\n"}');
  });

  it("drops undefined members like JSON does, and writes undefined in arrays as null", () => {
    expect(canonicalJson({ a: undefined, b: [undefined] })).toBe('{"b":[null]}');
  });

  it("parses back to an equal value", () => {
    const value = { code: "000.00.07.H55-251121-0001", steps: [{ stepNo: 1, finishedAt: null }], n: -1.5 };
    expect(JSON.parse(canonicalJson(value))).toEqual(value);
  });

  it("refuses values JSON cannot hold faithfully", () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson({ n: Infinity })).toThrow(TypeError);
    expect(() => canonicalJson({ at: new Date(0) })).toThrow(TypeError);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(TypeError);
  });
});
