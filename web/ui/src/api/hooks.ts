import { useQuery } from '@tanstack/react-query';
import { api, enc, request, etagVersion } from './client';
import type { BlockType, Connector, Model, Sequence, VersionSummary } from './types';

export const keys = {
  models: ['models'] as const,
  model: (name: string) => ['models', name] as const,
  sequences: ['sequences'] as const,
  sequence: (name: string) => ['sequences', name] as const,
  versions: (base: string) => ['versions', base] as const,
  blockTypes: ['block-types'] as const,
  connectors: ['connectors'] as const,
};

export function useModels() {
  return useQuery({ queryKey: keys.models, queryFn: () => api<Model[]>('/api/models') });
}

export function useSequences() {
  return useQuery({ queryKey: keys.sequences, queryFn: () => api<Sequence[]>('/api/sequences') });
}

export function useConnectors() {
  return useQuery({ queryKey: keys.connectors, queryFn: () => api<Connector[]>('/api/connectors') });
}

export function useBlockTypes() {
  return useQuery({ queryKey: keys.blockTypes, queryFn: () => api<BlockType[]>('/api/block-types'), staleTime: Infinity });
}

/** A versioned document with the version its ETag names (what a save sends as If-Match). */
export interface Versioned<T> {
  doc: T;
  version: number | undefined;
}

export async function getVersioned<T>(path: string): Promise<Versioned<T>> {
  const answer = await request<T>(path);
  return { doc: answer.data, version: etagVersion(answer.etag) };
}

export function useVersioned<T>(key: readonly unknown[], path: string, enabled: boolean) {
  return useQuery({ queryKey: key, queryFn: () => getVersioned<T>(path), enabled });
}

export function useVersions(base: string) {
  return useQuery({ queryKey: keys.versions(base), queryFn: () => api<VersionSummary[]>(`${base}/versions`) });
}

export const paths = {
  model: (name: string) => `/api/models/${enc(name)}`,
  sequence: (name: string) => `/api/sequences/${enc(name)}`,
  connector: (name: string) => `/api/connectors/${enc(name)}`,
};
