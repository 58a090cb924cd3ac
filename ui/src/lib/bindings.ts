// Generated from Keel's Rust types by src-tauri/src/bindings.rs; do not edit by hand.
// Regenerate with `make bindings`; a test fails when this file drifts from the Rust types.

export type Sector = "commercial" | "public-sector";

export type Organisation = { 
/**
 * Database identifier; stable for the life of the database.
 */
id: number, name: string, sector: Sector, 
/**
 * Its sites, sorted.
 */
sites: Array<string>, 
/**
 * When the organisation was first recorded (UTC, RFC 3339).
 */
createdAt: string, };

export type ErrorCode = "invalid_name" | "duplicate_name" | "database_unavailable" | "database_error" | "internal";

export type IpcError = { code: ErrorCode, message: string, };

export type DatabaseStatus = { 
/**
 * The database file in use.
 */
path: string, 
/**
 * Why the database could not be opened; `null` when it is ready.
 */
problem: IpcError | null, };

/** Every sector with its label, in the order the UI offers them. */
export const SECTORS: ReadonlyArray<{ id: Sector; label: string }> = [
  { id: "commercial", label: "Commercial" },
  { id: "public-sector", label: "Public sector" },
];
