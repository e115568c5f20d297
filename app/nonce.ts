// The per-response CSP nonce: entry.server.tsx makes one for each HTML document and provides it; the
// root layout gives it to the only inline scripts there are (Remix's and Mantine's colour scheme). In
// the browser it is empty: the attribute is only read when the document is parsed.
import { createContext, useContext } from "react";

export const NonceContext = createContext<string | undefined>(undefined);

export function useNonce(): string | undefined {
  return useContext(NonceContext);
}
