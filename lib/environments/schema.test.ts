import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { createEnvironmentSchema, ENVIRONMENT_PRESETS, updateFormSchema } from "@/lib/environments/schema";

const messages = (r: z.ZodSafeParseResult<unknown>) =>
  r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);

const tt02 = {
  slug: "tt02",
  kind: "test",
  name: "Test (tt02)",
  vendorOrgNo: "991825827",
  clientId: "0b0f6e0a-6f59-4c3e-9f7e-2a4f6d1c9b10",
  scopes: "altinn:authentication/systemregister.write altinn:authentication/systemuser.request.write",
  ...ENVIRONMENT_PRESETS.test,
  confirmUrlHosts: "am.ui.tt02.altinn.no",
} as const;

describe("createEnvironmentSchema", () => {
  it("accepts the tt02 preset, splits lists and turns empty optional URLs into null", () => {
    const r = createEnvironmentSchema.parse({ ...tt02, serviceOwnerTestUrl: "" });
    expect(r).toMatchObject({
      scopes: ["altinn:authentication/systemregister.write", "altinn:authentication/systemuser.request.write"],
      confirmUrlHosts: ["am.ui.tt02.altinn.no"],
      digdirApiUrl: null,
      serviceOwnerTestUrl: null,
      systemUserScopes: [],
      altinnBaseUrl: "https://platform.tt02.altinn.no",
      maskinportenIssuer: "https://test.maskinporten.no/",
    });
  });

  it("presets match CONTRACT §0 for both kinds", () => {
    expect(ENVIRONMENT_PRESETS.production).toEqual({
      maskinportenIssuer: "https://maskinporten.no/",
      maskinportenTokenUrl: "https://maskinporten.no/token",
      altinnBaseUrl: "https://platform.altinn.no",
      confirmUrlHosts: ["am.ui.altinn.no"],
      digdirApiUrl: "https://integrasjon.difi.no",
      idportenIssuer: "https://idporten.no",
    });
    expect(ENVIRONMENT_PRESETS.test.idportenIssuer).toBe("https://test.idporten.no");
    expect(
      createEnvironmentSchema.safeParse({
        ...tt02,
        kind: "production",
        ...ENVIRONMENT_PRESETS.production,
        confirmUrlHosts: "am.ui.altinn.no",
      }).success,
    ).toBe(true);
  });

  it("checks the vendor org number's mod-11 digit", () => {
    expect(messages(createEnvironmentSchema.safeParse({ ...tt02, vendorOrgNo: "991825828" }))).toEqual([
      "vendorOrgNo: errors.orgNoChecksum",
    ]);
    expect(messages(createEnvironmentSchema.safeParse({ ...tt02, vendorOrgNo: "99182582" }))[0]).toBe(
      "vendorOrgNo: errors.orgNoFormat",
    );
    expect(createEnvironmentSchema.parse({ ...tt02, vendorOrgNo: "991 825 827" }).vendorOrgNo).toBe("991825827");
  });

  it.each(["maskinportenIssuer", "maskinportenTokenUrl", "altinnBaseUrl", "digdirApiUrl", "idportenIssuer"] as const)(
    "refuses plain http and garbage in %s",
    (field) => {
      for (const value of [
        "http://platform.tt02.altinn.no",
        "http://127.0.0.1:4010",
        "platform.tt02.altinn.no",
        "ftp://x.example",
      ]) {
        expect(messages(createEnvironmentSchema.safeParse({ ...tt02, [field]: value }))).toEqual([
          `${field}: envs.errors.https`,
        ]);
      }
    },
  );

  it("requires {orgNo} in the service-owner test URL, and https", () => {
    expect(
      messages(
        createEnvironmentSchema.safeParse({
          ...tt02,
          serviceOwnerTestUrl: "https://api.skatteetaten.no/skattegrunnlag",
        }),
      ),
    ).toEqual(["serviceOwnerTestUrl: envs.errors.orgNoPlaceholder"]);
    expect(
      messages(createEnvironmentSchema.safeParse({ ...tt02, serviceOwnerTestUrl: "http://api.example/{orgNo}" }))[0],
    ).toBe("serviceOwnerTestUrl: envs.errors.https");
    expect(
      createEnvironmentSchema.parse({ ...tt02, serviceOwnerTestUrl: "https://api.example/v1/{orgNo}/x" })
        .serviceOwnerTestUrl,
    ).toBe("https://api.example/v1/{orgNo}/x");
  });

  it("takes lowercase a-z, 0-9 and - as slug, nothing else", () => {
    for (const slug of ["tt02", "prod", "test-2", "0a"])
      expect(createEnvironmentSchema.safeParse({ ...tt02, slug }).success).toBe(true);
    for (const slug of ["TT02", "-lead", "", "tt 02", "prøve", "a_b", "a/b", "x".repeat(41)]) {
      expect(messages(createEnvironmentSchema.safeParse({ ...tt02, slug }))).toEqual(["slug: envs.errors.slug"]);
    }
  });

  it("never creates a second emulator", () => {
    expect(createEnvironmentSchema.safeParse({ ...tt02, kind: "emulator" }).success).toBe(false);
  });

  it("validates confirm-URL hosts as host[:port], lowercased, and requires at least one", () => {
    expect(
      createEnvironmentSchema.parse({ ...tt02, confirmUrlHosts: "AM.UI.tt02.altinn.no:443, am.example:8443" })
        .confirmUrlHosts,
    ).toEqual(["am.ui.tt02.altinn.no", "am.example:8443"]);
    for (const bad of [
      "https://am.ui.tt02.altinn.no",
      "am.ui.tt02.altinn.no/path",
      "user@host",
      "-x.example",
      "host:port",
    ]) {
      expect(messages(createEnvironmentSchema.safeParse({ ...tt02, confirmUrlHosts: `ok.example ${bad}` }))).toEqual([
        "confirmUrlHosts.1: envs.errors.host",
      ]);
    }
    expect(messages(createEnvironmentSchema.safeParse({ ...tt02, confirmUrlHosts: " " }))).toEqual([
      "confirmUrlHosts: envs.errors.hostsRequired",
    ]);
    expect(messages(createEnvironmentSchema.safeParse({ ...tt02, confirmUrlHosts: "a.example a.example" }))).toEqual([
      "confirmUrlHosts: envs.errors.duplicate",
    ]);
  });

  it("requires scopes and refuses odd characters in them", () => {
    expect(messages(createEnvironmentSchema.safeParse({ ...tt02, scopes: "" }))).toEqual([
      "scopes: envs.errors.scopesRequired",
    ]);
    expect(messages(createEnvironmentSchema.safeParse({ ...tt02, scopes: 'ok:scope bad"scope' }))).toEqual([
      "scopes.1: envs.errors.scope",
    ]);
  });
});

describe("updateFormSchema", () => {
  const { slug, kind, ...settings } = tt02;
  void [slug, kind];
  const id = "0b0f6e0a-6f59-4c3e-9f7e-2a4f6d1c9b10";

  it("requires the URLs when they are editable and takes none when fixed (emulator)", () => {
    expect(updateFormSchema.safeParse({ ...settings, id, urls: "editable" }).success).toBe(true);
    const withoutBase = { ...settings, altinnBaseUrl: undefined };
    expect(messages(updateFormSchema.safeParse({ ...withoutBase, id, urls: "editable" }))[0]).toMatch(
      /^altinnBaseUrl: /,
    );
    const fixed = updateFormSchema.parse({ ...settings, id, urls: "fixed" });
    expect(fixed).not.toHaveProperty("altinnBaseUrl");
    expect(fixed).not.toHaveProperty("maskinportenIssuer");
  });
});
