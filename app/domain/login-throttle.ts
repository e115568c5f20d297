// Sign-in rate limiting and lockout (issue 7), as a pure rule over recent attempts. An account is locked
// for LOCK_MINUTES after MAX_FAILURES wrong passwords in a row within the window (a success resets the
// count); one address is slowed after MAX_IP_FAILURES failures within the window, whichever names it tried.
// While locked even the right password is refused, so guessing gains nothing.
import { formatDateTime } from "./format.js";

export const LOGIN_THROTTLE = { maxFailures: 5, lockMinutes: 15, maxIpFailures: 30, windowMinutes: 15 } as const;

export type Attempt = { succeeded: boolean; at: number };

/**
 * Why a sign-in is refused now, or null. `byUser` and `byIp` are the attempts within the window, newest
 * first. The message says until when, in Vietnam time, and whom to ask.
 */
export function loginRefusal(byUser: readonly Attempt[], byIp: readonly Attempt[], now: number): string | null {
  const { maxFailures, lockMinutes, maxIpFailures, windowMinutes } = LOGIN_THROTTLE;
  const windowStart = now - windowMinutes * 60_000;
  const failuresInARow: Attempt[] = [];
  for (const a of byUser) {
    if (a.succeeded) break;
    if (a.at >= windowStart) failuresInARow.push(a);
  }
  if (failuresInARow.length >= maxFailures) {
    const until = failuresInARow[0]!.at + lockMinutes * 60_000;
    if (until > now) {
      return `Tài khoản tạm khoá do nhập sai mật khẩu ${maxFailures} lần liên tiếp. Vui lòng thử lại sau ${formatDateTime(new Date(until)).split(" ")[1]} (${lockMinutes} phút) hoặc liên hệ quản trị hệ thống.`;
    }
  }
  const ipFailures = byIp.filter((a) => !a.succeeded && a.at >= windowStart);
  if (ipFailures.length >= maxIpFailures) {
    const until = ipFailures[0]!.at + windowMinutes * 60_000;
    return `Có quá nhiều lần đăng nhập sai từ địa chỉ này. Vui lòng thử lại sau ${formatDateTime(new Date(until)).split(" ")[1]}.`;
  }
  return null;
}
