import { describe, expect, it } from "vitest";
import { problemToError } from "@/lib/integrations/altinn/problems";
import { nb } from "@/lib/i18n/nb";
import { en } from "@/lib/i18n/en";
import { isMessageKey } from "@/lib/i18n";
import {
  CREATE_FORM_ALIASES,
  fieldErrorsFromProblem,
  VLD_CODES,
  VLD_FIELDS,
  vldMessageKey,
  type VldCode,
} from "./vld-fields";

/** An AltinnValidationProblemDetails as Altinn (and the emulator) sends it (CONTRACT §7.1). */
function problem(code: string, path: string) {
  return {
    type: "urn:altinn:error:STD-00000",
    title: "One or more validation errors occurred.",
    status: 400,
    code: "STD-00000",
    traceId: "00-abc-def-00",
    validationErrors: [{ code, title: "Altinn's title", paths: [path] }],
  };
}

// The code → (Altinn's path, the field a user sees it at), from CONTRACT §7.3.
const EXPECTED: Record<VldCode, [string, string]> = {
  "AUTH.VLD-00000": ["/registersystemrequest/vendor/id", "vendor"],
  "AUTH.VLD-00001": ["/registersystemrequest/systemid", "systemId"],
  "AUTH.VLD-00002": ["/registersystemrequest/systemid", "systemId"],
  "AUTH.VLD-00003": ["/registersystemrequest/rights/resource", "rights"],
  "AUTH.VLD-00004": ["/registersystemrequest/clientid", "clientIds"],
  "AUTH.VLD-00005": ["/registersystemrequest/allowedredirecturls", "redirectUrls"],
  "AUTH.VLD-00006": ["/registersystemrequest/rights/resource", "rights"],
  "AUTH.VLD-00007": ["/registersystemrequest/accesspackages", "accessPackages"],
  "AUTH.VLD-00008": ["/registersystemrequest/accesspackages", "accessPackages"],
  "AUTH.VLD-00009": ["/registersystemrequest/rights/resource", "rights"],
  "AUTH.VLD-00011": ["/registersystemrequest/clientid", "clientIds"],
  "AUTH.VLD-00012": ["/registersystemrequest/systemid", "systemId"],
  "AUTH.VLD-00013": ["/registersystemrequest/systemid", "systemId"],
  "AUTH.VLD-00014": ["?agent", "agent"],
  "AUTH.VLD-00015": ["?agent", "agent"],
  "AUTH.VLD-00016": ["?client", "client"],
  "AUTH.VLD-00017": ["/registersystemrequest/rights/resource", "rights"],
  "AUTH.VLD-00018": ["/registersystemrequest/accesspackages", "isVisible"],
};

describe("AUTH.VLD code → field", () => {
  it("covers every code CONTRACT §7.3 defines (00000–00018 without 00010)", () => {
    expect(VLD_CODES.sort()).toEqual(Object.keys(EXPECTED).sort());
    expect(VLD_CODES).not.toContain("AUTH.VLD-00010");
  });

  it.each(Object.entries(EXPECTED))(
    "%s lands at its field with a plain bokmål and English message",
    (code, [path, field]) => {
      const errors = fieldErrorsFromProblem(problem(code, path));
      const key = vldMessageKey(code as VldCode);
      expect(errors).toEqual({ [field]: [key] });
      expect(isMessageKey(key)).toBe(true);
      if (!isMessageKey(key)) return;
      expect(nb[key]).toContain(`(${code})`);
      expect(en[key]).toContain(`(${code})`);
      expect(nb[key]).not.toBe(en[key]);
      // The same mapping reaches forms through the Altinn client's error.
      expect(problemToError(400, problem(code, path), "").fieldErrors).toEqual({ [field]: [key] });
    },
  );

  it("puts several errors at their own fields, and renames fields for the create form", () => {
    const body = {
      ...problem("AUTH.VLD-00013", "/registersystemrequest/systemid"),
      validationErrors: [
        { code: "AUTH.VLD-00013", paths: ["/registersystemrequest/systemid"] },
        { code: "AUTH.VLD-00005", paths: ["/registersystemrequest/allowedredirecturls"] },
        { code: "AUTH.VLD-00004", paths: ["/registersystemrequest/clientid"] },
        { code: "AUTH.VLD-00004", paths: ["/registersystemrequest/clientid"] },
      ],
    };
    expect(fieldErrorsFromProblem(body, CREATE_FORM_ALIASES)).toEqual({
      name: ["sysreg.vld.00013"],
      redirectUrl: ["sysreg.vld.00005"],
      clientIds: ["sysreg.vld.00004"],
    });
  });

  it("keeps an unknown code visible on the form, and ignores bodies that are not validation problems", () => {
    expect(fieldErrorsFromProblem(problem("AUTH.VLD-00099", "/x"))).toEqual({ _form: ["AUTH.VLD-00099"] });
    expect(fieldErrorsFromProblem({ type: "urn:altinn:error:AUTH-00011", code: "AUTH-00011", status: 404 })).toBeNull();
    expect(fieldErrorsFromProblem("System with ID 'x' not found.")).toBeNull();
    expect(problemToError(404, null, "System with ID 'x' not found.").fieldErrors).toBeUndefined();
  });

  it("maps each code to exactly one field", () => {
    for (const code of VLD_CODES) expect(typeof VLD_FIELDS[code]).toBe("string");
  });
});
