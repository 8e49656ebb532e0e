import { hash } from 'node:crypto';

// One-shot hashing (Node ≥ 20.12): no Hash object per call; parse hashes every file of the project.
export const sha256 = (text: string | Buffer): string => hash('sha256', text);
export const md5 = (text: string | Buffer): string => hash('md5', text);
