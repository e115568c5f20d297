// Security headers (issue 7): the content security policy of HTML documents, with a nonce for the
// inline scripts Remix and Mantine write, and the headers every response carries.
import { randomBytes } from "node:crypto";

export function newNonce(): string {
  return randomBytes(16).toString("base64");
}

/** The policy of an HTML document: scripts only from this origin or carrying the nonce; no framing. */
export function documentPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    // Mantine sets style attributes and writes its CSS variables in a <style> element.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Headers for every response, documents, files and the API alike. */
export const COMMON_SECURITY_HEADERS: Record<string, string> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "same-origin",
  "X-Frame-Options": "DENY",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
};

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export type MutationRequest = {
  method: string;
  /** The request's own origin as the server sees it, e.g. http://localhost:3000. */
  ownOrigin: string;
  /** PUBLIC_URL's origin when the app sits behind a proxy. */
  publicOrigin: string | null;
  origin: string | null;
  secFetchSite: string | null;
  authorization: string | null;
  cookie: string | null;
};

/**
 * Why a mutation is refused as cross-origin (CSRF), or null. Browsers send Origin on every POST; a
 * request whose Origin is another site's is refused, and so is one a browser marks cross-site. API calls
 * with a Bearer token and no cookie carry no ambient authority and are not browser form posts.
 */
export function crossOriginRefusal(r: MutationRequest): string | null {
  if (SAFE_METHODS.has(r.method.toUpperCase())) return null;
  if (r.authorization?.startsWith("Bearer ") && !r.cookie) return null;
  const allowed = [r.ownOrigin, r.publicOrigin].filter(Boolean);
  if (r.origin !== null && r.origin !== "") {
    return allowed.includes(r.origin) ? null : `Yêu cầu thay đổi dữ liệu từ trang khác (${r.origin}) bị từ chối.`;
  }
  if (r.secFetchSite === "cross-site") return "Yêu cầu thay đổi dữ liệu từ trang khác bị từ chối.";
  return null;
}
