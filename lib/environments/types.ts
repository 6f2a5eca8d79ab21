import type { Actor } from "@/lib/auth/actor";

/** An environment's settings as the data layer and the integrations see them (never its keys). */
export type EnvironmentView = {
  id: string;
  slug: string;
  name: string;
  kind: "emulator" | "test" | "production";
  vendorOrgNo: string;
  clientId: string;
  scopes: string[];
  maskinportenIssuer: string;
  maskinportenTokenUrl: string;
  altinnBaseUrl: string;
  confirmUrlHosts: string[];
  digdirApiUrl: string | null;
  serviceOwnerTestUrl: string | null;
  systemUserScopes: string[];
  autoRenewExpired: boolean;
  idportenIssuer: string | null;
  idportenClientId: string | null;
  /** Brønnøysund's Entity Register base URL; null: not configured (pre-flight cannot check). */
  entityRegisterUrl: string | null;
};

/**
 * Who is acting and in which environment. The action wrapper and the page helpers resolve it once;
 * every read and write takes it and puts the environment in its query's where, so an id from
 * another environment is simply not found.
 */
export type Scope = { actor: Actor | null; environment: EnvironmentView };
