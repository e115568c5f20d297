// CSRF by Origin and the document policy (issue 7): what the server refuses before any route runs.
import { describe, expect, it } from "vitest";
import { crossOriginRefusal, documentPolicy, type MutationRequest } from "../../app/security-headers.server.js";

const post = (over: Partial<MutationRequest>): MutationRequest => ({
  method: "POST",
  ownOrigin: "http://localhost:3000",
  publicOrigin: null,
  origin: "http://localhost:3000",
  secFetchSite: "same-origin",
  authorization: null,
  cookie: "ktcv_session=abc",
  ...over,
});

describe("mutations from another site", () => {
  it("lets the app's own forms through, and the public address behind a proxy", () => {
    expect(crossOriginRefusal(post({}))).toBeNull();
    expect(crossOriginRefusal(post({ ownOrigin: "http://10.0.0.5:3000", publicOrigin: "https://ktcv.quangngai.gov.vn", origin: "https://ktcv.quangngai.gov.vn" }))).toBeNull();
  });

  it("refuses a POST whose Origin is another site, naming it, even with a session cookie", () => {
    expect(crossOriginRefusal(post({ origin: "https://evil.example" }))).toBe("Yêu cầu thay đổi dữ liệu từ trang khác (https://evil.example) bị từ chối.");
    expect(crossOriginRefusal(post({ method: "DELETE", origin: "null" }))).toContain("bị từ chối");
  });

  it("refuses what the browser marks cross-site when it sends no Origin", () => {
    expect(crossOriginRefusal(post({ origin: null, secFetchSite: "cross-site" }))).toContain("bị từ chối");
    expect(crossOriginRefusal(post({ origin: null, secFetchSite: null }))).toBeNull();
  });

  it("never blocks reading, nor API calls that carry a token and no cookie", () => {
    expect(crossOriginRefusal(post({ method: "GET", origin: "https://evil.example" }))).toBeNull();
    expect(crossOriginRefusal(post({ origin: "https://hrm.example", authorization: "Bearer ktcv_x", cookie: null }))).toBeNull();
    expect(crossOriginRefusal(post({ origin: "https://hrm.example", authorization: "Bearer ktcv_x" }))).toContain("bị từ chối");
  });
});

describe("the document policy", () => {
  it("allows scripts only from the app or with this response's nonce, and no framing", () => {
    const policy = documentPolicy("abc123");
    expect(policy).toContain("script-src 'self' 'nonce-abc123'");
    expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
  });
});
