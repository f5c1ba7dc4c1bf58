export type Role = 'designer' | 'admin' | 'support';

export interface Me {
  username: string;
  roles: Role[];
  createdAt?: string;
}

export interface LoginAnswer extends Me {
  token: string;
  expiresAt: string;
}

export type AttributeType = 'string' | 'number' | 'boolean' | 'date' | 'object' | 'list' | 'reference';
export type Sensitivity = 'none' | 'personal' | 'sensitive';

export interface Attribute {
  name: string;
  type: AttributeType;
  required?: boolean;
  defaultValue?: unknown;
  sensitivity?: Sensitivity;
  indexed?: boolean;
  reference?: string;
}

export interface Model {
  name: string;
  description?: string | null;
  attributes: Attribute[];
  /** Instances unchanged for this many days are deleted by the hourly housekeeping; none: kept until deleted. */
  retentionDays?: number | null;
  version?: number;
}

export interface Instance {
  id: string;
  model: string;
  data: Record<string, unknown>;
  active: boolean;
  createdAt: string;
  updatedAt: string;
  deactivatedAt?: string;
  /** Counts its writes: an edit sends it back (If-Match) to be refused if someone changed it meanwhile. */
  revision: number;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Stats {
  active: number;
  deactivated: number;
  note?: string;
}

export interface SchemaProperty {
  type?: string | string[];
  enum?: string[];
  description?: string;
  'x-lethe-kind': FieldKind;
}

export type FieldKind =
  | 'text' | 'number' | 'boolean' | 'value' | 'map' | 'code' | 'expression'
  | 'model' | 'sequence' | 'connector' | 'block' | 'choice';

export interface BlockType {
  type: string;
  description: string;
  outcomes: string[];
  configSchema: {
    properties: Record<string, SchemaProperty>;
    required: string[];
  };
}

export interface BlockDefinition {
  id: string;
  type: string;
  config: Record<string, unknown>;
  next?: Record<string, string>;
  /** Where the designer put the block on the graph; absent until placed (then laid out automatically). */
  position?: { x: number; y: number };
}

export type Trigger =
  | { type: 'http'; method: string; path: string; requireKey?: boolean; allowOrigins?: string[] }
  | { type: 'schedule'; cron: string; zone?: string }
  | { type: 'instance'; model: string; events: string[] };

export interface Sequence {
  name: string;
  description?: string | null;
  version?: number;
  entry: string;
  blocks: BlockDefinition[];
  triggers: Trigger[];
  settings?: { record: 'summary' | 'failures' | 'none'; timeoutMs: number };
}

export interface VersionSummary {
  number: number;
  author: string;
  savedAt: string;
  comment?: string | null;
  redactedAt?: string;
}

export interface Change {
  path: string;
  op: string;
  from?: unknown;
  to?: unknown;
}

export interface RunResult {
  executionId: string;
  status: string;
  output?: unknown;
  error?: string | null;
  path?: string[];
  response?: { status: number; headers: Record<string, string>; body: unknown };
}

export interface Execution {
  id: string;
  parentId?: string | null;
  sequence: string;
  version: number;
  trigger: string;
  triggerDetail?: string | null;
  status: string;
  startedAt: string;
  endedAt: string;
  durationMs: number;
  error?: string | null;
  path?: string[];
}

export interface Connector {
  name: string;
  description?: string | null;
  baseUrl: string;
  secretHeaderNames: string[];
  version?: number;
}

export interface User {
  username: string;
  roles: Role[];
  createdAt?: string;
}
