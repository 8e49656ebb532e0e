import type { Tok } from './token-list.mjs';

/** A CREATE TABLE's column list with the constraints Snowflake does not enforce taken out (primary key columns NOT NULL). */
export function rewriteConstraints(toks: Tok[]): Tok[];
/** `create table t (<columns>) as <query>` as a create and an insert (Snowflake SQL); undefined for any other statement. */
export function splitCreateTableAs(toks: Tok[]): { create: string; insert: string } | undefined;
