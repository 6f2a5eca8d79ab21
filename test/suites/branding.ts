import { randomUUID } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import type { EnvironmentView } from "@/lib/environments/types";
import type { PortalRef } from "../flow-suite";
import { expectAppError } from "../helpers";
import { seedBareEnvironment } from "../seed";

// Issue 16, branded customer pages: refusals that leave nothing half-written (a bad logo, a colour that fails
// WCAG AA), a system's override winning field by field, roles, the audit record (the logo as its hash) and the
// logo route. Everything happens in environments of the suite's own, so the Local environment's pages keep
// their look for every other group. No org numbers are needed (ORG_BLOCKS.branding is reserved for it).

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const pngOf = (size: number, seed = 0) => {
  const b = new Uint8Array(size);
  b.set(PNG);
  b[size - 1] = seed;
  return b;
};
const SVG = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
const GIF = new TextEncoder().encode("GIF89a\x01\x00\x01\x00");
const GOOD = { displayName: "Regnskap AS", colour: "#0B4F8A", supportEmail: "hjelp@regnskap.no" };

export function brandingTests(ref: PortalRef) {
  let env: EnvironmentView;
  let systemId: string;
  let otherSystemId: string;
  const rows = async () => ({
    env: await ref().db.environmentBranding.count({ where: { environmentId: env.id } }),
    sys: await ref().db.systemBranding.count({ where: { environmentId: env.id } }),
    audit: await ref().db.auditEvent.count({ where: { environmentId: env.id } }),
  });
  const m = () => import("@/lib/branding/write");
  const q = () => import("@/lib/branding/queries");

  beforeAll(async () => {
    const p = ref();
    const bare = await seedBareEnvironment(p, "brand");
    env = await p.m.environments.loadEnvironmentById(bare.id);
    const system = (name: string) =>
      p.db.system.create({
        data: {
          environmentId: env.id,
          systemId: `991825827_${name}`,
          name: { nb: name, nn: name, en: name },
          description: { nb: "x", nn: "x", en: "x" },
          accessPackages: [],
          clientIds: [],
          redirectUrls: [],
          altinnInternalId: randomUUID(),
        },
        select: { id: true },
      });
    systemId = (await system("brand-a")).id;
    otherSystemId = (await system("brand-b")).id;
  });

  it("refuses a logo that is SVG, not an image or too big, and a bad logo beside a good colour saves nothing", async () => {
    const { saveEnvironmentBranding } = await m();
    const admin = ref().actors.admin;
    const before = await rows();
    for (const [upload, key] of [
      [SVG, "brand.errors.logoSvg"],
      [GIF, "brand.errors.logoType"],
      [pngOf(256 * 1024 + 1), "brand.errors.logoSize"],
    ] as const) {
      const err = await expectAppError(saveEnvironmentBranding(admin, env.id, GOOD, upload), "invalid_branding", 400);
      expect(err.fieldErrors).toEqual({ logo: [key] });
      expect(err.userMessage.nb).toMatch(/^Ingenting ble lagret\./);
      expect(err.userMessage.en).toMatch(/^Nothing was saved\./);
    }
    // A file named .png is judged by its bytes: SVG with a PNG name is still SVG (the route never sees a name).
    expect(await rows()).toEqual(before);
  });

  it("refuses a colour that fails WCAG AA against white text or the page, naming the ratios in both languages", async () => {
    const { saveEnvironmentBranding } = await m();
    const admin = ref().actors.admin;
    const before = await rows();
    const err = await expectAppError(
      saveEnvironmentBranding(admin, env.id, { ...GOOD, colour: "#ffcc00" }, pngOf(100)),
      "invalid_branding",
    );
    expect(err.fieldErrors).toEqual({ colour: ["brand.errors.contrast"] });
    expect(err.userMessage.nb).toContain("#ffcc00 har kontrast 1.");
    expect(err.userMessage.en).toMatch(/against white text .* at least 4\.5:1/);
    // #767676 passes on white (4.54:1) but not on the page's slate-50 background (4.34:1).
    const grey = await expectAppError(
      saveEnvironmentBranding(admin, env.id, { colour: "#767676" }, null),
      "invalid_branding",
    );
    expect(grey.userMessage.en).toContain("4.54:1 against white text and 4.34:1 against the page background");
    // Bad contact details are refused in the same way, all at once.
    const bad = await expectAppError(
      saveEnvironmentBranding(
        admin,
        env.id,
        { colour: "blue", supportEmail: "nope", supportPhone: "ring meg", supportUrl: "http://x.no" },
        SVG,
      ),
      "invalid_branding",
    );
    expect(Object.keys(bad.fieldErrors ?? {}).sort()).toEqual([
      "colour",
      "logo",
      "supportEmail",
      "supportPhone",
      "supportUrl",
    ]);
    expect(await rows()).toEqual(before);
  });

  it("only admins edit; operators and auditors may look", async () => {
    const { saveEnvironmentBranding, saveSystemBranding, resetEnvironmentBranding } = await m();
    const p = ref();
    for (const who of [p.actors.operator, p.actors.auditor]) {
      await expectAppError(saveEnvironmentBranding(who, env.id, GOOD, null), "forbidden", 403);
      await expectAppError(saveSystemBranding(p.scope(who, env), systemId, GOOD, null), "forbidden", 403);
      await expectAppError(resetEnvironmentBranding(who, env.id), "forbidden", 403);
    }
    await expect((await q()).getEnvironmentBranding(p.actors.auditor, env.id)).resolves.toBeNull();
  });

  it("saves, audits before and after with the logo as its hash (never its bytes), and a repeat records nothing", async () => {
    const { saveEnvironmentBranding } = await m();
    const p = ref();
    const logo = pngOf(2048, 1);
    const hash = (await import("node:crypto")).createHash("sha256").update(logo).digest("hex");
    await expect(saveEnvironmentBranding(p.actors.admin, env.id, GOOD, logo)).resolves.toMatchObject({
      changed: expect.arrayContaining(["displayName", "colour", "supportEmail", "logoHash"]),
    });
    const event = await p.db.auditEvent.findFirstOrThrow({
      where: { environmentId: env.id, action: "environment.branding" },
      orderBy: { seq: "desc" },
    });
    expect(event).toMatchObject({ targetType: "environment", targetId: env.id, outcome: "success" });
    expect(event.detail).toEqual({
      before: { displayName: null, colour: null, supportEmail: null, logoHash: null },
      after: {
        displayName: "Regnskap AS",
        colour: "#0b4f8a",
        supportEmail: "hjelp@regnskap.no",
        logoHash: `sha256:${hash}`,
      },
    });
    expect(JSON.stringify(event.detail).length).toBeLessThan(600);
    const before = await rows();
    await expect(saveEnvironmentBranding(p.actors.admin, env.id, GOOD, null)).resolves.toEqual({ changed: [] });
    expect(await rows()).toEqual(before);
  });

  it("a system's override wins field by field; its reset falls back to the environment", async () => {
    const { saveSystemBranding, resetSystemBranding } = await m();
    const { resolveBranding } = await q();
    const p = ref();
    const scope = p.scope(p.actors.admin, env);
    await saveSystemBranding(
      scope,
      systemId,
      { displayName: "Lønn AS", supportPhone: "+47 22 33 44 55" },
      pngOf(64, 2),
    );
    const sys = await resolveBranding(env.id, systemId);
    expect(sys).toMatchObject({
      displayName: "Lønn AS",
      colour: "#0b4f8a",
      support: { email: "hjelp@regnskap.no", phone: "+47 22 33 44 55", url: null },
    });
    expect(sys.logoUrl).toMatch(
      new RegExp(`^http://127\\.0\\.0\\.1:3999/brand/logo/s/${systemId}/[0-9a-f]{64}\\.png$`),
    );
    const other = await resolveBranding(env.id, otherSystemId);
    expect(other).toMatchObject({ displayName: "Regnskap AS", support: { phone: null } });
    expect(other.logoUrl).toContain(`/brand/logo/e/${env.id}/`);
    // Another environment's system id counts as none: that environment's override never leaks in.
    expect((await resolveBranding(p.environmentId, systemId)).displayName).toBeNull();
    const audit = await p.db.auditEvent.findFirstOrThrow({
      where: { environmentId: env.id, action: "system.branding" },
      orderBy: { seq: "desc" },
    });
    expect(audit).toMatchObject({ targetType: "system", targetId: "991825827_brand-a" });
    await expect(resetSystemBranding(scope, systemId)).resolves.toEqual({ reset: true });
    expect(await resolveBranding(env.id, systemId)).toEqual(other);
    expect(
      await p.db.auditEvent.findFirstOrThrow({ where: { environmentId: env.id }, orderBy: { seq: "desc" } }),
    ).toMatchObject({ action: "system.branding_reset", detail: { before: { displayName: "Lønn AS" } } });
    await expect(resetSystemBranding(scope, systemId)).resolves.toEqual({ reset: false });
  });

  it("serves the logo by its hash with a long cache and nosniff; a replaced logo's old URL is a 404", async () => {
    const { saveEnvironmentBranding } = await m();
    const { resolveBranding } = await q();
    const { GET } = await import("@/app/brand/logo/[owner]/[id]/[file]/route");
    const p = ref();
    const get = (url: string) => {
      const [owner = "", id = "", file = ""] = new URL(url).pathname.split("/").slice(3);
      return GET(new Request(url), { params: Promise.resolve({ owner, id, file }) });
    };
    const first = (await resolveBranding(env.id)).logoUrl ?? "";
    const res = await get(first);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("cache-control")).toContain("immutable");
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(pngOf(2048, 1));
    await saveEnvironmentBranding(p.actors.admin, env.id, GOOD, pngOf(4096, 3));
    const second = (await resolveBranding(env.id)).logoUrl ?? "";
    expect(second).not.toBe(first);
    expect((await get(first)).status).toBe(404);
    expect((await get(second)).status).toBe(200);
    expect((await get(second.replace(/\.png$/, ".svg"))).status).toBe(404);
    // Removing the logo keeps the rest.
    await saveEnvironmentBranding(p.actors.admin, env.id, { ...GOOD, removeLogo: true }, null);
    expect(await resolveBranding(env.id)).toMatchObject({ logoUrl: null, displayName: "Regnskap AS" });
  });

  it("the hourly cap's plain page shows the vendor, with every value escaped", async () => {
    const { saveSystemBranding } = await m();
    const { capReachedResponse } = await import("@/lib/onboarding/cap-page");
    const { publicCapReached } = await import("@/lib/onboarding/public-cap");
    const p = ref();
    await saveSystemBranding(
      p.scope(p.actors.admin, env),
      otherSystemId,
      { displayName: 'Evil <script>alert("x")</script> AS', supportUrl: "https://hjelp.example.no/?a=1&b=<2>" },
      pngOf(64, 9),
    );
    const res = await capReachedResponse(
      publicCapReached(120, { id: otherSystemId, environmentId: env.id, systemId: "991825827_brand-b" }),
    );
    expect(res?.status).toBe(429);
    const html = (await res?.text()) ?? "";
    expect(html).toContain("<strong>Evil &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; AS</strong>");
    expect(html).not.toContain("<script>");
    expect(html).toContain('href="https://hjelp.example.no/?a=1&amp;b=&lt;2&gt;"');
    expect(html).toContain("mailto:hjelp@regnskap.no"); // the environment's e-mail, inherited
    expect(html).toMatch(new RegExp(`<img src="/brand/logo/s/${otherSystemId}/[0-9a-f]{64}\\.png" alt="Logo for Evil`));
  });
}
