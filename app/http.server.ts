// Responses thrown by loaders and actions; the root ErrorBoundary shows their Vietnamese text.

/** Throws 404 unless the value exists. Also used when a record lies outside the user's scope: no leak. */
export function invariantFound<T>(value: T | null | undefined, message = "Không tìm thấy bản ghi, hoặc bản ghi nằm ngoài phạm vi của bạn."): T {
  if (value === null || value === undefined) throw new Response(message, { status: 404, statusText: "Not Found" });
  return value;
}

export function badRequest(message: string): Response {
  return new Response(message, { status: 400, statusText: "Bad Request" });
}
