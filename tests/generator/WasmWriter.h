//===- tests/generator/WasmWriter.h - Bytes of the binary format -----------===//
//
// The generator writes the binary format itself, independent of the
// compiler's decoder and opcode tables: a differential test that shared the
// decoder's idea of an encoding could not catch a mistake in it.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

namespace wasmaot::gen {

class WasmWriter {
public:
  void byte(uint8_t B) { Bytes.push_back(B); }

  void uleb(uint64_t V) {
    do {
      uint8_t B = V & 0x7f;
      V >>= 7;
      byte(V ? B | 0x80 : B);
    } while (V);
  }

  void sleb(int64_t V) {
    for (;;) {
      uint8_t B = V & 0x7f;
      V >>= 7; // arithmetic: the sign is kept
      bool Done = (V == 0 && !(B & 0x40)) || (V == -1 && (B & 0x40));
      byte(Done ? B : B | 0x80);
      if (Done)
        return;
    }
  }

  void fixed(uint64_t V, unsigned Size) {
    for (unsigned K = 0; K < Size; ++K)
      byte(static_cast<uint8_t>(V >> (8 * K)));
  }

  void name(std::string_view S) {
    uleb(S.size());
    Bytes.insert(Bytes.end(), S.begin(), S.end());
  }

  void append(const WasmWriter &Other) {
    Bytes.insert(Bytes.end(), Other.Bytes.begin(), Other.Bytes.end());
  }

  /// Section Id holding what Payload wrote, with its size.
  void section(uint8_t Id, const WasmWriter &Payload) {
    byte(Id);
    uleb(Payload.Bytes.size());
    append(Payload);
  }

  std::vector<uint8_t> Bytes;
};

} // namespace wasmaot::gen
