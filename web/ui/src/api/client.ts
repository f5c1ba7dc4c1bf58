// A small fetch wrapper: bearer token from sessionStorage, problem+json errors as ApiError.

const TOKEN_KEY = 'lethe.token';

export interface FieldError {
  pointer: string;
  message: string;
}

export interface Problem {
  title?: string;
  status?: number;
  detail?: string;
  errors?: FieldError[];
  currentVersion?: number;
  correlationId?: string;
  /** A model save that would leave values of removed or retyped attributes: how many instances hold each. */
  attributes?: Record<string, number>;
}

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(status: number, problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }

  get fieldErrors(): FieldError[] {
    return this.problem.errors ?? [];
  }
}

export const tokenStore = {
  get: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  set: (token: string) => sessionStorage.setItem(TOKEN_KEY, token),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

let onUnauthorized: () => void = () => {};
export function setUnauthorizedHandler(handler: () => void) {
  onUnauthorized = handler;
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  ifMatch?: string | number;
}

export interface Answer<T> {
  data: T;
  etag: string | null;
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<Answer<T>> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const token = tokenStore.get();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.ifMatch !== undefined) headers['If-Match'] = `"${options.ifMatch}"`;
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError(0, { title: 'Network error', detail: 'The server cannot be reached.' });
  }
  const text = await response.text();
  const json: unknown = text ? safeParse(text) : null;
  if (!response.ok) {
    if (response.status === 401 && !path.endsWith('/auth/login')) onUnauthorized();
    const problem = (json && typeof json === 'object' ? json : { detail: text }) as Problem;
    throw new ApiError(response.status, { status: response.status, ...problem });
  }
  return { data: json as T, etag: response.headers.get('ETag') };
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  return (await request<T>(path, options)).data;
}

/** Version number out of an ETag such as "3" or W/"3". */
export function etagVersion(etag: string | null): number | undefined {
  if (!etag) return undefined;
  const n = Number(etag.replace('W/', '').replaceAll('"', ''));
  return Number.isFinite(n) ? n : undefined;
}

export const enc = encodeURIComponent;
