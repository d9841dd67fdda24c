/** The API as the console uses it: the key from sessionStorage as bearer token, errors as values. */

const KEY = 'minimis.key';

export const session = {
  key: (): string | null => sessionStorage.getItem(KEY),
  set: (key: string) => sessionStorage.setItem(KEY, key),
  clear: () => sessionStorage.removeItem(KEY),
};

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function api<T>(
  path: string,
  init: { method?: string; body?: unknown; raw?: BodyInit; type?: string; key?: string } = {},
): Promise<T> {
  const key = init.key ?? session.key();
  const headers: Record<string, string> = {};
  if (key !== null) headers.authorization = `Bearer ${key}`;
  let body: BodyInit | undefined;
  if (init.raw !== undefined) {
    body = init.raw;
    headers['content-type'] = init.type ?? 'application/octet-stream';
  } else if (init.body !== undefined) {
    body = JSON.stringify(init.body);
    headers['content-type'] = 'application/json';
  }
  let res: Response;
  try {
    res = await fetch(path, { method: init.method ?? 'GET', headers, body });
  } catch {
    throw new ApiFailure(0, 'NETWORK', 'The server could not be reached. Is `minimis serve` running?');
  }
  const text = await res.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    throw new ApiFailure(
      res.status,
      'BAD_REPLY',
      `The server answered ${res.status} with something that is not JSON`,
    );
  }
  if (!res.ok) {
    const e = (json as { error?: { code?: string; message?: string } } | undefined)?.error;
    throw new ApiFailure(res.status, e?.code ?? `HTTP_${res.status}`, e?.message ?? `HTTP ${res.status}`);
  }
  return json as T;
}

export type Role = 'filer' | 'officer' | 'analyst' | 'admin';
export interface Me {
  org: string;
  role: Role;
  /** The id of the key signed in with (an admin sees which key is its own). */
  keyId: number;
}

export interface Row {
  filingId: string;
  version: number;
  status: string;
  codes: string[];
  lane: string;
  score: number | null;
  kind: string;
  mode: string;
  filer: string;
  broker: string | null;
  port: string | null;
  origin: string | null;
  consignee: string | null;
  valueUsd: number | null;
  filedAt: string;
  arrivedAt: string | null;
}

/** Reads every page of a cursor-paged list (the queue holds 10,000+ rows; pages keep replies small). */
export async function allPages(path: string, limit = 5000, onPage?: (rows: Row[]) => void): Promise<Row[]> {
  const out: Row[] = [];
  let after: string | null = null;
  const sep = path.includes('?') ? '&' : '?';
  do {
    const cursor: string = after === null ? '' : `&after=${encodeURIComponent(after)}`;
    const page: { rows: Row[]; next: string | null } = await api(`${path}${sep}limit=${limit}${cursor}`);
    out.push(...page.rows);
    onPage?.(out.slice());
    after = page.next;
  } while (after !== null);
  return out;
}
