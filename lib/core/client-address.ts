import "server-only";

/**
 * The client's address as the portal's own HTTP server determined it (the socket, or with trusted proxy
 * hops the address the last trusted hop saw). Stub until the edge work lands: every caller keys on this.
 */
export function clientAddress(_headers: Headers): string {
  return "unknown";
}
