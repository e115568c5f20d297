// Success messages shown as a toast after a redirect (one toast path for the whole app).
import { createCookie, redirect } from "@remix-run/node";

export type Toast = { id: string; message: string; kind: "success" | "error" };

const toastCookie = createCookie("ktcv_toast", { path: "/", httpOnly: true, sameSite: "lax", maxAge: 60 });

export async function redirectWithToast(url: string, message: string, kind: Toast["kind"] = "success", init?: ResponseInit) {
  const headers = new Headers(init?.headers);
  const toast: Toast = { id: crypto.randomUUID(), message, kind };
  headers.append("Set-Cookie", await toastCookie.serialize(toast));
  return redirect(url, { ...init, headers });
}

/** Reads the pending toast and the header that clears it. */
export async function readToast(request: Request): Promise<{ toast: Toast | null; headers: Headers }> {
  const value = (await toastCookie.parse(request.headers.get("Cookie"))) as Toast | null;
  const headers = new Headers();
  if (value) headers.append("Set-Cookie", await toastCookie.serialize("", { maxAge: 0 }));
  return { toast: value && typeof value.message === "string" ? value : null, headers };
}
