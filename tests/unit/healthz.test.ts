import { describe, expect, it } from "vitest";
import { loader } from "../../app/routes/healthz.js";

describe("the health route", () => {
  it("answers a plain «ok» that nothing caches, without a session or the database", async () => {
    const response = loader();
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    expect(await response.text()).toBe("ok");
  });
});
