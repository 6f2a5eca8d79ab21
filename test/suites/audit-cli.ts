import type { PortalRef } from "../flow-suite";

export function auditCliTests(_ref: PortalRef) {}
