//===- support/ByteWriter.h - Bytes in the binary format's encodings -------===//
//
// The writing side of ByteReader: LEB128 integers, little-endian floats,
// names and vectors, appended to a growing buffer.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <vector>

namespace wasmaot {

class ByteWriter {
public:
  void byte(uint8_t B) { Bytes.push_back(B); }

  void uleb(uint64_t V) {
    do {
      uint8_t B = V & 0x7F;
      V >>= 7;
      byte(V ? B | 0x80 : B);
    } while (V);
  }

  void sleb(int64_t V) {
    while (true) {
      uint8_t B = V & 0x7F;
      V >>= 7; // arithmetic: the sign bit is replicated
      bool Done = (V == 0 && !(B & 0x40)) || (V == -1 && (B & 0x40));
      byte(Done ? B : B | 0x80);
      if (Done)
        return;
    }
  }

  /// Little-endian, Size bytes of V (floats' bits).
  void fixed(uint64_t V, unsigned Size) {
    for (unsigned I = 0; I < Size; ++I)
      byte(static_cast<uint8_t>(V >> (8 * I)));
  }

  void bytes(llvm::ArrayRef<uint8_t> B) { Bytes.insert(Bytes.end(), B.begin(), B.end()); }
  void bytes(llvm::StringRef S) { Bytes.insert(Bytes.end(), S.begin(), S.end()); }

  /// A name or a byte vector: its length, then its bytes.
  void name(llvm::StringRef S) {
    uleb(S.size());
    bytes(S);
  }

  /// A section or a function body: the size of Payload, then Payload.
  void sized(const ByteWriter &Payload) {
    uleb(Payload.size());
    bytes(Payload.data());
  }

  size_t size() const { return Bytes.size(); }
  bool empty() const { return Bytes.empty(); }
  llvm::ArrayRef<uint8_t> data() const { return Bytes; }
  std::vector<uint8_t> take() { return std::move(Bytes); }

private:
  std::vector<uint8_t> Bytes;
};

} // namespace wasmaot
