// Parsing what the client sends: LOGIN7, SQL batches and RPC calls (sp_executesql with typed parameters).

/** LOGIN7 (MS-TDS 2.2.6.4): user, password (de-obfuscated), database and requested packet size. */
export function parseLogin7(p) {
  const str = (at) => {
    const offset = p.readUInt16LE(at);
    const chars = p.readUInt16LE(at + 2);
    return p.subarray(offset, offset + chars * 2);
  };
  const pwd = Buffer.from(str(44)).map((b) => {
    const x = b ^ 0xa5;
    return ((x & 0x0f) << 4) | (x >> 4);
  });
  return {
    packetSize: p.readUInt32LE(8),
    user: str(40).toString('utf16le'),
    password: Buffer.from(pwd).toString('utf16le'),
    database: str(68).toString('utf16le'),
  };
}

const skipAllHeaders = (p) => p.readUInt32LE(0);

export function parseSqlBatch(p) {
  return p.subarray(skipAllHeaders(p)).toString('utf16le');
}

/** RPC: procedure (id or name) and its parameters as { name, type, value }. */
export function parseRpc(p) {
  const r = new Reader(p, skipAllHeaders(p));
  const nameLen = r.u16();
  const proc = nameLen === 0xffff ? r.u16() : r.utf16(nameLen);
  r.u16(); // option flags
  const params = [];
  while (r.pos < p.length) {
    const name = r.utf16(r.u8());
    r.u8(); // status flags
    params.push({ name, ...readTypedValue(r) });
  }
  return { proc, params };
}

class Reader {
  constructor(buf, pos) { this.buf = buf; this.pos = pos; }
  u8() { return this.buf[this.pos++]; }
  u16() { const v = this.buf.readUInt16LE(this.pos); this.pos += 2; return v; }
  u32() { const v = this.buf.readUInt32LE(this.pos); this.pos += 4; return v; }
  bytes(n) { const b = this.buf.subarray(this.pos, this.pos + n); this.pos += n; return b; }
  utf16(chars) { return this.bytes(chars * 2).toString('utf16le'); }
  plp() {
    const total = this.buf.readBigUInt64LE(this.pos);
    this.pos += 8;
    if (total === 0xffffffffffffffffn) return null;
    const parts = [];
    for (let len = this.u32(); len > 0; len = this.u32()) parts.push(this.bytes(len));
    return Buffer.concat(parts);
  }
}

/** Reads TYPE_INFO then the value, for the types mssql sends as parameters. */
function readTypedValue(r) {
  const type = r.u8();
  switch (type) {
    case 0x26: { r.u8(); const len = r.u8(); return { type: 'int', value: len === 0 ? null : readIntLE(r.bytes(len)) }; }
    case 0x68: { r.u8(); const len = r.u8(); return { type: 'bit', value: len === 0 ? null : r.u8() !== 0 }; }
    case 0x6d: { r.u8(); const len = r.u8(); const b = r.bytes(len); return { type: 'float', value: len === 0 ? null : len === 8 ? b.readDoubleLE(0) : b.readFloatLE(0) }; }
    case 0x6a: case 0x6c: return readDecimal(r);
    case 0xe7: case 0xa7: case 0xef: case 0xaf: return readString(r, type);
    case 0xa5: case 0xad: { const max = r.u16(); const b = max === 0xffff ? r.plp() : readShort(r); return { type: 'varbinary', value: b }; }
    case 0x6f: { r.u8(); const len = r.u8(); return { type: 'datetime', value: len === 0 ? null : readDateTime(r.bytes(len)) }; }
    case 0x28: { const len = r.u8(); return { type: 'date', value: len === 0 ? null : { days: readUIntLE(r.bytes(3)) - 719162 } }; }
    case 0x29: case 0x2a: case 0x2b: return readTimeFamily(r, type);
    case 0x24: { r.u8(); const len = r.u8(); return { type: 'uniqueidentifier', value: len === 0 ? null : guidText(r.bytes(16)) }; }
    default: throw new Error(`Parameter type 0x${type.toString(16)} is not emulated`);
  }
}

function readShort(r) {
  const len = r.u16();
  return len === 0xffff ? null : r.bytes(len);
}

function readString(r, type) {
  const max = r.u16();
  r.bytes(5); // collation
  const b = max === 0xffff ? r.plp() : readShort(r);
  const wide = type === 0xe7 || type === 0xef;
  return { type: 'nvarchar', value: b === null ? null : b.toString(wide ? 'utf16le' : 'latin1') };
}

function readDecimal(r) {
  r.u8();
  r.u8(); // precision
  const scale = r.u8();
  const len = r.u8();
  if (len === 0) return { type: 'decimal', value: null };
  const sign = r.u8();
  const mag = readUIntLE(r.bytes(len - 1));
  return { type: 'decimal', value: { value: sign ? mag : -mag, scale } };
}

function readTimeFamily(r, type) {
  const scale = r.u8();
  const len = r.u8();
  if (len === 0) return { type: 'datetime2', value: null };
  const timeLen = scale <= 2 ? 3 : scale <= 4 ? 4 : 5;
  const units = readUIntLE(r.bytes(timeLen));
  const micros = (units * 10n ** BigInt(7 - scale)) / 10n;
  if (type === 0x29) return { type: 'time', value: { micros } };
  const days = readUIntLE(r.bytes(3)) - 719162n;
  if (type === 0x2b) r.bytes(2);
  return { type: type === 0x2b ? 'datetimeoffset' : 'datetime2', value: { micros: days * 86400000000n + micros } };
}

function readDateTime(b) {
  if (b.length === 4) return { micros: (BigInt(b.readUInt16LE(0)) - 25567n) * 86400000000n + BigInt(b.readUInt16LE(2)) * 60000000n };
  const days = BigInt(b.readInt32LE(0)) - 25567n;
  // The millisecond the client meant (tedious rounds 1/300 s ticks the same way), so `= @dt` finds the row.
  const ms = BigInt(Math.round((b.readUInt32LE(4) * 10) / 3));
  return { micros: days * 86400000000n + ms * 1000n };
}

function readUIntLE(b) {
  let v = 0n;
  for (let i = b.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[i]);
  return v;
}

function readIntLE(b) {
  const v = BigInt.asIntN(b.length * 8, readUIntLE(b));
  return b.length === 8 ? v : Number(v);
}

function guidText(b) {
  const h = Buffer.from([b[3], b[2], b[1], b[0], b[5], b[4], b[7], b[6], ...b.subarray(8)]).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
