import { describe, expect, it } from "vitest";
import { encodeRequestCursor, requestFilterSchema } from "@/lib/requests/list-schema";

describe("requests list filter", () => {
  it("round-trips the keyset cursor exactly (millisecond createdAt and the id)", () => {
    const row = { createdAt: new Date("2026-11-26T01:02:03.456Z"), id: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d" };
    expect(requestFilterSchema.parse({ cursor: encodeRequestCursor(row) }).cursor).toEqual(row);
  });

  it("keeps digits of an org number typed with spaces or dots, and drops what is not one", () => {
    expect(requestFilterSchema.parse({ q: "310 904.473" }).q).toBe("310904473");
    expect(requestFilterSchema.parse({ q: "Bakeri" }).q).toBeUndefined();
    expect(requestFilterSchema.parse({ q: "1234567890" }).q).toBeUndefined();
  });

  it("drops a forged cursor or an unknown status instead of failing (a stale bookmark shows page one)", () => {
    expect(requestFilterSchema.parse({ cursor: "1.not-a-uuid", status: "Opened" })).toEqual({
      cursor: undefined,
      status: undefined,
      q: undefined,
    });
    expect(requestFilterSchema.parse({ cursor: "abc.0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d" }).cursor).toBeUndefined();
    expect(requestFilterSchema.parse({ status: ["Accepted", "New"] }).status).toBe("Accepted");
  });
});
