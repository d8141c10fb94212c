// Identifiers and timestamps: random UUIDs as text ids, ISO 8601 UTC text as time, on both dialects.
import { randomUUID } from 'node:crypto';

export function newId(): string {
  return randomUUID();
}

export function nowIso(): string {
  return new Date().toISOString();
}

export function isoIn(ms: number): string {
  return new Date(Date.now() + ms).toISOString();
}
