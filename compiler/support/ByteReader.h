//===- support/ByteReader.h - Checked reads from the binary format ---------===//
//
// A cursor over a byte range that knows its absolute offset in the module, so
// every error names the byte it concerns. LEB128 decoding follows the spec
// exactly: at most ceil(N/7) bytes for an N-bit integer, and the unused bits
// of the last byte must be zero (unsigned) or a sign extension (signed).
//
//===----------------------------------------------------------------------===//
#pragma once

#include "support/Error.h"

#include "llvm/ADT/ArrayRef.h"

#include <cstdint>
#include <string>

namespace wasmaot {

class ByteReader {
public:
  /// Reads Bytes, whose first byte is at absolute offset BaseOffset.
  explicit ByteReader(llvm::ArrayRef<uint8_t> Bytes, uint64_t BaseOffset = 0)
      : Begin(Bytes.data()), Cur(Bytes.data()), End(Bytes.data() + Bytes.size()),
        BaseOffset(BaseOffset) {}

  uint64_t offset() const { return BaseOffset + (Cur - Begin); }
  size_t remaining() const { return End - Cur; }
  bool atEnd() const { return Cur == End; }

  llvm::Expected<uint8_t> readByte();
  llvm::Expected<uint32_t> readVarU32();
  llvm::Expected<uint64_t> readVarU64();
  llvm::Expected<int32_t> readVarS32();
  llvm::Expected<int64_t> readVarS33();
  llvm::Expected<int64_t> readVarS64();
  llvm::Expected<uint32_t> readFixedU32();
  llvm::Expected<uint64_t> readFixedU64();
  llvm::Expected<llvm::ArrayRef<uint8_t>> readBytes(size_t N);
  /// A vec(byte) that must be valid UTF-8.
  llvm::Expected<std::string> readName();
  /// A vector length, rejected early when even MinElemSize bytes per element
  /// cannot fit in what remains (a length claiming 4 billion entries must not
  /// allocate).
  llvm::Expected<uint32_t> readVecLength(size_t MinElemSize = 1);

  /// A reader over the next N bytes, which this reader skips.
  llvm::Expected<ByteReader> subReader(size_t N);

  llvm::Error unexpectedEnd() const;

private:
  llvm::Expected<uint64_t> readUnsignedLEB(unsigned Bits);
  llvm::Expected<int64_t> readSignedLEB(unsigned Bits);

  const uint8_t *Begin;
  const uint8_t *Cur;
  const uint8_t *End;
  uint64_t BaseOffset;
};

/// True when Bytes is well-formed UTF-8 (no overlongs, surrogates or values
/// past U+10FFFF).
bool isValidUtf8(llvm::ArrayRef<uint8_t> Bytes);

} // namespace wasmaot
