// The HTTP API client: GET JSON, turn error bodies into ApiError with the API's message.

export class ApiError extends Error {
  constructor(status, message, parameter = null) {
    super(message);
    this.status = status;
    this.parameter = parameter;
  }
}

/** Query string from an object, leaving out empty values. */
export function query(params = {}) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

export async function getJSON(path, params = {}) {
  const response = await fetch(path + query(params), { headers: { Accept: "application/json" } });
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) {
    const message = body && body.error ? body.error : `${response.status} ${response.statusText}`;
    throw new ApiError(response.status, `${path}: ${message}`, body && body.parameter);
  }
  return body;
}

/** Follow next_cursor until there are no more pages or `max` items were read. */
export async function getAll(path, params, { pageSize = 500, max = 5000, key = "items" } = {}) {
  const items = [];
  let cursor = null;
  do {
    const page = await getJSON(path, { ...params, limit: pageSize, cursor });
    items.push(...page[key]);
    cursor = page.next_cursor;
  } while (cursor && items.length < max);
  return { items: items.slice(0, max), truncated: Boolean(cursor) };
}
