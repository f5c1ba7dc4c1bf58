// Support's log purge. The request body follows the engine's LogPurgeRequest.parse / LogFilter
// (from+to or around+window, optional match, regex, level, logger, correlationId); the REST paths
// are not served yet, so they live here, in one place, to match the routes when they land.
export const LOG_PURGE_PREVIEW = '/api/logs/purge/preview';
export const LOG_PURGE_RUN = '/api/logs/purge';

export interface LogSample {
  segment: string;
  timestamp: string;
  level: string;
  logger: string;
  correlationId?: string | null;
  message: string;
}

export interface LogPreview {
  lines: number;
  segmentsDeleted: number;
  segmentsRewritten: number;
  bytesAffected: number;
  skippedLines: number;
  samples: LogSample[];
}

export interface LogPurgeResult {
  linesRemoved: number;
  segmentsDeleted: number;
  segmentsRewritten: number;
  bytesBefore: number;
  bytesAfter: number;
  skippedLines: number;
}
