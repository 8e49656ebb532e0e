import { createHash } from 'node:crypto';

export const sha256 = (text: string | Buffer): string => createHash('sha256').update(text).digest('hex');
export const md5 = (text: string | Buffer): string => createHash('md5').update(text).digest('hex');
