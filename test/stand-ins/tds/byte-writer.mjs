// A growable little-endian byte buffer: rows are encoded into one of these per chunk, not one Buffer per value.
export class ByteWriter {
  constructor(size = 65536) {
    this.buf = Buffer.allocUnsafe(size);
    this.pos = 0;
  }

  ensure(n) {
    if (this.pos + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  u8(v) { this.ensure(1); this.buf[this.pos++] = v; }
  u16(v) { this.ensure(2); this.buf.writeUInt16LE(v, this.pos); this.pos += 2; }
  i16(v) { this.ensure(2); this.buf.writeInt16LE(v, this.pos); this.pos += 2; }
  i32(v) { this.ensure(4); this.buf.writeInt32LE(v, this.pos); this.pos += 4; }
  u32(v) { this.ensure(4); this.buf.writeUInt32LE(v, this.pos); this.pos += 4; }
  i64(v) { this.ensure(8); this.buf.writeBigInt64LE(BigInt(v), this.pos); this.pos += 8; }
  u64(v) { this.ensure(8); this.buf.writeBigUInt64LE(BigInt(v), this.pos); this.pos += 8; }
  /** PLP_NULL (0xFFFFFFFFFFFFFFFF) without a BigInt per NULL of an nvarchar(max) column. */
  plpNull() { this.ensure(8); for (let k = 0; k < 8; k++) this.buf[this.pos++] = 0xff; }
  f32(v) { this.ensure(4); this.buf.writeFloatLE(v, this.pos); this.pos += 4; }
  f64(v) { this.ensure(8); this.buf.writeDoubleLE(v, this.pos); this.pos += 8; }
  bytes(b) { this.ensure(b.length); this.buf.set(b, this.pos); this.pos += b.length; }
  /** Unsigned little-endian integer of `n` bytes from a non-negative bigint. */
  uintN(v, n) {
    this.ensure(n);
    if (n <= 6 && v < 281474976710656n) {
      this.buf.writeUIntLE(Number(v), this.pos, n);
      this.pos += n;
      return;
    }
    for (let i = 0; i < n; i++) { this.buf[this.pos++] = Number(v & 0xffn); v >>= 8n; }
  }
  utf16(s) {
    this.ensure(s.length * 2);
    this.pos += this.buf.write(s, this.pos, 'utf16le');
  }

  /** Hands the bytes over and starts afresh. */
  take() {
    const out = Buffer.from(this.buf.subarray(0, this.pos));
    this.pos = 0;
    return out;
  }
}
